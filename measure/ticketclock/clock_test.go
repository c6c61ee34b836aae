package ticketclock_test

import (
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
	"github.com/stretchr/testify/require"
)

func TestClockWorkedExamples(t *testing.T) {
	reopen := reopened(t, ticket(t, "INC5", "P2", "2023-05-15T09:00:00+01:00", "2023-05-17T15:00:00+01:00"), "2023-05-15T13:00:00+01:00", "2023-05-17T10:00:00+01:00")
	hold := held(t, ticket(t, "INC3", "P1", "2023-06-12T09:00:00+01:00", "2023-06-12T14:30:00+01:00"), "2023-06-12T10:00:00+01:00", "2023-06-12T13:00:00+01:00")
	for _, tt := range []struct {
		name     string
		why      string
		ticket   record.Ticket
		opts     func(*ticketclock.Options)
		outcome  ticketclock.Verdict
		elapsed  time.Duration
		deadline string // RFC 3339; empty: not checked
	}{
		{
			name:    "weekend-not-counted",
			why:     "Friday 16:30-18:00 and Monday 08:00-14:00 are 7h30m of LBH time",
			ticket:  ticket(t, "INC1", "P2", "2023-03-03T16:30:00Z", "2023-03-06T14:00:00Z"),
			outcome: ticketclock.Met, elapsed: 7*time.Hour + 30*time.Minute, deadline: "2023-03-06T14:30:00Z",
		},
		{
			name:    "easter-closed",
			why:     "Good Friday and Easter Monday are closed: due Tuesday 14:00, resolved 14:30",
			ticket:  ticket(t, "INC2", "P2", "2023-04-06T16:00:00+01:00", "2023-04-11T14:30:00+01:00"),
			outcome: ticketclock.Breached, elapsed: 8*time.Hour + 30*time.Minute, deadline: "2023-04-11T14:00:00+01:00",
		},
		{
			name:    "hold-paused",
			why:     "the 3-hour hold pauses the 24x7 clock: 2h30m of 4h",
			ticket:  hold,
			outcome: ticketclock.Met, elapsed: 2*time.Hour + 30*time.Minute, deadline: "2023-06-12T16:00:00+01:00",
		},
		{
			name:    "hold-ignored",
			why:     "with pauses none the hold counts: 5h30m of 4h",
			ticket:  hold,
			opts:    func(o *ticketclock.Options) { o.Pauses = ticketclock.PauseNone },
			outcome: ticketclock.Breached, elapsed: 5*time.Hour + 30*time.Minute, deadline: "2023-06-12T13:00:00+01:00",
		},
		{
			name:    "reopen-first-resolution",
			why:     "Monday 09:00-13:00",
			ticket:  reopen,
			outcome: ticketclock.Met, elapsed: 4 * time.Hour,
		},
		{
			name:    "reopen-last-cycle",
			why:     "Wednesday 10:00-15:00",
			ticket:  reopen,
			opts:    func(o *ticketclock.Options) { o.Reopen = ticketclock.LastCycle },
			outcome: ticketclock.Met, elapsed: 5 * time.Hour,
		},
		{
			name:    "reopen-each-cycle",
			why:     "4h and 5h, each within 8h; the last cycle is reported",
			ticket:  reopen,
			opts:    func(o *ticketclock.Options) { o.Reopen = ticketclock.EachCycle },
			outcome: ticketclock.Met, elapsed: 5 * time.Hour,
		},
		{
			name:    "reopen-final-gaps-paused",
			why:     "4h + 5h with the Monday 13:00 to Wednesday 10:00 gap paused",
			ticket:  reopen,
			opts:    func(o *ticketclock.Options) { o.Reopen = ticketclock.FinalGapsPaused },
			outcome: ticketclock.Breached, elapsed: 9 * time.Hour, deadline: "2023-05-17T14:00:00+01:00",
		},
		{
			name:    "reopen-whole-span",
			why:     "Monday 9h, Tuesday 10h, Wednesday 7h",
			ticket:  reopen,
			opts:    func(o *ticketclock.Options) { o.Reopen = ticketclock.WholeSpan },
			outcome: ticketclock.Breached, elapsed: 26 * time.Hour, deadline: "2023-05-15T17:00:00+01:00",
		},
		{
			name:    "spring-forward",
			why:     "00:30 GMT to 04:45 BST is 3h15m of real time on the night clocks go forward",
			ticket:  ticket(t, "INC6", "P1", "2023-03-26T00:30:00Z", "2023-03-26T04:45:00+01:00"),
			outcome: ticketclock.Met, elapsed: 3*time.Hour + 15*time.Minute, deadline: "2023-03-26T05:30:00+01:00",
		},
		{
			name:    "boundary-exactly-met",
			why:     "Monday 10:00-18:00 is exactly 8h; met on equality, with the deadline at Monday's close",
			ticket:  ticket(t, "INC7", "P2", "2021-06-28T10:00:00+01:00", "2021-06-29T08:00:00+01:00"),
			outcome: ticketclock.Met, elapsed: 8 * time.Hour, deadline: "2021-06-28T18:00:00+01:00",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOptions()
			if tt.opts != nil {
				tt.opts(&o)
			}
			c := newClock(t, o)
			tk := tt.ticket
			r, err := c.Evaluate(&tk, at(t, "2024-01-01T00:00:00Z"))
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tt.outcome || r.Elapsed != tt.elapsed {
				t.Errorf("%s: got %s elapsed %s, want %s elapsed %s\n%s", tt.why, r.Verdict, r.Elapsed, tt.outcome, tt.elapsed, r.Explain())
			}
			if tt.deadline != "" && !r.Deadline.Equal(at(t, tt.deadline)) {
				t.Errorf("%s: deadline %s, want %s", tt.why, r.Deadline.Format(time.RFC3339), tt.deadline)
			}
		})
	}
}

