package measure_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/stretchr/testify/require"
)

var june = kpi.MustParseMonth("2021-06")

// thousandCalls: 1,000 calls queued, 80 abandoned of which 15 within 5 s,
// 10 callbacks, and 50 IVR-only calls that never count.
func thousandCalls() []measure.Call {
	var cs []measure.Call
	add := func(n int, o measure.CallOutcome, wait time.Duration) {
		for range n {
			cs = append(cs, measure.Call{ID: fmt.Sprint(len(cs)), Outcome: o, Wait: wait})
		}
	}
	add(910, measure.Answered, 20*time.Second)
	add(15, measure.Abandoned, 5*time.Second)
	add(65, measure.Abandoned, 40*time.Second)
	add(10, measure.Callback, 90*time.Second)
	add(50, measure.IVROnly, 0)
	return cs
}

func TestAbandonment(t *testing.T) {
	for _, tt := range []struct {
		name  string
		why   string
		short measure.ShortAbandon
		value string
	}{
		{"simple", "80 / 1,000", measure.ShortCounted, "8.00"},
		{"excluded-from-both", "65 / 985", measure.ShortExcluded, "6.60"},
		{"numerator-only", "65 / 1,000", measure.ShortNumeratorOnly, "6.50"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := measure.AbandonRule{KPI: "ABN", Short: tt.short, Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}}
			if tt.short != measure.ShortCounted {
				r.ShortThreshold = measure.Duration(5 * time.Second)
			}
			f, err := measure.Abandonment(r, "LBH", june, thousandCalls())
			require.NoError(t, err)
			require.Equal(t, tt.value, f.Measurement.Value.StringFixed(2), tt.why)
		})
	}
}

func TestNPS(t *testing.T) {
	p := kpi.Precision{Places: 2, Rounding: kpi.HalfUp}
	for _, tt := range []struct {
		name   string
		why    string
		scores []int
		value  string
	}{
		{"each-score-once", "2 promoters, 7 detractors of 11: -45.4545...", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "-45.45"},
		{"rounded-once", "(2 - 1) / 3 = 33.33, not 66.67 - 33.33 = 33.34", []int{10, 9, 3}, "33.33"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.NPS("NPS", "LBH", june, p, tt.scores)
			require.NoError(t, err)
			require.Equal(t, tt.value, f.Measurement.Value.StringFixed(2), tt.why)
		})
	}
	_, err := measure.NPS("NPS", "LBH", june, p, []int{10, 11})
	require.ErrorIs(t, err, measure.ErrInvalidRecord)
	require.EqualError(t, err, "response 1: score: 11 outside 0..10")
	f, err := measure.NPS("NPS", "LBH", june, p, nil)
	require.NoError(t, err)
	require.Equal(t, kpi.NotApplicable, f.Measurement.Absent)
	require.Equal(t, measure.NoRecords, f.Measurement.Note)
}

func TestSatisfaction(t *testing.T) {
	mean, share, err := measure.Satisfaction("CSAT", "GOOD", "LBH", june, kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, 5, 4, []int{5, 4, 4, 2, 1, 5})
	require.NoError(t, err)
	require.Equal(t, "3.50", mean.Measurement.Value.StringFixed(2), "21 / 6")
	require.Equal(t, "66.67", share.Measurement.Value.StringFixed(2), "4 of 6 at 4 or above")
}

func TestPerUserAndResolution(t *testing.T) {
	f, err := measure.PerUser("CPU", "LBH", june, kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, 7400, 5000, "licensed users")
	require.NoError(t, err)
	require.Equal(t, "1.48", f.Measurement.Value.StringFixed(2))
	tickets := make([]measure.Ticket, 1000)
	for i := range tickets {
		tickets[i] = measure.Ticket{ID: fmt.Sprint(i), FirstLine: i < 280, FirstContact: i < 100}
	}
	p := kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
	flf, err := measure.Resolved("FLF", "LBH", june, p, measure.FirstLineFix, tickets)
	require.NoError(t, err)
	require.Equal(t, "28.0", flf.Measurement.Value.StringFixed(1), "280 of 1,000 resolved by the first line")
	fcr, err := measure.Resolved("FCR", "LBH", june, p, measure.FirstContactResolution, tickets)
	require.NoError(t, err)
	require.Equal(t, "10.0", fcr.Measurement.Value.StringFixed(1), "a distinct measure")
}

func TestClockOptionsValidate(t *testing.T) {
	err := measure.ClockOptions{Targets: []measure.Target{{Priority: "P1"}, {Priority: "P1", Unit: measure.BusinessTime}}}.Validate()
	require.ErrorIs(t, err, measure.ErrInvalidOptions)
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
	ts, err := measure.ReadTickets("t.csv", stringsReader(csv), nil)
	require.NoError(t, err)
	_, err = newClock(t, baseOptions()).EvaluateAll(ts, at(t, "2023-04-01T00:00:00Z"))
	require.ErrorIs(t, err, measure.ErrInvalidRecord)
	require.EqualError(t, err, `t.csv:2: ticket "A": priority "P3": no target for this priority (have P1, P2, P5)`)
}
