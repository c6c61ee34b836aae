package plan_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/internal/fixture"
	"github.com/servicecredit/engine/measure/plan"
	"github.com/servicecredit/engine/measure/planfile"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
	"github.com/stretchr/testify/require"
)

// readPlan reads testdata/plan/name with planfile.ReadPlan and builds its
// calendars.
func readPlan(t testing.TB, name string) (*plan.Plan, []*ticketclock.Calendar) {
	t.Helper()
	dir := fixture.Testdata("plan")
	data, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	p, err := planfile.ReadPlan(name, data)
	require.NoError(t, err)
	cals, err := p.BuildCalendars(func(path string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, path)) })
	require.NoError(t, err)
	return p, cals
}

// planRecords reads the record files named (under testdata), each of the
// kind its header says, as the servicecredit measure command does.
// Responses are read on scale.
func planRecords(t testing.TB, scale record.Scale, files ...string) *record.Set {
	t.Helper()
	recs := &record.Set{}
	for _, name := range files {
		data, err := os.ReadFile(fixture.Testdata(name))
		require.NoError(t, err)
		recs = addRecords(t, recs, scale, name, string(data))
	}
	return recs
}

// addRecords reads text, a record file called name, into recs.
func addRecords(t testing.TB, recs *record.Set, scale record.Scale, name, text string) *record.Set {
	t.Helper()
	header, _, _ := strings.Cut(text, "\n")
	kind, ok := recordfile.KindOfHeader(strings.Split(header, ","))
	require.True(t, ok, "%s: kind of header %q", name, header)
	// Backlog and patches files write some times without an offset.
	require.NoError(t, recordfile.Append(recs, kind, name, strings.NewReader(text), london, scale))
	return recs
}

// thousandCallsCSV is thousandCalls as a calls file.
func thousandCallsCSV() string {
	var b strings.Builder
	b.WriteString("id,organisation,queued,outcome,wait\n")
	for _, c := range thousandCalls() {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", c.ID, c.Org, c.Queued.Format(time.RFC3339), c.Outcome, c.Wait)
	}
	return b.String()
}

// thousandTicketsCSV is a tickets file of 1,000 LBH incidents logged on
// 1 June and resolved on 2 June, 280 fixed by the first line and 100 at
// the first contact; then tickets not selected: a request, another
// organisation's, one resolved in July, one open, one excluded.
func thousandTicketsCSV() string {
	var b strings.Builder
	b.WriteString("id,organisation,kind,priority,logged,resolved,first-line,first-contact,exclusion\n")
	yes := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "no"
	}
	for i := range 1000 {
		fmt.Fprintf(&b, "I%d,LBH,incident,P3,2021-06-01T10:00:00+01:00,2021-06-02T10:00:00+01:00,%s,%s,\n", i, yes(i < 280), yes(i < 100))
	}
	b.WriteString("req,LBH,request,P3,2021-06-01T10:00:00+01:00,2021-06-02T10:00:00+01:00,yes,yes,\n" +
		"rbk,RBK,incident,P3,2021-06-01T10:00:00+01:00,2021-06-02T10:00:00+01:00,yes,yes,\n" +
		"jul,LBH,incident,P3,2021-06-30T10:00:00+01:00,2021-07-03T10:00:00+01:00,no,no,\n" +
		"open,LBH,incident,P3,2021-06-30T10:00:00+01:00,,no,no,\n" +
		"x,LBH,incident,P3,2021-06-03T10:00:00+01:00,2021-06-04T10:00:00+01:00,yes,yes,duplicate\n")
	return b.String()
}

// figureText is a figure in one line: organisation, value (or N/A),
// numerator/denominator when it has counts ("-" when not), the records
// met of those counted, and the note.
func figureText(f measure.Figure) string {
	m := f.Measurement
	v := "N/A"
	if m.Absent == 0 {
		v = kpi.FormatValue(m.Value)
	}
	counts := "-"
	if m.HasCounts {
		counts = kpi.FormatValue(m.Numerator) + "/" + kpi.FormatValue(m.Denominator)
	}
	return fmt.Sprintf("%s %s %s met %d/%d %q", m.Org, v, counts, f.Met, f.Counted, m.Note)
}

