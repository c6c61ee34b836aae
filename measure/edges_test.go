package measure_test

import (
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// TestAvailabilityEdges works availability by hand at the edges real data
// has. June 2021 on LBH (Monday to Friday 08:00-18:00, no bank holiday in
// June): 22 working days, 13,200 minutes; on C24, 43,200.
func TestAvailabilityEdges(t *testing.T) {
	weight := func(o record.Outage, w string) record.Outage {
		o.Weight, o.HasWeight = decimal.RequireFromString(w), true
		return o
	}
	for _, tt := range []struct {
		name, why string
		calendar  string
		planned   measure.Planned
		weighting measure.Weighting
		outages   []record.Outage
		counts    string // available/agreed minutes, or the error
	}{
		{"starts-at-next-month", "an outage from 00:00 on 1 July is July's", "C24", measure.PlannedDown, measure.Unweighted,
			[]record.Outage{outage(t, "u", "S", "2021-07-01T00:00:00+01:00", "2021-07-01T02:00:00+01:00", false)}, "43200/43200"},
		{"ends-at-month-end", "an outage to 00:00 on 1 July is all June's", "C24", measure.PlannedDown, measure.Unweighted,
			[]record.Outage{outage(t, "u", "S", "2021-06-30T22:00:00+01:00", "2021-07-01T00:00:00+01:00", false)}, "43080/43200"},
		{"weekend", "a Saturday outage is outside LBH's hours: nothing down", "LBH", measure.PlannedDown, measure.Unweighted,
			[]record.Outage{outage(t, "u", "S", "2021-06-12T10:00:00+01:00", "2021-06-12T14:00:00+01:00", false)}, "13200/13200"},
		{"across-the-close", "17:00-19:00 on a Monday: the hour to 18:00 is down", "LBH", measure.PlannedDown, measure.Unweighted,
			[]record.Outage{outage(t, "u", "S", "2021-06-14T17:00:00+01:00", "2021-06-14T19:00:00+01:00", false)}, "13140/13200"},
		{"planned-across-the-open-excluded", "planned 07:00-09:00: the hour from 08:00 leaves the agreed time", "LBH", measure.PlannedExcluded, measure.Unweighted,
			[]record.Outage{outage(t, "p", "S", "2021-06-14T07:00:00+01:00", "2021-06-14T09:00:00+01:00", true)}, "13140/13140"},
		{"planned-ignored", "planned work is neither down nor taken out of the agreed time", "LBH", measure.PlannedIgnored, measure.Unweighted,
			[]record.Outage{outage(t, "p", "S", "2021-06-14T07:00:00+01:00", "2021-06-14T09:00:00+01:00", true)}, "13200/13200"},
		{"touching-outages", "10:00-11:00 and 11:00-12:00 touch: 120 minutes, none counted twice", "LBH", measure.PlannedDown, measure.Unweighted,
			[]record.Outage{outage(t, "a", "S", "2021-06-14T10:00:00+01:00", "2021-06-14T11:00:00+01:00", false),
				outage(t, "b", "S", "2021-06-14T11:00:00+01:00", "2021-06-14T12:00:00+01:00", false)}, "13080/13200"},
		{"impact-heaviest", "0.5 for 10:00-12:00 and 0.25 for 11:00-13:00: 60 x 0.5 + 60 x 0.5 + 60 x 0.25 = 75", "LBH", measure.PlannedDown, measure.ImpactWeighted,
			[]record.Outage{weight(outage(t, "a", "S", "2021-06-14T10:00:00+01:00", "2021-06-14T12:00:00+01:00", false), "0.5"),
				weight(outage(t, "b", "S", "2021-06-14T11:00:00+01:00", "2021-06-14T13:00:00+01:00", false), "0.25")}, "13125/13200"},
		{"impact-planned-whole", "a planned outage needs no weight and counts whole", "LBH", measure.PlannedDown, measure.ImpactWeighted,
			[]record.Outage{outage(t, "p", "S", "2021-06-14T10:00:00+01:00", "2021-06-14T11:00:00+01:00", true)}, "13140/13200"},
		{"impact-empty", "an unplanned outage with no weight is an error, never weight 0", "LBH", measure.PlannedDown, measure.ImpactWeighted,
			[]record.Outage{outage(t, "u", "S", "2021-06-14T10:00:00+01:00", "2021-06-14T11:00:00+01:00", false)},
			`outage "u": impact-weight: empty (weighting is impact-weight)`},
		{"excluded", "an excluded outage is listed, not counted", "LBH", measure.PlannedDown, measure.Unweighted,
			[]record.Outage{func() record.Outage {
				o := outage(t, "x", "S", "2021-06-14T10:00:00+01:00", "2021-06-14T11:00:00+01:00", false)
				o.Exclusion = "customer's network"
				return o
			}()}, "13200/13200"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := availRule(tt.planned, measure.Service{Name: "S", Calendar: tt.calendar})
			r.Weighting = tt.weighting
			fs, err := measure.Availability(r, kpi.MustParseMonth("2021-06"), tt.outages, lbh(t), c24(t))
			if err != nil {
				require.Equal(t, tt.counts, err.Error(), tt.why)
				return
			}
			m := fs[0].Measurement
			require.Equal(t, tt.counts, kpi.FormatValue(m.Numerator.Truncate(0))+"/"+kpi.FormatValue(m.Denominator.Truncate(0)), tt.why)
		})
	}
}

