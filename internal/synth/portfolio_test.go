package synth_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/portfolio"
	"github.com/stretchr/testify/require"
)

// writePortfolio writes contracts numbered 0 to n-1 of shape, each as
// its three files in a directory of its own under dir, and a manifest
// listing them, portfolio.yaml; it returns the manifest's name and the
// KPI-months measured. Each contract is generated, written and dropped in
// turn: nothing of the portfolio stays in memory.
func writePortfolio(tb testing.TB, dir string, n int, shape synth.Shape) (string, int) {
	var manifest strings.Builder
	manifest.WriteString("contracts:\n")
	kpiMonths := 0
	for i := range n {
		p := synth.Generate(1, i, shape)
		sub := fmt.Sprintf("c%03d", i)
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := synth.WriteFiles(filepath.Join(dir, sub), p); err != nil {
			tb.Fatal(err)
		}
		kpiMonths += len(p.Measurements)
		fmt.Fprintf(&manifest, "  - {label: %s, contract: %[1]s/contract.yaml, measurements: %[1]s/measurements.csv, mitigations: %[1]s/mitigations.csv}\n", sub)
	}
	name := filepath.Join(dir, "portfolio.yaml")
	if err := os.WriteFile(name, []byte(manifest.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return name, kpiMonths
}

// peakHeap samples the heap every 20 ms while a run goes on: the most
// bytes of live objects and the largest heap live after a collection
// (what the run keeps) it saw. (A collection at the benchmark's target
// comes every 100 ms or so; sampling more often would wake the sampler
// so often that it slowed a run on one core.) Call stop once the run is
// over.
type peakHeap struct {
	done       chan struct{}
	wg         sync.WaitGroup
	heap, live uint64
}

func watchHeap() *peakHeap {
	p := &peakHeap{done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			p.heap = max(p.heap, samples[0].Value.Uint64())
			p.live = max(p.live, samples[1].Value.Uint64())
			select {
			case <-p.done:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

func (p *peakHeap) stop() {
	close(p.done)
	p.wg.Wait()
}

// The portfolio of BenchmarkPortfolioRun, written once per test binary.
var (
	runOnce      sync.Once
	runManifest  string
	runKPIMonths int
	runDir       string
	runFlips     int // the benchmark's runs so far, which alternate which of one core and two goes first
)

// BenchmarkPortfolioRun runs the 500-contract portfolio (every
// regime mixed, 2.47M KPI-months) through the portfolio path: its
// manifest read, each contract's three files read by a worker, streamed
// and summarised, with the collector's target the command sets
// (portfolio.GCPercent, unless GOGC is set). Each iteration runs it on
// one core and on two (GOMAXPROCS, and as many workers), one core first
// in one iteration and two first in the next, so that the runs of the two
// interleave and each iteration's speed-up compares neighbouring minutes.
//
// It reports KPI-months a second per core on one core and on two, the
// speed-up from one to two, the speed-up of a spin (a loop that
// parallelises perfectly) run just before each, which is the most the
// machine gave in those minutes, the CPU time the two cores used against the
// one core's (what running in parallel costs: 1 when nothing), the share
// of the cores each run had (cores-had@1 and @2: below 1 when other work
// on the machine took some), and the peaks of the heap's live objects and
// of the heap live after a collection: memory bounded by the workers,
// never the whole portfolio's measurements (about 340 MB in memory). The
// files, about 90 MB, are written once to a temporary directory; it runs
// only when asked for by name (scripts/bench-portfolio.sh runs it ten
// times and prints the medians):
//
//	go test -run '^$' -bench PortfolioRun -benchtime 1x -count 10 ./internal/synth
func BenchmarkPortfolioRun(b *testing.B) {
	if !strings.Contains(flag.Lookup("test.bench").Value.String(), "PortfolioRun") {
		b.Skip("the 500-contract portfolio's files are written only when named: -bench PortfolioRun")
	}
	runOnce.Do(func() {
		dir, err := os.MkdirTemp("", "servicecredit-portfolio-")
		if err != nil {
			b.Fatal(err)
		}
		runDir = dir
		shape := benchShape
		shape.Regime = synth.Mixed
		runManifest, runKPIMonths = writePortfolio(b, dir, 500, shape)
	})
	if runManifest == "" {
		b.Fatal("the portfolio was not written")
	}
	if os.Getenv("GOGC") == "" { // as the command: the environment's GOGC overrides
		defer debug.SetGCPercent(debug.SetGCPercent(portfolio.GCPercent))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var took, cpu [3]time.Duration // by cores: wall time and the process's CPU time
	var heap, live uint64
	run := func(cores int) {
		runtime.GOMAXPROCS(cores)
		runtime.GC()
		w := watchHeap()
		startCPU := cpuTime(b)
		start := time.Now()
		data, err := os.ReadFile(runManifest)
		if err != nil {
			b.Fatal(err)
		}
		m, err := load.ReadManifest(runManifest, data)
		if err != nil {
			b.Fatal(err)
		}
		res := portfolio.Run(m.Entries(nil), portfolio.Options{Workers: cores})
		took[cores] += time.Since(start)
		cpu[cores] += cpuTime(b) - startCPU
		w.stop()
		heap, live = max(heap, w.heap), max(live, w.live)
		if n := res.Count(portfolio.Evaluated); n != 500 {
			b.Fatalf("%d of 500 contracts evaluated: %v", n, res.Contracts[0].Problems)
		}
	}
	var spun [3]time.Duration // by cores: a spin's wall time
	perKPIMonth(b, 2*runKPIMonths, func() {
		order := []int{1, 2}
		if runFlips++; runFlips%2 == 0 { // -count runs the benchmark anew: alternate across runs too
			slices.Reverse(order)
		}
		for b.Loop() {
			for _, cores := range order {
				spun[cores] += spin(cores)
				run(cores)
			}
			slices.Reverse(order) // one core first, then two first: a busy minute's trend favours neither
		}
	})
	n := float64(runKPIMonths) * float64(b.N)
	b.ReportMetric(n/took[1].Seconds(), "kpi-months/s/core@1")
	b.ReportMetric(n/took[2].Seconds()/2, "kpi-months/s/core@2")
	b.ReportMetric(took[1].Seconds()/took[2].Seconds(), "speed-up")
	b.ReportMetric(spun[1].Seconds()/spun[2].Seconds(), "spin-speed-up")
	b.ReportMetric(cpu[2].Seconds()/cpu[1].Seconds(), "cpu@2/cpu@1")
	b.ReportMetric(cpu[1].Seconds()/took[1].Seconds(), "cores-had@1")
	b.ReportMetric(cpu[2].Seconds()/took[2].Seconds()/2, "cores-had@2")
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
}

// spinWork is the work of a spin: about half a second on one core.
const spinWork = 1 << 29

// spinSink keeps the spin's sums from being optimised away.
var spinSink atomic.Uint64

// spin does spinWork additions on cores goroutines (GOMAXPROCS cores),
// each its share, and returns the wall time: a program that parallelises
// perfectly, whose speed-up from one core to two is the most the machine
// gives in that minute.
func spin(cores int) time.Duration {
	runtime.GOMAXPROCS(cores)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range cores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := uint64(c)
			for i := range uint64(spinWork / cores) {
				x += i ^ x>>3
			}
			spinSink.Add(x)
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// TestMain removes BenchmarkPortfolioRun's files once every test and
// benchmark has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if runDir != "" {
		os.RemoveAll(runDir)
	}
	os.Exit(code)
}

// TestPortfolioMemory checks item 4 of the portfolio issue on 96
// generated contracts of the benchmark's shape, read from their files on
// two workers: the heap live after a collection, sampled throughout the
// run, stays below a third of what the portfolio's measurements alone
// take in memory, and below what two workers' contracts and a summary
// of each can need, far from growing with the portfolio.
func TestPortfolioMemory(t *testing.T) {
	const n = 96
	shape := benchShape
	shape.Regime = synth.Mixed
	name, kpiMonths := writePortfolio(t, t.TempDir(), n, shape)
	whole := uint64(kpiMonths) * uint64(unsafe.Sizeof(kpi.Measurement{}))
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	m, err := load.ReadManifest(name, data)
	require.NoError(t, err)
	runtime.GC()
	heap := watchHeap()
	res := portfolio.Run(m.Entries(nil), portfolio.Options{Workers: 2})
	heap.stop()
	require.Equal(t, n, res.Count(portfolio.Evaluated))
	t.Logf("%d contracts, %d KPI-months: measurements %.1f MB in memory; the run's heap live after a collection peaked at %.1f MB, its objects at %.1f MB",
		n, kpiMonths, float64(whole)/(1<<20), float64(heap.live)/(1<<20), float64(heap.heap)/(1<<20))
	require.Less(t, heap.live, whole/3, "peak live heap against the measurements of the whole portfolio")
}