// TestRecipeMeasure measures each kind of recipe end to end: a plan read
// with planfile.ReadPlan, record files read by their readers, and
// Recipe.Measure, with the worked figures of the measures' own tests.
func TestRecipeMeasure(t *testing.T) {
	calls := func(t testing.TB) *record.Set {
		return addRecords(t, &record.Set{}, record.Scale{}, "calls.csv", thousandCallsCSV())
	}
	tickets := func(t testing.TB) *record.Set {
		return addRecords(t, &record.Set{}, record.Scale{}, "tickets.csv", thousandTicketsCSV())
	}
	files := func(scale record.Scale, names ...string) func(testing.TB) *record.Set {
		return func(t testing.TB) *record.Set { return planRecords(t, scale, names...) }
	}
	outages := files(record.Scale{}, "plan/outages.csv")
	late := "2021-11-05T00:00:00Z"
	for _, tt := range []struct {
		name    string
		why     string
		plan    string
		kpi     string
		month   string
		asOf    string // RFC 3339, where the recipe needs one
		records func(testing.TB) *record.Set
		want    []string // figureText of each figure
	}{
		{
			name: "availability-planned-excluded-from-both", plan: "availability.yaml", kpi: "AV-EXCLUDED", month: "2021-06", records: outages,
			why:  "43,200 - 120 planned = 43,080 agreed; 150 + 50 unplanned down: 42,880 / 43,080; x1 excluded and listed",
			want: []string{`LBH 99.5357 42880.0000/43080.0000 met 0/0 "42880.0000 of 43080.0000 agreed minutes available"`},
		},
		{
			name: "availability-planned-counted-as-down", plan: "availability.yaml", kpi: "AV-DOWN", month: "2021-06", records: outages,
			why:  "320 minutes down of 43,200",
			want: []string{`LBH 99.2593 42880.0000/43200.0000 met 0/0 "42880.0000 of 43200.0000 agreed minutes available"`},
		},
		{
			name: "availability-planned-ignored-in-base", plan: "availability.yaml", kpi: "AV-IGNORED", month: "2021-06", records: outages,
			why:  "200 unplanned minutes down of 43,200; u2 split at the local month end",
			want: []string{`LBH 99.5370 43000.0000/43200.0000 met 0/0 "43000.0000 of 43200.0000 agreed minutes available"`},
		},
		{
			name: "abandonment-simple", plan: "abandonment.yaml", kpi: "ABN-SIMPLE", month: "2021-06", records: calls,
			why:  "80 / 1,000; RBK's, May's and July's calls not selected",
			want: []string{`LBH 8.00 80/1000 met 920/1000 ""`},
		},
		{
			name: "abandonment-excluded-from-both", plan: "abandonment.yaml", kpi: "ABN-EXCLUDED", month: "2021-06", records: calls,
			why:  "the 15 abandoned within 5 s leave both: 65 / 985",
			want: []string{`LBH 6.60 65/985 met 920/985 ""`},
		},
		{
			name: "abandonment-numerator-only", plan: "abandonment.yaml", kpi: "ABN-NUMERATOR", month: "2021-06", records: calls,
			why:  "the 15 abandoned within 5 s leave the numerator only: 65 / 1,000",
			want: []string{`LBH 6.50 65/1000 met 935/1000 ""`},
		},
		{
			name: "abandonment-no-calls", plan: "abandonment.yaml", kpi: "ABN-SIMPLE", month: "2021-08", records: calls,
			why:  "no call in August: not applicable",
			want: []string{`LBH N/A - met 0/0 "no qualifying records"`},
		},
		{
			name: "nps", plan: "nps.yaml", kpi: "NPS", month: "2021-06", records: files(record.NPSScale(), "plan/responses-nps.csv"),
			why: "LBH: scores 0..10 once each, 2 promoters and 7 detractors of 11; RBK: (2 - 1) / 3 rounded once; JUL given in July",
			want: []string{
				`LBH -45.45 - met 2/11 "2 promoters, 7 detractors of 11 responses"`,
				`RBK 33.33 - met 2/3 "2 promoters, 1 detractors of 3 responses"`,
			},
		},
		{
			name: "nps-no-responses", plan: "nps.yaml", kpi: "NPS", month: "2021-08", records: files(record.NPSScale(), "plan/responses-nps.csv"),
			why:  "no response in August: not applicable for each organisation",
			want: []string{`LBH N/A - met 0/0 "no qualifying records"`, `RBK N/A - met 0/0 "no qualifying records"`},
		},
		{
			name: "satisfaction-mean", plan: "satisfaction.yaml", kpi: "CSAT", month: "2021-06", records: files(record.SatisfactionScale(5), "plan/responses-csat.csv"),
			why:  "21 / 6; RBK's response not selected",
			want: []string{`LBH 3.50 21/6 met 4/6 "21 points over 6 responses"`},
		},
		{
			name: "satisfaction-good-share", plan: "satisfaction.yaml", kpi: "GOOD", month: "2021-06", records: files(record.SatisfactionScale(5), "plan/responses-csat.csv"),
			why:  "4 of 6 at 4 or above",
			want: []string{`LBH 66.67 4/6 met 4/6 ""`},
		},
		{
			name: "per-user", plan: "per-user.yaml", kpi: "CPU", month: "2021-06", records: files(record.Scale{}, "plan/counts.csv"),
			why: "LBH 7,400 / 5,000; RBK has no users; RBG no row",
			want: []string{
				`LBH 1.48 7400/5000 met 0/1 "7400 contacts for 5000 users (licensed users)"`,
				`RBK N/A - met 0/0 "no users"`,
				`RBG N/A - met 0/0 "no qualifying records"`,
			},
		},
		{
			name: "per-user-rounded-once", plan: "per-user.yaml", kpi: "CPU", month: "2021-07", records: files(record.Scale{}, "plan/counts.csv"),
			why: "1 / 3 rounded once",
			want: []string{
				`LBH 0.33 1/3 met 0/1 "1 contacts for 3 users (licensed users)"`,
				`RBK N/A - met 0/0 "no qualifying records"`,
				`RBG N/A - met 0/0 "no qualifying records"`,
			},
		},
		{
			name: "resolved-first-line-fix", plan: "resolved.yaml", kpi: "FLF", month: "2021-06", records: tickets,
			why:  "280 of 1,000 resolved by the first line; the excluded ticket listed, not counted",
			want: []string{`LBH 28.0 280/1000 met 280/1000 ""`},
		},
		{
			name: "resolved-first-contact", plan: "resolved.yaml", kpi: "FCR", month: "2021-06", records: tickets,
			why:  "a distinct measure: 100 of 1,000",
			want: []string{`LBH 10.0 100/1000 met 100/1000 ""`},
		},
		{
			name: "resolved-logged-in-period", plan: "resolved.yaml", kpi: "FLF-LOGGED", month: "2021-06", records: tickets,
			why:  "jul counted, open listed: 280 of 1,001",
			want: []string{`LBH 28.0 280/1001 met 280/1001 ""`},
		},
		{
			name: "backlog-elapsed-hours", plan: "backlog.yaml", kpi: "OLD-HOURS", month: "2021-07", records: files(record.Scale{}, "backlog-good.csv"),
			why:  "INC2 is 30 days and 1 hour old: older than 30 x 24 hours; 3 of 3",
			want: []string{`LCC 100.0 3/3 met 3/3 "3 of 3 open at the snapshot 2021-07-31T23:00:00+01:00 older than 30 days (elapsed-hours)"`},
		},
		{
			name: "backlog-calendar-days", plan: "backlog.yaml", kpi: "OLD-DAYS", month: "2021-07", records: files(record.Scale{}, "backlog-good.csv"),
			why:  "INC2 was logged 30 calendar days before the snapshot: not older; 2 of 3",
			want: []string{`LCC 66.7 2/3 met 2/3 "2 of 3 open at the snapshot 2021-07-31T23:00:00+01:00 older than 30 days (calendar-days)"`},
		},
		{
			name: "backlog-first-after-month", plan: "backlog.yaml", kpi: "OLD-AFTER", month: "2021-07", records: files(record.Scale{}, "backlog-good.csv"),
			why:  "the 1 August 00:00 snapshot holds INC1 alone",
			want: []string{`LCC 100.0 1/1 met 1/1 "1 of 1 open at the snapshot 2021-08-01T00:00:00+01:00 older than 30 days (calendar-days)"`},
		},
		{
			name: "backlog-no-snapshot", plan: "backlog.yaml", kpi: "OLD-DAYS", month: "2021-06", records: files(record.Scale{}, "backlog-good.csv"),
			why:  "no snapshot in June: not applicable",
			want: []string{`LCC N/A - met 0/0 "no qualifying records"`},
		},
		{
			name: "patch-compliance-end-of-day", plan: "patch-compliance.yaml", kpi: "PATCH", month: "2021-09", asOf: late,
			records: files(record.Scale{}, "patches-good.csv"),
			why:     "by 24:00 on the 14th day after the release's date: LT003 at 00:00 on the 15th is exactly on time; SV001 out of scope",
			want:    []string{`LCC 75.0 3/4 met 3/4 "3 of 4 patches installed within 14 days (end-of-day)"`},
		},
		{
			name: "patch-compliance-elapsed-days", plan: "patch-compliance.yaml", kpi: "PATCH-ELAPSED", month: "2021-09", asOf: late,
			records: files(record.Scale{}, "patches-good.csv"),
			why:     "14 x 24 h from 18:00 on the 14th: installations on the evening of the 28th are late",
			want:    []string{`LCC 25.0 1/4 met 1/4 "1 of 4 patches installed within 14 days (elapsed-days)"`},
		},
		{
			name: "patch-compliance-not-yet-due", plan: "patch-compliance.yaml", kpi: "PATCH", month: "2021-09", asOf: "2021-09-20T12:00:00Z",
			records: files(record.Scale{}, "patches-good.csv"),
			why:     "before the deadline, patches not installed are listed, not counted",
			want:    []string{`LCC 100.0 1/1 met 1/1 "1 of 1 patches installed within 14 days (end-of-day)"`},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, cals := readPlan(t, tt.plan)
			k, ok := p.Lookup(tt.kpi)
			require.True(t, ok, "%s measures %s", tt.plan, tt.kpi)
			var asOf time.Time
			if tt.asOf != "" {
				asOf = at(t, tt.asOf)
			}
			s := plan.Subject{KPI: tt.kpi, Precision: planPrecision[tt.kpi]}
			figs, err := k.Measure.Measure(s, kpi.MustParseMonth(tt.month), kpi.MustParseMonth(tt.month), asOf, tt.records(t), cals)
			require.NoError(t, err)
			var got []string
			for _, f := range figs {
				require.Equal(t, tt.kpi, f.Measurement.KPI)
				require.Equal(t, kpi.MustParseMonth(tt.month), f.Measurement.Month)
				got = append(got, figureText(f))
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("%s (-want +got):\n%s\ngot: %#v", tt.why, d, got)
				for _, f := range figs {
					for _, l := range f.Evidence {
						t.Log(l.Record, l.Why)
					}
				}
			}
		})
	}
}

