package measure_test

import (
	"fmt"
	"os"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
)

// A P2 incident must be resolved within 8 business hours on LBH (London,
// Monday to Friday 08:00-18:00, closed on bank holidays). Logged on
// Maundy Thursday 2023 at 16:00, it is due on Tuesday at 14:00: Good
// Friday and Easter Monday are closed. Resolved at 14:30, it took 8h30m.
// Then the June 2021 month: six tickets, four attributions.
func Example() {
	london, _ := time.LoadLocation("Europe/London")
	feed, _ := os.ReadFile("testdata/bank-holidays.json")
	holidays, _ := servicehours.ParseBankHolidays(feed, "england-and-wales")
	office := servicehours.Weekdays(servicehours.MustParseWindow("08:00-18:00"))
	lbh, err := ticketclock.NewCalendar("LBH", servicehours.Calendar{Location: london, Weekly: office, Closed: holidays})
	if err != nil {
		panic(err)
	}
	clock, err := ticketclock.New(ticketclock.Options{
		Kinds: []string{"incident"}, Start: ticketclock.StartLogged, Stop: ticketclock.StopResolved, Pauses: ticketclock.PauseHolds,
		Reopen: ticketclock.FirstResolution, PriorityChange: ticketclock.InitialPriority,
		Targets: []ticketclock.Target{{Priority: "P2", Unit: ticketclock.BusinessTime, Within: record.Duration(8 * time.Hour), Calendar: "LBH"}},
	}, lbh)
	if err != nil {
		panic(err)
	}
	when := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	easter := record.Ticket{ID: "INC2", Kind: "incident", Priority: "P2", Logged: when("2023-04-06T16:00:00+01:00"), Resolved: when("2023-04-11T14:30:00+01:00")}
	r, _ := clock.Evaluate(&easter, when("2023-05-01T00:00:00+01:00"))
	fmt.Println(r.Verdict, r.Elapsed, "due", r.Deadline.Format("Mon 2 Jan 15:04"))

	june := []record.Ticket{
		{ID: "1", Kind: "incident", Priority: "P2", Logged: when("2021-05-28T17:00:00+01:00"), Resolved: when("2021-06-01T10:00:00+01:00")},
		{ID: "2", Kind: "incident", Priority: "P2", Logged: when("2021-06-01T09:00:00+01:00"), Resolved: when("2021-06-01T12:00:00+01:00")},
		{ID: "3", Kind: "incident", Priority: "P2", Logged: when("2021-06-02T09:00:00+01:00"), Resolved: when("2021-06-04T09:00:00+01:00")},
		{ID: "4", Kind: "incident", Priority: "P2", Logged: when("2021-06-28T10:00:00+01:00"), Resolved: when("2021-07-01T10:00:00+01:00")},
		{ID: "5", Kind: "incident", Priority: "P2", Logged: when("2021-06-29T10:00:00+01:00")},
		{ID: "6", Kind: "incident", Priority: "P2", Logged: when("2021-06-30T15:00:00+01:00")},
	}
	asOf := when("2021-07-01T12:00:00+01:00")
	results, err := clock.EvaluateAll(june, asOf)
	if err != nil {
		panic(err)
	}
	for _, a := range []measure.Attribution{measure.ResolvedInPeriod, measure.LoggedInPeriod, measure.LoggedOpenBreachesFail, measure.OutcomeKnownInPeriod} {
		rep, err := measure.Aggregate(measure.AggregateRule{
			KPI: "KPI01", Attribution: a, Orgs: []string{""}, Combine: measure.NoCombined,
			Zone: "Europe/London", Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp},
		}, kpi.MustParseMonth("2021-06"), asOf, results)
		if err != nil {
			panic(err)
		}
		f := rep.Figures[0]
		fmt.Printf("%-36s %d/%d = %s%%\n", a, f.Met, f.Counted, f.Measurement.Value.StringFixed(2))
	}
	// Output:
	// breached 8h30m0s due Tue 11 Apr 14:00
	// resolved-in-period                   2/3 = 66.67%
	// logged-in-period                     1/3 = 33.33%
	// logged-in-period-open-breaches-fail  1/4 = 25.00%
	// outcome-known-in-period              2/5 = 40.00%
}

// The net promoter score is computed from the counts and rounded once.
// The responses may be a whole file: those of the organisation and month
// are selected by the named attribution.
func ExampleNPS() {
	when := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	responses := []record.Response{
		{ID: "R1", Org: "LBH", Responded: when("2021-06-01T10:00:00+01:00"), Score: 10},
		{ID: "R2", Org: "LBH", Responded: when("2021-06-15T10:00:00+01:00"), Score: 9},
		{ID: "R3", Org: "LBH", Responded: when("2021-06-30T23:30:00+01:00"), Score: 3},
		{ID: "R4", Org: "LBH", Responded: when("2021-07-01T00:30:00+01:00"), Score: 0},
	}
	f, err := measure.NPS(measure.SurveyRule{
		KPI: "NPS", Attribution: measure.ResponseInPeriod, Zone: "Europe/London",
		Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp},
	}, "LBH", kpi.MustParseMonth("2021-06"), responses)
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Measurement.Value.StringFixed(2), "-", f.Measurement.Note)
	for _, l := range f.Evidence {
		fmt.Println(l.Record, l.Why)
	}
	// Output:
	// 33.33 - 2 promoters, 1 detractors of 3 responses
	// R1 score 10: promoter
	// R2 score 9: promoter
	// R3 score 3: detractor
}
