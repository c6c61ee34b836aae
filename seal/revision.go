package seal

import (
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/internal/decimaltext"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// What is what a revision found changed. The zero What is invalid.
type What uint8

// The changes a revision can find, in the order Compare lists them within
// a KPI-month.
const (
	Contract    What = iota + 1 // the contract's canonical form (month-level; no adjustment)
	Added                       // a KPI-month today's result has and the seal does not (a KPI now in force): its whole credit
	Removed                     // a KPI-month the seal has and today's result does not: its whole credit, negated
	Value                       // the value as measured, its rounding, or why it is absent
	Thresholds                  // the thresholds in force, their bounds and source, or a relative target's baseline
	Status                      // the raw status or the status after mitigation
	Mitigation                  // the mitigation record, its effect or deemed status
	Incidents                   // the incidents linked to the KPI-month
	Points                      // the points lost
	Credit                      // the credit line's amount, before caps: carries the KPI-month's adjustment
	Rule                        // the credit line's rule and arithmetic in words (no adjustment)
	Withholding                 // a critical month's withholding (month-level)
	Cap                         // a cap's cut (month-level), one revision per cap
	Event                       // an event the contract's triggers raised, or no longer raise (month-level; no adjustment)
	EarnBack                    // an earn-back line (month-level, by KPI, organisation and the month of the credit it returns)
)

var whatWords = words.New("revision", Contract, "contract", "added", "removed", "value", "thresholds", "status",
	"mitigation", "incidents", "points", "credit", "rule", "withholding", "cap", "event", "earn-back")

// String returns the word of w: "value", "cap" and so on.
func (w What) String() string { return whatWords.String(w) }

// MarshalText implements encoding.TextMarshaler.
func (w What) MarshalText() ([]byte, error) { return whatWords.Marshal(w) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *What) UnmarshalText(b []byte) error { return whatWords.Unmarshal(w, b) }

// Revision is one difference between a sealed month and today's result
// for it: where (the month, and the KPI and organisation of a KPI-month;
// the cap of a cap's cut), what changed, the text before (as sealed) and
// after (today), and the credit Adjustment it implies: today's amount
// less the sealed one. Only Added, Removed, Credit, Withholding and Cap
// revisions carry an adjustment; the others explain it and carry zero, so
// that a month's adjustments add up exactly to its credit today less its
// credit as sealed.
type Revision struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	Month      kpi.Month       // the sealed month revised
	KPI        string          // empty for a month-level revision
	Org        string          // the KPI-month's organisation ("combined" for a shared service's combined cell); empty for a month-level revision
	What       What            // what changed: a cell added or removed, a status, a credit, a cap...
	Cap        string          // for a Cap revision: "month", "year", "rolling-12-months" or "two-limb"
	Trigger    string          // for an Event revision: the trigger's name
	Before     string          // as sealed; "none" when the seal has nothing there
	After      string          // today; "none" when today's result has nothing there
	Adjustment decimal.Decimal // After's credit less Before's, with the money places; zero for a revision that only explains
}

// num parses a seal's decimal text; ok is false for "" or anything else
// that is not a decimal.
func num(s string) (decimal.Decimal, bool) {
	d, p := decimaltext.Parse(s)
	return d, p == decimaltext.OK
}

func isDecimal(s string) bool { _, ok := num(s); return ok }

// sameNum reports whether a and b are the same number, or the same text
// when either is not a number.
func sameNum(a, b string) bool {
	x, okA := num(a)
	y, okB := num(b)
	if okA && okB {
		return x.Cmp(y) == 0
	}
	return a == b
}

// money returns the amount s holds; zero for "".
func money(s string) decimal.Decimal {
	d, _ := num(s)
	return d
}

