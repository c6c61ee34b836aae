package servicehours_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

// benchSpans are start instants with 60-day spans, spread over 2023.
func benchSpans(b *testing.B) []time.Time {
	starts := make([]time.Time, 64)
	base := inst(b, "2023-01-02T09:17:00Z")
	for i := range starts {
		starts[i] = base.Add(time.Duration(i) * 97 * time.Hour)
	}
	return starts
}

// perTicket runs f on each of starts in turn, one a loop, and reports
// the allocations and the tickets a second.
func perTicket(b *testing.B, starts []time.Time, f func(start time.Time)) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f(starts[i%len(starts)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
}

func BenchmarkElapsed(b *testing.B) {
	s := lbh(b)
	starts := benchSpans(b)
	minus := []servicehours.Interval{{Start: starts[0].Add(30 * time.Hour), End: starts[0].Add(50 * time.Hour)}}
	for _, st := range starts {
		s.Elapsed(st, st.Add(60*24*time.Hour), nil) // build the years outside the timing
	}
	for _, bb := range []struct {
		name  string
		minus []servicehours.Interval
	}{{"60-days", nil}, {"60-days-one-pause", minus}} {
		b.Run(bb.name, func(b *testing.B) {
			perTicket(b, starts, func(st time.Time) { s.Elapsed(st, st.Add(60*24*time.Hour), bb.minus) })
		})
	}
}

func BenchmarkDeadline(b *testing.B) {
	s := lbh(b)
	starts := benchSpans(b)
	for _, st := range starts {
		if _, err := s.Deadline(st, 400*time.Hour, nil); err != nil { // about 40 working days: 60 calendar days
			b.Fatal(err)
		}
	}
	for _, target := range []time.Duration{400 * time.Hour, 8 * time.Hour} {
		b.Run(fmt.Sprintf("%d-business-hours", int(target.Hours())), func(b *testing.B) {
			perTicket(b, starts, func(st time.Time) {
				if _, err := s.Deadline(st, target, nil); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkNew(b *testing.B) {
	cal := lbhCalendar(b)
	from, to := inst(b, "2023-01-01T00:00:00Z"), inst(b, "2023-03-01T00:00:00Z")
	b.ReportAllocs()
	for b.Loop() {
		s, err := servicehours.New(cal)
		if err != nil {
			b.Fatal(err)
		}
		s.Elapsed(from, to, nil) // builds one year
	}
}

func TestNoAllocs(t *testing.T) {
	s := lbh(t)
	from, to := inst(t, "2023-04-06T15:00:00Z"), inst(t, "2023-06-06T15:00:00Z")
	minus := []servicehours.Interval{{Start: from.Add(30 * time.Hour), End: from.Add(50 * time.Hour)}, {Start: from.Add(40 * time.Hour), End: from.Add(60 * time.Hour)}}
	s.Elapsed(from, to, nil)
	for _, tt := range []struct {
		name string
		f    func()
	}{
		{name: "elapsed", f: func() { s.Elapsed(from, to, nil) }},
		{name: "elapsed-with-pauses", f: func() { s.Elapsed(from, to, minus) }},
		{name: "deadline", f: func() { _, _ = s.Deadline(from, 300*time.Hour, minus) }},
		{name: "is-working-day", f: func() { s.IsWorkingDay(kpi.MustParseDate("2023-04-07")) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tt.f); n != 0 {
				t.Errorf("%v allocations per call, want 0", n)
			}
		})
	}
}
