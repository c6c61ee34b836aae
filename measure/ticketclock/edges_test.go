package ticketclock_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/stretchr/testify/require"
)

// The edges real data has, unit by unit, with figures worked by hand on
// LBH (London, Monday to Friday 08:00-18:00, closed on bank holidays: 29
// May 2023 is one) and C24 (London, open all day every day). Thursday 15
// June 2023 is an ordinary working day; the clocks went forward at 01:00
// GMT on Sunday 26 March 2023 and back at 01:00 GMT on Sunday 29 October.

// TestStartOutsideServiceHours checks each unit's deadline and time
// allowed for a clock started in service hours, before the opening, after
// the close, on a weekend, on a bank holiday, exactly at the opening and
// exactly at the close. A clock started in closed time starts at the next
// opening: business time and working days count from there; elapsed time
// and calendar days are wall-clock units, which service hours do not
// touch.
func TestStartOutsideServiceHours(t *testing.T) {
	starts := map[string]string{
		"in-hours":     "2023-06-15T10:00:00+01:00",
		"before-open":  "2023-06-15T07:00:00+01:00",
		"after-close":  "2023-06-15T19:00:00+01:00",
		"weekend":      "2023-06-17T10:00:00+01:00",
		"bank-holiday": "2023-05-29T10:00:00+01:00",
		"at-open":      "2023-06-15T08:00:00+01:00",
		"at-close":     "2023-06-15T18:00:00+01:00",
	}
	type want struct {
		start, deadline string
		allowed         time.Duration
	}
	for _, tt := range []struct {
		unit  ticketclock.Target
		why   string
		wants []want
	}{
		{ticketclock.Target{Unit: ticketclock.BusinessTime, Within: record.Duration(8 * time.Hour)},
			"8 hours of open time from the next opening", []want{
				{"in-hours", "2023-06-15T18:00:00+01:00", 8 * time.Hour},
				{"before-open", "2023-06-15T16:00:00+01:00", 8 * time.Hour},
				{"after-close", "2023-06-16T16:00:00+01:00", 8 * time.Hour},
				{"weekend", "2023-06-19T16:00:00+01:00", 8 * time.Hour},
				{"bank-holiday", "2023-05-30T16:00:00+01:00", 8 * time.Hour},
				{"at-open", "2023-06-15T16:00:00+01:00", 8 * time.Hour},
				{"at-close", "2023-06-16T16:00:00+01:00", 8 * time.Hour},
			}},
		{ticketclock.Target{Unit: ticketclock.WorkingDaysSameTime, Days: 1},
			"the next working day at the effective start's clock time: the deadline is the earliest instant with that much open time, so 08:00 is the close before it", []want{
				{"in-hours", "2023-06-16T10:00:00+01:00", 10 * time.Hour},
				{"before-open", "2023-06-15T18:00:00+01:00", 10 * time.Hour},
				{"after-close", "2023-06-16T18:00:00+01:00", 10 * time.Hour},
				{"weekend", "2023-06-19T18:00:00+01:00", 10 * time.Hour},
				{"bank-holiday", "2023-05-30T18:00:00+01:00", 10 * time.Hour},
				{"at-open", "2023-06-15T18:00:00+01:00", 10 * time.Hour},
				{"at-close", "2023-06-16T18:00:00+01:00", 10 * time.Hour},
			}},
		{ticketclock.Target{Unit: ticketclock.WorkingDaysCloseOfDay, Days: 1},
			"the close of the working day after the effective start's date", []want{
				{"in-hours", "2023-06-16T18:00:00+01:00", 18 * time.Hour},
				{"before-open", "2023-06-16T18:00:00+01:00", 20 * time.Hour},
				{"after-close", "2023-06-19T18:00:00+01:00", 20 * time.Hour},
				{"weekend", "2023-06-20T18:00:00+01:00", 20 * time.Hour},
				{"bank-holiday", "2023-05-31T18:00:00+01:00", 20 * time.Hour},
				{"at-open", "2023-06-16T18:00:00+01:00", 20 * time.Hour},
				{"at-close", "2023-06-19T18:00:00+01:00", 20 * time.Hour},
			}},
		{ticketclock.Target{Unit: ticketclock.CalendarDays, Days: 1},
			"one calendar day later at the same local clock time, in wall time", []want{
				{"in-hours", "2023-06-16T10:00:00+01:00", 24 * time.Hour},
				{"after-close", "2023-06-16T19:00:00+01:00", 24 * time.Hour},
				{"weekend", "2023-06-18T10:00:00+01:00", 24 * time.Hour},
				{"bank-holiday", "2023-05-30T10:00:00+01:00", 24 * time.Hour},
			}},
		{ticketclock.Target{Unit: ticketclock.ElapsedTime, Within: record.Duration(8 * time.Hour)},
			"8 hours of wall-clock time", []want{
				{"after-close", "2023-06-16T03:00:00+01:00", 8 * time.Hour},
				{"weekend", "2023-06-17T18:00:00+01:00", 8 * time.Hour},
			}},
	} {
		for _, w := range tt.wants {
			t.Run(tt.unit.Unit.String()+"/"+w.start, func(t *testing.T) {
				o := baseOptions()
				tt.unit.Priority = "P3"
				if tt.unit.Unit != ticketclock.ElapsedTime {
					tt.unit.Calendar = "LBH"
				}
				o.Targets = append(o.Targets, tt.unit)
				tk := ticket(t, "INC", "P3", starts[w.start], "")
				j, err := newClock(t, o).Evaluate(&tk, at(t, "2023-07-01T00:00:00Z"))
				require.NoError(t, err)
				require.Equal(t, w.deadline+" "+w.allowed.String(), j.Deadline.In(london).Format(time.RFC3339)+" "+j.Allowed.String(), tt.why)
			})
		}
	}
}

