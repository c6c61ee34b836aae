package measure_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/stretchr/testify/require"
)

var june = kpi.MustParseMonth("2021-06")

// inJune returns an instant in June 2021, day d at 10:00 London time.
func inJune(d int) time.Time { return time.Date(2021, time.June, d, 10, 0, 0, 0, london) }

func abandonRule(short measure.ShortAbandon) measure.AbandonRule {
	r := measure.AbandonRule{KPI: "ABN", Short: short, Zone: "Europe/London", Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}}
	if short != measure.ShortCounted {
		r.ShortThreshold = record.Duration(5 * time.Second)
	}
	return r
}

func TestAbandonment(t *testing.T) {
	for _, tt := range []struct {
		name  string
		why   string
		short measure.ShortAbandon
		value string
		lines int
	}{
		{"simple", "80 / 1,000; other organisations' and months' calls not selected", measure.ShortCounted, "8.00", 1050},
		{"excluded-from-both", "65 / 985", measure.ShortExcluded, "6.60", 1050},
		{"numerator-only", "65 / 1,000", measure.ShortNumeratorOnly, "6.50", 1050},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.Abandonment(abandonRule(tt.short), "LBH", june, thousandCalls())
			require.NoError(t, err)
			require.Equal(t, tt.value, f.Measurement.Value.StringFixed(2), tt.why)
			require.Len(t, f.Evidence, tt.lines, "every June LBH call listed, IVR-only ones too")
		})
	}
}

func TestAbandonmentNoCalls(t *testing.T) {
	f, err := measure.Abandonment(abandonRule(measure.ShortCounted), "LBH", kpi.MustParseMonth("2021-08"), thousandCalls())
	require.NoError(t, err)
	require.Equal(t, kpi.NotApplicable, f.Measurement.Absent)
	require.Equal(t, measure.NoRecords, f.Measurement.Note)
}

