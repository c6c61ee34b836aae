package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/stretchr/testify/require"
)

// cycleDir copies the Lincolnshire example's files, and its monthly
// cycle's, into a new directory, so that seals are written there and
// named relative to it.
func cycleDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"contract.yaml", "measurements.csv", "mitigations.yaml",
		"monthly/mitigations-at-close.yaml", "monthly/measurements-corrected.csv"} {
		data, err := os.ReadFile(filepath.Join(shipped, name))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	return dir
}

// closeAtOctober seals June to October 2021 as the board signed them off:
// the mitigations agreed by then, without ILL-3.
func closeAtOctober(t *testing.T, dir string, extra ...string) {
	t.Helper()
	args := append([]string{"close", "contract.yaml", "measurements.csv", "monthly/mitigations-at-close.yaml", "-month", "2021-06..2021-10", "-seals", "seals"}, extra...)
	code, _, errOut := cli(t, dir, "", args...)
	require.Equal(t, 0, code, errOut)
}

// TestMonthlyCycleGolden is the Lincolnshire example's monthly cycle
// through the command: June to October 2021 closed, then September's
// IMT_KPI_06 corrected and ILL-3 agreed late; evaluate -seals in every
// format shows the revisions and the November adjustments.
func TestMonthlyCycleGolden(t *testing.T) {
	committed, err := filepath.Abs(filepath.Join(shipped, "monthly", "seals"))
	require.NoError(t, err)
	dir := cycleDir(t)
	code, out, errOut := cli(t, dir, "", "close", "contract.yaml", "measurements.csv", "monthly/mitigations-at-close.yaml",
		"-month", "2021-06..2021-10", "-seals", "seals")
	require.Equal(t, 0, code, errOut)
	contracttest.Golden(t, filepath.Join(testdata, "close-lincolnshire.golden"), []byte(out))
	for _, f := range []string{"text", "markdown", "csv", "json", "jsonl"} {
		t.Run(f, func(t *testing.T) {
			code, out, errOut := cli(t, dir, "", "evaluate", "contract.yaml", "monthly/measurements-corrected.csv", "mitigations.yaml",
				"-seals", "seals", "-format", f)
			require.Equal(t, 0, code, errOut)
			require.Empty(t, errOut)
			contracttest.Golden(t, filepath.Join(testdata, "restate-lincolnshire."+f+".golden"), []byte(out))
		})
	}
	// The committed seals of the example are these, byte for byte: a seal
	// is the same on every machine and however the binary was built.
	for m := 6; m <= 10; m++ {
		name := "seal-2021-" + []string{"06", "07", "08", "09", "10"}[m-6] + ".json"
		want, err := os.ReadFile(filepath.Join(committed, name))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(dir, "seals", name))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), name)
	}
}

