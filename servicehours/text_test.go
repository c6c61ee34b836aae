package servicehours_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/servicecredit/engine/servicehours"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want servicehours.Clock
		err  string
	}{
		{name: "morning", in: "08:00", want: 480},
		{name: "midnight", in: "00:00", want: servicehours.Midnight},
		{name: "end-of-day", in: "24:00", want: servicehours.EndOfDay},
		{name: "last-minute", in: "23:59", want: 1439},
		{name: "empty", in: "", err: `clock: empty; want HH:MM`},
		{name: "one-digit-hour", in: "8:00", err: `clock "8:00": want HH:MM`},
		{name: "past-end-of-day", in: "24:01", err: `clock "24:01": outside 00:00..24:00`},
		{name: "minute-60", in: "23:60", err: `clock "23:60": outside 00:00..24:00`},
		{name: "letters", in: "ab:cd", err: `clock "ab:cd": want HH:MM`},
		{name: "sign", in: "+8:00", err: `clock "+8:00": want HH:MM`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := servicehours.ParseClock(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !errors.Is(err, servicehours.ErrSyntax) {
					t.Fatalf("error %v, want %s wrapping ErrSyntax", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseClock(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestClockText(t *testing.T) {
	if _, err := servicehours.Clock(1441).MarshalText(); !errors.Is(err, servicehours.ErrSyntax) {
		t.Errorf("MarshalText of 1441 minutes: error %v, want ErrSyntax", err)
	}
	if got := servicehours.Clock(1441).String(); got != "invalid clock 1441" {
		t.Errorf("String = %q", got)
	}
	if c, ok := servicehours.ClockOf(24, 0); !ok || c != servicehours.EndOfDay {
		t.Errorf("ClockOf(24, 0) = %v, %v", c, ok)
	}
	if _, ok := servicehours.ClockOf(24, 1); ok {
		t.Error("ClockOf(24, 1) accepted")
	}
	var v struct {
		W servicehours.Window `json:"w"`
		C servicehours.Clock  `json:"c"`
	}
	if err := json.Unmarshal([]byte(`{"w": "22:00-24:00", "c": "07:30"}`), &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"w":"22:00-24:00","c":"07:30"}`; string(out) != want {
		t.Errorf("json = %s, want %s", out, want)
	}
}

func TestParseWindow(t *testing.T) {
	tests := []struct {
		name string
		in   string
		err  string
	}{
		{name: "office", in: "08:00-18:00"},
		{name: "to-end-of-day", in: "22:00-24:00"},
		{name: "empty", in: "", err: `window: empty; want HH:MM-HH:MM`},
		{name: "no-dash", in: "08:00", err: `window "08:00": want HH:MM-HH:MM`},
		{name: "reversed", in: "18:00-08:00", err: `window "18:00-08:00": close not after open`},
		{name: "equal", in: "08:00-08:00", err: `window "08:00-08:00": close not after open`},
		{name: "bad-close", in: "08:00-25:00", err: `window "08:00-25:00": close: clock "25:00": outside 00:00..24:00`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := servicehours.ParseWindow(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !errors.Is(err, servicehours.ErrSyntax) {
					t.Fatalf("error %v, want %s wrapping ErrSyntax", err, tt.err)
				}
				return
			}
			if err != nil || w.String() != tt.in {
				t.Fatalf("ParseWindow(%q) = %v, %v", tt.in, w, err)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		weekday time.Weekday
		err     string
	}{
		{name: "good-friday", in: "2023-04-07", weekday: time.Friday},
		{name: "leap-day", in: "2024-02-29", weekday: time.Thursday},
		{name: "epoch", in: "1970-01-01", weekday: time.Thursday},
		{name: "first", in: "0001-01-01", weekday: time.Monday},
		{name: "last", in: "9999-12-31", weekday: time.Friday},
		{name: "empty", in: "", err: `date: empty; want YYYY-MM-DD`},
		{name: "not-leap", in: "2023-02-29", err: `date "2023-02-29": no such date`},
		{name: "short-month", in: "2023-4-07", err: `date "2023-4-07": want YYYY-MM-DD`},
		{name: "year-zero", in: "0000-01-01", err: `date "0000-01-01": no such date`},
		{name: "uk-order", in: "07/04/2023", err: `date "07/04/2023": want YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := servicehours.ParseDate(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !errors.Is(err, servicehours.ErrSyntax) {
					t.Fatalf("error %v, want %s wrapping ErrSyntax", err, tt.err)
				}
				return
			}
			if err != nil || d.String() != tt.in {
				t.Fatalf("ParseDate(%q) = %v, %v", tt.in, d, err)
			}
			if d.Weekday() != tt.weekday {
				t.Errorf("Weekday = %v, want %v", d.Weekday(), tt.weekday)
			}
			tm := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC)
			if tm.Weekday() != d.Weekday() {
				t.Errorf("Weekday disagrees with time: %v vs %v", d.Weekday(), tm.Weekday())
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	d := servicehours.MustParseDate("2023-04-06")
	tests := []struct {
		name string
		n    int
		want string
	}{
		{name: "next-day", n: 1, want: "2023-04-07"},
		{name: "month-end", n: 25, want: "2023-05-01"},
		{name: "back-a-year", n: -365, want: "2022-04-06"},
		{name: "leap-year", n: 365 + 366, want: "2025-04-06"},
		{name: "before-year-1", n: -800000, want: "<none>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.AddDays(tt.n)
			if got.String() != tt.want {
				t.Fatalf("AddDays(%d) = %s, want %s", tt.n, got, tt.want)
			}
			if !got.IsZero() && got.Sub(d) != tt.n {
				t.Errorf("Sub = %d, want %d", got.Sub(d), tt.n)
			}
		})
	}
	// Walk a long stretch against the time package.
	tm := time.Date(1899, 12, 25, 12, 0, 0, 0, time.UTC)
	for x := servicehours.MustParseDate("1899-12-25"); x.Year() < 2201; x = x.AddDays(1) {
		if x != servicehours.LocalDate(tm) || x.Weekday() != tm.Weekday() {
			t.Fatalf("date %v, want %v (%v)", x, tm.Format(time.DateOnly), tm.Weekday())
		}
		tm = tm.AddDate(0, 0, 1)
	}
	a, b := servicehours.MustParseDate("2023-04-06"), servicehours.MustParseDate("2023-04-07")
	if !a.Before(b) || !b.After(a) || a.Compare(a) != 0 || (servicehours.Date{}).Compare(a) != -1 {
		t.Error("ordering is wrong")
	}
	if got := servicehours.DateOf(2023, time.April, 31); !got.IsZero() {
		t.Errorf("DateOf(2023, April, 31) = %v, want zero", got)
	}
}

func TestDateText(t *testing.T) {
	var v struct {
		D servicehours.Date `json:"d"`
		Z servicehours.Date `json:"z"`
	}
	if err := json.Unmarshal([]byte(`{"d": "2022-09-19", "z": ""}`), &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"d":"2022-09-19","z":""}`; string(out) != want {
		t.Errorf("json = %s, want %s", out, want)
	}
	m := map[servicehours.Date]string{v.D: "state funeral"}
	if m[servicehours.MustParseDate("2022-09-19")] != "state funeral" {
		t.Error("Date is not usable as a map key")
	}
	if err := json.Unmarshal([]byte(`{"d": "19/09/2022"}`), &v); !errors.Is(err, servicehours.ErrSyntax) {
		t.Errorf("bad date: error %v, want ErrSyntax", err)
	}
}
