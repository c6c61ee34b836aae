package synth_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/mitigation"
)

// benchShape is one contract of the portfolio: 50 KPIs over 120
// months, one organisation, failing one KPI-month in ten as real packs
// do. 500 of them make 3M KPI-months.
var benchShape = synth.Shape{KPIs: 50, Months: 120, Orgs: 1, Failures: 10}

// stressShape is benchShape failing most KPI-months: every failure is a
// credit line to price and explain.
var stressShape = synth.Shape{KPIs: 50, Months: 120, Orgs: 1}

// loop runs f b.N times and reports the figures of issue 5 per
// KPI-month: KPI-months a second, nanoseconds and heap allocations.
func loop(b *testing.B, kpiMonths int, f func()) {
	perKPIMonth(b, kpiMonths, func() {
		for b.Loop() {
			f()
		}
	})
}

// perKPIMonth runs all, which runs the benchmark's b.N iterations, and
// reports its figures per KPI-month.
func perKPIMonth(b *testing.B, kpiMonths int, all func()) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	all()
	runtime.ReadMemStats(&after)
	n := float64(kpiMonths) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "kpi-months/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/n, "ns/kpi-month")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/kpi-month")
}

// BenchmarkParse reads a measurement CSV into measurements.
func BenchmarkParse(b *testing.B) {
	p := synth.Generate(1, 0, benchShape)
	var csv bytes.Buffer
	if err := synth.WriteMeasurements(&csv, p); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(csv.Len()))
	loop(b, len(p.Measurements), func() {
		if _, err := load.Measurements("m.csv", bytes.NewReader(csv.Bytes()), p.Contract); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkEvaluate classifies, mitigates, credits and totals a contract
// from values in memory, handing each month over without keeping it.
func BenchmarkEvaluate(b *testing.B) { benchEvaluate(b, benchShape) }

// BenchmarkEvaluateKept is BenchmarkEvaluate through Contract.Evaluate,
// which keeps every month's cells and the whole ledger: its time against
// BenchmarkEvaluate's is the cost of keeping (issue 14: within 1.5 times).
func BenchmarkEvaluateKept(b *testing.B) {
	p := synth.Generate(1, 0, benchShape)
	in, err := p.Input()
	if err != nil {
		b.Fatal(err)
	}
	loop(b, len(p.Measurements), func() {
		if _, err := p.Contract.Evaluate(in); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkEvaluateStress is BenchmarkEvaluate with most KPI-months
// failing.
func BenchmarkEvaluateStress(b *testing.B) { benchEvaluate(b, stressShape) }

func benchEvaluate(b *testing.B, shape synth.Shape) {
	p := synth.Generate(1, 0, shape)
	in, err := p.Input()
	if err != nil {
		b.Fatal(err)
	}
	loop(b, len(p.Measurements), func() {
		if _, err := p.Contract.Stream(in, func(*contract.MonthResult) error { return nil }); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkEvaluateRegimes is BenchmarkEvaluate for each credit regime,
// on the same KPIs and measurements.
func BenchmarkEvaluateRegimes(b *testing.B) {
	for _, g := range synth.Regimes() {
		b.Run(g.String(), func(b *testing.B) {
			shape := benchShape
			shape.Regime = g
			benchEvaluate(b, shape)
		})
	}
}

// BenchmarkPortfolio evaluates the whole portfolio one contract
// after another: 500 contracts of 50 KPIs over 120 months, about 3M
// KPI-months, of the Points regime and of every regime mixed. Generating
// the portfolio takes a few seconds and about 1 GB, so it runs only when
// asked for by name: go test -run '^$' -bench Portfolio ./internal/synth.
func BenchmarkPortfolio(b *testing.B) {
	if !strings.Contains(flag.Lookup("test.bench").Value.String(), "Portfolio") {
		b.Skip("the 3M KPI-month portfolio runs only when named: -bench Portfolio")
	}
	for _, g := range []synth.Regime{synth.Points, synth.Mixed} {
		b.Run(g.String(), func(b *testing.B) {
			const n = 500
			shape := benchShape
			shape.Regime = g
			ps := make([]synth.Portfolio, n)
			regs := make([]*mitigation.Register, n)
			kpiMonths := 0
			for i := range ps {
				ps[i] = synth.Generate(1, i, shape)
				reg, err := mitigation.NewRegister(ps[i].Mitigations, ps[i].Contract.MitigationScope())
				if err != nil {
					b.Fatal(err)
				}
				regs[i], kpiMonths = reg, kpiMonths+len(ps[i].Measurements)
			}
			loop(b, kpiMonths, func() {
				for i, p := range ps {
					if _, err := p.Contract.Stream(contract.Input{Measurements: p.Measurements, Mitigations: regs[i]}, func(*contract.MonthResult) error { return nil }); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.ReportMetric(float64(kpiMonths), "kpi-months")
		})
	}
}

// BenchmarkEvaluateParallel evaluates independent contracts on every core.
func BenchmarkEvaluateParallel(b *testing.B) {
	const n = 8
	var ps []synth.Portfolio
	var regs []*mitigation.Register
	for i := range n {
		p := synth.Generate(1, i, benchShape)
		reg, err := mitigation.NewRegister(p.Mitigations, p.Contract.MitigationScope())
		if err != nil {
			b.Fatal(err)
		}
		ps, regs = append(ps, p), append(regs, reg)
	}
	perKPIMonth(b, len(ps[0].Measurements), func() {
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				p := ps[i%n]
				if _, err := p.Contract.Stream(contract.Input{Measurements: p.Measurements, Mitigations: regs[i%n]}, func(*contract.MonthResult) error { return nil }); err != nil {
					b.Error(err)
					return
				}
				i++
			}
		})
	})
}

// BenchmarkContract reads the contract file, YAML, into a contract: the
// part of end to end that does not grow with the months.
func BenchmarkContract(b *testing.B) {
	p, dir := benchFiles(b)
	loop(b, len(p.Measurements), func() {
		data, err := os.ReadFile(filepath.Join(dir, "contract.yaml"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := load.Contract("contract.yaml", data); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkReadFiles reads the three files from disk into a contract,
// measurements and mitigations: end to end without the evaluation.
func BenchmarkReadFiles(b *testing.B) {
	p, dir := benchFiles(b)
	loop(b, len(p.Measurements), func() { readFiles(b, dir) })
}

// benchFiles writes the benchmark contract's three files to a temporary
// directory.
func benchFiles(b *testing.B) (synth.Portfolio, string) {
	p := synth.Generate(1, 0, benchShape)
	dir := b.TempDir()
	if err := synth.WriteFiles(dir, p); err != nil {
		b.Fatal(err)
	}
	return p, dir
}

// readFiles reads the contract, measurements and mitigations files of dir.
func readFiles(b *testing.B, dir string) (*contract.Contract, []kpi.Measurement, *mitigation.Register) {
	data, err := os.ReadFile(filepath.Join(dir, "contract.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	c, err := load.Contract("contract.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "measurements.csv"))
	if err != nil {
		b.Fatal(err)
	}
	ms, err := load.Measurements("measurements.csv", f, c)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	data, err = os.ReadFile(filepath.Join(dir, "mitigations.csv"))
	if err != nil {
		b.Fatal(err)
	}
	reg, err := load.Register("mitigations.csv", data, c)
	if err != nil {
		b.Fatal(err)
	}
	return c, ms, reg
}

// BenchmarkEndToEnd reads the three files from disk, evaluates and keeps
// the ledger: files in, ledger out.
func BenchmarkEndToEnd(b *testing.B) {
	p, dir := benchFiles(b)
	loop(b, len(p.Measurements), func() {
		c, ms, reg := readFiles(b, dir)
		var lines int
		if _, err := c.Stream(contract.Input{Measurements: ms, Mitigations: reg}, func(m *contract.MonthResult) error {
			lines += len(m.Cells) + len(m.Lines)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if lines < len(ms) {
			b.Fatalf("%d ledger lines for %d measurements", lines, len(ms))
		}
	})
}
