package outlook

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Outlook is a contract's position as of a month: the contract year so
// far, the headroom left under each cap, how far each trigger is from
// firing, what each KPI's next failure would cost, and a forecast of the
// year's credit. Compute makes one. Money carries the contract's places.
type Outlook struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	AsOf kpi.Month // the last month evaluated
	From kpi.Month // the first month evaluated
	// Next is the month after AsOf, which the headroom and the distances
	// are for; zero when AsOf is the last month of the term.
	Next             kpi.Month
	Year             int       // AsOf's contract year
	YearFrom, YearTo kpi.Month // the contract year's first and last months (within the term)
	Money            credits.Money
	ToDate           ToDate     // the contract year so far
	Caps             []Headroom // one per cap the contract has, in the order month, year, rolling, two-limb
	Triggers         []Trigger  // the contract's triggers in order; a failure trigger once per KPI-month's KPI and organisation
	Critical         []Critical // the critical service level failure rule's KPIs, in order
	KPIs             []KPI      // each credit-bearing KPI (per organisation) in force this year or next month, in the contract's order
	Forecast         Forecast
}

// ToDate is the contract year so far, over the months evaluated.
type ToDate struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	From, To kpi.Month       // the year's first and last months evaluated
	Charges  decimal.Decimal // the whole year's charges
	Uncapped decimal.Decimal // the year's credit and withholding lines
	Cut      decimal.Decimal // its cap lines, zero or negative
	Credit   decimal.Decimal // Uncapped + Cut + EarnedBack
	Withheld decimal.Decimal // its critical failures' withholdings, a part of Uncapped
	// EarnedBack is the year's earn-back lines, zero or negative (see
	// credits.EarnBack); the forecast projects none.
	EarnedBack decimal.Decimal
}

// Distance is how far a condition (a trigger firing, a cap binding) is
// from holding: the fewest further failures that make it hold.
type Distance struct {
	Reachable bool // whether failures within the outlook's horizon make it hold
	Failures  int  // the fewest further failures; 0 when it holds next month with none
	// By is the month in which those failures make it hold.
	By kpi.Month
	// Failing lists, for a contract-wide condition, the KPI-months that
	// fail, in the order taken: "A red (120 points, 1040.00)".
	Failing []string
	Why     string // the reasoning in words
}

// Headroom is what the next month can pay before a cap binds.
type Headroom struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	Cap   credits.CapKind // the cap
	Month kpi.Month       // Outlook.Next
	Known bool            // false when the cap cannot be known yet (Why says why)
	Limit decimal.Decimal // the cap in money, as the engine rounds it
	Used  decimal.Decimal // what already counts against it
	Left  decimal.Decimal // Limit - Used, never below zero: the headroom
	Rule  string          // the arithmetic in words
	// Binds is the fewest failures next month that make the cap cut the
	// month's credit or use it up exactly (what a cap-reached trigger
	// watches).
	Binds Distance
}

// Trigger is one of the contract's triggers: its state as of AsOf, how far
// it is from firing, and the events it raised this contract year.
type Trigger struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	Name string              // the trigger's name
	Kind credits.TriggerKind // what the trigger watches
	KPI  string              // for a failure trigger (consecutive-failures, failures-in-window, material-failure): the KPI watched
	Org  string              // and its organisation
	// Points is, for points-in-window, the points in the window to AsOf;
	// Carried the points of those months still in the window of the next
	// month; Needed the trigger's points less Carried (zero or less: it
	// fires next month with no further failure).
	Points, Carried, Needed decimal.Decimal
	// Failed is, for failures-in-window, the failures in the KPI's last
	// Months measurement periods to AsOf; for consecutive-failures, the
	// run of failures ending with its last period.
	Failed   int
	State    string   // the state in words
	Distance Distance // how many more failures fire it
	// Fired are the events the trigger raised in the contract year to
	// AsOf (for a failure trigger, for its KPI and organisation), with
	// their evidence.
	Fired []credits.Event
}

// Critical is one KPI of the critical service level failure rule.
type Critical struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	KPI       string           // the KPI's id
	Red       bool             // a red month is critical
	Level     *decimal.Decimal // a value worse than it is critical; nil: none
	Withholds decimal.Decimal  // what a critical failure next month withholds: the month's charges
	Distance  Distance         // one failure fires it
	// Fired are the critical months of the contract year to AsOf, each
	// with its withholding line's rule as evidence.
	Fired []Fired
}

