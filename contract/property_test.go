package contract_test

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// generated draws a synthetic contract and evaluates it.
func generated(t *rapid.T) (synth.Portfolio, *mitigation.Register, *contract.Result) {
	p := synth.Generate(rapid.Uint64().Draw(t, "seed"), rapid.IntRange(0, 1000).Draw(t, "n"), synth.Shape{
		KPIs: rapid.IntRange(1, 8).Draw(t, "kpis"), Months: rapid.IntRange(1, 30).Draw(t, "months"), Orgs: rapid.IntRange(1, 3).Draw(t, "orgs"),
	})
	reg, err := mitigation.NewRegister(p.Mitigations, p.Contract.MitigationScope())
	if err != nil {
		t.Fatalf("generated mitigations: %v", err)
	}
	res, err := p.Contract.Evaluate(contract.Input{Measurements: p.Measurements, Mitigations: reg})
	if err != nil {
		t.Fatalf("generated contract: %v", err)
	}
	return p, reg, res
}

// TestPropertyDeterministic: the same inputs in any order give the same
// results.
func TestPropertyDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, reg, res := generated(t)
		shuffled := append([]kpi.Measurement(nil), p.Measurements...)
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := p.Contract.Evaluate(contract.Input{Measurements: shuffled, Mitigations: reg})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(res, again); d != "" {
			t.Fatalf("results differ with the measurements shuffled:\n%s", d)
		}
	})
}

// TestPropertyLedger: lines add up to the month totals, months to years,
// years to the total; caps hold; no KPI appears outside its months in
// force; mitigation never changes a raw status.
func TestPropertyLedger(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, _, res := generated(t)
		c := p.Contract
		sums := map[kpi.Month]decimal.Decimal{}
		for _, l := range res.Ledger.Lines {
			sums[l.Month] = sums[l.Month].Add(l.Amount)
		}
		years := map[int]decimal.Decimal{}
		for _, m := range res.Ledger.Months {
			if !sums[m.Month].Equal(m.Total) {
				t.Fatalf("%s: lines add to %s, total %s", m.Month, sums[m.Month], m.Total)
			}
			limit := c.Credits.Money.Round(m.Charges.Mul(*c.Credits.Caps.Month).Shift(-2))
			if m.Total.Cmp(limit) > 0 || m.Total.Sign() < 0 {
				t.Fatalf("%s: total %s outside 0..monthly cap %s", m.Month, m.Total, limit)
			}
			years[m.Year] = years[m.Year].Add(m.Total)
		}
		var all decimal.Decimal
		for _, y := range res.Ledger.Years {
			if !years[y.Year].Equal(y.Total) || y.Total.Cmp(y.Cap) > 0 {
				t.Fatalf("year %d: months add to %s, total %s, cap %s", y.Year, years[y.Year], y.Total, y.Cap)
			}
			all = all.Add(y.Total)
		}
		if !all.Equal(res.Ledger.Total) {
			t.Fatalf("years add to %s, total %s", all, res.Ledger.Total)
		}
		for _, mo := range res.Months {
			for _, cell := range mo.Cells {
				k := findKPI(c, cell.Measured.KPI)
				from, to := k.From, k.To
				if from.IsZero() {
					from = c.Commencement
				}
				if to.IsZero() {
					to = c.Last()
				}
				if mo.Month.Before(from) || mo.Month.After(to) {
					t.Fatalf("%s appears in %s outside %s..%s", k.ID, mo.Month, from, to)
				}
				if cell.Mitigation != nil && cell.Mitigation.Effect == mitigation.Relief && cell.Raw != cell.Status {
					t.Fatalf("%s %s: relief changed the status %s to %s", k.ID, mo.Month, cell.Raw, cell.Status)
				}
			}
		}
	})
}