// Compare returns every difference between sealed, a month as sealed,
// and now, the same month as evaluated today, in order: the contract's
// canonical form, then each KPI-month in today's order (KPI-months only
// the seal has after them, in its order), each KPI-month's changes in the
// order of What, then the month's withholding, its caps (month, year,
// rolling, two-limb), its earn-back lines and its events. An unchanged month has none. Each
// revision's Adjustment is a money difference; their sum is now's credit
// less sealed's, exactly.
func Compare(sealed, now *Seal) []Revision {
	var out []Revision
	at := func(k, org string) Revision { return Revision{Month: now.Month, KPI: k, Org: org} }
	if sealed.Contract.Canonical != now.Contract.Canonical {
		out = append(out, Revision{Month: now.Month, What: Contract, Before: sealed.Contract.Canonical, After: now.Contract.Canonical})
	}
	type key struct {
		kpi, org string
		combined bool
	}
	old := map[key]int{}
	for i, c := range sealed.Cells {
		old[key{c.KPI, c.Org, c.Combined}] = i
	}
	seen := make([]bool, len(sealed.Cells))
	for _, c := range now.Cells {
		i, ok := old[key{c.KPI, c.Org, c.Combined}]
		if !ok {
			r := at(c.KPI, c.Org)
			r.What, r.Before, r.After, r.Adjustment = Added, "none", cellWords(&c), money(c.Credit)
			out = append(out, r)
			continue
		}
		seen[i] = true
		out = append(out, compareCells(at(c.KPI, c.Org), &sealed.Cells[i], &c)...)
	}
	for i, c := range sealed.Cells {
		if !seen[i] {
			r := at(c.KPI, c.Org)
			r.What, r.Before, r.After, r.Adjustment = Removed, cellWords(&c), "none", money(c.Credit).Neg()
			out = append(out, r)
		}
	}
	out = append(out, compareLines(now.Month, "withholding", "", sealed.Lines, now.Lines)...)
	for _, kind := range []string{"month", "year", "rolling-12-months", "two-limb"} {
		out = append(out, compareLines(now.Month, "cap", kind, sealed.Lines, now.Lines)...)
	}
	out = append(out, compareEarnBacks(now.Month, sealed.Lines, now.Lines)...)
	return append(out, compareEvents(now.Month, sealed.Events, now.Events)...)
}

// cellWords describes a KPI-month in a few words: "amber, credit 4080.00".
func cellWords(c *Cell) string {
	s := statusText(c)
	if c.Value != "" {
		s = c.Value + " " + s
	} else {
		s = "no value (" + c.Absence + ") " + s
	}
	return s + ", credit " + c.Credit
}

func statusText(c *Cell) string {
	if c.Status != c.Raw {
		return c.Raw + ">" + c.Status
	}
	return c.Raw
}

func valueText(c *Cell) string {
	if c.Value == "" {
		return "no value (" + c.Absence + ")"
	}
	if c.Rounded != "" && c.Rounded != c.Value {
		return c.Value + " (rounds to " + c.Rounded + ")"
	}
	return c.Value
}

func thresholdsText(c *Cell) string {
	if c.Relative != "" {
		s := c.Relative + " against " + c.BaselineMonth
		if c.Baseline != "" {
			s += " (" + c.Baseline + ")"
		}
		return s
	}
	if c.TSL == "" {
		return "none"
	}
	s := "tsl " + c.TSL
	if c.TSLBound != "" {
		s += " (" + c.TSLBound + ")"
	}
	s += ", msl " + c.MSL
	if c.MSLMargin != "" {
		s += " (" + c.MSLMargin + " from tsl)"
	}
	if c.MSLBound != "" {
		s += " (" + c.MSLBound + ")"
	}
	return s + ", " + c.ThresholdsFrom
}

func mitigationText(m *CellMitigation) string {
	if m == nil {
		return "none"
	}
	ref := m.Ref
	if ref == "" {
		ref = "a record with no ref"
	}
	if m.Deemed != "" {
		return ref + " (" + m.Effect + " " + m.Deemed + ")"
	}
	return ref + " (" + m.Effect + ")"
}

func listText(l []string) string {
	if len(l) == 0 {
		return "none"
	}
	return strings.Join(l, "; ")
}

// compareCells returns the revisions of one KPI-month found in both.
func compareCells(at Revision, a, b *Cell) []Revision {
	var out []Revision
	add := func(w What, before, after string) {
		r := at
		r.What, r.Before, r.After = w, before, after
		out = append(out, r)
	}
	if a.Absence != b.Absence || !sameNum(a.Value, b.Value) || !sameNum(a.Rounded, b.Rounded) || a.Kind != b.Kind {
		add(Value, valueText(a), valueText(b))
	}
	if !sameNum(a.TSL, b.TSL) || !sameNum(a.MSL, b.MSL) || a.TSLBound != b.TSLBound || a.MSLBound != b.MSLBound ||
		a.MSLMargin != b.MSLMargin || a.ThresholdsFrom != b.ThresholdsFrom || a.Relative != b.Relative ||
		a.BaselineMonth != b.BaselineMonth || !sameNum(a.Baseline, b.Baseline) {
		add(Thresholds, thresholdsText(a), thresholdsText(b))
	}
	if a.Measured != b.Measured || a.Raw != b.Raw || a.Status != b.Status {
		add(Status, statusText(a), statusText(b))
	}
	if mitigationText(a.Mitigation) != mitigationText(b.Mitigation) {
		add(Mitigation, mitigationText(a.Mitigation), mitigationText(b.Mitigation))
	}
	if !slices.Equal(a.Incidents, b.Incidents) {
		add(Incidents, listText(a.Incidents), listText(b.Incidents))
	}
	if !sameNum(a.Points, b.Points) {
		add(Points, a.Points, b.Points)
	}
	if !sameNum(a.Credit, b.Credit) {
		add(Credit, a.Credit, b.Credit)
		out[len(out)-1].Adjustment = money(b.Credit).Sub(money(a.Credit))
	}
	if a.Rule != b.Rule {
		add(Rule, a.Rule, b.Rule)
	}
	return out
}

