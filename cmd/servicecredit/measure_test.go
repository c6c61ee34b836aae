package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/stretchr/testify/require"
)

// The Lincolnshire plan and tickets, as named from examples/lincolnshire.
const (
	lincsPlan    = "../../measure/testdata/lincolnshire/plan.yaml"
	lincsTickets = "../../measure/testdata/lincolnshire/tickets.csv"
	lincsAsOf    = "2021-11-05T00:00:00Z"
)

func TestMeasureGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		why  string
		args []string
	}{
		{"lincolnshire.csv", "the measurements CSV evaluate reads, June to October", []string{"-month", "2021-06..2021-10", "-as-of", lincsAsOf}},
		{"lincolnshire.json", "the same as JSON, flags after the files", []string{"-format", "json", "-as-of", lincsAsOf, "-month", "Jun-21..Oct-21"}},
		{"explain", "every ticket's part in IMT_KPI_05 for June: counted or not, and why", []string{"-explain", "IMT_KPI_05", "2021-06", "-as-of", lincsAsOf}},
		{"explain-count", "the P1 incidents of September, -explain=KPI form", []string{"-explain=IMT_KPI_10", "Sep-21"}},
		{"reconcile", "the three tickets on which the ITSM tool and we disagree, with their causes: a check that found what it exists to find, exit 3", []string{"-reconcile", "-as-of", lincsAsOf}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"measure", "contract.yaml", lincsPlan, lincsTickets}, tc.args...)
			code, out, errOut := cli(t, shipped, "", args...)
			want := 0
			if tc.name == "reconcile" {
				want = 3
			}
			require.Equal(t, want, code, errOut)
			require.Empty(t, errOut, tc.why)
			contracttest.Golden(t, filepath.Join(testdata, "measure-"+tc.name+".golden"), []byte(out))
		})
	}
}

// TestMeasureMatchesExample checks that the measured CSV reads back
// through the measurements reader evaluate uses, and that its values are
// those of examples/lincolnshire/measurements.csv for the KPIs measured.
func TestMeasureMatchesExample(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"plan file", []string{lincsPlan, lincsTickets}},
		{"the contract's own recipes and the shipped records", []string{"records/tickets.csv"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"measure", "contract.yaml"}, tc.args...), "-month", "2021-06..2021-10", "-as-of", lincsAsOf)
			code, out, errOut := cli(t, shipped, "", args...)
			require.Equal(t, 0, code, errOut)
			checkLincolnshireValues(t, out)
		})
	}
}

// checkLincolnshireValues checks measured CSV out against the shipped
// measurements.csv for the KPIs measured.
func checkLincolnshireValues(t *testing.T, out string) {
	t.Helper()
	c, err := load.ContractFile("contract.yaml")
	require.NoError(t, err)
	got, err := load.Measurements("measured.csv", strings.NewReader(out), c)
	require.NoError(t, err)
	f, err := os.Open("measurements.csv")
	require.NoError(t, err)
	defer f.Close()
	shippedMs, err := load.Measurements("measurements.csv", f, c)
	require.NoError(t, err)
	key := func(m kpi.Measurement) string { return m.KPI + " " + m.Org + " " + m.Month.String() }
	want := map[string]string{}
	for _, m := range shippedMs {
		if m.KPI == "IMT_KPI_05" || m.KPI == "IMT_KPI_10" {
			want[key(m)] = kpi.FormatValue(m.Value)
		}
	}
	require.Len(t, got, len(want))
	for _, m := range got {
		w, ok := want[key(m)]
		require.True(t, ok, "%s measured but not in measurements.csv", key(m))
		require.Equal(t, w, kpi.FormatValue(m.Value), key(m))
	}
}

