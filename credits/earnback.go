package credits

import (
	"fmt"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// MaxFollowing is the most months an EarnBackKPI's Following may name: ten
// years. The Book keeps a waiting credit for at most that many months.
const MaxFollowing = 120

// EarnBack lets the supplier earn back a KPI's service credits, all or a
// share of them, by performing well afterwards. An earned credit is
// returned by an EarnBackLine of its own in the month it is earned, never
// by changing the month it was charged in: a month's lines depend only on
// that month and the months before it.
//
// What an earn-back returns is at most the part of the credit the caps
// left: the credit line's amount less the whole cut of its month's cap
// lines, never below zero (its Paid). Charging the month's whole cut to
// each credit, rather than a share of it, means the earn-backs of one
// month's credits never add up to more than that month paid, and a better
// outcome of one KPI never lowers what another KPI's credit can earn
// back. A credit zeroed by a critical month's withholding or by the
// incident rule has nothing to earn back, and a withholding is never
// earned back.
//
// An earn-back line is outside the caps: no cap cuts it, and it neither
// gives back nor uses any cap's headroom (the credits it returns used it
// in their own month). It lowers the month's Total, and the year's and the
// ledger's, by its amount; a month whose earn-backs are more than its
// credits has a Total below zero, the sum the customer repays with that
// month's invoice.
//
// With no cap or a monthly cap only, a better KPI-month never costs more
// over the term (the ledger's Total); with an annual, rolling or two-limb
// cap it can, because a credit later earned back used the cap's headroom
// in the meantime and no cap gives it back.
//
// The zero EarnBack names no KPI and earns nothing back.
type EarnBack struct {
	KPIs []EarnBackKPI // the KPIs whose credits can be earned back, each KPI once
}

// EarnBackKPI says when one credit-bearing KPI's credits are earned back,
// for each organisation separately, and how much of them. It has exactly
// one condition:
//
// Following N: a credit is earned back when each of the N KPI-months of
// the same KPI and organisation due after the credit's month meets its TSL
// (Status Green, after any deemed mitigation); the earn-back line lands in
// the month of the Nth of them. A KPI-month not due (absent as not-due) is
// passed over: it neither counts nor breaks the run. Any other KPI-month
// (Amber, Red, unmeasured, or relieved of credits) breaks the run of every
// credit waiting, and those credits are never earned back.
//
// YearMean: the credits of a contract year are earned back when the mean
// of the KPI's values in that year's KPI-months is at or better than
// YearMean in the KPI's direction (at or above for higher-is-better, at
// or below for lower-is-better), comparing the exact mean: the sum of the
// values, each rounded to the KPI's precision as classified, against
// YearMean times their number. KPI-months not due are passed over; if any
// other KPI-month of the year has no value, or none has one, the
// condition is not met.
//
// YearGreen: the credits of a contract year are earned back when at least
// YearGreen of that year's KPI-months are Green (after any deemed
// mitigation).
//
// A year condition is judged in the last month of the contract year
// (Period.YearEnd), over the year's months evaluated, and its earn-back
// lines land in that month, one for each credit of the year still paid:
// KPI by KPI and organisation by organisation in the order first
// evaluated, each one's credits in month order, after the month's
// Following lines (in outcome order, each outcome's credits oldest
// first).
//
// The amount returned is Share per cent of the credit's Paid, rounded as
// money; none when that rounds to zero.
//
// The zero EarnBackKPI is invalid: it names no KPI, no share and no
// condition.
type EarnBackKPI struct {
	KPI       string           // the KPI's id; credit-bearing in the contract
	Share     decimal.Decimal  // the per cent of a credit's Paid returned: more than 0, at most 100
	Following int              // N, 1 to MaxFollowing: earned by N Green KPI-months due after the credit's; 0: not this condition
	YearMean  *decimal.Decimal // earned by the contract year's mean value at or better than this; nil: not this condition
	YearGreen int              // earned by at least this many Green KPI-months in the contract year, 1 to 12; 0: not this condition

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Earned is what an earn-back line returns: which credit, and how much of
// it.
type Earned struct {
	Month  kpi.Month       // the month of the credit returned
	Credit decimal.Decimal // that credit line's amount
	Paid   decimal.Decimal // the part of Credit the caps left: Credit less its month's whole cut, never below zero
	Share  decimal.Decimal // the per cent of Paid returned

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Earned returns what l, an EarnBackLine, returns; nil on any other line.
func (l *Line) Earned() *Earned {
	if l.Extra == nil {
		return nil
	}
	return l.Extra.Earned
}

func (e EarnBack) problems() []problems.Problem {
	var out []problems.Problem
	seen := map[string]bool{}
	for i, k := range e.KPIs {
		at := func(rest string) string { return fmt.Sprintf("KPIs[%d]%s", i, rest) } // written only for a problem
		var where string
		out, where = listed(out, "earn-back", i, k.KPI, seen)
		if k.Share.Sign() <= 0 || fixed.Compare(k.Share, hundred) > 0 {
			out = append(out, problems.Newf(at(".Share"), k.KPI, "%s: share %s%% outside 0..100 (want more than 0, at most 100)", where, kpi.FormatValue(k.Share)))
		}
		conds := 0
		if k.Following != 0 {
			conds++
			if k.Following < 1 || k.Following > MaxFollowing {
				out = append(out, problems.Newf(at(".Following"), k.KPI, "%s: following %d months outside 1..%d", where, k.Following, MaxFollowing))
			}
		}
		if k.YearMean != nil {
			conds++
		}
		if k.YearGreen != 0 {
			conds++
			if k.YearGreen < 1 || k.YearGreen > 12 {
				out = append(out, problems.Newf(at(".YearGreen"), k.KPI, "%s: year-green %d months outside 1..12", where, k.YearGreen))
			}
		}
		if conds != 1 {
			out = append(out, problems.Newf(at(""), k.KPI, "%s: %d conditions (want exactly one of following, year-mean, year-green)", where, conds))
		}
	}
	return out
}

// windowProblems reports the earn-back KPIs that are not credit-bearing
// KPIs of the contract.
func (e EarnBack) windowProblems(kpis []Window) []problems.Problem {
	return listedWindows(kpis, "earn-back", e.KPIs, func(k EarnBackKPI) string { return k.KPI })
}

// byYear reports whether any of e's KPIs is earned back by a year
// condition, which needs Period.YearEnd.
func (e EarnBack) byYear() bool {
	for _, k := range e.KPIs {
		if k.YearMean != nil || k.YearGreen != 0 {
			return true
		}
	}
	return false
}

// earnBook is a Book's memory of the credits that can still be earned
// back: for each KPI and organisation under an earn-back rule, the credits
// waiting and the contract year's tally, in the order first seen.
type earnBook struct {
	rules    map[string]*EarnBackKPI
	index    map[[2]string]int
	subjects []earnSubject
}

// earnSubject is one KPI and organisation's waiting credits and year.
type earnSubject struct {
	kpi, org string
	rule     *EarnBackKPI
	waiting  []waitingCredit // the credits not yet earned back, oldest first
	year     int             // the contract year the tally is of
	sum      decimal.Decimal // YearMean: the sum of the year's rounded values
	values   int             // YearMean: how many values sum holds
	missing  int             // YearMean: the KPI-months due in the year without a value
	due      int             // the KPI-months due in the year
	greens   int             // the year's Green KPI-months
	dir      kpi.Direction   // the KPI's direction, from its values
	places   int32           // the KPI's places, from its values
}

// waitingCredit is a credit that can still be earned back.
type waitingCredit struct {
	month        kpi.Month
	credit, paid decimal.Decimal
	greens       int // Following: the Green KPI-months due since
}

func newEarnBook(e EarnBack) *earnBook {
	if len(e.KPIs) == 0 {
		return nil
	}
	b := &earnBook{rules: make(map[string]*EarnBackKPI, len(e.KPIs)), index: map[[2]string]int{}}
	for i := range e.KPIs {
		b.rules[e.KPIs[i].KPI] = &e.KPIs[i]
	}
	return b
}

// check reports a period p that breaks what the year conditions need:
// every contract year ends with a period marked YearEnd before the next
// begins, and no period follows one so marked in the same year. prev is
// the period before p; zero Month for the first.
func (e EarnBack) check(prev, p Period) error {
	if prev.Month.IsZero() || !e.byYear() {
		return nil
	}
	switch {
	case prev.YearEnd && p.Year == prev.Year:
		return &Error{Path: "YearEnd", Month: p.Month, Err: ErrInvalidPeriod,
			Msg: fmt.Sprintf("month %s: earn-back: %s was marked the last month of year %d, which %s is in too", p.Month, prev.Month, p.Year, p.Month)}
	case !prev.YearEnd && p.Year != prev.Year:
		return &Error{Path: "YearEnd", Month: p.Month, Err: ErrInvalidPeriod,
			Msg: fmt.Sprintf("month %s: earn-back: year %d begins, but %s was not marked the last month of year %d, where its year conditions are judged", p.Month, p.Year, prev.Month, prev.Year)}
	}
	return nil
}

// month takes period p's credit lines, lines (one per outcome, after the
// caps, whose cut of the month was cut, zero or more), into the book,
// and appends to all the earn-back lines p earns, in outcome order.
func (b *earnBook) month(p Period, lines []Line, cut decimal.Decimal, money Money, all []Line) []Line {
	for i := range p.Outcomes {
		o := &p.Outcomes[i]
		r := b.rules[o.KPI]
		if r == nil || o.Kind != kpi.KPI {
			continue
		}
		s := b.subject(o.KPI, o.Org, r)
		if s.year != p.Year {
			s.newYear(p.Year)
		}
		due := !(o.Status == kpi.Unmeasured && o.Absent == kpi.NotDue)
		green := o.Status == kpi.Green
		if due {
			s.due++
			if green {
				s.greens++
			}
			if res := o.Result(); res.Status == kpi.Green || res.Status == kpi.Amber || res.Status == kpi.Red {
				s.sum = s.sum.Add(res.Rounded)
				s.values++
				s.dir, s.places = res.Direction, res.Precision.Places
			} else {
				s.missing++
			}
		}
		if r.Following > 0 && due {
			if !green {
				s.waiting = s.waiting[:0] // the run of every waiting credit is broken
			}
			keep := s.waiting[:0]
			for _, c := range s.waiting {
				c.greens++
				if c.greens < r.Following {
					keep = append(keep, c)
					continue
				}
				why := fmt.Sprintf("green in each of the %d KPI-months due after it (to %s)", r.Following, p.Month)
				if r.Following == 1 {
					why = fmt.Sprintf("green in the KPI-month due after it (%s)", p.Month)
				}
				all = s.earn(all, p, c, why, money)
			}
			s.waiting = keep
		}
		if a := lines[i].Amount; a.Sign() > 0 {
			if paid := a.Sub(cut); paid.Sign() > 0 {
				s.waiting = append(s.waiting, waitingCredit{month: p.Month, credit: a, paid: paid})
			}
		}
	}
	if p.YearEnd {
		for i := range b.subjects {
			s := &b.subjects[i]
			if s.rule.Following > 0 || s.year != p.Year {
				continue
			}
			if why, ok := s.yearMet(); ok {
				for _, c := range s.waiting {
					all = s.earn(all, p, c, why, money)
				}
			}
			s.newYear(0)
		}
	}
	return all
}

// subject returns the subject of KPI id and organisation org, making it.
func (b *earnBook) subject(id, org string, r *EarnBackKPI) *earnSubject {
	k := [2]string{id, org}
	j, ok := b.index[k]
	if !ok {
		j = len(b.subjects)
		b.index[k] = j
		b.subjects = append(b.subjects, earnSubject{kpi: id, org: org, rule: r})
	}
	return &b.subjects[j]
}

// newYear starts the tally of contract year y. A year condition's credits
// not earned back by the end of their year are never earned back.
func (s *earnSubject) newYear(y int) {
	if s.rule.Following == 0 {
		s.waiting = s.waiting[:0]
	}
	s.year, s.sum, s.values, s.missing, s.due, s.greens = y, decimal.Zero, 0, 0, 0, 0
}

// yearMet reports whether the year tallied meets the subject's year
// condition, and says why in words.
func (s *earnSubject) yearMet() (string, bool) {
	r := s.rule
	if r.YearGreen > 0 {
		return fmt.Sprintf("contract year %d green in %d of its %d KPI-months due, at least %d", s.year, s.greens, s.due, r.YearGreen),
			s.greens >= r.YearGreen
	}
	if s.values == 0 || s.missing > 0 {
		return "", false
	}
	level := r.YearMean.Mul(decimal.NewFromInt(int64(s.values)))
	c := s.sum.Cmp(level)
	word, most := "above", "least"
	ok := c >= 0
	if s.dir == kpi.LowerIsBetter {
		word, most, ok = "below", "most", c <= 0
	}
	return fmt.Sprintf("contract year %d mean value at or %s %s: its %d values sum to %s, at %s %s x %d = %s",
		s.year, word, kpi.FormatValue(*r.YearMean), s.values, s.sum.StringFixed(s.places), most,
		kpi.FormatValue(*r.YearMean), s.values, kpi.FormatValue(level)), ok
}

// earn appends the earn-back line of credit c, earned in p for why.
func (s *earnSubject) earn(all []Line, p Period, c waitingCredit, why string, money Money) []Line {
	amount := money.Round(c.paid.Mul(s.rule.Share).Shift(-2))
	if amount.Sign() <= 0 {
		return all
	}
	cut := c.credit.Sub(c.paid)
	rule := fmt.Sprintf("earn-back of the %s credit %s: %s; %s%% of %s paid after that month's cap cuts of %s = %s returned; outside the caps",
		c.month, money.Format(c.credit), why, kpi.FormatValue(s.rule.Share), money.Format(c.paid), money.Format(cut), money.Format(amount))
	return append(all, Line{Kind: EarnBackLine, Month: p.Month, Year: p.Year, KPI: s.kpi, Org: s.org, Amount: amount.Neg(),
		Rule: rule, Extra: &LineExtra{Earned: &Earned{Month: c.month, Credit: c.credit, Paid: c.paid, Share: s.rule.Share}}})
}
