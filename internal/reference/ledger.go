package reference

import (
	"cmp"
	"errors"
	"fmt"
	"math/big"
	"slices"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Ledger is what Calculate works out, in the figures the engine's
// credits.Ledger holds.
type Ledger struct {
	Months []Month         // one per period, in order
	Years  []Year          // one per contract year, in order
	Total  decimal.Decimal // the sum of the years' totals
	Events []Event         // the triggers' events, by month, then in the order of the triggers
}

// Month is one month of a Ledger: its lines and totals.
type Month struct {
	Month    kpi.Month       // the month
	Year     int             // the contract year
	Lines    []Line          // credit lines in outcome order, then any withholding line, then cap lines, then earn-back lines
	Uncapped decimal.Decimal // the credit and withholding lines' sum
	Cut      decimal.Decimal // the cap lines' sum, zero or negative
	Total    decimal.Decimal // what the month pays: Uncapped + Cut + EarnedBack
	Withheld decimal.Decimal // a critical month's withholding; zero otherwise
	Critical bool            // the month is a critical service level failure
	// EarnedBack is the earn-back lines' sum, zero or negative.
	EarnedBack decimal.Decimal
}

// Line is one line of a Month, with the figures of a credits.Line the
// reference checks.
type Line struct {
	Kind      credits.LineKind // a credit, cap, withholding or earn-back line
	KPI, Org  string           // empty on a cap or withholding line
	Returns   kpi.Month        // an earn-back line's: the month of the credit it returns
	Cap       credits.CapKind  // a cap line's cap
	Points    decimal.Decimal  // the points (a scheme's score) lost
	Amount    decimal.Decimal  // the money, rounded
	Failed    bool             // a failure that counts for the triggers
	Band      string           // the band a scheme scored the line in
	Material  bool             // the band is material and the line failed
	Incidents []string         // the outcome's incidents
}

// Year is one contract year of a Ledger.
type Year struct {
	Year                           int             // the contract year, 1-based
	From, To                       kpi.Month       // the first and last months evaluated in it
	Charges                        decimal.Decimal // the year's charges, the base of the annual cap
	Cap, LimbCap, LimbBase         decimal.Decimal // the annual and two-limb caps in money, and the two-limb cap's base
	HasCap, HasLimb                bool            // whether the rules set each cap
	Uncapped, Cut, Total, Withheld decimal.Decimal // the sums of its months'
	EarnedBack                     decimal.Decimal // the sum of its months' earn-back lines
	Drivers                        []Driver        // by amount, largest first, then by KPI and organisation
}

// Driver is a KPI's (for one organisation), or the withholdings', share
// of a year's uncapped credits.
type Driver struct {
	KPI, Org    string          // empty for the withholdings
	Withholding bool            // the driver is the year's withholding lines
	Amount      decimal.Decimal // the sum of its lines in the year
	Months      []kpi.Month     // the months it cost money, in order
}

// Event is a trigger's condition holding in a month, with its evidence.
type Event struct {
	Trigger  string              // the trigger's name
	Kind     credits.TriggerKind // its kind
	Month    kpi.Month           // the month it held in
	KPI, Org string              // for a failure or material-failure event
	Months   []kpi.Month         // the evidence: the months that failed or carried points
	Points   decimal.Decimal     // points-in-window: the points in the window
	Cap      credits.CapKind     // cap-reached: the cap
}

// errRules is the reference's own problem with the rules or the periods:
// a test compares only whether the engine fails too.
var errRules = errors.New("reference: the rules cannot price these months")

// Calculate applies rules to periods, which must be in month order, as the
// documentation of credits and credits/scheme says, and returns the
// ledger. It fails where the documentation says the engine fails: a value
// in no band, a lower-is-better count without a value to score, an
// incident without the customer's decision, a two-limb cap without its
// twelve months before, a KPI the regime does not price.
func Calculate(rules credits.Rules, periods []credits.Period) (*Ledger, error) {
	s := &state{rules: rules, hist: map[key][]scored{}, fails: map[key][]periodFail{}, earn: earnHistory{}}
	led := &Ledger{Total: decimal.Zero}
	for _, p := range periods {
		m, err := s.add(p)
		if err != nil {
			return nil, err
		}
		led.Months = append(led.Months, m)
		led.Events = append(led.Events, s.events...)
	}
	if s.year != nil {
		led.Years = append(led.Years, s.closeYear())
	}
	led.Years = append(s.done, led.Years...)
	for _, y := range led.Years {
		led.Total = led.Total.Add(y.Total)
	}
	return led, nil
}

// key is a KPI for an organisation.
type key struct{ kpi, org string }

// scored is one measurement period of a KPI in a Scheme's history: whether
// it counts as an Amber or Red month for the amber rule, and as a failure
// for repeat escalation.
type scored struct {
	month                 kpi.Month
	statusFail, scoreFail bool
}

// periodFail is one measurement period of a KPI as the triggers see it.
type periodFail struct {
	month  kpi.Month
	failed bool
}

// evaluated is a month evaluated, as the rolling and two-limb caps read it.
type evaluated struct {
	month   kpi.Month
	charges *big.Rat
	paid    *big.Rat // the month's credit after its caps, without a withholding the caps do not apply to
}

// state is everything Calculate remembers, kept whole: every month.
type state struct {
	rules  credits.Rules
	hist   map[key][]scored
	fails  map[key][]periodFail
	points []monthPoints
	months []evaluated
	year   *yearState
	done   []Year
	events []Event
	earn   earnHistory // every month evaluated, as the earn-back rule reads them
}

type monthPoints struct {
	month  kpi.Month
	points *big.Rat
}

// yearState is the running contract year.
type yearState struct {
	y       Year
	used    *big.Rat // what the year's months paid that counts against its annual and two-limb caps
	drivers map[key]*Driver
	order   []key
}

func (s *state) closeYear() Year {
	y := s.year.y
	for _, k := range s.year.order {
		y.Drivers = append(y.Drivers, *s.year.drivers[k])
	}
	slices.SortStableFunc(y.Drivers, func(a, b Driver) int {
		if c := b.Amount.Cmp(a.Amount); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.KPI, b.KPI), cmp.Compare(a.Org, b.Org))
	})
	return y
}

