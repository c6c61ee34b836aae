package seal_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/servicecredit/engine/seal"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// generatedCycle draws a synthetic contract of any regime (caps, triggers,
// critical failures and incidents included) and seals some of its months.
func generatedCycle(t *rapid.T) (synth.Portfolio, contract.Input, []seal.Entry) {
	p := synth.Generate(rapid.Uint64().Draw(t, "seed"), rapid.IntRange(0, 1000).Draw(t, "n"), synth.Shape{
		KPIs: rapid.IntRange(1, 5).Draw(t, "kpis"), Months: rapid.IntRange(1, 30).Draw(t, "months"),
		Orgs: rapid.IntRange(1, 2).Draw(t, "orgs"), Regime: synth.Mixed, Failures: rapid.IntRange(1, 100).Draw(t, "failures"),
	})
	in, err := p.Input()
	if err != nil {
		t.Fatalf("generated mitigations: %v", err)
	}
	c := p.Contract
	var entries []seal.Entry
	for m := c.Commencement; !m.After(c.Last()); m = m.AddMonths(1) {
		if !rapid.Bool().Draw(t, "seal "+m.String()) {
			continue
		}
		s, err := seal.Close(c, in, m, seal.Inputs{})
		if errors.Is(err, seal.ErrPeriod) {
			continue // nothing measured by m
		}
		if errors.Is(err, credits.ErrInvalidPeriod) {
			// A two-limb cap's later year needs the twelve months before it:
			// closed from commencement, as close -from allows.
			from := in
			from.From = c.Commencement
			s, err = seal.Close(c, from, m, seal.Inputs{})
		}
		if err != nil {
			t.Fatalf("close %s: %v", m, err)
		}
		entries = append(entries, seal.Entry{Month: m, Seal: s})
	}
	return p, in, entries
}

// TestPropertyNoChangeNoRevision: closing and comparing with the same
// inputs finds no revision, and every month unchanged.
func TestPropertyNoChangeNoRevision(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, in, entries := generatedCycle(t)
		if len(entries) == 0 || entries[len(entries)-1].Month == p.Contract.Last() {
			return // no month left to adjust in
		}
		r, err := seal.Restate(p.Contract, in, seal.Inputs{}, entries, kpi.Month{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Revisions) > 0 {
			t.Fatalf("%d revisions without a change, the first %+v", len(r.Revisions), r.Revisions[0])
		}
		for _, m := range r.Months {
			if m.State != seal.Unchanged {
				t.Fatalf("%s: %s without a change", m.Month, m.State)
			}
		}
	})
}

// TestPropertyAdjustmentsAddUp: whatever changes (values corrected,
// mitigations withdrawn), each month's adjustments add up to its credit
// today less its credit as sealed, caps included, and the total to the
// sum of those; the credits today are what a fresh evaluation gives.
func TestPropertyAdjustmentsAddUp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, _, entries := generatedCycle(t)
		if len(entries) == 0 || entries[len(entries)-1].Month == p.Contract.Last() {
			return
		}
		c := p.Contract
		ms := slices.Clone(p.Measurements)
		for i := range ms {
			if ms[i].Absent == kpi.NotDue || !rapid.Bool().Draw(t, "change") {
				continue
			}
			j := rapid.IntRange(0, len(ms)-1).Draw(t, "from")
			if ms[j].KPI != ms[i].KPI || ms[j].Absent == kpi.NotDue {
				continue
			}
			a, b := &ms[i], p.Measurements[j]
			a.Value, a.Absent, a.Numerator, a.Denominator, a.HasCounts, a.FromCounts = b.Value, b.Absent, b.Numerator, b.Denominator, b.HasCounts, b.FromCounts
			a.Incidents = nil // a new failure linked to an old incident may need a customer's decision the contract lacks
		}
		var recs []mitigation.Record
		for _, rec := range p.Mitigations {
			if rapid.Bool().Draw(t, "keep mitigation") {
				recs = append(recs, rec)
			}
		}
		reg, err := mitigation.NewRegister(recs, c.MitigationScope())
		if err != nil {
			t.Fatal(err)
		}
		today := contract.Input{Measurements: ms, Mitigations: reg}
		r, err := seal.Restate(c, today, seal.Inputs{}, entries, kpi.Month{})
		if errors.Is(err, credits.ErrInvalidPeriod) {
			// A withdrawn relief can make a month's incident need a
			// customer's decision the contract does not hold: the evaluation
			// refuses it, as evaluate would.
			t.Skip(err)
		}
		if err != nil {
			t.Fatal(err)
		}
		adjusted := map[kpi.Month]decimal.Decimal{}
		var all decimal.Decimal
		for _, rv := range r.Revisions {
			adjusted[rv.Month] = adjusted[rv.Month].Add(rv.Adjustment)
			all = all.Add(rv.Adjustment)
		}
		var lines decimal.Decimal
		for _, a := range r.Adjustments {
			lines = lines.Add(a.Amount)
		}
		var difference decimal.Decimal
		for i, e := range entries {
			evIn := today
			evIn.From, evIn.To = e.Seal.From, e.Month
			res, err := c.Evaluate(evIn)
			if err != nil {
				t.Fatal(err)
			}
			now := res.Ledger.Months[len(res.Ledger.Months)-1].Total
			sealed := decimal.RequireFromString(e.Seal.Credit.Credit)
			mc := r.Months[i]
			if mc.Now.Cmp(now) != 0 || mc.Sealed.Cmp(sealed) != 0 {
				t.Fatalf("%s: restated %s against sealed %s; a fresh evaluation gives %s against %s", e.Month, mc.Now, mc.Sealed, now, sealed)
			}
			if got := adjusted[e.Month]; got.Cmp(now.Sub(sealed)) != 0 {
				t.Fatalf("%s: adjustments add up to %s; the credit went from %s to %s", e.Month, got, sealed, now)
			}
			if (mc.State == seal.Unchanged) != (mc.Revisions == 0) {
				t.Fatalf("%s: %s with %d revisions", e.Month, mc.State, mc.Revisions)
			}
			difference = difference.Add(now.Sub(sealed))
		}
		if all.Cmp(difference) != 0 || lines.Cmp(difference) != 0 || r.Total.Cmp(difference) != 0 {
			t.Fatalf("adjustments %s, lines %s, total %s; the credits changed by %s", all, lines, r.Total, difference)
		}
	})
}
