package load_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/stretchr/testify/require"
)

// quarterly returns the base contract with KPI02 assessed every 3 months
// (in June, September, December and March, commencement being April).
func quarterly(t *testing.T) *contract.Contract {
	t.Helper()
	text := strings.Replace(string(read(t, "testdata/base-contract.yaml")), "    glide:\n      - {month: 2020-04, tsl: \"5\", msl: \"8\"}\n",
		"    every: 3\n", 1)
	c, err := load.Contract("c.yaml", []byte(text))
	require.NoError(t, err)
	return c
}

// TestNotDue: a value for a month its quarterly KPI is not due in, and
// not-due for a month it is, are problems of the measurements file, each
// placed at its file, line and column as every other problem the reader
// finds (a month outside the KPI's months in force, say).
func TestNotDue(t *testing.T) {
	c := quarterly(t)
	in := "kpi,month,value,absence\n" +
		"KPI01,2020-04,99.9,\n" +
		"KPI02,2020-04,2,\n" + // not due: assessed in June, September, December and March
		"KPI02,2020-05,,\n" + // nothing supplied: no measurement, never a problem
		"KPI02,2020-06,not-due,\n" + // due
		"KPI02,2020-07,UNVL,\n" + // not due: an absence other than not-due is a value given
		"KPI02,2020-08,not-due,\n" + // not due, and said so
		"KPI02,2020-09,,not-due\n" + // due, not-due in the absence column
		"KPI02,2021-04,1,\n" // not in force, as before
	_, err := load.Measurements("m.csv", strings.NewReader(in), c)
	require.Error(t, err)
	var got []string
	for _, e := range load.Errors(err) {
		var le *load.Error
		require.ErrorAs(t, e, &le, "placed in the file")
		got = append(got, e.Error())
	}
	require.Equal(t, []string{
		`m.csv:3:7: month "2020-04": KPI02 is assessed every 3 months, not in 2020-04 (write not-due, or leave the row out)`,
		`m.csv:5:15: value "not-due": given for a month KPI02 is assessed in (every 3 months)`,
		`m.csv:6:7: month "2020-07": KPI02 is assessed every 3 months, not in 2020-07 (write not-due, or leave the row out)`,
		`m.csv:8:16: absence "not-due": given for a month KPI02 is assessed in (every 3 months)`,
		`m.csv:9:7: month "2021-04": KPI02 is not in force (in force 2020-04..2021-03)`,
	}, got)

	// The clean rows read, and evaluate without a problem.
	ms, err := load.Measurements("m.csv", strings.NewReader("kpi,month,value\nKPI01,2020-04,99.9\nKPI02,2020-05,\nKPI02,2020-06,1\nKPI02,2020-08,not-due\n"), c)
	require.NoError(t, err)
	require.Len(t, ms, 3)
	_, err = c.Evaluate(contract.Input{Measurements: ms, From: kpi.MustParseMonth("2020-04"), To: kpi.MustParseMonth("2020-08")})
	require.NoError(t, err)
}

// TestInputErrors: a problem the evaluation finds with a measurement is
// placed at the line of the measurements file it came from. The reader
// finds every such problem itself, so the measurements here are read
// against the monthly contract and evaluated against the quarterly one.
func TestInputErrors(t *testing.T) {
	monthly, err := load.Contract("c.yaml", read(t, "testdata/base-contract.yaml"))
	require.NoError(t, err)
	in := "kpi,month,value\n" +
		"KPI01,2020-04,99.9\n" +
		"KPI02,2020-04,2\n" + // not due in the quarterly contract
		"KPI02,2020-05,\n" + // nothing supplied: no measurement, so the lines that follow keep theirs
		"KPI02,2020-06,1\n" +
		"KPI02,2020-09,not-due\n" // due in the quarterly contract
	_, err = load.Measurements("m.csv", strings.NewReader(in), monthly)
	require.EqualError(t, err, `m.csv:6:15: value "not-due": given for a month KPI02 is assessed in (monthly)`)
	in = strings.Replace(in, "not-due", "2", 1)
	ms, lines, err := load.MeasurementLines("m.csv", strings.NewReader(in), monthly)
	require.NoError(t, err)
	require.Equal(t, []int{2, 3, 5, 6}, lines, "the line of each measurement, an empty value's row skipped")
	ms[3] = kpi.Measurement{KPI: ms[3].KPI, Org: ms[3].Org, Month: ms[3].Month, Absent: kpi.NotDue} // as a Go caller may give it
	c := quarterly(t)
	_, err = c.Evaluate(contract.Input{Measurements: ms})
	require.Error(t, err)
	var got []string
	for _, e := range load.InputErrors("m.csv", lines, err) {
		var le *load.Error
		require.ErrorAs(t, e, &le, "placed in the file")
		require.ErrorIs(t, e, contract.ErrInvalidInput, "and still the engine's")
		got = append(got, e.Error())
	}
	require.Equal(t, []string{
		"m.csv:3: month: KPI02 ORG 2020-04: kpi assessed every 3 months, not in 2020-04",
		"m.csv:6: value: KPI02 ORG 2020-09: not-due given for a month the kpi is assessed in",
	}, got)

	// A problem that is not a measurement's is returned as it is.
	_, err = c.Evaluate(contract.Input{Measurements: ms[:1], From: kpi.MustParseMonth("2020-03")})
	list := load.InputErrors("m.csv", lines, err)
	require.Len(t, list, 1)
	var le *load.Error
	require.False(t, errors.As(list[0], &le))
	require.EqualError(t, list[0], `contract "Test contract": period 2020-03..2021-03 not within the contract's 2020-04..2021-03: invalid evaluation input`)
	require.Nil(t, load.InputErrors("m.csv", lines, nil))
}
