package measure

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/servicecredit/engine/servicehours"
)

// Calendar is a named service-hours schedule, such as "LBH" (Europe/London,
// Monday to Friday 08:00-18:00, closed on bank holidays), that targets
// refer to by name. Build one with NewCalendar or NewVersionedCalendar; it
// is safe for concurrent use. The zero Calendar is not usable.
type Calendar struct {
	name  string
	sched *servicehours.Schedule
	froms []servicehours.Date // the versions' dates, ascending; nil when not versioned
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
	froms := make([]servicehours.Date, len(v))
	for i, x := range v {
		froms[i] = x.From
	}
	slices.SortFunc(froms, servicehours.Date.Compare)
	return &Calendar{name: name, sched: s, froms: froms}, nil
}

// Name returns the calendar's name.
func (c *Calendar) Name() string { return c.name }

// Schedule returns the calendar's schedule.
func (c *Calendar) Schedule() *servicehours.Schedule { return c.sched }

// VersionAt returns the date from which the version in force at t has
// been in force, or the zero Date for a calendar that is not versioned or
// an instant before its first version.
func (c *Calendar) VersionAt(t time.Time) servicehours.Date {
	if len(c.froms) == 0 {
		return servicehours.Date{}
	}
	d := servicehours.LocalDate(t.In(c.sched.Location()))
	var v servicehours.Date
	for _, f := range c.froms {
		if f.After(d) {
			break
		}
		v = f
	}
	return v
}

// Target is what a priority must achieve: "P2: 8 hours of business time
// on LBH", "P4: 5 working days by close of day on LBH". Within is used by
// the time units, Days by the day units; the other must be zero.
//
// The zero Target is invalid: it names no priority and no unit.
type Target struct {
	Priority string   `yaml:"priority"`
	Unit     Unit     `yaml:"unit"`
	Within   Duration `yaml:"within"`   // business-time, elapsed-time: the time allowed
	Days     int      `yaml:"days"`     // working-days-*, calendar-days: the days allowed
	Calendar string   `yaml:"calendar"` // the calendar's name; required except for elapsed-time and not-measured
}

// String describes t, such as "8h business-time on LBH".
func (t Target) String() string {
	switch t.Unit {
	case BusinessTime, ElapsedTime:
		s := t.Within.String() + " " + t.Unit.String()
		if t.Calendar != "" && t.Unit == BusinessTime {
			s += " on " + t.Calendar
		}
		return s
	case WorkingDaysSameTime, WorkingDaysCloseOfDay, CalendarDays:
		return strconv.Itoa(t.Days) + " " + t.Unit.String() + " on " + t.Calendar
	}
	return t.Unit.String()
}

// ClockOptions are the rules of a ticket clock, each a required, named
// choice where ITSM tools and contracts disagree; see docs/records.md.
// Only ReopenWindow is optional.
//
// The zero ClockOptions is invalid: Validate names every option not set.
type ClockOptions struct {
	// Kinds are the ticket kinds measured, such as "incident"; tickets of
	// other kinds are not applicable.
	Kinds []string `yaml:"kinds"`

	Start      Start  `yaml:"start"`       // when the clock starts
	StartField string `yaml:"start-field"` // with Start field: the timestamp's name, such as "responded"
	Stop       Stop   `yaml:"stop"`        // when the clock stops
	Pauses     Pauses `yaml:"pauses"`      // whether holds pause it

	Reopen ReopenRule `yaml:"reopen"`
	// ReopenWindow, when not zero, is the longest wall-clock time from a
	// resolution to its reopening; a ticket reopened later is invalid
	// input (it should have been a new ticket).
	ReopenWindow Duration `yaml:"reopen-window"`

	PriorityChange PriorityRule `yaml:"priority-change"`

	// Targets gives each priority's target; every priority a measured
	// ticket holds must have one (a Target with Unit not-measured says
	// the priority has none).
	Targets []Target `yaml:"targets"`
}

// Validate reports every problem with o: each option not set, with the
// words it accepts; a start field given or missing against Start; targets
// with no priority, two for one priority, no unit, a missing or
// superfluous amount or calendar. Problems wrap ErrInvalidOptions.
func (o ClockOptions) Validate() error {
	ps := &problems{}
	o.problems(ps)
	return ps.err()
}

