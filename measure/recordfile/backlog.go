package recordfile

import (
	"io"
	"strconv"
	"time"

	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
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
// file, line, column, ticket and field and wrapping record.ErrInvalidRecord; on
// any problem it returns no entries.
func ReadBacklog(name string, r io.Reader, zone *time.Location) ([]record.BacklogEntry, error) {
	ps := &problem.List{}
	t := readCSV(ps, name, r, backlogColumns, backlogRequired, "")
	if t == nil {
		return nil, ps.Err()
	}
	var out []record.BacklogEntry
	type key struct {
		snapshot int64
		id       string
	}
	first := map[key]int{}
	for ri := range t.rows {
		rw := &t.rows[ri]
		before := ps.Len()
		id, _ := t.get(rw, "id")
		who := "ticket " + strconv.Quote(id)
		get := func(col string) cell { return t.cell(ps, rw, who, col) }
		e := record.BacklogEntry{ID: id, Source: record.Source{File: name, Line: rw.line}}
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
				ps.Record(p, who, "id", "given twice (first at line %d) in snapshot %s", line, problem.Stamp(e.Snapshot))
			} else {
				first[k] = rw.line
			}
		}
		if ps.Len() == before {
			out = append(out, e)
		}
	}
	ps.Merge(record.CheckBacklog(out))
	if !ps.OK() {
		return nil, ps.Err()
	}
	return out, nil
}
