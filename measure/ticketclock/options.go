package ticketclock

import (
	"fmt"
	"strconv"

	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// Target is what a priority must achieve: "P2: 8 hours of business time
// on LBH", "P4: 5 working days by close of day on LBH". Within is used by
// the time units, Days by the day units; the other must be zero.
//
// The zero Target is invalid: it names no priority and no unit.
type Target struct {
	Priority string          `yaml:"priority"` // the priority the target is for, such as "P2"
	Unit     TargetUnit      `yaml:"unit"`     // what Within or Days counts
	Within   record.Duration `yaml:"within"`   // business-time, elapsed-time: the time allowed
	Days     int             `yaml:"days"`     // working-days-*, calendar-days: the days allowed
	Calendar string          `yaml:"calendar"` // the calendar's name; required except for elapsed-time and not-measured
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

// Options are the rules of a ticket clock, each a required, named
// choice where ITSM tools and contracts disagree; see docs/records.md.
// Only ReopenWindow is optional.
//
// The zero Options is invalid: Validate names every option not set.
type Options struct {
	// Kinds are the ticket kinds measured, such as "incident"; tickets of
	// other kinds are not applicable.
	Kinds []string `yaml:"kinds"`

	Start      Start  `yaml:"start"`       // when the clock starts
	StartField string `yaml:"start-field"` // with Start field: the timestamp's name, such as "responded"
	Stop       Stop   `yaml:"stop"`        // when the clock stops
	Pauses     Pauses `yaml:"pauses"`      // whether holds pause it

	Reopen ReopenRule `yaml:"reopen"` // how a reopened ticket is judged
	// ReopenWindow, when not zero, is the longest wall-clock time from a
	// resolution to its reopening; a ticket reopened later is invalid
	// input (it should have been a new ticket).
	ReopenWindow record.Duration `yaml:"reopen-window"`

	PriorityChange PriorityRule `yaml:"priority-change"` // which priority a ticket whose priority changed is judged at

	// Targets gives each priority's target; every priority a measured
	// ticket holds must have one (a Target with Unit not-measured says
	// the priority has none).
	Targets []Target `yaml:"targets"`
}

// Validate reports every problem with o: each option not set, with the
// words it accepts; a start field given or missing against Start; targets
// with no priority, two for one priority, no unit, a missing or
// superfluous amount or calendar. Problems wrap record.ErrInvalidOptions.
func (o Options) Validate() error {
	ps := &problem.List{}
	o.problems(ps)
	return ps.Err()
}

func (o Options) problems(ps *problem.List) {
	need := func(field string, ok bool, want string) {
		if !ok {
			ps.Option(field, "not set (want one of %s)", want)
		}
	}
	ps.Names("kinds", "the ticket kinds measured, such as incident", o.Kinds)
	need("start", startWords.Valid(o.Start), startWords.Join())
	switch {
	case o.Start == StartField && o.StartField == "":
		ps.Option("start-field", "empty (start is field: name the timestamp, such as responded)")
	case o.Start != StartField && o.StartField != "":
		ps.Option("start-field", "given although start is %s", o.Start)
	}
	need("stop", stopWords.Valid(o.Stop), stopWords.Join())
	need("pauses", pausesWords.Valid(o.Pauses), pausesWords.Join())
	need("reopen", reopenRuleWords.Valid(o.Reopen), reopenRuleWords.Join())
	if o.ReopenWindow < 0 {
		ps.Option("reopen-window", "negative")
	}
	need("priority-change", priorityRuleWords.Valid(o.PriorityChange), priorityRuleWords.Join())
	if len(o.Targets) == 0 {
		ps.Option("targets", "none (want a target for each priority)")
	}
	seen := map[string]int{}
	for i, t := range o.Targets {
		f := fmt.Sprintf("targets[%d]", i)
		if t.Priority == "" {
			ps.Option(f+".priority", "empty")
		} else if j, dup := seen[t.Priority]; dup {
			ps.Option(f+".priority", "%q given twice (first targets[%d])", t.Priority, j)
		} else {
			seen[t.Priority] = i
		}
		switch t.Unit {
		case BusinessTime, ElapsedTime:
			if t.Within <= 0 {
				ps.Option(f+".within", "not positive (want the time allowed, such as 8h)")
			}
			if t.Days != 0 {
				ps.Option(f+".days", "given with unit %s (want within)", t.Unit)
			}
		case WorkingDaysSameTime, WorkingDaysCloseOfDay, CalendarDays:
			if t.Days <= 0 {
				ps.Option(f+".days", "not positive (want the days allowed, such as 5)")
			}
			if t.Within != 0 {
				ps.Option(f+".within", "given with unit %s (want days)", t.Unit)
			}
		case NotMeasured:
			if t.Days != 0 || t.Within != 0 || t.Calendar != "" {
				ps.Option(f, "an amount or calendar given with unit not-measured")
			}
		default:
			ps.Option(f+".unit", "not set (want one of %s)", targetUnitWords.Join())
		}
		if t.Calendar == "" && t.Unit != ElapsedTime && t.Unit != NotMeasured && targetUnitWords.Valid(t.Unit) {
			ps.Option(f+".calendar", "empty (want the name of the calendar the target is counted on)")
		}
	}
}

// Choices are the clock rules applied to a ticket, carried in its Judgement.
type Choices struct {
	Start          Start        // when the clock starts
	StartField     string       // with Start field: the timestamp's name
	Stop           Stop         // when the clock stops
	Pauses         Pauses       // whether holds pause it
	Reopen         ReopenRule   // how a reopened ticket is judged
	PriorityChange PriorityRule // which priority a ticket whose priority changed is judged at
}

// String describes the rules, such as "start logged, stop resolved, pauses
// holds, reopen first-resolution, priority-change initial".
func (r Choices) String() string {
	start := r.Start.String()
	if r.Start == StartField {
		start += " " + r.StartField
	}
	return fmt.Sprintf("start %s, stop %s, pauses %s, reopen %s, priority-change %s", start, r.Stop, r.Pauses, r.Reopen, r.PriorityChange)
}