// revisionsOf runs evaluate -seals -format json in dir and returns its
// revisions and restatement.
func revisionsOf(t *testing.T, dir string, args ...string) ([]map[string]any, map[string]any) {
	t.Helper()
	code, out, errOut := cli(t, dir, "", append([]string{"evaluate", "-format", "json", "-seals", "seals"}, args...)...)
	require.Equal(t, 0, code, errOut)
	var v struct {
		Revisions   []map[string]any `json:"revisions"`
		Restatement map[string]any   `json:"restatement"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	return v.Revisions, v.Restatement
}

// TestSealedMonthEditedLater: a month sealed, then its measurement file
// edited, shows exactly the revision and the credit adjustment; the
// months sealed and not changed show none and say so.
func TestSealedMonthEditedLater(t *testing.T) {
	dir := cycleDir(t)
	code, _, errOut := cli(t, dir, "", "close", "contract.yaml", "measurements.csv", "mitigations.yaml", "-month", "2021-06..2021-10", "-seals", "seals")
	require.Equal(t, 0, code, errOut)
	revs, r := revisionsOf(t, dir, "contract.yaml", "measurements.csv", "mitigations.yaml")
	require.Empty(t, revs, "nothing changed")
	for _, m := range r["months"].([]any) {
		require.Equal(t, "unchanged", m.(map[string]any)["state"])
		require.Nil(t, m.(map[string]any)["inputs_changed"])
	}
	// September's IMT_KPI_06 recounted: 86.2 becomes 84.6, amber.
	name := filepath.Join(dir, "measurements.csv")
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	edited := strings.Replace(string(data), "IMT_KPI_06,LCC,Sep-21,86.2", "IMT_KPI_06,LCC,Sep-21,84.6", 1)
	require.NotEqual(t, string(data), edited)
	require.NoError(t, os.WriteFile(name, []byte(edited), 0o644))
	revs, r = revisionsOf(t, dir, "contract.yaml", "measurements.csv", "mitigations.yaml")
	rv := func(what, before, after, adj string) map[string]any {
		return map[string]any{"month": "2021-09", "kpi": "IMT_KPI_06", "organisation": "LCC", "what": what, "before": before, "after": after, "adjustment": adj}
	}
	require.Equal(t, []map[string]any{
		rv("value", "86.2", "84.6", "0.00"),
		rv("status", "green", "amber", "0.00"),
		rv("points", "0", "4.0", "0.00"),
		rv("credit", "0.00", "4080.00", "4080.00"),
		rv("rule", "green: no credit", "amber: 0.5 of 8 points = 4.0 points x 0.12% of charges 850000.00 = 4080.00", "0.00"),
	}, revs)
	require.Equal(t, "2021-11", r["adjust_in"])
	require.Equal(t, "4080.00", r["adjustment"])
	states := map[string]string{}
	for _, m := range r["months"].([]any) {
		mm := m.(map[string]any)
		states[mm["month"].(string)] = mm["state"].(string)
		require.Equal(t, []any{"measurements"}, mm["inputs_changed"])
	}
	require.Equal(t, map[string]string{"2021-06": "unchanged", "2021-07": "unchanged", "2021-08": "unchanged", "2021-09": "revised", "2021-10": "unchanged"}, states)
	adjustments := r["adjustments"].([]any)
	require.Len(t, adjustments, 1)
	require.Equal(t, map[string]any{"month": "2021-11", "revised": "2021-09", "kpi": "IMT_KPI_06", "organisation": "LCC", "what": "credit",
		"amount": "4080.00", "rule": "restates 2021-09: kpi IMT_KPI_06 (LCC) credit 0.00 -> 4080.00: adjustment 4080.00, outside the caps"}, adjustments[0])

	// Adjusted in December instead, by name.
	_, r = revisionsOf(t, dir, "contract.yaml", "measurements.csv", "mitigations.yaml", "-adjust-in", "Dec-21")
	require.Equal(t, "2021-12", r["adjust_in"])
}

// TestCloseRefusesAndReseals: closing a month again with other results is
// refused, for a range before anything is written; -reseal keeps the
// earlier seal beside the new one.
func TestCloseRefusesAndReseals(t *testing.T) {
	dir := cycleDir(t)
	closeAtOctober(t, dir)
	before, err := os.ReadFile(filepath.Join(dir, "seals", "seal-2021-08.json"))
	require.NoError(t, err)
	code, out, errOut := cli(t, dir, "", "close", "contract.yaml", "monthly/measurements-corrected.csv", "mitigations.yaml",
		"-month", "2021-08..2021-11", "-seals", "seals")
	require.Equal(t, 1, code, "November has no measurement: %s", errOut)
	require.Equal(t, "monthly/measurements-corrected.csv: no measurement of 2021-11: close a month once its figures are in\n", errOut)
	require.Empty(t, out)
	code, out, errOut = cli(t, dir, "", "close", "contract.yaml", "monthly/measurements-corrected.csv", "mitigations.yaml",
		"-month", "2021-08..2021-10", "-seals", "seals")
	require.Equal(t, 3, code)
	require.Empty(t, out)
	require.Equal(t, "seals/seal-2021-08.json: 2021-08: the month's figures are unchanged, but the input files differ from those sealed; give -reseal to seal it again from these files: month already sealed with different content\n"+
		"seals/seal-2021-09.json: 2021-09: the month's result today differs from its seal (see evaluate -seals); give -reseal to seal it again, keeping the earlier seal beside it: month already sealed with different content\n"+
		"seals/seal-2021-10.json: 2021-10: the month's result today differs from its seal (see evaluate -seals); give -reseal to seal it again, keeping the earlier seal beside it: month already sealed with different content\n"+
		"close: nothing written: 3 months refused\n", errOut)
	after, err := os.ReadFile(filepath.Join(dir, "seals", "seal-2021-08.json"))
	require.NoError(t, err)
	require.Equal(t, string(before), string(after), "nothing written")

	code, out, errOut = cli(t, dir, "", "close", "contract.yaml", "monthly/measurements-corrected.csv", "mitigations.yaml",
		"-month", "2021-09", "-seals", "seals", "-reseal")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, "2021-09: resealed: seals/seal-2021-09.json (credit 4080.00, evaluated from 2021-06); the earlier seal kept as seals/seal-2021-09.1.json\n", out)
	revs, _ := revisionsOf(t, dir, "contract.yaml", "monthly/measurements-corrected.csv", "mitigations.yaml")
	for _, rv := range revs {
		require.NotEqual(t, "2021-09", rv["month"], "September was resealed with today's result")
	}
	require.NotEmpty(t, revs, "October still differs from its seal")
}

// TestEditedSeal: a seal whose JSON was edited is reported and never
// trusted: exit status 3 after the report, which lists it as untrusted;
// with -key, a seal whose digest a forger recomputed is found as well.
func TestEditedSeal(t *testing.T) {
	dir := cycleDir(t)
	key := writeTo(t, dir, "key", "a key of sixteen bytes or more\n")
	closeAtOctober(t, dir, "-key", key)
	name := filepath.Join(dir, "seals", "seal-2021-09.json")
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(name, []byte(strings.Replace(string(data), `"credit": "2040.00"`, `"credit": "0.00"`, 1)), 0o644))

	code, out, errOut := cli(t, dir, "", "evaluate", "contract.yaml", "measurements.csv", "monthly/mitigations-at-close.yaml", "-seals", "seals", "-key", key)
	require.Equal(t, 3, code)
	require.Regexp(t, `^seals/seal-2021-09.json: 2021-09: the content's digest is sha256:[0-9a-f]{64}, the seal says sha256:[0-9a-f]{64}: seal edited since it was sealed\n$`, errOut)
	require.Contains(t, out, "Sep-21  untrusted")
	require.Contains(t, out, "Sep-21: untrusted, not compared: seals/seal-2021-09.json: 2021-09: the content's digest")

	// The other seals are trusted, under the key; and without the key too.
	code, _, _ = cli(t, dir, "", "evaluate", "contract.yaml", "measurements.csv", "monthly/mitigations-at-close.yaml", "-seals", "seals", "-format", "csv")
	require.Equal(t, 3, code, "without a key the digest still finds the edit")
	wrong := writeTo(t, dir, "wrong", "another key of sixteen bytes")
	require.NoError(t, os.WriteFile(name, data, 0o644))
	code, _, errOut = cli(t, dir, "", "evaluate", "contract.yaml", "measurements.csv", "monthly/mitigations-at-close.yaml", "-seals", "seals", "-key", wrong)
	require.Equal(t, 3, code)
	require.Equal(t, 5, strings.Count(errOut, "the hmac does not match (edited, or sealed with another key): seal not authenticated by the key"), errOut)
	code, _, errOut = cli(t, dir, "", "evaluate", "contract.yaml", "measurements.csv", "monthly/mitigations-at-close.yaml", "-seals", "seals", "-key", key)
	require.Equal(t, 0, code, errOut)
}

// TestCloseAndRestateUsage: every wrong command line is a usage error or
// an input problem, as docs/cli.md's table says.
func TestCloseAndRestateUsage(t *testing.T) {
	dir := cycleDir(t)
	closeAtOctober(t, dir)
	short := writeTo(t, dir, "short", "short\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string // the first line of standard error
	}{
		{"close without -month", []string{"close", "contract.yaml", "measurements.csv", "-seals", "s"}, 2,
			"servicecredit close: -month: required (a month such as 2021-09, or a range 2021-06..2021-10)"},
		{"close without -seals", []string{"close", "contract.yaml", "measurements.csv", "-month", "2021-09"}, 2,
			"servicecredit close: -seals: required (the directory the seals are kept in)"},
		{"close outside the term", []string{"close", "contract.yaml", "measurements.csv", "-month", "2023-04", "-seals", "s"}, 2,
			"servicecredit close: -month 2023-04: not within the contract's term 2015-04..2023-03"},
		{"close with -from after -month", []string{"close", "contract.yaml", "measurements.csv", "-month", "2021-09", "-from", "2021-10", "-seals", "s"}, 2,
			"servicecredit close: -from 2021-10 is after -month 2021-09"},
		{"close with a short key", []string{"close", "contract.yaml", "measurements.csv", "-month", "2021-09", "-seals", "s", "-key", short}, 1,
			short + ": key of 5 bytes: want at least 16"},
		{"close with a missing key file", []string{"close", "contract.yaml", "measurements.csv", "-month", "2021-09", "-seals", "s", "-key", "nokey"}, 1,
			"nokey: cannot read: no such file or directory"},
		{"-adjust-in without -seals", []string{"evaluate", "contract.yaml", "measurements.csv", "-adjust-in", "2021-11"}, 2,
			"servicecredit evaluate: -adjust-in: only with -seals"},
		{"-key without -seals", []string{"evaluate", "contract.yaml", "measurements.csv", "-key", "k"}, 2,
			"servicecredit evaluate: -key: only with -seals"},
		{"-seals with pack", []string{"evaluate", "contract.yaml", "measurements.csv", "-seals", "seals", "-format", "pack"}, 2,
			"servicecredit evaluate: -seals: not with -format pack (use text, markdown, csv, json or jsonl)"},
		{"-adjust-in a sealed month", []string{"evaluate", "contract.yaml", "measurements.csv", "-seals", "seals", "-adjust-in", "2021-10"}, 2,
			"servicecredit evaluate: -adjust-in 2021-10: not after the last sealed month, 2021-10 (adjustments go in a month not yet closed, after every sealed month): adjustments cannot go in that month"},
		{"a seals directory that is not there", []string{"evaluate", "contract.yaml", "measurements.csv", "-seals", "nowhere"}, 1,
			"nowhere: cannot read the seals: no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, dir, "", tc.args...)
			require.Equal(t, tc.code, code, errOut)
			require.Equal(t, tc.err, strings.SplitN(errOut, "\n", 2)[0])
			if tc.code == 2 || tc.args[0] == "close" {
				require.Empty(t, out)
			}
		})
	}
}

