package kpi

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Date is a civil calendar date, such as 7 April 2023, with no time of day
// and no location: a bank holiday, the day a mitigation was agreed, a
// calendar version's first day. It is a small comparable value beside
// Month, usable as a map key and ordered with Compare, Before and After.
// Years run from 1 to 9999. Its Month is d.In().
//
// The zero Date is not a valid date: IsZero reports it, String prints
// "<none>" and MarshalText writes empty text.
type Date struct {
	year  int16
	month uint8
	day   uint8
}

// DateOf returns the date day month year. It reports the zero Date if year
// is outside 1..9999 or the month or day does not exist; it never
// normalises 31 April to 1 May.
func DateOf(year int, month time.Month, day int) Date {
	if year < 1 || year > 9999 || month < time.January || month > time.December ||
		day < 1 || day > daysIn(year, month) {
		return Date{}
	}
	return Date{year: int16(year), month: uint8(month), day: uint8(day)}
}

// LocalDate returns the date of t in t's own location.
func LocalDate(t time.Time) Date {
	y, m, d := t.Date()
	return DateOf(y, m, d)
}

// ErrDate is wrapped by every error from ParseDate and
// Date.UnmarshalText, each a *DateError.
var ErrDate = errors.New("not a date")

// DateError is the error of ParseDate and Date.UnmarshalText: the text
// given and what is wrong with it. It unwraps to ErrDate; its message is
// the text and the problem only:
//
//	date "2023-02-29": no such date
//	date "07/04/2023": want YYYY-MM-DD
//	date: empty; want YYYY-MM-DD
type DateError struct {
	Input string // the text given; empty when it was empty
	Msg   string // what is wrong, lower case
}

// Error returns `date "input": msg`, or `date: msg` for empty text.
func (e *DateError) Error() string {
	if e.Input == "" {
		return "date: " + e.Msg
	}
	return "date " + strconv.Quote(e.Input) + ": " + e.Msg
}

// Unwrap returns ErrDate.
func (e *DateError) Unwrap() error { return ErrDate }

// ParseDate parses a date written as "2023-04-07": a four-digit year, a
// two-digit month and a two-digit day, separated by hyphens. Its errors
// are *DateError values wrapping ErrDate.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, &DateError{Msg: "empty; want YYYY-MM-DD"}
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, &DateError{Input: s, Msg: "want YYYY-MM-DD"}
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, &DateError{Input: s, Msg: "want YYYY-MM-DD"}
	}
	dt := DateOf(y, time.Month(m), d)
	if dt.IsZero() {
		return Date{}, &DateError{Input: s, Msg: "no such date"}
	}
	return dt, nil
}

// MustParseDate is like ParseDate but panics if s is not a date. It is
// meant for tests and examples with constant input.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Year returns d's year, or 0 for the zero Date.
func (d Date) Year() int { return int(d.year) }

// Month returns d's month, or 0 for the zero Date.
func (d Date) Month() time.Month { return time.Month(d.month) }

// Day returns d's day of the month, or 0 for the zero Date.
func (d Date) Day() int { return int(d.day) }

// In returns the Month d falls in: 2021-06 for 2021-06-10. The zero Date
// is in the zero Month.
func (d Date) In() Month { return MonthOf(int(d.year), time.Month(d.month)) }

// Equal reports whether d and u are the same date. It is the same as
// d == u, and lets go-cmp compare structs holding Dates.
func (d Date) Equal(u Date) bool { return d == u }

// Weekday returns d's day of the week. The zero Date has none and reports
// time.Sunday.
func (d Date) Weekday() time.Weekday {
	if d.IsZero() {
		return time.Sunday
	}
	// 1970-01-01 was a Thursday.
	return time.Weekday(mod(d.days()+4, 7))
}

// AddDays returns the date n days after d (before it when n is negative).
// It returns the zero Date if d is zero or the result is outside years
// 1..9999.
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return Date{}
	}
	return dateFromDays(d.days() + int64(n))
}

// Sub returns the number of days from u to d: d.Sub(u) is n when
// u.AddDays(n) == d. Both dates must be valid.
func (d Date) Sub(u Date) int { return int(d.days() - u.days()) }

// Compare returns -1 if d is before u, 0 if they are equal and +1 if d is
// after u. The zero Date is before every valid date.
func (d Date) Compare(u Date) int {
	switch {
	case d.year != u.year:
		return cmp.Compare(int(d.year), int(u.year))
	case d.month != u.month:
		return cmp.Compare(int(d.month), int(u.month))
	default:
		return cmp.Compare(int(d.day), int(u.day))
	}
}

// Before reports whether d is before u.
func (d Date) Before(u Date) bool { return d.Compare(u) < 0 }

// After reports whether d is after u.
func (d Date) After(u Date) bool { return d.Compare(u) > 0 }

// String returns d as "2023-04-07", or "<none>" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return "<none>"
	}
	return string(d.appendTo(make([]byte, 0, 10)))
}

// AppendText appends d as "2023-04-07" to b; the zero Date appends nothing.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.IsZero() {
		return b, nil
	}
	return d.appendTo(b), nil
}

// MarshalText returns d as "2023-04-07"; the zero Date marshals to empty
// text.
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText parses text as ParseDate does; empty text gives the zero
// Date.
func (d *Date) UnmarshalText(text []byte) error { return unmarshalText(d, text, ParseDate) }

// unmarshalText sets *v to text as parse reads it, or to the zero value
// when text is empty: the UnmarshalText of Date and Month.
func unmarshalText[T any](v *T, text []byte, parse func(string) (T, error)) error {
	if len(text) == 0 {
		var zero T
		*v = zero
		return nil
	}
	p, err := parse(string(text))
	if err != nil {
		return err
	}
	*v = p
	return nil
}

func (d Date) appendTo(b []byte) []byte {
	return fmt.Appendf(b, "%04d-%02d-%02d", d.year, d.month, d.day)
}

// days returns the number of days from 1970-01-01 to d.
func (d Date) days() int64 {
	// Howard Hinnant's days_from_civil.
	y := int64(d.year)
	m := int64(d.month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateFromDays is the inverse of Date.days; it returns the zero Date
// outside years 1..9999.
func dateFromDays(z int64) Date {
	// Howard Hinnant's civil_from_days.
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	if y < 1 || y > 9999 {
		return Date{}
	}
	return Date{year: int16(y), month: uint8(m), day: uint8(d)}
}

func daysIn(year int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	default:
		return 31
	}
}

func mod(a, n int64) int64 {
	r := a % n
	if r < 0 {
		r += n
	}
	return r
}
