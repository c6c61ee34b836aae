package measure

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

// BacklogEntry is one ticket open at a backlog snapshot: the ITSM tool's
// list of open tickets at an instant.
//
// The zero BacklogEntry is invalid: it has no snapshot, id or logged time.
type BacklogEntry struct {
	Snapshot time.Time // the instant the snapshot was taken
	ID       string
	Org      string
	Kind     string // such as "incident" or "request"
	Logged   time.Time
	Source   Source
}

func (e *BacklogEntry) name() string { return "ticket " + strconv.Quote(e.ID) }

// BacklogRule says how the backlog older than a number of days is
// measured: 100 x tickets older than OlderThan days / tickets open, at
// the month's snapshot. Every field is required.
//
// The zero BacklogRule is invalid: Validate names every field not set.
type BacklogRule struct {
	KPI       string        `yaml:"kpi"`
	Kinds     []string      `yaml:"kinds"`      // the ticket kinds in the backlog, such as incident and request
	OlderThan int           `yaml:"older-than"` // N: a ticket counts as old when older than N days
	Age       Age           `yaml:"age"`        // how the age is counted
	Snapshot  Snapshot      `yaml:"snapshot"`   // which snapshot stands for the month
	Zone      string        `yaml:"zone"`       // the IANA zone of the months and of calendar days
	Precision kpi.Precision `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping ErrInvalidOptions.
func (r BacklogRule) Validate() error {
	ps := &problems{}
	r.problems(ps)
	return ps.err()
}

func (r BacklogRule) problems(ps *problems) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	kindsProblems(ps, r.Kinds)
	if r.OlderThan <= 0 {
		ps.option("older-than", "not positive (want the number of days, such as 30)")
	}
	if !ageWords.valid(uint8(r.Age)) {
		ps.option("age", "not set (want one of %s)", ageWords.list())
	}
	if !snapshotWords.valid(uint8(r.Snapshot)) {
		ps.option("snapshot", "not set (want one of %s)", snapshotWords.list())
	}
	return loc
}

// CheckBacklog reports every problem with entries on their own: no
// snapshot, id, kind or logged time, logged after the snapshot, a ticket
// given twice in one snapshot. Problems wrap ErrInvalidRecord.
func CheckBacklog(entries []BacklogEntry) error {
	ps := &problems{}
	checkBacklog(ps, entries)
	return ps.err()
}

func checkBacklog(ps *problems, entries []BacklogEntry) {
	type key struct {
		snapshot int64
		id       string
	}
	seen := map[key]Source{}
	for i := range entries {
		e := &entries[i]
		p, who := e.Source.pos(), e.name()
		if e.ID == "" {
			ps.record(p, who, "id", "empty")
		} else if k := (key{e.Snapshot.UnixNano(), e.ID}); !e.Snapshot.IsZero() {
			if first, dup := seen[k]; dup {
				ps.record(p, who, "id", "%s in snapshot %s", givenTwice(first), stamp(e.Snapshot))
			} else {
				seen[k] = e.Source
			}
		}
		if e.Kind == "" {
			ps.record(p, who, "kind", "empty")
		}
		switch {
		case e.Snapshot.IsZero():
			ps.record(p, who, "snapshot", "empty")
		case e.Logged.IsZero():
			ps.record(p, who, "logged", "empty")
		case e.Logged.After(e.Snapshot):
			ps.record(p, who, "logged", "%s after the snapshot %s", stamp(e.Logged), stamp(e.Snapshot))
		}
	}
}

// Backlog returns the share of org's open tickets older than r.OlderThan
// days at month's snapshot: 100 x old / open, rounded once. entries may
// be a whole file of snapshots: the snapshot r.Snapshot names is chosen
// (the latest in the local month, or the earliest in the next), and its
// tickets of org of a kind r.Kinds names qualify, each listed with its
// age. Figure.Met counts the old tickets, the numerator. No snapshot, or
// no such ticket in it, is not applicable, "no qualifying records".
//
// It fails with ErrInvalidOptions for an invalid rule and with
// ErrInvalidRecord for invalid entries (CheckBacklog).
func Backlog(r BacklogRule, org string, month kpi.Month, entries []BacklogEntry) (Figure, error) {
	ps := &problems{}
	loc := r.problems(ps)
	per := periodFor(ps, month, loc)
	checkBacklog(ps, entries)
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	in := per
	if r.Snapshot == FirstAfterMonth {
		in = periodOf(month.AddMonths(1), loc)
	}
	var at time.Time
	for i := range entries {
		s := entries[i].Snapshot
		if !in.has(s) {
			continue
		}
		if at.IsZero() || (r.Snapshot == LastInMonth && s.After(at)) || (r.Snapshot == FirstAfterMonth && s.Before(at)) {
			at = s
		}
	}
	t := &tally{}
	limit := time.Duration(r.OlderThan) * 24 * time.Hour
	for i := range entries {
		e := &entries[i]
		if at.IsZero() || !e.Snapshot.Equal(at) || e.Org != org || !slices.Contains(r.Kinds, e.Kind) {
			continue
		}
		var old bool
		var age string
		if r.Age == ElapsedHours {
			d := at.Sub(e.Logged)
			old, age = d > limit, fmt.Sprintf("%s elapsed", Duration(d.Truncate(time.Second)))
		} else {
			days := servicehours.LocalDate(at.In(loc)).Sub(servicehours.LocalDate(e.Logged.In(loc)))
			old, age = days > r.OlderThan, fmt.Sprintf("%d calendar days", days)
		}
		l := Line{Record: e.ID, Org: e.Org, Counted: true, Met: old}
		if old {
			l.Why = fmt.Sprintf("open at %s, logged %s: %s, older than %d days", stamp(at), stamp(e.Logged), age, r.OlderThan)
		} else {
			l.Why = fmt.Sprintf("open at %s, logged %s: %s, not older than %d days", stamp(at), stamp(e.Logged), age, r.OlderThan)
		}
		t.counted++
		if old {
			t.met++
		}
		t.lines = append(t.lines, l)
	}
	f := proportion(r.KPI, org, month, r.Precision, t)
	if !at.IsZero() && f.Measurement.Absent == 0 {
		f.Measurement.Note = fmt.Sprintf("%d of %d open at the snapshot %s older than %d days (%s)", t.met, t.counted, stamp(at), r.OlderThan, r.Age)
	}
	return f, nil
}