// Fired is a month a rule fired in, with its evidence.
type Fired struct {
	Month    kpi.Month // the month the rule fired in
	Evidence string    // its evidence: the ledger line's rule, or the event's detail
}

// KPI is one credit-bearing KPI for one organisation: its credits this
// contract year and what its next failure would cost.
type KPI struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	KPI, Org string          // the KPI's id and organisation
	Credit   decimal.Decimal // its credit lines this contract year, before caps
	Failed   []kpi.Month     // the months this year it failed (a failure that counts: scored, not relieved)
	Next     NextFailure     // what its next failure would cost
}

// NextFailure is what the KPI's next measurement period would cost if it
// failed, alone, before caps.
type NextFailure struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	Month    kpi.Month       // its next measurement period; zero when it has none left in the term
	Status   kpi.Status      // red, or amber where a red month has no worst value to score
	Points   decimal.Decimal // the points it would lose
	Amount   decimal.Decimal // its credit line, alone in its month, before caps
	Counts   bool            // it would be a failure that counts (for triggers and repeats)
	Material bool            // it would be scored in a material band
	// Critical says the failure would be a critical service level failure
	// (the contract's critical rule names the KPI's red months): the
	// month's charges would be withheld in place of its credits, Amount
	// among them.
	Critical bool
	Rule     string // the credit line's rule
	Problem  string // why it cannot be simulated, when it cannot
}

// Forecast projects the contract year's credit to its end.
type Forecast struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	ToDate     decimal.Decimal // the year's credit to AsOf
	Basis      []Basis         // the last three months evaluated (fewer when fewer were)
	Left       []kpi.Month     // the year's months after AsOf, within the term
	Least      Projection      // the year projected from the least month of Basis
	Mean       Projection      // the year projected from the mean of Basis
	Greatest   Projection      // the year projected from the greatest month of Basis
	Rule       string          // the rule in words
	Statements []string        // the forecast in sentences, for the reports
}

// Basis is a month the forecast is based on: its credit before caps (its
// credit lines; a critical month's withholding is left out).
type Basis struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	Month  kpi.Month       // the month
	Credit decimal.Decimal // its credit before caps
}

// Projection is the year's credit projected from one monthly figure.
type Projection struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	Monthly  decimal.Decimal // the credit before caps assumed for each month left
	Uncapped decimal.Decimal // Monthly x the months left
	Capped   decimal.Decimal // the same, each month capped as the contract caps it
	YearEnd  decimal.Decimal // ToDate + Capped
}

// ErrAsOf is wrapped when the outlook cannot be taken as of the month
// asked: outside the term, before the first month evaluated, or nothing
// measured.
var ErrAsOf = errors.New("no outlook as of that month")

// Compute evaluates c on in from in.From (zero: the first month measured)
// through asOf, and returns the outlook as of asOf. in.To is ignored. The
// evaluation's problems are returned as they are; a month outside the
// term, or no month measured, wraps ErrAsOf.
//
// docs/monthly-cycle.md gives every rule: how each headroom and distance
// is worked out, and the forecast's.
func Compute(c *contract.Contract, in contract.Input, asOf kpi.Month) (*Outlook, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if asOf.Before(c.Commencement) || asOf.After(c.Last()) {
		return nil, fmt.Errorf("outlook as of %s: not within the contract's term %s..%s: %w", asOf, c.Commencement, c.Last(), ErrAsOf)
	}
	if in.From.IsZero() {
		for i := range in.Measurements {
			if m := in.Measurements[i].Month; in.From.IsZero() || m.Before(in.From) {
				in.From = m
			}
		}
		if in.From.IsZero() {
			return nil, fmt.Errorf("outlook as of %s: nothing measured: %w", asOf, ErrAsOf)
		}
	}
	if in.From.After(asOf) {
		return nil, fmt.Errorf("outlook as of %s: the first month evaluated, %s, is after it: %w", asOf, in.From, ErrAsOf)
	}
	in.To = asOf
	res, err := c.Evaluate(in)
	if err != nil {
		return nil, err
	}
	ps := periods(c, res)
	if err := replayCheck(c, res, ps); err != nil {
		return nil, err
	}
	o := &Outlook{AsOf: asOf, From: in.From, Year: c.Year(asOf), Money: c.Credits.Money}
	o.YearFrom = c.Commencement.AddMonths((o.Year - 1) * 12)
	o.YearTo = o.YearFrom.AddMonths(11)
	if o.YearTo.After(c.Last()) {
		o.YearTo = c.Last()
	}
	if asOf.Before(c.Last()) {
		o.Next = asOf.AddMonths(1)
	}
	yt := res.Ledger.Years[len(res.Ledger.Years)-1]
	o.ToDate = ToDate{From: yt.From, To: yt.To, Charges: yt.Charges, Uncapped: yt.Uncapped, Cut: yt.Cut, Credit: yt.Total, Withheld: yt.Withheld, EarnedBack: yt.EarnedBack}
	w := &work{c: c, res: res, ps: ps, o: o}
	w.kpis()
	w.headroom(yt)
	w.contractWide()
	w.triggers()
	w.critical()
	w.forecast()
	return o, nil
}