// TestDaylightSaving checks each unit across the two days a year the
// clocks change.
func TestDaylightSaving(t *testing.T) {
	for _, tt := range []struct {
		name, why string
		target    ticketclock.Target
		logged    string
		deadline  string
		allowed   time.Duration
	}{
		{"elapsed-spring", "4 hours of real time from 00:30 GMT: 04:30 GMT is 05:30 BST",
			ticketclock.Target{Unit: ticketclock.ElapsedTime, Within: record.Duration(4 * time.Hour)}, "2023-03-26T00:30:00Z", "2023-03-26T05:30:00+01:00", 4 * time.Hour},
		{"business-24x7-spring", "business time on a 24x7 calendar is real time: the skipped hour is not open time",
			ticketclock.Target{Unit: ticketclock.BusinessTime, Within: record.Duration(4 * time.Hour), Calendar: "C24"}, "2023-03-26T00:30:00Z", "2023-03-26T05:30:00+01:00", 4 * time.Hour},
		{"business-24x7-autumn", "the repeated hour is open time twice: 4 hours from 00:30 BST end at 03:30 GMT",
			ticketclock.Target{Unit: ticketclock.BusinessTime, Within: record.Duration(4 * time.Hour), Calendar: "C24"}, "2023-10-29T00:30:00+01:00", "2023-10-29T03:30:00Z", 4 * time.Hour},
		{"calendar-days-spring", "one day later at 10:00 local: 23 hours of wall time",
			ticketclock.Target{Unit: ticketclock.CalendarDays, Days: 1, Calendar: "LBH"}, "2023-03-25T10:00:00Z", "2023-03-26T10:00:00+01:00", 23 * time.Hour},
		{"calendar-days-autumn", "one day later at 10:00 local: 25 hours of wall time",
			ticketclock.Target{Unit: ticketclock.CalendarDays, Days: 1, Calendar: "LBH"}, "2023-10-28T10:00:00+01:00", "2023-10-29T10:00:00Z", 25 * time.Hour},
		{"same-time-in-the-gap", "01:30 does not exist on 26 March: the first instant after the gap, 02:00 BST",
			ticketclock.Target{Unit: ticketclock.WorkingDaysSameTime, Days: 1, Calendar: "C24"}, "2023-03-25T01:30:00Z", "2023-03-26T02:00:00+01:00", 23*time.Hour + 30*time.Minute},
		{"same-time-in-the-overlap", "01:30 happens twice on 29 October: the first, 01:30 BST",
			ticketclock.Target{Unit: ticketclock.WorkingDaysSameTime, Days: 1, Calendar: "C24"}, "2023-10-28T01:30:00+01:00", "2023-10-29T01:30:00+01:00", 24 * time.Hour},
		{"close-of-day-spring", "the close of a 24x7 day is its midnight: 26 March has 23 hours",
			ticketclock.Target{Unit: ticketclock.WorkingDaysCloseOfDay, Days: 1, Calendar: "C24"}, "2023-03-25T00:00:00Z", "2023-03-27T00:00:00+01:00", 47 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOptions()
			tt.target.Priority = "P3"
			o.Targets = append(o.Targets, tt.target)
			tk := ticket(t, "INC", "P3", tt.logged, "")
			j, err := newClock(t, o).Evaluate(&tk, at(t, "2023-12-01T00:00:00Z"))
			require.NoError(t, err)
			require.Equal(t, tt.deadline+" "+tt.allowed.String(), j.Deadline.In(london).Format(time.RFC3339)+" "+j.Allowed.String(), tt.why)
		})
	}
}

