package ticketclock_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/stretchr/testify/require"
)

// noHolidays is LCC's week without the bank holidays: the calendar an
// ITSM tool might have been set up with.
func noHolidays(t *testing.T) *ticketclock.Calendar {
	t.Helper()
	cal := lbhCalendar(t)
	cal.Closed = nil
	c, err := ticketclock.NewCalendar("LCC-no-holidays", cal)
	require.NoError(t, err)
	return c
}

func TestReconcile(t *testing.T) {
	o := lincsOptions()
	o.Targets[0] = ticketclock.Target{Priority: "P1", Unit: ticketclock.BusinessTime, Within: record.Duration(time.Hour), Calendar: "LCC"}
	cal, err := ticketclock.NewCalendar("LCC", lbhCalendar(t))
	require.NoError(t, err)
	clock, err := ticketclock.New(o, cal)
	require.NoError(t, err)
	tool := func(tk record.Ticket, v record.ToolVerdict) record.Ticket { tk.Tool = v; return tk }
	p2 := func(id, logged, resolved string) record.Ticket { return ticket(t, id, "P2", logged, resolved) }
	for _, tt := range []struct {
		name   string
		why    string
		ticket record.Ticket
		want   string // the difference explained; empty when the verdicts agree
	}{
		{
			name:   "agrees",
			why:    "2 hours: both say met",
			ticket: tool(p2("A", "2021-06-01T09:00:00+01:00", "2021-06-01T11:00:00+01:00"), record.ToolMet),
		},
		{
			name: "holds-ignored",
			why:  "exactly 8 hours with the 5-hour hold paused; the tool counts the hold, as does wall-clock time",
			ticket: held(t, tool(p2("H", "2021-06-09T09:00:00+01:00", "2021-06-10T12:00:00+01:00"), record.ToolBreached),
				"2021-06-09T10:00:00+01:00", "2021-06-09T15:00:00+01:00"),
			want: "H: tool breached, ours met; agrees with pauses none, or targets[1].unit elapsed-time",
		},
		{
			name: "reopen-rule",
			why:  "2 hours to the first resolution and 7 after the reopen: 9 hours with the gap paused; the tool stops earlier",
			ticket: reopened(t, tool(p2("R", "2021-06-15T09:00:00+01:00", "2021-06-16T16:00:00+01:00"), record.ToolMet),
				"2021-06-15T11:00:00+01:00", "2021-06-16T09:00:00+01:00"),
			want: "R: tool met, ours breached; agrees with reopen first-resolution, or reopen each-cycle, or reopen last-cycle",
		},
		{
			name:   "bank-holiday",
			why:    "Friday 15:00 to Tuesday 10:00 over the summer bank holiday is 5 hours; 15 without the holiday",
			ticket: tool(p2("B", "2021-08-27T15:00:00+01:00", "2021-08-31T10:00:00+01:00"), record.ToolBreached),
			want:   "B: tool breached, ours met; agrees with targets[1].calendar LCC-no-holidays, or targets[1].unit elapsed-time",
		},
		{
			name: "priority-rule",
			why:  "raised from P2 to P1 half an hour in and resolved at 2 hours: met as a P2, late as a P1",
			ticket: changed(t, tool(p2("P", "2021-09-14T09:00:00+01:00", "2021-09-14T11:00:00+01:00"), record.ToolBreached),
				"2021-09-14T09:30:00+01:00", "P1"),
			want: "P: tool breached, ours met; agrees with priority-change final-from-start, or priority-change last-from-change, or priority-change strictest",
		},
		{
			name:   "unexplained",
			why:    "resolved in an hour: no single choice makes it late",
			ticket: tool(p2("U", "2021-06-01T09:00:00+01:00", "2021-06-01T10:00:00+01:00"), record.ToolBreached),
			want:   "U: tool breached, ours met; no single rule or calendar choice explains it",
		},
		{
			name:   "open-breached",
			why:    "open for days at the as-of instant; the tool says met",
			ticket: tool(p2("O", "2021-06-01T09:00:00+01:00", ""), record.ToolMet),
			want:   "O: tool met, ours open-breached; no single rule or calendar choice explains it",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := clock.Reconcile([]record.Ticket{tt.ticket}, lincsAsOf, noHolidays(t))
			require.NoError(t, err)
			require.Equal(t, 1, rec.Compared)
			var got string
			if len(rec.Differences) > 0 {
				got = rec.Differences[0].Explain()
			}
			require.Equal(t, tt.want, got, tt.why)
			require.Equal(t, rec.Compared-len(rec.Differences), rec.Agreed)
		})
	}
}

func TestReconcileLincolnshire(t *testing.T) {
	rec, err := lincsClock(t).Reconcile(lincsTickets(t), lincsAsOf, noHolidays(t))
	require.NoError(t, err)
	var got []string
	for _, d := range rec.Differences {
		got = append(got, d.Explain())
		for _, c := range d.Causes {
			require.False(t, c.Judgement.Disagrees(), "%s: %s", d.Judgement.Ticket, c.Judgement.Explain())
		}
	}
	want := []string{
		"INC0017: tool breached, ours met; agrees with pauses none, or targets[1].unit elapsed-time",
		"INC0022: tool met, ours breached; agrees with reopen first-resolution, or reopen each-cycle, or reopen last-cycle",
		"INC0124: tool breached, ours met; agrees with targets[1].calendar LCC-no-holidays, or targets[1].unit elapsed-time",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("differences (-want +got):\n%s", d)
	}
	// 190 P2 incidents with a verdict; the excluded one and the eight P1
	// incidents, which this KPI does not measure, are not compared.
	require.Equal(t, [3]int{190, 187, 9}, [3]int{rec.Compared, rec.Agreed, rec.Uncompared})
}

func TestReconcileAlternativeNamedAsClockCalendar(t *testing.T) {
	_, err := lincsClock(t).Reconcile(nil, lincsAsOf, lbh(t), func() *ticketclock.Calendar {
		c, err := ticketclock.NewCalendar("LCC", lbhCalendar(t))
		require.NoError(t, err)
		return c
	}())
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.EqualError(t, err, `alternatives[1]: "LCC" is a calendar of the clock`)
}