// planPrecision is each KPI's precision, as its contract would give it.
var planPrecision = map[string]kpi.Precision{
	"AV-EXCLUDED": {Places: 4, Rounding: kpi.HalfUp}, "AV-DOWN": {Places: 4, Rounding: kpi.HalfUp}, "AV-IGNORED": {Places: 4, Rounding: kpi.HalfUp},
	"ABN-SIMPLE": {Places: 2, Rounding: kpi.HalfUp}, "ABN-EXCLUDED": {Places: 2, Rounding: kpi.HalfUp}, "ABN-NUMERATOR": {Places: 2, Rounding: kpi.HalfUp},
	"NPS": {Places: 2, Rounding: kpi.HalfUp}, "CSAT": {Places: 2, Rounding: kpi.HalfUp}, "GOOD": {Places: 2, Rounding: kpi.HalfUp},
	"CPU": {Places: 2, Rounding: kpi.HalfUp},
	"FLF": {Places: 1, Rounding: kpi.HalfUp}, "FCR": {Places: 1, Rounding: kpi.HalfUp}, "FLF-LOGGED": {Places: 1, Rounding: kpi.HalfUp},
	"OLD-HOURS": {Places: 1, Rounding: kpi.HalfUp}, "OLD-DAYS": {Places: 1, Rounding: kpi.HalfUp}, "OLD-AFTER": {Places: 1, Rounding: kpi.HalfUp},
	"PATCH": {Places: 1, Rounding: kpi.HalfUp}, "PATCH-ELAPSED": {Places: 1, Rounding: kpi.HalfUp},
}