// TestCloseFromStandardInput: measurements read from standard input are
// sealed with the digest of what was read.
func TestCloseFromStandardInput(t *testing.T) {
	dir := cycleDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "measurements.csv"))
	require.NoError(t, err)
	code, _, errOut := cli(t, dir, string(data), "close", "contract.yaml", "-", "monthly/mitigations-at-close.yaml", "-month", "2021-09", "-seals", "in")
	require.Equal(t, 0, code, errOut)
	closeAtOctober(t, dir)
	a, err := os.ReadFile(filepath.Join(dir, "in", "seal-2021-09.json"))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, "seals", "seal-2021-09.json"))
	require.NoError(t, err)
	require.Equal(t, string(b), string(a))
}

// TestCloseHostileDirectory: a seals directory named with a terminal
// escape is written as a Go escape, in close's output and evaluate's.
func TestCloseHostileDirectory(t *testing.T) {
	dir := cycleDir(t)
	code, out, errOut := cli(t, dir, "", "close", "contract.yaml", "measurements.csv", "-month", "2021-06", "-seals", "s\x1b[31m\u202e")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, "2021-06: sealed: s\\x1b[31m\\u202e/seal-2021-06.json (credit 6120.00, evaluated from 2021-06)\n", out)
	code, out, errOut = cli(t, dir, "", "evaluate", "contract.yaml", "measurements.csv", "-seals", "s\x1b[31m\u202e")
	require.Equal(t, 0, code, errOut)
	require.NotContains(t, out, "\x1b")
	require.Contains(t, out, "s\\x1b[31m\\u202e/seal-2021-06.json")
}
