package credits

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// MonthTotal is one month of the ledger.
type MonthTotal struct {
	Month    kpi.Month       // the month
	Year     int             // the contract year
	Charges  decimal.Decimal // the month's charges, the base of the monthly cap
	Uncapped decimal.Decimal // the sum of the month's credit and withholding lines, before caps
	Cut      decimal.Decimal // the sum of the month's cap lines, zero or negative
	Total    decimal.Decimal // Uncapped + Cut + EarnedBack: what comes off the invoice; below zero only when earn-backs repay more
	Critical bool            // the month is a critical service level failure: its credits are replaced by Withheld
	Withheld decimal.Decimal // in a critical month, its withholding line's amount, a part of Uncapped; zero otherwise
	// EarnedBack is the sum of the month's earn-back lines, zero or
	// negative, outside the caps: Total is Uncapped + Cut + EarnedBack.
	EarnedBack decimal.Decimal

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Driver is a KPI's share, for one organisation, of a contract year's
// uncapped credits; or, with Withholding, the year's critical-failure
// withholdings, which belong to no one KPI.
type Driver struct {
	KPI         string          // empty with Withholding
	Org         string          // empty with Withholding
	Withholding bool            // the driver is the year's withholding lines, not a KPI's credits
	Amount      decimal.Decimal // the sum of its credit (or withholding) lines in the year, before caps
	Months      []kpi.Month     // the months it cost money, in order

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// YearTotal is one contract year of the ledger, over the months evaluated.
type YearTotal struct {
	Year     int             // the contract year, 1-based
	From, To kpi.Month       // the first and last month evaluated in the year
	Charges  decimal.Decimal // the whole year's charges, the base of the annual cap
	Cap      decimal.Decimal // the annual cap in money, rounded; zero with no annual cap
	HasCap   bool            // whether the contract caps the year
	LimbCap  decimal.Decimal // the two-limb cap in money, rounded; zero with no two-limb cap
	HasLimb  bool            // whether the contract has a two-limb cap
	LimbBase decimal.Decimal // the charges the two-limb cap is a percentage of: the estimate in year 1, the 12 months before in later years
	Uncapped decimal.Decimal // the sum of the year's credit and withholding lines
	Cut      decimal.Decimal // the sum of the year's cap lines, monthly and annual, zero or negative
	Total    decimal.Decimal // Uncapped + Cut + EarnedBack
	Withheld decimal.Decimal // the sum of the year's withholding lines, a part of Uncapped
	// EarnedBack is the sum of the earn-back lines of the year's months,
	// zero or negative, whatever year the credits they return were in.
	EarnedBack decimal.Decimal
	Drivers    []Driver // the KPIs that cost money, by Amount largest first, then by KPI and organisation

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Ledger is the result of applying credit rules to months: every line,
// and the monthly and yearly totals they add up to.
type Ledger struct {
	Lines  []Line          // by month; within a month, credit lines in outcome order, then any withholding line, then cap lines, then earn-back lines
	Months []MonthTotal    // one per period, in order
	Years  []YearTotal     // one per contract year evaluated, in order
	Total  decimal.Decimal // the sum of the years' totals: the credit over all the periods
	Events []Event         // the triggers' events, by month; within a month in the order of the Rules' Triggers

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Calculate applies rules to periods and returns the ledger. It is a Book
// fed every period, with every line kept.
//
// The periods must be in month order with no month twice; their contract
// years must not go backwards, and every period of a year must carry the
// same YearCharges; no charges may be negative. Each month's credit lines
// are capped first by the monthly cap, then by what remains of the annual
// cap; a cut appears as a CapLine, so lines always add up to the totals.
//
// Calculate runs every check of the rules that needs no list of the
// contract's KPIs (Rules.Check, the regime's own Check included: signs,
// ranges, order), so that it never credits on rules Validate would
// refuse; only the cross-checks against the KPIs are left to the caller
// (Rules.Validate, which contract runs). Each problem is an *Error: with
// the rules, wrapping ErrInvalidRules; with the periods, naming the month
// and wrapping ErrInvalidPeriod; all of them are reported. On any problem
// it returns no ledger. It never modifies rules or periods.
func Calculate(rules Rules, periods []Period) (*Ledger, error) {
	if err := rules.Check(); err != nil {
		return nil, err
	}
	if err := checkPeriods(periods); err != nil {
		return nil, err
	}
	book, err := Open(rules)
	if err != nil {
		return nil, err
	}
	led := &Ledger{}
	var mt MonthTotal
	for _, p := range periods {
		led.Lines, mt, err = book.AddTo(led.Lines, p)
		if err != nil {
			return nil, err
		}
		led.Months = append(led.Months, mt)
		led.Events = append(led.Events, book.Events()...)
	}
	led.Years, led.Total = book.Years(), book.Total()
	return led, nil
}

// Book keeps a ledger month by month, for evaluations too long to hold
// every line: it holds only the current contract year's running totals
// and drivers, the totals of the years before, the last 12 months'
// charges and credits (for the rolling and two-limb caps), what the
// regime and the triggers' windows need, and the credits that can still be
// earned back (EarnBack) with their contract year's tally. Open one with Open and feed it
// periods in month order with Add; Events gives the events of the last
// month added.
type Book struct {
	rules   Rules
	run     Run
	recent  []monthRecord // the months evaluated among the 12 up to the last one added, in order
	watch   *watch
	events  []Event // the events of the last period added
	prev    Period  // the last period added; zero Month before the first
	first   Period  // the first period of the current year
	years   []YearTotal
	drivers map[[2]string]int // KPI and organisation to the index in the current year's Drivers
	tallies []tally           // the current year's drivers' amounts, by the same index
	total   decimal.Decimal
	capUsed decimal.Decimal // what the current year paid that counts against its annual and two-limb caps
	err     error           // the error that spoiled the book, if any
	lines   []Line          // the last period's lines from Add, whose memory the next Add reuses
	earn    *earnBook       // the credits that can still be earned back; nil without an EarnBack rule
}

// Open checks rules (Rules.Check, as Calculate does) and returns an empty
// Book.
func Open(rules Rules) (*Book, error) {
	if err := rules.Check(); err != nil {
		return nil, err
	}
	return &Book{rules: rules, run: rules.begin(), drivers: map[[2]string]int{}, watch: newWatch(rules.Triggers),
		earn: newEarnBook(rules.EarnBack)}, nil
}

// monthRecord is a month's charges and capped credit (without a
// withholding the caps do not apply to), kept for the rolling and two-limb
// caps.
type monthRecord struct {
	month          kpi.Month
	charges, total decimal.Decimal
}

// Events returns the events the Rules' Triggers raised in the last period
// added, in the order of the Triggers; none before the first Add or after
// an error. The slice is the period's own: the Book makes a new one for
// each period and never changes it.
func (b *Book) Events() []Event { return b.events }

// Add assesses period p, which must follow the last period added, and
// returns its lines (its credit lines in outcome order, then any
// withholding line of a critical month, then any cap lines) and its
// total. The lines are valid until the next call to Add, which reuses
// their memory: append or copy them to keep them. After an error the
// Book is spoiled: every later call returns that error.
func (b *Book) Add(p Period) ([]Line, MonthTotal, error) {
	all, mt, err := b.AddTo(b.lines[:0], p)
	if err != nil {
		return nil, MonthTotal{}, err
	}
	b.lines = all
	return all, mt, nil
}

// AddTo is Add appending p's lines to lines, as append does, for a
// caller that keeps every line: it returns the extended slice, whose
// memory the Book never reuses. The lines already there are the
// caller's: AddTo neither reads nor changes them.
func (b *Book) AddTo(lines []Line, p Period) ([]Line, MonthTotal, error) {
	b.events = nil
	if b.err != nil {
		return nil, MonthTotal{}, b.err
	}
	all, mt, err := b.add(lines, p)
	if err != nil {
		b.events = nil
		b.err = err
		return nil, MonthTotal{}, err
	}
	return all, mt, nil
}

func (b *Book) add(all []Line, p Period) ([]Line, MonthTotal, error) {
	if err := joined.Sorted(checkPeriod(b.prev, b.first, p)); err != nil {
		return nil, MonthTotal{}, err
	}
	if err := b.rules.EarnBack.check(b.prev, p); err != nil {
		return nil, MonthTotal{}, err
	}
	base := len(all)
	all, err := b.run.Assess(p, all)
	if err != nil {
		return nil, MonthTotal{}, inMonth(p.Month, err)
	}
	lines := all[base:]
	if err := checkLines(p, lines); err != nil {
		return nil, MonthTotal{}, err
	}
	for i := range p.Outcomes {
		if in := p.Outcomes[i].Incidents; len(in) > 0 {
			if x := lines[i].Extra; x != nil {
				lines[i].Extra = &LineExtra{Band: x.Band, Material: x.Material, Incidents: in}
			} else {
				lines[i].Extra = &LineExtra{Incidents: in}
			}
		}
	}
	money, caps := b.rules.Money, b.rules.Caps
	if err := b.rules.Incidents.apply(p, lines, money); err != nil {
		return nil, MonthTotal{}, err
	}
	if len(b.years) == 0 || b.prev.Year != p.Year {
		y := YearTotal{Year: p.Year, From: p.Month, Charges: p.YearCharges}
		if n := len(b.years); n > 0 {
			y.Drivers = make([]Driver, 0, len(b.years[n-1].Drivers)) // a year's drivers are much like the last's
		}
		if caps.Year != nil {
			y.HasCap = true
			y.Cap = money.Round(p.YearCharges.Mul(*caps.Year).Shift(-2))
		}
		if t := caps.TwoLimb; t != nil {
			y.HasLimb = true
			if p.Year == 1 {
				y.LimbBase = t.Estimate
				y.LimbCap = money.Round(t.Estimate.Mul(t.First).Shift(-2))
			} else {
				if n := b.monthsBefore(p.Month, 12); n < 12 {
					return nil, MonthTotal{}, &Error{Path: "Caps.TwoLimb", Month: p.Month, Err: ErrInvalidPeriod,
						Msg: fmt.Sprintf("month %s: two-limb cap: year %d needs the charges of the 12 months %s..%s, and %d of them were evaluated",
							p.Month, p.Year, p.Month.AddMonths(-12), p.Month.AddMonths(-1), n)}
				}
				for _, r := range b.recent {
					y.LimbBase = y.LimbBase.Add(r.charges)
				}
				y.LimbCap = money.Round(y.LimbBase.Mul(t.Later).Shift(-2))
			}
		}
		b.closeYear()
		b.years = append(b.years, y)
		clear(b.drivers)
		b.tallies = b.tallies[:0]
		b.first = p
		b.capUsed = decimal.Zero
	}
	b.prev = p
	year := &b.years[len(b.years)-1]
	year.To = p.Month
	mt := MonthTotal{Month: p.Month, Year: p.Year, Charges: p.Charges}
	crit := b.rules.Critical
	if reasons := crit.failures(p); len(reasons) > 0 {
		w := crit.withhold(p, lines, reasons, money)
		all = append(all, w)
		lines = all[base:]
		mt.Critical, mt.Withheld = true, w.Amount
	}
	var uncapped tally
	for _, l := range lines {
		if l.Amount.Sign() == 0 {
			continue
		}
		uncapped.add(l.Amount)
		k := [2]string{l.KPI, l.Org} // a withholding line's is {"", ""}: every credit line names its KPI
		j, ok := b.drivers[k]
		if !ok {
			j = len(year.Drivers)
			b.drivers[k] = j
			year.Drivers = append(year.Drivers, Driver{KPI: l.KPI, Org: l.Org, Withholding: l.Kind == WithholdLine})
			b.tallies = append(b.tallies, tally{})
		}
		b.tallies[j].add(l.Amount)
		d := &year.Drivers[j]
		if n := len(d.Months); n == 0 || d.Months[n-1] != p.Month {
			d.Months = append(d.Months, p.Month)
		}
	}
	mt.Uncapped = uncapped.value()
	running := mt.Uncapped
	if !crit.Capped {
		running = running.Sub(mt.Withheld) // outside the caps
	}
	capped := running // the month's credits before the caps
	var hits []capHit
	// limit cuts the month's running credit to left, if it is more, with
	// a cap line whose rule starts with head(); a credit that uses up left
	// exactly is a hit without a cut. The rule is written only for a hit:
	// most months no cap bites.
	limit := func(kind CapKind, left decimal.Decimal, head func() string) {
		left = decimal.Max(left, decimal.Zero)
		switch c := running.Cmp(left); {
		case c > 0:
			cut := left.Sub(running)
			rule := fmt.Sprintf("%s; credits %s cut by %s", head(), money.Format(running), money.Format(cut.Neg()))
			all = append(all, capLine(p, kind, cut, rule))
			lines = all[base:]
			hits = append(hits, capHit{kind, rule})
			running = left
		case c == 0 && left.Sign() > 0:
			hits = append(hits, capHit{kind, fmt.Sprintf("%s; credits %s use it up", head(), money.Format(running))})
		}
	}
	if caps.Month != nil {
		lim := money.Round(p.Charges.Mul(*caps.Month).Shift(-2))
		limit(MonthCap, lim, func() string {
			return fmt.Sprintf("monthly cap %s%% of charges %s = %s",
				kpi.FormatValue(*caps.Month), money.Format(p.Charges), money.Format(lim))
		})
	}
	if year.HasCap {
		left := year.Cap.Sub(b.capUsed)
		limit(YearCap, left, func() string {
			return fmt.Sprintf("annual cap %s%% of year %d charges %s = %s; %s left this month",
				kpi.FormatValue(*caps.Year), p.Year, money.Format(p.YearCharges), money.Format(year.Cap), money.Format(left))
		})
	}
	if caps.Rolling != nil {
		var cs, ps tally // the charges and credits of the 12 months to p's
		cs.add(p.Charges)
		for _, r := range b.recent {
			if p.Month.Sub(r.month) < 12 {
				cs.add(r.charges)
				ps.add(r.total)
			}
		}
		charges, paid := cs.value(), ps.value()
		lim := money.Round(charges.Mul(*caps.Rolling).Shift(-2))
		limit(RollingCap, lim.Sub(paid), func() string {
			return fmt.Sprintf("rolling cap %s%% of charges %s in the 12 months to %s = %s; %s paid in the 11 months before, %s left",
				kpi.FormatValue(*caps.Rolling), money.Format(charges), p.Month, money.Format(lim), money.Format(paid),
				money.Format(decimal.Max(lim.Sub(paid), decimal.Zero)))
		})
	}
	if year.HasLimb {
		left := year.LimbCap.Sub(b.capUsed)
		limit(TwoLimbCap, left, func() string {
			base := fmt.Sprintf("estimated year 1 charges %s", money.Format(year.LimbBase))
			pct := caps.TwoLimb.First
			if p.Year != 1 {
				base = fmt.Sprintf("charges %s in the 12 months before year %d", money.Format(year.LimbBase), p.Year)
				pct = caps.TwoLimb.Later
			}
			return fmt.Sprintf("two-limb cap %s%% of %s = %s; %s left this month",
				kpi.FormatValue(pct), base, money.Format(year.LimbCap), money.Format(decimal.Max(left, decimal.Zero)))
		})
	}
	b.recent = append(b.recent, monthRecord{month: p.Month, charges: p.Charges, total: running})
	keep := b.recent[:0]
	for _, r := range b.recent {
		if p.Month.Sub(r.month) < 12 {
			keep = append(keep, r)
		}
	}
	b.recent = keep
	b.events = b.watch.see(b.rules.Triggers, p, lines, hits)
	b.capUsed = b.capUsed.Add(running)
	mt.Total = running
	if !crit.Capped {
		mt.Total = running.Add(mt.Withheld)
	}
	mt.Cut = mt.Total.Sub(mt.Uncapped)
	if b.earn != nil {
		n := len(all)
		all = b.earn.month(p, lines[:len(p.Outcomes)], capped.Sub(running), money, all)
		var earned tally
		for _, l := range all[n:] {
			earned.add(l.Amount)
		}
		mt.EarnedBack = earned.value()
		mt.Total = mt.Total.Add(mt.EarnedBack)
		year.EarnedBack = year.EarnedBack.Add(mt.EarnedBack)
	}
	year.Withheld = year.Withheld.Add(mt.Withheld)
	year.Uncapped = year.Uncapped.Add(mt.Uncapped)
	year.Cut = year.Cut.Add(mt.Cut)
	year.Total = year.Total.Add(mt.Total)
	b.total = b.total.Add(mt.Total)
	return all, mt, nil
}

// Years returns the contract years so far, each with its drivers sorted
// by amount, largest first; the last year may still be running.
func (b *Book) Years() []YearTotal {
	out := slices.Clone(b.years)
	for i := range out {
		y := &out[i]
		if i == len(out)-1 {
			y.Drivers = slices.Clone(y.Drivers) // the running year's: the book's are not touched
			for j := range y.Drivers {
				y.Drivers[j].Amount = b.tallies[j].value()
			}
		}
		y.Drivers = sortDrivers(y.Drivers)
	}
	return out
}

// sortDrivers returns ds largest amount first, then by KPI and
// organisation. It sorts positions, not the drivers themselves, which are
// large to move.
func sortDrivers(ds []Driver) []Driver {
	order := make([]int, len(ds))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &ds[i], &ds[j]
		if c := b.Amount.Cmp(a.Amount); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.KPI, b.KPI), cmp.Compare(a.Org, b.Org), cmp.Compare(i, j))
	})
	out := make([]Driver, len(ds))
	for i, j := range order {
		out[i] = ds[j]
	}
	return out
}

