package plan

import (
	"fmt"
	"strings"
	"time"

	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
)

// CalendarSpec defines a named calendar of a plan as data: an IANA zone
// and, either directly or as Versions each in force from a date, weekly
// windows, closed dates (listed, or a GOV.UK bank holidays file's
// division, or both) and overrides.
//
// The zero CalendarSpec is invalid: it has no name, zone or windows.
type CalendarSpec struct {
	Name string `yaml:"name"` // the name targets and services give it
	Zone string `yaml:"zone"` // the IANA zone the windows are read in, such as Europe/London

	Hours `yaml:",inline"` // the calendar's hours; empty when Versions are given

	// Versions, when given, are the calendar's history, each in force
	// from its date; the hours are then given only in the versions.
	Versions []CalendarVersion `yaml:"versions"`
}

// Hours are a calendar's open hours: the weekly windows, the dates
// closed and the dates whose windows differ.
type Hours struct {
	Weekly       WeekSpec       `yaml:"weekly"`        // the open windows of each weekday
	Closed       []kpi.Date     `yaml:"closed"`        // dates closed, such as a council's own closure days
	BankHolidays *BankHolidays  `yaml:"bank-holidays"` // optional: a bank holidays file's dates, closed too
	Overrides    []OverrideSpec `yaml:"overrides"`     // dates whose windows differ from the week's
}

// CalendarVersion is a calendar's hours in force from a local date.
type CalendarVersion struct {
	From  kpi.Date `yaml:"from"` // the first local date the version is in force
	Hours `yaml:",inline"`
}

// WeekSpec holds the open windows of each weekday, such as 08:00-18:00;
// a day not given is closed.
type WeekSpec struct {
	Monday    []servicehours.Window `yaml:"monday"`    // Monday's open windows
	Tuesday   []servicehours.Window `yaml:"tuesday"`   // Tuesday's open windows
	Wednesday []servicehours.Window `yaml:"wednesday"` // Wednesday's open windows
	Thursday  []servicehours.Window `yaml:"thursday"`  // Thursday's open windows
	Friday    []servicehours.Window `yaml:"friday"`    // Friday's open windows
	Saturday  []servicehours.Window `yaml:"saturday"`  // Saturday's open windows
	Sunday    []servicehours.Window `yaml:"sunday"`    // Sunday's open windows
}

// BankHolidays names a division of a bank holidays file in the shape
// GOV.UK publishes (https://www.gov.uk/bank-holidays.json). Both fields
// are required.
type BankHolidays struct {
	File     string `yaml:"file"`     // the file's path, relative to the plan file
	Division string `yaml:"division"` // england-and-wales, scotland or northern-ireland
}

// OverrideSpec replaces the weekly windows on one date; no windows
// closes it.
type OverrideSpec struct {
	Date    kpi.Date              `yaml:"date"`    // the local date overridden
	Windows []servicehours.Window `yaml:"windows"` // its open windows; none closes it
}

func (w WeekSpec) week() servicehours.Week {
	var out servicehours.Week
	out[time.Monday], out[time.Tuesday], out[time.Wednesday] = w.Monday, w.Tuesday, w.Wednesday
	out[time.Thursday], out[time.Friday], out[time.Saturday], out[time.Sunday] = w.Thursday, w.Friday, w.Saturday, w.Sunday
	return out
}

func (h Hours) empty() bool {
	for _, ws := range h.Weekly.week() {
		if len(ws) > 0 {
			return false
		}
	}
	return len(h.Closed) == 0 && h.BankHolidays == nil && len(h.Overrides) == 0
}

// calendar returns h as a calendar in loc, closed also on holidays.
func (h Hours) calendar(loc *time.Location, holidays []kpi.Date) servicehours.Calendar {
	c := servicehours.Calendar{Location: loc, Weekly: h.Weekly.week(), Closed: append(append([]kpi.Date(nil), h.Closed...), holidays...)}
	for _, o := range h.Overrides {
		c.Overrides = append(c.Overrides, servicehours.Override{Date: o.Date, Windows: o.Windows})
	}
	return c
}

// Validate reports every problem with c that can be found without
// reading its bank holidays file: no name; a zone that is not an IANA
// zone; hours given both directly and in versions, or in neither; a bank
// holidays file or division missing; and each servicehours problem (a
// week with no windows, windows that overlap, a date overridden twice,
// versions from one date). Problems wrap record.ErrInvalidOptions.
func (c CalendarSpec) Validate() error {
	ps := &problem.List{}
	c.problems(ps)
	return ps.Err()
}

