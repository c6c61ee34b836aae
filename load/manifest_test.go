package load_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/portfolio"
	"github.com/stretchr/testify/require"
)

// TestReadManifest reads the example manifest: every file resolved
// against the manifest's directory, labels as given.
func TestReadManifest(t *testing.T) {
	data, err := os.ReadFile("../examples/portfolio.yaml")
	require.NoError(t, err)
	m, err := load.ReadManifest("../examples/portfolio.yaml", data)
	require.NoError(t, err)
	require.Len(t, m.Contracts, 11)
	want := load.ManifestEntry{Label: "Lincolnshire IMT", Contract: "../examples/lincolnshire/contract.yaml",
		Measurements: "../examples/lincolnshire/measurements.csv", Mitigations: "../examples/lincolnshire/mitigations.yaml",
		Seals: "../examples/lincolnshire/monthly/seals", Line: 4, Column: 5}
	if diff := cmp.Diff(want, m.Contracts[0]); diff != "" {
		t.Errorf("first entry (-want +got):\n%s", diff)
	}
	last := m.Contracts[10]
	require.Equal(t, []any{"", "../examples/incidents/contract.yaml", 10}, []any{last.Label, last.Contract, last.Index})
	for _, e := range m.Contracts {
		for _, f := range []string{e.Contract, e.Measurements} {
			_, err := os.Stat(f)
			require.NoError(t, err)
		}
	}
}

