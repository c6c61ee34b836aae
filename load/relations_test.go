package load_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/reconcile"
	"github.com/stretchr/testify/require"
)

// brentLewisham loads the Brent-Lewisham contract, which serves two
// organisations.
func brentLewisham(t testing.TB) *contract.Contract {
	t.Helper()
	c, err := load.Contract("contract.yaml", read(t, "../examples/brent-lewisham/contract.yaml"))
	require.NoError(t, err)
	return c
}

func TestRelations(t *testing.T) {
	c := brentLewisham(t)
	rel, err := load.Relations("r.yaml", []byte(`
tables:
  - {file: brent.tsv, organisation: Brent}
  - {file: both.tsv, title: SERVICE DESK KPIS, organisation: combined}
rows:
  - {label: "P1 met", id: P1-MET}
  - {label: "Missed %", id: MISSED, unit: percent}
  - {label: Availability, kpi: AV-TEL}
  - {label: Green, board: tsl-achieved}
totals:
  - {total: CALLS, parts: [P1-VOL, P2-VOL]}
shares:
  - {kpi: P1, numerator: P1-MET, denominator: P1-VOL}
complements:
  - {kpi: MISSED, of: P1}
periods:
  - {kpi: OPEN, rule: last}
severity:
  total: warning
  attainable: error
`), c)
	require.NoError(t, err)
	want := reconcile.Relations{
		Tables: []reconcile.TableOrg{{File: "brent.tsv", Org: "Brent"}, {File: "both.tsv", Title: "SERVICE DESK KPIS", Org: contract.Combined}},
		Rows: []reconcile.Row{{Label: "P1 met", ID: "P1-MET"}, {Label: "Missed %", ID: "MISSED", Unit: kpi.Percent},
			{Label: "Availability", KPI: "AV-TEL"}, {Label: "Green", Board: reconcile.TSLAchieved}},
		Totals:      []reconcile.Sum{{Total: "CALLS", Parts: []string{"P1-VOL", "P2-VOL"}}},
		Shares:      []reconcile.Share{{KPI: "P1", Numerator: "P1-MET", Denominator: "P1-VOL"}},
		Complements: []reconcile.Complement{{KPI: "MISSED", Of: "P1"}},
		Periods:     []reconcile.PeriodRule{{KPI: "OPEN", Rule: reconcile.LastRule}},
		Severity:    []reconcile.SeverityRule{{Kind: reconcile.AttainableCheck, Severity: reconcile.Error}, {Kind: reconcile.TotalCheck, Severity: reconcile.Warning}},
	}
	if diff := cmp.Diff(want, rel); diff != "" {
		t.Fatal(diff)
	}
	for _, blank := range []string{"", "# nothing declared\n\n"} {
		rel, err = load.Relations("r.yaml", []byte(blank), c)
		require.NoError(t, err)
		require.Equal(t, reconcile.Relations{}, rel)
	}
	rel, err = load.Relations("r.json", []byte(`{"tables": [{"file": "brent.tsv", "organisation": "Brent"}]}`), c)
	require.NoError(t, err, "JSON is YAML")
	require.Equal(t, "Brent", rel.Tables[0].Org)
}

