package measure

import (
	"fmt"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// AbandonRule says how abandoned calls are counted. Every field is
// required except ShortThreshold, which must be zero with Short counted.
//
// The zero AbandonRule is invalid: Validate names every field not set.
type AbandonRule struct {
	KPI string `yaml:"kpi"` // the contract's id of the KPI measured
	// ShortThreshold is the short-abandon threshold: a call abandoned
	// after a wait of at most ShortThreshold is a short abandon ("within
	// 5 s" is 5s, inclusive). Zero with Short counted.
	ShortThreshold record.Duration `yaml:"short-threshold"`
	Short          ShortAbandon    `yaml:"short"`
	Zone           string          `yaml:"zone"` // the IANA zone whose local months are the periods
	Precision      kpi.Precision   `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r AbandonRule) Validate() error { return validate(r.problems) }

func (r AbandonRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	switch {
	case !shortAbandonWords.Valid(r.Short):
		ps.Option("short", "not set (want one of %s)", shortAbandonWords.Join())
	case r.Short != ShortCounted && r.ShortThreshold <= 0:
		ps.Option("short-threshold", "not positive (short is %s)", r.Short)
	case r.Short == ShortCounted && r.ShortThreshold != 0:
		ps.Option("short-threshold", "given although short is counted")
	}
	return loc
}

// Abandonment returns the share of calls abandoned, 100 x abandoned /
// offered, for org in month. calls may be a whole file: the calls of org
// queued in the local month (r.Zone) qualify, and only they are listed.
// IVR-only calls are never counted; callbacks are offered and not
// abandoned; short abandons count as r.Short says. No offered calls is
// not applicable, "no qualifying records".
//
// It fails with record.ErrInvalidOptions for an invalid rule and with
// record.ErrInvalidRecord for invalid calls (CheckCalls), measuring nothing.
func Abandonment(r AbandonRule, org string, month kpi.Month, calls []record.Call) (Figure, error) {
	per, err := measuring(month, r.problems, record.CheckCalls(calls))
	if err != nil {
		return Figure{}, err
	}
	t := &tally{}
	for _, c := range calls {
		if c.Org != org || !per.has(c.Queued) {
			continue
		}
		l := Evidence{Record: c.ID, Org: c.Org}
		short := c.Outcome == record.Abandoned && r.Short != ShortCounted && c.Wait <= time.Duration(r.ShortThreshold)
		switch {
		case c.Outcome == record.IVROnly:
			l.Why = "ivr-only: never counted"
		case short && r.Short == ShortExcluded:
			l.Why = fmt.Sprintf("abandoned after %s, within %s: excluded from both", c.Wait, r.ShortThreshold)
		case short:
			l.Counted, l.Met, l.Why = true, true, fmt.Sprintf("abandoned after %s, within %s: offered, not abandoned", c.Wait, r.ShortThreshold)
		case c.Outcome == record.Abandoned:
			l.Counted, l.Why = true, fmt.Sprintf("abandoned after %s", c.Wait)
		default:
			l.Counted, l.Met, l.Why = true, true, c.Outcome.String()+": offered, not abandoned"
		}
		if l.Counted {
			t.counted++
			if l.Met {
				t.met++
			}
		}
		t.lines = append(t.lines, l)
	}
	// The figure is the abandoned share: the records that failed.
	abandoned := &tally{met: t.counted - t.met, counted: t.counted, lines: t.lines}
	f := proportion(r.KPI, org, month, r.Precision, abandoned)
	f.Met, f.Failed = t.met, t.counted-t.met
	return f, nil
}