func (c CalendarSpec) problems(ps *problem.List) {
	if c.Name == "" {
		ps.Option("name", "empty")
	}
	loc := ps.Zone("zone", c.Zone)
	if loc == nil {
		loc = time.UTC // so that the hours can still be checked
	}
	hours := func(prefix string, h Hours) {
		if b := h.BankHolidays; b != nil {
			if b.File == "" {
				ps.Option(problem.JoinField(prefix, "bank-holidays.file"), "empty (want the path of a GOV.UK bank holidays file)")
			}
			if b.Division == "" {
				ps.Option(problem.JoinField(prefix, "bank-holidays.division"), "empty (want england-and-wales, scotland or northern-ireland)")
			}
		}
	}
	switch {
	case len(c.Versions) > 0 && !c.Hours.empty():
		ps.Option("versions", "given with hours outside the versions (give the hours in each version only)")
	case len(c.Versions) > 0:
		var v servicehours.Versioned
		for i, x := range c.Versions {
			hours(fmt.Sprintf("versions[%d]", i), x.Hours)
			v = append(v, servicehours.Version{From: x.From, Calendar: x.calendar(loc, nil)})
		}
		calendarProblems(ps, "versions", v.Validate())
	default:
		hours("", c.Hours)
		calendarProblems(ps, "", c.Hours.calendar(loc, nil).Validate())
	}
}

// calendarProblems adds the servicehours problems in err under field.
func calendarProblems(ps *problem.List, field string, err error) {
	for _, e := range problem.Errors(err) {
		if se, ok := e.(*servicehours.Error); ok {
			f := problem.JoinField(field, strings.Replace(se.Where, "weekly ", "weekly.", 1))
			if se.Input != "" {
				ps.AddText(problem.Pos{}, "", f, se.Input, se.Msg, problem.ErrInvalidOptions)
			} else {
				ps.Option(f, "%s", se.Msg)
			}
			continue
		}
		ps.Option(field, "%s", e.Error())
	}
}

// Build returns the calendar c defines. readFile reads a bank holidays
// file by the path the plan gives (resolving it against the plan file's
// directory is the caller's). It fails with the problems Validate reports
// and, wrapping record.ErrInvalidOptions, a file that cannot be read or is not a
// GOV.UK bank holidays file with the division.
func (c CalendarSpec) Build(readFile func(path string) ([]byte, error)) (*ticketclock.Calendar, error) {
	ps := &problem.List{}
	c.problems(ps)
	if !ps.OK() {
		return nil, ps.Err()
	}
	loc, _ := time.LoadLocation(c.Zone)
	holidays := func(field string, b *BankHolidays) []kpi.Date {
		if b == nil {
			return nil
		}
		data, err := readFile(b.File)
		if err != nil {
			ps.AddText(problem.Pos{}, "", problem.JoinField(field, "bank-holidays.file"), b.File, "cannot read: "+placed.Cause(err).Error(), problem.ErrInvalidOptions)
			return nil
		}
		dates, err := servicehours.ParseBankHolidays(data, b.Division)
		if err != nil {
			for _, e := range problem.Errors(err) {
				ps.AddText(problem.Pos{}, "", problem.JoinField(field, "bank-holidays"), b.File, e.Error(), problem.ErrInvalidOptions)
			}
		}
		return dates
	}
	var cal *ticketclock.Calendar
	var err error
	if len(c.Versions) > 0 {
		var v servicehours.Versioned
		for i, x := range c.Versions {
			v = append(v, servicehours.Version{From: x.From, Calendar: x.calendar(loc, holidays(fmt.Sprintf("versions[%d]", i), x.BankHolidays))})
		}
		if ps.OK() {
			cal, err = ticketclock.NewVersionedCalendar(c.Name, v)
		}
	} else {
		h := c.Hours.calendar(loc, holidays("", c.BankHolidays))
		if ps.OK() {
			cal, err = ticketclock.NewCalendar(c.Name, h)
		}
	}
	calendarProblems(ps, "", err)
	if !ps.OK() {
		return nil, ps.WithRecord("calendar " + fmt.Sprintf("%q", c.Name)).Err()
	}
	return cal, nil
}

// BuildCalendars builds every calendar of p (CalendarSpec.Build),
// reporting every problem of every calendar.
func (p *Plan) BuildCalendars(readFile func(path string) ([]byte, error)) ([]*ticketclock.Calendar, error) {
	ps := &problem.List{}
	var out []*ticketclock.Calendar
	for i, c := range p.Calendars {
		cal, err := c.Build(readFile)
		if err != nil {
			sub := &problem.List{}
			sub.Merge(err)
			ps.Under(fmt.Sprintf("calendars[%d]", i), sub)
			continue
		}
		out = append(out, cal)
	}
	if !ps.OK() {
		return nil, ps.Err()
	}
	return out, nil
}
