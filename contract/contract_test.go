package contract

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var (
	apr21 = kpi.MustParseMonth("2021-04")
	may21 = kpi.MustParseMonth("2021-05")
	jun21 = kpi.MustParseMonth("2021-06")
	jul21 = kpi.MustParseMonth("2021-07")
	aug21 = kpi.MustParseMonth("2021-08")
)

func percentKPI(id string, dir kpi.Direction, tsl, msl string) KPI {
	return KPI{Definition: kpi.Definition{
		ID: id, Name: id, Unit: kpi.Percent, Direction: dir, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
		Schedule:  kpi.Constant(kpi.MustLevels(tsl, msl)),
	}}
}

// fixture returns a valid one-year contract from April 2021 serving one
// organisation: A (higher is better), B (lower is better, retired after
// June), C (from July on a two-month glide path) and a PI.
func fixture() *Contract {
	a := percentKPI("A", kpi.HigherIsBetter, "95", "90")
	b := percentKPI("B", kpi.LowerIsBetter, "10", "15")
	b.To = jun21
	c := percentKPI("C", kpi.HigherIsBetter, "90", "85")
	c.From = jul21
	c.Schedule.Glide = []kpi.Step{{Month: jul21, Thresholds: kpi.MustLevels("80", "75")}, {Month: aug21, Thresholds: kpi.MustLevels("85", "80")}}
	pi := percentKPI("PI", kpi.LowerIsBetter, "10", "15")
	pi.Kind = kpi.PI
	pi.From = jul21
	monthCap := dec("5")
	return &Contract{
		Name: "test", Customer: "Council", Supplier: "Supplier",
		Commencement: apr21, Term: 12, Orgs: []string{"Org"},
		Charges:  []Charge{{Org: "Org", From: apr21, Amount: dec("100000.00")}, {Org: "Org", From: jul21, Amount: dec("120000.00"), Note: "CCN 1"}},
		KPIs:     []KPI{a, b, c, pi},
		Absences: Absences{Missing: kpi.Red, Unavailable: kpi.Unmeasured},
		Credits: credits.Rules{
			Regime: credits.Points{
				Weights: []credits.Weight{
					{KPI: "A", From: apr21, Points: dec("10")},
					{KPI: "B", From: apr21, Points: dec("10")},
					{KPI: "C", From: jul21, Points: dec("10")},
				},
				Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1"),
			},
			Caps:  credits.Caps{Month: &monthCap},
			Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		},
	}
}

func meas(id string, m kpi.Month, v string) kpi.Measurement {
	return kpi.Measurement{KPI: id, Org: "Org", Month: m, Value: dec(v)}
}

