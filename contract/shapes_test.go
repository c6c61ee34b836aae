package contract

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// packFixture is a shared-service pack's shape: P1 and P2 percentages with
// their volumes (figures), an overall figure pooled from them, calls open at
// period end with a "Decrease" target, and an availability KPI whose
// unavailable months count as failures while the contract's default does
// not.
func packFixture() *Contract {
	c := fixture()
	pct := func(id, tsl string) KPI {
		k := percentKPI(id, kpi.HigherIsBetter, tsl, tsl)
		k.Precision.Places = 2
		k.Kind = kpi.PI
		return k
	}
	figure := func(id string) KPI {
		return KPI{Definition: kpi.Definition{ID: id, Name: id, Unit: kpi.Count, Direction: kpi.HigherIsBetter,
			Kind: kpi.Figure, Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}}}
	}
	overall := pct("ALL", "85")
	overall.Pooled = []Part{{KPI: "P1", Weight: "P1_VOL"}, {KPI: "P2", Weight: "P2_VOL"}}
	open := KPI{Definition: kpi.Definition{ID: "OPEN", Name: "calls open", Unit: kpi.Count, Direction: kpi.LowerIsBetter,
		Kind: kpi.PI, Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}, Relative: kpi.Decrease}}
	avail := pct("AVAIL", "99")
	avail.Kind = kpi.KPI
	avail.Unavailable = kpi.Red
	c.KPIs = []KPI{avail, pct("P1", "95"), figure("P1_VOL"), pct("P2", "90"), figure("P2_VOL"), overall, open}
	c.Credits.Regime = credits.Points{Weights: []credits.Weight{{KPI: "AVAIL", From: apr21, Points: dec("10")}},
		Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1")}
	return c
}

func TestEvaluatePackShapes(t *testing.T) {
	c := packFixture()
	require.NoError(t, c.Validate())
	na := func(id string, m kpi.Month) kpi.Measurement {
		return kpi.Measurement{KPI: id, Org: "Org", Month: m, Absent: kpi.NotApplicable}
	}
	unvl := func(id string, m kpi.Month) kpi.Measurement {
		return kpi.Measurement{KPI: id, Org: "Org", Month: m, Absent: kpi.Unavailable}
	}
	ms := []kpi.Measurement{
		unvl("AVAIL", apr21), meas("AVAIL", may21, "99.5"), meas("AVAIL", jun21, "99"),
		// April: no P1 calls, P2 60% of 50
		na("P1", apr21), meas("P1_VOL", apr21, "0"), meas("P2", apr21, "60"), meas("P2_VOL", apr21, "50"),
		// May: P1 62.5% of 8, P2 56.16% of 86, and the pack's published figure
		meas("P1", may21, "62.50"), meas("P1_VOL", may21, "8"), meas("P2", may21, "56.16"), meas("P2_VOL", may21, "86"),
		meas("ALL", may21, "56.55"),
		// June: P2's volume unavailable: no pooled value
		meas("P1", jun21, "100"), meas("P1_VOL", jun21, "2"), meas("P2", jun21, "50"), unvl("P2_VOL", jun21),
		// calls open at period end: first month, then a decrease, then equal
		meas("OPEN", apr21, "670"), meas("OPEN", may21, "668"), meas("OPEN", jun21, "668"),
	}
	res, err := c.Evaluate(Input{To: jun21, Measurements: ms})
	require.NoError(t, err)
	cell := func(month int, id string) Cell {
		for _, x := range res.Months[month].Cells {
			if x.Measured.KPI == id {
				return x
			}
		}
		t.Fatalf("no cell %s in month %d", id, month)
		return Cell{}
	}
	tests := []struct {
		name   string
		month  int
		id     string
		raw    kpi.Status
		reason string
	}{
		{"unavailable counts as red for this kpi", 0, "AVAIL", kpi.Red, "no value (unavailable): unmeasured; the contract counts unavailable as red"},
		{"not applicable never counts", 0, "P1", kpi.Unmeasured, "no value (not-applicable): unmeasured"},
		{"figure is reported", 0, "P2_VOL", kpi.Reported, "50 rounds to 50 (0 dp half-up); reported figure, no target"},
		{"pooled with a not-applicable part", 0, "ALL", kpi.Red, "pooled: P1 not applicable, P2 60% x 50 = 3000/50; 60.00 rounds to 60.00 (2 dp half-up); msl >= 85 missed (base): red"},
		{"pooled from two parts", 1, "ALL", kpi.Red, "pooled: P1 62.50% x 8, P2 56.16% x 86 = 5329.76/94; 56.70 rounds to 56.70 (2 dp half-up); msl >= 85 missed (base): red"},
		{"pooled input missing", 2, "ALL", kpi.Unmeasured, "pooled: no weight P2_VOL for P2 (unavailable); no value (no-input): unmeasured"},
		{"relative: first month", 0, "OPEN", kpi.Unmeasured, "670 rounds to 670 (0 dp half-up); no value in 2021-03 to compare with (missing): unmeasured"},
		{"relative: decrease", 1, "OPEN", kpi.Green, "668 rounds to 668 (0 dp half-up); decrease from 670 in 2021-04 met (decrease): green"},
		{"relative: equal is no decrease", 2, "OPEN", kpi.Red, "668 rounds to 668 (0 dp half-up); decrease from 668 in 2021-05 not met (decrease): red"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := cell(tt.month, tt.id)
			require.Equal(t, tt.raw, x.Raw)
			require.Equal(t, tt.reason, x.Reason())
		})
	}
	may := cell(1, "ALL")
	require.NotNil(t, may.Published())
	require.Equal(t, "56.55", kpi.FormatValue(may.Published().Value), "the pack's figure is kept beside ours")
	none := cell(0, "ALL")
	require.Nil(t, none.Published())
	require.Equal(t, Summary{BelowMSL: 1, Total: 1}, res.Months[0].Summary, "only KPIs are counted")
	require.Equal(t, "1000.00", res.Ledger.Months[0].Total.StringFixed(2), "AVAIL unavailable costs its points")
	require.True(t, cell(0, "P2_VOL").Credit.Amount.IsZero(), "figures cost nothing")
}

