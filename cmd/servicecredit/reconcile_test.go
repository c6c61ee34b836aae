package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/pack"
	"github.com/stretchr/testify/require"
)

// TestReconcileBrentLewisham reconciles the Brent-Lewisham pack as
// published: every flaw is named with its place, and the command exits
// 3.
func TestReconcileBrentLewisham(t *testing.T) {
	args := []string{"reconcile", "contract.yaml", "brent-published.tsv", "lewisham-published.tsv", "-relations", "relations.yaml"}
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cli(t, "../../examples/brent-lewisham", "", append(args, "-format", format)...)
			require.Equal(t, 3, code, errOut)
			require.Empty(t, errOut)
			contracttest.Golden(t, filepath.Join(testdata, "reconcile-brent-lewisham."+format+".golden"), []byte(out))
		})
	}
	want, err := os.ReadFile("../../examples/brent-lewisham/testdata/reconcile.text.golden")
	require.NoError(t, err)
	_, out, _ := cli(t, "../../examples/brent-lewisham", "", args...)
	require.Equal(t, string(want), out, "the command prints what the example prints")
}

// TestReconcileContractRelations reconciles the Brent-Lewisham pack as
// published from a contract that carries its relations in a reconcile
// section (the example's relations.yaml, indented under the key): the
// findings are those the relations file gives, byte for byte, in text and
// JSON. With -relations as well, the command names both and stops.
func TestReconcileContractRelations(t *testing.T) {
	dir := t.TempDir()
	example := "../../examples/brent-lewisham/"
	read := func(name string) string {
		data, err := os.ReadFile(example + name)
		require.NoError(t, err)
		return string(data)
	}
	section := "reconcile:" + strings.ReplaceAll("\n"+read("relations.yaml"), "\n", "\n  ") + "\n"
	writeTo(t, dir, "contract.yaml", read("contract.yaml")+section)
	for _, name := range []string{"relations.yaml", "brent-published.tsv", "lewisham-published.tsv"} {
		writeTo(t, dir, name, read(name))
	}
	args := []string{"reconcile", "contract.yaml", "brent-published.tsv", "lewisham-published.tsv"}
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cli(t, dir, "", append(args, "-format", format)...)
			require.Equal(t, 3, code, errOut)
			require.Empty(t, errOut)
			want, err := os.ReadFile(filepath.Join(testdata, "reconcile-brent-lewisham."+format+".golden"))
			require.NoError(t, err)
			require.Equal(t, string(want), out, "the findings of the relations file")
		})
	}
	code, out, errOut := cli(t, dir, "", append(args, "-relations", "relations.yaml")...)
	require.Equal(t, 1, code)
	require.Empty(t, out)
	require.Equal(t, "contract.yaml: reconcile: the contract declares the relations, and so does -relations relations.yaml: give them in one place\n", errOut)
}

// TestReconcileLincolnshire reconciles the report's Table 1 against the
// measurements and mitigations: every cell agrees and the command exits
// 0.
func TestReconcileLincolnshire(t *testing.T) {
	for _, format := range []string{"text", "json", "markdown"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cli(t, shipped, "", "reconcile", "-format", format, "contract.yaml", "table1.tsv",
				"-relations", "relations.yaml", "-measurements", "measurements.csv", "-mitigations", "mitigations.yaml")
			require.Equal(t, 0, code, errOut)
			require.Empty(t, errOut)
			contracttest.Golden(t, filepath.Join(testdata, "reconcile-lincolnshire."+format+".golden"), []byte(out))
		})
	}
}

// TestReconcileClaims reconciles a supplier's pack and claim with one
// claim line wrong.
func TestReconcileClaims(t *testing.T) {
	code, out, errOut := cli(t, "../../examples/claims", "", "reconcile", "contract.yaml", "pack.tsv", "-relations", "relations.yaml",
		"-measurements", "measurements.csv", "-claims", "claims.csv")
	require.Equal(t, 3, code, errOut)
	want, err := os.ReadFile("../../examples/claims/testdata/output.golden")
	require.NoError(t, err)
	require.Equal(t, string(want), out, "the command prints what the example prints")
	// The claim alone, with no pack.
	code, out, errOut = cli(t, "../../examples/claims", "", "reconcile", "contract.yaml", "-measurements", "measurements.csv", "-claims", "claims.csv", "-format", "json")
	require.Equal(t, 3, code, errOut)
	require.Contains(t, out, `"packs": []`)
	require.Contains(t, out, `"place": "claims.csv:4:18"`)
}