// TestBoundaries checks events exactly on a boundary: a resolution exactly
// at the deadline is met, one a second later breached; the clock runs in
// open time only, so a ticket resolved after the close on its deadline's
// day has used exactly the time allowed and is met, and an open one turns
// breached only when the calendar opens again, its breach instant the
// deadline; a month runs from 00:00 local on the 1st, inclusive, to 00:00
// on the next 1st, exclusive; what happens exactly at the as-of instant is
// known then.
func TestBoundaries(t *testing.T) {
	c := newClock(t, baseOptions()) // P2: 8h business time on LBH
	judge := func(tk record.Ticket, asOf string) ticketclock.Judgement {
		j, err := c.Evaluate(&tk, at(t, asOf))
		require.NoError(t, err)
		return j
	}
	// Logged Thursday 10:00: due at the close, 18:00.
	const logged = "2023-06-15T10:00:00+01:00"
	for _, tt := range []struct {
		name, why, resolved, asOf string
		verdict                   ticketclock.Verdict
		breach                    string
	}{
		{"at-deadline", "8h exactly", "2023-06-15T18:00:00+01:00", "2023-07-01T00:00:00Z", ticketclock.Met, ""},
		{"second-late", "8h0m1s: the clock ran a second into Friday", "2023-06-16T08:00:01+01:00", "2023-07-01T00:00:00Z", ticketclock.Breached, "2023-06-15T18:00:00+01:00"},
		{"after-close", "resolved at 18:30, after the close: still 8h of open time", "2023-06-15T18:30:00+01:00", "2023-07-01T00:00:00Z", ticketclock.Met, ""},
		{"open-after-close", "open at 23:00: 8h used, not more", "", "2023-06-15T23:00:00+01:00", ticketclock.OpenWithin, ""},
		{"open-at-opening", "open at Friday 08:00: still 8h", "", "2023-06-16T08:00:00+01:00", ticketclock.OpenWithin, ""},
		{"open-after-opening", "open at Friday 08:00:01: breached at the deadline", "", "2023-06-16T08:00:01+01:00", ticketclock.OpenBreached, "2023-06-15T18:00:00+01:00"},
		{"resolved-at-as-of", "a resolution exactly at the as-of instant is known", "2023-06-15T12:00:00+01:00", "2023-06-15T12:00:00+01:00", ticketclock.Met, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := judge(ticket(t, "INC", "P2", logged, tt.resolved), tt.asOf)
			breach := ""
			if !j.Breach.IsZero() {
				breach = j.Breach.In(london).Format(time.RFC3339)
			}
			require.Equal(t, tt.verdict.String()+" "+tt.breach, j.Verdict.String()+" "+breach, tt.why)
		})
	}
	t.Run("reopened-at-as-of", func(t *testing.T) {
		o := baseOptions()
		o.Reopen = ticketclock.FinalGapsPaused
		tk := reopened(t, ticket(t, "INC", "P2", logged, "2023-06-16T12:00:00+01:00"), "2023-06-15T12:00:00+01:00", "2023-06-15T14:00:00+01:00")
		j, err := newClock(t, o).Evaluate(&tk, at(t, "2023-06-15T14:00:00+01:00"))
		require.NoError(t, err)
		require.Equal(t, "open-within 2h0m0s", j.Verdict.String()+" "+j.Elapsed.String(), "the reopening at the as-of instant is known: open again, 2h counted")
		j, err = newClock(t, o).Evaluate(&tk, at(t, "2023-06-15T13:59:59+01:00"))
		require.NoError(t, err)
		require.Equal(t, "met 2h0m0s", j.Verdict.String()+" "+j.Elapsed.String(), "a second before it, the ticket was resolved")
	})
}