// Total returns the credit over every period added so far.
func (b *Book) Total() decimal.Decimal { return b.total }

// closeYear writes the running year's drivers' amounts into it.
func (b *Book) closeYear() {
	if len(b.years) == 0 {
		return
	}
	y := &b.years[len(b.years)-1]
	for j := range y.Drivers {
		y.Drivers[j].Amount = b.tallies[j].value()
	}
}

// tally adds money amounts. Amounts with the first amount's exponent and
// at most 17 digits add up in an integer, since the decimal package
// allocates for every sum; any other amount is added as a decimal.
type tally struct {
	n    int64
	exp  int32
	used bool            // n and exp hold amounts
	rest decimal.Decimal // the amounts that did not fit n
}

func (t *tally) add(v decimal.Decimal) {
	if v.NumDigits() <= 17 && (!t.used || v.Exponent() == t.exp) {
		c := v.CoefficientInt64()
		if s := t.n + c; (c >= 0) == (s >= t.n) { // no overflow
			t.n, t.exp, t.used = s, v.Exponent(), true
			return
		}
	}
	t.rest = t.rest.Add(v)
}

// value returns the sum of the amounts added.
func (t tally) value() decimal.Decimal {
	if !t.used {
		return t.rest
	}
	if t.rest.IsZero() {
		return decimal.New(t.n, t.exp)
	}
	return t.rest.Add(decimal.New(t.n, t.exp))
}