// "5 days" from Maundy Thursday 2023 16:00 BST on LBH, in each unit.
func TestTargetUnits(t *testing.T) {
	for _, tt := range []struct {
		name     string
		why      string
		target   ticketclock.Target
		deadline string
	}{
		{"business-hours", "5 x 10 business hours: Thu 2h, Tue-Fri 40h, Mon 8h", ticketclock.Target{Unit: ticketclock.BusinessTime, Within: record.Duration(50 * time.Hour)}, "2023-04-17T16:00:00+01:00"},
		{"working-days-same-time", "Tue 11, Wed, Thu, Fri, Mon 17: the fifth working day at 16:00", ticketclock.Target{Unit: ticketclock.WorkingDaysSameTime, Days: 5}, "2023-04-17T16:00:00+01:00"},
		{"working-days-close-of-day", "the fifth working day's close", ticketclock.Target{Unit: ticketclock.WorkingDaysCloseOfDay, Days: 5}, "2023-04-17T18:00:00+01:00"},
		{"calendar-days", "five days later at the same clock time, holidays or not", ticketclock.Target{Unit: ticketclock.CalendarDays, Days: 5}, "2023-04-11T16:00:00+01:00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOptions()
			tt.target.Priority, tt.target.Calendar = "P3", "LBH"
			o.Targets = append(o.Targets, tt.target)
			c := newClock(t, o)
			tk := ticket(t, "INC", "P3", "2023-04-06T16:00:00+01:00", "")
			r, err := c.Evaluate(&tk, at(t, "2023-04-06T17:00:00+01:00"))
			if err != nil {
				t.Fatal(err)
			}
			if !r.Deadline.Equal(at(t, tt.deadline)) || r.Verdict != ticketclock.OpenWithin {
				t.Errorf("%s: deadline %s (%s), want %s", tt.why, r.Deadline.In(london).Format(time.RFC3339), r.Verdict, tt.deadline)
			}
		})
	}
}

func TestClockOptionsValidate(t *testing.T) {
	err := ticketclock.Options{Targets: []ticketclock.Target{{Priority: "P1"}, {Priority: "P1", Unit: ticketclock.BusinessTime}}}.Validate()
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.Equal(t, `kinds: none (want the ticket kinds measured, such as incident)
pauses: not set (want one of holds, none)
priority-change: not set (want one of initial, final-from-start, last-from-change, strictest)
reopen: not set (want one of first-resolution, final-resolution-gaps-paused, whole-span, each-cycle, last-cycle)
start: not set (want one of logged, field)
stop: not set (want one of resolved, closed)
targets[0].unit: not set (want one of business-time, elapsed-time, working-days-same-time, working-days-close-of-day, calendar-days, not-measured)
targets[1].calendar: empty (want the name of the calendar the target is counted on)
targets[1].priority: "P1" given twice (first targets[0])
targets[1].within: not positive (want the time allowed, such as 8h)`, err.Error())
}

