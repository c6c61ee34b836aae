// The options every monthly rule shares, and the months as periods.

package measure

import (
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
)

// monthProblems checks what every monthly rule needs: a KPI id (in
// option field), a zone whose local months are the periods, and a
// precision. It returns the zone, nil if it is not valid.
func monthProblems(ps *problem.List, field, id, zone string, p kpi.Precision) *time.Location {
	if id == "" {
		ps.Option(field, "empty")
	}
	ps.Precision(p)
	return ps.Zone("zone", zone)
}

// validate returns the problems a rule's problems method records,
// joined; nil when there are none.
func validate[T any](problems func(*problem.List) T) error {
	ps := &problem.List{}
	problems(ps)
	return ps.Err()
}

// measuring checks what a measure is given before it measures month: the
// rule (its problems, which give the zone of its months) and the records
// (the kind's own check, records). It returns the month's period, or every
// problem.
func measuring(month kpi.Month, problems func(*problem.List) *time.Location, records error) (period, error) {
	ps := &problem.List{}
	per := periodFor(ps, month, problems(ps))
	ps.Merge(records)
	return per, ps.Err()
}

// periodFor checks that month is set and returns it as a period in loc;
// the period is valid only when ps has no problems.
func periodFor(ps *problem.List, month kpi.Month, loc *time.Location) period {
	if month.IsZero() {
		ps.Option("month", "not set")
	}
	if loc == nil || month.IsZero() {
		return period{}
	}
	return periodOf(month, loc)
}

// ticketAttributionProblems checks a ticket attribution that must be
// resolved-in-period or logged-in-period.
func ticketAttributionProblems(ps *problem.List, a Attribution) {
	want := ResolvedInPeriod.String() + ", " + LoggedInPeriod.String()
	switch a {
	case ResolvedInPeriod, LoggedInPeriod:
	case 0:
		ps.Option("attribution", "not set (want one of %s)", want)
	default:
		ps.Option("attribution", "%s (want one of %s)", a, want)
	}
}

func kindsProblems(ps *problem.List, kinds []string) {
	ps.Names("kinds", "the ticket kinds measured, such as incident", kinds)
}

// period is a local month as instants [start, end).
type period struct {
	start, end time.Time
}

// zone returns the zone whose local month p is.
func (p period) zone() *time.Location { return p.start.Location() }

func periodOf(m kpi.Month, loc *time.Location) period {
	start := time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, loc)
	next := m.AddMonths(1)
	return period{start: start, end: time.Date(next.Year(), next.Month(), 1, 0, 0, 0, 0, loc)}
}

func (p period) has(t time.Time) bool { return !t.IsZero() && !t.Before(p.start) && t.Before(p.end) }
