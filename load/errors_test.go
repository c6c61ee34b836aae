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

// TestInputErrors: a problem the evaluation finds with a measurement (a
// value for a month its quarterly KPI is not due in, not-due for a month
// it is) is placed at the line of the measurements file it came from, as
// every problem the reader finds itself is.
func TestInputErrors(t *testing.T) {
	text := strings.Replace(string(read(t, "testdata/base-contract.yaml")), "    glide:\n      - {month: 2020-04, tsl: \"5\", msl: \"8\"}\n",
		"    every: 3\n", 1)
	c, err := load.Contract("c.yaml", []byte(text))
	require.NoError(t, err)
	in := "kpi,month,value\n" +
		"KPI01,2020-04,99.9\n" +
		"KPI02,2020-04,2\n" + // not due: KPI02 is assessed in June, September, December and March
		"KPI02,2020-05,\n" + // nothing supplied: no measurement, so the lines that follow keep theirs
		"KPI02,2020-06,not-due\n" + // due
		"KPI02,2020-09,1\n"
	ms, lines, err := load.MeasurementLines("m.csv", strings.NewReader(in), c)
	require.NoError(t, err)
	require.Equal(t, []int{2, 3, 5, 6}, lines, "the line of each measurement, an empty value's row skipped")
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
		"m.csv:5: value: KPI02 ORG 2020-06: not-due given for a month the kpi is assessed in",
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
