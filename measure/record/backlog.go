package record

import (
	"strconv"
	"time"

	"github.com/servicecredit/engine/measure/internal/problem"
)

// BacklogEntry is one ticket open at a backlog snapshot: the ITSM tool's
// list of open tickets at an instant.
//
// The zero BacklogEntry is invalid: it has no snapshot, id or logged time.
type BacklogEntry struct {
	Snapshot time.Time // the instant the snapshot was taken
	ID       string    // the ticket's id
	Org      string    // the organisation served
	Kind     string    // such as "incident" or "request"
	Logged   time.Time // when the ticket was logged
	Source   Source    // where the entry was read
}

// Name returns the entry as messages name it: ticket "INC1".
func (e *BacklogEntry) Name() string { return "ticket " + strconv.Quote(e.ID) }

// CheckBacklog reports every problem with entries on their own: no
// snapshot, id, kind or logged time, logged after the snapshot, a ticket
// given twice in one snapshot. Problems wrap ErrInvalidRecord.
func CheckBacklog(entries []BacklogEntry) error {
	ps := &problem.List{}
	type key struct {
		snapshot int64
		id       string
	}
	seen := firsts[key]{}
	for i := range entries {
		e := &entries[i]
		p, who := e.Source.pos(), e.Name()
		if e.ID == "" {
			ps.Record(p, who, "id", "empty")
		} else if k := (key{e.Snapshot.UnixNano(), e.ID}); !e.Snapshot.IsZero() {
			if msg, dup := seen.repeated(k, e.Source); dup {
				ps.Record(p, who, "id", "%s in snapshot %s", msg, problem.Stamp(e.Snapshot))
			}
		}
		if e.Kind == "" {
			ps.Record(p, who, "kind", "empty")
		}
		switch {
		case e.Snapshot.IsZero():
			ps.Record(p, who, "snapshot", "empty")
		case e.Logged.IsZero():
			ps.Record(p, who, "logged", "empty")
		case e.Logged.After(e.Snapshot):
			ps.Record(p, who, "logged", "%s after the snapshot %s", problem.Stamp(e.Logged), problem.Stamp(e.Snapshot))
		}
	}
	return ps.Err()
}
