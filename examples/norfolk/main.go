// Command norfolk evaluates Norfolk County Council's IMT "vital signs"
// for February to August 2017, as its committee report presents them,
// from files only (contract.yaml and measurements.csv).
//
// It shows strict and inclusive targets side by side ("below 10%" is met by
// 9.99% but not 10%; "1.5 or below" is met by 1.5), minimum levels written
// as 5% of the target, the availability the report prints as 99% derived
// from its 118,800 agreed minutes with the exact value, the contract's
// rounding and the status under it, and the report's rule for report
// cards: Red, or varying from the target by 5% or more.
//
// The report gives most indicators for August only; the other months are
// reported as missing, not guessed. The first-line-fix value is
// illustrative (the report shows it as a graph); every other value is the
// report's. The decisions the report does not make are explained in
// contract.yaml.
package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/report"
)

// evaluate loads the example's files from dir and evaluates February to
// August 2017.
func evaluate(dir string) (*contract.Contract, *contract.Result, error) {
	c, err := load.ContractFile(filepath.Join(dir, "contract.yaml"))
	if err != nil {
		return nil, nil, err
	}
	ms, err := load.MeasurementsFile(filepath.Join(dir, "measurements.csv"), c)
	if err != nil {
		return nil, nil, err
	}
	res, err := c.Evaluate(contract.Input{From: kpi.MustParseMonth("2017-02"), To: kpi.MustParseMonth("2017-08"), Measurements: ms})
	return c, res, err
}

// run writes the report in format "text" (the pack's table, report cards
// and August's reasons) or "json".
func run(w io.Writer, dir, format string) error {
	c, res, err := evaluate(dir)
	if err != nil {
		return err
	}
	if format == "json" {
		return report.JSON(w, c, res)
	}
	if err := report.Pack(w, c, res); err != nil {
		return err
	}
	aug := res.Months[len(res.Months)-1]
	fmt.Fprintf(w, "\nAugust 2017, indicator by indicator\n")
	for _, cell := range aug.Cells {
		fmt.Fprintf(w, "%-9s %s\n", cell.Measured.KPI, cell.Reason())
	}
	return nil
}

func main() {
	cli.Main("norfolk", func(w io.Writer) error { return run(w, "examples/norfolk", "text") })
}
