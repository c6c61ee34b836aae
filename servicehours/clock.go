package servicehours

import (
	"fmt"
	"strings"
)

// Clock is a local time of day in whole minutes since midnight, from 0
// (00:00) to 1440 (24:00). 24:00 is the end of a day and is meant as a
// window's close. Its text form is "08:00".
//
// The zero Clock is midnight, 00:00, a valid time of day. A Clock above
// 1440 is invalid: Valid reports it and calendar validation names it.
type Clock uint16

// Named clocks.
const (
	Midnight Clock = 0    // 00:00, the start of a day
	EndOfDay Clock = 1440 // 24:00, the end of a day
)

// ClockOf returns the clock hour:minute. It reports false unless hour is
// 0..23 and minute 0..59, or the time is exactly 24:00.
func ClockOf(hour, minute int) (Clock, bool) {
	if hour == 24 && minute == 0 {
		return EndOfDay, true
	}
	if hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, false
	}
	return Clock(hour*60 + minute), true
}

// ParseClock parses a clock written as "08:00": two-digit hour 00..24, a
// colon and two-digit minute 00..59; "24:00" is the only time in hour 24.
// Errors wrap ErrSyntax.
func ParseClock(s string) (Clock, error) {
	if s == "" {
		return 0, &Error{Where: "clock", Msg: "empty; want HH:MM", Err: ErrSyntax}
	}
	if len(s) != 5 || s[2] != ':' {
		return 0, &Error{Where: "clock", Input: s, Msg: "want HH:MM", Err: ErrSyntax}
	}
	h, ok1 := digits(s[:2])
	m, ok2 := digits(s[3:])
	if !ok1 || !ok2 {
		return 0, &Error{Where: "clock", Input: s, Msg: "want HH:MM", Err: ErrSyntax}
	}
	c, ok := ClockOf(h, m)
	if !ok {
		return 0, &Error{Where: "clock", Input: s, Msg: "outside 00:00..24:00", Err: ErrSyntax}
	}
	return c, nil
}

// MustParseClock is like ParseClock but panics if s is not a clock. It is
// meant for tests and examples with constant input.
func MustParseClock(s string) Clock {
	c, err := ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// Valid reports whether c is within 00:00..24:00.
func (c Clock) Valid() bool { return c <= EndOfDay }

// Hour returns c's hour, 0..24.
func (c Clock) Hour() int { return int(c) / 60 }

// Minute returns c's minute within the hour, 0..59.
func (c Clock) Minute() int { return int(c) % 60 }

// String returns c as "08:00". An invalid clock prints as "invalid
// clock 1500" with its minutes.
func (c Clock) String() string {
	if !c.Valid() {
		return fmt.Sprintf("invalid clock %d", uint16(c))
	}
	return string(c.appendTo(make([]byte, 0, 5)))
}

// AppendText appends c as "08:00" to b. It fails for an invalid clock.
func (c Clock) AppendText(b []byte) ([]byte, error) {
	if !c.Valid() {
		return b, &Error{Where: "clock", Msg: fmt.Sprintf("%d minutes outside 0..1440", uint16(c)), Err: ErrSyntax}
	}
	return c.appendTo(b), nil
}

// MarshalText returns c as "08:00". It fails for an invalid clock.
func (c Clock) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText parses text as ParseClock does.
func (c *Clock) UnmarshalText(text []byte) error {
	v, err := ParseClock(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

func (c Clock) appendTo(b []byte) []byte {
	h, m := c.Hour(), c.Minute()
	return append(b, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10))
}

// Window is a span of local clock time [Open, Close) within one day, such
// as 08:00-18:00: open at Open, closed again at Close. Close may be 24:00.
// A shift that runs past midnight is written as two windows on two days.
//
// The zero Window, 00:00-00:00, is empty and invalid in a calendar.
type Window struct {
	Open  Clock // first minute of service
	Close Clock // first minute after service; after Open
}

// ParseWindow parses a window written as "08:00-18:00". It checks each
// clock's syntax and that Close is after Open. Errors wrap ErrSyntax.
func ParseWindow(s string) (Window, error) {
	openText, closeText, ok := strings.Cut(s, "-")
	if s == "" {
		return Window{}, &Error{Where: "window", Msg: "empty; want HH:MM-HH:MM", Err: ErrSyntax}
	}
	if !ok {
		return Window{}, &Error{Where: "window", Input: s, Msg: "want HH:MM-HH:MM", Err: ErrSyntax}
	}
	o, err := ParseClock(openText)
	if err != nil {
		return Window{}, &Error{Where: "window", Input: s, Msg: "open: " + err.Error(), Err: ErrSyntax}
	}
	c, err := ParseClock(closeText)
	if err != nil {
		return Window{}, &Error{Where: "window", Input: s, Msg: "close: " + err.Error(), Err: ErrSyntax}
	}
	if c <= o {
		return Window{}, &Error{Where: "window", Input: s, Msg: "close not after open", Err: ErrSyntax}
	}
	return Window{Open: o, Close: c}, nil
}

// MustParseWindow is like ParseWindow but panics on error. It is meant for
// tests and examples with constant input.
func MustParseWindow(s string) Window {
	w, err := ParseWindow(s)
	if err != nil {
		panic(err)
	}
	return w
}

// String returns w as "08:00-18:00".
func (w Window) String() string { return w.Open.String() + "-" + w.Close.String() }

// AppendText appends w as "08:00-18:00" to b. It fails if either clock is
// invalid.
func (w Window) AppendText(b []byte) ([]byte, error) {
	b, err := w.Open.AppendText(b)
	if err != nil {
		return b, err
	}
	return w.Close.AppendText(append(b, '-'))
}

// MarshalText returns w as "08:00-18:00".
func (w Window) MarshalText() ([]byte, error) { return w.AppendText(nil) }

// UnmarshalText parses text as ParseWindow does.
func (w *Window) UnmarshalText(text []byte) error {
	v, err := ParseWindow(string(text))
	if err != nil {
		return err
	}
	*w = v
	return nil
}