func TestRelationsProblems(t *testing.T) {
	c := brentLewisham(t)
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown field", "tables:\n  - {file: a.tsv, org: Brent}\n",
			`r.yaml:2:19: tables[0].org: unknown field (want one of file, title, organisation)`},
		{"unknown section", "total:\n  - {total: CALLS}\n",
			`r.yaml:1:1: total: unknown field (want one of tables, rows, totals, shares, complements, periods, severity)`},
		{"unknown check", "severity:\n  sums: warning\n",
			`r.yaml:2:3: severity.sums: unknown field (want one of heading, label, shape, cell, target, rag, value, attainable, share, complement, total, period, overall, combined, board, claim)`},
		{"unknown severity", "severity:\n  total: fatal\n",
			`r.yaml:2:10: severity.total "fatal": unknown word (want one of error, warning)`},
		{"unknown board", "rows:\n  - {label: Green, board: green}\n",
			`r.yaml:2:27: rows[0].board "green": unknown word (want one of tsl-achieved, msl-achieved, below-msl, not-measured, total, mitigation-agreed)`},
		{"unknown organisation", "tables:\n  - {file: a.tsv, organisation: Southwark}\n",
			`r.yaml:2:33: tables[0].organisation: organisation "Southwark" is not served by the contract (want one of Brent, Lewisham, combined)`},
		{"missing file", "tables:\n  - {organisation: Brent}\n",
			"r.yaml:2:5: tables[0].file: missing (want the pack file's name, such as brent.tsv)"},
		{"missing parts", "totals:\n  - {total: CALLS}\n",
			"r.yaml:2:5: totals[0].parts: missing (want the ids whose figures add up to the total, such as [P1-VOL, P2-VOL])"},
		{"unknown part", "totals:\n  - {total: CALLS, parts: [P1-VOL, P9-VOL]}\n",
			`r.yaml:2:36: totals[0].parts[1]: "P9-VOL" is neither a kpi of the contract nor an id declared under rows`},
		{"share of a count", "shares:\n  - {kpi: CALLS, denominator: P1-VOL}\n",
			"r.yaml:2:11: shares[0].kpi: CALLS is a count, not a percentage"},
		{"two of kpi, id, board", "rows:\n  - {label: X, kpi: P1, board: total}\n",
			"r.yaml:2:5: rows[0]: give exactly one of kpi, id and board"},
		{"not YAML", "tables: [\n", "r.yaml:2:1: not valid YAML or JSON: did not find expected node content"},
		{"a list, not a mapping", "- a\n", "r.yaml:1:1: want a mapping of fields, not a list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rel, err := load.Relations("r.yaml", []byte(tc.yaml), c)
			require.ErrorIs(t, err, load.ErrInvalid)
			require.EqualError(t, err, tc.want)
			require.Equal(t, reconcile.Relations{}, rel)
		})
	}
}

func TestClaims(t *testing.T) {
	c := lincolnshire(t)
	got, err := load.Claims("c.csv", strings.NewReader("\uFEFFMonth, KPI ,amount,organisation,note\n"+
		"2021-06,IMT_KPI_14,2040.00,LCC,relieved\n"+
		"Jul-21,,0,,\n"+
		"2021-07,IMT_KPI_14,0.5,,\n"), c)
	require.NoError(t, err)
	want := []reconcile.ClaimLine{
		{Month: kpi.MustParseMonth("2021-06"), KPI: "IMT_KPI_14", Org: "LCC", Amount: dec("2040.00"), Text: "2040.00", Note: "relieved"},
		{Month: kpi.MustParseMonth("2021-07"), Amount: dec("0"), Text: "0"},
		{Month: kpi.MustParseMonth("2021-07"), KPI: "IMT_KPI_14", Amount: dec("0.5"), Text: "0.5"},
	}
	require.Len(t, got, len(want))
	for i := range want {
		want[i].Pos = got[i].Pos
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
	require.Equal(t, "c.csv:2:20", got[0].Pos.String(), "the amount's line and column")
}

func TestClaimsProblems(t *testing.T) {
	c := lincolnshire(t)
	for _, tc := range []struct{ name, csv, want string }{
		{"no amount column", "month,kpi\n2021-06,IMT_KPI_14\n", `c.csv:1: header: missing column "amount" (want at least month,amount)`},
		{"unknown column", "month,amount,credit\n2021-06,1,2\n", `c.csv:1:14: header "credit": unknown column (want month, kpi, organisation, amount, note)`},
		{"bad month", "month,amount\n2021-13,1\n", `c.csv:2:1: month "2021-13": not a month (want 2021-06 or Jun-21)`},
		{"empty month", "month,amount\n,1\n", "c.csv:2:1: month: empty (want a month such as 2021-06)"},
		{"outside the term", "month,amount\n2014-06,1\n", `c.csv:2:1: month "2014-06": outside the contract's term 2015-04..2023-03`},
		{"unknown kpi", "month,kpi,amount\n2021-06,KPI99,1\n", `c.csv:2:9: kpi "KPI99": not an indicator of the contract`},
		{"a pi", "month,kpi,amount\n2021-07,IMT_PI_01,1\n", `c.csv:2:9: kpi "IMT_PI_01": a pi, which carries no credits`},
		{"unknown organisation", "month,organisation,amount\n2021-06,NCC,1\n", `c.csv:2:9: organisation "NCC": not served by the contract (want one of LCC)`},
		{"negative", "month,amount\n2021-06,-1.00\n", `c.csv:2:9: amount "-1.00": negative (want the credit claimed, 0 or more)`},
		{"currency sign", "month,amount\n2021-06,£10\n", `c.csv:2:9: amount "£10": not a decimal (want digits with an optional decimal point, such as 99.5)`},
		{"thousands", "month,amount\n2021-06,\"1,000.00\"\n", `c.csv:2:9: amount "1,000.00": thousands separators are not accepted (want digits with an optional decimal point, such as 99.5)`},
		{"twice", "month,kpi,amount\n2021-06,IMT_KPI_14,1\nJun-21,IMT_KPI_14,2\n", "c.csv:3: 2021-06 IMT_KPI_14: claimed twice (first at line 2)"},
		{"month twice", "month,amount\n2021-06,1\n2021-06,1\n", "c.csv:3: 2021-06 (the month): claimed twice (first at line 2)"},
		{"empty file", "", "c.csv: empty file (want a header row naming the columns: month,amount)"},
		{"short row", "month,amount\n2021-06\n", "c.csv:2: 1 fields, the header has 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := load.Claims("c.csv", strings.NewReader(tc.csv), c)
			require.Nil(t, got)
			require.ErrorIs(t, err, load.ErrInvalid)
			require.EqualError(t, err, tc.want)
		})
	}
}