// TestRecipeValidateMissing takes each measure's recipe from a valid plan,
// leaves one required option out, and checks the exact message: the
// option's path from Recipe.Validate, and the KPI and path from
// Plan.Validate.
func TestRecipeValidateMissing(t *testing.T) {
	for _, tt := range []struct {
		name   string
		why    string
		plan   string
		kpi    string
		change func(*plan.Recipe)
		want   string // Recipe.Validate
		inPlan string // Plan.Validate
	}{
		{"availability-planned", "how planned maintenance counts is the contract's choice", "availability.yaml", "AV-DOWN",
			func(r *plan.Recipe) { r.Availability.Planned = 0 },
			"availability.planned: not set (want one of excluded-from-both, counted-as-down, ignored-in-base)",
			`kpi "AV-DOWN": kpis[1].measure.availability.planned: not set (want one of excluded-from-both, counted-as-down, ignored-in-base)`},
		{"abandonment-short-threshold", "a short-abandon rule needs its threshold", "abandonment.yaml", "ABN-EXCLUDED",
			func(r *plan.Recipe) { r.Abandonment.ShortThreshold = 0 },
			"abandonment.short-threshold: not positive (short is excluded-from-both)",
			`kpi "ABN-EXCLUDED": kpis[1].measure.abandonment.short-threshold: not positive (short is excluded-from-both)`},
		{"nps-attribution", "which month a response counts in", "nps.yaml", "NPS",
			func(r *plan.Recipe) { r.NPS.Attribution = 0 },
			"nps.attribution: not set (want one of responded-in-period, ticket-resolved-in-period)",
			`kpi "NPS": kpis[0].measure.nps.attribution: not set (want one of responded-in-period, ticket-resolved-in-period)`},
		{"satisfaction-figure", "the mean or the good share", "satisfaction.yaml", "CSAT",
			func(r *plan.Recipe) { r.Satisfaction.Figure = 0 },
			"satisfaction.figure: not set (want one of mean, good-share)",
			`kpi "CSAT": kpis[0].measure.satisfaction.figure: not set (want one of mean, good-share)`},
		{"per-user-basis", "the user basis is carried into the note", "per-user.yaml", "CPU",
			func(r *plan.Recipe) { r.PerUser.Basis = "" },
			"per-user.basis: empty (want the user basis, such as licensed users)",
			`kpi "CPU": kpis[0].measure.per-user.basis: empty (want the user basis, such as licensed users)`},
		{"resolved-resolution", "first-line fix and first-contact resolution are distinct measures", "resolved.yaml", "FLF",
			func(r *plan.Recipe) { r.Resolved.Resolution = 0 },
			"resolved.resolution: not set (want one of first-line-fix, first-contact-resolution)",
			`kpi "FLF": kpis[0].measure.resolved.resolution: not set (want one of first-line-fix, first-contact-resolution)`},
		{"backlog-older-than", "N days", "backlog.yaml", "OLD-DAYS",
			func(r *plan.Recipe) { r.Backlog.OlderThan = 0 },
			"backlog.older-than: not positive (want the number of days, such as 30)",
			`kpi "OLD-DAYS": kpis[1].measure.backlog.older-than: not positive (want the number of days, such as 30)`},
		{"patch-compliance-deadline", "elapsed days or end of day", "patch-compliance.yaml", "PATCH",
			func(r *plan.Recipe) { r.PatchCompliance.Deadline = 0 },
			"patch-compliance.deadline: not set (want one of elapsed-days, end-of-day)",
			`kpi "PATCH": kpis[0].measure.patch-compliance.deadline: not set (want one of elapsed-days, end-of-day)`},
		{"count-basis", "which priority counts", "", "P1",
			func(r *plan.Recipe) {
				*r = plan.Recipe{Count: &plan.CountRecipe{Orgs: []string{"LCC"}, Kinds: []string{"incident"}, Priorities: []string{"P1"},
					Attribution: measure.LoggedInPeriod, Zone: "Europe/London"}}
			},
			"count.basis: not set (want one of initial, final, ever)",
			`kpi "P1": kpis[0].measure.count.basis: not set (want one of initial, final, ever)`},
		{"ticket-resolution-zone", "whose local months are the periods", "", "KPI05",
			func(r *plan.Recipe) {
				*r = plan.Recipe{TicketResolution: &plan.TicketResolutionRecipe{Clock: lincsOptions(), Attribution: measure.ResolvedInPeriod,
					Orgs: []string{"LCC"}, Combine: measure.NoCombined}}
			},
			"ticket-resolution.zone: empty (want an IANA zone such as Europe/London)",
			`kpi "KPI05": kpis[0].measure.ticket-resolution.zone: empty (want an IANA zone such as Europe/London)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &plan.Plan{Calendars: []plan.CalendarSpec{{Name: "LCC", Zone: "Europe/London",
				Hours: plan.Hours{Weekly: plan.WeekSpec{Monday: []servicehours.Window{servicehours.MustParseWindow("08:00-18:00")}}}}}}
			if tt.plan != "" {
				p, _ = readPlan(t, tt.plan)
			}
			var k *plan.PlannedKPI
			for i := range p.KPIs {
				if p.KPIs[i].KPI == tt.kpi {
					k = &p.KPIs[i]
				}
			}
			if k == nil {
				p.KPIs = append(p.KPIs, plan.PlannedKPI{KPI: tt.kpi})
				k = &p.KPIs[len(p.KPIs)-1]
			} else {
				require.NoError(t, k.Measure.Validate(), "the plan's recipe is valid as it stands")
			}
			tt.change(&k.Measure)
			err := k.Measure.Validate()
			require.ErrorIs(t, err, record.ErrInvalidOptions)
			require.EqualError(t, err, tt.want, tt.why)
			err = p.Validate()
			require.ErrorIs(t, err, record.ErrInvalidOptions)
			require.EqualError(t, err, tt.inPlan, tt.why)
		})
	}
}

// TestRecipeMeasurePooled checks the figure pooling the organisations'
// records (combined-org): its counts are the sums of theirs, never a mean
// of their values, an organisation not measured (RBG) is left out, and
// each line keeps its record's own organisation.
func TestRecipeMeasurePooled(t *testing.T) {
	tickets := planRecords(t, record.Scale{}, "plan/tickets-pooled.csv")
	for _, tt := range []struct {
		name    string
		why     string
		kpi     string
		records *record.Set
		want    []string // figureText of each figure
	}{
		{"count", "P1 incidents logged in June: LBH 2, RBK 1, all 3 (RBG's not counted)", "P1S", tickets, []string{
			`LBH 2 - met 0/2 "2 P1 logged in the month (initial priority)"`,
			`RBK 1 - met 0/1 "1 P1 logged in the month (initial priority)"`,
			`all 3 - met 0/3 "3 P1 logged in the month (initial priority)"`,
		}},
		{"resolved", "first-line fixes: 1 of 3 and 3 of 3 pool to 4 of 6", "FLF", tickets, []string{
			`LBH 33.3 1/3 met 1/3 ""`,
			`RBK 100.0 3/3 met 3/3 ""`,
			`all 66.7 4/6 met 4/6 ""`,
		}},
		{"nps", "(2 - 7) / 11 and (2 - 1) / 3 pool to (4 - 8) / 14, not their mean -6.06", "NPS", planRecords(t, record.NPSScale(), "plan/responses-nps.csv"), []string{
			`LBH -45.45 - met 2/11 "2 promoters, 7 detractors of 11 responses"`,
			`RBK 33.33 - met 2/3 "2 promoters, 1 detractors of 3 responses"`,
			`all -28.57 - met 4/14 "4 promoters, 8 detractors of 14 responses"`,
		}},
		{"satisfaction", "21 points over 6 and 1 over 1 pool to 22 over 7", "CSAT", planRecords(t, record.SatisfactionScale(5), "plan/responses-csat.csv"), []string{
			`LBH 3.50 21/6 met 4/6 "21 points over 6 responses"`,
			`RBK 1.00 1/1 met 0/1 "1 points over 1 responses"`,
			`all 3.14 22/7 met 4/7 "22 points over 7 responses"`,
		}},
		{"backlog", "1 of 2 and 2 of 3 older than 30 days pool to 3 of 5", "OLD", planRecords(t, record.Scale{}, "plan/backlog-pooled.csv"), []string{
			`LBH 50.0 1/2 met 1/2 "1 of 2 open at the snapshot 2021-06-30T23:00:00+01:00 older than 30 days (calendar-days)"`,
			`RBK 66.7 2/3 met 2/3 "2 of 3 open at the snapshot 2021-06-30T23:00:00+01:00 older than 30 days (calendar-days)"`,
			`all 60.0 3/5 met 3/5 "3 of 5 open at the snapshot 2021-06-30T23:00:00+01:00 older than 30 days (calendar-days)"`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, cals := readPlan(t, "pooled.yaml")
			k, ok := p.Lookup(tt.kpi)
			require.True(t, ok)
			require.Equal(t, []string{"LBH", "RBK", "all"}, k.Measure.Orgs(), "the pooled figure's organisation follows theirs")
			before := fmt.Sprintf("%v", tt.records)
			figs, err := k.Measure.Measure(plan.Subject{KPI: tt.kpi, Precision: pooledPrecision[tt.kpi]}, june, june, time.Time{}, tt.records, cals)
			require.NoError(t, err)
			require.Equal(t, before, fmt.Sprintf("%v", tt.records), "the records are not modified")
			var got []string
			for _, f := range figs {
				got = append(got, figureText(f))
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("%s (-want +got):\n%s\ngot: %#v", tt.why, d, got)
			}
			// The pooled figure's lines are the organisations' lines, each
			// with its own organisation.
			var theirs, pooled []string
			for _, f := range figs[:2] {
				for _, l := range f.Evidence {
					theirs = append(theirs, l.Org+" "+l.Record+" "+l.Why)
				}
			}
			for _, l := range figs[2].Evidence {
				pooled = append(pooled, l.Org+" "+l.Record+" "+l.Why)
			}
			slices.Sort(theirs)
			slices.Sort(pooled)
			if d := cmp.Diff(theirs, pooled); d != "" {
				t.Errorf("pooled lines (-organisations' +pooled):\n%s", d)
			}
		})
	}
}

var pooledPrecision = map[string]kpi.Precision{
	"P1S": {Places: 0, Rounding: kpi.HalfUp}, "FLF": {Places: 1, Rounding: kpi.HalfUp}, "NPS": {Places: 2, Rounding: kpi.HalfUp},
	"CSAT": {Places: 2, Rounding: kpi.HalfUp}, "OLD": {Places: 1, Rounding: kpi.HalfUp},
}

func TestRecipeCombinedOrgValidate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		why    string
		recipe plan.Recipe
		want   string
	}{
		{"count", "the pooled figure cannot take a measured organisation's name", plan.Recipe{Count: &plan.CountRecipe{Orgs: []string{"LBH", "RBK"},
			Kinds: []string{"incident"}, Priorities: []string{"P1"}, Basis: measure.PriorityInitial, Attribution: measure.LoggedInPeriod,
			Zone: "Europe/London", CombinedOrg: "RBK"}},
			`count.combined-org: "RBK" is one of orgs (want the name of the pooled figure, such as all)`},
		{"nps", "likewise for surveys", plan.Recipe{NPS: &plan.NPSRecipe{Orgs: []string{"LBH"}, Attribution: measure.ResponseInPeriod,
			Zone: "Europe/London", CombinedOrg: "LBH"}},
			`nps.combined-org: "LBH" is one of orgs (want the name of the pooled figure, such as all)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.recipe.Validate()
			require.ErrorIs(t, err, record.ErrInvalidOptions)
			require.EqualError(t, err, tt.want, tt.why)
		})
	}
}

