package measure

import (
	"fmt"
	"slices"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/shopspring/decimal"
)

// Figure is one derived measurement with the evidence for it: the counts
// it was computed from and, record by record, what was counted and why.
type Figure struct {
	// Measurement is the value for the KPI, organisation and month, rounded
	// once to the rule's precision; or absent (not-applicable, "no
	// qualifying records") when nothing qualified.
	Measurement kpi.Measurement

	// Met and Counted are the counts behind a proportion: the records that
	// met the standard and the records measured. Failed is Counted - Met,
	// for volume-dependent rules such as "39 or fewer tickets: at most 2
	// late". Other measures leave them zero and say what they summed in
	// Lines.
	Met, Failed, Counted int

	// Service is the service measured, for a service's availability;
	// empty for a pooled figure and for other measures.
	Service string

	// Evidence explains the figure record by record, in input order.
	Evidence []Evidence

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Evidence is one record's part in a figure: whether it counts, and why.
type Evidence struct {
	Population int    // which population (result set) the record came from, 0-based
	Record     string // the record's id
	Org        string // the record's organisation
	Counted    bool   // whether it counts in the figure
	Met        bool   // whether it counts as meeting the standard
	Why        string // what was counted and why, or why it was not
}

// NoRecords is the Note of a figure with no qualifying records.
const NoRecords = "no qualifying records"

// tally accumulates a proportion per organisation.
type tally struct {
	met, counted int
	lines        []Evidence
}

// proportion returns the figure 100 * met / counted, rounded once as p
// says, or not applicable with no records.
func proportion(id, org string, m kpi.Month, p kpi.Precision, t *tally) Figure {
	f := Figure{Met: t.met, Counted: t.counted, Failed: t.counted - t.met, Evidence: t.lines}
	f.Measurement = kpi.Measurement{KPI: id, Org: org, Month: m}
	if t.counted == 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, NoRecords
		return f
	}
	num, den := decimal.NewFromInt(int64(t.met)), decimal.NewFromInt(int64(t.counted))
	v, _ := p.Quotient(num.Mul(decimal.NewFromInt(100)), den)
	f.Measurement.Value, f.Measurement.Numerator, f.Measurement.Denominator, f.Measurement.HasCounts = v, num, den, true
	return f
}

// combined returns the figure of all organisations: the pooled counts, or
// the mean of the unrounded percentages of those with records.
func combined(id, org string, m kpi.Month, p kpi.Precision, how Pooling, orgs []string, ts map[string]*tally) Figure {
	all := &tally{}
	for _, o := range orgs {
		t := ts[o]
		all.met += t.met
		all.counted += t.counted
		all.lines = append(all.lines, t.lines...)
	}
	if how == Pooled {
		return proportion(id, org, m, p, all)
	}
	// mean of percentages: 100/n * sum(met_i/counted_i), exactly.
	num, den := decimal.Zero, decimal.NewFromInt(1)
	n := 0
	for _, o := range orgs {
		t := ts[o]
		if t.counted == 0 {
			continue
		}
		n++
		c := decimal.NewFromInt(int64(t.counted))
		num = num.Mul(c).Add(decimal.NewFromInt(int64(t.met)).Mul(den))
		den = den.Mul(c)
	}
	f := Figure{Met: all.met, Counted: all.counted, Failed: all.counted - all.met, Evidence: all.lines}
	f.Measurement = kpi.Measurement{KPI: id, Org: org, Month: m}
	if n == 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, NoRecords
		return f
	}
	f.Measurement.Value, _ = p.Quotient(num.Mul(decimal.NewFromInt(100)), den.Mul(decimal.NewFromInt(int64(n))))
	f.Measurement.Note = fmt.Sprintf("mean of %d organisations' percentages", n)
	return f
}

// figures returns the per-organisation figures in the order of orgs, then
// the combined one unless how is NoCombined.
func figures(id string, m kpi.Month, p kpi.Precision, how Pooling, combinedOrg string, orgs []string, ts map[string]*tally) []Figure {
	out := make([]Figure, 0, len(orgs)+1)
	for _, o := range orgs {
		out = append(out, proportion(id, o, m, p, ts[o]))
	}
	if how != NoCombined {
		out = append(out, combined(id, combinedOrg, m, p, how, orgs, ts))
	}
	return out
}

func newTallies(orgs []string) map[string]*tally {
	ts := make(map[string]*tally, len(orgs))
	for _, o := range orgs {
		ts[o] = &tally{}
	}
	return ts
}

// knownOrg records a problem if org is not one of orgs.
func knownOrg(ps *problem.List, p problem.Pos, record, org string, orgs []string) bool {
	if slices.Contains(orgs, org) {
		return true
	}
	ps.AddText(p, record, "organisation", org, "not an organisation of the rule (want "+problem.ListOrNone(orgs)+")", problem.ErrInvalidRecord)
	return false
}