// TestWorkingDaysReopenedAtNight checks that each cycle of a reopened
// ticket starts as a clock does: a cycle reopened after the close starts
// at the next opening. 1 working day by close of day, each cycle alone:
// logged Thursday 10:00, resolved 12:00, reopened at 19:00 (after the
// close), resolved Monday 17:00. The second cycle starts Friday 08:00 and
// is due at Monday's close: met, 2 cycles, none failed.
func TestWorkingDaysReopenedAtNight(t *testing.T) {
	o := baseOptions()
	o.Reopen = ticketclock.EachCycle
	o.Targets = append(o.Targets, ticketclock.Target{Priority: "P3", Unit: ticketclock.WorkingDaysCloseOfDay, Days: 1, Calendar: "LBH"})
	tk := reopened(t, ticket(t, "INC", "P3", "2023-06-15T10:00:00+01:00", "2023-06-19T17:00:00+01:00"), "2023-06-15T12:00:00+01:00", "2023-06-15T19:00:00+01:00")
	j, err := newClock(t, o).Evaluate(&tk, at(t, "2023-07-01T00:00:00Z"))
	require.NoError(t, err)
	require.Equal(t, "met 2 0 2023-06-19T18:00:00+01:00 19h0m0s",
		j.Verdict.String()+" "+strconv.Itoa(j.Cycles)+" "+strconv.Itoa(j.CyclesFailed)+" "+j.Deadline.In(london).Format(time.RFC3339)+" "+j.Elapsed.String())
}