// add prices period p.
func (s *state) add(p credits.Period) (Month, error) {
	money := s.rules.Money
	lines, err := s.linesFor(p)
	if err != nil {
		return Month{}, err
	}
	for i, o := range p.Outcomes {
		if len(o.Incidents) > 0 {
			lines[i].Incidents = o.Incidents
		}
	}
	if err := s.incidents(p, lines); err != nil {
		return Month{}, err
	}
	if s.year == nil || s.year.y.Year != p.Year {
		if err := s.newYear(p); err != nil {
			return Month{}, err
		}
	}
	y := s.year
	y.y.To = p.Month
	m := Month{Month: p.Month, Year: p.Year, Withheld: decimal.Zero, EarnedBack: decimal.Zero}

	crit := s.rules.Critical
	withheld := new(big.Rat)
	if critical(crit, p) {
		m.Critical = true
		for i := range lines {
			lines[i].Amount = decimal.Zero
		}
		withheld = rat(round(money, rat(p.Charges)))
		lines = append(lines, Line{Kind: credits.WithholdLine, Points: decimal.Zero, Amount: dec(withheld)})
		m.Withheld = dec(withheld)
	}
	uncapped := new(big.Rat)
	for _, l := range lines {
		uncapped.Add(uncapped, rat(l.Amount))
		if l.Amount.Sign() == 0 {
			continue
		}
		k := key{l.KPI, l.Org}
		d := y.drivers[k]
		if d == nil {
			d = &Driver{KPI: l.KPI, Org: l.Org, Withholding: l.Kind == credits.WithholdLine, Amount: decimal.Zero}
			y.drivers[k] = d
			y.order = append(y.order, k)
		}
		d.Amount = d.Amount.Add(l.Amount)
		if n := len(d.Months); n == 0 || d.Months[n-1] != p.Month {
			d.Months = append(d.Months, p.Month)
		}
	}
	running := new(big.Rat).Set(uncapped)
	if !crit.Capped {
		running.Sub(running, withheld) // the withholding is outside the caps
	}
	caps := s.rules.Caps
	var hits []credits.CapKind
	limit := func(kind credits.CapKind, left *big.Rat) {
		if left.Sign() < 0 {
			left = new(big.Rat)
		}
		switch c := running.Cmp(left); {
		case c > 0:
			lines = append(lines, Line{Kind: credits.CapLine, Cap: kind, Points: decimal.Zero, Amount: dec(new(big.Rat).Sub(left, running))})
			running = new(big.Rat).Set(left)
			hits = append(hits, kind)
		case c == 0 && left.Sign() > 0:
			hits = append(hits, kind)
		}
	}
	if caps.Month != nil {
		limit(credits.MonthCap, rat(round(money, percent(rat(p.Charges), rat(*caps.Month)))))
	}
	if y.y.HasCap {
		limit(credits.YearCap, new(big.Rat).Sub(rat(y.y.Cap), y.used))
	}
	if caps.Rolling != nil {
		charges, paid := rat(p.Charges), new(big.Rat)
		for _, e := range s.months {
			if p.Month.Sub(e.month) < 12 {
				charges.Add(charges, e.charges)
				paid.Add(paid, e.paid)
			}
		}
		limit(credits.RollingCap, new(big.Rat).Sub(rat(round(money, percent(charges, rat(*caps.Rolling)))), paid))
	}
	if y.y.HasLimb {
		limit(credits.TwoLimbCap, new(big.Rat).Sub(rat(y.y.LimbCap), y.used))
	}
	s.months = append(s.months, evaluated{month: p.Month, charges: rat(p.Charges), paid: running})
	y.used.Add(y.used, running)
	total := new(big.Rat).Set(running)
	if !crit.Capped {
		total.Add(total, withheld)
	}
	m.Lines, m.Uncapped, m.Total = lines, dec(uncapped), dec(total)
	m.Cut = m.Total.Sub(m.Uncapped)
	s.events = s.triggers(p, lines, hits)
	capped := new(big.Rat).Set(uncapped) // the month's credits before the caps
	if !crit.Capped {
		capped.Sub(capped, withheld)
	}
	earned := s.earnBack(p, lines[:len(p.Outcomes)], dec(new(big.Rat).Sub(capped, running)))
	for _, l := range earned {
		m.EarnedBack = m.EarnedBack.Add(l.Amount)
	}
	m.Lines = append(m.Lines, earned...)
	m.Total = m.Total.Add(m.EarnedBack)
	y.y.EarnedBack = y.y.EarnedBack.Add(m.EarnedBack)
	y.y.Uncapped = y.y.Uncapped.Add(m.Uncapped)
	y.y.Cut = y.y.Cut.Add(m.Cut)
	y.y.Total = y.y.Total.Add(m.Total)
	y.y.Withheld = y.y.Withheld.Add(m.Withheld)
	return m, nil
}

