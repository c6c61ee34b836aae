package servicehours_test

import (
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

func BenchmarkElapsed(b *testing.B) {
	s := lbh(b)
	starts := benchSpans(b)
	minus := []servicehours.Interval{{Start: starts[0].Add(30 * time.Hour), End: starts[0].Add(50 * time.Hour)}}
	for _, st := range starts {
		s.Elapsed(st, st.Add(60*24*time.Hour), nil) // build the years outside the timing
	}
	b.Run("60-days", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			st := starts[i%len(starts)]
			s.Elapsed(st, st.Add(60*24*time.Hour), nil)
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
	})
	b.Run("60-days-one-pause", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			st := starts[i%len(starts)]
			s.Elapsed(st, st.Add(60*24*time.Hour), minus)
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
	})
}

func BenchmarkDeadline(b *testing.B) {
	s := lbh(b)
	starts := benchSpans(b)
	for _, st := range starts {
		if _, err := s.Deadline(st, 400*time.Hour, nil); err != nil { // about 40 working days: 60 calendar days
			b.Fatal(err)
		}
	}
	b.Run("400-business-hours", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := s.Deadline(starts[i%len(starts)], 400*time.Hour, nil); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
	})
	b.Run("8-business-hours", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := s.Deadline(starts[i%len(starts)], 8*time.Hour, nil); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
	})
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
