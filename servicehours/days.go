package servicehours

import (
	"time"

	"github.com/servicecredit/engine/kpi"
)

// epoch is 1970-01-01, day 0 of the day numbers the schedule indexes by;
// it never changes.
var epoch = kpi.DateOf(1970, time.January, 1)

// days returns the number of days from 1970-01-01 to d.
func days(d kpi.Date) int64 { return int64(d.Sub(epoch)) }

// dateFromDays is the inverse of days; it returns the zero kpi.Date outside
// years 1..9999.
func dateFromDays(n int64) kpi.Date { return epoch.AddDays(int(n)) }

// digits parses s as a non-empty run of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