func TestServiceMonthAndYear(t *testing.T) {
	c := &Contract{Commencement: kpi.MustParseMonth("2015-04"), Term: 120}
	tests := []struct {
		month       string
		service, yr int
	}{
		{"2015-04", 1, 1},
		{"2016-03", 12, 1},
		{"2016-04", 13, 2},
		{"2021-06", 75, 7},
		{"2021-10", 79, 7},
		{"2022-04", 85, 8},
		{"2015-03", 0, 0},
		{"2014-04", -11, 0},
		{"2014-03", -12, -1},
	}
	for _, tt := range tests {
		t.Run(tt.month, func(t *testing.T) {
			m := kpi.MustParseMonth(tt.month)
			require.Equal(t, tt.service, c.ServiceMonth(m))
			require.Equal(t, tt.yr, c.Year(m))
		})
	}
	require.Equal(t, kpi.MustParseMonth("2025-03"), c.Last())
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Contract)
		want   []string
	}{
		{"valid", func(*Contract) {}, nil},
		{"no name, term or commencement", func(c *Contract) {
			c.Name, c.Term, c.Commencement = "", 0, kpi.Month{}
		}, []string{
			`Commencement: contract "": commencement month not set: invalid contract`,
			`Name: contract "": name is empty: invalid contract`,
			`Term: contract "": term 0 months: want 1 or more: invalid contract`,
		}},
		{"organisations", func(c *Contract) { c.Orgs = []string{"Org", "Org", " "} }, []string{
			`Charges: contract "test": charges:  : no charge from commencement 2021-04: invalid contract`,
			`Orgs[1]: contract "test": organisation "Org" listed twice: invalid contract`,
			`Orgs[2]: contract "test": organisation name is empty: invalid contract`,
		}},
		{"charges", func(c *Contract) {
			c.Charges = []Charge{{Org: "Other", From: apr21, Amount: dec("1")}, {Org: "Org", From: may21, Amount: dec("-1")}, {Org: "Org", From: may21, Amount: dec("1")}}
		}, []string{
			`Charges[1].Amount: contract "test": charges: Org: from 2021-05: amount -1 is negative: invalid contract`,
			`Charges: contract "test": charges: Org: no charge from commencement 2021-04: invalid contract`,
			`Charges[2].From: contract "test": charges: Org: two charges from 2021-05: invalid contract`,
			`Charges[0]: contract "test": charges: organisation "Other" is not served by the contract: invalid contract`,
		}},
		{"kpi problems", func(c *Contract) {
			c.KPIs[0].Schedule.Base = kpi.MustLevels("90", "95")
			c.KPIs = append(c.KPIs, c.KPIs[3])
		}, []string{
			`KPIs[0].Schedule.Base.MSL: contract "test": kpi A: base: msl 95 above tsl 90 (higher is better): invalid contract`,
			`KPIs[4].ID: contract "test": kpi PI listed twice: invalid contract`,
		}},
		{"kpi window outside the term", func(c *Contract) { c.KPIs[1].To = kpi.MustParseMonth("2022-04") }, []string{
			`KPIs[1]: contract "test": kpi B: in force 2021-04..2022-04, not within the contract's 2021-04..2022-03: invalid contract`,
		}},
		{"kpi window reversed", func(c *Contract) { c.KPIs[1].From = jul21 }, []string{
			`KPIs[1]: contract "test": kpi B: in force 2021-07..2021-06, not within the contract's 2021-04..2022-03: invalid contract`,
		}},
		{"glide month before the kpi starts", func(c *Contract) {
			c.KPIs[2].Schedule.Glide[0].Month = jun21
		}, []string{
			`KPIs[2].Schedule.Glide[0].Month: contract "test": kpi C: glide path month 2021-06 outside its months in force 2021-07..2022-03: invalid contract`,
		}},
		{"organisation named like the combined cells", func(c *Contract) {
			c.Orgs = []string{"Org", "combined", " Combined "}
			c.Charges = append(c.Charges, Charge{Org: "combined", From: apr21, Amount: dec("0")}, Charge{Org: " Combined ", From: apr21, Amount: dec("0")})
		}, []string{
			`Orgs[2]: contract "test": organisation " Combined " is reserved for the shared service's combined values (want another name): invalid contract`,
			`Orgs[1]: contract "test": organisation "combined" is reserved for the shared service's combined values (want another name): invalid contract`,
		}},
		{"organisation that merely contains the word", func(c *Contract) {
			c.Orgs = []string{"Org", "Combined Services"}
			c.Charges = append(c.Charges, Charge{Org: "Combined Services", From: apr21, Amount: dec("0")})
		}, nil},
		{"kpi organisation listed twice", func(c *Contract) { c.KPIs[0].Orgs = []string{"Org", "Org"} }, []string{
			`KPIs[0].Orgs[1]: contract "test": kpi A: organisation "Org" listed twice: invalid contract`,
		}},
		{"kpi without thresholds", func(c *Contract) { c.KPIs[0].Schedule = kpi.Schedule{} }, []string{
			`KPIs[0].Schedule: contract "test": kpi A: thresholds not set, or all 0: every value meets a tsl and an msl of 0 when higher is better: invalid contract`,
		}},
		{"weight for an unknown kpi", func(c *Contract) {
			p := c.Credits.Regime.(credits.Points)
			p.Weights = append(p.Weights, credits.Weight{KPI: "Z", From: apr21, Points: dec("1")})
			c.Credits.Regime = p
		}, []string{
			`Credits.Regime.Weights[3]: contract "test": points regime: kpi Z: weight for an unknown kpi (not an indicator of the contract): invalid contract`,
		}},
		{"weight for a pi", func(c *Contract) {
			p := c.Credits.Regime.(credits.Points)
			p.Weights = append(p.Weights, credits.Weight{KPI: "PI", From: jul21, Points: dec("1")})
			c.Credits.Regime = p
		}, []string{
			`Credits.Regime.Weights[3]: contract "test": points regime: kpi PI: weight for a kpi that is not credit-bearing in the contract: invalid contract`,
		}},
		{"critical pi", func(c *Contract) {
			c.Credits.Critical = credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "PI", Red: true}, {KPI: "Q", Red: true}}}
		}, []string{
			`Credits.Critical.KPIs[0].KPI: contract "test": critical: kpi PI: not credit-bearing in the contract: invalid contract`,
			`Credits.Critical.KPIs[1].KPI: contract "test": critical: kpi Q: unknown (not an indicator of the contract): invalid contract`,
		}},
		{"kpi for an unknown organisation", func(c *Contract) { c.KPIs[0].Orgs = []string{"Nobody"} }, []string{
			`KPIs[0].Orgs[0]: contract "test": kpi A: organisation "Nobody" is not served by the contract: invalid contract`,
		}},
		{"kpi for no organisation", func(c *Contract) { c.KPIs[0].Orgs = []string{} }, []string{
			`KPIs[0].Orgs: contract "test": kpi A: measured for no organisation: invalid contract`,
		}},
		{"absences not set", func(c *Contract) { c.Absences = Absences{} }, []string{
			`Absences.Missing: contract "test": absences: missing must count as red or unmeasured, not status(0): invalid contract`,
			`Absences.Unavailable: contract "test": absences: unavailable must count as red or unmeasured, not status(0): invalid contract`,
		}},
		{"absence as amber", func(c *Contract) { c.Absences.Missing = kpi.Amber }, []string{
			`Absences.Missing: contract "test": absences: missing must count as red or unmeasured, not amber: invalid contract`,
		}},
		{"credit rules", func(c *Contract) { c.Credits.Regime = nil }, []string{
			`Credits.Regime: contract "test": regime not set: invalid contract`,
		}},
		{"credit-bearing kpi without points", func(c *Contract) {
			p := c.Credits.Regime.(credits.Points)
			p.Weights = p.Weights[:2]
			c.Credits.Regime = p
		}, []string{
			`Credits.Regime.Weights: contract "test": points regime: kpi C: no points from 2021-07, its first month in force: invalid contract`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fixture()
			tt.change(c)
			err := c.Validate()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalidContract)
			require.Equal(t, strings.Join(tt.want, "\n"), placed(t, err))
		})
	}
}