// work is an outlook being computed.
type work struct {
	c   *contract.Contract
	res *contract.Result
	ps  []credits.Period
	o   *Outlook

	slots []slot          // the credit-bearing KPI-months the outlook follows, in the contract's order
	alone []aloneResult   // each slot's simulation on its own
	byKey map[slotKey]int // a slot's index in slots, by KPI id and organisation
	hist  [][]bool        // each slot's measurement periods evaluated, oldest first: whether each was a failure that counts

	pointsFewest map[string]Distance           // each points-in-window trigger's distance, by name
	fired        map[[3]string][]credits.Event // the year's events by trigger, and by trigger, KPI and organisation
}

// slotKey is a slot's KPI id and organisation.
type slotKey struct{ kpi, org string }

// aloneResult is a KPI-month's simulation on its own: it fails every
// measurement period from Next on.
type aloneResult struct {
	status  kpi.Status
	months  []kpi.Month       // the future months simulated
	due     []bool            // whether the KPI-month is in force and due in each
	lines   []*credits.Line   // its line in each month (nil when not in force)
	events  [][]credits.Event // each month's events
	problem string
}

// running returns what a month paid that counts against the annual,
// rolling and two-limb caps: its credit, less its earn-backs (outside the
// caps) and a withholding the caps do not apply to.
func (w *work) running(mt credits.MonthTotal) decimal.Decimal {
	paid := mt.Total.Sub(mt.EarnedBack)
	if w.c.Credits.Critical.Capped {
		return paid
	}
	return paid.Sub(mt.Withheld)
}

func (w *work) who(s slot) string {
	id := w.c.KPIs[s.ki].ID
	if len(w.c.Orgs) > 1 {
		return id + " " + s.org
	}
	return id
}

// horizon is how many months ahead a failure trigger of the contract can
// need: its longest window in measurement periods, times the KPI's
// assessment period.
func (w *work) horizon(k *contract.KPI) int {
	n := 1
	for _, t := range w.c.Credits.Triggers {
		if t.Kind == credits.ConsecutiveFailures || t.Kind == credits.FailuresInWindow {
			n = max(n, t.Months)
		}
	}
	return n * max(k.Every, 1)
}

// kpis follows each credit-bearing KPI-month in force this year or next
// month: its credits so far, and its failures simulated alone from Next.
func (w *work) kpis() {
	c, o := w.c, w.o
	w.byKey = map[slotKey]int{}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		if k.Kind != kpi.KPI {
			continue
		}
		from, to := c.Window(k)
		last := o.YearTo
		if !o.Next.IsZero() && o.Next.After(last) {
			last = o.Next
		}
		if to.Before(o.YearFrom) || from.After(last) {
			continue
		}
		for _, org := range c.OrgsOf(k) {
			s := slot{i, org}
			w.byKey[slotKey{k.ID, org}] = len(w.slots)
			w.slots = append(w.slots, s)
		}
	}
	rules := w.c.Credits
	rules.Caps, rules.Critical, rules.Incidents = credits.Caps{}, credits.Critical{}, credits.Incidents{}
	rules.Triggers = nil
	for _, t := range w.c.Credits.Triggers {
		if t.Kind == credits.ConsecutiveFailures || t.Kind == credits.FailuresInWindow {
			rules.Triggers = append(rules.Triggers, t)
		}
	}
	criticalRed := map[string]bool{}
	for _, k := range w.c.Credits.Critical.KPIs {
		criticalRed[k.KPI] = k.Red
	}
	w.alone = make([]aloneResult, len(w.slots))
	w.hist = make([][]bool, len(w.slots))
	o.KPIs = make([]KPI, len(w.slots))
	for j, s := range w.slots {
		o.KPIs[j] = KPI{KPI: c.KPIs[s.ki].ID, Org: s.org}
	}
	for _, l := range w.res.Ledger.Lines {
		j, ok := w.byKey[slotKey{l.KPI, l.Org}]
		if l.Kind != credits.CreditLine || !ok {
			continue
		}
		if !(l.Status == kpi.Unmeasured && l.Absent == kpi.NotDue) {
			w.hist[j] = append(w.hist[j], l.Failed)
		}
		if st := &o.KPIs[j]; l.Year == o.Year {
			st.Credit = st.Credit.Add(l.Amount)
			if l.Failed {
				st.Failed = append(st.Failed, l.Month)
			}
		}
	}
	pasts := alone(w.ps, c, w.slots)
	for j, s := range w.slots {
		k := &c.KPIs[s.ki]
		st := &o.KPIs[j]
		w.alone[j] = w.simulateAlone(s, rules, pasts[j])
		pasts[j] = nil
		a := &w.alone[j]
		if a.problem != "" {
			st.Next.Problem = a.problem
		}
		for i, m := range a.months {
			if a.due[i] {
				l := a.lines[i]
				st.Next = NextFailure{Month: m, Status: a.status, Points: l.Points, Amount: l.Amount, Counts: l.Failed, Material: l.Material(), Rule: l.Rule,
					Critical: criticalRed[k.ID] && a.status == kpi.Red}
				break
			}
		}
	}
}

