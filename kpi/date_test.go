package kpi_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
)

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
			d, err := kpi.ParseDate(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !errors.Is(err, kpi.ErrDate) {
					t.Fatalf("error %v, want %s wrapping ErrDate", err, tt.err)
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
	d := kpi.MustParseDate("2023-04-06")
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
	for x := kpi.MustParseDate("1899-12-25"); x.Year() < 2201; x = x.AddDays(1) {
		if x != kpi.LocalDate(tm) || x.Weekday() != tm.Weekday() {
			t.Fatalf("date %v, want %v (%v)", x, tm.Format(time.DateOnly), tm.Weekday())
		}
		tm = tm.AddDate(0, 0, 1)
	}
	a, b := kpi.MustParseDate("2023-04-06"), kpi.MustParseDate("2023-04-07")
	if !a.Before(b) || !b.After(a) || a.Compare(a) != 0 || (kpi.Date{}).Compare(a) != -1 {
		t.Error("ordering is wrong")
	}
	if got := kpi.DateOf(2023, time.April, 31); !got.IsZero() {
		t.Errorf("DateOf(2023, April, 31) = %v, want zero", got)
	}
}

func TestDateText(t *testing.T) {
	var v struct {
		D kpi.Date `json:"d"`
		Z kpi.Date `json:"z"`
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
	m := map[kpi.Date]string{v.D: "state funeral"}
	if m[kpi.MustParseDate("2022-09-19")] != "state funeral" {
		t.Error("Date is not usable as a map key")
	}
	if err := json.Unmarshal([]byte(`{"d": "19/09/2022"}`), &v); !errors.Is(err, kpi.ErrDate) {
		t.Errorf("bad date: error %v, want ErrDate", err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-04-07", "2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "", "2023-4-7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := kpi.ParseDate(s)
		if err != nil {
			if !errors.Is(err, kpi.ErrDate) {
				t.Fatalf("error %v does not wrap ErrDate", err)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) prints %q", s, d.String())
		}
		var back kpi.Date
		text, _ := d.MarshalText()
		if err := back.UnmarshalText(text); err != nil || back != d {
			t.Fatalf("text round trip %q: %v, %v", text, back, err)
		}
		if got := d.AddDays(1).AddDays(-1); !d.AddDays(1).IsZero() && got != d {
			t.Fatalf("AddDays(1).AddDays(-1) = %v", got)
		}
	})
}

// feedOf writes dates back in the GOV.UK shape.

func TestDateIn(t *testing.T) {
	tests := []struct {
		name, date, month string
	}{
		{name: "mid-month", date: "2021-06-10", month: "2021-06"},
		{name: "first-day", date: "2021-04-01", month: "2021-04"},
		{name: "year-end", date: "2021-12-31", month: "2021-12"},
		{name: "zero", date: "", month: "<none>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d kpi.Date
			if err := d.UnmarshalText([]byte(tt.date)); err != nil {
				t.Fatal(err)
			}
			if got := d.In().String(); got != tt.month {
				t.Errorf("In() = %s, want %s", got, tt.month)
			}
			if !d.Equal(d) || d.Equal(d.AddDays(1)) != d.IsZero() {
				t.Error("Equal is wrong")
			}
		})
	}
}