// TestOptionEdges works the pauses, stop and priority-change options by
// hand at their edges, on baseOptions' P2 (8 hours on LBH) and P1 (4
// hours on C24), around Thursday 15 June 2023.
func TestOptionEdges(t *testing.T) {
	for _, tt := range []struct {
		name, why string
		opts      func(*ticketclock.Options)
		ticket    record.Ticket
		asOf      string
		want      string // verdict, elapsed, deadline and breach (or -)
	}{
		{"hold-in-closed-time", "a hold overnight pauses nothing the calendar counts: Thu 2h + Fri 7h", nil,
			held(t, ticket(t, "INC", "P2", "2023-06-15T16:00:00+01:00", "2023-06-16T15:00:00+01:00"), "2023-06-15T19:00:00+01:00", "2023-06-16T07:00:00+01:00"),
			"2023-07-01T00:00:00Z", "breached 9h0m0s 2023-06-16T14:00:00+01:00 2023-06-16T14:00:00+01:00"},
		{"hold-across-the-close", "a hold 17:00 to 09:00 pauses Thursday's last hour and Friday's first: 7h used, due Friday 10:00", nil,
			held(t, ticket(t, "INC", "P2", "2023-06-15T10:00:00+01:00", "2023-06-16T09:00:00+01:00"), "2023-06-15T17:00:00+01:00", "2023-06-16T09:00:00+01:00"),
			"2023-07-01T00:00:00Z", "met 7h0m0s 2023-06-16T10:00:00+01:00 -"},
		{"stop-closed-not-closed", "with stop closed a ticket resolved and not closed still runs: 12h by Friday noon",
			func(o *ticketclock.Options) { o.Stop = ticketclock.StopClosed },
			ticket(t, "INC", "P2", "2023-06-15T10:00:00+01:00", "2023-06-15T12:00:00+01:00"), "2023-06-16T12:00:00+01:00", "open-breached 12h0m0s 2023-06-15T18:00:00+01:00 2023-06-15T18:00:00+01:00"},
		{"raised-at-as-of", "raised to P1 exactly at the as-of instant: known; P1's 4 hours from the start were past at the change, so breached then",
			func(o *ticketclock.Options) { o.PriorityChange = ticketclock.FinalFromStart },
			changed(t, ticket(t, "INC", "P2", "2023-06-15T10:00:00+01:00", ""), "2023-06-15T15:00:00+01:00", "P1"), "2023-06-15T15:00:00+01:00", "open-breached 5h0m0s 2023-06-15T14:00:00+01:00 2023-06-15T15:00:00+01:00"},
		{"raised-after-as-of", "a second before the change it is still P2 and within",
			func(o *ticketclock.Options) { o.PriorityChange = ticketclock.FinalFromStart },
			changed(t, ticket(t, "INC", "P2", "2023-06-15T10:00:00+01:00", ""), "2023-06-15T15:00:00+01:00", "P1"), "2023-06-15T14:59:59+01:00", "open-within 4h59m59s 2023-06-15T18:00:00+01:00 -"},
		{"changed-after-close", "last-from-change: lowered to P2 at 20:00, after the close: the clock starts at Friday's opening",
			func(o *ticketclock.Options) { o.PriorityChange = ticketclock.LastFromChange },
			changed(t, ticket(t, "INC", "P1", "2023-06-15T10:00:00+01:00", "2023-06-16T15:00:00+01:00"), "2023-06-15T20:00:00+01:00", "P2"),
			"2023-07-01T00:00:00Z", "met 7h0m0s 2023-06-16T16:00:00+01:00 -"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOptions()
			if tt.opts != nil {
				tt.opts(&o)
			}
			tk := tt.ticket
			j, err := newClock(t, o).Evaluate(&tk, at(t, tt.asOf))
			require.NoError(t, err)
			breach := "-"
			if !j.Breach.IsZero() {
				breach = j.Breach.In(london).Format(time.RFC3339)
			}
			require.Equal(t, tt.want, j.Verdict.String()+" "+j.Elapsed.String()+" "+j.Deadline.In(london).Format(time.RFC3339)+" "+breach, tt.why)
		})
	}
}

