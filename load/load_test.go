package load_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

const shipped = "../examples/lincolnshire/"

func read(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// lincolnshire loads the shipped contract.
func lincolnshire(t testing.TB) *contract.Contract {
	t.Helper()
	c, err := load.Contract("contract.yaml", read(t, shipped+"contract.yaml"))
	require.NoError(t, err)
	return c
}

// TestBad runs every file under testdata/bad through its loader and checks
// the exact messages against the file's .want. Files named contract-* are
// contracts; measurements-* and mitigations-* are read against the shipped
// Lincolnshire contract.
func TestBad(t *testing.T) {
	c := lincolnshire(t)
	files, err := filepath.Glob("testdata/bad/*")
	require.NoError(t, err)
	n := 0
	for _, path := range files {
		if strings.HasSuffix(path, ".want") {
			continue
		}
		n++
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data := read(t, path)
			var err error
			switch {
			case strings.HasPrefix(name, "contract-"):
				_, err = load.Contract(name, data)
			case strings.HasPrefix(name, "measurements-"):
				_, err = load.Measurements(name, bytes.NewReader(data), c)
			case strings.HasPrefix(name, "mitigations-"):
				_, err = load.Register(name, data, c)
			default:
				t.Fatalf("%s: name says nothing of the loader", name)
			}
			require.Error(t, err)
			require.ErrorIs(t, err, load.ErrInvalid)
			var lines []string
			for _, e := range load.Errors(err) {
				var le *load.Error
				require.ErrorAs(t, e, &le, "every problem is a *load.Error")
				require.Equal(t, name, le.File)
				lines = append(lines, e.Error())
			}
			contracttest.Golden(t, path+".want", []byte(strings.Join(lines, "\n")+"\n"))
		})
	}
	if n < 30 {
		t.Errorf("%d bad inputs, want at least 30", n)
	}
}

// TestJSONContract checks that the JSON spelling of the shipped contract,
// with some decimals as JSON numbers, loads to the same contract.
func TestJSONContract(t *testing.T) {
	want := lincolnshire(t)
	got, err := load.Contract("contract.json", read(t, "testdata/good/contract.json"))
	require.NoError(t, err)
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(kpi.Thresholds{})); diff != "" {
		t.Errorf("JSON contract differs (-yaml +json):\n%s", diff)
	}
}

// TestShippedFiles loads the shipped files and checks what they hold.
func TestShippedFiles(t *testing.T) {
	c := lincolnshire(t)
	require.Len(t, c.KPIs, 16)
	f, err := os.Open(shipped + "measurements.csv")
	require.NoError(t, err)
	defer f.Close()
	ms, err := load.Measurements("measurements.csv", f, c)
	require.NoError(t, err)
	require.Len(t, ms, 73)
	recs, err := load.Mitigations("mitigations.yaml", read(t, shipped+"mitigations.yaml"))
	require.NoError(t, err)
	require.Len(t, recs, 3)
	require.Equal(t, "T2-2", recs[1].Ref)
	require.Equal(t, kpi.MustParseMonth("2021-07"), recs[1].To)
	require.Equal(t, mitigation.Relief, recs[1].Effect)
	require.Equal(t, "2021-08-17", recs[1].AgreedOn.String())
}

// TestMeasurementAbsenceWords reads each spelling of an absence, in the
// value and the absence column and in any case, by the one list of words
// (kpi.Absence's first three and the packs' UNVL and N/A; a not-due for a
// monthly KPI is read and then refused as due); any other word
// in the absence column is a *kpi.WordError wrapping kpi.ErrUnknownWord.
func TestMeasurementAbsenceWords(t *testing.T) {
	c := lincolnshire(t)
	for _, tc := range []struct {
		word string
		want kpi.Absence
	}{
		{"UNVL", kpi.Unavailable}, {"unvl", kpi.Unavailable}, {"Unavailable", kpi.Unavailable},
		{"N/A", kpi.NotApplicable}, {"n/a", kpi.NotApplicable}, {"NOT-APPLICABLE", kpi.NotApplicable},
		{"not-due", kpi.NotDue}, {"Not-Due", kpi.NotDue},
	} {
		for _, row := range []string{"IMT_KPI_05,LCC,2021-06," + tc.word + ",\n", "IMT_KPI_05,LCC,2021-06,," + tc.word + "\n"} {
			ms, err := load.Measurements("m.csv", strings.NewReader("kpi,organisation,month,value,absence\n"+row), c)
			if tc.want == kpi.NotDue {
				// IMT_KPI_05 is assessed monthly, so a not-due is read as
				// one and then refused for a month the KPI is due in.
				require.ErrorContains(t, err, `"`+tc.word+`": given for a month IMT_KPI_05 is assessed in (monthly)`, row)
				continue
			}
			require.NoError(t, err, row)
			require.Equal(t, tc.want, ms[0].Absent, row)
		}
	}
	_, err := load.Measurements("m.csv", strings.NewReader("kpi,organisation,month,value,absence\nIMT_KPI_05,LCC,2021-06,,no-input\n"), c)
	require.EqualError(t, err, `m.csv:2:25: absence "no-input": unknown absence (want UNVL, N/A or not-due, or the words unavailable, not-applicable)`)
	require.ErrorIs(t, err, kpi.ErrUnknownWord)
	require.ErrorIs(t, err, load.ErrInvalid)
}