func TestEvaluate(t *testing.T) {
	c := fixture()
	ms := []kpi.Measurement{
		meas("A", apr21, "95"),   // exactly TSL: green
		meas("A", may21, "90"),   // exactly MSL: amber
		meas("A", jun21, "89.9"), // red
		// A is missing in July: the contract counts missing as red
		{KPI: "A", Org: "Org", Month: aug21, Absent: kpi.NotApplicable},
		meas("B", apr21, "10"),    // lower is better, exactly TSL: green
		meas("B", may21, "15.04"), // rounds to 15.0: amber
		{KPI: "B", Org: "Org", Month: jun21, Absent: kpi.Unavailable},
		meas("C", jul21, "80"), // glide step 1: green
		meas("C", aug21, "84"), // glide step 2 (85/80): amber
		meas("PI", jul21, "20"),
	}
	reg, err := mitigation.NewRegister([]mitigation.Record{
		{Ref: "M1", KPI: "A", From: jun21, Reason: "supplier dependency", Effect: mitigation.Relief},
		{Ref: "M2", KPI: "C", From: aug21, Reason: "deemed green", Effect: mitigation.Deemed, Deemed: kpi.Green},
	}, c.MitigationScope())
	require.NoError(t, err)
	before := fixture()
	res, err := c.Evaluate(Input{To: aug21, Measurements: ms, Mitigations: reg})
	require.NoError(t, err)
	require.Equal(t, before.KPIs[2].Schedule.Glide, c.KPIs[2].Schedule.Glide, "inputs are not modified")

	type cellWant struct {
		kpi        string
		raw, after kpi.Status
		absent     kpi.Absence
		mitigated  string
		amount     string
	}
	want := map[kpi.Month][]cellWant{
		apr21: {{"A", kpi.Green, kpi.Green, 0, "", "0.00"}, {"B", kpi.Green, kpi.Green, 0, "", "0.00"}},
		may21: {{"A", kpi.Amber, kpi.Amber, 0, "", "500.00"}, {"B", kpi.Amber, kpi.Amber, 0, "", "500.00"}},
		jun21: {{"A", kpi.Red, kpi.Red, 0, "M1", "0.00"}, {"B", kpi.Unmeasured, kpi.Unmeasured, kpi.Unavailable, "", "0.00"}},
		jul21: {{"A", kpi.Red, kpi.Red, kpi.Missing, "", "1200.00"}, {"C", kpi.Green, kpi.Green, 0, "", "0.00"}, {"PI", kpi.Red, kpi.Red, 0, "", "0.00"}},
		aug21: {{"A", kpi.Unmeasured, kpi.Unmeasured, kpi.NotApplicable, "", "0.00"}, {"C", kpi.Amber, kpi.Green, 0, "M2", "0.00"}, {"PI", kpi.Red, kpi.Red, kpi.Missing, "", "0.00"}},
	}
	require.Len(t, res.Months, 5)
	for _, mo := range res.Months {
		var got []cellWant
		for _, cell := range mo.Cells {
			got = append(got, cellWant{cell.Measured.KPI, cell.Raw, cell.Status, cell.Measured.Absent, cell.Credit.Mitigation, cell.Credit.Amount.StringFixed(2)})
			require.Equal(t, cell.Measured.KPI, cell.Credit.KPI, "each cell carries its own line")
			require.Equal(t, mo.Month, cell.Credit.Month)
		}
		require.Equal(t, want[mo.Month], got, "month %s", mo.Month)
	}
	require.Equal(t, Summary{TSL: 2, Total: 2}, res.Months[0].Summary)
	require.Equal(t, Summary{MSL: 2, Total: 2}, res.Months[1].Summary)
	require.Equal(t, Summary{BelowMSL: 1, Unmeasured: 1, Total: 2, Mitigated: 1}, res.Months[2].Summary)
	require.Equal(t, Summary{TSL: 1, BelowMSL: 1, Total: 2}, res.Months[3].Summary, "PIs are not counted")
	require.Equal(t, Summary{MSL: 1, Unmeasured: 1, Total: 2, Mitigated: 1}, res.Months[4].Summary, "raw status counted; mitigation counted")
	require.Equal(t, 4, res.Months[3].ServiceMonth)
	require.Equal(t, 1, res.Months[3].Year)

	cells := res.Months[3].Cells
	require.Equal(t, "no value (missing): unmeasured; the contract counts missing as red", cells[0].Reason())
	require.Equal(t, "red: 1 of 10 points = 10 points x 0.1% of charges 120000.00 = 1200.00", cells[0].Credit.Rule)
	require.Equal(t, "84 rounds to 84.0 (1 dp half-up); tsl >= 85 missed, msl >= 80 met (glide path step 2 of 2): amber; mitigated by M2 (deemed green)",
		res.Months[4].Cells[1].Reason())
	require.Equal(t, "green: no credit (deemed green by mitigation M2)", res.Months[4].Cells[1].Credit.Rule)

	led := res.Ledger
	require.Equal(t, "2200.00", led.Total.StringFixed(2))
	require.Len(t, led.Years, 1)
	require.Equal(t, "1380000.00", led.Years[0].Charges.StringFixed(2), "3 x 100,000 + 9 x 120,000")
}