// TestClockStopsBeforeStart works by hand the rule for a clock that stops
// at or before it starts: it counts no time, so the ticket is met,
// whatever its target, and is judged as one cycle. The ticket was
// resolved before its clock could run. Figures on LBH (Monday to Friday
// 08:00-18:00, London) around Thursday 15 June 2023; P2 is 8 hours of
// business time on LBH, P1 4 hours on C24 (open all day).
func TestClockStopsBeforeStart(t *testing.T) {
	type judged struct {
		verdict  ticketclock.Verdict
		elapsed  time.Duration
		allowed  time.Duration
		deadline string
		cycles   int
	}
	units := map[string]ticketclock.Target{
		"business-time":             {Unit: ticketclock.BusinessTime, Within: record.Duration(8 * time.Hour), Calendar: "LBH"},
		"working-days-same-time":    {Unit: ticketclock.WorkingDaysSameTime, Days: 1, Calendar: "LBH"},
		"working-days-close-of-day": {Unit: ticketclock.WorkingDaysCloseOfDay, Days: 1, Calendar: "LBH"},
		"elapsed-time":              {Unit: ticketclock.ElapsedTime, Within: record.Duration(8 * time.Hour)},
		"calendar-days":             {Unit: ticketclock.CalendarDays, Days: 1, Calendar: "LBH"},
	}
	for _, tt := range []struct {
		name, unit, why string
		opts            func(*ticketclock.Options)
		ticket          func(t *testing.T) record.Ticket
		want            judged
	}{
		// Logged on Friday 16 June at 19:00, after the close; resolved on
		// Saturday at 10:00, before Monday's opening. The calendar units'
		// clock starts at Monday 08:00: the resolution came before it.
		{"out-of-hours", "business-time", "no open time from Friday 19:00 to Saturday 10:00: 0 of 8h; due Monday 16:00, 8 open hours after its opening", nil,
			outOfHours, judged{ticketclock.Met, 0, 8 * time.Hour, "2023-06-19T16:00:00+01:00", 1}},
		{"out-of-hours", "working-days-same-time", "0 of 10h: the working day after Monday, at the 08:00 of the opening, reported as Monday's close", nil,
			outOfHours, judged{ticketclock.Met, 0, 10 * time.Hour, "2023-06-19T18:00:00+01:00", 1}},
		{"out-of-hours", "working-days-close-of-day", "0 of 20h: the close of Tuesday, the working day after Monday (Monday 10h + Tuesday 10h)", nil,
			outOfHours, judged{ticketclock.Met, 0, 20 * time.Hour, "2023-06-20T18:00:00+01:00", 1}},
		{"out-of-hours", "elapsed-time", "a wall-clock unit: the clock ran from Friday 19:00, 15h by Saturday 10:00, past 8h at Saturday 03:00", nil,
			outOfHours, judged{ticketclock.Breached, 15 * time.Hour, 8 * time.Hour, "2023-06-17T03:00:00+01:00", 1}},
		{"out-of-hours", "calendar-days", "a wall-clock unit: 15h of the 24h to Saturday 19:00", nil,
			outOfHours, judged{ticketclock.Met, 15 * time.Hour, 24 * time.Hour, "2023-06-17T19:00:00+01:00", 1}},
		// Logged Thursday 10:00, resolved 12:00; the clock starts at the
		// response, at 14:00.
		{"start-field-after-resolution", "business-time", "0 of 8h: Thursday 14:00-18:00 is 4h, Friday's first 4 end at 12:00", startAtResponse,
			respondedLate, judged{ticketclock.Met, 0, 8 * time.Hour, "2023-06-16T12:00:00+01:00", 1}},
		{"start-field-after-resolution", "working-days-same-time", "0 of 10h: Friday 14:00, Thursday's 4 open hours and Friday's 6", startAtResponse,
			respondedLate, judged{ticketclock.Met, 0, 10 * time.Hour, "2023-06-16T14:00:00+01:00", 1}},
		{"start-field-after-resolution", "working-days-close-of-day", "0 of 14h: Friday's close, Thursday's 4 open hours and Friday's 10", startAtResponse,
			respondedLate, judged{ticketclock.Met, 0, 14 * time.Hour, "2023-06-16T18:00:00+01:00", 1}},
		{"start-field-after-resolution", "elapsed-time", "0 of 8h: Thursday 22:00", startAtResponse,
			respondedLate, judged{ticketclock.Met, 0, 8 * time.Hour, "2023-06-15T22:00:00+01:00", 1}},
		{"start-field-after-resolution", "calendar-days", "0 of 24h: Friday 14:00", startAtResponse,
			respondedLate, judged{ticketclock.Met, 0, 24 * time.Hour, "2023-06-16T14:00:00+01:00", 1}},
		// The same with stop: closed, closed at 13:00, still before the
		// response; and a response between the resolution and the
		// closure, which stop: closed counts to the closure.
		{"closed-before-start", "business-time", "closed at 13:00, before the 14:00 start: 0 of 8h",
			func(o *ticketclock.Options) { startAtResponse(o); o.Stop = ticketclock.StopClosed },
			func(t *testing.T) record.Ticket {
				tk := respondedLate(t)
				tk.Closed = at(t, "2023-06-15T13:00:00+01:00")
				return tk
			}, judged{ticketclock.Met, 0, 8 * time.Hour, "2023-06-16T12:00:00+01:00", 1}},
		{"closed-after-start", "business-time", "responded 12:30, closed 13:00: 30m of 8h; due Friday 10:30 (Thursday 5h30m, Friday 2h30m)",
			func(o *ticketclock.Options) { startAtResponse(o); o.Stop = ticketclock.StopClosed },
			func(t *testing.T) record.Ticket {
				tk := respondedLate(t)
				tk.Times["responded"] = at(t, "2023-06-15T12:30:00+01:00")
				tk.Closed = at(t, "2023-06-15T13:00:00+01:00")
				return tk
			}, judged{ticketclock.Met, 30 * time.Minute, 8 * time.Hour, "2023-06-16T10:30:00+01:00", 1}},
		// A ticket resolved at the instant it was logged: a clock of no
		// time, under each cycle alone as under the other rules.
		{"resolved-as-logged", "business-time", "logged and resolved at Thursday 10:00: 0 of 8h, due 18:00",
			func(o *ticketclock.Options) { o.Reopen = ticketclock.EachCycle },
			func(t *testing.T) record.Ticket {
				return ticket(t, "INC1", "P3", "2023-06-15T10:00:00+01:00", "2023-06-15T10:00:00+01:00")
			}, judged{ticketclock.Met, 0, 8 * time.Hour, "2023-06-15T18:00:00+01:00", 1}},
		// Last-from-change: P1 (4h on C24) logged Thursday 10:00, lowered
		// to P3 at its resolution, 15:00: the clock runs from the change,
		// so it stops as it starts. Under the initial priority the same
		// ticket took 5h of P1's 4h.
		{"changed-at-resolution", "business-time", "P3's clock from 15:00 to 15:00: 0 of 8h; due Friday 13:00 (Thursday 3h, Friday 5h)",
			func(o *ticketclock.Options) { o.PriorityChange = ticketclock.LastFromChange },
			loweredAtResolution, judged{ticketclock.Met, 0, 8 * time.Hour, "2023-06-16T13:00:00+01:00", 1}},
		{"initial-priority", "business-time", "P1's clock from 10:00 to 15:00: 5h of 4h, due 14:00", nil,
			loweredAtResolution, judged{ticketclock.Breached, 5 * time.Hour, 4 * time.Hour, "2023-06-15T14:00:00+01:00", 1}},
	} {
		t.Run(tt.name+"/"+tt.unit, func(t *testing.T) {
			o := baseOptions()
			target := units[tt.unit]
			target.Priority = "P3"
			o.Targets = append(o.Targets, target)
			if tt.opts != nil {
				tt.opts(&o)
			}
			tk := tt.ticket(t)
			c := newClock(t, o)
			require.NoError(t, c.Check([]record.Ticket{tk}))
			j, err := c.Evaluate(&tk, at(t, "2023-07-01T00:00:00Z"))
			require.NoError(t, err)
			got := judged{j.Verdict, j.Elapsed, j.Allowed, j.Deadline.In(london).Format(time.RFC3339), j.Cycles}
			require.Equal(t, tt.want, got, tt.why)
			require.Equal(t, tk.ID, j.Ticket)
			if tt.name == "start-field-after-resolution" && tt.unit == "business-time" {
				require.Contains(t, j.Explain(), ", 2023-06-15T14:00:00+01:00 to 2023-06-15T12:00:00+01:00, ", "the start after the stop, as they are")
			}
		})
	}
}

