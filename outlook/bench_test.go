package outlook_test

import (
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/outlook"
)

// BenchmarkOutlook takes the outlook of synthetic contracts of the
// benchmarks' shape (50 KPIs over 120 months, failing one KPI-month in
// ten), of every regime in turn (caps, triggers and critical rules drawn
// as the generator draws them), as of their 60th month, evaluated from
// commencement: the what-ifs replay five years of months.
func BenchmarkOutlook(b *testing.B) {
	shape := synth.Shape{KPIs: 50, Months: 120, Orgs: 1, Failures: 10, Regime: synth.Mixed}
	type job struct {
		c  *contract.Contract
		in contract.Input
	}
	var jobs []job
	for n := range len(synth.Regimes()) {
		p := synth.Generate(1, n, shape)
		in, err := p.Input()
		if err != nil {
			b.Fatal(err)
		}
		in.From = p.Contract.Commencement
		jobs = append(jobs, job{p.Contract, in})
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		j := jobs[i%len(jobs)]
		if _, err := outlook.Compute(j.c, j.in, j.c.Commencement.AddMonths(59)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