// TestBacklogEdges works the backlog's age by hand at its edges: an age is
// counted from the logged instant (elapsed-hours) or the logged local date
// (calendar-days), and is old only when strictly more than N days; a
// snapshot at 00:00 on the 1st is the new month's.
func TestBacklogEdges(t *testing.T) {
	rule := func(age measure.Age, snap measure.Snapshot) measure.BacklogRule {
		return measure.BacklogRule{KPI: "OLD", Kinds: []string{"incident"}, OlderThan: 30, Age: age, Snapshot: snap,
			Zone: "Europe/London", Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}}
	}
	entry := func(snapshot, logged string) record.BacklogEntry {
		return record.BacklogEntry{Snapshot: at(t, snapshot), ID: "INC1", Org: "LCC", Kind: "incident", Logged: at(t, logged)}
	}
	for _, tt := range []struct {
		name, why string
		rule      measure.BacklogRule
		month     string
		entries   []record.BacklogEntry
		want      string // the value, or n/a
	}{
		{"hours-exactly-n", "exactly 720 hours is not older than 30 days", rule(measure.ElapsedHours, measure.LastInMonth), "2021-06",
			[]record.BacklogEntry{entry("2021-06-30T12:00:00+01:00", "2021-05-31T12:00:00+01:00")}, "0.0"},
		{"hours-a-second-more", "720 hours and a second is", rule(measure.ElapsedHours, measure.LastInMonth), "2021-06",
			[]record.BacklogEntry{entry("2021-06-30T12:00:01+01:00", "2021-05-31T12:00:00+01:00")}, "100.0"},
		{"hours-across-spring", "from 2 March 00:00 GMT to 1 April 00:30 BST is 719h30m: not older", rule(measure.ElapsedHours, measure.LastInMonth), "2023-04",
			[]record.BacklogEntry{entry("2023-04-01T00:30:00+01:00", "2023-03-02T00:00:00Z")}, "0.0"},
		{"days-exactly-n", "logged 31 May 23:59, snapshot 30 June 00:01: 30 local days, not older", rule(measure.LocalDays, measure.LastInMonth), "2021-06",
			[]record.BacklogEntry{entry("2021-06-30T00:01:00+01:00", "2021-05-31T23:59:00+01:00")}, "0.0"},
		{"days-local-date", "logged 23:30 UTC on 30 May is 31 May in London: 30 days to 30 June, not older", rule(measure.LocalDays, measure.LastInMonth), "2021-06",
			[]record.BacklogEntry{entry("2021-06-30T09:00:00+01:00", "2021-05-30T23:30:00Z")}, "0.0"},
		{"days-one-more", "logged 30 May (local): 31 days", rule(measure.LocalDays, measure.LastInMonth), "2021-06",
			[]record.BacklogEntry{entry("2021-06-30T09:00:00+01:00", "2021-05-30T22:59:00Z")}, "100.0"},
		{"midnight-snapshot-is-next-month", "a snapshot at 00:00 on 1 July is not June's last", rule(measure.LocalDays, measure.LastInMonth), "2021-06",
			[]record.BacklogEntry{entry("2021-07-01T00:00:00+01:00", "2021-05-01T00:00:00+01:00")}, "n/a"},
		{"midnight-snapshot-first-after", "but it is the first after June", rule(measure.LocalDays, measure.FirstAfterMonth), "2021-06",
			[]record.BacklogEntry{entry("2021-07-01T00:00:00+01:00", "2021-05-01T00:00:00+01:00")}, "100.0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.Backlog(tt.rule, "LCC", kpi.MustParseMonth(tt.month), tt.entries)
			require.NoError(t, err)
			require.Equal(t, tt.want, value(f, 1), tt.why)
		})
	}
}

