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

// Measured is the outcome of a credit-bearing KPI id, a percentage,
// higher is better, to two places, with a TSL of tsl and an MSL of msl,
// measuring value in month m, for charges of charges: the value classified
// by kpi.Classify, as contract does, and unmitigated.
func Measured(id, value, tsl, msl string, m kpi.Month, charges decimal.Decimal) credits.Outcome {
	def := kpi.Definition{ID: id, Name: id, Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels(tsl, msl))}
	r := kpi.Classify(def, kpi.Measurement{KPI: id, Month: m, Value: decimal.RequireFromString(value)})
	return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: r.Status, Status: r.Status, Charges: charges, Measured: &r}
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

// Monthly prices s: it checks rules against the KPI in force for the
// twelve months from s.From (Rules.Validate), credits one period a month
// in contract year 1, each with the KPI's outcome (Measured), the month's
// charges and the year's (twelve times them) (credits.Calculate), and
// prints each line with its month's value as a per cent, then the
// ledger's total.
func Monthly(w io.Writer, rules credits.Rules, s Series) error {
	if err := rules.Validate([]credits.Window{{KPI: s.KPI, From: s.From, To: s.From.AddMonths(11)}}); err != nil {
		return err
	}
	var periods []credits.Period
	for i, v := range s.Values {
		m := s.From.AddMonths(i)
		periods = append(periods, credits.Period{Month: m, Year: 1, Charges: s.Charges,
			YearCharges: s.Charges.Mul(decimal.NewFromInt(12)), Outcomes: []credits.Outcome{Measured(s.KPI, v, s.TSL, s.MSL, m, s.Charges)}})
	}
	led, err := credits.Calculate(rules, periods)
	if err != nil {
		return err
	}
	for i, l := range led.Lines {
		if _, err := fmt.Fprintf(w, "%s %6s%% %9s  %s\n", l.Month.Pack(), s.Values[i], l.Amount.StringFixed(2), l.Rule); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(w, "total %s\n", led.Total.StringFixed(2))
	return err
}
