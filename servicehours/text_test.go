package servicehours_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/servicecredit/engine/servicehours"
)

// syntaxError checks that err is the error want describes: none when want
// is empty, else one that says want and wraps ErrSyntax. It reports
// whether an error was wanted.
func syntaxError(t *testing.T, err error, want string) bool {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("error %v, want none", err)
		}
		return false
	}
	if err == nil || err.Error() != want || !errors.Is(err, servicehours.ErrSyntax) {
		t.Fatalf("error %v, want %s wrapping ErrSyntax", err, want)
	}
	return true
}

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
			if syntaxError(t, err, tt.err) {
				return
			}
			if got != tt.want {
				t.Fatalf("ParseClock(%q) = %d; want %d", tt.in, got, tt.want)
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
			if syntaxError(t, err, tt.err) {
				return
			}
			if w.String() != tt.in {
				t.Fatalf("ParseWindow(%q) = %v", tt.in, w)
			}
		})
	}
}