func TestValidatePools(t *testing.T) {
	c := packFixture()
	c.KPIs[5].Pooled = append(c.KPIs[5].Pooled, Part{KPI: "NOPE"}, Part{KPI: "P1_VOL"}, Part{KPI: "P1", Weight: "NOWEIGHT"}, Part{KPI: "ALL"})
	c.KPIs[6].Unavailable = kpi.Amber
	err := c.Validate()
	require.ErrorIs(t, err, ErrInvalidContract)
	require.Equal(t, strings.Join([]string{
		`contract "test": kpi ALL: pooled: part "NOPE" is not a kpi of the contract: invalid contract`,
		`contract "test": kpi ALL: pooled: part ALL is itself pooled: invalid contract`,
		`contract "test": kpi ALL: pooled: part P1_VOL must be a percentage, not count: invalid contract`,
		`contract "test": kpi ALL: pooled: weight "NOWEIGHT" of part P1 is not an indicator of the contract: invalid contract`,
		`contract "test": kpi OPEN: unavailable must count as red or unmeasured, not amber: invalid contract`,
	}, "\n"), err.Error())
}

func TestEvaluateCombined(t *testing.T) {
	c := packFixture()
	c.Orgs = []string{"Brent", "Lewisham"}
	c.Charges = []Charge{{Org: "Brent", From: apr21, Amount: dec("0")}, {Org: "Lewisham", From: apr21, Amount: dec("0")}}
	c.Credits.Regime = credits.None{}
	byID := func(id string) *KPI {
		for i := range c.KPIs {
			if c.KPIs[i].ID == id {
				return &c.KPIs[i]
			}
		}
		t.Fatalf("no kpi %s", id)
		return nil
	}
	byID("P1").Combine = Combine{How: Weighted, Weight: "P1_VOL"}
	byID("P2").Combine = Combine{How: Weighted, Weight: "P2_VOL"}
	byID("P1_VOL").Combine = Combine{How: Summed}
	byID("P2_VOL").Combine = Combine{How: Summed}
	byID("ALL").Combine = Combine{How: Repooled}
	byID("OPEN").Combine = Combine{How: Summed}
	require.NoError(t, c.Validate())
	m := func(id, org string, month kpi.Month, v string) kpi.Measurement {
		return kpi.Measurement{KPI: id, Org: org, Month: month, Value: dec(v)}
	}
	na := func(id, org string, month kpi.Month) kpi.Measurement {
		return kpi.Measurement{KPI: id, Org: org, Month: month, Absent: kpi.NotApplicable}
	}
	var ms []kpi.Measurement
	for _, org := range c.Orgs {
		ms = append(ms, m("AVAIL", org, apr21, "99.5"), m("AVAIL", org, may21, "99.5"))
	}
	ms = append(ms,
		// April: Brent had no P1 calls
		na("P1", "Brent", apr21), m("P1_VOL", "Brent", apr21, "0"), m("P2", "Brent", apr21, "50"), m("P2_VOL", "Brent", apr21, "10"),
		m("P1", "Lewisham", apr21, "75"), m("P1_VOL", "Lewisham", apr21, "4"), m("P2", "Lewisham", apr21, "60"), m("P2_VOL", "Lewisham", apr21, "30"),
		m("OPEN", "Brent", apr21, "670"), m("OPEN", "Lewisham", apr21, "1022"),
		// May: Lewisham's P2 volume is unavailable
		m("P1", "Brent", may21, "100"), m("P1_VOL", "Brent", may21, "2"), m("P2", "Brent", may21, "50"), m("P2_VOL", "Brent", may21, "10"),
		m("P1", "Lewisham", may21, "100"), m("P1_VOL", "Lewisham", may21, "1"), m("P2", "Lewisham", may21, "50"),
		kpi.Measurement{KPI: "P2_VOL", Org: "Lewisham", Month: may21, Absent: kpi.Unavailable},
		m("OPEN", "Brent", may21, "668"), m("OPEN", "Lewisham", may21, "818"),
	)
	res, err := c.Evaluate(Input{To: may21, Measurements: ms})
	require.NoError(t, err)
	got := map[string]string{}
	for i, mo := range res.Months {
		for _, cell := range mo.Combined {
			require.Equal(t, Combined, cell.Measured.Org)
			require.True(t, cell.Credit.Amount.IsZero())
			got[fmt.Sprint(i, " ", cell.Measured.KPI)] = cell.Raw.String() + " | " + cell.Reason()
		}
	}
	require.Equal(t, map[string]string{
		"0 P1":     "red | combined: Brent not applicable, Lewisham 75% x 4 = 300/4; 75.00 rounds to 75.00 (2 dp half-up); msl >= 95 missed (base): red",
		"0 P1_VOL": "reported | combined: Brent 0 + Lewisham 4 = 4; 4 rounds to 4 (0 dp half-up); reported figure, no target",
		"0 P2":     "red | combined: Brent 50% x 10, Lewisham 60% x 30 = 2300/40; 57.50 rounds to 57.50 (2 dp half-up); msl >= 90 missed (base): red",
		"0 P2_VOL": "reported | combined: Brent 10 + Lewisham 30 = 40; 40 rounds to 40 (0 dp half-up); reported figure, no target",
		"0 ALL":    "red | pooled: P1 75.00% x 4, P2 57.50% x 40 = 2600.00/44; 59.09 rounds to 59.09 (2 dp half-up); msl >= 85 missed (base): red",
		"0 OPEN":   "unmeasured | combined: Brent 670 + Lewisham 1022 = 1692; 1692 rounds to 1692 (0 dp half-up); no value in 2021-03 to compare with (missing): unmeasured",
		"1 P1":     "green | combined: Brent 100% x 2, Lewisham 100% x 1 = 300/3; 100.00 rounds to 100.00 (2 dp half-up); tsl >= 95 met (base): green",
		"1 P1_VOL": "reported | combined: Brent 2 + Lewisham 1 = 3; 3 rounds to 3 (0 dp half-up); reported figure, no target",
		"1 P2":     "unmeasured | combined: no weight P2_VOL for Lewisham (unavailable); no value (no-input): unmeasured",
		"1 P2_VOL": "unmeasured | combined: no value for Lewisham (unavailable); no value (no-input): unmeasured",
		"1 ALL":    "unmeasured | pooled: no value for P2 (no-input); no value (no-input): unmeasured",
		"1 OPEN":   "green | combined: Brent 668 + Lewisham 818 = 1486; 1486 rounds to 1486 (0 dp half-up); decrease from 1692 in 2021-04 met (decrease): green",
	}, got)
	require.Equal(t, Summary{TSL: 2, Total: 2}, res.Months[0].Summary, "combined cells are not counted")

	byID("P1").Combine = Combine{How: Weighted}
	byID("ALL").Combine = Combine{How: Summed, Weight: "X"}
	byID("AVAIL").Combine = Combine{How: 9}
	require.Equal(t, strings.Join([]string{
		`contract "test": kpi ALL: combine: only counts can be summed, not percent: invalid contract`,
		`contract "test": kpi ALL: combine: weight given for summed: invalid contract`,
		`contract "test": kpi AVAIL: combine: how to combine not set (want one of summed, weighted, repooled): invalid contract`,
		`contract "test": kpi P1: combine: weighted needs a weight: invalid contract`,
	}, "\n"), c.Validate().Error())
}

