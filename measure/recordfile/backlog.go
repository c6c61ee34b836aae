package recordfile

import (
	"io"
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
	type key struct {
		snapshot int64
		id       string
	}
	entries := firstLines[key]{}
	return readFile(name, r, backlogColumns, backlogRequired, "", named("ticket"), func(x rowOf) record.BacklogEntry {
		e := record.BacklogEntry{ID: x.text("id"), Source: x.source()}
		x.get("id").nonEmpty()
		e.Snapshot, _ = x.get("snapshot").instant(zone, true)
		e.Org = x.text("organisation")
		if c := x.get("kind"); c.nonEmpty() {
			e.Kind = c.text
		}
		e.Logged, _ = x.get("logged").instant(zone, true)
		if e.ID != "" && !e.Snapshot.IsZero() {
			entries.once(x, key{e.Snapshot.UnixNano(), e.ID}, "id", "given twice (first at line %d) in snapshot "+problem.Stamp(e.Snapshot))
		}
		return e
	}, record.CheckBacklog)
}