// TestMeasurementSpellings checks the accepted spellings of values,
// absences and months.
func TestMeasurementSpellings(t *testing.T) {
	c := lincolnshire(t)
	for i := range c.KPIs {
		if c.KPIs[i].ID == "IMT_KPI_05" {
			c.KPIs[i].Every = 2 // assessed in odd service months: 2021-06 is month 75, not due
		}
	}
	in := "\ufeffKPI, Organisation ,month,value,numerator,denominator,absence,note\n" +
		"IMT_KPI_01,LCC,2021-06,99.9%,,,,\n" +
		"IMT_KPI_02,,Jun-21, 99.90 ,,,,pack says 99.90\n" +
		"IMT_KPI_03,LCC,jun-21,UNVL,,,,\n" +
		"IMT_KPI_04,LCC,2021-06,N/A,,,,no P1 calls\n" +
		"IMT_KPI_05,LCC,2021-06,not-due,,,,\n" +
		"IMT_KPI_06,LCC,2021-06,,,,not-applicable,\n" +
		"IMT_KPI_07,LCC,2021-06,,,,,\n" +
		"IMT_KPI_08,LCC,2021-06,66.7,2,3,,\n" +
		"IMT_KPI_09,LCC,2021-06,,118564,118800,,minutes available of agreed\n"
	ms, err := load.Measurements("m.csv", strings.NewReader(in), c)
	require.NoError(t, err)
	jun := kpi.MustParseMonth("2021-06")
	want := []kpi.Measurement{
		{KPI: "IMT_KPI_01", Org: "LCC", Month: jun, Value: dec("99.9")},
		{KPI: "IMT_KPI_02", Org: "LCC", Month: jun, Value: dec("99.90"), Note: "pack says 99.90"},
		{KPI: "IMT_KPI_03", Org: "LCC", Month: jun, Absent: kpi.Unavailable},
		{KPI: "IMT_KPI_04", Org: "LCC", Month: jun, Absent: kpi.NotApplicable, Note: "no P1 calls"},
		{KPI: "IMT_KPI_05", Org: "LCC", Month: jun, Absent: kpi.NotDue},
		{KPI: "IMT_KPI_06", Org: "LCC", Month: jun, Absent: kpi.NotApplicable},
		// IMT_KPI_07's empty value supplies nothing: it is evaluated as missing.
		{KPI: "IMT_KPI_08", Org: "LCC", Month: jun, Value: dec("66.7"), Numerator: dec("2"), Denominator: dec("3"), HasCounts: true},
		// An empty value with counts is derived from them by the engine.
		{KPI: "IMT_KPI_09", Org: "LCC", Month: jun, Numerator: dec("118564"), Denominator: dec("118800"), HasCounts: true, FromCounts: true,
			Note: "minutes available of agreed"},
	}
	if diff := cmp.Diff(want, ms, cmpopts.IgnoreUnexported(kpi.Measurement{})); diff != "" {
		t.Errorf("measurements (-want +got):\n%s", diff)
	}
	// The value keeps the places written: 99.90 is not 99.9 in text.
	require.Equal(t, "99.90", kpi.FormatValue(ms[1].Value))
}