// simulateAlone simulates s failing every measurement period from Next
// over the horizon, on its own: red, or amber when the contract cannot
// score a red month with no value.
func (w *work) simulateAlone(s slot, rules credits.Rules, past []credits.Period) aloneResult {
	c, o := w.c, w.o
	k := &c.KPIs[s.ki]
	var out aloneResult
	if o.Next.IsZero() {
		return out
	}
	_, to := c.Window(k)
	var fut []credits.Period
	for m := o.Next; len(fut) < w.horizon(k) && !m.After(c.Last()); m = m.AddMonths(1) {
		out.months = append(out.months, m)
		fut = append(fut, credits.Period{}) // filled below
		if m.After(to) {
			break
		}
	}
	sm := &sim{c: c, rules: rules, past: past}
	var problem string
	for _, st := range []kpi.Status{kpi.Red, kpi.Amber} {
		for i, m := range out.months {
			fut[i] = future(c, m, map[slot]kpi.Status{s: st}, &s)
		}
		lines, _, events, err := sm.run(fut)
		if err != nil {
			if problem == "" {
				problem = err.Error()
			}
			continue
		}
		out.status, out.events = st, events
		out.lines, out.due = make([]*credits.Line, len(lines)), make([]bool, len(lines))
		for i := range lines {
			for j := range lines[i] {
				if l := &lines[i][j]; l.Kind == credits.CreditLine {
					out.lines[i] = l
					out.due[i] = !(l.Status == kpi.Unmeasured && l.Absent == kpi.NotDue)
				}
			}
		}
		return out
	}
	out.problem = problem
	return out
}

