package contract

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// placed returns the problems in err, one a line, each as its path and
// message: "KPIs[3].Combine.Weight: contract ...". Every problem must be
// an *Error or an *InputError.
func placed(t testing.TB, err error) string {
	t.Helper()
	var lines []string
	for _, e := range joined.Split(err) {
		var ce *Error
		var ie *InputError
		switch {
		case errors.As(e, &ce):
			lines = append(lines, ce.Path+": "+e.Error())
		case errors.As(e, &ie):
			lines = append(lines, ie.Path+": "+e.Error())
		default:
			t.Fatalf("%v is neither an *Error nor an *InputError", e)
		}
	}
	return strings.Join(lines, "\n")
}

// TestErrorsAs: a Go caller takes the KPI, month and field out of a
// contract's problem with errors.As, and tests the sentinels of every
// package the problem belongs to with errors.Is.
func TestErrorsAs(t *testing.T) {
	c := fixture()
	c.KPIs[2].Schedule.Glide[1].Thresholds = kpi.MustLevels("80", "85")
	err := c.Validate()
	var ce *Error
	require.ErrorAs(t, err, &ce)
	require.Equal(t, Error{Contract: "test", Path: "KPIs[2].Schedule.Glide[1].Thresholds.MSL", KPI: "C", Month: aug21,
		Msg: "kpi C: 2021-08: glide: msl 85 above tsl 80 (higher is better)", Err: ce.Err}, *ce)
	require.ErrorIs(t, err, ErrInvalidContract)
	require.ErrorIs(t, err, kpi.ErrInvalidDefinition)
	var ke *kpi.Error
	require.ErrorAs(t, err, &ke)
	require.Equal(t, "Schedule.Glide[1].Thresholds.MSL", ke.Path, "the KPI's own problem, with its path in the definition")
	require.EqualError(t, err, `contract "test": kpi C: 2021-08: glide: msl 85 above tsl 80 (higher is better): invalid contract`)

	c = fixture()
	p := c.Credits.Regime.(credits.Points)
	p.Weights[1].Points = dec("-2")
	c.Credits.Regime = p
	err = c.Validate()
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "Credits.Regime.Weights[1].Points", ce.Path)
	require.Equal(t, "B", ce.KPI)
	require.ErrorIs(t, err, credits.ErrInvalidRules)
	var cre *credits.Error
	require.ErrorAs(t, err, &cre)
	require.Equal(t, "Regime.Weights[1].Points", cre.Path, "the rules' own problem, with its path in the rules")

	c = fixture()
	c.Charges[1].Amount = dec("-1")
	require.ErrorAs(t, c.Validate(), &ce)
	require.Equal(t, Error{Contract: "test", Path: "Charges[1].Amount", Org: "Org", Month: jul21, Msg: "Org: from 2021-07: amount -1 is negative"}, *ce,
		"a charge's problem names its organisation and month")
	require.EqualError(t, ce, `contract "test": charges: Org: from 2021-07: amount -1 is negative: invalid contract`)

	c = fixture()
	p = c.Credits.Regime.(credits.Points)
	p.Weights = append(p.Weights, credits.Weight{KPI: "A", From: apr21, Points: dec("1")})
	c.Credits.Regime = p
	require.ErrorAs(t, c.Validate(), &ce)
	require.Equal(t, "Credits.Regime.Weights[3].From", ce.Path)
	require.Equal(t, "A", ce.KPI)
	require.Equal(t, apr21, ce.Month, "the month the two weights share")

	_, err = fixture().Evaluate(Input{Measurements: []kpi.Measurement{meas("A", apr21, "95"), meas("A", may21, "101")}})
	var ie *InputError
	require.ErrorAs(t, err, &ie)
	require.Equal(t, 1, ie.Index, "the measurement's position in the input")
	require.Equal(t, "Measurements[1].Value", ie.Path)
	require.Equal(t, may21, ie.Month)
	require.ErrorIs(t, err, ErrInvalidInput)
	require.ErrorIs(t, err, kpi.ErrInvalidMeasurement)
}

