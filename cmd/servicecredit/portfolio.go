package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/portfolio"
	"github.com/servicecredit/engine/report"
)

// portfolioFormats are the output formats of portfolio.
var portfolioFormats = []string{"text", "csv", "json"}

func (e *env) portfolio(args []string) int {
	fs := e.newFlags("portfolio", "MANIFEST [flags]",
		`Portfolio evaluates every contract a manifest lists, several at once, and
prints in the manifest's order, per contract and contract year, the charges
of the months evaluated, the whole year's charges, the uncapped credit, the
caps' cut and the credit, then the totals per customer, per supplier and of
the portfolio. Each contract's months (-from and -to, or its months measured)
are clipped to its own term, and the clipping is noted. Amounts keep each
contract's money places. The output is the same bytes whatever -j.

MANIFEST is YAML (docs/portfolio.md): contracts: [{label, contract,
measurements, mitigations, seals}], file names relative to the manifest. With
a contract's seals (servicecredit close), its sealed months are compared with
today's result and its revisions summarised. A contract whose files have
problems is reported with them, on standard output and standard error, and
the others are evaluated all the same: the exit status is then 3, as it is
when a seal was edited or fails its HMAC. A progress line goes to standard
error when it is a terminal.`)
	from, to := new(kpi.Month), new(kpi.Month)
	fs.TextVar(from, "from", kpi.Month{}, "first `month` evaluated, 2021-06 or Jun-21 (default: each contract's first month measured)")
	fs.TextVar(to, "to", kpi.Month{}, "last `month` evaluated (default: each contract's last month measured)")
	out := format("text")
	formatFlag(fs, &out, "output `format`: text, csv or json", portfolioFormats...)
	workers := fs.Int("j", 0, "evaluate `N` contracts at once (default 0: the number of cores)")
	keyFile := fs.String("key", "", "the HMAC key `file` the contracts' seals were sealed with; a seal without a matching HMAC is not trusted")
	pos, stop := e.parse(fs, args)
	if stop != nil {
		return *stop
	}
	if len(pos) != 1 {
		return e.usageError(fs, "want 1 manifest file name, got %d", len(pos))
	}
	if *workers < 0 {
		return e.usageError(fs, "-j %d: want 1 or more, or 0 for the number of cores", *workers)
	}
	if !from.IsZero() && !to.IsZero() && to.Before(*from) {
		return e.usageError(fs, "-from %s is after -to %s", *from, *to)
	}
	name := pos[0]
	if fi, err := os.Stat(name); err == nil && fi.Size() > load.MaxManifestBytes {
		return e.problems("", fmt.Errorf("%s: larger than %d bytes (8 MiB): the limit: %w", name, load.MaxManifestBytes, contract.ErrLimit))
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return e.problems("", fmt.Errorf("%s: cannot read: %w", name, placed.Cause(err)))
	}
	m, err := load.ReadManifest(name, data)
	if err != nil {
		return e.problems("", load.Errors(err)...)
	}
	key, err := readKey(*keyFile)
	if err != nil {
		return e.problems("", err)
	}
	opt := portfolio.Options{From: *from, To: *to, Workers: *workers}
	if terminal(e.stderr) {
		opt.Progress = func(p portfolio.Progress) {
			fmt.Fprintf(e.stderr, "\rportfolio: %d of %d contracts done, %d failed", p.Done, p.Total, p.Failed)
			if p.Done == p.Total {
				fmt.Fprint(e.stderr, "\r"+strings.Repeat(" ", 60)+"\r")
			}
		}
	}
	if os.Getenv("GOGC") == "" {
		// A run keeps little and throws away much (portfolio.GCPercent).
		defer debug.SetGCPercent(debug.SetGCPercent(portfolio.GCPercent))
	}
	res := portfolio.Run(m.Entries(key), opt)
	code := exitOK
	for i := range res.Contracts {
		s := &res.Contracts[i]
		if s.Status != portfolio.Failed {
			continue
		}
		code = max(code, exitFound) // a runtime failure's 4 stands
		e.problems("", s.Problems...)
		for _, p := range s.Problems {
			var pe *portfolio.PanicError
			if errors.As(p, &pe) {
				code = exitLimit
			}
		}
	}
	for i := range res.Contracts {
		if rv := res.Contracts[i].Revisions; rv != nil && len(rv.Untrusted) > 0 {
			code = max(code, exitFound)
			e.problems("", rv.Untrusted...)
		}
	}
	if n := res.Count(portfolio.Failed); n > 0 {
		fmt.Fprintf(e.stderr, "portfolio: %d of %s failed\n", n, plural(len(res.Contracts), "contract"))
	}
	switch out {
	case "json":
		err = report.PortfolioJSON(e.stdout, name, res)
	case "csv":
		err = report.PortfolioCSV(e.stdout, res)
	default:
		err = report.PortfolioText(e.stdout, name, res)
	}
	if err != nil {
		return e.problems("servicecredit: writing the report: ", err)
	}
	return code
}

// terminal reports whether w is a terminal (a character device), where a
// progress line helps a person and never reaches a file or a pipe.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
