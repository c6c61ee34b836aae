package ticketclock_test

import (
	"testing"
	"time"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
	"pgregory.net/rapid"
)

// propOptions has one priority per target unit.
func propOptions() ticketclock.Options {
	o := baseOptions()
	o.Targets = []ticketclock.Target{
		{Priority: "B-LBH", Unit: ticketclock.BusinessTime, Within: record.Duration(8 * time.Hour), Calendar: "LBH"},
		{Priority: "B-C24", Unit: ticketclock.BusinessTime, Within: record.Duration(4 * time.Hour), Calendar: "C24"},
		{Priority: "E", Unit: ticketclock.ElapsedTime, Within: record.Duration(30 * time.Hour)},
		{Priority: "WD", Unit: ticketclock.WorkingDaysSameTime, Days: 3, Calendar: "LBH"},
		{Priority: "WC", Unit: ticketclock.WorkingDaysCloseOfDay, Days: 2, Calendar: "LBH"},
		{Priority: "CD", Unit: ticketclock.CalendarDays, Days: 5, Calendar: "LBH"},
	}
	return o
}

var propPriorities = []string{"B-LBH", "B-C24", "E", "WD", "WC", "CD"}

// instant draws an instant in 2021-2023, to the second, often on a DST change.
func instant(t *rapid.T, label string) time.Time {
	base := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	if rapid.Bool().Draw(t, label+"-near-dst") {
		dst := []time.Time{time.Date(2021, 3, 28, 1, 0, 0, 0, time.UTC), time.Date(2022, 10, 30, 1, 0, 0, 0, time.UTC), time.Date(2023, 3, 26, 1, 0, 0, 0, time.UTC)}
		d := rapid.SampledFrom(dst).Draw(t, label+"-dst")
		return d.Add(time.Duration(rapid.Int64Range(-3*86400, 3*86400).Draw(t, label+"-off")) * time.Second)
	}
	return base.Add(time.Duration(rapid.Int64Range(0, 3*365*86400).Draw(t, label)) * time.Second)
}

func span(t *rapid.T, label string, from time.Time, most time.Duration) time.Time {
	return from.Add(time.Duration(rapid.Int64Range(0, int64(most/time.Second)).Draw(t, label)) * time.Second)
}

// drawTicket draws ticket "t": an incident of one of propPriorities,
// logged at an instant, and resolved at most within after it; open when
// within is 0.
func drawTicket(t *rapid.T, within time.Duration) record.Ticket {
	p := rapid.SampledFrom(propPriorities).Draw(t, "priority")
	tk := record.Ticket{ID: "t", Kind: "incident", Priority: p, Logged: instant(t, "logged")}
	if within > 0 {
		tk.Resolved = span(t, "resolved", tk.Logged, within)
	}
	return tk
}

func evaluate(t *rapid.T, c *ticketclock.Clock, tk record.Ticket) ticketclock.Judgement {
	r, err := c.Evaluate(&tk, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPropertyElapsedAdditive(t *testing.T) {
	c := newClock(t, propOptions())
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SampledFrom(propPriorities).Draw(t, "priority")
		a := instant(t, "a")
		b := span(t, "b", a, 20*24*time.Hour)
		cc := span(t, "c", b, 20*24*time.Hour)
		hs := span(t, "hold-start", a, cc.Sub(a))
		he := span(t, "hold-end", hs, cc.Sub(hs))
		whole := record.Ticket{ID: "w", Kind: "incident", Priority: p, Logged: a, Resolved: cc, Holds: []servicehours.Interval{{Start: hs, End: he}}}
		clip := func(from, to time.Time) []servicehours.Interval {
			s, e := max(hs.UnixNano(), from.UnixNano()), min(he.UnixNano(), to.UnixNano())
			if e <= s {
				return nil
			}
			return []servicehours.Interval{{Start: time.Unix(0, s), End: time.Unix(0, e)}}
		}
		first := record.Ticket{ID: "1", Kind: "incident", Priority: p, Logged: a, Resolved: b, Holds: clip(a, b)}
		second := record.Ticket{ID: "2", Kind: "incident", Priority: p, Logged: b, Resolved: cc, Holds: clip(b, cc)}
		w, x, y := evaluate(t, c, whole), evaluate(t, c, first), evaluate(t, c, second)
		if w.Elapsed != x.Elapsed+y.Elapsed {
			t.Fatalf("%s: elapsed %s over [a, c) but %s + %s over [a, b) and [b, c)", p, w.Elapsed, x.Elapsed, y.Elapsed)
		}
	})
}