func TestMeasureBadInputs(t *testing.T) {
	bad := filepath.Join(testdata, "measure-bad-tickets.csv")
	for _, tc := range []struct {
		name string
		why  string
		code int
		args []string
	}{
		{"bad-records", "every problem of the records file with file:line:column, and nothing measured", 1,
			[]string{"contract.yaml", lincsPlan, bad, "-month", "2021-06", "-as-of", lincsAsOf}},
		{"bad-plan", "every problem of the plan with file:line:column, KPI and option", 1,
			[]string{"contract.yaml", filepath.Join(testdata, "measure-bad-plan.yaml"), lincsTickets, "-month", "2021-06", "-as-of", lincsAsOf}},
		{"plan-not-contract", "a KPI the contract does not have, an organisation it does not measure", 1,
			[]string{"contract.yaml", filepath.Join(testdata, "measure-unknown-plan.yaml"), lincsTickets, "-month", "2021-06"}},
		{"unknown-kind", "a file whose header is of no record kind", 1,
			[]string{"contract.yaml", lincsPlan, "measurements.csv", "-month", "2021-06", "-as-of", lincsAsOf}},
		{"missing-file", "a records file that does not exist", 1,
			[]string{"contract.yaml", lincsPlan, "nope.csv", "-month", "2021-06", "-as-of", lincsAsOf}},
		{"usage-no-month", "the months are never guessed from the records", 2,
			[]string{"contract.yaml", lincsPlan, lincsTickets, "-as-of", lincsAsOf}},
		{"usage-no-as-of", "ticket resolution judges open tickets at an instant: never now", 2,
			[]string{"contract.yaml", lincsPlan, lincsTickets, "-month", "2021-06"}},
		{"usage-bad-month", "a month range that ends before it starts", 2,
			[]string{"contract.yaml", lincsPlan, lincsTickets, "-month", "2021-10..2021-06"}},
		{"usage-explain-incomplete", "-explain wants a KPI and a month", 2,
			[]string{"contract.yaml", lincsPlan, lincsTickets, "-explain", "IMT_KPI_05"}},
		{"usage-explain-unknown", "-explain of a KPI the plan does not measure", 2,
			[]string{"contract.yaml", lincsPlan, lincsTickets, "-explain", "IMT_KPI_01", "2021-06"}},
		{"usage-too-few", "no records file", 2, []string{"contract.yaml", lincsPlan}},
		{"usage-bad-format", "an unknown format", 2, []string{"contract.yaml", lincsPlan, lincsTickets, "-month", "2021-06", "-format", "xml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, shipped, "", append([]string{"measure"}, tc.args...)...)
			require.Equal(t, tc.code, code, tc.why)
			require.Empty(t, out, tc.why)
			contracttest.Golden(t, filepath.Join(testdata, "measure-"+tc.name+".golden"), []byte(strings.ReplaceAll(errOut, testdata, "testdata")))
		})
	}
}

func TestMeasureHelp(t *testing.T) {
	code, out, errOut := cli(t, "", "", "measure", "-h")
	require.Equal(t, 0, code)
	require.Empty(t, errOut)
	contracttest.Golden(t, filepath.Join(testdata, "measure-help.golden"), []byte(out))
}

