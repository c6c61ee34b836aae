package credits_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// siteRules are a PFI-style deduction schedule for two facilities, LCC
// and NCC: an amber KPI-month scores 10 points and a red one 30; a point
// is worth 10.00; the first 20 points of a month are free and the points
// above 40 cost x1.5.
func siteRules(perOrg bool) credits.Rules {
	return credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"A", "B"}, Status: &scheme.StatusScore{Amber: dec("10"), Red: dec("30")}}},
			Price: scheme.Price{Basis: scheme.PerPoint, Value: dec("10.00"), Allowance: dec("20"),
				Ratchet: []scheme.Ratchet{{Above: dec("40"), Multiplier: dec("1.5")}}},
		},
		Money:           credits.Money{Places: 2, Rounding: kpi.HalfUp},
		PerOrganisation: perOrg,
	}
}

// site is an outcome of KPI id at organisation org, whose month's charges
// are charges.
func site(id, org string, s kpi.Status, charges string) credits.Outcome {
	return credits.Outcome{KPI: id, Org: org, Kind: kpi.KPI, Raw: s, Status: s, Charges: dec(charges)}
}

// The allowance and the ratchet apply to the month's points of all the
// organisations together by default, and to each organisation's own with
// PerOrganisation. The month: A red (30) and B amber (10) at LCC, A red
// (30) and B green at NCC.
//
// Together, in outcome order: LCC A points 0 to 30: 20 free, 10 at x1 =
// 100.00; LCC B 30 to 40: 10 at x1 = 100.00; NCC A 40 to 70: 30 at x1.5 =
// 45 points = 450.00. The month: 650.00.
//
// Per organisation: LCC A 0 to 30: 20 free, 10 at x1 = 100.00; LCC B 30 to
// 40: 10 at x1 = 100.00; LCC's month 200.00. NCC A 0 to 30: 20 free, 10 at
// x1 = 100.00; NCC's month 100.00. The month: 200.00 + 100.00 = 300.00.
func TestPerOrganisationAllowanceAndRatchet(t *testing.T) {
	outcomes := []credits.Outcome{
		site("A", "LCC", kpi.Red, "60000"), site("B", "LCC", kpi.Amber, "60000"),
		site("A", "NCC", kpi.Red, "40000"), site("B", "NCC", kpi.Green, "40000"),
	}
	names := caseNames{}
	for _, c := range []struct {
		name    string
		perOrg  bool
		amounts []string
		rules   []string
		total   string
	}{
		{name: "together, the default", amounts: []string{"100.00", "100.00", "450.00", "0.00"}, total: "650.00", rules: []string{
			"red: red scores 30; month's points 0 to 30: 20 free, 10 at x1 = 10 x 10.00 = 100.00",
			"amber: amber scores 10; month's points 30 to 40: 10 at x1 = 10 x 10.00 = 100.00",
			"red: red scores 30; month's points 40 to 70: 30 at x1.5 = 45.0 x 10.00 = 450.00",
			"green: no credit",
		}},
		{name: "per organisation", perOrg: true, amounts: []string{"100.00", "100.00", "100.00", "0.00"}, total: "300.00", rules: []string{
			`red: red scores 30; month's points 0 to 30: 20 free, 10 at x1 = 10 x 10.00 = 100.00; priced on organisation LCC's own month`,
			`amber: amber scores 10; month's points 30 to 40: 10 at x1 = 10 x 10.00 = 100.00; priced on organisation LCC's own month`,
			`red: red scores 30; month's points 0 to 30: 20 free, 10 at x1 = 10 x 10.00 = 100.00; priced on organisation NCC's own month`,
			"green: no credit",
		}},
	} {
		names.add(t, c.name)
		t.Run(c.name, func(t *testing.T) {
			led, err := credits.Calculate(siteRules(c.perOrg), []credits.Period{{Month: month("2021-04"), Year: 1,
				Charges: dec("100000"), YearCharges: dec("1200000"), Outcomes: outcomes}})
			require.NoError(t, err)
			var amounts, rules []string
			for _, l := range led.Lines {
				amounts, rules = append(amounts, l.Amount.StringFixed(2)), append(rules, l.Rule)
			}
			require.Equal(t, c.amounts, amounts)
			require.Equal(t, c.rules, rules)
			require.Equal(t, c.total, led.Months[0].Total.StringFixed(2))
		})
	}
}

// Per organisation, a points table looks up each organisation's points
// and takes its per cent of that organisation's charges: LCC's 40 points
// reach the row of 40 (2% of 60000.00 = 1200.00, split 30:10 as 900.00
// and 300.00); NCC's 30 points reach the row of 20 (1% of 40000.00 =
// 400.00). Together the month's 70 points reach the row of 60 (5% of the
// month's 100000.00 = 5000.00).
func TestPerOrganisationPointsTable(t *testing.T) {
	outcomes := []credits.Outcome{
		site("A", "LCC", kpi.Red, "60000"), site("B", "LCC", kpi.Amber, "60000"),
		site("A", "NCC", kpi.Red, "40000"), site("B", "NCC", kpi.Green, "40000"),
	}
	for _, perOrg := range []bool{false, true} {
		r := siteRules(perOrg)
		s := r.Regime.(scheme.Scheme)
		s.Price = scheme.Price{Basis: scheme.PointsTable, Table: []scheme.TableRow{
			{Points: dec("20"), Percent: dec("1")}, {Points: dec("40"), Percent: dec("2")}, {Points: dec("60"), Percent: dec("5")}}}
		r.Regime = s
		led, err := credits.Calculate(r, []credits.Period{{Month: month("2021-04"), Year: 1,
			Charges: dec("100000"), YearCharges: dec("1200000"), Outcomes: outcomes}})
		require.NoError(t, err)
		var amounts []string
		for _, l := range led.Lines {
			amounts = append(amounts, l.Amount.StringFixed(2))
		}
		if perOrg {
			require.Equal(t, []string{"900.00", "300.00", "400.00", "0.00"}, amounts)
			require.Equal(t, "1600.00", led.Months[0].Total.StringFixed(2))
		} else {
			require.Equal(t, []string{"2142.86", "714.28", "2142.86", "0.00"}, amounts, "5000.00 split 30:10:30 by largest remainder")
			require.Equal(t, "5000.00", led.Months[0].Total.StringFixed(2))
		}
	}
}

// An organisation has one month's charges: outcomes of one organisation
// with different charges cannot be priced on its own month, and the
// error names the outcome.
func TestPerOrganisationChargesDiffer(t *testing.T) {
	_, err := credits.Calculate(siteRules(true), []credits.Period{{Month: month("2021-04"), Year: 1,
		Charges: dec("100000"), YearCharges: dec("1200000"), Outcomes: []credits.Outcome{
			site("A", "LCC", kpi.Red, "60000"), site("A", "NCC", kpi.Red, "40000"), site("B", "LCC", kpi.Red, "50000")}}})
	require.ErrorIs(t, err, credits.ErrInvalidPeriod)
	require.EqualError(t, err, "month 2021-04: kpi B: org LCC: charges 50000.00 differ from 60000.00 on the organisation's first outcome (kpi A): an organisation has one month's charges: invalid credit period")
	var ce *credits.Error
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "Outcomes[2].Charges", ce.Path)
}
