package load_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/measure/plan"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/stretchr/testify/require"
)

// volumeContract returns testdata/good/small-volume.yaml, a contract with
// one KPI under a small-volume rule: "95% of incidents fixed by the first
// line (90% the minimum), or where fewer than 20 were resolved in the
// month, no more than 1 not so fixed (2 the minimum)", measured from the
// ticket records by the contract's own recipe. Its tickets,
// small-volume-tickets.csv, are 19 incidents resolved in June 2021, 17
// fixed by the first line, and 20 in July, 19 fixed.
func volumeContract(t *testing.T) string {
	return string(read(t, "testdata/good/small-volume.yaml"))
}

// TestSmallVolumeMeasured follows a small-volume KPI from the ticket
// records to its status: the contract's recipe counts the tickets, the
// counts are written as a measurements file as servicecredit measure
// writes it (value, numerator, denominator), read back and evaluated.
//
//	June: 19 incidents, 17 fixed by the first line: 89.5%, which alone is
//	red; 19 is fewer than 20, and 2 failures meet the msl's 2: amber,
//	10 points x 0.5 = 5 points, each 1% of 10000.00: 500.00.
//	July: 20 incidents, 19 fixed: 95.0%; 20 is not fewer than 20, and
//	95.0 meets the tsl: green.
func TestSmallVolumeMeasured(t *testing.T) {
	c, err := load.Contract("c.yaml", []byte(volumeContract(t)))
	require.NoError(t, err)
	pl, err := load.Plan("c.yaml", []byte(volumeContract(t)))
	require.NoError(t, err)
	k, ok := pl.Lookup("FLF")
	require.True(t, ok)
	ts, err := recordfile.ReadTickets("tickets.csv", bytes.NewReader(read(t, "testdata/good/small-volume-tickets.csv")), nil)
	require.NoError(t, err)
	jun, jul := kpi.MustParseMonth("2021-06"), kpi.MustParseMonth("2021-07")
	figs, err := k.Measure.Measure(plan.Subject{KPI: "FLF", Precision: c.KPIs[0].Precision}, jun, jul, time.Date(2021, 8, 1, 0, 0, 0, 0, time.UTC), &record.Set{Tickets: ts}, nil)
	require.NoError(t, err)
	require.Len(t, figs, 2)

	file := "kpi,month,value,numerator,denominator\n"
	for _, f := range figs {
		m := f.Measurement
		require.True(t, m.HasCounts, "measure gives the counts")
		file += fmt.Sprintf("%s,%s,%s,%s,%s\n", m.KPI, m.Month, kpi.FormatValue(m.Value), kpi.FormatValue(m.Numerator), kpi.FormatValue(m.Denominator))
	}
	require.Equal(t, "kpi,month,value,numerator,denominator\nFLF,2021-06,89.5,17,19\nFLF,2021-07,95.0,19,20\n", file)
	ms, err := load.Measurements("m.csv", strings.NewReader(file), c)
	require.NoError(t, err)
	res, err := c.Evaluate(contract.Input{Measurements: ms, From: jun, To: jul})
	require.NoError(t, err)
	var got []string
	for _, mo := range res.Months {
		cell := mo.Cells[0]
		got = append(got, fmt.Sprintf("%s %s %s: %s", mo.Month, cell.Status, mo.Credit.Total.StringFixed(2), cell.Measured.Reason()))
	}
	require.Equal(t, []string{
		"2021-06 amber 500.00: 89.5 rounds to 89.5 (1 dp half-up); fewer than 20 measured (19): 2 failed, tsl at most 1 missed, msl at most 2 met (base): amber",
		"2021-07 green 0.00: 95.0 rounds to 95.0 (1 dp half-up); 20 measured, not fewer than 20: tsl >= 95 met (base): green",
	}, got)
}

// TestSmallVolumeCounts: a value of a KPI under a small-volume rule needs
// its counts, whole; each problem is placed at its file, line and column
// (the numerator's, or the line's when the file has no such column).
func TestSmallVolumeCounts(t *testing.T) {
	c, err := load.Contract("c.yaml", []byte(volumeContract(t)))
	require.NoError(t, err)
	_, err = load.Measurements("m.csv", strings.NewReader("kpi,month,value,numerator,denominator\n"+
		"FLF,2021-06,89.5,,\n"+
		"FLF,2021-07,89.5,17.5,19\n"+
		"FLF,2021-08,N/A,,\n"+ // nothing measured: no counts needed
		"FLF,2021-09,,17,19\n"), c) // derived from the counts
	require.EqualError(t, err, "m.csv:2:18: numerator: no numerator and denominator: the small-volume rule (fewer than 20: tsl at most 1 failed, msl at most 2 failed) judges a month by its counts (give them, or N/A for nothing measured)\n"+
		`m.csv:3:18: numerator: 17.5 is not a whole number: the small-volume rule (fewer than 20) counts things`)
	_, err = load.Measurements("m.csv", strings.NewReader("kpi,month,value\nFLF,2021-06,89.5\n"), c)
	require.EqualError(t, err, "m.csv:2: numerator: no numerator and denominator: the small-volume rule (fewer than 20: tsl at most 1 failed, msl at most 2 failed) judges a month by its counts (give them, or N/A for nothing measured)")
}