// TestInputErrors: each problem with the input names the measurement's
// position and field, so that a loader can name the file and line it came
// from, or the period's bound.
func TestInputErrors(t *testing.T) {
	quarterly := func(c *Contract) { c.KPIs[0].Every = 3 }
	for _, tt := range []struct {
		name, why string
		change    func(*Contract)
		in        Input
		want      string
	}{
		{"not due", "a value for a month a quarterly KPI is not assessed in", quarterly,
			Input{Measurements: []kpi.Measurement{meas("A", jun21, "99"), meas("A", may21, "99")}},
			"Measurements[1].Month: measurement A/Org/2021-05: kpi assessed every 3 months, not in 2021-05: invalid evaluation input"},
		{"not-due in a due month", "", func(*Contract) {},
			Input{Measurements: []kpi.Measurement{{KPI: "A", Org: "Org", Month: apr21, Absent: kpi.NotDue}}},
			"Measurements[0].Absent: measurement A/Org/2021-04: not-due given for a month the kpi is assessed in: invalid evaluation input"},
		{"unknown kpi", "", func(*Contract) {}, Input{Measurements: []kpi.Measurement{meas("Z", apr21, "1")}},
			"Measurements[0].KPI: measurement Z/Org/2021-04: no such kpi in the contract: invalid evaluation input"},
		{"unknown organisation", "", func(*Contract) {},
			Input{Measurements: []kpi.Measurement{{KPI: "A", Org: "Elsewhere", Month: apr21, Value: dec("1")}}},
			`Measurements[0].Org: measurement A/Elsewhere/2021-04: organisation "Elsewhere" is not measured for this kpi: invalid evaluation input`},
		{"not in force", "", func(*Contract) {}, Input{Measurements: []kpi.Measurement{meas("C", jun21, "5")}},
			"Measurements[0].Month: measurement C/Org/2021-06: kpi not in force (in force 2021-07..2022-03): invalid evaluation input"},
		{"duplicate", "the later of the two is at fault", func(*Contract) {},
			Input{Measurements: []kpi.Measurement{meas("A", apr21, "95"), meas("B", apr21, "5"), meas("A", apr21, "96")}},
			"Measurements[2].Month: measurement A/Org/2021-04: duplicate of measurement 1: invalid evaluation input"},
		{"invalid for its kpi", "the kpi's own problem, at its field", func(*Contract) {},
			Input{Measurements: []kpi.Measurement{{KPI: "A", Org: "Org", Month: apr21, Value: dec("9"), Numerator: dec("4"), Denominator: dec("3"), HasCounts: true}}},
			"Measurements[0].Numerator: kpi A: org Org: 2021-04: numerator: 4 outside 0..denominator 3: invalid evaluation input"},
		{"period before commencement", "", func(*Contract) {}, Input{From: kpi.MustParseMonth("2021-03")},
			`From: contract "test": period 2021-03..2022-03 not within the contract's 2021-04..2022-03: invalid evaluation input`},
		{"period past the term", "", func(*Contract) {}, Input{To: kpi.MustParseMonth("2022-04")},
			`To: contract "test": period 2021-04..2022-04 not within the contract's 2021-04..2022-03: invalid evaluation input`},
		{"period reversed", "", func(*Contract) {}, Input{From: jul21, To: jun21},
			`From: contract "test": period 2021-07..2021-06 not within the contract's 2021-04..2022-03: invalid evaluation input`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := fixture()
			tt.change(c)
			res, err := c.Evaluate(tt.in)
			require.Nil(t, res)
			require.ErrorIs(t, err, ErrInvalidInput, tt.why)
			require.Equal(t, tt.want, placed(t, err), tt.why)
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			if strings.HasPrefix(ie.Path, "Measurements[") {
				require.True(t, strings.HasPrefix(ie.Path, "Measurements["+strconv.Itoa(ie.Index)+"]."), "the path names the index")
				require.Equal(t, tt.in.Measurements[ie.Index].KPI, ie.KPI)
			} else {
				require.Equal(t, -1, ie.Index)
			}
		})
	}
}
