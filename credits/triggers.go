package credits

import (
	"fmt"
	"strconv"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// CapKind names a cap. The zero CapKind is invalid; it marks a line that
// is not a cap line.
type CapKind uint8

// The caps.
const (
	MonthCap   CapKind = iota + 1 // Caps.Month: a month's credits
	YearCap                       // Caps.Year: a contract year's credits
	RollingCap                    // Caps.Rolling: the credits of the 12 months ending with a month
	TwoLimbCap                    // Caps.TwoLimb: a contract year's credits, year 1 against the estimate, later years against the 12 months before
)

var capWords = words.New("cap", MonthCap, "month", "year", "rolling-12-months", "two-limb")

// String returns "month", "year", "rolling-12-months" or "two-limb".
func (c CapKind) String() string { return capWords.String(c) }

// MarshalText implements encoding.TextMarshaler.
func (c CapKind) MarshalText() ([]byte, error) { return capWords.Marshal(c) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *CapKind) UnmarshalText(b []byte) error {
	return capWords.Unmarshal(c, b)
}

// TriggerKind is the condition a Trigger watches for. The zero TriggerKind
// is invalid.
type TriggerKind uint8

// The trigger conditions.
const (
	// PointsInWindow: the points of all KPIs in the last Months months,
	// this one included, add up to Points or more.
	PointsInWindow TriggerKind = iota + 1
	// ConsecutiveFailures: the same KPI (for the same organisation) failed
	// in each of its last Months measurement periods.
	ConsecutiveFailures
	// FailuresInWindow: the same KPI (for the same organisation) failed in
	// Failures or more of its last Months measurement periods, this
	// month's included; raised in each of its measurement periods the
	// condition holds in, whether that month failed or not.
	FailuresInWindow
	// CapReached: a cap bit this month, or the month's credit used up
	// what was left of it exactly.
	CapReached
	// MaterialFailure: a KPI-month failed in a band marked Material
	// (Serious, Severe, below the service threshold), which opens a
	// rectification plan.
	MaterialFailure
)

var triggerWords = words.New("trigger kind", PointsInWindow, "points-in-window", "consecutive-failures", "failures-in-window", "cap-reached", "material-failure")

// String returns the text form, such as "points-in-window".
func (k TriggerKind) String() string { return triggerWords.String(k) }

// MarshalText implements encoding.TextMarshaler.
func (k TriggerKind) MarshalText() ([]byte, error) { return triggerWords.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *TriggerKind) UnmarshalText(b []byte) error {
	return triggerWords.Unmarshal(k, b)
}

// Trigger is a condition that gives the customer a right, such as to
// terminate or to escalate, reported as an Event with its evidence in
// every month the condition holds. Failures are the ledger's Failed
// lines (scored, not relieved); a KPI's measurement periods skip the
// months it is not due (kpi.NotDue), as Repeat does.
//
// The zero Trigger is invalid: it has no name and no kind.
type Trigger struct {
	Name     string          // such as "termination" or "rectification plan"; unique in the Rules
	Kind     TriggerKind     // the condition
	Points   decimal.Decimal // PointsInWindow: the points that trigger, above 0; zero otherwise
	Months   int             // PointsInWindow, FailuresInWindow: the window, 1 to 24; ConsecutiveFailures: the run, 2 to 24; zero otherwise
	Failures int             // FailuresInWindow: the failures that trigger, 1 to Months; zero otherwise

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (t Trigger) problems() []problems.Problem {
	var out []problems.Problem
	name := t.Name
	if name == "" {
		name = "(unnamed)"
		out = append(out, problems.Newf("Name", "", "trigger: name not set"))
	}
	bad := func(path, format string, args ...any) {
		out = append(out, problems.Newf(path, "", "trigger %q: %s", name, fmt.Sprintf(format, args...)))
	}
	if !triggerWords.Valid(t.Kind) {
		bad("Kind", "kind not set (want one of %s)", triggerWords.Join())
		return out
	}
	switch {
	case t.Kind == PointsInWindow && t.Points.Sign() <= 0:
		bad("Points", "points %s is not positive", kpi.FormatValue(t.Points))
	case t.Kind != PointsInWindow && !t.Points.IsZero():
		bad("Points", "points %s set for %s", kpi.FormatValue(t.Points), t.Kind)
	}
	switch t.Kind {
	case PointsInWindow, FailuresInWindow:
		if t.Months < 1 || t.Months > 24 {
			bad("Months", "months %d outside 1..24", t.Months)
		}
	case ConsecutiveFailures:
		if t.Months < 2 || t.Months > 24 {
			bad("Months", "months %d outside 2..24", t.Months)
		}
	default:
		if t.Months != 0 {
			bad("Months", "months %d set for %s", t.Months, t.Kind)
		}
	}
	if t.Kind == FailuresInWindow {
		if t.Failures < 1 || t.Failures > t.Months {
			bad("Failures", "failures %d outside 1..%d", t.Failures, max(t.Months, 1))
		}
	} else if t.Failures != 0 {
		bad("Failures", "failures %d set for %s", t.Failures, t.Kind)
	}
	return out
}

// Event is a Trigger's condition holding in a month, with its evidence.
type Event struct {
	_ [0]func() // forbid ==, which compares decimals wrongly; first, where it takes no room

	Trigger string          // the Trigger's Name
	Kind    TriggerKind     // the Trigger's Kind
	Cap     CapKind         // CapReached: the cap
	Month   kpi.Month       // the month the condition held
	KPI     string          // the KPI, for failure and material-failure events; empty otherwise
	Org     string          // its organisation, if any
	Months  []kpi.Month     // the evidence: the months that failed or carried points, in order
	Points  decimal.Decimal // PointsInWindow: the points in the window
	Detail  string          // the evidence in words
}

// watch is what a Book remembers for its triggers: the points of its
// last months and each KPI's failures in its last measurement periods,
// never more than the longest window.
type watch struct {
	span   int // the longest failure window, in measurement periods
	pspan  int // the longest points window, in months
	points []monthPoints
	fails  map[[2]string]*fails
	// slots holds the fails of the credit line at each position of the
	// last month. Lines come in the same order month after month, so a
	// position's fails are nearly always still its line's, which saves
	// looking them up by KPI and organisation.
	slots []*fails

	// Scratch reused month after month: the fails of the month's
	// measurement periods, the events being raised (see copies them out),
	// and, one after another, the months
	// and the text of the Detail of each event, with where each event's
	// are (spans), which see copies out once for all the month's events.
	seen   []*fails
	events []Event
	months []kpi.Month
	buf    []byte
	spans  []eventSpan
}

// eventSpan is where one event's months and detail are in the watch's
// scratch: months[m0:m1], buf[d0:d1].
type eventSpan struct{ m0, m1, d0, d1 int }

// fails is one KPI's (for one organisation) last measurement periods,
// oldest first.
type fails struct {
	kpi, org string
	periods  []periodFail
}

// capHit is a cap that bit or was used up in a month.
type capHit struct {
	kind   CapKind
	detail string
}

type monthPoints struct {
	month  kpi.Month
	points decimal.Decimal
}

type periodFail struct {
	month  kpi.Month
	failed bool
}

func newWatch(ts []Trigger) *watch {
	w := &watch{fails: map[[2]string]*fails{}}
	for _, t := range ts {
		switch t.Kind {
		case PointsInWindow:
			w.pspan = max(w.pspan, t.Months)
		case ConsecutiveFailures, FailuresInWindow:
			w.span = max(w.span, t.Months)
		}
	}
	return w
}

// see records month p's credit lines and returns the events they raise,
// nil for none: a new slice, for the caller to keep, whose events' Months
// and Detail share one allocation each for the whole month.
func (w *watch) see(ts []Trigger, p Period, lines []Line, hits []capHit) []Event {
	events := w.events[:0]
	if w.pspan > 0 {
		var pts tally
		for i := range lines {
			if l := &lines[i]; l.Kind == CreditLine && l.Failed {
				pts.add(l.Points)
			}
		}
		w.points = append(w.points, monthPoints{p.Month, pts.value()})
		keep := w.points[:0]
		for _, x := range w.points {
			if p.Month.Sub(x.month) < w.pspan {
				keep = append(keep, x)
			}
		}
		w.points = keep
	}
	seen := w.seen[:0]
	if w.span > 0 {
		for i := range lines {
			l := &lines[i]
			if l.Kind != CreditLine || (l.Status == kpi.Unmeasured && l.Absent == kpi.NotDue) {
				continue
			}
			f := w.at(i, l.KPI, l.Org)
			h := append(f.periods, periodFail{p.Month, l.Failed})
			if len(h) > w.span {
				h = append(h[:0], h[len(h)-w.span:]...)
			}
			f.periods = h
			seen = append(seen, f)
		}
	}
	w.seen = seen
	b, ms, spans := w.buf[:0], w.months[:0], w.spans[:0]
	for _, t := range ts {
		switch t.Kind {
		case PointsInWindow:
			var sum tally
			for _, x := range w.points {
				if p.Month.Sub(x.month) < t.Months && x.points.Sign() > 0 {
					sum.add(x.points)
				}
			}
			total := sum.value()
			if fixed.Compare(total, t.Points) < 0 {
				continue
			}
			m0, d0 := len(ms), len(b)
			for _, x := range w.points {
				if p.Month.Sub(x.month) < t.Months && x.points.Sign() > 0 {
					ms = append(ms, x.month)
				}
			}
			b = fixed.AppendValue(b, total)
			b = append(b, " points in the "...)
			b = strconv.AppendInt(b, int64(t.Months), 10)
			b = append(b, " months to "...)
			b = append(p.Month.AppendISO(b), " ("...)
			b = appendMonths(b, ms[m0:])
			b = append(b, "), at least "...)
			b = fixed.AppendValue(b, t.Points)
			spans = append(spans, eventSpan{m0, len(ms), d0, len(b)})
			events = append(events, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, Points: total})
		case ConsecutiveFailures, FailuresInWindow:
			need := t.Failures
			if t.Kind == ConsecutiveFailures {
				need = t.Months
			}
			for _, f := range seen {
				h := f.periods
				win := h[max(0, len(h)-t.Months):]
				n := 0
				for _, x := range win {
					if x.failed {
						n++
					}
				}
				if n < need {
					continue
				}
				m0, d0 := len(ms), len(b)
				for _, x := range win {
					if x.failed {
						ms = append(ms, x.month)
					}
				}
				b = appendWho(b, f.kpi, f.org)
				if t.Kind == ConsecutiveFailures {
					b = append(b, " failed "...)
					b = strconv.AppendInt(b, int64(t.Months), 10)
					b = append(b, " measurement periods in a row: "...)
				} else {
					b = append(b, " failed "...)
					b = strconv.AppendInt(b, int64(n), 10)
					b = append(b, " of its last "...)
					b = strconv.AppendInt(b, int64(t.Months), 10)
					b = append(b, " measurement periods: "...)
				}
				b = appendMonths(b, ms[m0:])
				spans = append(spans, eventSpan{m0, len(ms), d0, len(b)})
				events = append(events, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, KPI: f.kpi, Org: f.org})
			}
		case CapReached:
			for _, c := range hits {
				m0, d0 := len(ms), len(b)
				ms, b = append(ms, p.Month), append(b, c.detail...)
				spans = append(spans, eventSpan{m0, len(ms), d0, len(b)})
				events = append(events, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, Cap: c.kind})
			}
		case MaterialFailure:
			for i := range lines {
				if l := &lines[i]; l.Kind == CreditLine && l.Failed && l.Material() {
					m0, d0 := len(ms), len(b)
					ms = append(ms, p.Month)
					b = appendWho(b, l.KPI, l.Org)
					b = append(b, ": material failure in band "...)
					b = append(b, l.Band()...)
					b = p.Month.AppendISO(append(b, " in "...))
					spans = append(spans, eventSpan{m0, len(ms), d0, len(b)})
					events = append(events, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, KPI: l.KPI, Org: l.Org})
				}
			}
		}
	}
	w.events, w.buf, w.months, w.spans = events, b, ms, spans
	if len(events) == 0 {
		return nil
	}
	out, text, months := make([]Event, len(events)), string(b), make([]kpi.Month, len(ms))
	copy(months, ms)
	for i, sp := range spans {
		out[i] = events[i]
		out[i].Months, out[i].Detail = months[sp.m0:sp.m1:sp.m1], text[sp.d0:sp.d1]
	}
	return out
}

