package contract

import (
	"fmt"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// benchContract returns a contract of k percentage KPIs over n months with
// one organisation, and a measurement for every KPI-month: mostly Green,
// some Amber and Red.
func benchContract(k, n int) (*Contract, []kpi.Measurement) {
	start := kpi.MustParseMonth("2015-04")
	c := &Contract{Name: "bench", Commencement: start, Term: n, Orgs: []string{"Org"},
		Charges:  []Charge{{Org: "Org", From: start, Amount: dec("1000000.00")}},
		Absences: Absences{Missing: kpi.Red, Unavailable: kpi.Red}}
	var weights []credits.Weight
	for i := range k {
		id := fmt.Sprintf("KPI%02d", i)
		c.KPIs = append(c.KPIs, percentKPI(id, kpi.HigherIsBetter, "99.5", "99.0"))
		weights = append(weights, credits.Weight{KPI: id, From: start, Points: dec("2")})
	}
	capPct := dec("12")
	c.Credits = credits.Rules{Regime: credits.Points{Weights: weights, Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1")},
		Caps: credits.Caps{Month: &capPct}, Money: credits.Money{Places: 2, Rounding: kpi.HalfUp}}
	values := []decimal.Decimal{dec("99.91"), dec("99.62"), dec("100"), dec("99.2"), dec("98.7"), dec("99.55"), dec("99.8")}
	var ms []kpi.Measurement
	for m := range n {
		for i := range k {
			ms = append(ms, kpi.Measurement{KPI: c.KPIs[i].ID, Org: "Org", Month: start.AddMonths(m), Value: values[(i*7+m)%len(values)]})
		}
	}
	return c, ms
}

// BenchmarkEvaluate measures evaluation only: classification, mitigation,
// credits and contract-year totals, for 50 KPIs over 120 months.
func BenchmarkEvaluate(b *testing.B) {
	c, ms := benchContract(50, 120)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Evaluate(Input{Measurements: ms}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ms))*float64(b.N)/b.Elapsed().Seconds(), "kpi-months/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkStream measures evaluation handing each month over without
// keeping it, for 50 KPIs over 120 months.
func BenchmarkStream(b *testing.B) {
	c, ms := benchContract(50, 120)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Stream(Input{Measurements: ms}, func(*MonthResult) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ms))*float64(b.N)/b.Elapsed().Seconds(), "kpi-months/s")
	b.ReportMetric(0, "ns/op")
}