// TestRecipeMeasureRange measures the Lincolnshire plan over June to
// October 2021 in one call: a ticket-resolution recipe judges each ticket
// once for the range, and the figures are those of each month measured
// alone, month by month.
func TestRecipeMeasureRange(t *testing.T) {
	dir := fixture.Testdata("lincolnshire")
	data, err := os.ReadFile(filepath.Join(dir, "plan.yaml"))
	require.NoError(t, err)
	p, err := planfile.ReadPlan("plan.yaml", data)
	require.NoError(t, err)
	cals, err := p.BuildCalendars(func(path string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, path)) })
	require.NoError(t, err)
	recs := &record.Set{Tickets: fixture.LincsTickets(t)}
	from, to := kpi.MustParseMonth("2021-06"), kpi.MustParseMonth("2021-10")
	one := kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
	want := map[string][]string{
		"IMT_KPI_05": {"96.8", "97.4", "96.1", "95.9", "95.2"},
		"IMT_KPI_10": {"1.0", "0.0", "2.0", "3.0", "2.0"},
	}
	for _, k := range p.KPIs {
		s := plan.Subject{KPI: k.KPI, Precision: one}
		figs, err := k.Measure.Measure(s, from, to, fixture.LincsAsOf, recs, cals)
		require.NoError(t, err)
		var got []string
		for i, f := range figs {
			m := from.AddMonths(i)
			require.Equal(t, m, f.Measurement.Month, "month by month")
			alone, err := k.Measure.Measure(s, m, m, fixture.LincsAsOf, recs, cals)
			require.NoError(t, err)
			require.Equal(t, figureText(alone[0]), figureText(f), "%s %s measured alone", k.KPI, m)
			got = append(got, f.Measurement.Value.StringFixed(1))
		}
		require.Equal(t, want[k.KPI], got, k.KPI)
	}
	_, err = p.KPIs[0].Measure.Measure(plan.Subject{KPI: "IMT_KPI_05", Precision: one}, to, from, fixture.LincsAsOf, recs, cals)
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.EqualError(t, err, "month: 2021-10..2021-06 ends before it starts")
	_, err = p.KPIs[0].Measure.Measure(plan.Subject{KPI: "IMT_KPI_05", Precision: one}, kpi.Month{}, to, time.Time{}, recs, cals)
	require.EqualError(t, err, "as-of: not set (ticket-resolution judges records at an instant)\nmonth: not set")
}

