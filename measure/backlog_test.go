package measure_test

import (
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/stretchr/testify/require"
)

func TestBacklog(t *testing.T) {
	entries, err := recordfile.ReadBacklog("backlog-good.csv", open(t, "backlog-good.csv"), london)
	require.NoError(t, err)
	rule := func(age measure.Age, snap measure.Snapshot, kinds ...string) measure.BacklogRule {
		return measure.BacklogRule{KPI: "IMT_PI_01", Kinds: kinds, OlderThan: 30, Age: age, Snapshot: snap,
			Zone: "Europe/London", Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}}
	}
	for _, tt := range []struct {
		name  string
		why   string
		rule  measure.BacklogRule
		month string
		value string
	}{
		{"elapsed-hours", "INC2 is 30 days and 1 hour old: older than 30 x 24 hours; 3 of 3",
			rule(measure.ElapsedHours, measure.LastInMonth, "incident", "request"), "2021-07", "100.0"},
		{"calendar-days", "INC2 was logged 30 calendar days before the snapshot: not older; 2 of 3",
			rule(measure.LocalDays, measure.LastInMonth, "incident", "request"), "2021-07", "66.7"},
		{"first-after-month", "the 1 August 00:00 snapshot holds INC1 alone",
			rule(measure.LocalDays, measure.FirstAfterMonth, "incident", "request"), "2021-07", "100.0"},
		{"kinds", "requests left out: INC1 old, INC2 not",
			rule(measure.LocalDays, measure.LastInMonth, "incident"), "2021-07", "50.0"},
		{"no-snapshot", "no snapshot in June: not applicable",
			rule(measure.LocalDays, measure.LastInMonth, "incident"), "2021-06", "n/a"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.Backlog(tt.rule, "LCC", kpi.MustParseMonth(tt.month), entries)
			require.NoError(t, err)
			require.Equal(t, tt.value, value(f, 1), tt.why)
			require.Len(t, f.Evidence, f.Counted, "each ticket of the snapshot explained")
		})
	}
	err = measure.BacklogRule{}.Validate()
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.EqualError(t, err, `age: not set (want one of elapsed-hours, calendar-days)
kinds: none (want the ticket kinds measured, such as incident)
kpi: empty
older-than: not positive (want the number of days, such as 30)
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)
snapshot: not set (want one of last-in-month, first-after-month)
zone: empty (want an IANA zone such as Europe/London)`)
}