func FuzzRelations(f *testing.F) {
	c := brentLewisham(f)
	f.Add(read(f, "../examples/brent-lewisham/relations.yaml"))
	f.Add([]byte("rows:\n  - {label: X, id: Y, unit: percent}\nshares:\n  - {kpi: Y, denominator: CALLS}\nseverity: {total: warning}\n"))
	f.Add([]byte("tables: [{file: a, organisation: combined}]\nperiods: [{kpi: OPEN, rule: last}]\ncomplements: [{kpi: P1, of: P2}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rel, err := load.Relations("r.yaml", data, c)
		checkErr(t, err, "r.yaml")
		if err == nil {
			if verr := rel.Validate(c); verr != nil {
				t.Fatalf("relations read but invalid: %v", verr)
			}
		}
	})
}

func FuzzClaims(f *testing.F) {
	c := lincolnshire(f)
	f.Add([]byte(read(f, "../examples/claims/claims.csv")))
	f.Add([]byte("month,kpi,organisation,amount\n2021-06,IMT_KPI_14,LCC,2040.00\nJun-21,,,0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := load.Claims("c.csv", strings.NewReader(string(data)), c)
		checkErr(t, err, "c.csv")
		for _, l := range lines {
			if l.Month.IsZero() || l.Amount.Sign() < 0 || l.Pos.File != "c.csv" || l.Pos.Line < 2 {
				t.Fatalf("a claim line read wrong: %+v", l)
			}
		}
	})
}

// withReconcile returns the Brent-Lewisham contract file with section, a
// reconcile section's text, appended at its end (line 266).
func withReconcile(t testing.TB, section string) []byte {
	t.Helper()
	return append(read(t, "../examples/brent-lewisham/contract.yaml"), section...)
}

// TestContractRelations reads the relations a contract file carries: the
// Brent-Lewisham relations file indented under reconcile reads as the same
// relations, and a contract without the key, or with an empty one,
// declares none.
func TestContractRelations(t *testing.T) {
	c := brentLewisham(t)
	file := read(t, "../examples/brent-lewisham/relations.yaml")
	want, err := load.Relations("relations.yaml", file, c)
	require.NoError(t, err)
	data := withReconcile(t, "reconcile:\n"+strings.ReplaceAll("\n"+string(file), "\n", "\n  ")+"\n")
	_, err = load.Contract("contract.yaml", data)
	require.NoError(t, err, "the contract reads with its section")
	got, declared, err := load.ContractRelations("contract.yaml", data, c)
	require.NoError(t, err)
	require.True(t, declared)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("the section reads other than the file (-file +section):\n%s", diff)
	}
	for _, tc := range []struct {
		name, section string
		declared      bool
	}{
		{"no key", "", false},
		{"null", "reconcile:\n", true},
		{"comments only", "reconcile:\n  # nothing yet\n", true},
		{"empty mapping", "reconcile: {}\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withReconcile(t, tc.section)
			_, err := load.Contract("contract.yaml", data)
			require.NoError(t, err)
			rel, declared, err := load.ContractRelations("contract.yaml", data, c)
			require.NoError(t, err)
			require.Equal(t, tc.declared, declared)
			if diff := cmp.Diff(reconcile.Relations{}, rel); diff != "" {
				t.Fatal(diff)
			}
		})
	}
	rel, declared, err := load.ContractRelations("c.json", []byte(`{"name": "x", "reconcile": {"tables": [{"file": "brent.tsv", "organisation": "Brent"}]}}`), c)
	require.NoError(t, err, "JSON is YAML")
	require.True(t, declared)
	require.Equal(t, "Brent", rel.Tables[0].Org)
}