// TestMeasureExitStatuses checks the exit statuses of docs/cli.md's table
// and the exact first line of each refusal: months outside the contract's
// term are a usage error refused before any record is read, whatever the
// range's length; a plan file that is not YAML is an input problem placed
// at its line and column; a deadline beyond the calendars' years is a
// documented limit; a reconciliation that agrees everywhere is all well.
func TestMeasureExitStatuses(t *testing.T) {
	dir := t.TempDir()
	nulPlan := writeTo(t, dir, "nul-plan.yaml", "kpis:\n  - kpi: IMT_KPI\x0005\n")
	far := writeTo(t, dir, "far.csv", "id,organisation,kind,priority,logged\nINC1,LCC,incident,P2,2199-12-31T17:00:00Z\n")
	twoPlan := writeTo(t, dir, "two-plan.yaml", `calendars:
  - {name: C24, zone: Europe/London, weekly: {monday: [00:00-24:00], tuesday: [00:00-24:00], wednesday: [00:00-24:00],
     thursday: [00:00-24:00], friday: [00:00-24:00], saturday: [00:00-24:00], sunday: [00:00-24:00]}}
kpis:
  - kpi: IMT_KPI_05
    measure: {ticket-resolution: {clock: {kinds: [incident], start: logged, stop: resolved, pauses: holds, reopen: first-resolution,
      priority-change: initial, targets: [{priority: P2, unit: business-time, within: 8h, calendar: C24}]},
      attribution: resolved-in-period, orgs: [LCC], combine: none, zone: Europe/London}}
  - kpi: IMT_KPI_10
    measure: {ticket-resolution: {clock: {kinds: [incident], start: logged, stop: resolved, pauses: holds, reopen: first-resolution,
      priority-change: initial, targets: [{priority: P1, unit: elapsed-time, within: 4h}]},
      attribution: resolved-in-period, orgs: [LCC], combine: none, zone: Europe/London}}
`)
	p4 := writeTo(t, dir, "p4.csv", "id,organisation,kind,priority,logged\nINC1,LCC,incident,P4,2021-06-01T09:00:00+01:00\n")
	bigField := writeTo(t, dir, "big-field.csv", "id,organisation,kind,priority,logged\nINC1,LCC,incident,P2,"+strings.Repeat("x", 70000)+"\n")
	semicolons := writeTo(t, dir, "semicolons.csv", "id;organisation;kind;priority;logged\nINC1;LCC;incident;P2;2021-06-01T09:00:00+01:00\n")
	agreed := writeTo(t, dir, "agreed.csv", "id,organisation,kind,priority,logged,resolved,tool-outcome\nINC1,LCC,incident,P2,2021-06-01T09:00:00+01:00,2021-06-01T10:00:00+01:00,met\n")
	for _, tc := range []struct {
		name string
		why  string
		code int
		args []string
		want string // the first line of standard error; empty when there is none
	}{
		{"huge-range", "a range of ten thousand years is refused at once, before the records are read", 2,
			[]string{"contract.yaml", lincsPlan, "nope.csv", "-month", "0001-01..9999-12", "-as-of", lincsAsOf},
			"servicecredit measure: -month 0001-01..9999-12: not within the contract's term 2015-04..2023-03"},
		{"before-term", "a month before commencement", 2,
			[]string{"contract.yaml", lincsPlan, lincsTickets, "-month", "2015-03", "-as-of", lincsAsOf},
			"servicecredit measure: -month 2015-03: not within the contract's term 2015-04..2023-03"},
		{"after-term", "a range running past the last month", 2,
			[]string{"contract.yaml", lincsPlan, lincsTickets, "-month", "2023-01..2023-04", "-as-of", lincsAsOf},
			"servicecredit measure: -month 2023-01..2023-04: not within the contract's term 2015-04..2023-03"},
		{"explain-after-term", "-explain's month too", 2,
			[]string{"contract.yaml", lincsPlan, lincsTickets, "-explain", "IMT_KPI_05", "2024-01", "-as-of", lincsAsOf},
			"servicecredit measure: -explain IMT_KPI_05 2024-01: not within the contract's term 2015-04..2023-03"},
		{"plan-nul", "a NUL byte in a plan file, placed at its line and column", 1,
			[]string{"contract.yaml", nulPlan, lincsTickets, "-month", "2021-06", "-as-of", lincsAsOf},
			nulPlan + ":2:17: not valid YAML: control character U+0000 is not allowed"},
		{"beyond-calendar", "a deadline beyond the calendar's years is a documented limit", 4,
			[]string{"contract.yaml", lincsPlan, far, "-month", "2021-06", "-as-of", "2200-01-02T00:00:00Z"},
			"IMT_KPI_05: " + far + ":2: ticket \"INC1\": deadline: target 8h0m0s from 2199-12-31T17:00:00Z not reached by the end of 2199"},
		{"every-kpi", "each KPI's problems are reported, not only the first KPI's", 1,
			[]string{"contract.yaml", twoPlan, p4, "-month", "2021-06", "-as-of", lincsAsOf},
			"IMT_KPI_05: " + p4 + ":2: ticket \"INC1\": priority \"P4\": no target for this priority (have P2)"},
		{"field-limit", "a record file past the CSV limits every file has is a documented limit", 4,
			[]string{"contract.yaml", lincsPlan, bigField, "-month", "2021-06", "-as-of", lincsAsOf},
			bigField + ":2:22: field of 70000 bytes: more than the limit of 65536"},
		{"semicolons", "a spreadsheet's export separated by semicolons is told so, at its header", 1,
			[]string{"contract.yaml", lincsPlan, semicolons, "-month", "2021-06", "-as-of", lincsAsOf},
			semicolons + `:1: columns separated by ";", not commas: save or export the file as comma-separated CSV`},
		{"reconcile-agrees", "a reconciliation with no difference is all well", 0,
			[]string{"contract.yaml", lincsPlan, agreed, "-reconcile", "-as-of", lincsAsOf}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := cli(t, shipped, "", append([]string{"measure"}, tc.args...)...)
			require.Equal(t, tc.code, code, "%s\n%s", tc.why, errOut)
			first, rest, _ := strings.Cut(errOut, "\n")
			require.Equal(t, tc.want, first, tc.why)
			if tc.name == "every-kpi" {
				require.Equal(t, "IMT_KPI_10: "+p4+":2: ticket \"INC1\": priority \"P4\": no target for this priority (have P1)\n", rest, tc.why)
			}
		})
	}
}

