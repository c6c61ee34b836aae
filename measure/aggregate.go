package measure

import (
	"fmt"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/ticketclock"
)

// AggregateRule says how ticket results make a month's figures for one KPI. Every
// field is required.
//
// The zero AggregateRule is invalid: Validate names every field not set.
type AggregateRule struct {
	KPI         string        `yaml:"kpi"`          // the contract's id of the KPI measured
	Attribution Attribution   `yaml:"attribution"`  // which month a ticket counts in
	Orgs        []string      `yaml:"orgs"`         // the organisations measured; one empty name for a single-organisation contract
	Combine     Pooling       `yaml:"combine"`      // how the combined figure is made, or none
	CombinedOrg string        `yaml:"combined-org"` // the Org of the combined figure, such as "all"; required unless combine is none
	Zone        string        `yaml:"zone"`         // the IANA zone whose local months are the periods
	Precision   kpi.Precision `yaml:"precision"`    // the KPI's precision: the one rounding
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r AggregateRule) Validate() error { return validate(r.problems) }

func (r AggregateRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	if !attributionWords.Valid(r.Attribution) {
		ps.Option("attribution", "not set (want one of %s)", attributionWords.Join())
	}
	ps.Orgs(r.Orgs)
	combineProblems(ps, r.Combine, r.CombinedOrg)
	return loc
}

func combineProblems(ps *problem.List, how Pooling, org string) {
	switch {
	case !combineWords.Valid(how):
		ps.Option("combine", "not set (want one of %s)", combineWords.Join())
	case how == NoCombined && org != "":
		ps.Option("combined-org", "given although combine is none")
	case how != NoCombined && org == "":
		ps.Option("combined-org", "empty (want the name of the combined figure, such as all)")
	}
}

// Report is a month's figures for one KPI from ticket results, as of an
// instant.
type Report struct {
	KPI     string    // the KPI measured
	Month   kpi.Month // the month measured
	AsOf    time.Time // the instant the tickets were judged at
	Figures []Figure  // one per organisation in the rule's order, then the combined figure
}

// Aggregate derives the figures of month from ticket results judged at
// asOf. Each population is a set of results, such as every incident's
// response and every incident's restoration; their counts are summed, so
// "response met + restore met over twice the incidents" is two
// populations. Each ticket counts at most once in each population, in the
// month the rule's Attribution gives:
//
//   - resolved-in-period: met and breached tickets resolved in the month;
//   - logged-in-period: met and breached tickets logged in the month (open
//     ones are listed, not counted);
//   - logged-in-period-open-breaches-fail: as logged-in-period, and open
//     tickets past their deadline fail;
//   - outcome-known-in-period: met tickets in the month of resolution,
//     breached ones (open or resolved) in the month of the breach.
//
// Each ticket is judged against its own priority's target, so pooling
// across priorities is sound. Excluded and not-applicable tickets logged
// in the month are listed, not counted. An organisation with no counted
// ticket is not applicable, "no qualifying records", never 0% or 100%.
//
// Aggregate fails with record.ErrInvalidOptions if r is invalid or a result was
// judged at another instant than asOf, and with record.ErrInvalidRecord if a
// ticket appears twice in a population or its organisation is not one of
// r.Orgs.
func Aggregate(r AggregateRule, month kpi.Month, asOf time.Time, populations ...[]ticketclock.Judgement) (Report, error) {
	ps := &problem.List{}
	loc := r.problems(ps)
	if month.IsZero() {
		ps.Option("month", "not set")
	}
	if !ps.OK() {
		return Report{}, ps.Err()
	}
	p := periodOf(month, loc)
	ts := newTallies(r.Orgs)
	for pi, pop := range populations {
		seen := make(map[string]bool, len(pop))
		for i := range pop {
			res := &pop[i]
			who := "ticket " + fmt.Sprintf("%q", res.Ticket)
			if !res.AsOf.Equal(asOf) {
				ps.Add(problem.At(res.Source.File, res.Source.Line), who, "as-of", fmt.Sprintf("judged as of %s, the report is as of %s", problem.Stamp(res.AsOf), problem.Stamp(asOf)), problem.ErrInvalidOptions)
				continue
			}
			if seen[res.Ticket] {
				ps.Record(problem.At(res.Source.File, res.Source.Line), who, "id", "given twice in population %d", pi)
				continue
			}
			seen[res.Ticket] = true
			if !knownOrg(ps, problem.At(res.Source.File, res.Source.Line), who, res.Org, r.Orgs) {
				continue
			}
			if l, ok := attribute(r.Attribution, p, res); ok {
				l.Population, l.Record, l.Org = pi, res.Ticket, res.Org
				t := ts[res.Org]
				t.lines = append(t.lines, l)
				if l.Counted {
					t.counted++
					if l.Met {
						t.met++
					}
				}
			}
		}
	}
	if !ps.OK() {
		return Report{}, ps.Err()
	}
	return Report{KPI: r.KPI, Month: month, AsOf: asOf, Figures: figures(r.KPI, month, r.Precision, r.Combine, r.CombinedOrg, r.Orgs, ts)}, nil
}

// attribute returns res's line in period p, and false if it has none.
func attribute(a Attribution, p period, res *ticketclock.Judgement) (Evidence, bool) {
	met := func() (Evidence, bool) {
		return Evidence{Counted: true, Met: true, Why: "met: " + res.Explain()}, true
	}
	failed := func() (Evidence, bool) {
		return Evidence{Counted: true, Why: res.Verdict.String() + ": " + res.Explain()}, true
	}
	listed := func(why string) (Evidence, bool) {
		return Evidence{Why: why + ": " + res.Explain()}, true
	}
	switch res.Verdict {
	case ticketclock.Excluded, ticketclock.NotApplicable:
		if p.has(res.Logged) {
			return listed("not counted")
		}
		return Evidence{}, false
	}
	switch a {
	case ResolvedInPeriod:
		switch {
		case !p.has(res.Resolved):
		case res.Verdict == ticketclock.Met:
			return met()
		case res.Verdict == ticketclock.Breached:
			return failed()
		}
	case LoggedInPeriod, LoggedOpenBreachesFail:
		switch {
		case !p.has(res.Logged):
		case res.Verdict == ticketclock.Met:
			return met()
		case res.Verdict == ticketclock.Breached:
			return failed()
		case res.Verdict == ticketclock.OpenBreached && a == LoggedOpenBreachesFail:
			return failed()
		default:
			return listed("not counted, open at the as-of instant")
		}
	case OutcomeKnownInPeriod:
		switch res.Verdict {
		case ticketclock.Met:
			if p.has(res.Resolved) {
				return met()
			}
		case ticketclock.Breached, ticketclock.OpenBreached:
			if p.has(res.Breach) {
				return failed()
			}
		case ticketclock.OpenWithin:
			if p.has(res.Logged) {
				return listed("not counted, open within target at the as-of instant")
			}
		}
	}
	return Evidence{}, false
}
