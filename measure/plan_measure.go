package measure

import (
	"fmt"
	"time"

	"github.com/servicecredit/engine/kpi"
)

// Records are the records a plan measures from, by kind. Each recipe
// reads the records of its kind (Recipe.Records) and selects those of
// its organisations and month itself.
type Records struct {
	Tickets   []Ticket
	Outages   []Outage
	Calls     []Call
	Responses []Response
	Counts    []ContactCount
	Backlog   []BacklogEntry
	Patches   []Patch
}

// Subject is the KPI a recipe measures, as the contract defines it: its
// id and its precision, the one rounding. The zero Subject is invalid.
type Subject struct {
	KPI       string
	Precision kpi.Precision
}

// NeedsAsOf reports whether the recipe judges records at an instant:
// ticket resolution (open tickets) and patch compliance (patches not yet
// due).
func (r Recipe) NeedsAsOf() bool {
	return r.TicketResolution != nil || r.PatchCompliance != nil
}

// Scale returns the scale of the survey responses the recipe reads, and
// false if it reads none.
func (r Recipe) Scale() (Scale, bool) {
	switch {
	case r.NPS != nil:
		return NPSScale(), true
	case r.Satisfaction != nil:
		return SatisfactionScale(r.Satisfaction.Top), true
	}
	return Scale{}, false
}

// NewClock returns the ticket clock of a ticket-resolution recipe on
// cals, the plan's calendars; it fails as NewClock does.
func (t TicketResolutionRecipe) NewClock(cals []*Calendar) (*Clock, error) {
	return NewClock(t.Clock, cals...)
}

// Measure derives the figures of s's KPI for month from recs: one per
// organisation of the recipe, in its order, then the combined figure of
// a ticket-resolution recipe that has one. Records are judged at asOf
// where the recipe needs an instant (NeedsAsOf). cals are the plan's
// calendars (Plan.BuildCalendars).
//
// It fails with ErrInvalidOptions for an invalid recipe or subject, a
// zero month, or a zero asOf where one is needed; and with
// ErrInvalidRecord for records with problems, measuring nothing.
func (r Recipe) Measure(s Subject, month kpi.Month, asOf time.Time, recs *Records, cals []*Calendar) ([]Figure, error) {
	ps := &problems{}
	r.problems(ps)
	if s.KPI == "" {
		ps.option("kpi", "empty")
	}
	precisionProblems(ps, s.Precision)
	if month.IsZero() {
		ps.option("month", "not set")
	}
	if r.NeedsAsOf() && asOf.IsZero() {
		ps.option("as-of", "not set (%s judges records at an instant)", r.Name())
	}
	if !ps.ok() {
		return nil, ps.err()
	}
	each := func(orgs []string, f func(org string) (Figure, error)) ([]Figure, error) {
		out := make([]Figure, 0, len(orgs))
		for _, o := range orgs {
			x, err := f(o)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	}
	id, p := s.KPI, s.Precision
	switch {
	case r.TicketResolution != nil:
		t := r.TicketResolution
		c, err := t.NewClock(cals)
		if err != nil {
			return nil, err
		}
		results, err := c.EvaluateAll(recs.Tickets, asOf)
		if err != nil {
			return nil, err
		}
		rep, err := Aggregate(Rule{KPI: id, Attribution: t.Attribution, Orgs: t.Orgs, Combine: t.Combine, CombinedOrg: t.CombinedOrg, Zone: t.Zone, Precision: p}, month, asOf, results)
		return rep.Figures, err
	case r.Availability != nil:
		a := r.Availability
		figs, err := Availability(AvailabilityRule{KPI: id, Org: a.Org, Services: a.Services, Planned: a.Planned, Minutes: a.Minutes,
			Weighting: a.Weighting, Pooled: a.Pooled, Orgs: a.Orgs, Unnamed: a.Unnamed, Precision: p}, month, recs.Outages, cals...)
		if err != nil {
			return nil, err
		}
		switch {
		case len(a.Orgs) > 0:
			return figs[len(figs)-len(a.Orgs):], nil
		case a.Pooled:
			return figs[len(a.Services) : len(a.Services)+1], nil
		}
		return figs[:1], nil
	case r.Abandonment != nil:
		a := r.Abandonment
		rule := AbandonRule{KPI: id, ShortThreshold: a.ShortThreshold, Short: a.Short, Zone: a.Zone, Precision: p}
		return each(a.Orgs, func(o string) (Figure, error) { return Abandonment(rule, o, month, recs.Calls) })
	case r.NPS != nil:
		rule := SurveyRule{KPI: id, Attribution: r.NPS.Attribution, Zone: r.NPS.Zone, Precision: p}
		return each(r.NPS.Orgs, func(o string) (Figure, error) { return NPS(rule, o, month, recs.Responses) })
	case r.Satisfaction != nil:
		x := r.Satisfaction
		rule := SatisfactionRule{MeanKPI: id, ShareKPI: id, Top: x.Top, Good: x.Good, Attribution: x.Attribution, Zone: x.Zone, Precision: p}
		return each(x.Orgs, func(o string) (Figure, error) {
			mean, share, err := Satisfaction(rule, o, month, recs.Responses)
			if x.Figure == MeanScore {
				return mean, err
			}
			return share, err
		})
	case r.PerUser != nil:
		rule := PerUserRule{KPI: id, Basis: r.PerUser.Basis, Precision: p}
		return each(r.PerUser.Orgs, func(o string) (Figure, error) { return PerUser(rule, o, month, recs.Counts) })
	case r.Resolved != nil:
		x := r.Resolved
		rule := ResolvedRule{KPI: id, Resolution: x.Resolution, Kinds: x.Kinds, Attribution: x.Attribution, Zone: x.Zone, Precision: p}
		return each(x.Orgs, func(o string) (Figure, error) { return Resolved(rule, o, month, recs.Tickets) })
	case r.Count != nil:
		x := r.Count
		rule := CountRule{KPI: id, Kinds: x.Kinds, Priorities: x.Priorities, Basis: x.Basis, Attribution: x.Attribution, Zone: x.Zone, Precision: p}
		return each(x.Orgs, func(o string) (Figure, error) { return Count(rule, o, month, recs.Tickets) })
	case r.Backlog != nil:
		x := r.Backlog
		rule := BacklogRule{KPI: id, Kinds: x.Kinds, OlderThan: x.OlderThan, Age: x.Age, Snapshot: x.Snapshot, Zone: x.Zone, Precision: p}
		return each(x.Orgs, func(o string) (Figure, error) { return Backlog(rule, o, month, recs.Backlog) })
	case r.PatchCompliance != nil:
		x := r.PatchCompliance
		rule := PatchRule{KPI: id, Within: x.Within, Deadline: x.Deadline, Classes: x.Classes, Attribution: x.Attribution, Zone: x.Zone, Precision: p}
		return each(x.Orgs, func(o string) (Figure, error) { return PatchCompliance(rule, o, month, asOf, recs.Patches) })
	}
	panic(fmt.Sprintf("measure: recipe %q validated but not measured", r.Name()))
}