// TestMeasureHostileText checks that text from a record file reaches the
// terminal escaped: a ticket id and an exclusion reason holding terminal
// escape sequences are written as Go escapes by -explain.
func TestMeasureHostileText(t *testing.T) {
	dir := t.TempDir()
	tickets := writeTo(t, dir, "hostile.csv", "id,organisation,kind,priority,logged,exclusion\n"+
		"\"INC\x1b[2J\",LCC,incident,P1,2021-06-01T09:00:00+01:00,\n"+
		"INC2,LCC,incident,P1,2021-06-02T09:00:00+01:00,\"dup\x1b]0;owned\x07\"\n")
	code, out, errOut := cli(t, shipped, "", "measure", "contract.yaml", lincsPlan, tickets, "-explain", "IMT_KPI_10", "2021-06")
	require.Equal(t, 0, code, errOut)
	require.NotContains(t, out, "\x1b")
	require.NotContains(t, out, "\x07")
	require.Contains(t, out, `INC\x1b[2J [counted]: counted: incident INC\x1b[2J logged in the month, initial priority P1`)
	require.Contains(t, out, `INC2 [not counted]: not counted, excluded: dup\x1b]0;owned\a: incident INC2 logged in the month, initial priority P1`)
}

// TestMeasureOwnRecipeAgainstContract checks that a problem of a
// contract's own recipe against the contract is placed at that KPI of the
// contract file: IMT_KPI_10, the tenth KPI, whose count recipe names an
// organisation the contract does not measure.
func TestMeasureOwnRecipeAgainstContract(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(shipped, "contract.yaml"))
	require.NoError(t, err)
	text := strings.Replace(string(data), "      count:\n        orgs: [LCC]", "      count:\n        orgs: [LCC, ECC]", 1)
	require.NotEqual(t, string(data), text)
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "records"), 0o755))
	for _, f := range []string{"records/bank-holidays.json", "records/tickets.csv"} {
		b, err := os.ReadFile(filepath.Join(shipped, f))
		require.NoError(t, err)
		writeTo(t, dir, f, string(b))
	}
	writeTo(t, dir, "contract.yaml", text)
	code, _, errOut := cli(t, dir, "", "measure", "contract.yaml", "records/tickets.csv", "-month", "2021-06", "-as-of", lincsAsOf)
	require.Equal(t, 1, code)
	require.Equal(t, `contract.yaml:128:9: kpi "IMT_KPI_10": kpis[9].measure.count: organisation "ECC" is not measured for IMT_KPI_10 by the contract (want LCC)`+"\n", errOut)
}