func (o ClockOptions) problems(ps *problems) {
	need := func(field string, ok bool, w words) {
		if !ok {
			ps.option(field, "not set (want one of %s)", w.list())
		}
	}
	if len(o.Kinds) == 0 {
		ps.option("kinds", "none (want the ticket kinds measured, such as incident)")
	}
	for i, k := range o.Kinds {
		if k == "" {
			ps.option(fmt.Sprintf("kinds[%d]", i), "empty")
		}
	}
	need("start", startWords.valid(uint8(o.Start)), startWords)
	switch {
	case o.Start == StartField && o.StartField == "":
		ps.option("start-field", "empty (start is field: name the timestamp, such as responded)")
	case o.Start != StartField && o.StartField != "":
		ps.option("start-field", "given although start is %s", o.Start)
	}
	need("stop", stopWords.valid(uint8(o.Stop)), stopWords)
	need("pauses", pausesWords.valid(uint8(o.Pauses)), pausesWords)
	need("reopen", reopenRuleWords.valid(uint8(o.Reopen)), reopenRuleWords)
	if o.ReopenWindow < 0 {
		ps.option("reopen-window", "negative")
	}
	need("priority-change", priorityRuleWords.valid(uint8(o.PriorityChange)), priorityRuleWords)
	if len(o.Targets) == 0 {
		ps.option("targets", "none (want a target for each priority)")
	}
	seen := map[string]int{}
	for i, t := range o.Targets {
		f := fmt.Sprintf("targets[%d]", i)
		if t.Priority == "" {
			ps.option(f+".priority", "empty")
		} else if j, dup := seen[t.Priority]; dup {
			ps.option(f+".priority", "%q given twice (first targets[%d])", t.Priority, j)
		} else {
			seen[t.Priority] = i
		}
		switch t.Unit {
		case BusinessTime, ElapsedTime:
			if t.Within <= 0 {
				ps.option(f+".within", "not positive (want the time allowed, such as 8h)")
			}
			if t.Days != 0 {
				ps.option(f+".days", "given with unit %s (want within)", t.Unit)
			}
		case WorkingDaysSameTime, WorkingDaysCloseOfDay, CalendarDays:
			if t.Days <= 0 {
				ps.option(f+".days", "not positive (want the days allowed, such as 5)")
			}
			if t.Within != 0 {
				ps.option(f+".within", "given with unit %s (want days)", t.Unit)
			}
		case NotMeasured:
			if t.Days != 0 || t.Within != 0 || t.Calendar != "" {
				ps.option(f, "an amount or calendar given with unit not-measured")
			}
		default:
			ps.option(f+".unit", "not set (want one of %s)", unitWords.list())
		}
		if t.Calendar == "" && t.Unit != ElapsedTime && t.Unit != NotMeasured && unitWords.valid(uint8(t.Unit)) {
			ps.option(f+".calendar", "empty (want the name of the calendar the target is counted on)")
		}
	}
}

// Rules are the clock rules applied to a ticket, carried in its Result.
type Rules struct {
	Start          Start
	StartField     string
	Stop           Stop
	Pauses         Pauses
	Reopen         ReopenRule
	PriorityChange PriorityRule
}

// String describes the rules, such as "start logged, stop resolved, pauses
// holds, reopen first-resolution, priority-change initial".
func (r Rules) String() string {
	start := r.Start.String()
	if r.Start == StartField {
		start += " " + r.StartField
	}
	return fmt.Sprintf("start %s, stop %s, pauses %s, reopen %s, priority-change %s", start, r.Stop, r.Pauses, r.Reopen, r.PriorityChange)
}

// Clock judges tickets against their targets under one set of
// ClockOptions. Build one with NewClock; it is safe for concurrent use.
type Clock struct {
	opts    ClockOptions
	rules   Rules
	kinds   map[string]bool
	targets map[string]*target
	wall    *servicehours.Schedule // every hour of every day, for wall-clock units
	cals    []*Calendar            // the calendars given, for Reconcile's variants
}

// target is a Target with its calendar resolved.
type target struct {
	Target
	cal *Calendar
}

