package record

import (
	"fmt"
	"strconv"
	"time"

	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/servicehours"
)

// Source is where a record was read: a file and a line. Records built in
// code have the zero Source; problems found later (a priority with no
// target) name it, so a bad file is reported line by line.
type Source struct {
	File string // the file's name as given to the reader
	Line int    // 1-based; 0 when not known
}

func (s Source) pos() problem.Pos { return problem.At(s.File, s.Line) }

// firsts remembers where each record's key was first given, so that a
// check names the line of the first when a key is given twice.
type firsts[K comparable] map[K]Source

// repeated reports whether k was given before, with the message saying
// where ("given twice (first at line 3)"); otherwise it remembers src as
// k's first place.
func (f firsts[K]) repeated(k K, src Source) (string, bool) {
	first, dup := f[k]
	if !dup {
		f[k] = src
		return "", false
	}
	if first.Line > 0 {
		return fmt.Sprintf("given twice (first at line %d)", first.Line), true
	}
	return "given twice", true
}

// id records the problems of a record's id, which must be given and
// unique among the records checked: empty, or given twice.
func (f firsts[K]) id(ps *problem.List, p problem.Pos, who string, id K, src Source) {
	var none K
	if id == none {
		ps.Record(p, who, "id", "empty")
	} else if msg, dup := f.repeated(id, src); dup {
		ps.Record(p, who, "id", "%s", msg)
	}
}

// PriorityChange is a ticket's priority changing to Priority at At.
type PriorityChange struct {
	At       time.Time // when the priority changed
	Priority string    // the priority it changed to
}

// Reopen is a ticket resolved at Resolved and reopened at Reopened, the
// gap between two of its cycles.
type Reopen struct {
	Resolved time.Time // the resolution reopened
	Reopened time.Time // when it was reopened
}

// Ticket is one record of an ITSM tool: an incident, a service request, a
// problem. Times are instants; the zero time.Time means "not happened":
// a ticket with a zero Resolved is open.
//
// A ticket's cycles run from Logged (or the start field) to the first
// resolution, and from each reopen to the next resolution. Resolved is the
// final resolution; Reopens lists the earlier resolutions, each with the
// instant it was reopened, in order. A ticket reopened and not resolved
// again has a zero Resolved and at least one Reopen.
//
// The zero Ticket is invalid: it has no id, kind, priority or logged time.
type Ticket struct {
	ID          string // the ticket's id, such as "INC0042"
	Org         string // the organisation served
	Kind        string // such as "incident" or "request"; a clock's options name the kinds measured
	RequestType string // the catalogue item of a request; informational
	Priority    string // the initial priority, such as "P2"

	PriorityChanges []PriorityChange        // in order of At
	Logged          time.Time               // when the ticket was logged
	Times           map[string]time.Time    // further named timestamps, such as "responded", for a clock that starts at one
	Resolved        time.Time               // the final resolution; zero while open
	Closed          time.Time               // zero until closed
	Holds           []servicehours.Interval // the intervals the ticket was on hold
	Reopens         []Reopen                // the earlier resolutions, each with when it was reopened, in order

	FirstLine    bool        // resolved by the first line (service desk) without referral
	FirstContact bool        // resolved during the first contact with the user
	Channel      string      // such as "phone", "portal", "email"; informational
	Exclusion    string      // why the ticket is excluded from measurement; empty when it is not
	Tool         ToolVerdict // the ITSM tool's own verdict, for reconciliation; may be unknown

	Source Source // where the ticket was read
}

// Name returns the ticket as messages name it: ticket "INC0042".
func (t *Ticket) Name() string { return "ticket " + strconv.Quote(t.ID) }

// end returns the instant the ticket's life ends for the checks: its final
// resolution or closure, whichever is later; zero while open.
func (t *Ticket) end() time.Time {
	if t.Closed.After(t.Resolved) {
		return t.Closed
	}
	return t.Resolved
}

// CheckTickets reports every problem with tickets on their own: an empty
// id, kind, priority or logged time, an empty priority in a change, ids
// given twice, and each ticket's CheckTimes problems. Problems name the
// ticket, its field and its Source, and wrap ErrInvalidRecord.
func CheckTickets(tickets []Ticket) error {
	ps := &problem.List{}
	seen := make(firsts[string], len(tickets))
	for i := range tickets {
		t := &tickets[i]
		p, who := t.Source.pos(), t.Name()
		for _, f := range []struct{ name, v string }{{"id", t.ID}, {"kind", t.Kind}, {"priority", t.Priority}} {
			if f.v == "" {
				ps.Record(p, who, f.name, "empty")
			}
		}
		if t.Logged.IsZero() {
			ps.Record(p, who, "logged", "empty")
		}
		for j, c := range t.PriorityChanges {
			if c.Priority == "" {
				ps.Record(p, who, fmt.Sprintf("priority-changes[%d]", j), "empty priority")
			}
		}
		t.checkTimes(ps)
		if msg, dup := seen.repeated(t.ID, t.Source); dup && t.ID != "" {
			ps.Record(p, who, "id", "%s", msg)
		}
	}
	return ps.Err()
}