// newYear closes the running contract year, if any, and opens p's, with
// its annual and two-limb caps.
func (s *state) newYear(p credits.Period) error {
	if s.year != nil {
		s.done = append(s.done, s.closeYear())
	}
	money, caps := s.rules.Money, s.rules.Caps
	y := Year{Year: p.Year, From: p.Month, Charges: p.YearCharges, Cap: decimal.Zero, LimbCap: decimal.Zero, LimbBase: decimal.Zero,
		Uncapped: decimal.Zero, Cut: decimal.Zero, Total: decimal.Zero, Withheld: decimal.Zero, EarnedBack: decimal.Zero}
	if caps.Year != nil {
		y.HasCap, y.Cap = true, round(money, percent(rat(p.YearCharges), rat(*caps.Year)))
	}
	if t := caps.TwoLimb; t != nil {
		y.HasLimb = true
		if p.Year == 1 {
			y.LimbBase, y.LimbCap = t.Estimate, round(money, percent(rat(t.Estimate), rat(t.First)))
		} else {
			base, n := new(big.Rat), 0
			for _, e := range s.months {
				if d := p.Month.Sub(e.month); d >= 1 && d <= 12 {
					base.Add(base, e.charges)
					n++
				}
			}
			if n < 12 {
				return fmt.Errorf("%w: two-limb cap: year %d has %d of its 12 months before", errRules, p.Year, n)
			}
			y.LimbBase, y.LimbCap = dec(base), round(money, percent(base, rat(t.Later)))
		}
	}
	s.year = &yearState{y: y, used: new(big.Rat), drivers: map[key]*Driver{}}
	return nil
}

