package pack

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/servicecredit/engine/internal/nearest"
	"github.com/servicecredit/engine/kpi"
)

// PeriodKind says what a heading on a table's period axis names: a
// month, a total over months, or the target. The zero PeriodKind is
// invalid.
type PeriodKind uint8

// The kinds of period heading.
const (
	OneMonth   PeriodKind = iota + 1 // a month: "APR-16", "Jun-21", "2016-04", "Yr 7 Jun-21"
	Quarter                          // a quarter's total: "Q1", "Q1 16/17", "Qtr 2", "Quarter 3"
	YearToDate                       // the year to date: "YTD", "Year to date"
	Year                             // a year's total: "Year", "Yr 7", "2016/17", "FY 2016/17", "Annual"
	Total                            // a total: "Total"
	GrandTotal                       // the table's grand total: "Grand Total"
	TSL                              // the target: "Target", "TSL"
	MSL                              // the minimum: "MSL", "Minimum"
	Unknown                          // a heading not understood; its cells are not read as values
)

var periodWords = []string{"period kind", "month", "quarter", "year-to-date", "year", "total", "grand-total", "target", "minimum", "unknown"}

// String returns "month", "quarter", "year-to-date", "year", "total",
// "grand-total", "target", "minimum" or "unknown".
func (k PeriodKind) String() string {
	if k >= OneMonth && k <= Unknown {
		return periodWords[k]
	}
	return fmt.Sprintf("period kind(%d)", k)
}

// IsTotal reports whether k is a total over months: a quarter, the year
// to date, a year, a total or the grand total.
func (k PeriodKind) IsTotal() bool { return k >= Quarter && k <= GrandTotal }

// level orders the totals: a total covers the months back to the previous
// total of its level or above.
func (k PeriodKind) level() int {
	switch k {
	case Quarter:
		return 1
	case YearToDate, Year:
		return 2
	case Total:
		return 3
	case GrandTotal:
		return 4
	}
	return 0
}

// Period is one heading of a table's period axis: a column heading of a
// table with months as columns, or the first cell of a row of a table
// printed the other way round.
type Period struct {
	Kind    PeriodKind // a month, a total over months, a target, or a heading not understood
	Text    string     // as printed, trimmed
	Pos     Pos        // the heading's cell
	Month   kpi.Month  // OneMonth: the month the column is read as
	Printed kpi.Month  // OneMonth: the month as printed; differs from Month when the heading is out of sequence
	Year    int        // the contract year printed before a month or alone ("Yr 7"); 0 when none
	Covers  []int      // a total: the indices in the table's Periods of the months it covers, in order
}

var monthNames = map[string]time.Month{
	"jan": time.January, "january": time.January, "feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March, "apr": time.April, "april": time.April, "may": time.May,
	"jun": time.June, "june": time.June, "jul": time.July, "july": time.July, "aug": time.August,
	"august": time.August, "sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October, "nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

// ParseMonthHeading reads a month heading as packs print it: an optional
// contract year ("Yr 7 ", "Year 7 "), then "2016-04", or a month's English
// name or three-letter abbreviation ("Sept" too) in any case, a
// separator ("-", " " or "/") and a year of two digits (20yy) or four.
// It returns the month and the contract year printed (0 when none), and
// reports false when text is not a month heading.
func ParseMonthHeading(text string) (kpi.Month, int, bool) {
	s := nearest.Normal(text)
	year := 0
	for _, p := range []string{"yr ", "year ", "yr", "y"} {
		rest, ok := strings.CutPrefix(s, p)
		if !ok {
			continue
		}
		n, after, ok := leadingNumber(rest)
		if ok && strings.HasPrefix(after, " ") {
			year, s = n, strings.TrimSpace(after)
		}
		break
	}
	if m, err := kpi.ParseMonth(s); err == nil && len(s) == 7 {
		return m, year, true
	}
	i := strings.IndexAny(s, "- /")
	if i <= 0 {
		return kpi.Month{}, 0, false
	}
	name, yy := s[:i], strings.TrimSpace(s[i+1:])
	mo, ok := monthNames[name]
	if !ok || (len(yy) != 2 && len(yy) != 4) {
		return kpi.Month{}, 0, false
	}
	y, err := strconv.Atoi(yy)
	if err != nil || y < 0 || yy[0] == '+' || yy[0] == '-' {
		return kpi.Month{}, 0, false
	}
	if len(yy) == 2 {
		y += 2000
	}
	m := kpi.MonthOf(y, mo)
	return m, year, !m.IsZero()
}

// leadingNumber reads the whole number at the start of s, of up to four
// digits.
func leadingNumber(s string) (int, string, bool) {
	i := 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, s, false
	}
	n, _ := strconv.Atoi(s[:i])
	return n, s[i:], true
}

// parsePeriod reads a heading of the period axis. An empty heading is
// Unknown.
func parsePeriod(pos Pos, text string) Period {
	p := Period{Text: text, Pos: pos, Kind: Unknown}
	if m, year, ok := ParseMonthHeading(text); ok {
		p.Kind, p.Month, p.Printed, p.Year = OneMonth, m, m, year
		return p
	}
	s := strings.TrimSuffix(nearest.Normal(text), ":")
	switch s {
	case "target", "targets", "tsl", "target (tsl)", "target service level":
		p.Kind = TSL
		return p
	case "msl", "minimum", "min", "minimum service level":
		p.Kind = MSL
		return p
	case "ytd", "y-t-d", "year to date", "year-to-date", "fytd", "ytd total", "year to date total":
		p.Kind = YearToDate
		return p
	case "year", "annual", "full year", "year total", "annual total", "fy":
		p.Kind = Year
		return p
	case "total", "totals", "sum":
		p.Kind = Total
		return p
	case "grand total", "grand-total", "grand totals":
		p.Kind = GrandTotal
		return p
	}
	if quarter(s) {
		p.Kind = Quarter
		return p
	}
	if n, ok := contractYear(s); ok {
		p.Kind, p.Year = Year, n
		return p
	}
	if financialYear(s) {
		p.Kind = Year
	}
	return p
}

// quarter reports whether s is "q1" to "q4", "qtr 1", "quarter 1", with an
// optional year ("q1 16/17", "q1 2016/17") or "total" after it.
func quarter(s string) bool {
	for _, p := range []string{"quarter ", "quarter", "qtr ", "qtr", "q"} {
		rest, ok := strings.CutPrefix(s, p)
		if !ok {
			continue
		}
		if rest == "" || rest[0] < '1' || rest[0] > '4' {
			return false
		}
		rest = strings.TrimSpace(rest[1:])
		return rest == "" || rest == "total" || financialYear(rest) || yearDigits(rest)
	}
	return false
}

// contractYear reads "yr 7" or "year 7".
func contractYear(s string) (int, bool) {
	for _, p := range []string{"yr ", "year ", "yr"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			n, after, ok := leadingNumber(rest)
			after = strings.TrimSpace(after)
			return n, ok && (after == "" || after == "total")
		}
	}
	return 0, false
}

// financialYear reports whether s is a financial year: "2016/17",
// "2016/2017", "fy 2016/17", "fy2016/17", "fy 2016-17", "16/17".
func financialYear(s string) bool {
	s = strings.TrimSpace(strings.TrimPrefix(s, "fy"))
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		if a, b, ok = strings.Cut(s, "-"); !ok || len(a) != 4 {
			return false
		}
	}
	return (len(a) == 4 || len(a) == 2) && (len(b) == 2 || len(b) == 4) && yearDigits(a) && yearDigits(b)
}

func yearDigits(s string) bool {
	if len(s) != 2 && len(s) != 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
