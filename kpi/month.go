package kpi

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month, such as June 2021. It is a small comparable
// value, usable as a map key and ordered with Compare, Before and After.
//
// The zero Month is not a valid month: IsZero reports it, String prints
// "<none>" and MarshalText writes empty text.
type Month struct {
	n int32 // year*12 + month-1, plus one so that the zero value is invalid
}

// ErrMonth is wrapped by every error from ParseMonth and
// Month.UnmarshalText.
var ErrMonth = errors.New("not a month")

// MonthOf returns the month m of year. It reports the zero Month if year is
// outside 1..9999 or m is outside January..December.
func MonthOf(year int, m time.Month) Month {
	if year < 1 || year > 9999 || m < time.January || m > time.December {
		return Month{}
	}
	return Month{n: int32(year*12+int(m)-1) + 1}
}

// ParseMonth parses a month written as "2021-06" (ISO 8601) or as the
// performance packs print it, "Jun-21" (three-letter English month name in
// any case, a hyphen, and a two-digit year). A two-digit year yy is the year
// 20yy: packs of this kind date from 2000 onwards.
func ParseMonth(s string) (Month, error) {
	if m, ok := parseISOMonth(s); ok {
		return m, nil
	}
	if m, ok := parsePackMonth(s); ok {
		return m, nil
	}
	return Month{}, fmt.Errorf("month %q (want 2021-06 or Jun-21): %w", s, ErrMonth)
}

// MustParseMonth is like ParseMonth but panics if s is not a month. It is
// meant for tests and examples with constant input.
func MustParseMonth(s string) Month {
	m, err := ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

func parseISOMonth(s string) (Month, bool) {
	if len(s) != 7 || s[4] != '-' {
		return Month{}, false
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[5:])
	if !ok1 || !ok2 {
		return Month{}, false
	}
	mo := MonthOf(y, time.Month(m))
	return mo, !mo.IsZero()
}

var monthAbbrev = [12]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func parsePackMonth(s string) (Month, bool) {
	if len(s) != 6 || s[3] != '-' {
		return Month{}, false
	}
	y, ok := digits(s[4:])
	if !ok {
		return Month{}, false
	}
	name := strings.ToLower(s[:3])
	for i, a := range monthAbbrev {
		if a == name {
			return MonthOf(2000+y, time.Month(i+1)), true
		}
	}
	return Month{}, false
}

// digits parses a string made only of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m.n == 0 }

// Year returns the year of m, or 0 for the zero Month.
func (m Month) Year() int {
	if m.n == 0 {
		return 0
	}
	return int(m.n-1) / 12
}

// Month returns the month of the year of m, or 0 for the zero Month.
func (m Month) Month() time.Month {
	if m.n == 0 {
		return 0
	}
	return time.Month(int(m.n-1)%12 + 1)
}

// AddMonths returns m plus n months (n may be negative). Adding to the zero
// Month gives the zero Month, as does a result outside years 1..9999.
func (m Month) AddMonths(n int) Month {
	if m.n == 0 {
		return Month{}
	}
	v := int(m.n) + n
	if v < 1*12+1 || v > 9999*12+12 {
		return Month{}
	}
	return Month{n: int32(v)}
}

// Sub returns the number of months from u to m: m.Sub(u) is 1 when m is the
// month after u.
func (m Month) Sub(u Month) int { return int(m.n) - int(u.n) }

// Compare returns -1 if m is before u, 0 if they are the same month and +1
// if m is after u. The zero Month sorts before every valid month.
func (m Month) Compare(u Month) int {
	switch {
	case m.n < u.n:
		return -1
	case m.n > u.n:
		return 1
	}
	return 0
}

// Before reports whether m is before u.
func (m Month) Before(u Month) bool { return m.n < u.n }

// After reports whether m is after u.
func (m Month) After(u Month) bool { return m.n > u.n }

// String returns m as "2021-06", or "<none>" for the zero Month.
func (m Month) String() string {
	if m.n == 0 {
		return "<none>"
	}
	return string(m.AppendISO(nil))
}

// Pack returns m as performance packs print it: "Jun-21". The zero Month
// gives "".
func (m Month) Pack() string {
	if m.n == 0 {
		return ""
	}
	a := monthAbbrev[m.Month()-1]
	return fmt.Sprintf("%s%s-%02d", strings.ToUpper(a[:1]), a[1:], m.Year()%100)
}

// AppendISO appends the "2021-06" form of m to b; nothing for the zero Month.
func (m Month) AppendISO(b []byte) []byte {
	if m.n == 0 {
		return b
	}
	y := m.Year()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	mo := int(m.Month())
	return append(b, byte('0'+mo/10), byte('0'+mo%10))
}

// AppendText implements encoding.TextAppender with the "2021-06" form; the
// zero Month appends nothing.
func (m Month) AppendText(b []byte) ([]byte, error) { return m.AppendISO(b), nil }

// MarshalText implements encoding.TextMarshaler with the "2021-06" form; the
// zero Month marshals to empty text.
func (m Month) MarshalText() ([]byte, error) { return m.AppendISO(nil), nil }

// UnmarshalText implements encoding.TextUnmarshaler, accepting what
// ParseMonth accepts; empty text gives the zero Month.
func (m *Month) UnmarshalText(b []byte) error { return unmarshalText(m, b, ParseMonth) }

// Equal reports whether m and u are the same month. It is the same as
// m == u, and lets go-cmp compare structs holding Months.
func (m Month) Equal(u Month) bool { return m == u }
