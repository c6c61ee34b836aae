package measure

import (
	"fmt"
	"strconv"
	"time"

	"github.com/servicecredit/engine/servicehours"
)

// Source is where a record was read: a file and a line. Records built in
// code have the zero Source; problems found later (a priority with no
// target) name it, so a bad file is reported line by line.
type Source struct {
	File string
	Line int
}

func (s Source) pos() pos { return pos{file: s.File, line: s.Line} }

// PriorityChange is a ticket's priority changing to Priority at At.
type PriorityChange struct {
	At       time.Time
	Priority string
}

// Reopen is a ticket resolved at Resolved and reopened at Reopened, the
// gap between two of its cycles.
type Reopen struct {
	Resolved time.Time
	Reopened time.Time
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
	ID          string
	Org         string // the organisation served
	Kind        string // such as "incident" or "request"; ClockOptions.Kinds names those measured
	RequestType string // the catalogue item of a request; informational
	Priority    string // the initial priority, such as "P2"

	PriorityChanges []PriorityChange // in order of At
	Logged          time.Time
	Times           map[string]time.Time // further named timestamps, such as "responded", for ClockOptions.StartField
	Resolved        time.Time            // the final resolution; zero while open
	Closed          time.Time            // zero until closed
	Holds           []servicehours.Interval
	Reopens         []Reopen

	FirstLine    bool   // resolved by the first line (service desk) without referral
	FirstContact bool   // resolved during the first contact with the user
	Channel      string // such as "phone", "portal", "email"; informational
	Exclusion    string // why the ticket is excluded from measurement; empty when it is not
	Tool         Verdict

	Source Source // where the ticket was read
}

func (t *Ticket) name() string { return "ticket " + strconv.Quote(t.ID) }

// end returns the instant the ticket's life ends for the checks: its final
// resolution or closure, whichever is later; zero while open.
func (t *Ticket) end() time.Time {
	if t.Closed.After(t.Resolved) {
		return t.Closed
	}
	return t.Resolved
}

// problems records what is wrong with t on its own: missing fields,
// resolution before logging, holds and reopens outside its life or out of
// order, holds that overlap.
//
// The reader checks the empty fields itself, with their columns, and
// passes empties false.
func (t *Ticket) problems(ps *problems, empties bool) {
	p, who := t.Source.pos(), t.name()
	bad := func(field, format string, args ...any) { ps.record(p, who, field, format, args...) }
	if empties {
		for _, f := range []struct{ name, v string }{{"id", t.ID}, {"kind", t.Kind}, {"priority", t.Priority}} {
			if f.v == "" {
				bad(f.name, "empty")
			}
		}
	}
	if t.Logged.IsZero() {
		if empties {
			bad("logged", "empty")
		}
		return
	}
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
			bad(f, "empty priority")
		case c.At.Before(prev):
			bad(f, "at %s before %s", stamp(c.At), stamp(prev))
		case !end.IsZero() && c.At.After(end):
			bad(f, "at %s after the ticket ended %s", stamp(c.At), stamp(end))
		default:
			prev = c.At
		}
	}
}

// stamp formats an instant for messages, as RFC 3339 with its offset.
func stamp(t time.Time) string { return t.Format(time.RFC3339) }