func TestPropertyDeadlineElapsedIsTarget(t *testing.T) {
	c := newClock(t, propOptions())
	rapid.Check(t, func(t *rapid.T) {
		tk := drawTicket(t, 0)
		p, a := tk.Priority, tk.Logged
		if rapid.Bool().Draw(t, "hold") {
			hs := span(t, "hold-start", a, 5*24*time.Hour)
			tk.Holds = []servicehours.Interval{{Start: hs, End: span(t, "hold-end", hs, 3*24*time.Hour)}}
		}
		open := evaluate(t, c, tk)
		tk.Resolved = open.Deadline
		if len(tk.Holds) > 0 && tk.Holds[0].End.After(tk.Resolved) {
			tk.Holds[0].End = tk.Resolved
		}
		r := evaluate(t, c, tk)
		if r.Elapsed != r.Allowed || r.Verdict != ticketclock.Met {
			t.Fatalf("%s: resolved at its deadline %s: elapsed %s of %s, %s", p, r.Deadline, r.Elapsed, r.Allowed, r.Verdict)
		}
		tk.Resolved = tk.Resolved.Add(time.Second)
		if r := evaluate(t, c, tk); r.Verdict != ticketclock.Breached && r.Elapsed > r.Allowed {
			t.Fatalf("%s: a second past the deadline with the clock running is not breached", p)
		}
	})
}

func TestPropertyHoldNeverIncreasesElapsed(t *testing.T) {
	c := newClock(t, propOptions())
	rapid.Check(t, func(t *rapid.T) {
		tk := drawTicket(t, 30*24*time.Hour)
		p, a, end := tk.Priority, tk.Logged, tk.Resolved
		before := evaluate(t, c, tk)
		hs := span(t, "hold-start", a, end.Sub(a))
		tk.Holds = []servicehours.Interval{{Start: hs, End: span(t, "hold-end", hs, end.Sub(hs))}}
		after := evaluate(t, c, tk)
		if after.Elapsed > before.Elapsed {
			t.Fatalf("%s: a hold raised elapsed from %s to %s", p, before.Elapsed, after.Elapsed)
		}
		if before.Verdict == ticketclock.Met && after.Verdict != ticketclock.Met {
			t.Fatalf("%s: a hold turned met into %s", p, after.Verdict)
		}
	})
}

// TestPropertyStopBeforeStartIsMet checks the rule for a clock that stops
// at or before it starts, under every unit and reopen rule: a clock
// started at a timestamp at or after the final resolution counts no time,
// and the ticket is met, judged as one cycle.
func TestPropertyStopBeforeStartIsMet(t *testing.T) {
	rules := []ticketclock.ReopenRule{ticketclock.FirstResolution, ticketclock.FinalGapsPaused, ticketclock.WholeSpan, ticketclock.EachCycle, ticketclock.LastCycle}
	clocks := map[ticketclock.ReopenRule]*ticketclock.Clock{}
	for _, r := range rules {
		o := propOptions()
		o.Reopen, o.Start, o.StartField = r, ticketclock.StartField, "responded"
		clocks[r] = newClock(t, o)
	}
	rapid.Check(t, func(t *rapid.T) {
		tk := drawTicket(t, 10*24*time.Hour)
		p, a, resolved := tk.Priority, tk.Logged, tk.Resolved
		rule := rapid.SampledFrom(rules).Draw(t, "reopen")
		tk.Times = map[string]time.Time{"responded": span(t, "responded", resolved, 10*24*time.Hour)}
		if rapid.Bool().Draw(t, "reopened") && resolved.Sub(a) >= 2*time.Second {
			first := span(t, "first-resolved", a, resolved.Sub(a)-2*time.Second)
			tk.Reopens = []record.Reopen{{Resolved: first, Reopened: span(t, "reopened", first.Add(time.Second), resolved.Sub(first)-time.Second)}}
		}
		r := evaluate(t, clocks[rule], tk)
		if r.Verdict != ticketclock.Met || r.Elapsed != 0 || r.Cycles != 1 || r.Ticket != "t" {
			t.Fatalf("%s %s: clock from %s, resolved %s: %s, elapsed %s, %d cycles, ticket %q", p, rule, tk.Times["responded"], resolved, r.Verdict, r.Elapsed, r.Cycles, r.Ticket)
		}
	})
}