// TestManifestProblems checks each problem of a manifest, with its exact
// message at its line and column.
func TestManifestProblems(t *testing.T) {
	abs, err := filepath.Abs("/srv/c.yaml")
	require.NoError(t, err)
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"absolute and relative", "contracts:\n  - {contract: " + abs + ", measurements: m/m.csv}\n", nil},
		{"not yaml", "contracts: [\n", []string{"p/m.yaml:2:1: not valid YAML or JSON: did not find expected node content"}},
		{"empty file", "", []string{"p/m.yaml: empty file (want a mapping of fields, such as contracts: ...)"}},
		{"no contracts field", "label: x\n", []string{"p/m.yaml:1:1: label: unknown field (want one of contracts)"}},
		{"contracts missing", "contracts:\n", []string{"p/m.yaml:1:11: contracts: missing (want a list of contracts, each with its contract and measurements files)"}},
		{"no contracts", "contracts: []\n", []string{"p/m.yaml:1:12: contracts: no contracts (want at least one)"}},
		{"a mapping", "contracts: {a: b}\n", []string{"p/m.yaml:1:12: contracts: want a list, not a mapping"}},
		{"unknown key", "contracts:\n  - {contract: c.yaml, measurements: m.csv, mitigation: x.csv}\n",
			[]string{"p/m.yaml:2:45: contracts[0].mitigation: unknown field (want one of label, contract, measurements, mitigations, seals)"}},
		{"repeated key", "contracts:\n  - contract: c.yaml\n    contract: d.yaml\n    measurements: m.csv\n",
			[]string{"p/m.yaml:3:5: contracts[0].contract: field given twice (first at line 2)"}},
		{"missing files", "contracts:\n  - label: a\n", []string{
			"p/m.yaml:2:5: contracts[0].contract: missing (want the contract file's name)",
			"p/m.yaml:2:5: contracts[0].measurements: missing (want the measurements file's name)"}},
		{"empty names", "contracts:\n  - {label: '', contract: '', measurements: m.csv, mitigations: ''}\n", []string{
			"p/m.yaml:2:13: contracts[0].label: empty (want a label, or leave it out for the contract's name)",
			"p/m.yaml:2:27: contracts[0].contract: empty (want a file name)",
			"p/m.yaml:2:65: contracts[0].mitigations: empty (want a file name)"}},
		{"label twice", "contracts:\n  - {label: A, contract: c.yaml, measurements: m.csv}\n  - {contract: c.yaml, measurements: m.csv}\n  - {label: A, contract: d.yaml, measurements: m.csv}\n",
			[]string{`p/m.yaml:4:13: contracts[2].label "A": labels another contract already (line 2): labels must be unique`}},
		{"a label of a list", "contracts:\n  - {label: [a], contract: c.yaml, measurements: m.csv}\n",
			[]string{"p/m.yaml:2:13: contracts[0].label: want a single value, not a list"}},
		{"empty seals", "contracts:\n  - {contract: c.yaml, measurements: m.csv, seals: ''}\n", []string{
			`p/m.yaml:2:52: contracts[0].seals: empty (want a file name)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := load.ReadManifest("p/m.yaml", []byte(tc.yaml))
			if tc.want == nil {
				require.NoError(t, err)
				require.Equal(t, []string{abs, "p/m/m.csv"}, []string{m.Contracts[0].Contract, m.Contracts[0].Measurements})
				return
			}
			require.Nil(t, m)
			var got []string
			for _, e := range load.Errors(err) {
				got = append(got, e.Error())
			}
			require.Equal(t, tc.want, got)
			require.ErrorIs(t, err, load.ErrInvalid)
		})
	}
}

// TestManifestLimits checks the manifest's limits, refused with errors
// wrapping contract.ErrLimit.
func TestManifestLimits(t *testing.T) {
	big := make([]byte, load.MaxManifestBytes+1)
	_, err := load.ReadManifest("m.yaml", big)
	require.EqualError(t, err, "m.yaml: larger than 8388608 bytes (8 MiB): the limit")
	require.ErrorIs(t, err, contract.ErrLimit)
	many := "contracts:\n" + strings.Repeat("  - {contract: c.yaml, measurements: m.csv}\n", load.MaxManifestContracts+1)
	_, err = load.ReadManifest("m.yaml", []byte(many))
	require.EqualError(t, err, "m.yaml:2:3: contracts: 10001 contracts: more than the limit of 10000")
	require.ErrorIs(t, err, contract.ErrLimit)
}

// TestReadFiles checks that a contract's files are read as evaluate
// reads them: a contract with problems leaves the other files unchecked.
func TestReadFiles(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "c.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("name: x\n"), 0o644))
	_, err := load.ReadFiles(bad, "m.csv", "x.yaml", "", nil)
	got := load.Errors(err)
	require.Greater(t, len(got), 2)
	require.EqualError(t, got[0], bad+":1:1: absences: missing (want absences: {missing: red, unavailable: red})")
	require.Equal(t, "m.csv: not checked: the contract has problems\nx.yaml: not checked: the contract has problems",
		got[len(got)-2].Error()+"\n"+got[len(got)-1].Error())
	_, err = load.ReadFiles(filepath.Join(dir, "none.yaml"), "m.csv", "", "", nil)
	require.EqualError(t, err, filepath.Join(dir, "none.yaml")+": cannot read: no such file or directory")
	require.True(t, errors.Is(err, os.ErrNotExist))
	const lincs = "../examples/lincolnshire/"
	_, err = load.ReadFiles(lincs+"contract.yaml", lincs+"measurements.csv", "", filepath.Join(dir, "seals"), nil)
	require.EqualError(t, err, filepath.Join(dir, "seals")+": cannot read the seals: no such file or directory")
	l, err := load.ReadFiles(lincs+"contract.yaml", lincs+"measurements.csv", lincs+"mitigations.yaml", lincs+"monthly/seals", nil)
	require.NoError(t, err)
	require.Len(t, l.Seals.Entries, 5)
	for _, d := range []string{l.Seals.Inputs.Contract, l.Seals.Inputs.Measurements, l.Seals.Inputs.Mitigations} {
		require.Regexp(t, "^sha256:[0-9a-f]{64}$", d)
	}
}

// FuzzReadManifest checks the manifest reader never panics and reports
// only *load.Error problems naming the file.
func FuzzReadManifest(f *testing.F) {
	f.Add(read(f, "../examples/portfolio.yaml"))
	f.Add([]byte("contracts:\n  - {label: a, contract: c.yaml, measurements: m.csv, seals: s}\n  - {label: a}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := load.ReadManifest("m.yaml", data)
		checkErr(t, err, "m.yaml")
		if err == nil && len(m.Contracts) == 0 {
			t.Fatal("a manifest read without problems has no contracts")
		}
	})
}

// A manifest read and run: each contract's files are read by the worker
// that evaluates it.
func ExampleReadManifest() {
	name := "../examples/portfolio.yaml"
	data, err := os.ReadFile(name)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := load.ReadManifest(name, data)
	if err != nil {
		fmt.Println(err)
		return
	}
	res := portfolio.Run(m.Entries(nil), portfolio.Options{Workers: 2})
	for _, s := range res.Contracts[:3] {
		fmt.Printf("%s: %s %s..%s, credit %s\n", s.Label, s.Status, s.From, s.To, s.Money.Format(s.Total.Credit))
	}
	rv := res.Contracts[0].Revisions
	fmt.Printf("%d months sealed, %d revised, adjustments %s\n", rv.Months, rv.Revised, res.Contracts[0].Money.Format(rv.Adjustment))
	fmt.Printf("%d contracts evaluated: credit %s\n", res.Total.Contracts, res.Total.Credit.StringFixed(res.Total.Places))
	// Output:
	// Lincolnshire IMT: evaluated 2021-06..2021-10, credit 0.00
	// Norfolk IMT: evaluated 2017-02..2017-08, credit 0.00
	// Desk services: evaluated 2024-04..2024-06, credit 5500.00
	// 5 months sealed, 2 revised, adjustments -6120.00
	// 11 contracts evaluated: credit 278582.92
}
