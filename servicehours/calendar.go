package servicehours

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
)

// Week holds the weekly windows of a calendar, indexed by time.Weekday:
// Week[time.Monday] are Monday's windows. A day may have several windows in
// any order; they must not overlap, though one may close when the next
// opens. A day with no windows is closed; the zero Week is closed every day.
type Week [7][]Window

// Override replaces a calendar's weekly windows on one date, such as
// Christmas Eve open 08:00-13:00. An Override with no windows closes the
// date. The zero Override is invalid: it has no date.
type Override struct {
	Date    kpi.Date // the local date overridden
	Windows []Window // its open windows; none closes the date
}

// Calendar defines service hours: when, in local clock time, a service is
// open. On each date its open windows are, in order of precedence:
//
//  1. the date's Override, if it has one;
//  2. none, if the date is in Closed or ClosedIf reports it;
//  3. the Weekly windows of the date's weekday.
//
// An Override thus wins over a holiday: it is the most specific statement
// about a date. Closed is a set; a date listed twice is closed once.
//
// The zero Calendar is invalid: it has no Location and no windows. Build
// one as a struct literal, or start from TwentyFourSeven, and check it with
// Validate (New does).
type Calendar struct {
	// Location is the IANA time zone the windows are read in, such as
	// Europe/London. It is required; time.Local is refused because it
	// depends on the machine.
	Location *time.Location

	// Weekly is the normal week.
	Weekly Week

	// Closed lists dates with no service, such as bank holidays.
	Closed []kpi.Date

	// ClosedIf, when not nil, reports further dates with no service. It
	// must be a pure function: New calls it once per date as it needs
	// each year, from any goroutine.
	ClosedIf func(kpi.Date) bool

	// Overrides replace the weekly windows on single dates.
	Overrides []Override
}

// Weekdays returns a week open during windows on Monday to Friday and
// closed at the weekend, as office hours are: Weekdays(08:00-18:00).
func Weekdays(windows ...Window) Week {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = slices.Clone(windows)
	}
	return w
}

// TwentyFourSeven returns a calendar open 00:00-24:00 every day in loc.
func TwentyFourSeven(loc *time.Location) Calendar {
	var w Week
	for d := range w {
		w[d] = []Window{{Open: Midnight, Close: EndOfDay}}
	}
	return Calendar{Location: loc, Weekly: w}
}

// Validate reports every problem with c: a missing or machine-local
// Location; a window whose clocks are outside 00:00..24:00, whose close is
// not after its open, or that overlaps another window of the same day; a
// week with no windows at all; a zero date in Closed or Overrides; two
// overrides for one date. The problems are sorted by message, joined with
// errors.Join, and each wraps ErrInvalidCalendar.
func (c Calendar) Validate() error { return joined.Sorted(c.problems("")) }

func (c Calendar) problems(prefix string) []*Error {
	var errs []*Error
	add := func(where, msg string) {
		errs = append(errs, &Error{Where: prefix + where, Msg: msg, Err: ErrInvalidCalendar})
	}
	switch {
	case c.Location == nil:
		add("location", "missing; name an IANA zone such as Europe/London")
	case c.Location.String() == "":
		add("location", "unnamed; name an IANA zone such as Europe/London")
	case c.Location == time.Local || c.Location.String() == "Local":
		add("location", "machine-local time is not allowed; name an IANA zone such as Europe/London")
	}
	open := false
	for d, ws := range c.Weekly {
		name := "weekly " + strings.ToLower(time.Weekday(d).String())
		for _, msg := range windowProblems(ws) {
			add(name, msg)
		}
		open = open || len(ws) > 0
	}
	if !open {
		add("weekly", "no windows on any day")
	}
	for i, d := range c.Closed {
		if d.IsZero() {
			add(fmt.Sprintf("closed[%d]", i), "zero date")
		}
	}
	seen := make(map[kpi.Date]bool, len(c.Overrides))
	for i, o := range c.Overrides {
		if o.Date.IsZero() {
			add(fmt.Sprintf("overrides[%d]", i), "zero date")
			continue
		}
		name := "override " + o.Date.String()
		if seen[o.Date] {
			add(name, "date overridden twice")
		}
		seen[o.Date] = true
		for _, msg := range windowProblems(o.Windows) {
			add(name, msg)
		}
	}
	return errs
}