func TestEvaluateRejectsBadInput(t *testing.T) {
	c := fixture()
	ms := []kpi.Measurement{
		meas("A", apr21, "95"),
		meas("A", apr21, "96"),
		meas("Z", apr21, "1"),
		{KPI: "A", Org: "Elsewhere", Month: apr21, Value: dec("1")},
		meas("B", jul21, "5"),
		meas("C", jun21, "5"),
		meas("A", may21, "101"),
	}
	res, err := c.Evaluate(Input{Measurements: ms})
	require.Nil(t, res)
	require.ErrorIs(t, err, ErrInvalidInput)
	require.Equal(t, strings.Join([]string{
		`kpi A: org Org: 2021-05: value: 101 outside 0..100 (unit percent): invalid evaluation input`,
		`measurement A/Elsewhere/2021-04: organisation "Elsewhere" is not measured for this kpi: invalid evaluation input`,
		`measurement A/Org/2021-04: duplicate of measurement 1: invalid evaluation input`,
		`measurement B/Org/2021-07: kpi not in force (in force 2021-04..2021-06): invalid evaluation input`,
		`measurement C/Org/2021-06: kpi not in force (in force 2021-07..2022-03): invalid evaluation input`,
		`measurement Z/Org/2021-04: no such kpi in the contract: invalid evaluation input`,
	}, "\n"), err.Error())

	_, err = c.Evaluate(Input{From: kpi.MustParseMonth("2021-03")})
	require.EqualError(t, err, `contract "test": period 2021-03..2022-03 not within the contract's 2021-04..2022-03: invalid evaluation input`)
	_, err = c.Evaluate(Input{From: jul21, To: jun21})
	require.ErrorIs(t, err, ErrInvalidInput)

	c.Name = ""
	_, err = c.Evaluate(Input{})
	require.ErrorIs(t, err, ErrInvalidContract)
}