// NewClock validates o and returns its Clock. cals are the calendars
// targets may name. It reports every problem of o, and each target naming
// a calendar not among cals, each wrapping ErrInvalidOptions.
func NewClock(o ClockOptions, cals ...*Calendar) (*Clock, error) {
	ps := &problems{}
	o.problems(ps)
	byName := map[string]*Calendar{}
	for _, c := range cals {
		byName[c.name] = c
	}
	c := &Clock{
		opts:    o,
		rules:   Rules{Start: o.Start, StartField: o.StartField, Stop: o.Stop, Pauses: o.Pauses, Reopen: o.Reopen, PriorityChange: o.PriorityChange},
		kinds:   map[string]bool{},
		targets: map[string]*target{},
		cals:    cals,
	}
	for _, k := range o.Kinds {
		c.kinds[k] = true
	}
	for i, t := range o.Targets {
		tt := &target{Target: t}
		if t.Calendar != "" {
			tt.cal = byName[t.Calendar]
			if tt.cal == nil {
				names := slices.Sorted(maps.Keys(byName))
				ps.add(pos{}, "", fmt.Sprintf("targets[%d].calendar", i), fmt.Sprintf("%q is not a calendar given (have %s)", t.Calendar, listOrNone(names)), ErrInvalidOptions)
			}
		}
		c.targets[t.Priority] = tt
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	wall, err := servicehours.New(servicehours.TwentyFourSeven(time.UTC))
	if err != nil {
		panic("measure: the wall-clock calendar is invalid: " + err.Error())
	}
	c.wall = wall
	return c, nil
}

// Options returns the options the clock was built from.
func (c *Clock) Options() ClockOptions { return c.opts }

// Result is the verdict on one ticket with everything that explains it:
// the priority and target judged, the calendar and its version, the clock
// time counted, the deadline and the instant of any breach, and the rules
// applied.
//
// For the each-cycle rule Elapsed, Allowed and Deadline are those of the
// first cycle that failed, or of the last cycle judged. For an open ticket
// Elapsed runs to AsOf.
type Result struct {
	Ticket string
	Org    string
	Kind   string
	Source Source

	Outcome Outcome
	Reason  string // for excluded and not-applicable tickets, why

	Priority string            // the priority judged
	Target   Target            // its target
	Calendar string            // the calendar the clock ran on; empty for wall-clock units
	Version  servicehours.Date // the calendar version in force at Start; zero if not versioned

	Logged   time.Time
	Start    time.Time     // the clock's start (of the cycle reported)
	Stop     time.Time     // the clock's stop (of the cycle reported); zero when open at AsOf
	Resolved time.Time     // the ticket's final stop known at AsOf; zero when open at AsOf
	AsOf     time.Time     // the instant the ticket was judged at
	Elapsed  time.Duration // the clock time counted, pauses removed
	Allowed  time.Duration // the target as clock time from Start: met when Elapsed <= Allowed
	Deadline time.Time     // the instant the clock reaches Allowed
	Breach   time.Time     // when the target was breached; zero unless breached or open-breached

	Cycles       int // the cycles judged (1 unless the rule is each-cycle)
	CyclesFailed int // of which failed

	Rules Rules   // the rules applied
	Tool  Verdict // the ITSM tool's own verdict, if it gave one
}

// Disagrees reports whether the ITSM tool gave a verdict that differs from
// the result's: the tool said met and the ticket breached, or the reverse.
func (r Result) Disagrees() bool {
	switch r.Tool {
	case ToolMet:
		return r.Outcome == Breached || r.Outcome == OpenBreached
	case ToolBreached:
		return r.Outcome == Met || r.Outcome == OpenWithin
	}
	return false
}

// Explain describes the result in one line, such as
//
//	INC1 P2 met: elapsed 7h30m of 8h business-time on LBH, 2023-03-03T16:30:00Z to 2023-03-06T14:00:00Z, deadline 2023-03-06T14:30:00Z (start logged, ...)
func (r Result) Explain() string {
	var b strings.Builder
	b.WriteString(r.Ticket)
	if r.Priority != "" {
		b.WriteString(" " + r.Priority)
	}
	b.WriteString(" " + r.Outcome.String())
	if r.Outcome == Excluded || r.Outcome == NotApplicable {
		b.WriteString(": " + r.Reason)
		return b.String()
	}
	fmt.Fprintf(&b, ": elapsed %s of %s (%s)", Duration(r.Elapsed), Duration(r.Allowed), r.Target)
	if !r.Version.IsZero() {
		fmt.Fprintf(&b, " version %s", r.Version)
	}
	stop := "open at " + stamp(r.AsOf)
	if !r.Stop.IsZero() {
		stop = stamp(r.Stop)
	}
	fmt.Fprintf(&b, ", %s to %s, deadline %s", stamp(r.Start), stop, stamp(r.Deadline))
	if !r.Breach.IsZero() {
		fmt.Fprintf(&b, ", breached %s", stamp(r.Breach))
	}
	if r.Cycles > 1 {
		fmt.Fprintf(&b, ", %d of %d cycles failed", r.CyclesFailed, r.Cycles)
	}
	if r.Tool != 0 {
		fmt.Fprintf(&b, ", tool says %s", r.Tool)
		if r.Disagrees() {
			b.WriteString(" (disagrees)")
		}
	}
	b.WriteString("; " + r.Rules.String())
	return b.String()
}

// Check reports every problem with tickets as input to c: each ticket's
// own problems (missing fields, resolved before logged, holds overlapping
// or outside its life, reopens out of order), ids given twice, and for
// each measured ticket (of a kind c measures, not excluded) a priority
// with no target, a missing start field, or a reopen past the reopen
// window. Problems name the ticket, its field and its Source, and wrap
// ErrInvalidRecord.
func (c *Clock) Check(tickets []Ticket) error {
	ps := &problems{}
	checkTickets(ps, tickets)
	for i := range tickets {
		c.ticketProblems(ps, &tickets[i])
	}
	return ps.err()
}

func (c *Clock) ticketProblems(ps *problems, t *Ticket) {
	if !c.kinds[t.Kind] || t.Exclusion != "" {
		return
	}
	p, who := t.Source.pos(), t.name()
	if _, ok := c.targets[t.Priority]; !ok && t.Priority != "" {
		ps.addText(p, who, "priority", t.Priority, "no target for this priority (have "+c.priorities()+")", ErrInvalidRecord)
	}
	for i, ch := range t.PriorityChanges {
		if _, ok := c.targets[ch.Priority]; !ok && ch.Priority != "" {
			ps.addText(p, who, fmt.Sprintf("priority-changes[%d]", i), ch.Priority, "no target for this priority (have "+c.priorities()+")", ErrInvalidRecord)
		}
	}
	if c.opts.Start == StartField {
		if _, ok := t.Times[c.opts.StartField]; !ok {
			ps.record(p, who, "at-"+c.opts.StartField, "empty (the clock starts at %s)", c.opts.StartField)
		}
	}
	if w := time.Duration(c.opts.ReopenWindow); w > 0 {
		for i, r := range t.Reopens {
			if r.Reopened.Sub(r.Resolved) > w {
				ps.record(p, who, fmt.Sprintf("reopens[%d]", i), "reopened %s, more than the reopen window %s after the resolution %s", stamp(r.Reopened), c.opts.ReopenWindow, stamp(r.Resolved))
			}
		}
	}
}

func (c *Clock) priorities() string { return listOrNone(slices.Sorted(maps.Keys(c.targets))) }

// EvaluateAll checks tickets as Check does and judges each at asOf. On any
// problem it returns every problem and no results: nothing is measured
// from a bad file.
func (c *Clock) EvaluateAll(tickets []Ticket, asOf time.Time) ([]Result, error) {
	if err := c.Check(tickets); err != nil {
		return nil, err
	}
	out := make([]Result, len(tickets))
	for i := range tickets {
		r, err := c.Evaluate(&tickets[i], asOf)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// Evaluate judges one ticket at the instant asOf: what was known then.
// Reopens, priority changes and resolutions after asOf are ignored; a
// ticket not resolved by asOf is open, within or breached. A ticket
// logged after asOf is not applicable.
//
// Evaluate does not run the checks of Check; give it checked tickets. It
// fails, wrapping ErrInvalidRecord, if a priority the ticket is judged on
// has no target or the start field is missing; and with the servicehours
// error if a deadline is beyond the calendar's years.
func (c *Clock) Evaluate(t *Ticket, asOf time.Time) (Result, error) {
	r := Result{
		Ticket: t.ID, Org: t.Org, Kind: t.Kind, Source: t.Source,
		Logged: t.Logged, AsOf: asOf, Rules: c.rules, Tool: t.Tool, Priority: t.Priority,
	}
	switch {
	case !c.kinds[t.Kind]:
		r.Outcome, r.Reason = NotApplicable, fmt.Sprintf("kind %q is not measured", t.Kind)
		return r, nil
	case t.Exclusion != "":
		r.Outcome, r.Reason = Excluded, t.Exclusion
		return r, nil
	case t.Logged.After(asOf):
		r.Outcome, r.Reason = NotApplicable, "logged after the as-of instant"
		return r, nil
	}
	start := t.Logged
	if c.opts.Start == StartField {
		s, ok := t.Times[c.opts.StartField]
		if !ok {
			return r, &Error{File: t.Source.File, Line: t.Source.Line, Record: t.name(), Field: "at-" + c.opts.StartField, Msg: "empty (the clock starts at " + c.opts.StartField + ")", Err: ErrInvalidRecord}
		}
		start = s
	}
	// The priorities held by asOf.
	nch := 0
	for nch < len(t.PriorityChanges) && !t.PriorityChanges[nch].At.After(asOf) {
		nch++
	}
	last, lastAt := t.Priority, time.Time{}
	if nch > 0 {
		last, lastAt = t.PriorityChanges[nch-1].Priority, t.PriorityChanges[nch-1].At
	}
	switch c.opts.PriorityChange {
	case InitialPriority:
		return c.judge(r, t, t.Priority, start, start, time.Time{}, asOf)
	case FinalFromStart:
		return c.judge(r, t, last, start, start, lastAt, asOf)
	case LastFromChange:
		cs := start
		if nch > 0 && lastAt.After(start) {
			cs = lastAt
		}
		return c.judge(r, t, last, start, cs, time.Time{}, asOf)
	}
	// Strictest: the held priority whose deadline is earliest.
	best, have := Result{}, false
	for i := -1; i < nch; i++ {
		p, at := t.Priority, time.Time{}
		if i >= 0 {
			p, at = t.PriorityChanges[i].Priority, t.PriorityChanges[i].At
		}
		x, err := c.judge(r, t, p, start, start, at, asOf)
		if err != nil {
			return r, err
		}
		if x.Outcome == NotApplicable {
			continue
		}
		if !have || x.Deadline.Before(best.Deadline) {
			best, have = x, true
		}
	}
	if !have {
		r.Outcome, r.Reason = NotApplicable, "no priority held has a target"
		return r, nil
	}
	return best, nil
}

// judge judges t on priority p, its cycles starting at start, the clock
// from cs (cs >= start), no breach before notBefore.
func (c *Clock) judge(r Result, t *Ticket, p string, start, cs, notBefore, asOf time.Time) (Result, error) {
	r.Priority = p
	tg, ok := c.targets[p]
	if !ok {
		return r, &Error{File: t.Source.File, Line: t.Source.Line, Record: t.name(), Field: "priority", Text: p, Quoted: true, Msg: "no target for this priority (have " + c.priorities() + ")", Err: ErrInvalidRecord}
	}
	r.Target = tg.Target
	if tg.Unit == NotMeasured {
		r.Outcome, r.Reason = NotApplicable, fmt.Sprintf("priority %s has no target", p)
		return r, nil
	}
	if tg.cal != nil && tg.Unit != ElapsedTime && tg.Unit != CalendarDays {
		r.Calendar = tg.Target.Calendar
	}
	if tg.cal != nil {
		r.Version = tg.cal.VersionAt(cs)
	}

	// The cycles known at asOf: kept reopens, and the final stop.
	kept := 0
	for kept < len(t.Reopens) && !t.Reopens[kept].Reopened.After(asOf) {
		kept++
	}
	final := t.Resolved
	if c.opts.Stop == StopClosed {
		final = t.Closed
	}
	if kept < len(t.Reopens) {
		final = t.Reopens[kept].Resolved // reopened only after asOf: resolved then
	}
	if final.After(asOf) {
		final = time.Time{}
	}
	r.Resolved = final
	// cycle i runs [from(i), to(i)); to zero is open.
	from := func(i int) time.Time {
		if i == 0 {
			return start
		}
		return t.Reopens[i-1].Reopened
	}
	to := func(i int) time.Time {
		if i == kept {
			return final
		}
		return t.Reopens[i].Resolved
	}
	var holds []servicehours.Interval
	if c.opts.Pauses == PauseHolds {
		holds = t.Holds
	}
	var buf [8]servicehours.Interval
	switch c.opts.Reopen {
	case FirstResolution:
		return c.span(r, tg, cs, to(0), holds, notBefore, asOf)
	case WholeSpan:
		return c.span(r, tg, cs, final, holds, notBefore, asOf)
	case LastCycle:
		return c.span(r, tg, later(cs, from(kept)), final, holds, notBefore, asOf)
	case FinalGapsPaused:
		pauses := append(buf[:0], holds...)
		for i := range kept {
			pauses = append(pauses, servicehours.Interval{Start: t.Reopens[i].Resolved, End: t.Reopens[i].Reopened})
		}
		return c.span(r, tg, cs, final, pauses, notBefore, asOf)
	}
	// Each cycle alone.
	var out, failed Result
	nfailed, cycles := 0, 0
	for i := 0; i <= kept; i++ {
		end := to(i)
		if !end.IsZero() && !end.After(cs) {
			continue // ended before the clock started
		}
		x, err := c.span(r, tg, later(cs, from(i)), end, holds, notBefore, asOf)
		if err != nil {
			return r, err
		}
		cycles++
		if x.Outcome == Breached || x.Outcome == OpenBreached {
			if nfailed == 0 {
				failed = x
			}
			nfailed++
		}
		out = x
	}
	if nfailed > 0 {
		open := out.Outcome == OpenWithin || out.Outcome == OpenBreached
		out = failed
		out.Outcome = Breached
		if open {
			out.Outcome = OpenBreached
			out.Stop = time.Time{}
		}
	}
	out.Cycles, out.CyclesFailed = cycles, nfailed
	return out, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// span judges the clock from a to b (zero b: open at asOf) on target tg.
func (c *Clock) span(r Result, tg *target, a, b time.Time, pauses []servicehours.Interval, notBefore, asOf time.Time) (Result, error) {
	sched, allowed, err := c.allowed(tg, a)
	if err != nil {
		return r, err
	}
	end := b
	if b.IsZero() {
		end = asOf
	}
	r.Start, r.Stop = a, b
	r.Elapsed = sched.Elapsed(a, end, pauses)
	r.Allowed = allowed
	r.Deadline, err = sched.Deadline(a, allowed, pauses)
	if err != nil {
		return r, err
	}
	r.Cycles = 1
	late := r.Elapsed > allowed
	switch {
	case !late && b.IsZero():
		r.Outcome = OpenWithin
	case !late:
		r.Outcome = Met
	case b.IsZero():
		r.Outcome = OpenBreached
	default:
		r.Outcome = Breached
	}
	if late {
		r.CyclesFailed = 1
		r.Breach = later(r.Deadline, notBefore)
	}
	return r, nil
}

// allowed returns the schedule the clock runs on for tg from a, and the
// target as clock time on it.
func (c *Clock) allowed(tg *target, a time.Time) (*servicehours.Schedule, time.Duration, error) {
	switch tg.Unit {
	case BusinessTime:
		return tg.cal.sched, time.Duration(tg.Within), nil
	case ElapsedTime:
		return c.wall, time.Duration(tg.Within), nil
	case CalendarDays:
		s := tg.cal.sched
		d := servicehours.LocalDate(a.In(s.Location())).AddDays(tg.Days)
		return c.wall, sameClock(s, d, a).Sub(a), nil
	}
	s := tg.cal.sched
	local := a.In(s.Location())
	d, err := s.AddWorkingDays(servicehours.LocalDate(local), tg.Days)
	if err != nil {
		return nil, 0, err
	}
	var until time.Time
	if tg.Unit == WorkingDaysCloseOfDay {
		until = s.At(d.AddDays(1), servicehours.Midnight)
	} else {
		until = sameClock(s, d, a)
	}
	return s, s.Elapsed(a, until, nil), nil
}

// sameClock returns the instant on date d with a's local clock time in
// s's location, to the nanosecond.
func sameClock(s *servicehours.Schedule, d servicehours.Date, a time.Time) time.Time {
	l := a.In(s.Location())
	clk, _ := servicehours.ClockOf(l.Hour(), l.Minute())
	return s.At(d, clk).Add(time.Duration(l.Second())*time.Second + time.Duration(l.Nanosecond()))
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
