package measure_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/stretchr/testify/require"
)

func TestReadBacklog(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
	}{
		{"good", "two snapshots; REQ1 zone-less, read in London", "backlog-good.csv"},
		{"bad", "logged after the snapshot, a ticket twice in a snapshot, empty fields", "backlog-bad.csv"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			es, err := measure.ReadBacklog(tt.file, open(t, tt.file), london)
			readCase(t, "backlog-"+tt.name+".golden", es, err, func(e measure.BacklogEntry) string {
				return fmt.Sprintf("line %d: at %s %s %q %s logged %s", e.Source.Line, stampOrDash(e.Snapshot), e.ID, e.Org, e.Kind, stampOrDash(e.Logged))
			})
		})
	}
}

func TestBacklog(t *testing.T) {
	entries, err := measure.ReadBacklog("backlog-good.csv", open(t, "backlog-good.csv"), london)
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
			require.Len(t, f.Lines, f.Counted, "each ticket of the snapshot explained")
		})
	}
	err = measure.BacklogRule{}.Validate()
	require.ErrorIs(t, err, measure.ErrInvalidOptions)
	require.EqualError(t, err, `age: not set (want one of elapsed-hours, calendar-days)
kinds: none (want the ticket kinds measured, such as incident)
kpi: empty
older-than: not positive (want the number of days, such as 30)
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)
snapshot: not set (want one of last-in-month, first-after-month)
zone: empty (want an IANA zone such as Europe/London)`)
}

func FuzzReadBacklog(f *testing.F) {
	seedFiles(f, "backlog-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		es, err := measure.ReadBacklog("b.csv", bytes.NewReader(data), zoneOf(named))
		checkErr(t, err, "b.csv")
		if err == nil {
			if cerr := measure.CheckBacklog(es); cerr != nil {
				t.Fatalf("backlog read but invalid: %v", cerr)
			}
			_, _ = measure.Backlog(measure.BacklogRule{KPI: "B", Kinds: []string{"incident"}, OlderThan: 30, Age: measure.LocalDays,
				Snapshot: measure.LastInMonth, Zone: "Europe/London", Precision: kpiPrecision(1)}, "", kpi.MonthOf(2021, time.July), es)
		}
	})
}
