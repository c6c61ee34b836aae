package main

import (
	"errors"
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/seal"
)

func (e *env) closeMonths(args []string) int {
	fs := e.newFlags("close", "CONTRACT MEASUREMENTS [MITIGATIONS] -month M[..M] -seals DIR [flags]",
		`Close seals a month: it evaluates the contract from the first month of the
month's contract year (or the first month measured, if later) through the
month, and writes to DIR the month's seal, seal-YYYY-MM.json: every
KPI-month's value, thresholds, raw and mitigated status, mitigation, points,
credit and rule, the month's cap and withholding lines, totals and events,
with the SHA-256 of each input file and of the contract's canonical form
(docs/monthly-cycle.md). A range seals each of its months in turn, each as if
closed alone. A month already sealed with the same content is left as it is;
with different content it is refused (exit status 3) unless -reseal is
given, which keeps the earlier seal beside the new one. Nothing is written
unless every month can be. evaluate -seals DIR compares the seals with
today's result.`)
	months := &monthRange{}
	fs.TextVar(months, "month", monthRange{}, "the `month` to close: 2021-09, or a range 2021-06..2021-10 (required)")
	dir := fs.String("seals", "", "the seals `directory` DIR, created if needed (required)")
	reseal := fs.Bool("reseal", false, "seal a month again even when its seal differs, keeping the earlier seal beside the new one as seal-YYYY-MM.N.json")
	key := fs.String("key", "", "add an HMAC-SHA256 of each seal under the key in `file` (at least 16 bytes; one final newline is not part of the key)")
	from := new(kpi.Month)
	fs.TextVar(from, "from", kpi.Month{}, "evaluate from `month` instead (for caps or triggers that reach back further, such as a two-limb cap's later years)")
	files, stop := e.parseFiles(fs, args)
	if stop != nil {
		return *stop
	}
	if months.from.IsZero() {
		return e.usageError(fs, "-month: required (a month such as 2021-09, or a range 2021-06..2021-10)")
	}
	if *dir == "" {
		return e.usageError(fs, "-seals: required (the directory the seals are kept in)")
	}
	if !from.IsZero() && months.from.Before(*from) {
		return e.usageError(fs, "-from %s is after -month %s", *from, months.from)
	}
	d := e.hashInputs(files)
	in, errs := e.read(files[0], files[1], files[2])
	if len(errs) > 0 {
		return e.problems("", errs...)
	}
	c := in.contract
	for _, m := range []kpi.Month{months.from, months.to} {
		if m.Before(c.Commencement) || m.After(c.Last()) {
			return e.usageError(fs, "-month %s: not within the contract's term %s..%s", m, c.Commencement, c.Last())
		}
	}
	digests, err := d.inputs()
	if err != nil {
		return e.problems("", err)
	}
	k, err := readKey(*key)
	if err != nil {
		return e.problems("", err)
	}
	measured := map[kpi.Month]bool{}
	for _, ms := range in.measurements {
		measured[ms.Month] = true
	}
	var seals []*seal.Seal
	for m := months.from; !m.After(months.to); m = m.AddMonths(1) {
		if !measured[m] {
			return e.problems("", fmt.Errorf("%s: no measurement of %s: close a month once its figures are in", in.file, m))
		}
		s, err := seal.Close(c, contract.Input{From: *from, Measurements: in.measurements, Mitigations: in.register}, m, digests)
		if err != nil {
			return e.evaluation(in, err)
		}
		seals = append(seals, s)
	}
	var refused []error
	for _, s := range seals {
		if _, err := seal.Check(*dir, s, k, *reseal); errors.Is(err, seal.ErrSealed) {
			refused = append(refused, err)
		} else if err != nil {
			return e.problems("", err)
		}
	}
	if len(refused) > 0 {
		e.problems("", refused...)
		fmt.Fprintf(e.stderr, "close: nothing written: %s refused\n", plural(len(refused), "month"))
		return exitFound
	}
	for _, s := range seals {
		st, err := seal.Store(*dir, s, k, *reseal)
		if err != nil {
			return e.problems("", err)
		}
		credit, file := s.Credit.Credit, safetext.Term(st.File)
		switch {
		case st.Unchanged:
			fmt.Fprintf(e.stdout, "%s: already sealed with the same content: %s\n", s.Month, file)
		case st.Kept != "":
			fmt.Fprintf(e.stdout, "%s: resealed: %s (credit %s, evaluated from %s); the earlier seal kept as %s\n", s.Month, file, credit, s.From, safetext.Term(st.Kept))
		default:
			fmt.Fprintf(e.stdout, "%s: sealed: %s (credit %s, evaluated from %s)\n", s.Month, file, credit, s.From)
		}
	}
	return exitOK
}
