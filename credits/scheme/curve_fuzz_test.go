package scheme_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/decimaltext"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// FuzzCurve builds a curve from text, its points written "value:earned"
// and separated by spaces, as a contract file gives them: checking it
// never panics and reports each problem as a *credits.Error; a curve that
// passes prices a red month at the value given, and a slightly better
// one, without error, each between nothing and the linked payment, the
// better never more.
func FuzzCurve(f *testing.F) {
	f.Add("90:0 95:50 99:100", "10", uint8(2), uint8(1), false, "97.5")
	f.Add("95:0 95:100", "8", uint8(0), uint8(3), false, "95")
	f.Add("2:100 6:40 10:0", "2.5", uint8(1), uint8(2), true, "4.333")
	f.Add("5:100 5:0", "100", uint8(3), uint8(6), true, "5")
	f.Add("90:0 90:10 90:20", "0", uint8(11), uint8(0), false, "-1")
	f.Add("99:100 90:0", "101", uint8(2), uint8(5), false, "1000000000000000000000")
	f.Fuzz(func(t *testing.T, points, linked string, places, rounding uint8, lower bool, value string) {
		dir := kpi.HigherIsBetter
		if lower {
			dir = kpi.LowerIsBetter
		}
		c := scheme.Curve{Direction: dir, Value: scheme.AsMeasured,
			EarnedPrecision: kpi.Precision{Places: int32(places), Rounding: kpi.Rounding(rounding)}}
		var problem decimaltext.Problem
		if c.Linked, problem = decimaltext.Parse(linked); problem != decimaltext.OK {
			return
		}
		for _, p := range strings.Fields(points) {
			v, e, ok := strings.Cut(p, ":")
			x, p1 := decimaltext.Parse(v)
			y, p2 := decimaltext.Parse(e)
			if !ok || p1 != decimaltext.OK || p2 != decimaltext.OK {
				return
			}
			c.Points = append(c.Points, scheme.CurvePoint{Value: x, Earned: y})
		}
		v, problem := decimaltext.Parse(value)
		if problem != decimaltext.OK {
			return
		}
		s := percentScheme(scheme.Score{Curve: &c})
		if err := s.Check(); err != nil {
			if !errors.Is(err, credits.ErrInvalidRules) {
				t.Fatalf("not ErrInvalidRules: %v", err)
			}
			return
		}
		money := credits.Money{Places: 2, Rounding: kpi.HalfUp}
		charges := decimal.New(100_000, 0)
		linkedMoney := money.Round(charges.Mul(c.Linked).Shift(-2))
		step := decimal.New(1, -3)
		better := v.Add(step)
		if lower {
			better = v.Sub(step)
		}
		var amounts [2]decimal.Decimal
		for i, x := range []decimal.Decimal{v, better} {
			o := credits.Outcome{KPI: "A", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: charges,
				Measured: &kpi.Result{KPI: "A", Status: kpi.Red, Value: x, Rounded: x, Direction: dir, Kind: kpi.KPI,
					Precision: kpi.Precision{Places: 3, Rounding: kpi.HalfUp}}}
			led, err := credits.Calculate(credits.Rules{Regime: s, Money: money}, []credits.Period{{Month: kpi.MustParseMonth("2021-04"), Year: 1,
				Charges: charges, YearCharges: charges, Outcomes: []credits.Outcome{o}}})
			if err != nil {
				t.Fatalf("a valid curve fails at %s: %v", x, err)
			}
			amounts[i] = led.Lines[0].Amount
			if amounts[i].Sign() < 0 || amounts[i].Cmp(linkedMoney) > 0 {
				t.Fatalf("value %s costs %s, outside 0..%s: %s", x, amounts[i], linkedMoney, led.Lines[0].Rule)
			}
		}
		if amounts[1].Cmp(amounts[0]) > 0 {
			t.Fatalf("value %s costs %s, the better %s costs %s", v, amounts[0], better, amounts[1])
		}
	})
}
