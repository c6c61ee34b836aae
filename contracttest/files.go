package contracttest

import (
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
)

// EvaluateFiles reads a contract file, a measurements file and, unless
// mitigationsFile is empty, a mitigations file (the formats of
// docs/contract-format.md), and evaluates the months measured, from the
// first to the last, as `servicecredit evaluate` does without -from and
// -to. Any problem, in a file or in the evaluation, fails t with the
// message the command would print (file:line:column first); so does a
// measurements file with no month measured.
func EvaluateFiles(t TB, contractFile, measurementsFile, mitigationsFile string) (*contract.Contract, *contract.Result) {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	c, err := load.ContractFile(contractFile)
	if err != nil {
		fatal(t, "%v", err)
		return nil, nil
	}
	in := contract.Input{}
	if in.Measurements, err = load.MeasurementsFile(measurementsFile, c); err != nil {
		fatal(t, "%v", err)
		return nil, nil
	}
	if mitigationsFile != "" {
		if in.Mitigations, err = load.MitigationsFile(mitigationsFile, c); err != nil {
			fatal(t, "%v", err)
			return nil, nil
		}
	}
	in.From, in.To = measured(in.Measurements)
	if in.From.IsZero() {
		fatal(t, "%s: no month measured", measurementsFile)
		return nil, nil
	}
	res, err := c.Evaluate(in)
	if err != nil {
		fatal(t, "%v", err)
		return nil, nil
	}
	return c, res
}

// measured returns the first and last months of ms; zero months when ms
// is empty.
func measured(ms []kpi.Measurement) (first, last kpi.Month) {
	for _, m := range ms {
		if first.IsZero() || m.Month.Before(first) {
			first = m.Month
		}
		if m.Month.After(last) {
			last = m.Month
		}
	}
	return first, last
}