// incidents zeroes the credits the incident rule takes away: for each
// incident linked to two or more lines of the month that cost money, all
// but the one the rule keeps, every incident judged on the credits before
// any was zeroed.
func (s *state) incidents(p credits.Period, lines []Line) error {
	in := s.rules.Incidents
	if in.Rule == 0 || in.Rule == credits.AllCount {
		return nil
	}
	// Every incident of the month, with the lines it caused that cost
	// money, in outcome order.
	refs := map[string]bool{}
	for _, o := range p.Outcomes {
		for _, ref := range o.Incidents {
			refs[ref] = true
		}
	}
	lost := map[int]bool{}
	for ref := range refs {
		var is []int
		for i, o := range p.Outcomes {
			if slices.Contains(o.Incidents, ref) && lines[i].Amount.Sign() > 0 {
				is = append(is, i)
			}
		}
		if len(is) < 2 {
			continue
		}
		keep := -1
		switch in.Rule {
		case credits.HighestOnly:
			for _, i := range is {
				if keep < 0 {
					keep = i
					continue
				}
				a, b := lines[i], lines[keep]
				if c := a.Amount.Cmp(b.Amount); c > 0 || (c == 0 && cmp.Or(cmp.Compare(a.KPI, b.KPI), cmp.Compare(a.Org, b.Org)) < 0) {
					keep = i
				}
			}
		case credits.CustomerChoice:
			var d *credits.Decision
			for j := range in.Decisions {
				if in.Decisions[j].Incident == ref && in.Decisions[j].Month == p.Month {
					d = &in.Decisions[j]
				}
			}
			if d == nil {
				return fmt.Errorf("%w: incident %s in %s: no decision", errRules, ref, p.Month)
			}
			n := 0
			for i, o := range p.Outcomes {
				if o.KPI == d.KPI && (d.Org == "" || o.Org == d.Org) && slices.Contains(o.Incidents, ref) {
					keep, n = i, n+1
				}
			}
			if n != 1 || !slices.Contains(is, keep) {
				return fmt.Errorf("%w: incident %s in %s: the decision names no one line that costs money", errRules, ref, p.Month)
			}
		default:
			return fmt.Errorf("%w: incident rule %d", errRules, in.Rule)
		}
		for _, i := range is {
			if i != keep {
				lost[i] = true
			}
		}
	}
	for i := range lost {
		lines[i].Amount = decimal.Zero
	}
	return nil
}

// critical reports whether p is a critical month: a KPI-month of a
// critical KPI, credit-bearing, failing and not relieved, is Red under a
// Red condition or has a rounded value worse than the critical level.
func critical(c credits.Critical, p credits.Period) bool {
	for _, o := range p.Outcomes {
		if o.Kind != kpi.KPI || o.Relief || (o.Status != kpi.Amber && o.Status != kpi.Red) {
			continue
		}
		for _, k := range c.KPIs {
			if k.KPI != o.KPI {
				continue
			}
			if k.Red && o.Status == kpi.Red {
				return true
			}
			r := o.Result()
			if k.Level == nil || r.Status == kpi.Unmeasured {
				continue
			}
			switch c := r.Rounded.Cmp(*k.Level); {
			case r.Direction == kpi.HigherIsBetter && c < 0, r.Direction == kpi.LowerIsBetter && c > 0:
				return true
			}
		}
	}
	return false
}

// triggers records the month's points and failures and returns the events
// the rules' triggers raise, in the order of the triggers.
func (s *state) triggers(p credits.Period, lines []Line, hits []credits.CapKind) []Event {
	pts := new(big.Rat)
	var seen []key // the KPIs with a measurement period this month, in line order
	for i, o := range p.Outcomes {
		l := lines[i]
		if l.Failed {
			pts.Add(pts, rat(l.Points))
		}
		if o.Status == kpi.Unmeasured && o.Absent == kpi.NotDue {
			continue
		}
		k := key{l.KPI, l.Org}
		s.fails[k] = append(s.fails[k], periodFail{p.Month, l.Failed})
		seen = append(seen, k)
	}
	s.points = append(s.points, monthPoints{p.Month, pts})
	var out []Event
	for _, t := range s.rules.Triggers {
		switch t.Kind {
		case credits.PointsInWindow:
			sum := new(big.Rat)
			var months []kpi.Month
			for _, x := range s.points {
				if p.Month.Sub(x.month) < t.Months && x.points.Sign() > 0 {
					sum.Add(sum, x.points)
					months = append(months, x.month)
				}
			}
			if sum.Cmp(rat(t.Points)) >= 0 {
				out = append(out, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, Months: months, Points: dec(sum)})
			}
		case credits.ConsecutiveFailures, credits.FailuresInWindow:
			need := t.Failures
			if t.Kind == credits.ConsecutiveFailures {
				need = t.Months
			}
			for _, k := range seen {
				h := s.fails[k]
				var months []kpi.Month
				for _, x := range h[max(0, len(h)-t.Months):] {
					if x.failed {
						months = append(months, x.month)
					}
				}
				if len(months) >= need {
					out = append(out, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, KPI: k.kpi, Org: k.org, Months: months, Points: decimal.Zero})
				}
			}
		case credits.CapReached:
			for _, c := range hits {
				out = append(out, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, Months: []kpi.Month{p.Month}, Points: decimal.Zero, Cap: c})
			}
		case credits.MaterialFailure:
			for i := range p.Outcomes {
				if l := lines[i]; l.Failed && l.Material {
					out = append(out, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, KPI: l.KPI, Org: l.Org, Months: []kpi.Month{p.Month}, Points: decimal.Zero})
				}
			}
		}
	}
	return out
}
