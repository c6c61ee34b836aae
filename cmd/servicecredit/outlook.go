package main

import (
	"errors"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/outlook"
	"github.com/servicecredit/engine/report"
)

// outlookFormats are the output formats of outlook.
var outlookFormats = []string{"text", "json"}

func (e *env) outlook(args []string) int {
	fs := e.newFlags("outlook", "CONTRACT MEASUREMENTS [MITIGATIONS] [-as-of M] [flags]",
		`Outlook looks ahead from a month: it evaluates the contract from the first
month measured (or -from) through the month -as-of names, and prints the
contract year so far; the headroom each cap leaves the next month, in money,
and the fewest failures that make it bind; each trigger's state, how many
more failures in which window fire it, and the events it raised this year as
evidence; the critical KPIs; each KPI's credit this year and what its next
failure would cost alone; and a forecast of the year's credit from the least,
mean and greatest monthly credit of the last three months, each month capped
as the contract caps it. docs/monthly-cycle.md gives every rule; the json
format is documented in docs/json-output.md.`)
	asOf, from := new(kpi.Month), new(kpi.Month)
	fs.TextVar(asOf, "as-of", kpi.Month{}, "the `month` to look ahead from (default: the last month measured)")
	fs.TextVar(from, "from", kpi.Month{}, "first `month` evaluated (default: the first month measured)")
	out := format("text")
	formatFlag(fs, &out, "output `format`: text or json", outlookFormats...)
	files, stop := e.parseFiles(fs, args)
	if stop != nil {
		return *stop
	}
	if !from.IsZero() && !asOf.IsZero() && asOf.Before(*from) {
		return e.usageError(fs, "-from %s is after -as-of %s", *from, *asOf)
	}
	in, errs := e.read(files[0], files[1], files[2])
	if len(errs) > 0 {
		return e.problems("", errs...)
	}
	c := in.contract
	first, last, usage, err := period(in.measurements, *from, *asOf)
	if usage != "" {
		return e.usageError(fs, "%s", strings.Replace(usage, "-to", "-as-of", 1))
	}
	if err != nil {
		return e.problems("outlook: ", err)
	}
	if last.Before(c.Commencement) || last.After(c.Last()) {
		return e.usageError(fs, "-as-of %s: not within the contract's term %s..%s", last, c.Commencement, c.Last())
	}
	o, err := outlook.Compute(c, contract.Input{From: first, Measurements: in.measurements, Mitigations: in.register}, last)
	if errors.Is(err, outlook.ErrAsOf) {
		return e.usageError(fs, "%v", err)
	}
	if err != nil {
		return e.evaluation(in, err)
	}
	if out == "json" {
		err = report.OutlookJSON(e.stdout, c, o)
	} else {
		err = report.OutlookText(e.stdout, c, o)
	}
	if err != nil {
		return e.problems("servicecredit: writing the report: ", err)
	}
	return exitOK
}
