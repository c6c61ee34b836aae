package ticketclock

import (
	"fmt"
	"strings"
	"time"

	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// Cause is one choice under which our verdict on a ticket agrees with
// the ITSM tool's: a rule of the clock set otherwise, or a target counted
// on another calendar or in elapsed time.
type Cause struct {
	Option    string    // the option changed, such as "pauses", "reopen" or "targets[1].calendar"
	Value     string    // its value in the variant, such as "none" or "LCC-2020"
	Judgement Judgement // the ticket judged under the variant
}

// String describes the cause, such as "pauses none".
func (c Cause) String() string { return c.Option + " " + c.Value }

// Difference is a ticket on which the ITSM tool's verdict (record.Ticket.Tool)
// differs from ours: the tool said met and we say breached or
// open-breached, or the reverse.
type Difference struct {
	Judgement Judgement // our result; Judgement.Tool is the tool's verdict
	// Causes are the single choices under which our verdict would agree
	// with the tool's, in the order of Options' fields; empty when
	// no single choice explains the difference.
	Causes []Cause
}

// Explain describes the difference in one line, such as
//
//	INC0002: tool breached, ours met; agrees with pauses none
func (d Difference) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: tool %s, ours %s", d.Judgement.Ticket, d.Judgement.Tool, d.Judgement.Verdict)
	if len(d.Causes) == 0 {
		b.WriteString("; no single rule or calendar choice explains it")
		return b.String()
	}
	b.WriteString("; agrees with ")
	for i, c := range d.Causes {
		if i > 0 {
			b.WriteString(", or ")
		}
		b.WriteString(c.String())
	}
	return b.String()
}

// Reconciliation compares the ITSM tool's verdicts with ours.
type Reconciliation struct {
	// Compared is the number of tickets with a verdict from both: a tool
	// verdict, and an outcome of ours other than excluded and
	// not-applicable.
	Compared int
	// Uncompared is the number of tickets with a tool verdict that we
	// exclude or do not measure.
	Uncompared  int
	Agreed      int
	Differences []Difference // in input order
}

// variant is a clock with one choice changed.
type variant struct {
	option, value string
	clock         *Clock
}

// Reconcile judges tickets at asOf as EvaluateAll does and compares each
// verdict with the tool's (record.Ticket.Tool), listing the tickets on which
// they differ. For each difference it finds the causes: it judges the
// ticket again with one choice changed at a time (each other value of
// stop, pauses, reopen and priority-change, and of start when it is
// field; and for each target counted on a calendar, each calendar of
// alternatives instead, and elapsed time for a business-time target),
// and names each choice under which the verdicts agree. A choice that
// leaves a ticket open which we judged resolved (stop closed, for a
// ticket never closed), or the reverse, is not a cause.
//
// alternatives are calendars the tool may use, such as last year's
// version or one without bank holidays; their names must differ from the
// clock's calendars'. Reconcile fails as EvaluateAll does, and with
// record.ErrInvalidOptions for an alternative named as a calendar of the clock.
func (c *Clock) Reconcile(tickets []record.Ticket, asOf time.Time, alternatives ...*Calendar) (Reconciliation, error) {
	ps := &problem.List{}
	for i, a := range alternatives {
		for _, k := range c.cals {
			if k.name == a.name {
				ps.Option(fmt.Sprintf("alternatives[%d]", i), "%q is a calendar of the clock", a.name)
			}
		}
	}
	if !ps.OK() {
		return Reconciliation{}, ps.Err()
	}
	results, err := c.EvaluateAll(tickets, asOf)
	if err != nil {
		return Reconciliation{}, err
	}
	var rec Reconciliation
	var variants []variant // built at the first difference
	for i, r := range results {
		if r.Tool == 0 {
			continue
		}
		if r.Verdict == Excluded || r.Verdict == NotApplicable {
			rec.Uncompared++
			continue
		}
		rec.Compared++
		if !r.Disagrees() {
			rec.Agreed++
			continue
		}
		if variants == nil {
			variants = c.variants(alternatives)
		}
		d := Difference{Judgement: r}
		for _, v := range variants {
			x, err := v.clock.Evaluate(&tickets[i], asOf)
			if err != nil || x.Disagrees() || settled(x.Verdict) != settled(r.Verdict) {
				continue // no verdict, still another, or a settled ticket made open (or the reverse)
			}
			d.Causes = append(d.Causes, Cause{Option: v.option, Value: v.value, Judgement: x})
		}
		rec.Differences = append(rec.Differences, d)
	}
	return rec, nil
}

// variants returns the clocks with one choice of c changed; choices that
// make invalid options are left out.
func (c *Clock) variants(alternatives []*Calendar) []variant {
	cals := append(append([]*Calendar(nil), c.cals...), alternatives...)
	var out []variant
	try := func(option, value string, change func(*Options)) {
		o := c.opts
		o.Targets = append([]Target(nil), c.opts.Targets...)
		change(&o)
		if v, err := New(o, cals...); err == nil {
			out = append(out, variant{option: option, value: value, clock: v})
		}
	}
	if c.opts.Start == StartField {
		try("start", StartLogged.String(), func(o *Options) { o.Start, o.StartField = StartLogged, "" })
	}
	tryOthers(try, "stop", stopWords, c.opts.Stop, func(o *Options, v Stop) { o.Stop = v })
	tryOthers(try, "pauses", pausesWords, c.opts.Pauses, func(o *Options, v Pauses) { o.Pauses = v })
	tryOthers(try, "reopen", reopenRuleWords, c.opts.Reopen, func(o *Options, v ReopenRule) { o.Reopen = v })
	tryOthers(try, "priority-change", priorityRuleWords, c.opts.PriorityChange, func(o *Options, v PriorityRule) { o.PriorityChange = v })
	for i, t := range c.opts.Targets {
		if t.Calendar == "" || t.Unit == NotMeasured {
			continue
		}
		for _, a := range alternatives {
			try(fmt.Sprintf("targets[%d].calendar", i), a.name, func(o *Options) { o.Targets[i].Calendar = a.name })
		}
		if t.Unit == BusinessTime {
			try(fmt.Sprintf("targets[%d].unit", i), ElapsedTime.String(), func(o *Options) {
				o.Targets[i].Unit, o.Targets[i].Calendar = ElapsedTime, ""
			})
		}
	}
	return out
}

// tryOthers tries, as option, each value of l but current, in the order
// of its words; set puts a value into the options.
func tryOthers[T ~uint8](try func(option, value string, change func(*Options)), option string, l words.List[T], current T, set func(*Options, T)) {
	for v := T(1); l.Valid(v); v++ {
		if v != current {
			try(option, l.String(v), func(o *Options) { set(o, v) })
		}
	}
}

// settled reports whether o is a final verdict: met or breached.
func settled(o Verdict) bool { return o == Met || o == Breached }