func TestCheckAgainstClock(t *testing.T) {
	csv := "id,organisation,kind,priority,logged,resolved\n" +
		"A,LBH,incident,P3,2023-03-03T16:30:00Z,2023-03-06T14:00:00Z\n" +
		"B,LBH,request,P9,2023-03-03T16:30:00Z,\n"
	ts, err := recordfile.ReadTickets("t.csv", stringsReader(csv), nil)
	require.NoError(t, err)
	_, err = newClock(t, baseOptions()).EvaluateAll(ts, at(t, "2023-04-01T00:00:00Z"))
	require.ErrorIs(t, err, record.ErrInvalidRecord)
	require.EqualError(t, err, `t.csv:2: ticket "A": priority "P3": no target for this priority (have P1, P2, P5)`)
}

// TestUnknownWordIsKPIs checks that an enumeration's unknown word wraps
// kpi.ErrUnknownWord, the one sentinel every package's words wrap, so that
// errors.Is works across packages.
func TestUnknownWordIsKPIs(t *testing.T) {
	var s ticketclock.Start
	err := s.UnmarshalText([]byte("opened"))
	require.ErrorIs(t, err, kpi.ErrUnknownWord)
	require.EqualError(t, err, `start "opened" (want one of logged, field): unknown word`)
	var we *kpi.WordError
	require.ErrorAs(t, err, &we, "the same error type as every package's words")
	require.Equal(t, []string{"logged", "field"}, we.Words)
	_, err = ticketclock.Start(9).MarshalText()
	require.ErrorIs(t, err, kpi.ErrUnknownWord)
	require.EqualError(t, err, `start 9: unknown word`)
}

// TestEvaluateBeyondCalendarYears checks that a deadline past the years a
// calendar covers is an error naming the ticket, wrapping
// servicehours.ErrOutOfRange: a documented limit, never a wrong verdict.
func TestEvaluateBeyondCalendarYears(t *testing.T) {
	c := newClock(t, baseOptions())
	tk := ticket(t, "INC9", "P2", "2199-12-31T17:00:00Z", "")
	tk.Source = record.Source{File: "t.csv", Line: 7}
	_, err := c.Evaluate(&tk, at(t, "2200-01-02T00:00:00Z"))
	require.ErrorIs(t, err, servicehours.ErrOutOfRange)
	require.EqualError(t, err, `t.csv:7: ticket "INC9": deadline: target 8h0m0s from 2199-12-31T17:00:00Z not reached by the end of 2199`)
}

// TestExplainZone checks that Explain writes every instant in the zone of
// the target's calendar, whatever offset the ticket was written with, and
// in UTC for an elapsed-time target with no calendar.
func TestExplainZone(t *testing.T) {
	o := baseOptions()
	o.Targets = append(o.Targets, ticketclock.Target{Priority: "P3", Unit: ticketclock.ElapsedTime, Within: record.Duration(time.Hour)})
	c := newClock(t, o)
	asOf := at(t, "2023-07-01T00:00:00Z")
	for _, tt := range []struct {
		name, why string
		tk        record.Ticket
		want      string
	}{
		{"utc-to-london", "a ticket written in UTC, on LBH in summer: +01:00",
			ticket(t, "INC1", "P2", "2023-06-12T08:00:00Z", "2023-06-12T09:30:00Z"),
			"INC1 P2 met: elapsed 1h30m of 8h (8h business-time on LBH), 2023-06-12T09:00:00+01:00 to 2023-06-12T10:30:00+01:00, deadline 2023-06-12T17:00:00+01:00; start logged, stop resolved, pauses holds, reopen first-resolution, priority-change initial"},
		{"other-offset-to-london", "a ticket written at +02:00, open at the as-of instant written in UTC",
			ticket(t, "INC2", "P1", "2023-06-12T10:00:00+02:00", ""),
			"INC2 P1 open-breached: elapsed 448h of 4h (4h business-time on C24), 2023-06-12T09:00:00+01:00 to open at 2023-07-01T01:00:00+01:00, deadline 2023-06-12T13:00:00+01:00, breached 2023-06-12T13:00:00+01:00; start logged, stop resolved, pauses holds, reopen first-resolution, priority-change initial"},
		{"elapsed-utc", "an elapsed-time target has no calendar: UTC",
			ticket(t, "INC3", "P3", "2023-06-12T09:00:00+01:00", "2023-06-12T09:30:00+01:00"),
			"INC3 P3 met: elapsed 30m of 1h (1h elapsed-time), 2023-06-12T08:00:00Z to 2023-06-12T08:30:00Z, deadline 2023-06-12T09:00:00Z; start logged, stop resolved, pauses holds, reopen first-resolution, priority-change initial"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j, err := c.Evaluate(&tt.tk, asOf)
			require.NoError(t, err)
			require.Equal(t, tt.want, j.Explain(), tt.why)
		})
	}
}
