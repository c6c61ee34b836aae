package ticketclock

import (
	"slices"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

// Calendar is a named service-hours schedule, such as "LBH" (Europe/London,
// Monday to Friday 08:00-18:00, closed on bank holidays), that targets
// refer to by name. Build one with NewCalendar or NewVersionedCalendar; it
// is safe for concurrent use. The zero Calendar is not usable.
type Calendar struct {
	name  string
	sched *servicehours.Schedule
	froms []kpi.Date // the versions' dates, ascending; nil when not versioned
}

// NewCalendar validates cal and returns it as a calendar named name, in
// force on every date. It returns the problems cal.Validate reports.
func NewCalendar(name string, cal servicehours.Calendar) (*Calendar, error) {
	s, err := servicehours.New(cal)
	if err != nil {
		return nil, err
	}
	return &Calendar{name: name, sched: s}, nil
}

// NewVersionedCalendar validates v and returns it as a calendar named
// name that follows the version in force on each date; results name the
// version applied. It returns the problems v.Validate reports.
func NewVersionedCalendar(name string, v servicehours.Versioned) (*Calendar, error) {
	s, err := servicehours.NewVersioned(v)
	if err != nil {
		return nil, err
	}
	froms := make([]kpi.Date, len(v))
	for i, x := range v {
		froms[i] = x.From
	}
	slices.SortFunc(froms, kpi.Date.Compare)
	return &Calendar{name: name, sched: s, froms: froms}, nil
}

// Name returns the calendar's name.
func (c *Calendar) Name() string { return c.name }

// Schedule returns the calendar's schedule.
func (c *Calendar) Schedule() *servicehours.Schedule { return c.sched }

// VersionAt returns the date from which the version in force at t has
// been in force, or the zero Date for a calendar that is not versioned or
// an instant before its first version.
func (c *Calendar) VersionAt(t time.Time) kpi.Date {
	if len(c.froms) == 0 {
		return kpi.Date{}
	}
	d := kpi.LocalDate(t.In(c.sched.Location()))
	var v kpi.Date
	for _, f := range c.froms {
		if f.After(d) {
			break
		}
		v = f
	}
	return v
}