func TestReportCard(t *testing.T) {
	c := fixture()
	c.ReportCard = &ReportCard{Variance: kpi.Margin{By: dec("5"), Unit: kpi.PercentOfTSL}}
	require.NoError(t, c.Validate())
	res, err := c.Evaluate(Input{To: may21, Measurements: []kpi.Measurement{
		meas("A", apr21, "100"),  // TSL 95, MSL 90: better by 5, never carded
		meas("A", may21, "90.2"), // short by 4.8, at least 4.75: carded although amber
		meas("B", apr21, "10.4"), // lower is better, TSL 10: short by 0.4, under 0.5
		meas("B", may21, "16"),   // red
	}})
	require.NoError(t, err)
	type card struct {
		on     bool
		reason string
	}
	var got []card
	for _, m := range res.Months {
		for _, cell := range m.Cells {
			got = append(got, card{cell.Card != "", cell.Card})
		}
	}
	require.Equal(t, []card{
		{false, ""}, {false, ""},
		{true, "short of tsl 95 by 4.8, at least 4.75 (5%)"}, {true, "red"},
	}, got)
	c.ReportCard.Variance.By = dec("0")
	require.EqualError(t, c.Validate(), `contract "test": report card: variance 0% must be a positive number of points or percent of tsl: invalid contract`)
}

