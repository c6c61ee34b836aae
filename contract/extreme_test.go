package contract

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestExtremeButLegal: inputs at the edges of what is legal give exact
// answers, not errors or panics.
func TestExtremeButLegal(t *testing.T) {
	t.Run("twenty decimal places", func(t *testing.T) {
		c := fixture()
		res, err := c.Evaluate(Input{To: apr21, Measurements: []kpi.Measurement{
			meas("A", apr21, "94.94999999999999999999"), // rounds to 94.9: amber
			meas("B", apr21, "10.04999999999999999999"), // rounds to 10.0: green
		}})
		require.NoError(t, err)
		require.Equal(t, kpi.Amber, res.Months[0].Cells[0].Raw)
		require.Equal(t, "94.9", res.Months[0].Cells[0].Measured.Rounded.String())
		require.Equal(t, kpi.Green, res.Months[0].Cells[1].Raw)
	})
	t.Run("charges in the billions", func(t *testing.T) {
		c := fixture()
		c.Charges = []Charge{{Org: "Org", From: apr21, Amount: dec("987654321987.65")}}
		res, err := c.Evaluate(Input{To: apr21, Measurements: []kpi.Measurement{meas("A", apr21, "50"), meas("B", apr21, "50")}})
		require.NoError(t, err)
		// Each KPI red: 10 points x 0.1% = 1% of the charges, 9876543219.8765 -> 9876543219.88 each;
		// the monthly cap of 5% (49382716099.38) does not bite.
		require.Equal(t, "9876543219.88", res.Months[0].Cells[0].Credit.Amount.StringFixed(2))
		require.Equal(t, "19753086439.76", res.Ledger.Total.StringFixed(2))
	})
	t.Run("zero and a hundred per cent", func(t *testing.T) {
		c := fixture()
		res, err := c.Evaluate(Input{To: apr21, Measurements: []kpi.Measurement{meas("A", apr21, "0"), meas("B", apr21, "100")}})
		require.NoError(t, err)
		require.Equal(t, kpi.Red, res.Months[0].Cells[0].Raw, "0% is a value, not an absence")
		require.Equal(t, kpi.Red, res.Months[0].Cells[1].Raw, "100% backlog, lower is better")
	})
	t.Run("zero charges", func(t *testing.T) {
		c := fixture()
		c.Charges = []Charge{{Org: "Org", From: apr21, Amount: dec("0")}}
		res, err := c.Evaluate(Input{To: apr21, Measurements: []kpi.Measurement{meas("A", apr21, "50"), meas("B", apr21, "50")}})
		require.NoError(t, err)
		require.True(t, res.Ledger.Total.IsZero())
		require.Equal(t, kpi.Red, res.Months[0].Cells[0].Raw, "failures are still reported")
	})
	t.Run("a contract of one month", func(t *testing.T) {
		c := fixture()
		c.Term = 1
		c.KPIs = c.KPIs[:1]
		p := c.Credits.Regime.(credits.Points)
		p.Weights = p.Weights[:1]
		c.Credits.Regime = p
		res, err := c.Evaluate(Input{Measurements: []kpi.Measurement{meas("A", apr21, "95")}})
		require.NoError(t, err)
		require.Len(t, res.Months, 1)
		require.Len(t, res.Ledger.Years, 1)
		require.Equal(t, apr21, c.Last())
	})
	t.Run("a kpi retired the month it starts", func(t *testing.T) {
		c := fixture()
		c.KPIs[2].To = jul21 // C starts in July
		c.KPIs[2].Schedule.Glide = c.KPIs[2].Schedule.Glide[:1]
		res, err := c.Evaluate(Input{From: jun21, To: aug21, Measurements: []kpi.Measurement{meas("C", jul21, "79")}})
		require.NoError(t, err)
		var months []kpi.Month
		for _, m := range res.Months {
			for _, cell := range m.Cells {
				if cell.Measured.KPI == "C" {
					months = append(months, m.Month)
					require.Equal(t, kpi.Amber, cell.Raw, "79 against the glide step's 80/75")
				}
			}
		}
		require.Equal(t, []kpi.Month{jul21}, months)
	})
}

// TestIllegalInputs: illegal inputs give errors naming the thing at fault,
// not results.
func TestIllegalInputs(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Contract)
		ms     []kpi.Measurement
		want   string
	}{
		{"negative charges", func(c *Contract) { c.Charges[1].Amount = dec("-1") }, nil,
			`contract "test": charges: Org: from 2021-07: amount -1 is negative: invalid contract`},
		{"glide month outside the contract", func(c *Contract) { c.KPIs[2].Schedule.Glide[1].Month = kpi.MustParseMonth("2022-04") }, nil,
			`contract "test": kpi C: glide path month 2022-04 outside its months in force 2021-07..2022-03: invalid contract`},
		{"percentage above 100", nil, []kpi.Measurement{meas("A", apr21, "100.01")},
			`kpi A: org Org: 2021-04: value: 100.01 outside 0..100 (unit percent): invalid evaluation input`},
		{"duplicate measurement", nil, []kpi.Measurement{meas("A", apr21, "99"), meas("A", apr21, "98")},
			`measurement A/Org/2021-04: duplicate of measurement 1: invalid evaluation input`},
		{"unknown organisation", nil, []kpi.Measurement{{KPI: "A", Org: "Nobody", Month: apr21, Value: dec("1")}},
			`measurement A/Nobody/2021-04: organisation "Nobody" is not measured for this kpi: invalid evaluation input`},
		{"unknown kpi", nil, []kpi.Measurement{meas("Z", apr21, "1")},
			`measurement Z/Org/2021-04: no such kpi in the contract: invalid evaluation input`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fixture()
			if tt.change != nil {
				tt.change(c)
			}
			res, err := c.Evaluate(Input{Measurements: tt.ms})
			require.Nil(t, res)
			require.EqualError(t, err, tt.want)
		})
	}
}