// headroom works out each cap's headroom for the next month from the
// ledger, as the engine's Book would.
func (w *work) headroom(yt credits.YearTotal) {
	c, o, money := w.c, w.o, w.c.Credits.Money
	caps := c.Credits.Caps
	if o.Next.IsZero() {
		return
	}
	next := o.Next
	ny := c.Year(next)
	same := ny == o.Year
	var usedYear decimal.Decimal
	if same {
		for _, mt := range w.res.Ledger.Months {
			if mt.Year == o.Year {
				usedYear = usedYear.Add(w.running(mt))
			}
		}
	}
	pct := func(d decimal.Decimal) string { return kpi.FormatValue(d) + "%" }
	add := func(h Headroom) {
		h.Month = next
		if h.Known {
			h.Left = decimal.Max(h.Limit.Sub(h.Used), decimal.Zero)
		}
		o.Caps = append(o.Caps, h)
	}
	if caps.Month != nil {
		ch := monthCharges(c, next)
		lim := money.Round(ch.Mul(*caps.Month).Shift(-2))
		add(Headroom{Cap: credits.MonthCap, Known: true, Limit: lim,
			Rule: fmt.Sprintf("monthly cap %s of %s's charges %s = %s", pct(*caps.Month), next, money.Format(ch), money.Format(lim))})
	}
	yearWords := func(used decimal.Decimal) string {
		if !same {
			return fmt.Sprintf("; year %d starts with %s, nothing paid yet", ny, next)
		}
		return fmt.Sprintf("; %s paid in year %d's months evaluated (%s to %s)", money.Format(used), o.Year, o.ToDate.From, o.ToDate.To)
	}
	if caps.Year != nil {
		lim, charges := yt.Cap, yt.Charges
		if !same {
			charges = yearCharges(c, ny)
			lim = money.Round(charges.Mul(*caps.Year).Shift(-2))
		}
		add(Headroom{Cap: credits.YearCap, Known: true, Limit: lim, Used: usedYear,
			Rule: fmt.Sprintf("annual cap %s of year %d charges %s = %s", pct(*caps.Year), ny, money.Format(charges), money.Format(lim)) + yearWords(usedYear)})
	}
	if caps.Rolling != nil {
		charges, paid := monthCharges(c, next), decimal.Zero
		for _, mt := range w.res.Ledger.Months {
			if d := next.Sub(mt.Month); d >= 1 && d <= 11 {
				charges, paid = charges.Add(mt.Charges), paid.Add(w.running(mt))
			}
		}
		lim := money.Round(charges.Mul(*caps.Rolling).Shift(-2))
		add(Headroom{Cap: credits.RollingCap, Known: true, Limit: lim, Used: paid,
			Rule: fmt.Sprintf("rolling cap %s of charges %s in the 12 months to %s (the months evaluated and %s) = %s; %s paid in the 11 months before",
				pct(*caps.Rolling), money.Format(charges), next, next, money.Format(lim), money.Format(paid))})
	}
	if t := caps.TwoLimb; t != nil {
		h := Headroom{Cap: credits.TwoLimbCap, Known: true, Used: usedYear}
		switch {
		case same && ny == 1:
			h.Limit = yt.LimbCap
			h.Rule = fmt.Sprintf("two-limb cap %s of estimated year 1 charges %s = %s", pct(t.First), money.Format(t.Estimate), money.Format(yt.LimbCap)) + yearWords(usedYear)
		case same:
			h.Limit = yt.LimbCap
			h.Rule = fmt.Sprintf("two-limb cap %s of charges %s in the 12 months before year %d = %s", pct(t.Later), money.Format(yt.LimbBase), ny, money.Format(yt.LimbCap)) + yearWords(usedYear)
		default:
			var base decimal.Decimal
			n := 0
			for _, mt := range w.res.Ledger.Months {
				if d := next.Sub(mt.Month); d >= 1 && d <= 12 {
					base, n = base.Add(mt.Charges), n+1
				}
			}
			if n < 12 {
				h.Known = false
				h.Rule = fmt.Sprintf("two-limb cap of year %d: needs the charges of the 12 months %s..%s, and %d of them were evaluated (evaluate from %s)",
					ny, next.AddMonths(-12), next.AddMonths(-1), n, next.AddMonths(-12))
			} else {
				h.Limit = money.Round(base.Mul(t.Later).Shift(-2))
				h.Rule = fmt.Sprintf("two-limb cap %s of charges %s in the 12 months before year %d = %s", pct(t.Later), money.Format(base), ny, money.Format(h.Limit)) + yearWords(usedYear)
			}
		}
		add(h)
	}
	for i := range o.Caps {
		h := &o.Caps[i]
		if h.Known {
			h.Rule += fmt.Sprintf("; %s left", money.Format(h.Left))
		}
	}
}

// candidate is a KPI-month that can fail next month, with what its
// failure would cost alone.
type candidate struct {
	s      slot
	at     int // its position among the slots: the contract's order
	status kpi.Status
	points decimal.Decimal
	amount decimal.Decimal
}

// candidates returns the KPI-months that can fail next month: credit
// bearing, due, and not critical when red (a red month of a KPI the
// critical rule names withholds the month's charges in place of its
// credits, so it never brings a trigger or cap nearer).
func (w *work) candidates() []candidate {
	red := map[string]bool{}
	for _, k := range w.c.Credits.Critical.KPIs {
		red[k.KPI] = k.Red
	}
	var out []candidate
	for j, s := range w.slots {
		a := &w.alone[j]
		if a.problem != "" || len(a.months) == 0 || a.months[0] != w.o.Next || !a.due[0] {
			continue
		}
		if red[w.c.KPIs[s.ki].ID] && a.status == kpi.Red {
			continue
		}
		out = append(out, candidate{s: s, at: j, status: a.status, points: a.lines[0].Points, amount: a.lines[0].Amount})
	}
	return out
}

