package plan

import (
	"fmt"
	"slices"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
)

// Subject is the KPI a recipe measures, as the contract defines it: its
// id and its precision, the one rounding. The zero Subject is invalid.
type Subject struct {
	KPI       string        // the contract's id of the KPI
	Precision kpi.Precision // the KPI's precision: the one rounding
}

// NeedsAsOf reports whether the recipe judges records at an instant:
// ticket resolution (open tickets) and patch compliance (patches not yet
// due).
func (r Recipe) NeedsAsOf() bool {
	return r.TicketResolution != nil || r.PatchCompliance != nil
}

// Scale returns the scale of the survey responses the recipe reads, and
// false if it reads none.
func (r Recipe) Scale() (record.Scale, bool) {
	switch {
	case r.NPS != nil:
		return record.NPSScale(), true
	case r.Satisfaction != nil:
		return record.SatisfactionScale(r.Satisfaction.Top), true
	}
	return record.Scale{}, false
}

// NewClock returns the ticket clock of a ticket-resolution recipe on
// cals, the plan's calendars; it fails as NewClock does.
func (t TicketResolutionRecipe) NewClock(cals []*ticketclock.Calendar) (*ticketclock.Clock, error) {
	return ticketclock.New(t.Clock, cals...)
}

// Measure derives the figures of s's KPI for each month from from to to,
// both included, from recs: for each month in turn, one figure per
// organisation of the recipe, in its order, then the combined figure of a
// ticket-resolution recipe that has one, or the pooled figure of a count,
// resolved, nps, satisfaction or backlog recipe with a combined-org: the
// organisations' records measured together, as one organisation's, so
// that its counts are the sums of theirs; its evidence keeps each record's
// own organisation. Records are judged at asOf where the recipe needs an
// instant (NeedsAsOf); a ticket-resolution recipe judges each ticket once
// for the whole range. cals are the plan's calendars
// (Plan.BuildCalendars).
//
// It fails with record.ErrInvalidOptions for an invalid recipe or
// subject, a zero or reversed range, or a zero asOf where one is needed;
// and with record.ErrInvalidRecord for records with problems, measuring
// nothing.
func (r Recipe) Measure(s Subject, from, to kpi.Month, asOf time.Time, recs *record.Set, cals []*ticketclock.Calendar) ([]measure.Figure, error) {
	ps := &problem.List{}
	r.problems(ps)
	if s.KPI == "" {
		ps.Option("kpi", "empty")
	}
	ps.Precision(s.Precision)
	switch {
	case from.IsZero() || to.IsZero():
		ps.Option("month", "not set")
	case to.Before(from):
		ps.Option("month", "%s..%s ends before it starts", from, to)
	}
	if r.NeedsAsOf() && asOf.IsZero() {
		ps.Option("as-of", "not set (%s judges records at an instant)", r.Name())
	}
	if !ps.OK() {
		return nil, ps.Err()
	}
	var judged []ticketclock.Judgement
	if t := r.TicketResolution; t != nil {
		c, err := t.NewClock(cals)
		if err != nil {
			return nil, err
		}
		if judged, err = c.EvaluateAll(recs.Tickets, asOf); err != nil {
			return nil, err
		}
	}
	var out []measure.Figure
	for m := from; !m.After(to); m = m.AddMonths(1) {
		figs, err := r.month(s, m, asOf, recs, cals, judged)
		if err != nil {
			return nil, err
		}
		out = append(out, figs...)
	}
	return out, nil
}