// TestPatchEdges works patch deadlines by hand at their edges: end-of-day
// counts N days from the release's local date to 24:00 local, on the
// daylight-saving days too; elapsed-days is N x 24 hours of real time; an
// installation exactly at the deadline is on time.
func TestPatchEdges(t *testing.T) {
	rule := func(d measure.PatchDeadline) measure.PatchRule {
		return measure.PatchRule{KPI: "PATCH", Within: 1, Deadline: d, Classes: []string{"laptop"}, Attribution: measure.ReleasedInPeriod,
			Zone: "Europe/London", Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}}
	}
	for _, tt := range []struct {
		name, why         string
		deadline          measure.PatchDeadline
		released, install string
		want              string
	}{
		{"end-of-day-at-deadline", "released Saturday 25 March 10:00 GMT: due 24:00 local on the 26th, 23:00 GMT", measure.EndOfDayN,
			"2023-03-25T10:00:00Z", "2023-03-26T23:00:00Z", "100.0"},
		{"end-of-day-a-second-late", "a second after", measure.EndOfDayN, "2023-03-25T10:00:00Z", "2023-03-26T23:00:01Z", "0.0"},
		{"end-of-day-local-date", "released 23:30 UTC on 31 March is 1 April in London: due 24:00 on 2 April", measure.EndOfDayN,
			"2023-03-31T23:30:00Z", "2023-04-02T23:30:00+01:00", "100.0"},
		{"elapsed-days-at-deadline", "24 real hours after 10:00 GMT on 25 March is 11:00 BST on the 26th", measure.ElapsedDays,
			"2023-03-25T10:00:00Z", "2023-03-26T11:00:00+01:00", "100.0"},
		{"elapsed-days-late", "11:00:01 BST is late", measure.ElapsedDays, "2023-03-25T10:00:00Z", "2023-03-26T11:00:01+01:00", "0.0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := record.Patch{Device: "LT1", Org: "LCC", Class: "laptop", Patch: "KB1", Released: at(t, tt.released), Installed: at(t, tt.install)}
			m := kpi.MonthOf(at(t, tt.released).In(london).Year(), at(t, tt.released).In(london).Month())
			f, err := measure.PatchCompliance(rule(tt.deadline), "LCC", m, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), []record.Patch{p})
			require.NoError(t, err)
			require.Equal(t, tt.want, value(f, 1), tt.why)
		})
	}
}

// TestAttributionMonthEdges checks that a month runs from 00:00 local on
// the 1st, inclusive, to 00:00 local on the next 1st, exclusive, under
// each attribution: a ticket logged at 23:59:59 BST on 30 June is June's,
// one resolved at 00:00 BST on 1 July is July's, whatever offset the
// instant was written with.
func TestAttributionMonthEdges(t *testing.T) {
	tickets := []record.Ticket{
		ticket(t, "late-june", "P2", "2021-06-30T22:59:59Z", "2021-07-01T09:00:00+01:00"), // logged 23:59:59 BST
		ticket(t, "midnight", "P2", "2021-06-30T09:00:00+01:00", "2021-06-30T23:00:00Z"),  // resolved 00:00 BST 1 July
	}
	asOf := at(t, "2021-08-01T00:00:00Z")
	js, err := newClock(t, baseOptions()).EvaluateAll(tickets, asOf)
	require.NoError(t, err)
	counted := func(a measure.Attribution, month string) []string {
		rep, err := measure.Aggregate(rule(a), kpi.MustParseMonth(month), asOf, js)
		require.NoError(t, err)
		var ids []string
		for _, e := range rep.Figures[0].Evidence {
			if e.Counted {
				ids = append(ids, e.Record)
			}
		}
		return ids
	}
	require.Equal(t, []string{"late-june", "midnight"}, counted(measure.LoggedInPeriod, "2021-06"), "both logged in June")
	require.Equal(t, []string{"late-june", "midnight"}, counted(measure.ResolvedInPeriod, "2021-07"), "both resolved in July")
	require.Empty(t, counted(measure.ResolvedInPeriod, "2021-06"), "none resolved in June")
}
