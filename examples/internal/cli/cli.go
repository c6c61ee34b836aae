package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Main runs run, an example named name, printing to standard output; on
// an error it prints "name: error" to standard error and exits with
// status 1.
func Main(name string, run func(w io.Writer) error) {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// Printer prints an example to a writer and keeps the first error writing
// it, so that an example prints line by line and returns that error once,
// at the end (Err), in place of checking every line or dropping the errors.
type Printer struct {
	w   io.Writer
	err error
}

// NewPrinter is a Printer printing to w.
func NewPrinter(w io.Writer) *Printer { return &Printer{w: w} }

// Printf prints as fmt.Fprintf does, unless an earlier print failed.
func (p *Printer) Printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// Err is the first error printing, or nil.
func (p *Printer) Err() error { return p.err }

// Lines prints each of led's lines: its month, its label (Label), its
// amount and its rule.
func (p *Printer) Lines(led *credits.Ledger) {
	for _, l := range led.Lines {
		p.Printf("%s %-7s %9s  %s\n", l.Month.Pack(), Label(l), l.Amount.StringFixed(2), l.Rule)
	}
}

// Windows are the windows of the KPIs ids, each in force from from to to,
// as Rules.Validate takes them.
func Windows(from, to kpi.Month, ids ...string) []credits.Window {
	ws := make([]credits.Window, 0, len(ids))
	for _, id := range ids {
		ws = append(ws, credits.Window{KPI: id, From: from, To: to})
	}
	return ws
}

// Status is the outcome of KPI id given status s, both as measured and as
// credited, for charges of charges: no value behind it, unmitigated.
func Status(id string, s kpi.Status, charges decimal.Decimal) credits.Outcome {
	return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: s, Status: s, Charges: charges}
}

// Month is the period of month m (as kpi.MustParseMonth reads it) in
// contract year 1, with charges of charges, the year's twelve times them,
// and the outcomes of the KPIs ids, each with the status in the same place
// of statuses (Status).
func Month(m string, charges decimal.Decimal, ids []string, statuses ...kpi.Status) credits.Period {
	p := credits.Period{Month: kpi.MustParseMonth(m), Year: 1, Charges: charges, YearCharges: charges.Mul(decimal.NewFromInt(12))}
	for i, id := range ids {
		p.Outcomes = append(p.Outcomes, Status(id, statuses[i], charges))
	}
	return p
}

// Classified is the outcome of def measuring value in month m, for charges
// of charges: the value classified by kpi.Classify, as contract does, and
// unmitigated.
func Classified(def kpi.Definition, m kpi.Month, value string, charges decimal.Decimal) credits.Outcome {
	r := kpi.Classify(def, kpi.Measurement{KPI: def.ID, Month: m, Value: decimal.RequireFromString(value)})
	o := Status(def.ID, r.Status, charges)
	o.Measured = &r
	return o
}

// Measured is the outcome of a credit-bearing KPI id, a percentage,
// higher is better, to two places, with a TSL of tsl and an MSL of msl,
// measuring value in month m, for charges of charges (Classified).
func Measured(id, value, tsl, msl string, m kpi.Month, charges decimal.Decimal) credits.Outcome {
	return Classified(percent(id, tsl, msl), m, value, charges)
}

// percent is a credit-bearing KPI id, a percentage, higher is better, to
// two places, with a TSL of tsl and an MSL of msl.
func percent(id, tsl, msl string) kpi.Definition {
	return kpi.Definition{ID: id, Name: id, Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels(tsl, msl))}
}

// Periods are one period a month from from, as many as values[0] holds,
// each with charges of charges, the year's twelve times them, in contract
// year 1 for the first twelve months, 2 for the next twelve, and so on,
// the twelfth month of each ending its year, and the outcome of each of
// defs measuring its values, values[k] def k's, a month each (Classified).
func Periods(from kpi.Month, charges decimal.Decimal, defs []kpi.Definition, values [][]string) []credits.Period {
	var periods []credits.Period
	for i := range values[0] {
		m := from.AddMonths(i)
		p := credits.Period{Month: m, Year: i/12 + 1, YearEnd: i%12 == 11, Charges: charges, YearCharges: charges.Mul(decimal.NewFromInt(12))}
		for k, def := range defs {
			p.Outcomes = append(p.Outcomes, Classified(def, m, values[k][i], charges))
		}
		periods = append(periods, p)
	}
	return periods
}

// Ledger checks rules against the KPIs of defs in force for the twelve
// months from from (Rules.Validate), then credits their values, values[k]
// def k's, a month each from from, each month's charges charges
// (Periods, credits.Calculate).
func Ledger(rules credits.Rules, from kpi.Month, charges decimal.Decimal, defs []kpi.Definition, values [][]string) (*credits.Ledger, error) {
	ids := make([]string, 0, len(defs))
	for _, def := range defs {
		ids = append(ids, def.ID)
	}
	if err := rules.Validate(Windows(from, from.AddMonths(11), ids...)); err != nil {
		return nil, err
	}
	return credits.Calculate(rules, Periods(from, charges, defs, values))
}

// Label names a ledger line as the examples print it: "cap" for a cap's
// cut, "withheld" for a critical month's withholding, "earn-back" and the
// KPI for an earlier credit earned back, and the KPI for a credit.
func Label(l credits.Line) string {
	switch l.Kind {
	case credits.CapLine:
		return "cap"
	case credits.WithholdLine:
		return "withheld"
	case credits.EarnBackLine:
		return "earn-back " + l.KPI
	}
	return l.KPI
}

// Series is a worked example that follows one KPI month by month: its
// id, its TSL and MSL (as Measured takes them), its first month, each
// month's charges, and its values, one a month from From.
type Series struct {
	KPI      string          // the KPI's id
	TSL, MSL string          // its levels
	From     kpi.Month       // the first month measured
	Charges  decimal.Decimal // each month's charges
	Values   []string        // the values measured, a month each
}

// Monthly prices s: it credits the KPI's values (Ledger), the KPI a
// percentage, higher is better, to two places, as Measured takes it, and
// prints each line with its month's value as a per cent, then the
// ledger's total.
func Monthly(w io.Writer, rules credits.Rules, s Series) error {
	led, err := Ledger(rules, s.From, s.Charges, []kpi.Definition{percent(s.KPI, s.TSL, s.MSL)}, [][]string{s.Values})
	if err != nil {
		return err
	}
	p := NewPrinter(w)
	for i, l := range led.Lines {
		p.Printf("%s %6s%% %9s  %s\n", l.Month.Pack(), s.Values[i], l.Amount.StringFixed(2), l.Rule)
	}
	p.Printf("total %s\n", led.Total.StringFixed(2))
	return p.Err()
}