// month derives the figures of month, the recipe and subject valid; judged
// are the tickets judged, for ticket resolution.
func (r Recipe) month(s Subject, month kpi.Month, asOf time.Time, recs *record.Set, cals []*ticketclock.Calendar, judged []ticketclock.Judgement) ([]measure.Figure, error) {
	id, p := s.KPI, s.Precision
	switch {
	case r.TicketResolution != nil:
		t := r.TicketResolution
		rep, err := measure.Aggregate(measure.AggregateRule{KPI: id, Attribution: t.Attribution, Orgs: t.Orgs, Combine: t.Combine, CombinedOrg: t.CombinedOrg, Zone: t.Zone, Precision: p}, month, asOf, judged)
		return rep.Figures, err
	case r.Availability != nil:
		a := r.Availability
		figs, err := measure.Availability(measure.AvailabilityRule{KPI: id, Org: a.Org, Services: a.Services, Planned: a.Planned, Minutes: a.Minutes,
			Weighting: a.Weighting, Combine: a.Combine, Orgs: a.Orgs, Unnamed: a.Unnamed, Precision: p}, month, recs.Outages, cals...)
		if err != nil {
			return nil, err
		}
		switch {
		case len(a.Orgs) > 0:
			return figs[len(figs)-len(a.Orgs):], nil
		case a.Combine != measure.NoCombined:
			return figs[len(a.Services) : len(a.Services)+1], nil
		}
		return figs[:1], nil
	case r.Abandonment != nil:
		a := r.Abandonment
		rule := measure.AbandonRule{KPI: id, ShortThreshold: a.ShortThreshold, Short: a.Short, Zone: a.Zone, Precision: p}
		return eachOrg(a.Orgs, func(o string) (measure.Figure, error) { return measure.Abandonment(rule, o, month, recs.Calls) })
	case r.NPS != nil:
		rule := measure.SurveyRule{KPI: id, Attribution: r.NPS.Attribution, Zone: r.NPS.Zone, Precision: p}
		f := func(o string, rs []record.Response) (measure.Figure, error) { return measure.NPS(rule, o, month, rs) }
		return withPooled(r.NPS.Orgs, r.NPS.CombinedOrg, recs.Responses, responseOrg, f)
	case r.Satisfaction != nil:
		x := r.Satisfaction
		rule := measure.SatisfactionRule{MeanKPI: id, ShareKPI: id, Top: x.Top, Good: x.Good, Attribution: x.Attribution, Zone: x.Zone, Precision: p}
		f := func(o string, rs []record.Response) (measure.Figure, error) {
			mean, share, err := measure.Satisfaction(rule, o, month, rs)
			if x.Figure == MeanScore {
				return mean, err
			}
			return share, err
		}
		return withPooled(x.Orgs, x.CombinedOrg, recs.Responses, responseOrg, f)
	case r.PerUser != nil:
		rule := measure.PerUserRule{KPI: id, Basis: r.PerUser.Basis, Precision: p}
		return eachOrg(r.PerUser.Orgs, func(o string) (measure.Figure, error) { return measure.PerUser(rule, o, month, recs.Counts) })
	case r.Resolved != nil:
		x := r.Resolved
		rule := measure.ResolvedRule{KPI: id, Resolution: x.Resolution, Kinds: x.Kinds, Attribution: x.Attribution, Zone: x.Zone, Precision: p}
		f := func(o string, ts []record.Ticket) (measure.Figure, error) {
			return measure.Resolved(rule, o, month, ts)
		}
		return withPooled(x.Orgs, x.CombinedOrg, recs.Tickets, ticketOrg, f)
	case r.Count != nil:
		x := r.Count
		rule := measure.CountRule{KPI: id, Kinds: x.Kinds, Priorities: x.Priorities, Basis: x.Basis, Attribution: x.Attribution, Zone: x.Zone, Precision: p}
		f := func(o string, ts []record.Ticket) (measure.Figure, error) { return measure.Count(rule, o, month, ts) }
		return withPooled(x.Orgs, x.CombinedOrg, recs.Tickets, ticketOrg, f)
	case r.Backlog != nil:
		x := r.Backlog
		rule := measure.BacklogRule{KPI: id, Kinds: x.Kinds, OlderThan: x.OlderThan, Age: x.Age, Snapshot: x.Snapshot, Zone: x.Zone, Precision: p}
		f := func(o string, es []record.BacklogEntry) (measure.Figure, error) {
			return measure.Backlog(rule, o, month, es)
		}
		return withPooled(x.Orgs, x.CombinedOrg, recs.Backlog, backlogOrg, f)
	case r.PatchCompliance != nil:
		x := r.PatchCompliance
		rule := measure.PatchRule{KPI: id, Within: x.Within, Deadline: x.Deadline, Classes: x.Classes, Attribution: x.Attribution, Zone: x.Zone, Precision: p}
		return eachOrg(x.Orgs, func(o string) (measure.Figure, error) {
			return measure.PatchCompliance(rule, o, month, asOf, recs.Patches)
		})
	}
	panic(fmt.Sprintf("measure: recipe %q validated but not measured", r.Name()))
}

// eachOrg measures each of orgs with f, in order; nil and the first
// error if any fails.
func eachOrg(orgs []string, f func(org string) (measure.Figure, error)) ([]measure.Figure, error) {
	out := make([]measure.Figure, 0, len(orgs))
	for _, o := range orgs {
		x, err := f(o)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// The organisation and the id of each kind of record withPooled pools.
func ticketOrg(t *record.Ticket) (*string, string)        { return &t.Org, t.ID }
func responseOrg(r *record.Response) (*string, string)    { return &r.Org, r.ID }
func backlogOrg(e *record.BacklogEntry) (*string, string) { return &e.Org, e.ID }

// withPooled measures each of orgs from recs with f, then, when combined
// is not empty, the pooled figure: f on a copy of the records of orgs,
// each relabelled as combined's, so that the measure selects them all;
// its lines then get back their records' own organisations (org returns
// a record's organisation and its id). recs is not modified.
func withPooled[T any](orgs []string, combined string, recs []T, org func(*T) (*string, string),
	f func(string, []T) (measure.Figure, error)) ([]measure.Figure, error) {
	out, err := eachOrg(orgs, func(o string) (measure.Figure, error) { return f(o, recs) })
	if err != nil || combined == "" {
		return out, err
	}
	pooled := make([]T, 0, len(recs))
	own := map[string]string{} // a record's id and its own organisation
	for i := range recs {
		c := recs[i]
		o, id := org(&c)
		if !slices.Contains(orgs, *o) {
			continue
		}
		own[id] = *o
		*o = combined
		pooled = append(pooled, c)
	}
	all, err := f(combined, pooled)
	if err != nil {
		return nil, err
	}
	all.Evidence = slices.Clone(all.Evidence)
	for i := range all.Evidence {
		if o, ok := own[all.Evidence[i].Record]; ok {
			all.Evidence[i].Org = o
		}
	}
	return append(out, all), nil
}