// TestClockStopsBeforeStartEachReopenRule judges a reopened ticket whose
// clock starts at its response, after its final resolution, under every
// reopen rule: each counts no time and judges one cycle; each cycle alone
// judges only the cycles that run after the start. Logged Thursday 15
// June 2023 at 10:00, resolved 11:00, reopened 11:30, resolved 12:00; P2,
// 8 hours on LBH.
func TestClockStopsBeforeStartEachReopenRule(t *testing.T) {
	for _, tt := range []struct {
		responded string
		rule      ticketclock.ReopenRule
		want      string // verdict, elapsed, cycles
	}{
		{"2023-06-15T14:00:00+01:00", ticketclock.FirstResolution, "met 0s 1"},
		{"2023-06-15T14:00:00+01:00", ticketclock.FinalGapsPaused, "met 0s 1"},
		{"2023-06-15T14:00:00+01:00", ticketclock.WholeSpan, "met 0s 1"},
		{"2023-06-15T14:00:00+01:00", ticketclock.EachCycle, "met 0s 1"},
		{"2023-06-15T14:00:00+01:00", ticketclock.LastCycle, "met 0s 1"},
		// Responded at 11:15, between the first resolution and the
		// reopening: the first cycle stopped before the clock started.
		{"2023-06-15T11:15:00+01:00", ticketclock.FirstResolution, "met 0s 1"},    // 11:15 to 11:00
		{"2023-06-15T11:15:00+01:00", ticketclock.FinalGapsPaused, "met 30m0s 1"}, // 11:15 to 12:00, 11:15-11:30 paused
		{"2023-06-15T11:15:00+01:00", ticketclock.WholeSpan, "met 45m0s 1"},       // 11:15 to 12:00
		{"2023-06-15T11:15:00+01:00", ticketclock.EachCycle, "met 30m0s 1"},       // the second cycle only, 11:30 to 12:00
		{"2023-06-15T11:15:00+01:00", ticketclock.LastCycle, "met 30m0s 1"},       // 11:30 to 12:00
	} {
		t.Run(tt.rule.String()+"/"+tt.responded[11:16], func(t *testing.T) {
			o := baseOptions()
			startAtResponse(&o)
			o.Reopen = tt.rule
			tk := reopened(t, ticket(t, "INC1", "P2", "2023-06-15T10:00:00+01:00", "2023-06-15T12:00:00+01:00"), "2023-06-15T11:00:00+01:00", "2023-06-15T11:30:00+01:00")
			tk.Times = map[string]time.Time{"responded": at(t, tt.responded)}
			j, err := newClock(t, o).Evaluate(&tk, at(t, "2023-07-01T00:00:00Z"))
			require.NoError(t, err)
			require.Equal(t, tt.want, j.Verdict.String()+" "+j.Elapsed.String()+" "+strconv.Itoa(j.Cycles))
			require.Equal(t, "INC1", j.Ticket)
		})
	}
}

