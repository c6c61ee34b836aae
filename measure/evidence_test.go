package measure_test

import (
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/stretchr/testify/require"
)

// TestEvidenceZone checks that the evidence of availability, backlog and
// patch figures writes instants in the zone of the months measured (the
// service's calendar's, the rule's), whatever offset the records were
// written with: records exported in UTC read as the contract's local
// times.
func TestEvidenceZone(t *testing.T) {
	june := kpi.MustParseMonth("2021-06")
	one := kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
	t.Run("availability", func(t *testing.T) {
		r := measure.AvailabilityRule{KPI: "AV", Services: []measure.Service{{Name: "S", Calendar: "C24"}}, Planned: measure.PlannedDown,
			Minutes: measure.RealMinutes, Weighting: measure.Unweighted, Combine: measure.NoCombined, Precision: one}
		o := record.Outage{ID: "u1", Service: "S", Start: at(t, "2021-06-10T01:00:00Z"), End: at(t, "2021-06-10T03:30:00Z")}
		fs, err := measure.Availability(r, june, []record.Outage{o}, c24(t))
		require.NoError(t, err)
		require.Equal(t, "unplanned 2021-06-10T02:00:00+01:00 to 2021-06-10T04:30:00+01:00, 150 min in service time in the month (overlaps count once)", fs[0].Evidence[0].Why)
	})
	t.Run("backlog", func(t *testing.T) {
		r := measure.BacklogRule{KPI: "OLD", Kinds: []string{"incident"}, OlderThan: 30, Age: measure.LocalDays, Snapshot: measure.LastInMonth,
			Zone: "Europe/London", Precision: one}
		e := record.BacklogEntry{Snapshot: at(t, "2021-06-30T22:00:00Z"), ID: "INC1", Org: "LCC", Kind: "incident", Logged: at(t, "2021-05-31T23:30:00Z")}
		f, err := measure.Backlog(r, "LCC", june, []record.BacklogEntry{e})
		require.NoError(t, err)
		require.Equal(t, "open at 2021-06-30T23:00:00+01:00, logged 2021-06-01T00:30:00+01:00: 29 calendar days, not older than 30 days", f.Evidence[0].Why)
		require.Equal(t, "0 of 1 open at the snapshot 2021-06-30T23:00:00+01:00 older than 30 days (calendar-days)", f.Measurement.Note)
	})
	t.Run("patch", func(t *testing.T) {
		r := measure.PatchRule{KPI: "PATCH", Within: 14, Deadline: measure.EndOfDayN, Classes: []string{"laptop"}, Attribution: measure.ReleasedInPeriod,
			Zone: "Europe/London", Precision: one}
		p := record.Patch{Device: "LT1", Org: "LCC", Class: "laptop", Patch: "KB1", Released: at(t, "2021-06-08T17:00:00Z"), Installed: at(t, "2021-06-22T22:59:00Z")}
		f, err := measure.PatchCompliance(r, "LCC", june, time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC), []record.Patch{p})
		require.NoError(t, err)
		require.Equal(t, "on time: LT1 KB1 (laptop) released 2021-06-08T18:00:00+01:00, deadline 2021-06-23T00:00:00+01:00, installed 2021-06-22T23:59:00+01:00", f.Evidence[0].Why)
	})
}