// TestReconcileProblems covers each way a reconcile command line or its
// files can be wrong: the exit status and the exact message.
func TestReconcileProblems(t *testing.T) {
	dir := t.TempDir()
	lincs, err := filepath.Abs(shipped)
	require.NoError(t, err)
	contract := filepath.Join(lincs, "contract.yaml")
	table := filepath.Join(lincs, "table1.tsv")
	noHeading := writeTo(t, dir, "no-heading.tsv", "TSL achieved\t11\n")
	huge := writeTo(t, dir, "huge.tsv", "T\tJun-21\n"+strings.Repeat("x", pack.MaxLine+1)+"\n")
	badRel := writeTo(t, dir, "rel.yaml", "tables:\n  - {file: table1.tsv, organisation: NCC}\n")
	badClaims := writeTo(t, dir, "claims.csv", "month,amount\n2021-13,1\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no files", []string{}, 2, "servicecredit reconcile: want CONTRACT and at least one PACK (or -claims), got 0 file names\n"},
		{"no pack", []string{contract}, 2, "servicecredit reconcile: want CONTRACT and at least one PACK (or -claims), got 1 file names\n"},
		{"bad format", []string{contract, table, "-format", "csv"}, 2, `servicecredit reconcile: invalid value "csv" for flag -format: format "csv": unknown (want one of text, json, markdown, html)` + "\n"},
		{"mitigations alone", []string{contract, table, "-mitigations", "m.yaml"}, 2, "servicecredit reconcile: -mitigations needs -measurements: mitigations apply to an evaluation\n"},
		{"missing pack", []string{contract, filepath.Join(dir, "nope.tsv")}, 1, filepath.Join(dir, "nope.tsv") + ": cannot read: no such file or directory\n"},
		{"shape not understood", []string{contract, noHeading}, 1, noHeading + `:1: cell 1 "TSL achieved": values before any heading row (want a heading row of months, such as TITLE<tab>TARGET<tab>APR-16<tab>MAY-16, or a row of series labels followed by rows of months)` + "\n"},
		{"a limit", []string{contract, huge}, 4, huge + ":2: line longer than 1048576 bytes: pack file exceeds a documented limit\n"},
		{"bad relations", []string{contract, table, "-relations", badRel}, 1, badRel + `:2:38: tables[0].organisation: organisation "NCC" is not served by the contract (want one of LCC)` + "\n"},
		{"bad claims", []string{contract, table, "-claims", badClaims}, 1, badClaims + `:2:1: month "2021-13": not a month (want 2021-06 or Jun-21)` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, "", "", append([]string{"reconcile"}, tc.args...)...)
			require.Equal(t, tc.code, code)
			require.Empty(t, out)
			require.True(t, strings.HasPrefix(errOut, tc.err), "stderr:\n%s", errOut)
		})
	}
	code, out, _ := cli(t, "", "", "reconcile", "-h")
	require.Equal(t, 0, code)
	contracttest.Golden(t, filepath.Join(testdata, "reconcile-help.golden"), []byte(out))
}

// TestReconcileHostilePack reconciles a pack whose labels and cells hold
// terminal escapes and markup: no escape reaches the output or the
// errors.
func TestReconcileHostilePack(t *testing.T) {
	dir := t.TempDir()
	lincs, err := filepath.Abs(shipped)
	require.NoError(t, err)
	evil := "\x1b]0;pwned\x07\x1b[2J\u202e|<img src=x>"
	p := filepath.Join(dir, "evil.tsv")
	require.NoError(t, os.WriteFile(p, []byte("Title"+evil+"\tJun-21\tComments"+evil+"\nTSL achieved"+evil+"\t11"+evil+"\tx\nTSL achieved\t11\t"+evil+"\n"), 0o644))
	for _, format := range []string{"text", "markdown", "html"} {
		code, out, errOut := cli(t, "", "", "reconcile", "-format", format, filepath.Join(lincs, "contract.yaml"), p,
			"-measurements", filepath.Join(lincs, "measurements.csv"))
		require.Equal(t, 3, code, errOut)
		for _, r := range out + errOut {
			require.False(t, r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)), "%s: %U reaches the output", format, r)
		}
		if format == "text" {
			require.Contains(t, out, `\x1b]0;pwned\a\x1b[2J\u202e|<img src=x>`, "shown as text")
		}
		if format == "markdown" {
			require.NotContains(t, strings.ReplaceAll(out, `\<`, ""), "<img", "markup is escaped")
		}
		if format == "html" {
			require.NotContains(t, out, "<img", "markup is escaped")
			require.Contains(t, out, `\x1b]0;pwned\a\x1b[2J\u202e|&lt;img src=x&gt;`, "shown as text")
		}
	}
}
