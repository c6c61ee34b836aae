package measure

import (
	"fmt"
	"slices"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// BacklogRule says how the backlog older than a number of days is
// measured: 100 x tickets older than OlderThan days / tickets open, at
// the month's snapshot. Every field is required.
//
// The zero BacklogRule is invalid: Validate names every field not set.
type BacklogRule struct {
	KPI       string        `yaml:"kpi"`        // the contract's id of the KPI measured
	Kinds     []string      `yaml:"kinds"`      // the ticket kinds in the backlog, such as incident and request
	OlderThan int           `yaml:"older-than"` // N: a ticket counts as old when older than N days
	Age       Age           `yaml:"age"`        // how the age is counted
	Snapshot  Snapshot      `yaml:"snapshot"`   // which snapshot stands for the month
	Zone      string        `yaml:"zone"`       // the IANA zone of the months and of calendar days
	Precision kpi.Precision `yaml:"precision"`  // the KPI's precision: the one rounding
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r BacklogRule) Validate() error { return validate(r.problems) }

func (r BacklogRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	kindsProblems(ps, r.Kinds)
	if r.OlderThan <= 0 {
		ps.Option("older-than", "not positive (want the number of days, such as 30)")
	}
	if !ageWords.Valid(r.Age) {
		ps.Option("age", "not set (want one of %s)", ageWords.Join())
	}
	if !snapshotWords.Valid(r.Snapshot) {
		ps.Option("snapshot", "not set (want one of %s)", snapshotWords.Join())
	}
	return loc
}

// Backlog returns the share of org's open tickets older than r.OlderThan
// days at month's snapshot: 100 x old / open, rounded once. entries may
// be a whole file of snapshots: the snapshot r.Snapshot names is chosen
// (the latest in the local month, or the earliest in the next), and its
// tickets of org of a kind r.Kinds names qualify, each listed with its
// age. Figure.Met counts the old tickets, the numerator. No snapshot, or
// no such ticket in it, is not applicable, "no qualifying records".
//
// It fails with record.ErrInvalidOptions for an invalid rule and with
// record.ErrInvalidRecord for invalid entries (CheckBacklog).
func Backlog(r BacklogRule, org string, month kpi.Month, entries []record.BacklogEntry) (Figure, error) {
	per, err := measuring(month, r.problems, record.CheckBacklog(entries))
	if err != nil {
		return Figure{}, err
	}
	loc := per.zone()
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
			old, age = d > limit, fmt.Sprintf("%s elapsed", record.Duration(d.Truncate(time.Second)))
		} else {
			days := kpi.LocalDate(at.In(loc)).Sub(kpi.LocalDate(e.Logged.In(loc)))
			old, age = days > r.OlderThan, fmt.Sprintf("%d calendar days", days)
		}
		l := Evidence{Record: e.ID, Org: e.Org, Counted: true, Met: old}
		if old {
			l.Why = fmt.Sprintf("open at %s, logged %s: %s, older than %d days", problem.Stamp(at.In(loc)), problem.Stamp(e.Logged.In(loc)), age, r.OlderThan)
		} else {
			l.Why = fmt.Sprintf("open at %s, logged %s: %s, not older than %d days", problem.Stamp(at.In(loc)), problem.Stamp(e.Logged.In(loc)), age, r.OlderThan)
		}
		t.counted++
		if old {
			t.met++
		}
		t.lines = append(t.lines, l)
	}
	f := proportion(r.KPI, org, month, r.Precision, t)
	if !at.IsZero() && f.Measurement.Absent == 0 {
		f.Measurement.Note = fmt.Sprintf("%d of %d open at the snapshot %s older than %d days (%s)", t.met, t.counted, problem.Stamp(at.In(loc)), r.OlderThan, r.Age)
	}
	return f, nil
}