// compareLines returns the revision of the month's withholding (kind
// "withholding") or of one cap's cut, if its amount changed. A month has
// at most one line of each.
func compareLines(m kpi.Month, kind, capKind string, a, b []Line) []Revision {
	find := func(ls []Line) (string, bool) {
		for _, l := range ls {
			if l.Kind == kind && l.Cap == capKind {
				return l.Amount, true
			}
		}
		return "", false
	}
	before, inA := find(a)
	after, inB := find(b)
	if (!inA && !inB) || (inA && inB && sameNum(before, after)) {
		return nil
	}
	r := Revision{Month: m, What: Withholding, Cap: capKind, Before: before, After: after,
		Adjustment: money(after).Sub(money(before))}
	if kind == "cap" {
		r.What = Cap
	}
	if !inA {
		r.Before = "none"
	}
	if !inB {
		r.After = "none"
	}
	return []Revision{r}
}

// compareEarnBacks returns a revision for each earn-back line whose
// amount differs, or that only one of a and b has, by KPI, organisation
// and the month of the credit it returns, in b's order and then a's.
func compareEarnBacks(m kpi.Month, a, b []Line) []Revision {
	type key struct{ kpi, org, returns string }
	amounts := func(ls []Line) (map[key]string, []key) {
		out, order := map[key]string{}, []key(nil)
		for _, l := range ls {
			if l.Kind == "earn-back" {
				k := key{l.KPI, l.Org, l.Returns}
				out[k] = l.Amount
				order = append(order, k)
			}
		}
		return out, order
	}
	before, aOrder := amounts(a)
	after, bOrder := amounts(b)
	var out []Revision
	add := func(k key) {
		x, inA := before[k]
		y, inB := after[k]
		if inA && inB && sameNum(x, y) {
			return
		}
		r := Revision{Month: m, What: EarnBack, KPI: k.kpi, Org: k.org, Before: x, After: y,
			Adjustment: money(y).Sub(money(x))}
		if !inA {
			r.Before = "none"
		}
		if !inB {
			r.After = "none"
		}
		out = append(out, r)
	}
	for _, k := range bOrder {
		add(k)
	}
	for _, k := range aOrder {
		if _, ok := after[k]; !ok {
			add(k)
		}
	}
	return out
}

// compareEvents returns a revision for each event raised only in one of
// the two, by trigger, KPI, organisation and evidence.
func compareEvents(m kpi.Month, a, b []TriggerEvent) []Revision {
	id := func(e TriggerEvent) string {
		return strings.Join([]string{e.Trigger, e.Kind, e.KPI, e.Org, strings.Join(e.Months, ","), e.Points, e.Cap, e.Detail}, "\x00")
	}
	count := map[string]int{}
	for _, e := range b {
		count[id(e)]++
	}
	var out []Revision
	for _, e := range a {
		if count[id(e)] > 0 {
			count[id(e)]--
			continue
		}
		out = append(out, Revision{Month: m, KPI: e.KPI, Org: e.Org, What: Event, Trigger: e.Trigger, Before: eventText(e), After: "none"})
	}
	count = map[string]int{}
	for _, e := range a {
		count[id(e)]++
	}
	for _, e := range b {
		if count[id(e)] > 0 {
			count[id(e)]--
			continue
		}
		out = append(out, Revision{Month: m, KPI: e.KPI, Org: e.Org, What: Event, Trigger: e.Trigger, Before: "none", After: eventText(e)})
	}
	return out
}

func eventText(e TriggerEvent) string { return fmt.Sprintf("%s (%s): %s", e.Trigger, e.Kind, e.Detail) }
