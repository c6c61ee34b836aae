package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// write writes files (name to content) into a new directory with the
// shipped Lincolnshire contract, and returns the directory.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(shipped, "contract.yaml"))
	require.NoError(t, err)
	writeTo(t, dir, "contract.yaml", string(data))
	for name, content := range files {
		writeTo(t, dir, name, content)
	}
	return dir
}

// bigContract is a contract of the shape gen_big.py writes (points for
// every KPI, monthly and yearly caps), with its term, KPIs and
// organisations given.
func bigContract(term int, kpis, orgs int) string {
	var b strings.Builder
	b.WriteString("name: big\ncustomer: C\nsupplier: S\ncommencement: 2000-01\nterm: ")
	b.WriteString(itoa(term))
	b.WriteString("\norganisations: [")
	for i := range orgs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("O" + itoa(i))
	}
	b.WriteString("]\ncharges:\n")
	for i := range orgs {
		b.WriteString("  - {organisation: O" + itoa(i) + ", from: 2000-01, amount: \"100.00\"}\n")
	}
	b.WriteString("absences: {missing: red, unavailable: red}\nkpis:\n")
	for i := range kpis {
		b.WriteString("  - {id: K" + itoa(i) + ", name: K, kind: kpi, unit: percent, direction: higher-is-better, precision: {places: 1, rounding: half-up}, tsl: \"99.5\", msl: \"99.0\"}\n")
	}
	b.WriteString("credits:\n  regime:\n    points:\n      amber: \"0.5\"\n      red: \"1\"\n      point-value: \"0.01\"\n      weights:\n")
	for i := range kpis {
		b.WriteString("        - {kpi: K" + itoa(i) + ", from: 2000-01, points: \"1\"}\n")
	}
	b.WriteString("  caps: {month: \"12\", year: \"10\"}\n  money: {places: 2, rounding: half-up}\n")
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestHostileInputs checks every hostile input of issue 14 gives its exact
// message and exit status, and never a flood, an echo of a huge text or a
// raw terminal escape.
func TestHostileInputs(t *testing.T) {
	header := func(col string, n int) string { return strings.Repeat(col+",", n-1) + col + "\n" }
	for _, tc := range []struct {
		name   string
		files  map[string]string
		args   []string
		code   int
		stderr string
		why    string
	}{
		{"semicolons", map[string]string{"m.csv": "kpi;organisation;month;value\nIMT_KPI_01;LCC;Jun-21;99.9\nIMT_KPI_02;LCC;Jun-21;99.9\n"},
			[]string{"validate", "contract.yaml", "m.csv"}, 1,
			"m.csv:1: columns separated by \";\", not commas: save or export the file as comma-separated CSV\n1 problem found\n",
			"one problem with a hint, not one for every row"},
		{"tabs", map[string]string{"m.csv": "kpi\tmonth\tvalue\nIMT_KPI_01\tJun-21\t99.9\n"},
			[]string{"evaluate", "contract.yaml", "m.csv"}, 1,
			"m.csv:1: columns separated by \"\\t\", not commas: save or export the file as comma-separated CSV\n", ""},
		{"unterminated quote", map[string]string{"m.csv": "kpi,month,value,note\nIMT_KPI_01,Jun-21,99.9,\"open\nIMT_KPI_02,Jun-21,99.9,x\nIMT_KPI_03,Jun-21,99.9,x\n"},
			[]string{"validate", "contract.yaml", "m.csv"}, 1,
			"m.csv:2: a quoted field opened on this line is never closed (a field that starts with \" must end with \")\n1 problem found\n",
			"the line where it opened, not the end of the file"},
		{"terminal escape", map[string]string{"m.csv": "kpi,month,value\nK\x1b[31mX\u202e,Jun-21,99\n"},
			[]string{"validate", "contract.yaml", "m.csv"}, 1,
			"m.csv:2:1: kpi \"K\\x1b[31mX\\u202e\": not an indicator of the contract\n1 problem found\n", "escaped, never raw"},
		{"long id", map[string]string{"m.csv": "kpi,month,value\n" + strings.Repeat("Y", 5000) + ",Jun-21,99\n"},
			[]string{"validate", "contract.yaml", "m.csv"}, 1,
			"m.csv:2:1: kpi \"" + strings.Repeat("Y", 200) + "... (5000 bytes)\": not an indicator of the contract\n1 problem found\n",
			"quoted to 200 bytes"},
		{"huge id", map[string]string{"m.csv": "kpi,month,value\n" + strings.Repeat("X", 10<<20) + ",Jun-21,99\n"},
			[]string{"validate", "contract.yaml", "m.csv"}, 4,
			"m.csv:2: row of more than 1048576 bytes: the limit\n1 problem found\n", "a 10 MB id is refused, never echoed"},
		{"huge field", map[string]string{"m.csv": "kpi,month,value,note\nIMT_KPI_01,Jun-21,99," + strings.Repeat("n", 70000) + "\n"},
			[]string{"validate", "contract.yaml", "m.csv"}, 4,
			"m.csv:2:22: field of 70000 bytes: more than the limit of 65536\n1 problem found\n", ""},
		{"a million header columns", map[string]string{"m.csv": header("kpi", 1_000_000)},
			[]string{"validate", "contract.yaml", "m.csv"}, 4,
			"m.csv:1: row of more than 1048576 bytes: the limit\n1 problem found\n", "not 57 MB of errors"},
		{"reversed period", nil, []string{"evaluate", "contract.yaml", "measurements.csv", "-from", "2021-10", "-to", "2021-06"}, 2,
			"servicecredit evaluate: -from 2021-10 is after -to 2021-06\n", "a usage error, saying which month is after which"},
		{"from after the data", nil, []string{"explain", "contract.yaml", "measurements.csv", "IMT_KPI_01", "2021-06", "-from", "2022-01"}, 2,
			"servicecredit explain: -from 2022-01 is after the last month measured, 2021-10 (give -to)\n", ""},
		{"kpis x organisations past the limit", map[string]string{"c.yaml": bigContract(12, 400, 300)}, []string{"validate", "c.yaml"}, 4,
			"c.yaml:310:3: kpis: 400 kpis x 300 organisations = 120000: more than the limit of 100000\n1 problem found\n",
			"refused before any table of them is made"},
		{"a large contract and one row", map[string]string{"c.yaml": bigContract(1200, 500, 200), "m.csv": "kpi,organisation,month,value\nK0,O0,2050-06,99\n"},
			[]string{"validate", "c.yaml", "m.csv"}, 0, "",
			"100,000 KPI-organisations over 1,200 months and one measurement: the month measured is evaluated, nothing of the term is allocated"},
		{"a large contract's whole term", map[string]string{"c.yaml": bigContract(1200, 500, 200), "m.csv": "kpi,organisation,month,value\nK0,O0,2050-06,99\n"},
			[]string{"evaluate", "-format", "csv", "c.yaml", "m.csv", "-from", "2000-01", "-to", "2099-12"}, 4,
			"evaluation: contract \"big\": period 2000-01..2099-12: 500 kpis x 200 organisations x 1200 months = 120000000: more than the limit of 20000000: invalid evaluation input\n",
			"refused before the index is made"},
		{"a large contract's last 30 years", map[string]string{"c.yaml": bigContract(1200, 500, 200), "m.csv": "kpi,organisation,month,value\nK0,O0,2050-06,99\n"},
			[]string{"evaluate", "-format", "csv", "c.yaml", "m.csv", "-from", "2070-01", "-to", "2099-12"}, 4,
			"evaluation: contract \"big\": period 2070-01..2099-12: 500 kpis x 200 organisations x 372 months (with the 12 before it, where relative targets find their baselines) = 37200000: more than the limit of 20000000: invalid evaluation input\n",
			""},
		{"not-due for a month the kpi is due", map[string]string{"m.csv": "kpi,month,value\nIMT_PI_01,Jul-21,5\nIMT_PI_01,Aug-21,not-due\n"},
			[]string{"evaluate", "-format", "csv", "contract.yaml", "m.csv"}, 1,
			"m.csv:3:18: value \"not-due\": given for a month IMT_PI_01 is assessed in (monthly)\n",
			"the reader places it at its file, line and column, as every other problem with a row"},
		{"term past the limit", map[string]string{"c.yaml": bigContract(5000, 1, 1)}, []string{"validate", "c.yaml"}, 4,
			"c.yaml:5:7: term: term 5000 months: more than the limit of 1200\n1 problem found\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, tc.files)
			if tc.files == nil {
				dir = shipped
			}
			code, out, errOut := cli(t, dir, "", tc.args...)
			require.Equal(t, tc.code, code, errOut)
			if tc.code == 2 {
				require.True(t, strings.HasPrefix(errOut, tc.stderr), "%s\n%s", tc.why, errOut)
				return
			}
			if tc.code != 0 {
				require.Empty(t, out)
			}
			require.Equal(t, tc.stderr, errOut, tc.why)
		})
	}
}

// TestProblemCap checks a file with 200,000 problems reports the first
// joined.Max, then how many more, and counts them all.
func TestProblemCap(t *testing.T) {
	dir := write(t, map[string]string{"m.csv": strings.Repeat("kpi,", 199_999) + "kpi\n"})
	code, out, errOut := cli(t, dir, "", "validate", "contract.yaml", "m.csv")
	require.Equal(t, 1, code)
	require.Empty(t, out)
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	require.Len(t, lines, 102, "the first 100, the rest counted, the total")
	require.Equal(t, `m.csv:1:5: header "kpi": column given twice`, lines[0])
	require.Equal(t, "m.csv: and 199901 more problems", lines[100])
	require.Equal(t, "200001 problems found", lines[101])
}