// windowProblems describes what is wrong with one day's windows.
func windowProblems(ws []Window) []string {
	var msgs []string
	good := make([]Window, 0, len(ws))
	for i, w := range ws {
		switch {
		case !w.Open.Valid() || !w.Close.Valid():
			msgs = append(msgs, fmt.Sprintf("window %d: clock outside 00:00..24:00 (open %d, close %d minutes)", i, uint16(w.Open), uint16(w.Close)))
		case w.Close <= w.Open:
			msgs = append(msgs, fmt.Sprintf("window %d: close %s not after open %s", i, w.Close, w.Open))
		default:
			good = append(good, w)
		}
	}
	slices.SortFunc(good, func(a, b Window) int { return int(a.Open) - int(b.Open) })
	for i := 1; i < len(good); i++ {
		if good[i].Open < good[i-1].Close {
			msgs = append(msgs, fmt.Sprintf("windows %s and %s overlap", good[i-1], good[i]))
		}
	}
	return msgs
}

// Version is a calendar in force from a local date until the next
// version's date. The zero Version is invalid: it has no date.
type Version struct {
	From     kpi.Date // the first local date on which Calendar is in force
	Calendar Calendar // the calendar in force from From
}

// Versioned is the history of a calendar: each version in force from its
// date, so that a month already measured never changes when the calendar
// is edited later. The versions may be listed in any order. Before the
// earliest version's date no calendar is in force and a service built from
// it is closed.
//
// The zero Versioned is invalid: it has no versions.
type Versioned []Version

// InForce returns the version in force on local date d: the one with the
// latest From on or before d. It reports false if d is before every
// version.
func (v Versioned) InForce(d kpi.Date) (Calendar, bool) {
	best := -1
	for i, x := range v {
		if !x.From.After(d) && (best < 0 || x.From.After(v[best].From)) {
			best = i
		}
	}
	if best < 0 {
		return Calendar{}, false
	}
	return v[best].Calendar, true
}

// Validate reports every problem with v: no versions, a zero From, two
// versions from one date, versions in different locations, and every
// problem of each calendar, prefixed with its version's date. The problems
// are sorted by message, joined with errors.Join, and each wraps
// ErrInvalidCalendar.
func (v Versioned) Validate() error { return joined.Sorted(v.problems()) }

func (v Versioned) problems() []*Error {
	var errs []*Error
	if len(v) == 0 {
		return []*Error{{Where: "versions", Msg: "none", Err: ErrInvalidCalendar}}
	}
	seen := make(map[kpi.Date]bool, len(v))
	var loc *time.Location
	for i, x := range v {
		prefix := fmt.Sprintf("version %s: ", x.From)
		if x.From.IsZero() {
			prefix = fmt.Sprintf("versions[%d]: ", i)
			errs = append(errs, &Error{Where: fmt.Sprintf("versions[%d]", i), Msg: "zero from date", Err: ErrInvalidCalendar})
		} else if seen[x.From] {
			errs = append(errs, &Error{Where: "version " + x.From.String(), Msg: "two versions from one date", Err: ErrInvalidCalendar})
		}
		seen[x.From] = true
		errs = append(errs, x.Calendar.problems(prefix)...)
		if l := x.Calendar.Location; l != nil {
			if loc == nil {
				loc = l
			} else if l.String() != loc.String() {
				errs = append(errs, &Error{Where: strings.TrimSuffix(prefix, ": ") + ": location", Input: l.String(),
					Msg: fmt.Sprintf("differs from %q; all versions share one location", loc.String()), Err: ErrInvalidCalendar})
			}
		}
	}
	return errs
}