// TestSmallVolumeCombined: a shared service's combined value of a KPI
// under a small-volume rule has no counts (it is a weighted mean), so it
// is unmeasured (no-input), its reason saying why; each organisation's own
// month is judged by its counts. LBH: 17 of 19, 2 failed, amber; RBK: 40
// of 40, green by the percentage; combined: (89.5 x 19 + 100.0 x 40) / 59
// = 5700.5/59 = 96.61..., 96.6.
func TestSmallVolumeCombined(t *testing.T) {
	text := strings.NewReplacer(
		"organisations: [LBH]", "organisations: [LBH, RBK]",
		"  - {organisation: LBH, from: 2021-04, amount: \"10000.00\"}", "  - {organisation: LBH, from: 2021-04, amount: \"10000.00\"}\n  - {organisation: RBK, from: 2021-04, amount: \"10000.00\"}",
		"    measure:\n      resolved: {orgs: [LBH], resolution: first-line-fix, kinds: [incident], attribution: resolved-in-period, zone: Europe/London}\n",
		"    combine: {how: weighted, weight: VOL}\n  - {id: VOL, name: Incidents, kind: figure, unit: count, direction: higher-is-better, precision: {places: 0, rounding: half-up}, combine: {how: summed}}\n",
	).Replace(volumeContract(t))
	c, err := load.Contract("c.yaml", []byte(text))
	require.NoError(t, err)
	ms, err := load.Measurements("m.csv", strings.NewReader("kpi,organisation,month,value,numerator,denominator\n"+
		"FLF,LBH,2021-06,,17,19\nFLF,RBK,2021-06,,40,40\nVOL,LBH,2021-06,19,,\nVOL,RBK,2021-06,40,,\n"), c)
	require.NoError(t, err)
	jun := kpi.MustParseMonth("2021-06")
	res, err := c.Evaluate(contract.Input{Measurements: ms, From: jun, To: jun})
	require.NoError(t, err)
	mo := res.Months[0]
	require.Equal(t, "amber", mo.Cells[0].Status.String(), mo.Cells[0].Measured.Reason())
	require.Equal(t, "green", mo.Cells[1].Status.String(), "40 of 40: %s", mo.Cells[1].Measured.Reason())
	comb := mo.Combined[0]
	require.Equal(t, contract.Combined, comb.Measured.Org)
	require.Equal(t, kpi.Unmeasured, comb.Status)
	require.Equal(t, kpi.NoInput, comb.Measured.Absent)
	require.Equal(t, "96.6 rounds to 96.6 (1 dp half-up); no counts to judge by the small-volume rule (fewer than 20: tsl at most 1 failed, msl at most 2 failed) (base): unmeasured", comb.Measured.Reason())
}

// FuzzSmallVolumeMeasurements: whatever a measurements file for a KPI
// under a small-volume rule holds, the reader either refuses it with
// placed problems or gives measurements that evaluate without a problem,
// every month with a value judged green, amber or red.
func FuzzSmallVolumeMeasurements(f *testing.F) {
	c, err := load.Contract("c.yaml", read(f, "testdata/good/small-volume.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"kpi,month,value,numerator,denominator\nFLF,2021-06,89.5,17,19\nFLF,2021-07,,19,20\n",
		"kpi,month,value,numerator,denominator\nFLF,2021-06,89.5,,\nFLF,2021-07,N/A,,\n",
		"kpi,month,value,numerator,denominator\nFLF,2021-06,0,0,1\nFLF,2021-07,95,17.5,19\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, err := load.Measurements("m.csv", bytes.NewReader(data), c)
		checkErr(t, err, "m.csv")
		if err != nil {
			return
		}
		res, err := c.Evaluate(contract.Input{Measurements: ms})
		if err != nil {
			t.Fatalf("loaded but not evaluated: %v", err)
		}
		for _, mo := range res.Months {
			r := mo.Cells[0].Measured
			if r.Absent == 0 && !r.Status.Failed() && r.Status != kpi.Green {
				t.Fatalf("%s: a value judged %s: %s", mo.Month, r.Status, r.Reason())
			}
		}
	})
}
