package measure_test

import (
	"os"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests do not depend on the machine's zone files

	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/servicehours"
)

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

// at parses an RFC 3339 instant, such as "2023-04-06T16:00:00+01:00".
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad test instant %q: %v", s, err)
	}
	return v
}

// lbhCalendar is LBH: Europe/London, Monday to Friday 08:00-18:00, closed
// on England and Wales bank holidays (2017 and 2021-2023 in the test feed).
func lbhCalendar(t testing.TB) servicehours.Calendar {
	t.Helper()
	data, err := os.ReadFile("testdata/bank-holidays.json")
	if err != nil {
		t.Fatal(err)
	}
	hols, err := servicehours.ParseBankHolidays(data, "england-and-wales")
	if err != nil {
		t.Fatal(err)
	}
	var wk servicehours.Week
	for d := time.Monday; d <= time.Friday; d++ {
		wk[d] = []servicehours.Window{servicehours.MustParseWindow("08:00-18:00")}
	}
	return servicehours.Calendar{Location: london, Weekly: wk, Closed: hols}
}

func lbh(t testing.TB) *measure.Calendar {
	t.Helper()
	c, err := measure.NewCalendar("LBH", lbhCalendar(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func c24(t testing.TB) *measure.Calendar {
	t.Helper()
	c, err := measure.NewCalendar("C24", servicehours.TwentyFourSeven(london))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// baseOptions are the clock options of most worked examples: P1 4 hours on
// C24, P2 8 business hours on LBH, P5 not measured; clock from logged to
// resolved, holds pausing, first resolution, initial priority.
func baseOptions() measure.ClockOptions {
	return measure.ClockOptions{
		Kinds:          []string{"incident"},
		Start:          measure.StartLogged,
		Stop:           measure.StopResolved,
		Pauses:         measure.PauseHolds,
		Reopen:         measure.FirstResolution,
		PriorityChange: measure.InitialPriority,
		Targets: []measure.Target{
			{Priority: "P1", Unit: measure.BusinessTime, Within: measure.Duration(4 * time.Hour), Calendar: "C24"},
			{Priority: "P2", Unit: measure.BusinessTime, Within: measure.Duration(8 * time.Hour), Calendar: "LBH"},
			{Priority: "P5", Unit: measure.NotMeasured},
		},
	}
}

func newClock(t testing.TB, o measure.ClockOptions) *measure.Clock {
	t.Helper()
	c, err := measure.NewClock(o, lbh(t), c24(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ticket returns an incident of priority p logged and resolved at the
// given RFC 3339 instants; resolved may be empty for an open ticket.
func ticket(t testing.TB, id, p, logged, resolved string) measure.Ticket {
	t.Helper()
	tk := measure.Ticket{ID: id, Org: "LBH", Kind: "incident", Priority: p, Logged: at(t, logged)}
	if resolved != "" {
		tk.Resolved = at(t, resolved)
	}
	return tk
}

func interval(t testing.TB, from, to string) servicehours.Interval {
	return servicehours.Interval{Start: at(t, from), End: at(t, to)}
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