func capLine(p Period, kind CapKind, cut decimal.Decimal, rule string) Line {
	return Line{Kind: CapLine, Month: p.Month, Year: p.Year, Amount: cut, Rule: rule, Cap: kind}
}

// monthsBefore counts the months among the n before m that were
// evaluated.
func (b *Book) monthsBefore(m kpi.Month, n int) int {
	k := 0
	for _, r := range b.recent {
		if d := m.Sub(r.month); d >= 1 && d <= n {
			k++
		}
	}
	return k
}

// checkPeriods reports every problem with the periods' order, years and
// charges, each an *Error wrapping ErrInvalidPeriod.
func checkPeriods(periods []Period) error {
	var errs []error
	var prev, first Period
	for _, p := range periods {
		errs = append(errs, checkPeriod(prev, first, p)...)
		if prev.Month.IsZero() || p.Year != prev.Year {
			first = p
		}
		prev = p
	}
	return joined.Sorted(errs)
}

// checkPeriod reports the problems with p following prev (zero Month for
// the first period), where first is the first period of prev's year.
func checkPeriod(prev, first, p Period) []error {
	var errs []error
	bad := func(path string, o *Outcome, format string, args ...any) {
		e := &Error{Path: path, Month: p.Month, Msg: fmt.Sprintf("month %s: ", p.Month) + fmt.Sprintf(format, args...), Err: ErrInvalidPeriod}
		if o != nil {
			e.KPI, e.Org = o.KPI, o.Org
		}
		errs = append(errs, e)
	}
	if p.Month.IsZero() {
		bad("Month", nil, "month not set")
	}
	if !prev.Month.IsZero() {
		if !p.Month.After(prev.Month) {
			bad("Month", nil, "periods out of order after %s", prev.Month)
		}
		switch {
		case p.Year < prev.Year:
			bad("Year", nil, "contract year %d after year %d", p.Year, prev.Year)
		case p.Year == prev.Year && !p.YearCharges.Equal(first.YearCharges):
			bad("YearCharges", nil, "year %d charges %s differ from %s in %s", p.Year,
				kpi.FormatValue(p.YearCharges), kpi.FormatValue(first.YearCharges), first.Month)
		}
	}
	if p.Charges.Sign() < 0 {
		bad("Charges", nil, "charges %s are negative", kpi.FormatValue(p.Charges))
	}
	if p.YearCharges.Sign() < 0 {
		bad("YearCharges", nil, "year %d charges %s are negative", p.Year, kpi.FormatValue(p.YearCharges))
	}
	for i := range p.Outcomes {
		if o := &p.Outcomes[i]; o.Charges.Sign() < 0 {
			bad(fmt.Sprintf("Outcomes[%d].Charges", i), o, "%s: charges %s are negative", who(*o), kpi.FormatValue(o.Charges))
		}
	}
	return errs
}

// checkLines checks that a regime kept its side of the Run contract: one
// credit line per outcome, none negative. A regime that breaks it is
// invalid: its errors wrap ErrInvalidRules.
func checkLines(p Period, lines []Line) error {
	if len(lines) != len(p.Outcomes) {
		return &Error{Path: "Regime", Month: p.Month, Err: ErrInvalidRules,
			Msg: fmt.Sprintf("month %s: regime gave %d lines for %d outcomes", p.Month, len(lines), len(p.Outcomes))}
	}
	for _, l := range lines {
		if l.Kind != CreditLine || l.Amount.Sign() < 0 {
			return &Error{Path: "Regime", KPI: l.KPI, Org: l.Org, Month: p.Month, Err: ErrInvalidRules,
				Msg: fmt.Sprintf("month %s: kpi %s: regime gave a line that is not a credit of zero or more", p.Month, l.KPI)}
		}
	}
	return nil
}

// who names an outcome's KPI and, if it has one, its organisation.
func who(o Outcome) string {
	if o.Org == "" {
		return "kpi " + o.KPI
	}
	return "kpi " + o.KPI + ": org " + o.Org
}