// TestMitigationsCSVMatchesYAML checks the two spellings of the shipped
// register give the same records.
func TestMitigationsCSVMatchesYAML(t *testing.T) {
	want, err := load.Mitigations("mitigations.yaml", read(t, shipped+"mitigations.yaml"))
	require.NoError(t, err)
	got, err := load.Mitigations("mitigations.csv", read(t, "testdata/good/mitigations.csv"))
	require.NoError(t, err)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV records differ (-yaml +csv):\n%s", diff)
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestErrorsOfNil(t *testing.T) {
	require.Nil(t, load.Errors(nil))
	e := errors.New("x")
	require.Equal(t, []error{e}, load.Errors(e))
}

// TestNewFields checks that every field added to the contract format
// (bounds, msl margins, relative targets, figures, a KPI's own unavailable
// rule and pooled KPIs) lands in the engine's value, in YAML and in JSON.
func TestNewFields(t *testing.T) {
	m := kpi.MustParseMonth
	pct := kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
	whole := kpi.Precision{Places: 0, Rounding: kpi.HalfUp}
	def := func(id, name string, kind kpi.Kind, unit kpi.Unit, dir kpi.Direction, p kpi.Precision) kpi.Definition {
		return kpi.Definition{ID: id, Name: name, Kind: kind, Unit: unit, Direction: dir, Precision: p}
	}
	levels := func(d kpi.Definition, tsl, msl string) kpi.Definition {
		d.Schedule = kpi.Constant(kpi.MustLevels(tsl, msl))
		return d
	}
	avail := def("AVAIL", "Availability", kpi.KPI, kpi.Percent, kpi.HigherIsBetter, pct)
	avail.Schedule = kpi.Schedule{
		Base: kpi.Thresholds{TSL: dec("99.5"), TSLBound: kpi.Strict, MSLBound: kpi.Strict,
			MSLMargin: kpi.Margin{By: dec("0.5"), Unit: kpi.PointsFromTSL}},
		Glide: []kpi.Step{{Month: m("2020-04"), Thresholds: kpi.Thresholds{TSL: dec("98"),
			MSLMargin: kpi.Margin{By: dec("2"), Unit: kpi.PercentOfTSL}}}},
		Changes: []kpi.Change{{From: m("2020-10"), Note: "CCN 7",
			Thresholds: kpi.Thresholds{TSL: dec("99.6"), MSL: dec("99.1"), MSLBound: kpi.Strict}}},
	}
	open := def("OPEN", "Calls open at period end", kpi.PI, kpi.Count, kpi.LowerIsBetter, whole)
	open.Relative = kpi.Decrease
	sat := def("SAT", "Customer satisfaction", kpi.PI, kpi.Score, kpi.HigherIsBetter, pct)
	sat.Relative = kpi.NoWorseThanLastYear
	p1 := levels(def("P1", "P1 calls resolved in time", kpi.PI, kpi.Percent, kpi.HigherIsBetter, pct), "95", "90")
	p1.Schedule.Base.SmallVolume = kpi.SmallVolume{FewerThan: 20, TSLFailures: 1, MSLFailures: 2}
	want := []contract.KPI{
		{Definition: avail, Unavailable: kpi.Unmeasured},
		{Definition: p1},
		{Definition: levels(def("P2", "P2 calls resolved in time", kpi.PI, kpi.Percent, kpi.HigherIsBetter, pct), "95", "90")},
		{Definition: def("P1_VOL", "P1 calls", kpi.Figure, kpi.Count, kpi.HigherIsBetter, whole)},
		{Definition: def("P2_VOL", "P2 calls", kpi.Figure, kpi.Count, kpi.HigherIsBetter, whole)},
		{Definition: levels(def("OVERALL", "Overall SLA performance", kpi.KPI, kpi.Percent, kpi.HigherIsBetter, pct), "95", "90"),
			Pooled: []contract.Part{{KPI: "P1", Weight: "P1_VOL"}, {KPI: "P2", Weight: "P2_VOL"}}},
		{Definition: levels(def("BY_COUNTS", "P1 and P2 pooled by their counts", kpi.PI, kpi.Percent, kpi.HigherIsBetter, pct), "95", "90"),
			Pooled: []contract.Part{{KPI: "P1"}, {KPI: "P2"}}},
		{Definition: open},
		{Definition: sat},
	}
	for _, name := range []string{"new-fields.yaml", "new-fields.json"} {
		t.Run(name, func(t *testing.T) {
			c, err := load.Contract(name, read(t, "testdata/good/"+name))
			require.NoError(t, err)
			if diff := cmp.Diff(want, c.KPIs, cmpopts.IgnoreUnexported(kpi.Thresholds{})); diff != "" {
				t.Errorf("kpis (-want +got):\n%s", diff)
			}
			// The margin is read exactly, JSON number or not: 0.5, one place.
			require.Equal(t, "0.5", c.KPIs[0].Schedule.Base.MSLMargin.By.StringFixed(1))
			require.Equal(t, int32(-1), c.KPIs[0].Schedule.Base.MSLMargin.By.Exponent())
		})
	}
}

// TestIncidentsColumn checks that the incidents column is split on ";",
// trimmed, and left out of rows without one.
func TestIncidentsColumn(t *testing.T) {
	c := lincolnshire(t)
	ms, err := load.Measurements("m.csv", strings.NewReader("kpi,organisation,month,value,incidents\n"+
		"IMT_KPI_01,LCC,2021-06,99.9, INC-1 ;INC-2\nIMT_KPI_02,LCC,2021-06,99.8,\n"), c)
	require.NoError(t, err)
	require.Equal(t, []string{"INC-1", "INC-2"}, ms[0].Incidents)
	require.Nil(t, ms[1].Incidents)
}

// TestEvery: a quarterly KPI's assessment period lands in the engine.
func TestEvery(t *testing.T) {
	data := strings.Replace(string(read(t, "testdata/bad/contract-kpi-every.yaml")), "every: 13", "every: 3", 1)
	c, err := load.Contract("c.yaml", []byte(data))
	require.NoError(t, err)
	require.Equal(t, 3, c.KPIs[0].Every)
	require.Equal(t, 0, c.KPIs[1].Every, "monthly when left out")
}

// TestWeightWithoutFrom: a points weight may leave out from; it applies
// from its KPI's first month in force (here commencement, 2020-04), so a
// red April costs KPI01's 8 points: 8 x 0.12% of 1000.00 = 9.60.
func TestWeightWithoutFrom(t *testing.T) {
	data := strings.Replace(string(read(t, "testdata/bad/contract-weight-two-without-from.yaml")), "        - {kpi: KPI01, points: \"6\"}\n", "", 1)
	c, err := load.Contract("c.yaml", []byte(data))
	require.NoError(t, err)
	w := c.Credits.Regime.(credits.Points).Weights[0]
	require.True(t, w.From.IsZero(), "from left out")
	res, err := c.Evaluate(contract.Input{From: kpi.MustParseMonth("2020-04"), To: kpi.MustParseMonth("2020-04"),
		Measurements: []kpi.Measurement{{KPI: "KPI01", Org: "ORG", Month: kpi.MustParseMonth("2020-04"), Value: decimal.RequireFromString("98")}}})
	require.NoError(t, err)
	require.Equal(t, "9.60", res.Months[0].Cells[0].Credit.Amount.StringFixed(2))
}

// TestMeasurementNotAMapping: a measurement section of the wrong shape is
// an error, not ignored.
func TestMeasurementNotAMapping(t *testing.T) {
	data := string(read(t, "testdata/bad/contract-kpi-every.yaml"))
	data = strings.Replace(data, "every: 13", "every: 3", 1) + "measurement: 5\n"
	_, err := load.Contract("c.yaml", []byte(data))
	require.ErrorIs(t, err, load.ErrInvalid)
	require.EqualError(t, err, "c.yaml:41:14: measurement: want a mapping of record-zone and calendars: invalid input file")
}

// TestFiles checks the readers of a path: the file is named by its base
// name in messages, and a file that cannot be read is the operating
// system's error.
func TestFiles(t *testing.T) {
	c, err := load.ContractFile(shipped + "contract.yaml")
	require.NoError(t, err)
	ms, err := load.MeasurementsFile(shipped+"measurements.csv", c)
	require.NoError(t, err)
	require.Len(t, ms, 73)
	_, err = load.ContractFile("testdata/bad/contract-unknown-bound.yaml")
	require.EqualError(t, err, `contract-unknown-bound.yaml:18:16: kpis[0].tsl-bound "exclusive": unknown word (want one of inclusive, strict)`)
	_, err = load.ContractFile("testdata/none.yaml")
	require.ErrorIs(t, err, fs.ErrNotExist)
	_, err = load.MeasurementsFile("testdata/none.csv", c)
	require.ErrorIs(t, err, fs.ErrNotExist)
	reg, err := load.MitigationsFile(shipped+"mitigations.yaml", c)
	require.NoError(t, err)
	require.NotNil(t, reg)
	_, err = load.MitigationsFile("testdata/none.yaml", c)
	require.ErrorIs(t, err, fs.ErrNotExist)
}
