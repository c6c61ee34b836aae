package ticketclock

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/servicehours"
)

// Clock judges tickets against their targets under one set of
// Options. Build one with New; it is safe for concurrent use.
type Clock struct {
	opts    Options
	rules   Choices
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

// New validates o and returns its Clock. cals are the calendars
// targets may name. It reports every problem of o, and each target naming
// a calendar not among cals, each wrapping record.ErrInvalidOptions.
func New(o Options, cals ...*Calendar) (*Clock, error) {
	ps := &problem.List{}
	o.problems(ps)
	byName := map[string]*Calendar{}
	for _, c := range cals {
		byName[c.name] = c
	}
	c := &Clock{
		opts:    o,
		rules:   Choices{Start: o.Start, StartField: o.StartField, Stop: o.Stop, Pauses: o.Pauses, Reopen: o.Reopen, PriorityChange: o.PriorityChange},
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
				ps.Add(problem.Pos{}, "", fmt.Sprintf("targets[%d].calendar", i), fmt.Sprintf("%q is not a calendar given (have %s)", t.Calendar, problem.ListOrNone(names)), problem.ErrInvalidOptions)
			}
		}
		c.targets[t.Priority] = tt
	}
	if err := ps.Err(); err != nil {
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
func (c *Clock) Options() Options { return c.opts }

// Check reports every problem with tickets as input to c: each ticket's
// own problems (missing fields, resolved before logged, holds overlapping
// or outside its life, reopens out of order), ids given twice, and for
// each measured ticket (of a kind c measures, not excluded) a priority
// with no target, a missing start field, or a reopen past the reopen
// window. Problems name the ticket, its field and its Source, and wrap
// record.ErrInvalidRecord.
func (c *Clock) Check(tickets []record.Ticket) error {
	ps := &problem.List{}
	ps.Merge(record.CheckTickets(tickets))
	for i := range tickets {
		c.ticketProblems(ps, &tickets[i])
	}
	return ps.Err()
}

func (c *Clock) ticketProblems(ps *problem.List, t *record.Ticket) {
	if !c.kinds[t.Kind] || t.Exclusion != "" {
		return
	}
	p, who := problem.At(t.Source.File, t.Source.Line), t.Name()
	if _, ok := c.targets[t.Priority]; !ok && t.Priority != "" {
		ps.AddText(p, who, "priority", t.Priority, "no target for this priority (have "+c.priorities()+")", problem.ErrInvalidRecord)
	}
	for i, ch := range t.PriorityChanges {
		if _, ok := c.targets[ch.Priority]; !ok && ch.Priority != "" {
			ps.AddText(p, who, fmt.Sprintf("priority-changes[%d]", i), ch.Priority, "no target for this priority (have "+c.priorities()+")", problem.ErrInvalidRecord)
		}
	}
	if c.opts.Start == StartField {
		if _, ok := t.Times[c.opts.StartField]; !ok {
			ps.Record(p, who, "at-"+c.opts.StartField, "empty (the clock starts at %s)", c.opts.StartField)
		}
	}
	if w := time.Duration(c.opts.ReopenWindow); w > 0 {
		for i, r := range t.Reopens {
			if r.Reopened.Sub(r.Resolved) > w {
				ps.Record(p, who, fmt.Sprintf("reopens[%d]", i), "reopened %s, more than the reopen window %s after the resolution %s", problem.Stamp(r.Reopened), c.opts.ReopenWindow, problem.Stamp(r.Resolved))
			}
		}
	}
}

func (c *Clock) priorities() string { return problem.ListOrNone(slices.Sorted(maps.Keys(c.targets))) }

// EvaluateAll checks tickets as Check does and judges each at asOf. On any
// problem it returns every problem and no results: nothing is measured
// from a bad file.
func (c *Clock) EvaluateAll(tickets []record.Ticket, asOf time.Time) ([]Judgement, error) {
	if err := c.Check(tickets); err != nil {
		return nil, err
	}
	out := make([]Judgement, len(tickets))
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
// fails, wrapping record.ErrInvalidRecord, if a priority the ticket is
// judged on has no target or the start field is missing; and, naming the
// ticket and wrapping the servicehours error (servicehours.ErrOutOfRange),
// if a deadline is beyond the calendar's years, 1900 to 2199.
func (c *Clock) Evaluate(t *record.Ticket, asOf time.Time) (Judgement, error) {
	j, err := c.evaluate(t, asOf)
	if err != nil {
		return j, located(t, err)
	}
	return j, nil
}

// located names the ticket in a servicehours error.
func located(t *record.Ticket, err error) error {
	var se *servicehours.Error
	if errors.As(err, &se) {
		return &problem.Error{File: t.Source.File, Line: t.Source.Line, Record: t.Name(), Msg: se.Error(), Err: se}
	}
	return err
}

func (c *Clock) evaluate(t *record.Ticket, asOf time.Time) (Judgement, error) {
	r := Judgement{
		Ticket: t.ID, Org: t.Org, Kind: t.Kind, Source: t.Source,
		Logged: t.Logged, AsOf: asOf, Choices: c.rules, Tool: t.Tool, Priority: t.Priority,
	}
	switch {
	case !c.kinds[t.Kind]:
		r.Verdict, r.Reason = NotApplicable, fmt.Sprintf("kind %q is not measured", t.Kind)
		return r, nil
	case t.Exclusion != "":
		r.Verdict, r.Reason = Excluded, t.Exclusion
		return r, nil
	case t.Logged.After(asOf):
		r.Verdict, r.Reason = NotApplicable, "logged after the as-of instant"
		return r, nil
	}
	start := t.Logged
	if c.opts.Start == StartField {
		s, ok := t.Times[c.opts.StartField]
		if !ok {
			return r, &problem.Error{File: t.Source.File, Line: t.Source.Line, Record: t.Name(), Field: "at-" + c.opts.StartField, Msg: "empty (the clock starts at " + c.opts.StartField + ")", Err: problem.ErrInvalidRecord}
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
	best, have := Judgement{}, false
	for i := -1; i < nch; i++ {
		p, at := t.Priority, time.Time{}
		if i >= 0 {
			p, at = t.PriorityChanges[i].Priority, t.PriorityChanges[i].At
		}
		x, err := c.judge(r, t, p, start, start, at, asOf)
		if err != nil {
			return r, err
		}
		if x.Verdict == NotApplicable {
			continue
		}
		if !have || x.Deadline.Before(best.Deadline) {
			best, have = x, true
		}
	}
	if !have {
		r.Verdict, r.Reason = NotApplicable, "no priority held has a target"
		return r, nil
	}
	return best, nil
}

// judge judges t on priority p, its cycles starting at start, the clock
// from cs (cs >= start), no breach before notBefore.
func (c *Clock) judge(r Judgement, t *record.Ticket, p string, start, cs, notBefore, asOf time.Time) (Judgement, error) {
	r.Priority = p
	tg, ok := c.targets[p]
	if !ok {
		return r, &problem.Error{File: t.Source.File, Line: t.Source.Line, Record: t.Name(), Field: "priority", Text: p, Quoted: true, Msg: "no target for this priority (have " + c.priorities() + ")", Err: problem.ErrInvalidRecord}
	}
	r.Target = tg.Target
	if tg.Unit == NotMeasured {
		r.Verdict, r.Reason = NotApplicable, fmt.Sprintf("priority %s has no target", p)
		return r, nil
	}
	if tg.cal != nil && tg.Unit != ElapsedTime && tg.Unit != CalendarDays {
		r.Calendar = tg.Target.Calendar
	}
	if tg.cal != nil {
		r.Version = tg.cal.VersionAt(cs)
		r.Zone = tg.cal.sched.Location()
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
	var out, failed Judgement
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
		if x.Verdict == Breached || x.Verdict == OpenBreached {
			if nfailed == 0 {
				failed = x
			}
			nfailed++
		}
		out = x
	}
	if cycles == 0 {
		// Every cycle stopped at or before the clock's start: the clock
		// never ran, one cycle of no time, as under the other rules.
		return c.span(r, tg, cs, final, holds, notBefore, asOf)
	}
	if nfailed > 0 {
		open := out.Verdict == OpenWithin || out.Verdict == OpenBreached
		out = failed
		out.Verdict = Breached
		if open {
			out.Verdict = OpenBreached
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
func (c *Clock) span(r Judgement, tg *target, a, b time.Time, pauses []servicehours.Interval, notBefore, asOf time.Time) (Judgement, error) {
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
		r.Verdict = OpenWithin
	case !late:
		r.Verdict = Met
	case b.IsZero():
		r.Verdict = OpenBreached
	default:
		r.Verdict = Breached
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
		d := kpi.LocalDate(a.In(s.Location())).AddDays(tg.Days)
		return c.wall, sameClock(s, d, a).Sub(a), nil
	}
	// Working days: a clock started in closed time (a closed day, before
	// the opening, after the close) starts at the next opening, and the
	// days are counted from there: the instant one nanosecond of open
	// time has passed, less that nanosecond.
	s := tg.cal.sched
	open, err := s.Deadline(a, time.Nanosecond, nil)
	if err != nil {
		return nil, 0, err
	}
	open = open.Add(-time.Nanosecond)
	d, err := s.AddWorkingDays(kpi.LocalDate(open.In(s.Location())), tg.Days)
	if err != nil {
		return nil, 0, err
	}
	var until time.Time
	if tg.Unit == WorkingDaysCloseOfDay {
		until = s.At(d.AddDays(1), servicehours.Midnight)
	} else {
		until = sameClock(s, d, open)
	}
	return s, s.Elapsed(open, until, nil), nil
}

// sameClock returns the instant on date d with a's local clock time in
// s's location, to the nanosecond.
func sameClock(s *servicehours.Schedule, d kpi.Date, a time.Time) time.Time {
	l := a.In(s.Location())
	clk, _ := servicehours.ClockOf(l.Hour(), l.Minute())
	return s.At(d, clk).Add(time.Duration(l.Second())*time.Second + time.Duration(l.Nanosecond()))
}