// TestRecipeAvailabilityPerService measures one availability KPI per
// service from one outages export covering every service: each KPI takes
// its own service's rows (issue 16, item 10).
func TestRecipeAvailabilityPerService(t *testing.T) {
	p, err := planfile.ReadPlan("plan.yaml", []byte(`calendars:
  - {name: C24, zone: Europe/London, weekly: {monday: [00:00-24:00], tuesday: [00:00-24:00], wednesday: [00:00-24:00],
     thursday: [00:00-24:00], friday: [00:00-24:00], saturday: [00:00-24:00], sunday: [00:00-24:00]}}
kpis:
  - kpi: AV-EMAIL
    measure: {availability: {org: LBH, services: [{name: Email, calendar: C24}], planned: counted-as-down, minutes: real-minutes, weighting: none, combine: none}}
  - kpi: AV-NETWORK
    measure: {availability: {org: LBH, services: [{name: Network, calendar: C24}], planned: counted-as-down, minutes: real-minutes, weighting: none, combine: none}}
`))
	require.NoError(t, err)
	cals, err := p.BuildCalendars(nil)
	require.NoError(t, err)
	recs := addRecords(t, &record.Set{}, record.Scale{}, "outages.csv", `id,service,start,end,planned
e1,Email,2021-06-10T02:00:00+01:00,2021-06-10T04:00:00+01:00,no
n1,Network,2021-06-11T02:00:00+01:00,2021-06-11T02:30:00+01:00,no
p1,Printing,2021-06-12T02:00:00+01:00,2021-06-12T12:00:00+01:00,no
`)
	want := map[string]string{
		"AV-EMAIL":   `LBH 99.7222 43080.0000/43200.0000 met 0/0 "43080.0000 of 43200.0000 agreed minutes available"`,
		"AV-NETWORK": `LBH 99.9306 43170.0000/43200.0000 met 0/0 "43170.0000 of 43200.0000 agreed minutes available"`,
	}
	for _, k := range p.KPIs {
		figs, err := k.Measure.Measure(plan.Subject{KPI: k.KPI, Precision: kpi.Precision{Places: 4, Rounding: kpi.HalfUp}}, june, june, time.Time{}, recs, cals)
		require.NoError(t, err)
		require.Len(t, figs, 1)
		require.Equal(t, want[k.KPI], figureText(figs[0]), k.KPI)
	}
}
