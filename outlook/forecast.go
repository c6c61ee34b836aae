package outlook

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// ForecastRule is the forecast's rule in words, which every rendering
// states.
const ForecastRule = "year end = the credit to date, plus for each month left in the contract year the least, the mean or the greatest " +
	"monthly credit before caps of the last three months evaluated (their credit lines: a critical month's withholding is left out; " +
	"the mean rounded as the contract rounds money), each month capped as the contract caps it: the monthly cap on its own charges, " +
	"then what is left of the annual, rolling 12-month and two-limb caps after the months before it, evaluated and projected"

// forecast projects the year's credit.
func (w *work) forecast() {
	c, o, money := w.c, w.o, w.c.Credits.Money
	f := &o.Forecast
	f.ToDate, f.Rule = o.ToDate.Credit, ForecastRule
	months := w.res.Ledger.Months
	for _, mt := range months[max(0, len(months)-3):] {
		f.Basis = append(f.Basis, Basis{Month: mt.Month, Credit: mt.Uncapped.Sub(mt.Withheld)})
	}
	for m := o.Next; !m.IsZero() && !m.After(o.YearTo) && c.Year(m) == o.Year; m = m.AddMonths(1) {
		f.Left = append(f.Left, m)
	}
	least, greatest, sum := f.Basis[0].Credit, f.Basis[0].Credit, decimal.Zero
	for _, b := range f.Basis {
		least, greatest, sum = decimal.Min(least, b.Credit), decimal.Max(greatest, b.Credit), sum.Add(b.Credit)
	}
	mean, _ := kpi.Precision{Places: money.Places, Rounding: money.Rounding}.Quotient(sum, decimal.NewFromInt(int64(len(f.Basis))))
	for _, p := range []struct {
		into    *Projection
		monthly decimal.Decimal
	}{{&f.Least, least}, {&f.Mean, mean}, {&f.Greatest, greatest}} {
		*p.into = w.project(p.monthly)
	}
	var basis []string
	for _, b := range f.Basis {
		basis = append(basis, b.Month.String()+" "+money.Format(b.Credit))
	}
	f.Statements = []string{
		fmt.Sprintf("to date: %s in year %d's months evaluated (%s to %s)", money.Format(f.ToDate), o.Year, o.ToDate.From, o.ToDate.To),
		fmt.Sprintf("basis: %s", strings.Join(basis, ", ")),
		fmt.Sprintf("months left in year %d: %d", o.Year, len(f.Left)),
	}
}

// past is a month's charges and what it paid against the caps, for the
// rolling cap's windows.
type past struct {
	month            kpi.Month
	charges, running decimal.Decimal
}

// project returns the projection of monthly, an uncapped credit for each
// month left, capped month by month as the engine's Book caps a month's
// credit: the monthly cap, then the annual cap's remainder, the rolling
// cap's remainder over the 12 months to the month, the two-limb cap's
// remainder.
func (w *work) project(monthly decimal.Decimal) Projection {
	c, o, money, caps := w.c, w.o, w.c.Credits.Money, w.c.Credits.Caps
	p := Projection{Monthly: monthly}
	var hist []past
	used := decimal.Zero
	for _, mt := range w.res.Ledger.Months {
		hist = append(hist, past{mt.Month, mt.Charges, w.running(mt)})
		if mt.Year == o.Year {
			used = used.Add(w.running(mt))
		}
	}
	var yearCap, limbCap *decimal.Decimal
	for i := range o.Caps {
		h := &o.Caps[i]
		if h.Cap == credits.YearCap {
			yearCap = &h.Limit
		}
		if h.Cap == credits.TwoLimbCap && h.Known {
			limbCap = &h.Limit
		}
	}
	for _, m := range o.Forecast.Left {
		ch := monthCharges(c, m)
		run := monthly
		limit := func(left decimal.Decimal) {
			run = decimal.Min(run, decimal.Max(left, decimal.Zero))
		}
		if caps.Month != nil {
			limit(money.Round(ch.Mul(*caps.Month).Shift(-2)))
		}
		if yearCap != nil {
			limit(yearCap.Sub(used))
		}
		if caps.Rolling != nil {
			charges, paid := ch, decimal.Zero
			for _, h := range hist {
				if d := m.Sub(h.month); d >= 1 && d <= 11 {
					charges, paid = charges.Add(h.charges), paid.Add(h.running)
				}
			}
			limit(money.Round(charges.Mul(*caps.Rolling).Shift(-2)).Sub(paid))
		}
		if limbCap != nil {
			limit(limbCap.Sub(used))
		}
		hist = append(hist, past{m, ch, run})
		used = used.Add(run)
		p.Uncapped, p.Capped = p.Uncapped.Add(monthly), p.Capped.Add(run)
	}
	p.YearEnd = o.Forecast.ToDate.Add(p.Capped)
	return p
}
