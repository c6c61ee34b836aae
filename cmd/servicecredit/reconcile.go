package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/servicecredit/engine/report"
)

// reconcileFormats are the output formats of reconcile.
var reconcileFormats = []string{"text", "json", "markdown", "html"}

func (e *env) reconcilePack(args []string) int {
	fs := e.newFlags("reconcile", "CONTRACT PACK... [flags]",
		`Reconcile checks a supplier's published performance pack: every published
figure against the figures it comes from. PACK is a pack's tables as
published, tab-separated (docs/reconcile.md describes the format); give one
or more. The relations file says which table belongs to which organisation
and which figures are totals, shares and complements of which; without
-relations, the contract file's reconcile section says it, if it has one
(not both: docs/reconcile.md). The contract's pooled KPIs, the pack's
period headings, targets, RAGs and board counts are checked without
either. With measurements (and mitigations) the board counts, RAGs and
values are checked against the engine's evaluation, and with -claims the
supplier's credit claim against its ledger.

Every finding names its place (FILE:LINE:CELL), check, indicator,
organisation and month, the published and recomputed figures, and a verdict:
agrees, disagrees, impossible or uncheckable. The exit status is 3 when a
finding of error severity disagrees or is impossible. The json format is
documented in docs/json-output.md.`)
	out := format("text")
	formatFlag(fs, &out, "output `format`: text, json, markdown or html (a web page, docs/html.md)", reconcileFormats...)
	relFile := fs.String("relations", "", "the relations `file` (YAML): tables' organisations, totals, shares, complements, severities; for a contract with no reconcile section")
	measFile := fs.String("measurements", "", "the measurements `file` (CSV) the board counts, RAGs, values and claims are checked against")
	mitFile := fs.String("mitigations", "", "the mitigations `file` (CSV, YAML or JSON) evaluated with the measurements")
	claimsFile := fs.String("claims", "", "the supplier's claim `file` (CSV): credits claimed per KPI and month, or per month")
	pos, stop := e.parse(fs, args)
	if stop != nil {
		return *stop
	}
	if len(pos) < 1 || (len(pos) < 2 && *claimsFile == "") {
		return e.usageError(fs, "want CONTRACT and at least one PACK (or -claims), got %d file names", len(pos))
	}
	if *mitFile != "" && *measFile == "" {
		return e.usageError(fs, "-mitigations needs -measurements: mitigations apply to an evaluation")
	}
	in, errs := e.read(pos[0], *measFile, *mitFile)
	if len(errs) > 0 {
		return e.problems("", errs...)
	}
	rin := reconcile.Input{Contract: in.contract, Measurements: in.measurements, Mitigations: in.register}
	rin.Relations, errs = relations(pos[0], *relFile, in.contract)
	if *claimsFile != "" {
		f, err := os.Open(*claimsFile)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot read: %w", *claimsFile, placed.Cause(err)))
		} else {
			rin.Claims, err = load.Claims(*claimsFile, f, in.contract)
			f.Close()
			errs = append(errs, load.Errors(err)...)
			rin.ClaimsFile = *claimsFile
		}
	}
	limit := false
	for _, name := range pos[1:] {
		data, err := os.ReadFile(name)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot read: %w", name, placed.Cause(err)))
			continue
		}
		p, err := pack.ReadPublished(name, bytes.NewReader(data))
		if err != nil {
			limit = limit || errors.Is(err, pack.ErrLimit)
			errs = append(errs, load.Errors(err)...)
			continue
		}
		rin.Packs = append(rin.Packs, p)
	}
	if len(errs) > 0 {
		code := e.problems("", errs...)
		if limit {
			return exitLimit
		}
		return code
	}
	rep, err := reconcile.Check(rin)
	if err != nil {
		return e.problems("", load.Errors(err)...)
	}
	var werr error
	switch out {
	case "json":
		werr = report.ReconcileJSON(e.stdout, in.contract, rep)
	case "markdown":
		werr = report.ReconcileMarkdown(e.stdout, in.contract, rep)
	case "html":
		werr = report.ReconcileHTML(e.stdout, in.contract, rep, rin.Packs)
	default:
		werr = report.ReconcileText(e.stdout, in.contract, rep)
	}
	if werr != nil {
		fmt.Fprintf(e.stderr, "servicecredit: writing the reconciliation: %v\n", werr)
		return exitLimit
	}
	if rep.Fails() {
		return exitFound
	}
	return exitOK
}

// relations reads the relations of a reconciliation of in's contract, read
// from contractFile: the relations file relFile, or, when it is "", the
// contract file's reconcile section. Both at once is a problem naming
// both: neither is chosen silently over the other.
func relations(contractFile, relFile string, c *contract.Contract) (reconcile.Relations, []error) {
	var errs []error
	data, err := os.ReadFile(contractFile)
	if err != nil {
		return reconcile.Relations{}, []error{fmt.Errorf("%s: cannot read: %w", contractFile, placed.Cause(err))}
	}
	rel, declared, err := load.ContractRelations(contractFile, data, c)
	errs = append(errs, load.Errors(err)...)
	if relFile == "" {
		return rel, errs
	}
	if declared {
		errs = append(errs, fmt.Errorf("%s: reconcile: the contract declares the relations, and so does -relations %s: give them in one place", contractFile, relFile))
	}
	data, err = os.ReadFile(relFile)
	if err != nil {
		return reconcile.Relations{}, append(errs, fmt.Errorf("%s: cannot read: %w", relFile, placed.Cause(err)))
	}
	rel, err = load.Relations(relFile, data, c)
	return rel, append(errs, load.Errors(err)...)
}
