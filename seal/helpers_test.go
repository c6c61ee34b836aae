package seal_test

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/mitigation"
	"github.com/servicecredit/engine/seal"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

const lincs = "../examples/lincolnshire"

// files are the inputs of an evaluation, read with load as the command
// reads them.
type files struct {
	c      *contract.Contract
	ms     []kpi.Measurement
	reg    *mitigation.Register
	inputs seal.Inputs
}

func (f files) input() contract.Input {
	return contract.Input{Measurements: f.ms, Mitigations: f.reg}
}

// read loads the contract, measurements and (when not "") mitigations
// files.
func read(t testing.TB, contractFile, measurementsFile, mitigationsFile string) files {
	t.Helper()
	var f files
	var err error
	f.c, err = load.ContractFile(contractFile)
	require.NoError(t, err)
	f.inputs.Contract = digest(t, contractFile)
	f.ms, err = load.MeasurementsFile(measurementsFile, f.c)
	require.NoError(t, err)
	f.inputs.Measurements = digest(t, measurementsFile)
	if mitigationsFile != "" {
		f.reg, err = load.MitigationsFile(mitigationsFile, f.c)
		require.NoError(t, err)
		f.inputs.Mitigations = digest(t, mitigationsFile)
	}
	return f
}

func digest(t testing.TB, name string) string {
	t.Helper()
	fh, err := os.Open(name)
	require.NoError(t, err)
	defer fh.Close()
	d, err := seal.FileDigest(fh)
	require.NoError(t, err)
	return d
}

// lincolnshire returns the shipped Lincolnshire files.
func lincolnshire(t testing.TB) files {
	return read(t, filepath.Join(lincs, "contract.yaml"), filepath.Join(lincs, "measurements.csv"), filepath.Join(lincs, "mitigations.yaml"))
}

func month(s string) kpi.Month { return kpi.MustParseMonth(s) }

var errNotExist = os.ErrNotExist

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func writeFile(t testing.TB, name string, data []byte) {
	t.Helper()
	require.NoError(t, os.WriteFile(name, data, 0o644))
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return b
}

// small returns a contract of one KPI, one organisation, a Points regime
// and a monthly cap, commencing 2021-04 for 24 months.
func small() *contract.Contract {
	monthCap := dec("1")
	return &contract.Contract{
		Name: "Small", Customer: "C", Supplier: "S", Commencement: month("2021-04"), Term: 24, Orgs: []string{"X"},
		Charges:  []contract.Charge{{Org: "X", From: month("2021-04"), Amount: dec("100000.00")}},
		Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Red},
		KPIs: []contract.KPI{{Definition: kpi.Definition{ID: "A", Name: "Availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter,
			Kind: kpi.KPI, Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99", "98"))}}},
		Credits: credits.Rules{
			Regime: credits.Points{Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.5"), Weights: []credits.Weight{{KPI: "A", From: month("2021-04"), Points: dec("4")}}},
			Caps:   credits.Caps{Month: &monthCap},
			Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
		},
	}
}

// revisionLines writes r's revisions as the tests compare them, such as
// "2021-05 credit A 1000.00 -> 2000.00 1000.00": the month, what changed,
// the KPI (or, for a cap's revision, the cap), the texts as sealed and
// today, and the adjustment. With moving, only those that move money (a
// nonzero adjustment) are written.
func revisionLines(r *seal.Restatement, moving bool) []string {
	var out []string
	for _, rv := range r.Revisions {
		if moving && rv.Adjustment.IsZero() {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s %s %s -> %s %s", rv.Month, rv.What, cmp.Or(rv.KPI, rv.Cap), rv.Before, rv.After, rv.Adjustment.StringFixed(2)))
	}
	return out
}
