package measure

import (
	"io"
	"strconv"
	"time"
)

// The columns of a backlog snapshots file.
var (
	backlogColumns  = []string{"snapshot", "id", "organisation", "kind", "logged"}
	backlogRequired = backlogColumns
)

// ReadBacklog reads a backlog snapshots file, CSV with a header row, as
// docs/records.md describes: one row per ticket open at each snapshot.
// name and zone are as for ReadTickets. It checks the entries as
// CheckBacklog does and reports every problem, each an *Error naming the
// file, line, column, ticket and field and wrapping ErrInvalidRecord; on
// any problem it returns no entries.
func ReadBacklog(name string, r io.Reader, zone *time.Location) ([]BacklogEntry, error) {
	ps := &problems{}
	t := readCSV(ps, name, r, backlogColumns, backlogRequired, "")
	if t == nil {
		return nil, ps.err()
	}
	var out []BacklogEntry
	type key struct {
		snapshot int64
		id       string
	}
	first := map[key]int{}
	for ri := range t.rows {
		rw := &t.rows[ri]
		before := len(ps.list)
		id, _ := t.get(rw, "id")
		who := "ticket " + strconv.Quote(id)
		get := func(col string) cell { return t.cell(ps, rw, who, col) }
		e := BacklogEntry{ID: id, Source: Source{File: name, Line: rw.line}}
		get("id").nonEmpty()
		e.Snapshot, _ = get("snapshot").instant(zone, true)
		e.Org, _ = t.get(rw, "organisation")
		if c := get("kind"); c.nonEmpty() {
			e.Kind = c.text
		}
		e.Logged, _ = get("logged").instant(zone, true)
		if k := (key{e.Snapshot.UnixNano(), id}); id != "" && !e.Snapshot.IsZero() {
			if line, dup := first[k]; dup {
				_, p := t.get(rw, "id")
				ps.record(p, who, "id", "given twice (first at line %d) in snapshot %s", line, stamp(e.Snapshot))
			} else {
				first[k] = rw.line
			}
		}
		if len(ps.list) == before {
			out = append(out, e)
		}
	}
	checkBacklog(ps, out)
	if !ps.ok() {
		return nil, ps.err()
	}
	return out, nil
}