// at returns the fails of KPI id for organisation org, the credit line
// at position i of the month.
func (w *watch) at(i int, id, org string) *fails {
	if i < len(w.slots) {
		if f := w.slots[i]; f != nil && f.kpi == id && f.org == org {
			return f
		}
	}
	k := [2]string{id, org}
	f := w.fails[k]
	if f == nil {
		f = &fails{kpi: id, org: org}
		w.fails[k] = f
	}
	for len(w.slots) <= i {
		w.slots = append(w.slots, nil)
	}
	w.slots[i] = f
	return f
}

func whoKey(k [2]string) string {
	if k[1] == "" {
		return "kpi " + k[0]
	}
	return "kpi " + k[0] + ": org " + k[1]
}

// appendWho appends what whoKey returns for KPI id and organisation org.
func appendWho(b []byte, id, org string) []byte {
	b = append(append(b, "kpi "...), id...)
	if org != "" {
		b = append(append(b, ": org "...), org...)
	}
	return b
}

// appendMonths appends the months, "2021-06, 2021-07", as kpi.Month's
// String writes each; "<none>" for a zero Month.
func appendMonths(b []byte, ms []kpi.Month) []byte {
	for i, m := range ms {
		if i > 0 {
			b = append(b, ", "...)
		}
		if m.IsZero() {
			b = append(b, m.String()...)
		} else {
			b = m.AppendISO(b)
		}
	}
	return b
}
