// Command brent-lewisham evaluates the ICT shared service of the London
// Boroughs of Brent and Lewisham from its April 2017 performance pack:
// twelve months from April 2016, every row of both "KPI Performance"
// tables, read from files only (contract.yaml, brent.tsv, lewisham.tsv).
//
// It prints each council's table as the pack does, a combined view of the
// shared service (call volumes summed, SLA percentages pooled by volume,
// availability of the councils' different systems not combined), the
// overall SLA performance computed from P1-P4 beside the pack's published
// figure, and the report cards of the Red months.
//
// The pack's tables have flaws a real file has too; the shipped tables
// correct them, each with a comment saying what and why, and
// pack/testdata holds the raw transcriptions with the errors they give.
// The decisions the pack does not make for us (no service credits, no
// Amber band, which unavailable values count as failures) are explained
// in contract.yaml.
//
// Then it reconciles the pack as published (brent-published.tsv and
// lewisham-published.tsv, the raw transcriptions with their flaws) with
// the relations the pack defines (relations.yaml), and prints every
// finding: the mislabelled month headings, the misspelt rows, the short
// rows, the percentages no whole number of calls gives, the totals that do
// not add up and the overall SLA figures that are not their weighted
// parts. It is what `servicecredit reconcile contract.yaml
// brent-published.tsv lewisham-published.tsv -relations relations.yaml`
// prints, and that command exits 3.
//
// `go run ./examples/brent-lewisham measurements` writes the corrected
// tables as a measurements file instead, the one shipped as
// measurements.csv, so that `servicecredit evaluate` reads the pack too:
//
//	go run ./examples/brent-lewisham measurements > examples/brent-lewisham/measurements.csv
//
// The example's test checks that the shipped file is what the tables give.
package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/servicecredit/engine/report"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "measurements" {
		if err := run(os.Stdout, "examples/brent-lewisham", "measurements"); err != nil {
			fmt.Fprintln(os.Stderr, "brent-lewisham:", err)
			os.Exit(1)
		}
		return
	}
	for _, format := range []string{"text", "reconcile"} {
		if err := run(os.Stdout, "examples/brent-lewisham", format); err != nil {
			fmt.Fprintln(os.Stderr, "brent-lewisham:", err)
			os.Exit(1)
		}
		fmt.Println()
	}
}

// evaluate loads the example's files from dir and evaluates them.
func evaluate(dir string) (*contract.Contract, *contract.Result, error) {
	c, ms, err := measurements(dir)
	if err != nil {
		return nil, nil, err
	}
	res, err := c.Evaluate(contract.Input{Measurements: ms})
	return c, res, err
}

// measurements loads the contract and reads the pack's tables from dir:
// Brent's, then Lewisham's.
func measurements(dir string) (*contract.Contract, []kpi.Measurement, error) {
	c, err := load.ContractFile(filepath.Join(dir, "contract.yaml"))
	if err != nil {
		return nil, nil, err
	}
	var ms []kpi.Measurement
	for _, t := range []struct{ file, org string }{{"brent.tsv", "Brent"}, {"lewisham.tsv", "Lewisham"}} {
		data, err := os.ReadFile(filepath.Join(dir, t.file))
		if err != nil {
			return nil, nil, err
		}
		got, err := pack.Read(t.file, bytes.NewReader(data), c, t.org)
		if err != nil {
			return nil, nil, err
		}
		ms = append(ms, got...)
	}
	return c, ms, nil
}

// writeMeasurements writes ms as a measurements file
// (docs/contract-format.md): a row a KPI-month, each value as the table
// prints it, each absence as the pack spells it.
func writeMeasurements(w io.Writer, ms []kpi.Measurement) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"kpi", "organisation", "month", "value"})
	for _, m := range ms {
		v := kpi.FormatValue(m.Value)
		switch m.Absent {
		case 0:
		case kpi.Unavailable:
			v = "UNVL"
		case kpi.NotApplicable:
			v = "N/A"
		default:
			return fmt.Errorf("%s %s %s: absence %s: the pack has no word for it", m.KPI, m.Org, m.Month, m.Absent)
		}
		_ = cw.Write([]string{m.KPI, m.Org, m.Month.String(), v})
	}
	cw.Flush()
	return cw.Error()
}

// reconcilePublished reconciles the pack as published, from dir.
func reconcilePublished(dir string) (*contract.Contract, *reconcile.Report, error) {
	c, err := load.ContractFile(filepath.Join(dir, "contract.yaml"))
	if err != nil {
		return nil, nil, err
	}
	in := reconcile.Input{Contract: c}
	data, err := os.ReadFile(filepath.Join(dir, "relations.yaml"))
	if err != nil {
		return nil, nil, err
	}
	if in.Relations, err = load.Relations("relations.yaml", data, c); err != nil {
		return nil, nil, err
	}
	for _, file := range []string{"brent-published.tsv", "lewisham-published.tsv"} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			return nil, nil, err
		}
		p, err := pack.ReadPublished(file, bytes.NewReader(data))
		if err != nil {
			return nil, nil, err
		}
		in.Packs = append(in.Packs, p)
	}
	rep, err := reconcile.Check(in)
	return c, rep, err
}

// run writes the report in format "text" (the pack's tables) or "json",
// the reconciliation of the pack as published, "reconcile" (text) or
// "reconcile-json", or the tables as a measurements file,
// "measurements".
func run(w io.Writer, dir, format string) error {
	if format == "measurements" {
		_, ms, err := measurements(dir)
		if err != nil {
			return err
		}
		return writeMeasurements(w, ms)
	}
	if format == "reconcile" || format == "reconcile-json" {
		c, rep, err := reconcilePublished(dir)
		if err != nil {
			return err
		}
		if format == "reconcile-json" {
			return report.ReconcileJSON(w, c, rep)
		}
		return report.ReconcileText(w, c, rep)
	}
	c, res, err := evaluate(dir)
	if err != nil {
		return err
	}
	if format == "json" {
		return report.JSON(w, c, res)
	}
	return report.Pack(w, c, res)
}