// capsTrigger is the name of the cap-reached trigger the outlook adds to
// its what-ifs to see a cap bind; a contract's trigger names are never
// empty and never hold a NUL.
const capsTrigger = "\x00outlook"

// contractWide works out, by what-ifs over the whole contract next month,
// how many failures make each cap bind and each points-in-window trigger
// fire.
func (w *work) contractWide() {
	o := w.o
	if o.Next.IsZero() {
		return
	}
	cands := w.candidates()
	rules := w.c.Credits
	rules.Triggers = []credits.Trigger{{Name: capsTrigger, Kind: credits.CapReached}}
	for _, t := range w.c.Credits.Triggers {
		if t.Kind == credits.PointsInWindow {
			rules.Triggers = append(rules.Triggers, t)
		}
	}
	sm := &sim{c: w.c, rules: rules, past: w.ps}
	// holds reports whether the first k of order failing next month makes
	// cond hold.
	eventsWith := func(order []candidate, k int) ([]credits.Event, error) {
		failing := map[slot]kpi.Status{}
		for _, cd := range order[:k] {
			failing[cd.s] = cd.status
		}
		_, _, events, err := sm.run([]credits.Period{future(w.c, o.Next, failing, nil)})
		if err != nil {
			return nil, err
		}
		return events[0], nil
	}
	fewest := func(order []candidate, cond func([]credits.Event) bool, what string) Distance {
		evs, err := eventsWith(order, len(order))
		if err != nil {
			return Distance{Why: "cannot be worked out: " + err.Error()}
		}
		if !cond(evs) {
			return Distance{Why: fmt.Sprintf("not next month: even with all %d KPI-months that can fail next month failing, %s", len(order), what)}
		}
		lo, hi := 0, len(order) // cond(hi) holds
		for lo < hi {
			mid := (lo + hi) / 2
			evs, err := eventsWith(order, mid)
			if err != nil {
				return Distance{Why: "cannot be worked out: " + err.Error()}
			}
			if cond(evs) {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		d := Distance{Reachable: true, Failures: lo, By: o.Next}
		for _, cd := range order[:lo] {
			d.Failing = append(d.Failing, fmt.Sprintf("%s %s (%s points, %s)", w.who(cd.s), cd.status, kpi.FormatValue(cd.points), w.c.Credits.Money.Format(cd.amount)))
		}
		return d
	}
	byAmount := slices.Clone(cands)
	slices.SortStableFunc(byAmount, func(a, b candidate) int {
		return cmp.Or(b.amount.Cmp(a.amount), b.points.Cmp(a.points), cmp.Compare(a.at, b.at))
	})
	for i := range o.Caps {
		h := &o.Caps[i]
		if !h.Known {
			continue
		}
		kind := h.Cap
		h.Binds = fewest(byAmount, func(evs []credits.Event) bool {
			for _, e := range evs {
				if e.Trigger == capsTrigger && e.Cap == kind {
					return true
				}
			}
			return false
		}, "the "+kind.String()+" cap would not bind")
		h.Binds.Why = capWhy(h, w.c.Credits.Money)
	}
	byPoints := slices.Clone(cands)
	slices.SortStableFunc(byPoints, func(a, b candidate) int {
		return cmp.Or(b.points.Cmp(a.points), cmp.Compare(a.at, b.at))
	})
	w.pointsFewest = map[string]Distance{}
	for _, t := range w.c.Credits.Triggers {
		if t.Kind != credits.PointsInWindow {
			continue
		}
		name := t.Name
		w.pointsFewest[name] = fewest(byPoints, func(evs []credits.Event) bool {
			for _, e := range evs {
				if e.Trigger == name {
					return true
				}
			}
			return false
		}, "the window's points would stay below "+kpi.FormatValue(t.Points))
	}
}

// capWhy explains a cap's distance.
func capWhy(h *Headroom, money credits.Money) string {
	d := h.Binds
	switch {
	case !d.Reachable:
		return d.Why
	case d.Failures == 0:
		return "it binds next month with no failure"
	case h.Left.IsZero():
		return fmt.Sprintf("the cap is used up: %s next month (%s) is cut to nothing", failures(d.Failures), strings.Join(d.Failing, ", "))
	default:
		return fmt.Sprintf("%s next month, the costliest first (%s), make the month's credit reach the %s left",
			failures(d.Failures), strings.Join(d.Failing, ", "), money.Format(h.Left))
	}
}