func TestRuleValidateMessages(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"abandon", measure.AbandonRule{}.Validate(), `kpi: empty
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)
short: not set (want one of counted, excluded-from-both, numerator-only)
zone: empty (want an IANA zone such as Europe/London)`},
		{"survey", measure.SurveyRule{}.Validate(), `attribution: not set (want one of responded-in-period, ticket-resolved-in-period)
kpi: empty
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)
zone: empty (want an IANA zone such as Europe/London)`},
		{"satisfaction", measure.SatisfactionRule{}.Validate(), `attribution: not set (want one of responded-in-period, ticket-resolved-in-period)
good: 0 outside the scale 1..0
mean-kpi: empty
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)
share-kpi: empty
top: 0: want the top of the scale, such as 5
zone: empty (want an IANA zone such as Europe/London)`},
		{"per-user", measure.PerUserRule{}.Validate(), `basis: empty (want the user basis, such as licensed users)
kpi: empty
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)`},
		{"resolved", measure.ResolvedRule{}.Validate(), `attribution: not set (want one of resolved-in-period, logged-in-period)
kinds: none (want the ticket kinds measured, such as incident)
kpi: empty
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)
resolution: not set (want one of first-line-fix, first-contact-resolution)
zone: empty (want an IANA zone such as Europe/London)`},
		{"resolved-attribution", measure.ResolvedRule{KPI: "FLF", Resolution: measure.FirstLineFix, Kinds: []string{"incident"},
			Attribution: measure.OutcomeKnownInPeriod, Zone: "Europe/London", Precision: kpiPrecision(1)}.Validate(),
			`attribution: outcome-known-in-period (want one of resolved-in-period, logged-in-period)`},
		{"count", measure.CountRule{}.Validate(), `attribution: not set (want one of resolved-in-period, logged-in-period)
basis: not set (want one of initial, final, ever)
kinds: none (want the ticket kinds measured, such as incident)
kpi: empty
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)
priorities: none (want the priorities counted, such as P1)
zone: empty (want an IANA zone such as Europe/London)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.ErrorIs(t, tt.err, record.ErrInvalidOptions)
			require.EqualError(t, tt.err, tt.want)
		})
	}
}

func response(id, org string, responded time.Time, score int) record.Response {
	return record.Response{ID: id, Org: org, Responded: responded, Score: score}
}

func surveyRule(a measure.SurveyAttribution) measure.SurveyRule {
	return measure.SurveyRule{KPI: "NPS", Attribution: a, Zone: "Europe/London", Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}}
}

func TestNPS(t *testing.T) {
	scores := func(ss ...int) []record.Response {
		var out []record.Response
		for i, s := range ss {
			out = append(out, response(fmt.Sprint(i), "LBH", inJune(1+i), s))
		}
		// not selected: another organisation's, and July's.
		return append(out, response("rbk", "RBK", inJune(2), 0), response("jul", "LBH", inJune(30).Add(14*time.Hour), 0))
	}
	for _, tt := range []struct {
		name      string
		why       string
		responses []record.Response
		value     string
	}{
		{"each-score-once", "2 promoters, 7 detractors of 11: -45.4545...", scores(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), "-45.45"},
		{"rounded-once", "(2 - 1) / 3 = 33.33, not 66.67 - 33.33 = 33.34", scores(10, 9, 3), "33.33"},
		{"no-responses", "no June LBH response: not applicable", scores(), "n/a"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.NPS(surveyRule(measure.ResponseInPeriod), "LBH", june, tt.responses)
			require.NoError(t, err)
			require.Equal(t, tt.value, value(f, 2), tt.why)
			require.Len(t, f.Evidence, len(tt.responses)-2, "each qualifying response explained")
		})
	}
}

func TestNPSAttribution(t *testing.T) {
	// A ticket resolved on 29 June surveyed on 2 July; another resolved
	// on 31 May, surveyed on 1 June.
	late := response("late", "LBH", inJune(30).AddDate(0, 0, 2), 10)
	late.TicketResolved = inJune(29)
	early := response("early", "LBH", inJune(1), 0)
	early.TicketResolved = inJune(1).AddDate(0, 0, -1)
	rs := []record.Response{late, early}
	for _, tt := range []struct {
		name  string
		why   string
		a     measure.SurveyAttribution
		value string
	}{
		{"responded-in-period", "only early's detractor responded in June", measure.ResponseInPeriod, "-100.00"},
		{"ticket-resolved-in-period", "only late's ticket was resolved in June", measure.TicketResolvedInPeriod, "100.00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.NPS(surveyRule(tt.a), "LBH", june, rs)
			require.NoError(t, err)
			require.Equal(t, tt.value, value(f, 2), tt.why)
		})
	}
}

func TestSurveyBadRecords(t *testing.T) {
	bad := []record.Response{
		response("a", "LBH", inJune(1), 11),
		response("a", "LBH", time.Time{}, -1),
	}
	bad[0].Source, bad[1].Source = record.Source{File: "r.csv", Line: 2}, record.Source{File: "r.csv", Line: 3}
	_, err := measure.NPS(surveyRule(measure.TicketResolvedInPeriod), "LBH", june, bad)
	require.ErrorIs(t, err, record.ErrInvalidRecord)
	require.EqualError(t, err, `r.csv:2: response "a": score: 11 outside 0..10
r.csv:2: response "a": ticket-resolved: empty (attribution is ticket-resolved-in-period)
r.csv:3: response "a": id: given twice (first at line 2)
r.csv:3: response "a": responded: empty
r.csv:3: response "a": score: -1 outside 0..10
r.csv:3: response "a": ticket-resolved: empty (attribution is ticket-resolved-in-period)`)
}

func TestSatisfaction(t *testing.T) {
	r := measure.SatisfactionRule{MeanKPI: "CSAT", ShareKPI: "GOOD", Top: 5, Good: 4, Attribution: measure.ResponseInPeriod,
		Zone: "Europe/London", Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}}
	var rs []record.Response
	for i, s := range []int{5, 4, 4, 2, 1, 5} {
		rs = append(rs, response(fmt.Sprint(i), "LBH", inJune(1+i), s))
	}
	rs = append(rs, response("rbk", "RBK", inJune(1), 1))
	mean, share, err := measure.Satisfaction(r, "LBH", june, rs)
	require.NoError(t, err)
	require.Equal(t, "3.50", value(mean, 2), "21 / 6")
	require.Equal(t, "66.67", value(share, 2), "4 of 6 at 4 or above")
	require.Len(t, share.Evidence, 6)

	_, _, err = measure.Satisfaction(r, "LBH", june, append(rs, response("six", "LBH", inJune(1), 6)))
	require.EqualError(t, err, `response "six": score: 6 outside 1..5`)

	mean, share, err = measure.Satisfaction(r, "LBH", kpi.MustParseMonth("2021-07"), rs)
	require.NoError(t, err)
	require.Equal(t, "n/a n/a", value(mean, 2)+" "+value(share, 2), "no July responses")
}

func TestPerUser(t *testing.T) {
	r := measure.PerUserRule{KPI: "CPU", Basis: "licensed users", Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}}
	counts := []record.ContactCount{
		{Org: "LBH", Month: june, Contacts: 7400, Users: 5000},
		{Org: "RBK", Month: june, Contacts: 10, Users: 0},
		{Org: "LBH", Month: june.AddMonths(1), Contacts: 1, Users: 3},
	}
	for _, tt := range []struct {
		name, why, org string
		month          kpi.Month
		value, note    string
	}{
		{"counted", "7,400 / 5,000", "LBH", june, "1.48", "7400 contacts for 5000 users (licensed users)"},
		{"one-third", "1 / 3 rounded once", "LBH", june.AddMonths(1), "0.33", "1 contacts for 3 users (licensed users)"},
		{"no-users", "a zero denominator is not measurable", "RBK", june, "n/a", "no users"},
		{"no-record", "no count for the month", "RBK", june.AddMonths(1), "n/a", measure.NoRecords},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.PerUser(r, tt.org, tt.month, counts)
			require.NoError(t, err)
			require.Equal(t, tt.value, value(f, 2), tt.why)
			require.Equal(t, tt.note, f.Measurement.Note)
		})
	}
	_, err := measure.PerUser(r, "LBH", june, append(counts, record.ContactCount{Org: "LBH", Month: june, Contacts: -1}))
	require.EqualError(t, err, `count "LBH" 2021-06: contacts: negative
count "LBH" 2021-06: month: given twice`)
}

func TestResolved(t *testing.T) {
	var tickets []record.Ticket
	for i := range 1000 {
		tickets = append(tickets, record.Ticket{ID: fmt.Sprint(i), Org: "LBH", Kind: "incident", Priority: "P3",
			Logged: inJune(1), Resolved: inJune(2), FirstLine: i < 280, FirstContact: i < 100})
	}
	// not selected: a request, another organisation's, one resolved in July.
	tickets = append(tickets,
		record.Ticket{ID: "req", Org: "LBH", Kind: "request", Priority: "P3", Logged: inJune(1), Resolved: inJune(2)},
		record.Ticket{ID: "rbk", Org: "RBK", Kind: "incident", Priority: "P3", Logged: inJune(1), Resolved: inJune(2)},
		record.Ticket{ID: "jul", Org: "LBH", Kind: "incident", Priority: "P3", Logged: inJune(30), Resolved: inJune(30).AddDate(0, 0, 3)},
		record.Ticket{ID: "open", Org: "LBH", Kind: "incident", Priority: "P3", Logged: inJune(30)},
		record.Ticket{ID: "x", Org: "LBH", Kind: "incident", Priority: "P3", Logged: inJune(3), Resolved: inJune(4), Exclusion: "duplicate"})
	rule := func(which measure.Resolution, a measure.Attribution) measure.ResolvedRule {
		return measure.ResolvedRule{KPI: "FLF", Resolution: which, Kinds: []string{"incident"}, Attribution: a, Zone: "Europe/London", Precision: kpiPrecision(1)}
	}
	for _, tt := range []struct {
		name    string
		why     string
		rule    measure.ResolvedRule
		value   string
		counted int
		lines   int
	}{
		{"first-line-fix", "280 of 1,000 resolved by the first line; x listed", rule(measure.FirstLineFix, measure.ResolvedInPeriod), "28.0", 1000, 1001},
		{"first-contact-resolution", "a distinct measure: 100 of 1,000", rule(measure.FirstContactResolution, measure.ResolvedInPeriod), "10.0", 1000, 1001},
		{"logged-in-period", "jul and open logged in June: jul counted, open listed: 280 of 1,001", rule(measure.FirstLineFix, measure.LoggedInPeriod), "28.0", 1001, 1003},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.Resolved(tt.rule, "LBH", june, tickets)
			require.NoError(t, err)
			require.Equal(t, tt.value, value(f, 1), tt.why)
			require.Equal(t, tt.counted, f.Counted, tt.why)
			require.Len(t, f.Evidence, tt.lines, tt.why)
		})
	}
}

func TestCount(t *testing.T) {
	p1 := func(id, prio, logged, resolved string, changes ...record.PriorityChange) record.Ticket {
		tk := ticket(t, id, prio, logged, resolved)
		tk.PriorityChanges = changes
		return tk
	}
	change := func(p, when string) record.PriorityChange {
		return record.PriorityChange{Priority: p, At: at(t, when)}
	}
	tickets := []record.Ticket{
		p1("a", "P1", "2021-06-01T09:00:00+01:00", "2021-06-01T10:00:00+01:00"),
		p1("b", "P2", "2021-06-02T09:00:00+01:00", "2021-06-02T12:00:00+01:00", change("P1", "2021-06-02T10:00:00+01:00")),
		p1("c", "P1", "2021-06-03T09:00:00+01:00", "2021-06-03T12:00:00+01:00", change("P3", "2021-06-03T10:00:00+01:00")),
		p1("d", "P3", "2021-06-04T09:00:00+01:00", "", change("P1", "2021-06-04T10:00:00+01:00"), change("P2", "2021-06-04T11:00:00+01:00")),
		p1("e", "P1", "2021-06-30T23:00:00+01:00", "2021-07-01T01:00:00+01:00"),
		p1("f", "P1", "2021-05-31T23:00:00+01:00", "2021-06-01T01:00:00+01:00"),
	}
	x := p1("x", "P1", "2021-06-05T09:00:00+01:00", "2021-06-05T10:00:00+01:00")
	x.Exclusion = "logged in error"
	tickets = append(tickets, x)
	rule := func(b measure.PriorityBasis, a measure.Attribution) measure.CountRule {
		return measure.CountRule{KPI: "IMT_KPI_10", Kinds: []string{"incident"}, Priorities: []string{"P1"}, Basis: b, Attribution: a,
			Zone: "Europe/London", Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}}
	}
	for _, tt := range []struct {
		name  string
		why   string
		rule  measure.CountRule
		month string
		value string
	}{
		{"initial-logged", "a, c, e logged in June as P1 (x excluded, f logged in May)", rule(measure.PriorityInitial, measure.LoggedInPeriod), "2021-06", "3"},
		{"final-logged", "a, b, e end as P1", rule(measure.PriorityFinal, measure.LoggedInPeriod), "2021-06", "3"},
		{"ever-logged", "a, b, c, d, e each once", rule(measure.PriorityEver, measure.LoggedInPeriod), "2021-06", "5"},
		{"initial-resolved", "a, c, f resolved in June (e in July; d open)", rule(measure.PriorityInitial, measure.ResolvedInPeriod), "2021-06", "3"},
		{"zero-is-a-value", "no P1 in August: 0, not not-applicable", rule(measure.PriorityEver, measure.LoggedInPeriod), "2021-08", "0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := measure.Count(tt.rule, "LBH", kpi.MustParseMonth(tt.month), tickets)
			require.NoError(t, err)
			require.Zero(t, f.Measurement.Absent, tt.why)
			require.Equal(t, tt.value, value(f, 0), tt.why)
			counted := 0
			for _, l := range f.Evidence {
				if l.Counted {
					counted++
				}
			}
			require.Equal(t, f.Counted, counted, "each counted ticket explained")
		})
	}
}

// value returns f's value at places, or "n/a" when it is absent.
func value(f measure.Figure, places int32) string {
	if f.Measurement.Absent != 0 {
		return "n/a"
	}
	return f.Measurement.Value.StringFixed(places)
}

// TestEvidenceZone checks that the evidence of availability, backlog and
// patch figures writes instants in the zone of the months measured (the
// service's calendar's, the rule's), whatever offset the records were
// written with: records exported in UTC read as the contract's local
// times.
func TestEvidenceZone(t *testing.T) {
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