// CheckTimes reports every problem with the order of t's instants: a
// resolution or closure before it was logged, a closure before the
// resolution or without one, a named timestamp before it was logged,
// reopens out of order or after the final resolution, holds with no end,
// outside the ticket's life or overlapping one another, priority changes
// out of order or after the ticket ended. A ticket with no logged time
// has none of these problems (CheckTickets reports it). Problems name the
// ticket, its field and its Source, and wrap ErrInvalidRecord.
func (t *Ticket) CheckTimes() error {
	ps := &problem.List{}
	t.checkTimes(ps)
	return ps.Err()
}

func (t *Ticket) checkTimes(ps *problem.List) {
	p, who := t.Source.pos(), t.Name()
	bad := func(field, format string, args ...any) { ps.Record(p, who, field, format, args...) }
	if t.Logged.IsZero() {
		return
	}
	stamp := problem.Stamp
	if !t.Resolved.IsZero() && t.Resolved.Before(t.Logged) {
		bad("resolved", "%s before logged %s", stamp(t.Resolved), stamp(t.Logged))
	}
	if !t.Closed.IsZero() {
		switch {
		case t.Closed.Before(t.Logged):
			bad("closed", "%s before logged %s", stamp(t.Closed), stamp(t.Logged))
		case !t.Resolved.IsZero() && t.Closed.Before(t.Resolved):
			bad("closed", "%s before resolved %s", stamp(t.Closed), stamp(t.Resolved))
		case t.Resolved.IsZero():
			bad("closed", "%s but never resolved", stamp(t.Closed))
		}
	}
	for name, at := range t.Times {
		if at.Before(t.Logged) {
			bad("at-"+name, "%s before logged %s", stamp(at), stamp(t.Logged))
		}
	}
	end := t.end()
	prev := t.Logged
	for i, r := range t.Reopens {
		f := fmt.Sprintf("reopens[%d]", i)
		switch {
		case r.Resolved.IsZero() || r.Reopened.IsZero():
			bad(f, "want both the resolution and the reopening")
		case r.Resolved.Before(prev):
			bad(f, "resolved %s before %s", stamp(r.Resolved), stamp(prev))
		case !r.Reopened.After(r.Resolved):
			bad(f, "reopened %s not after resolved %s", stamp(r.Reopened), stamp(r.Resolved))
		case !t.Resolved.IsZero() && t.Resolved.Before(r.Reopened):
			bad(f, "reopened %s after the final resolution %s", stamp(r.Reopened), stamp(t.Resolved))
		default:
			prev = r.Reopened
		}
	}
	for i, h := range t.Holds {
		f := fmt.Sprintf("holds[%d]", i)
		switch {
		case h.Start.IsZero() || h.End.IsZero():
			bad(f, "want a start and an end")
		case !h.End.After(h.Start):
			bad(f, "end %s not after start %s", stamp(h.End), stamp(h.Start))
		case h.Start.Before(t.Logged):
			bad(f, "starts %s before logged %s", stamp(h.Start), stamp(t.Logged))
		case !end.IsZero() && h.End.After(end):
			bad(f, "ends %s after the ticket ended %s", stamp(h.End), stamp(end))
		}
		for j := range i {
			o := t.Holds[j]
			if h.Start.Before(o.End) && o.Start.Before(h.End) {
				bad(f, "overlaps holds[%d] (%s/%s)", j, stamp(o.Start), stamp(o.End))
			}
		}
	}
	prev = t.Logged
	for i, c := range t.PriorityChanges {
		f := fmt.Sprintf("priority-changes[%d]", i)
		switch {
		case c.Priority == "":
		case c.At.Before(prev):
			bad(f, "at %s before %s", stamp(c.At), stamp(prev))
		case !end.IsZero() && c.At.After(end):
			bad(f, "at %s after the ticket ended %s", stamp(c.At), stamp(end))
		default:
			prev = c.At
		}
	}
}

// ToolVerdict is the ITSM tool's own view of a ticket, kept for
// reconciliation. The zero ToolVerdict means the tool gave none.
type ToolVerdict uint8

// The values of ToolVerdict.
const (
	ToolMet      ToolVerdict = iota + 1 // met: the tool says the target was met
	ToolBreached                        // breached: the tool says it was breached
)

var toolVerdictWords = words.New[ToolVerdict]("verdict", 1, "met", "breached")

// String returns the text form, such as "met"; the zero ToolVerdict gives
// "none".
func (v ToolVerdict) String() string {
	if v == 0 {
		return "none"
	}
	return toolVerdictWords.String(v)
}

// MarshalText implements encoding.TextMarshaler; the zero ToolVerdict, no
// verdict, marshals to empty text.
func (v ToolVerdict) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return toolVerdictWords.Marshal(v)
}

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than met and breached with an error wrapping kpi.ErrUnknownWord.
// Empty text gives the zero ToolVerdict.
func (v *ToolVerdict) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*v = 0
		return nil
	}
	return toolVerdictWords.Unmarshal(v, b)
}
