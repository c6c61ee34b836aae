package measure

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/shopspring/decimal"
)

// Service is a service whose availability is measured.
type Service struct {
	Name     string `yaml:"name"`     // the service's name, as outages name it
	Calendar string `yaml:"calendar"` // its service hours: the agreed time
	Users    int    `yaml:"users"`    // its users, for user-minutes; zero otherwise
}

// AvailabilityRule says how outages make availability figures. Every
// field is required.
//
// The zero AvailabilityRule is invalid: Validate names every field not
// set.
type AvailabilityRule struct {
	KPI       string    `yaml:"kpi"`       // the contract's id of the KPI measured
	Org       string    `yaml:"org"`       // the Org of the measurements; may be empty for a single-organisation contract
	Services  []Service `yaml:"services"`  // the services measured
	Planned   Planned   `yaml:"planned"`   // how planned maintenance counts
	Minutes   Minutes   `yaml:"minutes"`   // how the month's minutes are counted
	Weighting Weighting `yaml:"weighting"` // how an outage's downtime is weighted
	// Combine says how the services' figures make one: pooled (their
	// agreed and down minutes summed), mean-of-percentages (the mean of
	// their unrounded availabilities), or none (no combined figure).
	Combine Pooling `yaml:"combine"`
	// Orgs, when not empty, asks for a figure per organisation: the
	// services combined as Combine says, down only for the outages that
	// affect it (the outage's Orgs). Optional.
	Orgs []string `yaml:"orgs"`
	// Unnamed says how an outage naming no organisation counts in the
	// per-organisation figures; required with Orgs, and only then.
	Unnamed   Unnamed       `yaml:"unnamed"`
	Precision kpi.Precision `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r AvailabilityRule) Validate() error {
	ps := &problem.List{}
	r.problems(ps)
	return ps.Err()
}

func (r AvailabilityRule) problems(ps *problem.List) {
	if r.KPI == "" {
		ps.Option("kpi", "empty")
	}
	if len(r.Services) == 0 {
		ps.Option("services", "none (want the services measured, each with its calendar)")
	}
	seen := map[string]bool{}
	for i, s := range r.Services {
		f := fmt.Sprintf("services[%d]", i)
		switch {
		case s.Name == "":
			ps.Option(f+".name", "empty")
		case seen[s.Name]:
			ps.Option(f+".name", "%q given twice", s.Name)
		}
		seen[s.Name] = true
		if s.Calendar == "" {
			ps.Option(f+".calendar", "empty (want the calendar of its service hours)")
		}
		if r.Weighting == UserMinutes && s.Users <= 0 {
			ps.Option(f+".users", "not positive (weighting is user-minutes: want the service's users)")
		}
	}
	if !plannedWords.Valid(r.Planned) {
		ps.Option("planned", "not set (want one of %s)", plannedWords.Join())
	}
	if !minutesWords.Valid(r.Minutes) {
		ps.Option("minutes", "not set (want one of %s)", minutesWords.Join())
	}
	if !weightingWords.Valid(r.Weighting) {
		ps.Option("weighting", "not set (want one of %s)", weightingWords.Join())
	}
	if !combineWords.Valid(r.Combine) {
		ps.Option("combine", "not set (want one of %s)", combineWords.Join())
	}
	if len(r.Orgs) > 0 {
		ps.Orgs(r.Orgs)
		if r.Combine == NoCombined && len(r.Services) > 1 {
			ps.Option("combine", "none with orgs and %d services: how does an organisation's figure combine the services? (want pooled or mean-of-percentages)", len(r.Services))
		}
		if !unnamedWords.Valid(r.Unnamed) {
			ps.Option("unnamed", "not set (orgs are given: want one of %s)", unnamedWords.Join())
		}
	} else if r.Unnamed != 0 {
		ps.Option("unnamed", "given although no orgs are")
	}
	ps.Precision(r.Precision)
}

// users returns the users of the rule's service named name.
func (r AvailabilityRule) users(name string) int {
	for _, s := range r.Services {
		if s.Name == name {
			return s.Users
		}
	}
	return 0
}

// affects reports whether outage o counts in org's figure.
func (r AvailabilityRule) affects(o *record.Outage, org string) bool {
	if len(o.Orgs) == 0 {
		return r.Unnamed == UnnamedAffectAll
	}
	return slices.Contains(o.Orgs, org)
}

// minutePlaces is the decimal places of minutes shown as evidence.
const minutePlaces = 4

// Availability derives month's availability of each service of r, the
// combined figure unless r.Combine is none, and each organisation's of
// r.Orgs, from outages. outages may be a whole export covering many
// services: the outages of r's services are selected, those of other
// services are not. cals are the calendars the services name. For each
// service:
//
//   - the agreed time is the open time of its calendar in the local month
//     (real elapsed time: a 24x7 London March has 44,580 minutes), or the
//     month's days x 1,440 minutes with minutes days-times-1440;
//   - outages are clipped to the month and to the service's open time;
//     overlapping outages count once, and an unplanned outage inside a
//     planned window counts as planned;
//   - planned maintenance is excluded from both sides, counted as down,
//     or ignored (left in the agreed time, not down), as r.Planned says;
//   - with a weighting, each minute counts the heaviest overlapping
//     outage's weight (or users affected over the service's users).
//
// The figures are each service's, in the order of r.Services; then the
// combined one, r.Org's: the services' agreed and down time summed
// (pooled), or the mean of their unrounded availabilities, those with no
// agreed time left out (mean-of-percentages); then, for each of r.Orgs,
// the organisation's: the services combined in the same way, down only
// for the outages affecting it (an outage naming no organisation affects
// all of them, or is an error, as r.Unnamed says), its Measurement.Org
// the organisation.
//
// The value is 100 x (agreed - down) / agreed, rounded once. A service
// with no agreed time in the month is not applicable. An outage of one of
// r's services naming an organisation not in r.Orgs is an error, when
// Orgs are given; excluded outages are listed, not counted.
//
// It fails with record.ErrInvalidOptions for an invalid rule or an unknown
// calendar, and with record.ErrInvalidRecord for invalid outages; on any
// problem it measures nothing.
func Availability(r AvailabilityRule, month kpi.Month, outages []record.Outage, cals ...*ticketclock.Calendar) ([]Figure, error) {
	ps := &problem.List{}
	r.problems(ps)
	if month.IsZero() {
		ps.Option("month", "not set")
	}
	byName := map[string]*ticketclock.Calendar{}
	for _, c := range cals {
		byName[c.Name()] = c
	}
	services := map[string]*ticketclock.Calendar{}
	for i, s := range r.Services {
		c, ok := byName[s.Calendar]
		if !ok && s.Calendar != "" {
			ps.Option(fmt.Sprintf("services[%d].calendar", i), "%q is not a calendar given", s.Calendar)
		}
		services[s.Name] = c
	}
	ps.Merge(record.CheckOutages(outages))
	for i := range outages {
		o := &outages[i]
		if _, ok := services[o.Service]; !ok {
			continue // another service's outage
		}
		at := problem.At(o.Source.File, o.Source.Line)
		if len(r.Orgs) > 0 {
			if len(o.Orgs) == 0 && r.Unnamed == UnnamedInvalid {
				ps.Record(at, o.Name(), "organisations", "empty (unnamed is invalid: name the organisations affected)")
			}
			for _, org := range o.Orgs {
				knownOrg(ps, at, o.Name(), org, r.Orgs)
			}
		}
		if r.Weighting == ImpactWeighted && !o.HasWeight && !o.Planned {
			ps.Record(at, o.Name(), "impact-weight", "empty (weighting is impact-weight)")
		}
		if r.Weighting == UserMinutes {
			users := r.users(o.Service)
			switch {
			case !o.HasUsers && !o.Planned:
				ps.Record(at, o.Name(), "users-affected", "empty (weighting is user-minutes: want the users the outage affected, 0 to %d)", users)
			case o.HasUsers && o.Users > users && users > 0:
				ps.Record(at, o.Name(), "users-affected", "%d above the %d users of service %q", o.Users, users, o.Service)
			}
		}
	}
	if !ps.OK() {
		return nil, ps.Err()
	}
	var out []Figure
	var parts []serviceMinutes
	for _, s := range r.Services {
		m := serviceTime(r, s, services[s.Name], month, outages)
		f := availabilityFigure(r, month, []serviceMinutes{m})
		f.Service = s.Name
		out = append(out, f)
		parts = append(parts, m)
	}
	if r.Combine != NoCombined {
		out = append(out, availabilityFigure(r, month, parts))
	}
	for _, org := range r.Orgs {
		var theirs []record.Outage
		for i := range outages {
			if r.affects(&outages[i], org) {
				theirs = append(theirs, outages[i])
			}
		}
		var parts []serviceMinutes
		for _, s := range r.Services {
			m := serviceTime(r, s, services[s.Name], month, theirs)
			for i := range m.lines {
				m.lines[i].Org = org
			}
			parts = append(parts, m)
		}
		f := availabilityFigure(r, month, parts)
		f.Measurement.Org = org
		out = append(out, f)
	}
	return out, nil
}

// serviceMinutes is a service's agreed and down time in a month, in
// nanoseconds (user-nanoseconds with user-minutes weighting), and the
// evidence for them.
type serviceMinutes struct {
	agreed, down decimal.Decimal
	lines        []Evidence
}

// availabilityFigure returns the figure of parts: one service's, or
// several combined as r.Combine says.
func availabilityFigure(r AvailabilityRule, m kpi.Month, parts []serviceMinutes) Figure {
	f := Figure{}
	f.Measurement = kpi.Measurement{KPI: r.KPI, Org: r.Org, Month: m}
	hundred := decimal.NewFromInt(100)
	var agreed, down decimal.Decimal
	num, den, n := decimal.Zero, decimal.NewFromInt(1), 0
	for _, p := range parts {
		f.Evidence = append(f.Evidence, p.lines...)
		agreed, down = agreed.Add(p.agreed), down.Add(p.down)
		if p.agreed.Sign() > 0 {
			// the mean's sum, exactly: num/den + (agreed - down)/agreed
			num = num.Mul(p.agreed).Add(p.agreed.Sub(p.down).Mul(den))
			den = den.Mul(p.agreed)
			n++
		}
	}
	if agreed.Sign() <= 0 || n == 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, "no agreed service time in the month"
		return f
	}
	if len(parts) > 1 && r.Combine == MeanOfPercentages {
		f.Measurement.Value, _ = r.Precision.Quotient(num.Mul(hundred), den.Mul(decimal.NewFromInt(int64(n))))
		f.Measurement.Note = fmt.Sprintf("mean of %d services' availability", n)
		return f
	}
	up := agreed.Sub(down)
	f.Measurement.Value, _ = r.Precision.Quotient(up.Mul(hundred), agreed)
	f.Measurement.Numerator = minutes(up)
	f.Measurement.Denominator = minutes(agreed)
	f.Measurement.HasCounts = true
	f.Measurement.Note = fmt.Sprintf("%s of %s agreed minutes available", kpi.FormatValue(f.Measurement.Numerator), kpi.FormatValue(f.Measurement.Denominator))
	return f
}

// minutes converts nanoseconds to minutes at minutePlaces.
func minutes(ns decimal.Decimal) decimal.Decimal {
	return ns.DivRound(decimal.NewFromInt(int64(time.Minute)), minutePlaces)
}

// serviceTime returns the agreed and down time of service s in month, in
// nanoseconds (weighted), and the lines explaining them.
func serviceTime(r AvailabilityRule, s Service, cal *ticketclock.Calendar, month kpi.Month, outages []record.Outage) serviceMinutes {
	var agreed, down decimal.Decimal
	var lines []Evidence
	sched := cal.Schedule()
	zone := sched.Location() // the zone of the month, and of the evidence's instants
	p := periodOf(month, zone)
	first := kpi.LocalDate(p.start.In(zone))
	measure := func(a, b time.Time) time.Duration {
		if r.Minutes == DaysTimes1440 {
			return nominal(b, zone, first) - nominal(a, zone, first)
		}
		return sched.Elapsed(a, b, nil)
	}
	var base time.Duration
	if r.Minutes == DaysTimes1440 {
		base = time.Duration(servicehoursDays(month)) * 24 * time.Hour
	} else {
		base = sched.Elapsed(p.start, p.end, nil)
	}
	// The outages of s in the month, and the instants where anything changes.
	var mine []*record.Outage
	cuts := []time.Time{}
	for i := range outages {
		o := &outages[i]
		if o.Service != s.Name {
			continue
		}
		a, b := later(o.Start, p.start), o.End
		if b.After(p.end) {
			b = p.end
		}
		if !b.After(a) {
			continue
		}
		kind := "unplanned"
		if o.Planned {
			kind = "planned"
		}
		in := measure(a, b)
		if o.Exclusion != "" {
			lines = append(lines, Evidence{Record: o.ID, Why: fmt.Sprintf("%s %s to %s, %s min: not counted, excluded: %s", kind, problem.Stamp(a.In(zone)), problem.Stamp(b.In(zone)), minutesText(in), o.Exclusion)})
			continue
		}
		mine = append(mine, o)
		cuts = append(cuts, a, b)
		lines = append(lines, Evidence{Record: o.ID, Counted: true, Why: fmt.Sprintf("%s %s to %s, %s min in service time in the month (overlaps count once)", kind, problem.Stamp(a.In(zone)), problem.Stamp(b.In(zone)), minutesText(in))})
	}
	slices.SortFunc(cuts, time.Time.Compare)
	cuts = slices.CompactFunc(cuts, time.Time.Equal)
	var planned time.Duration
	unplanned := decimal.Zero
	var unplannedPlain time.Duration
	one := decimal.NewFromInt(1)
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		isPlanned, weight, active := false, decimal.Zero, false
		for _, o := range mine {
			if o.Start.After(a) || !o.End.After(a) {
				continue
			}
			if o.Planned {
				isPlanned = true
				continue
			}
			active = true
			w := one
			switch r.Weighting {
			case ImpactWeighted:
				w = o.Weight
			case UserMinutes:
				w = decimal.NewFromInt(int64(o.Users))
			}
			if w.Cmp(weight) > 0 {
				weight = w
			}
		}
		d := measure(a, b)
		switch {
		case isPlanned:
			planned += d
		case active:
			unplannedPlain += d
			unplanned = unplanned.Add(weight.Mul(decimal.NewFromInt(int64(d))))
		}
	}
	agreed = decimal.NewFromInt(int64(base))
	plannedD := decimal.NewFromInt(int64(planned))
	if r.Weighting == UserMinutes {
		// user-time: every user for the agreed time; planned work affects them all.
		users := decimal.NewFromInt(int64(s.Users))
		agreed, plannedD = agreed.Mul(users), plannedD.Mul(users)
	}
	switch r.Planned {
	case PlannedExcluded:
		agreed = agreed.Sub(plannedD)
		down = unplanned
	case PlannedDown:
		down = unplanned.Add(plannedD)
	case PlannedIgnored:
		down = unplanned
	}
	lines = append(lines, Evidence{Record: s.Name, Why: fmt.Sprintf("service %s: %s min agreed (%s), %s min planned (%s), %s min unplanned",
		s.Name, minutesText(base), r.Minutes, minutesText(planned), r.Planned, minutesText(unplannedPlain))})
	return serviceMinutes{agreed: agreed, down: down, lines: lines}
}

// nominal returns t's place among the days of 1,440 minutes from local
// date first, for minutes days-times-1440: its local wall-clock time,
// every day counted as 24 hours. The hour the clocks skip going forward
// is counted (as the day has 1,440 minutes); during the hour repeated
// going back, the clock stands at the time it went back from, so that
// nominal time never runs backwards and a day never holds more than
// 1,440 minutes.
func nominal(t time.Time, zone *time.Location, first kpi.Date) time.Duration {
	wall := func(l time.Time) time.Duration {
		return time.Duration(kpi.LocalDate(l).Sub(first))*24*time.Hour + time.Duration(l.Hour())*time.Hour +
			time.Duration(l.Minute())*time.Minute + time.Duration(l.Second())*time.Second + time.Duration(l.Nanosecond())
	}
	l := t.In(zone)
	w := wall(l)
	if start, _ := l.ZoneBounds(); !start.IsZero() {
		if back := wall(start.Add(-time.Nanosecond).In(zone)) + time.Nanosecond; back > w {
			w = back
		}
	}
	return w
}

// servicehoursDays returns the number of days in m.
func servicehoursDays(m kpi.Month) int {
	return time.Date(m.Year(), m.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// minutesText prints a duration in minutes, with seconds as a fraction.
func minutesText(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.FormatInt(int64(d/time.Minute), 10)
	}
	return kpi.FormatValue(minutes(decimal.NewFromInt(int64(d))))
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