// TestPropertyBetterNeverCostsMore improves one measurement to the KPI's
// target and expects no month's uncapped credit, no year's uncapped credit
// and no raw status elsewhere to change for the worse. (With an annual cap
// a cheaper month can leave headroom a later month uses, so capped month
// totals are not compared; see the credits package doc.)
func TestPropertyBetterNeverCostsMore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, reg, res := generated(t)
		var present []int
		for i, m := range p.Measurements {
			if m.Absent == 0 {
				present = append(present, i)
			}
		}
		if len(present) == 0 {
			t.Skip("no measurement to improve")
		}
		i := present[rapid.IntRange(0, len(present)-1).Draw(t, "which")]
		better := append([]kpi.Measurement(nil), p.Measurements...)
		k := findKPI(p.Contract, better[i].KPI)
		th, _ := k.Schedule.At(better[i].Month)
		if k.Direction == kpi.HigherIsBetter && better[i].Value.Cmp(th.TSL) < 0 ||
			k.Direction == kpi.LowerIsBetter && better[i].Value.Cmp(th.TSL) > 0 {
			better[i].Value = th.TSL
		}
		res2, err := p.Contract.Evaluate(contract.Input{Measurements: better, Mitigations: reg})
		if err != nil {
			t.Fatal(err)
		}
		noWorse(t, res, res2)
	})
}

// TestPropertyMitigationNeverCostsMore relieves one more KPI-month and
// expects no uncapped credit to rise.
func TestPropertyMitigationNeverCostsMore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, _, res := generated(t)
		mo := res.Months[rapid.IntRange(0, len(res.Months)-1).Draw(t, "month")]
		if len(mo.Cells) == 0 {
			t.Skip("no KPI in force")
		}
		cell := mo.Cells[rapid.IntRange(0, len(mo.Cells)-1).Draw(t, "cell")]
		var records []mitigation.Record
		for _, r := range p.Mitigations {
			if r.KPI != cell.Measured.KPI {
				records = append(records, r)
			}
		}
		records = append(records, mitigation.Record{KPI: cell.Measured.KPI, Org: cell.Measured.Org, From: mo.Month,
			Reason: "property test", Effect: mitigation.Relief})
		reg, err := mitigation.NewRegister(records, p.Contract.MitigationScope())
		if err != nil {
			t.Fatal(err)
		}
		before, err := p.Contract.Evaluate(contract.Input{Measurements: p.Measurements, Mitigations: mustRegister(t, recordsWithout(p.Mitigations, cell.Measured.KPI), p.Contract)})
		if err != nil {
			t.Fatal(err)
		}
		after, err := p.Contract.Evaluate(contract.Input{Measurements: p.Measurements, Mitigations: reg})
		if err != nil {
			t.Fatal(err)
		}
		noWorse(t, before, after)
	})
}

func recordsWithout(rs []mitigation.Record, id string) []mitigation.Record {
	var out []mitigation.Record
	for _, r := range rs {
		if r.KPI != id {
			out = append(out, r)
		}
	}
	return out
}

func mustRegister(t *rapid.T, rs []mitigation.Record, c *contract.Contract) *mitigation.Register {
	reg, err := mitigation.NewRegister(rs, c.MitigationScope())
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// noWorse fails if any month's or year's uncapped credit, or any line, is
// higher in after than in before.
func noWorse(t *rapid.T, before, after *contract.Result) {
	for i := range before.Ledger.Months {
		b, a := before.Ledger.Months[i], after.Ledger.Months[i]
		if a.Uncapped.Cmp(b.Uncapped) > 0 {
			t.Fatalf("%s: uncapped credit rose from %s to %s", b.Month, b.Uncapped, a.Uncapped)
		}
	}
	for i := range before.Ledger.Years {
		b, a := before.Ledger.Years[i], after.Ledger.Years[i]
		if a.Uncapped.Cmp(b.Uncapped) > 0 || a.Total.Cmp(b.Total) > 0 {
			t.Fatalf("year %d: credit rose from %s (%s uncapped) to %s (%s uncapped)", b.Year, b.Total, b.Uncapped, a.Total, a.Uncapped)
		}
	}
	bl, al := creditLines(before), creditLines(after)
	for i := range bl {
		if al[i].Amount.Cmp(bl[i].Amount) > 0 {
			t.Fatalf("%s %s: line rose from %s to %s", bl[i].Month, bl[i].KPI, bl[i].Amount, al[i].Amount)
		}
	}
}

func creditLines(res *contract.Result) []credits.Line {
	var out []credits.Line
	for _, l := range res.Ledger.Lines {
		if l.Kind == credits.CreditLine {
			out = append(out, l)
		}
	}
	return out
}

func findKPI(c *contract.Contract, id string) *contract.KPI {
	for i := range c.KPIs {
		if c.KPIs[i].ID == id {
			return &c.KPIs[i]
		}
	}
	return nil
}