// TestStreamStopsOnError: the first error from each ends the evaluation.
func TestStreamStopsOnError(t *testing.T) {
	c := fixture()
	stop := errors.New("stop")
	var seen []kpi.Month
	tot, err := c.Stream(Input{To: jun21}, func(m *MonthResult) error {
		seen = append(seen, m.Month)
		if m.Month == may21 {
			return stop
		}
		return nil
	})
	require.Nil(t, tot)
	require.ErrorIs(t, err, stop)
	require.Equal(t, []kpi.Month{apr21, may21}, seen)
}

// TestQuarterlyKPI: a KPI assessed every three months from an April
// commencement is due in June, September, December and March; its other
// months are not due, cost nothing, and may not be measured.
func TestQuarterlyKPI(t *testing.T) {
	c := fixture()
	c.KPIs[0].Every = 3
	res, err := c.Evaluate(Input{To: jul21, Measurements: []kpi.Measurement{
		meas("A", jun21, "80"), // red in the quarter's last month
		{KPI: "A", Org: "Org", Month: may21, Absent: kpi.NotDue},
	}})
	require.NoError(t, err)
	var got []string
	for _, m := range res.Months {
		cell := m.Cells[0]
		require.Equal(t, "A", cell.Measured.KPI)
		got = append(got, m.Month.Pack()+" "+cell.Raw.String()+" "+cell.Measured.Absent.String()+" "+cell.Credit.Amount.StringFixed(2))
	}
	require.Equal(t, []string{
		"Apr-21 unmeasured not-due 0.00",
		"May-21 unmeasured not-due 0.00",
		"Jun-21 red present 1000.00",
		"Jul-21 unmeasured not-due 0.00",
	}, got)
	require.True(t, c.Due(&c.KPIs[0], kpi.MustParseMonth("2022-03")))

	_, err = c.Evaluate(Input{Measurements: []kpi.Measurement{meas("A", may21, "99")}})
	require.EqualError(t, err, "measurement A/Org/2021-05: kpi assessed every 3 months, not in 2021-05: invalid evaluation input")
	c.KPIs[0].Every = 13
	require.EqualError(t, c.Validate(), `contract "test": kpi A: assessed every 13 months: want 1 to 12: invalid contract`)
}

