package servicehours_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

func TestCalendarValidate(t *testing.T) {
	d := kpi.MustParseDate
	tests := []struct {
		name string
		why  string
		cal  servicehours.Calendar
		want []string
	}{
		{name: "lbh", why: "the worked example calendar is valid", cal: lbhCalendar(t)},
		{name: "twenty-four-seven", why: "the preset is valid", cal: servicehours.TwentyFourSeven(london)},
		{
			name: "zero", why: "the zero Calendar names what is missing",
			want: []string{
				"location: missing; name an IANA zone such as Europe/London",
				"weekly: no windows on any day",
			},
		},
		{
			name: "machine-local", why: "time.Local depends on the machine",
			cal:  servicehours.TwentyFourSeven(time.Local),
			want: []string{"location: machine-local time is not allowed; name an IANA zone such as Europe/London"},
		},
		{
			name: "unnamed-zone", why: "a fixed zone with no name is not an IANA zone",
			cal:  servicehours.TwentyFourSeven(time.FixedZone("", 3600)),
			want: []string{"location: unnamed; name an IANA zone such as Europe/London"},
		},
		{
			name: "bad-windows", why: "each window problem names the weekday",
			cal: servicehours.Calendar{Location: london, Weekly: servicehours.Week{
				time.Monday:   {{Open: 480, Close: 480}, {Open: 600, Close: 1500}},
				time.Tuesday:  {servicehours.MustParseWindow("08:00-10:00"), servicehours.MustParseWindow("09:00-12:00")},
				time.Saturday: {{Open: 1441, Close: 1442}},
			}},
			want: []string{
				"weekly monday: window 0: close 08:00 not after open 08:00",
				"weekly monday: window 1: clock outside 00:00..24:00 (open 600, close 1500 minutes)",
				"weekly saturday: window 0: clock outside 00:00..24:00 (open 1441, close 1442 minutes)",
				"weekly tuesday: windows 08:00-10:00 and 09:00-12:00 overlap",
			},
		},
		{
			name: "touching-windows", why: "a window may open as another closes",
			cal: servicehours.Calendar{Location: london, Weekly: servicehours.Week{
				time.Monday: {servicehours.MustParseWindow("12:00-18:00"), servicehours.MustParseWindow("08:00-12:00")},
			}},
		},
		{
			name: "bad-dates", why: "closed and override dates are checked",
			cal: servicehours.Calendar{
				Location: london, Weekly: weekdays("08:00-18:00"),
				Closed: []kpi.Date{d("2023-04-07"), {}, d("2023-04-07")},
				Overrides: []servicehours.Override{
					{Date: d("2021-12-24"), Windows: []servicehours.Window{servicehours.MustParseWindow("08:00-13:00")}},
					{Date: d("2021-12-24")},
					{Date: d("2021-12-31"), Windows: []servicehours.Window{{Open: 600, Close: 500}}},
					{},
				},
			},
			want: []string{
				"closed[1]: zero date",
				"override 2021-12-24: date overridden twice",
				"override 2021-12-31: window 0: close 08:20 not after open 10:00",
				"overrides[3]: zero date",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cal.Validate()
			checkProblems(t, err, tt.want, tt.why)
			_, nerr := servicehours.New(tt.cal)
			if (err == nil) != (nerr == nil) {
				t.Errorf("New error %v disagrees with Validate", nerr)
			}
		})
	}
}

func TestVersionedValidate(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	d := kpi.MustParseDate
	tests := []struct {
		name string
		why  string
		v    servicehours.Versioned
		want []string
	}{
		{name: "none", why: "a history needs a version", want: []string{"versions: none"}},
		{
			name: "problems", why: "duplicates, zero dates, mixed locations and calendar problems",
			v: servicehours.Versioned{
				{From: d("2023-01-01"), Calendar: servicehours.TwentyFourSeven(london)},
				{From: d("2023-01-01"), Calendar: servicehours.TwentyFourSeven(london)},
				{From: d("2024-01-01"), Calendar: servicehours.TwentyFourSeven(paris)},
				{Calendar: servicehours.TwentyFourSeven(london)},
				{From: d("2025-01-01"), Calendar: servicehours.Calendar{Location: london}},
			},
			want: []string{
				"version 2023-01-01: two versions from one date",
				`version 2024-01-01: location "Europe/Paris": differs from "Europe/London"; all versions share one location`,
				"version 2025-01-01: weekly: no windows on any day",
				"versions[3]: zero from date",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, tt.v.Validate(), tt.want, tt.why)
			if _, err := servicehours.NewVersioned(tt.v); err == nil {
				t.Error("NewVersioned accepted an invalid history")
			}
		})
	}
}

func TestVersionedInForce(t *testing.T) {
	v := servicehours.Versioned{
		{From: kpi.MustParseDate("2023-01-01"), Calendar: servicehours.Calendar{Location: london, Weekly: weekdays("08:00-17:00")}},
		{From: kpi.MustParseDate("2015-04-01"), Calendar: servicehours.Calendar{Location: london, Weekly: weekdays("08:00-18:00")}},
	}
	for _, tt := range []struct {
		name, date, want string
		ok               bool
	}{
		{name: "before", date: "2015-03-31"},
		{name: "first-day", date: "2015-04-01", want: "08:00-18:00", ok: true},
		{name: "last-of-first", date: "2022-12-31", want: "08:00-18:00", ok: true},
		{name: "second", date: "2023-01-01", want: "08:00-17:00", ok: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := v.InForce(kpi.MustParseDate(tt.date))
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && c.Weekly[time.Monday][0].String() != tt.want {
				t.Errorf("Monday = %v, want %s", c.Weekly[time.Monday], tt.want)
			}
		})
	}
}

// checkProblems checks that err joins exactly the want messages, in order,
// each an *Error wrapping ErrInvalidCalendar.
func checkProblems(t *testing.T, err error, want []string, why string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("unexpected error (%s):\n%v", why, err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want (%s):\n%s", why, strings.Join(want, "\n"))
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("problems (%s):\n got:\n%s\nwant:\n%s", why, got, strings.Join(want, "\n"))
	}
	if !errors.Is(err, servicehours.ErrInvalidCalendar) {
		t.Error("error does not wrap ErrInvalidCalendar")
	}
	var e *servicehours.Error
	if !errors.As(err, &e) {
		t.Error("error is not an *Error")
	}
}
