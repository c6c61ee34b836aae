package credits_test

import (
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

func decp(s string) *decimal.Decimal { return pct(s) }

// msaBands is the banded table of the UK Model Services Agreement's worked
// example: target 99% scores 0; Minor 98.0-98.9 1; Serious 97.0-97.9 2;
// Severe 96.0-96.9 3; below 96 (the KPI Service Threshold) 4. Values are
// first rounded to one place, half-up, so 98.95 is 99.0 and no value
// falls between the bands.
func msaBands() credits.Bands {
	return credits.Bands{
		Direction: kpi.HigherIsBetter,
		Value:     credits.TableRounded,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
		Bands: []credits.Band{
			{Name: "target", Min: decp("99"), MinEdge: credits.Inclusive, Points: dec("0")},
			{Name: "minor", Min: decp("98.0"), MinEdge: credits.Inclusive, Max: decp("98.9"), MaxEdge: credits.Inclusive, Points: dec("1")},
			{Name: "serious", Min: decp("97.0"), MinEdge: credits.Inclusive, Max: decp("97.9"), MaxEdge: credits.Inclusive, Points: dec("2"), Material: true},
			{Name: "severe", Min: decp("96.0"), MinEdge: credits.Inclusive, Max: decp("96.9"), MaxEdge: credits.Inclusive, Points: dec("3"), Material: true},
			{Name: "below threshold", Max: decp("96"), MaxEdge: credits.Exclusive, Points: dec("4"), Material: true},
		},
	}
}

// msaScheme scores KPI A by msaBands, doubles a failure that follows a
// failure in the previous period, and prices a point at 100.00.
func msaScheme() credits.Scheme {
	b := msaBands()
	return credits.Scheme{
		Scores:    []credits.Score{{KPIs: []string{"A"}, Bands: &b}},
		Repeat:    credits.Repeat{Multiplier: dec("2"), Nth: 2, Within: 2},
		Mitigated: credits.MitigatedBreaks,
		Price:     credits.Price{Basis: credits.PerPoint, Value: dec("100")},
	}
}

// measured is an outcome of KPI id (higher is better, TSL 99, MSL 98)
// measuring value, with charges of 100000: Green from 99, Amber from 98,
// Red below.
func measured(id, value string) credits.Outcome {
	v := dec(value)
	s := kpi.Red
	switch {
	case v.Cmp(dec("99")) >= 0:
		s = kpi.Green
	case v.Cmp(dec("98")) >= 0:
		s = kpi.Amber
	}
	return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: s, Status: s, Charges: dec("100000"),
		Measured: &kpi.Result{KPI: id, Status: s, Value: v, Rounded: v, Direction: kpi.HigherIsBetter,
			Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Kind: kpi.KPI, Thresholds: kpi.MustLevels("99", "98")}}
}

// months makes consecutive periods of contract year 1 from start, each
// with charges of 100000 and the outcomes given.
func months(start string, outcomes ...[]credits.Outcome) []credits.Period {
	var ps []credits.Period
	for i, os := range outcomes {
		ps = append(ps, credits.Period{Month: month(start).AddMonths(i), Year: 1, Charges: dec("100000"),
			YearCharges: dec("1200000"), Outcomes: os})
	}
	return ps
}

func one(o credits.Outcome) []credits.Outcome { return []credits.Outcome{o} }

func schemeRules(s credits.Scheme) credits.Rules {
	return credits.Rules{Regime: s, Money: credits.Money{Places: 2, Rounding: kpi.HalfUp}}
}

func windowsOf(ids ...string) []credits.Window {
	var ws []credits.Window
	for _, id := range ids {
		ws = append(ws, credits.Window{KPI: id, From: month("2021-01"), To: month("2030-12")})
	}
	return ws
}
