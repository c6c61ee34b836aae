package servicehours_test

import (
	"os"
	"testing"
	"time"
	_ "time/tzdata" // the tests do not depend on the machine's zone files

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

// inst parses an RFC 3339 instant, such as "2023-04-06T16:00:00+01:00".
func inst(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad test instant %q: %v", s, err)
	}
	return v
}

// bankHolidays returns the bank holidays of division in the test feed, a
// cut of the GOV.UK file for 2021-2023.
func bankHolidays(t testing.TB, division string) []kpi.Date {
	t.Helper()
	data, err := os.ReadFile("testdata/bank-holidays.json")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := servicehours.ParseBankHolidays(data, division)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// weekdays returns a week open w on Monday to Friday.
func weekdays(w string) servicehours.Week {
	return servicehours.Weekdays(servicehours.MustParseWindow(w))
}

// lbhCalendar is LBH: Europe/London, Monday to Friday 08:00-18:00, closed
// on England and Wales bank holidays.
func lbhCalendar(t testing.TB) servicehours.Calendar {
	return servicehours.Calendar{Location: london, Weekly: weekdays("08:00-18:00"), Closed: bankHolidays(t, "england-and-wales")}
}

func mustNew(t testing.TB, c servicehours.Calendar) *servicehours.Schedule {
	t.Helper()
	s, err := servicehours.New(c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func lbh(t testing.TB) *servicehours.Schedule { return mustNew(t, lbhCalendar(t)) }

func c24(t testing.TB) *servicehours.Schedule {
	return mustNew(t, servicehours.TwentyFourSeven(london))
}

func pause(t testing.TB, from, to string) servicehours.Interval {
	return servicehours.Interval{Start: inst(t, from), End: inst(t, to)}
}