// TestContractRelationsProblems gives the relations file's errors at the
// contract file's places, with their paths under reconcile; Contract
// reports them as ContractRelations does.
func TestContractRelationsProblems(t *testing.T) {
	c := brentLewisham(t)
	for _, tc := range []struct{ name, section, want string }{
		{"a list", "reconcile: [a]\n", `contract.yaml:266:12: reconcile: want a mapping of fields, not a list`},
		{"a scalar", "reconcile: 3\n", `contract.yaml:266:12: reconcile: want a mapping of fields, not "3"`},
		{"unknown section", "reconcile:\n  total:\n    - {total: CALLS}\n",
			`contract.yaml:267:3: reconcile.total: unknown field (want one of tables, rows, totals, shares, complements, periods, severity)`},
		{"unknown field", "reconcile:\n  tables:\n    - {file: a.tsv, org: Brent}\n",
			`contract.yaml:268:21: reconcile.tables[0].org: unknown field (want one of file, title, organisation)`},
		{"unknown severity", "reconcile:\n  severity:\n    total: fatal\n",
			`contract.yaml:268:12: reconcile.severity.total "fatal": unknown word (want one of error, warning)`},
		{"unknown organisation", "reconcile:\n  tables:\n    - {file: a.tsv, organisation: Southwark}\n",
			`contract.yaml:268:35: reconcile.tables[0].organisation: organisation "Southwark" is not served by the contract (want one of Brent, Lewisham, combined)`},
		{"missing parts", "reconcile:\n  totals:\n    - {total: CALLS}\n",
			"contract.yaml:268:7: reconcile.totals[0].parts: missing (want the ids whose figures add up to the total, such as [P1-VOL, P2-VOL])"},
		{"unknown part", "reconcile:\n  totals:\n    - {total: CALLS, parts: [P1-VOL, P9-VOL]}\n",
			`contract.yaml:268:38: reconcile.totals[0].parts[1]: "P9-VOL" is neither a kpi of the contract nor an id declared under rows`},
		{"two of kpi, id, board", "reconcile:\n  severity: {total: warning}\n  rows:\n    - {label: X, kpi: P1, board: total}\n",
			"contract.yaml:269:7: reconcile.rows[0]: give exactly one of kpi, id and board"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withReconcile(t, tc.section)
			rel, declared, err := load.ContractRelations("contract.yaml", data, c)
			require.ErrorIs(t, err, load.ErrInvalid)
			require.EqualError(t, err, tc.want)
			require.True(t, declared)
			require.Equal(t, reconcile.Relations{}, rel)
			got, err := load.Contract("contract.yaml", data)
			require.Nil(t, got)
			require.EqualError(t, err, tc.want, "Contract reports the section's problems")
		})
	}
	_, declared, err := load.ContractRelations("contract.yaml", []byte("reconcile: [\n"), c)
	require.EqualError(t, err, "contract.yaml:2:1: not valid YAML or JSON: did not find expected node content")
	require.False(t, declared)
}

func FuzzContractRelations(f *testing.F) {
	c := brentLewisham(f)
	f.Add([]byte("reconcile:\n" + strings.ReplaceAll("\n"+string(read(f, "../examples/brent-lewisham/relations.yaml")), "\n", "\n  ")))
	f.Add([]byte("name: x\nreconcile:\n  rows: [{label: X, id: Y, unit: percent}]\n  shares: [{kpi: Y, denominator: CALLS}]\n  severity: {total: warning}\n"))
	f.Add([]byte("reconcile: {tables: [{file: a, organisation: combined}], periods: [{kpi: OPEN, rule: last}]}\nreconcile: 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rel, declared, err := load.ContractRelations("c.yaml", data, c)
		checkErr(t, err, "c.yaml")
		if err != nil {
			return
		}
		if verr := rel.Validate(c); verr != nil {
			t.Fatalf("relations read but invalid: %v", verr)
		}
		if !declared && len(rel.Tables)+len(rel.Rows)+len(rel.Totals)+len(rel.Shares)+len(rel.Complements)+len(rel.Periods)+len(rel.Severity) > 0 {
			t.Fatalf("relations read from a file without a reconcile key: %+v", rel)
		}
	})
}