// startAtResponse starts the clock at the response.
func startAtResponse(o *ticketclock.Options) {
	o.Start, o.StartField = ticketclock.StartField, "responded"
}

// outOfHours is a P3 ticket logged on Friday 16 June 2023 at 19:00, after
// LBH's close, and resolved on Saturday at 10:00, before Monday's opening.
func outOfHours(t *testing.T) record.Ticket {
	return ticket(t, "INC1", "P3", "2023-06-16T19:00:00+01:00", "2023-06-17T10:00:00+01:00")
}

// respondedLate is a P3 ticket logged on Thursday 15 June 2023 at 10:00,
// resolved at 12:00 and responded to at 14:00.
func respondedLate(t *testing.T) record.Ticket {
	tk := ticket(t, "INC1", "P3", "2023-06-15T10:00:00+01:00", "2023-06-15T12:00:00+01:00")
	tk.Times = map[string]time.Time{"responded": at(t, "2023-06-15T14:00:00+01:00")}
	return tk
}

// loweredAtResolution is a P1 ticket logged on Thursday 15 June 2023 at
// 10:00, resolved at 15:00 and lowered to P3 at 15:00.
func loweredAtResolution(t *testing.T) record.Ticket {
	return changed(t, ticket(t, "INC1", "P1", "2023-06-15T10:00:00+01:00", "2023-06-15T15:00:00+01:00"), "2023-06-15T15:00:00+01:00", "P3")
}
