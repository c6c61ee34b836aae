// Command claims reconciles a supplier's published performance pack and
// its service-credit claim for a quarter against the contract, from files
// only: contract.yaml, measurements.csv, pack.tsv (the pack as published,
// months as rows), relations.yaml (what its rows mean) and claims.csv (the
// credits the supplier put on the invoice).
//
// Every published figure agrees: the targets, the RAGs, the values, the
// P1 percentages against their calls, the quarter's totals and the board
// counts. One claim line does not: the supplier priced May's amber
// abandonment at a quarter of its points instead of a half, 250.00
// instead of 500.00. It prints what `servicecredit reconcile
// contract.yaml pack.tsv -relations relations.yaml -measurements
// measurements.csv -claims claims.csv` prints, and that command exits 3.
package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"

	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/servicecredit/engine/report"
)

// check reads the example's files from dir and reconciles them.
func check(dir string) (*reconcile.Input, *reconcile.Report, error) {
	read := func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }
	data, err := read("contract.yaml")
	if err != nil {
		return nil, nil, err
	}
	c, err := load.Contract("contract.yaml", data)
	if err != nil {
		return nil, nil, err
	}
	in := &reconcile.Input{Contract: c, ClaimsFile: "claims.csv"}
	if data, err = read("measurements.csv"); err != nil {
		return nil, nil, err
	}
	if in.Measurements, err = load.Measurements("measurements.csv", bytes.NewReader(data), c); err != nil {
		return nil, nil, err
	}
	if data, err = read("relations.yaml"); err != nil {
		return nil, nil, err
	}
	if in.Relations, err = load.Relations("relations.yaml", data, c); err != nil {
		return nil, nil, err
	}
	if data, err = read("claims.csv"); err != nil {
		return nil, nil, err
	}
	if in.Claims, err = load.Claims("claims.csv", bytes.NewReader(data), c); err != nil {
		return nil, nil, err
	}
	if data, err = read("pack.tsv"); err != nil {
		return nil, nil, err
	}
	p, err := pack.ReadPublished("pack.tsv", bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	in.Packs = []*pack.Published{p}
	rep, err := reconcile.Check(*in)
	return in, rep, err
}

// run writes the reconciliation of the files in dir.
func run(w io.Writer, dir string) error {
	in, rep, err := check(dir)
	if err != nil {
		return err
	}
	return report.ReconcileText(w, in.Contract, rep)
}

func main() {
	cli.Main("claims", func(w io.Writer) error { return run(w, "examples/claims") })
}
