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

// Monthly prices a worked example that follows one KPI, id, in force
// for the twelve months from from: it checks rules against it
// (Rules.Validate), credits one period a month from from, in contract
// year 1, each with charges of charges (year charges twelve times them)
// and the next of outcomes (credits.Calculate), and prints each line with
// its month's value, values[i] for the i-th, as a per cent, then the
// ledger's total.
func Monthly(w io.Writer, rules credits.Rules, id string, from kpi.Month, charges decimal.Decimal, values []string, outcomes ...credits.Outcome) error {
	if err := rules.Validate([]credits.Window{{KPI: id, From: from, To: from.AddMonths(11)}}); err != nil {
		return err
	}
	var periods []credits.Period
	for i, o := range outcomes {
		periods = append(periods, credits.Period{Month: from.AddMonths(i), Year: 1, Charges: charges,
			YearCharges: charges.Mul(decimal.NewFromInt(12)), Outcomes: []credits.Outcome{o}})
	}
	led, err := credits.Calculate(rules, periods)
	if err != nil {
		return err
	}
	for i, l := range led.Lines {
		if _, err := fmt.Fprintf(w, "%s %6s%% %9s  %s\n", l.Month.Pack(), values[i], l.Amount.StringFixed(2), l.Rule); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(w, "total %s\n", led.Total.StringFixed(2))
	return err
}