func TestEvaluateSharedService(t *testing.T) {
	c := fixture()
	c.Orgs = []string{"Brent", "Lewisham"}
	c.Charges = []Charge{{Org: "Brent", From: apr21, Amount: dec("60000.00")}, {Org: "Lewisham", From: apr21, Amount: dec("40000.00")}}
	c.KPIs = c.KPIs[:1]
	c.KPIs[0].To = apr21
	p := c.Credits.Regime.(credits.Points)
	p.Weights = p.Weights[:1]
	c.Credits.Regime = p
	reg, err := mitigation.NewRegister([]mitigation.Record{{KPI: "A", Org: "Lewisham", From: apr21, Reason: "r", Effect: mitigation.Relief}}, c.MitigationScope())
	require.NoError(t, err)
	res, err := c.Evaluate(Input{To: apr21, Mitigations: reg, Measurements: []kpi.Measurement{
		{KPI: "A", Org: "Brent", Month: apr21, Value: dec("80")},
		{KPI: "A", Org: "Lewisham", Month: apr21, Value: dec("80")},
	}})
	require.NoError(t, err)
	cells := res.Months[0].Cells
	require.Len(t, cells, 2)
	require.Equal(t, "600.00", cells[0].Credit.Amount.StringFixed(2), "10 points x 0.1% of Brent's charges 60,000.00")
	require.Equal(t, "record 1", cells[1].Mitigation.Ref)
	require.Equal(t, "0.00", cells[1].Credit.Amount.StringFixed(2))
	require.Equal(t, Summary{BelowMSL: 2, Total: 2, Mitigated: 1}, res.Months[0].Summary)
	require.Equal(t, "100000.00", res.Ledger.Months[0].Charges.StringFixed(2))
}
