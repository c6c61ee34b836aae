package servicehours_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"08:00", "24:00", "00:00", "23:59", "24:01", "8:00", "", "12:60", "-1:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := servicehours.ParseClock(s)
		if err != nil {
			if !errors.Is(err, servicehours.ErrSyntax) {
				t.Fatalf("error %v does not wrap ErrSyntax", err)
			}
			return
		}
		if !c.Valid() || c.String() != s {
			t.Fatalf("ParseClock(%q) = %d, prints %q", s, c, c.String())
		}
		text, err := c.MarshalText()
		if err != nil || string(text) != s {
			t.Fatalf("MarshalText = %q, %v", text, err)
		}
	})
}

func feedOf(division string, dates []kpi.Date) []byte {
	type event struct {
		Title   string   `json:"title"`
		Date    kpi.Date `json:"date"`
		Notes   string   `json:"notes"`
		Bunting bool     `json:"bunting"`
	}
	type div struct {
		Division string  `json:"division"`
		Events   []event `json:"events"`
	}
	d := div{Division: division, Events: []event{}}
	for _, x := range dates {
		d.Events = append(d.Events, event{Title: "holiday", Date: x})
	}
	out, err := json.Marshal(map[string]div{division: d})
	if err != nil {
		panic(err)
	}
	return out
}

func FuzzParseBankHolidays(f *testing.F) {
	sample, err := os.ReadFile("testdata/bank-holidays.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample, "england-and-wales")
	f.Add(sample, "wales")
	f.Add([]byte(`{"x": {"events": [{"date": "2023-13-01"}]}}`), "x")
	f.Add([]byte(`{"x": {"division": "y", "events": null}}`), "x")
	f.Add([]byte(`null`), "")
	f.Fuzz(func(t *testing.T, data []byte, division string) {
		dates, err := servicehours.ParseBankHolidays(data, division)
		if err != nil {
			if !errors.Is(err, servicehours.ErrSyntax) && !errors.Is(err, servicehours.ErrUnknownDivision) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		back, err := servicehours.ParseBankHolidays(feedOf(division, dates), division)
		if err != nil || !slices.Equal(back, dates) {
			t.Fatalf("round trip: %v, %v; want %v", back, err, dates)
		}
	})
}

// FuzzCalendar reads a calendar definition from bytes: a weekday and two
// clocks (in raw minutes, so some are out of range) per window, then closed
// date offsets. Validate must never panic; a valid calendar must build, and
// answer consistently; each window's text form must round-trip.
func FuzzCalendar(f *testing.F) {
	f.Add([]byte{1, 0x01, 0xe0, 0x04, 0x38}, uint16(10), uint32(8*3600))
	f.Add([]byte{0, 0, 0, 0x05, 0xa0, 6, 0x00, 0x5a, 0x00, 0xb4}, uint16(85), uint32(1))
	f.Add([]byte{3, 0x02, 0x58, 0x01, 0x2c, 3, 0x01, 0xe0, 0x02, 0xd0}, uint16(400), uint32(0))
	london := loadZone(f, "Europe/London")
	f.Fuzz(func(t *testing.T, data []byte, startDay uint16, targetSec uint32) {
		cal := servicehours.Calendar{Location: london}
		for len(data) >= 5 {
			w := servicehours.Window{
				Open:  servicehours.Clock(binary.BigEndian.Uint16(data[1:3]) % 1500),
				Close: servicehours.Clock(binary.BigEndian.Uint16(data[3:5]) % 1500),
			}
			if data[0]&0x80 != 0 {
				cal.Closed = append(cal.Closed, kpi.MustParseDate("2023-01-01").AddDays(int(data[0]&0x7f)*3))
			} else {
				d := time.Weekday(data[0] % 7)
				cal.Weekly[d] = append(cal.Weekly[d], w)
			}
			data = data[5:]
		}
		err := cal.Validate()
		for _, ws := range cal.Weekly {
			for _, w := range ws {
				text, merr := w.MarshalText()
				if merr != nil {
					if err == nil {
						t.Fatalf("valid calendar with unprintable window %d-%d", w.Open, w.Close)
					}
					continue
				}
				back, perr := servicehours.ParseWindow(string(text))
				if perr == nil && back != w {
					t.Fatalf("window %q round-trips to %v", text, back)
				}
				if perr != nil && w.Close > w.Open {
					t.Fatalf("window %q does not parse: %v", text, perr)
				}
			}
		}
		if err != nil {
			if !errors.Is(err, servicehours.ErrInvalidCalendar) {
				t.Fatalf("error %v does not wrap ErrInvalidCalendar", err)
			}
			return
		}
		s, err := servicehours.New(cal)
		if err != nil {
			t.Fatalf("New rejected a valid calendar: %v", err)
		}
		start := s.At(kpi.MustParseDate("2023-01-01").AddDays(int(startDay%730)), servicehours.Clock(startDay%1440))
		target := time.Duration(targetSec%(500*3600)) * time.Second
		d, err := s.Deadline(start, target, nil)
		if err != nil {
			t.Fatalf("Deadline: %v", err)
		}
		if got := s.Elapsed(start, d, nil); got != target {
			t.Fatalf("Elapsed(start, Deadline) = %v, want %v", got, target)
		}
		if day := kpi.LocalDate(d); s.IsWorkingDay(day) != (s.OpenTime(day) > 0) {
			t.Fatalf("IsWorkingDay(%s) disagrees with OpenTime %v", day, s.OpenTime(day))
		}
	})
}
