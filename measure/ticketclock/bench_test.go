package ticketclock_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
)

// benchTickets returns n tickets of mixed priorities, logged through 2023,
// with spans up to 60 days, a third with holds, a fifth reopened, a tenth
// open at the as-of instant.
func benchTickets(tb testing.TB, n int) []record.Ticket {
	rng := rand.New(rand.NewPCG(1, 2))
	base := at(tb, "2023-01-02T00:00:00Z")
	prios := []string{"P1", "P2", "P3", "P4"}
	out := make([]record.Ticket, n)
	for i := range out {
		logged := base.Add(time.Duration(rng.Int64N(int64(300 * 24 * time.Hour))))
		span := time.Duration(rng.Int64N(int64(60*24*time.Hour))) + time.Minute
		tk := record.Ticket{ID: "T", Org: "LBH", Kind: "incident", Priority: prios[rng.IntN(len(prios))], Logged: logged}
		if rng.IntN(10) > 0 {
			tk.Resolved = logged.Add(span)
		}
		if rng.IntN(3) == 0 {
			h := logged.Add(span / 4)
			tk.Holds = []servicehours.Interval{{Start: h, End: h.Add(span / 8)}}
		}
		if rng.IntN(5) == 0 && !tk.Resolved.IsZero() {
			r := logged.Add(span / 2)
			tk.Reopens = []record.Reopen{{Resolved: r, Reopened: r.Add(span / 8)}}
		}
		out[i] = tk
	}
	return out
}

// benchOptions: P1 4h on C24, P2 8h and P3 3 working days by close of day
// on LBH, P4 10 calendar days; holds pause, final resolution with the
// reopened gaps paused.
func benchOptions() ticketclock.Options {
	o := baseOptions()
	o.Reopen = ticketclock.FinalGapsPaused
	o.Targets = append(o.Targets,
		ticketclock.Target{Priority: "P3", Unit: ticketclock.WorkingDaysCloseOfDay, Days: 3, Calendar: "LBH"},
		ticketclock.Target{Priority: "P4", Unit: ticketclock.CalendarDays, Days: 10, Calendar: "LBH"})
	return o
}

// BenchmarkTicketClock judges one million tickets per iteration, evaluate
// only (the tickets are built and the calendars' years computed first).
func BenchmarkTicketClock(b *testing.B) {
	const million = 1_000_000
	tickets := benchTickets(b, 1<<16)
	c := newClock(b, benchOptions())
	asOf := at(b, "2024-01-01T00:00:00Z")
	for i := range tickets {
		if _, err := c.Evaluate(&tickets[i], asOf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range million {
			if _, err := c.Evaluate(&tickets[i&(1<<16-1)], asOf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N)*million/b.Elapsed().Seconds(), "tickets/s")
}

func TestEvaluateNoAllocs(t *testing.T) {
	tickets := benchTickets(t, 256)
	c := newClock(t, benchOptions())
	asOf := at(t, "2024-01-01T00:00:00Z")
	for i := range tickets {
		if _, err := c.Evaluate(&tickets[i], asOf); err != nil {
			t.Fatal(err)
		}
	}
	i := 0
	if n := testing.AllocsPerRun(1000, func() {
		_, _ = c.Evaluate(&tickets[i%len(tickets)], asOf)
		i++
	}); n != 0 {
		t.Errorf("%v allocations per ticket, want 0", n)
	}
}