// TestReviewFindings pins the defects an independent review found: values
// derived from counts read as zero outside classification, a KPI measured
// twice for one organisation, not-due in a month the KPI is assessed, and
// relative targets on KPIs assessed every few months.
func TestReviewFindings(t *testing.T) {
	derived := func(id string, m kpi.Month, num, den string) kpi.Measurement {
		return kpi.Measurement{KPI: id, Org: "Org", Month: m, Numerator: dec(num), Denominator: dec(den), HasCounts: true, FromCounts: true}
	}
	t.Run("relative baseline derived from counts", func(t *testing.T) {
		c := fixture()
		c.KPIs[1] = KPI{Definition: kpi.Definition{ID: "B", Name: "B", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
			Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Relative: kpi.NoWorse}, To: jun21}
		res, err := c.Evaluate(Input{To: may21, Measurements: []kpi.Measurement{derived("B", apr21, "99", "100"), derived("B", may21, "98", "100")}})
		require.NoError(t, err)
		b := res.Months[1].Cells[1]
		require.Equal(t, kpi.Red, b.Raw, "98 is worse than 99")
		require.Contains(t, b.Reason(), "no worse than 99.0 in 2021-04 not met")
	})
	t.Run("pooled part derived from counts", func(t *testing.T) {
		c := packFixture()
		res, err := c.Evaluate(Input{To: apr21, Measurements: []kpi.Measurement{
			derived("P1", apr21, "95", "100"), meas("P1_VOL", apr21, "100"), meas("P2", apr21, "95"), meas("P2_VOL", apr21, "100"),
		}})
		require.NoError(t, err)
		for _, cell := range res.Months[0].Cells {
			if cell.Measured.KPI == "ALL" {
				require.Equal(t, "95.00", cell.Measured.Rounded.StringFixed(2), cell.Computation())
				require.Contains(t, cell.Computation(), "P1 95.00% x 100")
			}
		}
	})
	t.Run("organisation listed twice", func(t *testing.T) {
		c := fixture()
		c.KPIs[0].Orgs = []string{"Org", "Org"}
		require.EqualError(t, c.Validate(), `contract "test": kpi A: organisation "Org" listed twice: invalid contract`)
	})
	t.Run("not-due in a due month", func(t *testing.T) {
		c := fixture()
		_, err := c.Evaluate(Input{Measurements: []kpi.Measurement{{KPI: "A", Org: "Org", Month: apr21, Absent: kpi.NotDue}}})
		require.EqualError(t, err, "measurement A/Org/2021-04: not-due given for a month the kpi is assessed in: invalid evaluation input")
	})
	t.Run("relative target on a quarterly kpi", func(t *testing.T) {
		c := packFixture()
		for i := range c.KPIs {
			if c.KPIs[i].ID == "OPEN" {
				c.KPIs[i].Every = 3
			}
		}
		require.EqualError(t, c.Validate(), `contract "test": kpi OPEN: relative target decrease compares with a month the kpi is not assessed in (assessed every 3 months): invalid contract`)
	})
}
