package scheme_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// curvePoints are points of a curve: value, earned, value, earned, ...
func curvePoints(vs ...string) []scheme.CurvePoint {
	var out []scheme.CurvePoint
	for i := 0; i+1 < len(vs); i += 2 {
		out = append(out, scheme.CurvePoint{Value: fixture.Dec(vs[i]), Earned: fixture.Dec(vs[i+1])})
	}
	return out
}

// curve is a payment curve on 10% of the charges, higher is better: 0%
// earned at 90, 50% at 95, 100% at 99, the share to 2 places half-up.
func curve() scheme.Curve {
	return scheme.Curve{Direction: kpi.HigherIsBetter, Linked: fixture.Dec("10"), Value: scheme.AsMeasured,
		EarnedPrecision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Points: curvePoints("90", "0", "95", "50", "99", "100")}
}

// Every way a value is read from a curve, worked by hand: the credit is
// 10% of 100000.00 less the share earned.
func TestCurve(t *testing.T) {
	tests := []struct {
		name   string
		why    string
		change func(*scheme.Curve)
		value  string
		amount string
	}{
		{"between the upper points", "50 + (97.5 - 95) x 50 / 4 = 81.25 earned; 18.75% of 10% = 1.875% of 100000.00", nil, "97.5", "1875.00"},
		{"a whole point up", "50 + 1 x 50 / 4 = 62.50 earned; 3.75% of charges", nil, "96", "3750.00"},
		{"at a point", "95 earns 50% exactly; 5% of charges", nil, "95", "5000.00"},
		{"between the lower points", "0 + 2 x 50 / 5 = 20.00 earned; 8% of charges", nil, "92", "8000.00"},
		{"at the first point", "90 earns nothing: all 10%", nil, "90", "10000.00"},
		{"below the first point", "flat below the curve: 0% earned", nil, "85", "10000.00"},
		{"rounded half-up", "0 + 2 x 100 / 6 = 33.33... is 33.3 at 1 dp; 66.7% of 10% = 6.67%", func(c *scheme.Curve) {
			c.EarnedPrecision.Places, c.Points = 1, curvePoints("90", "0", "96", "100")
		}, "92", "6670.00"},
		{"rounded up", "33.33... is 33.4 rounded up; 66.6% of 10% = 6.66%", func(c *scheme.Curve) {
			c.EarnedPrecision, c.Points = kpi.Precision{Places: 1, Rounding: kpi.Up}, curvePoints("90", "0", "96", "100")
		}, "92", "6660.00"},
		{"rounded to whole per cents", "66.66... is 67 half-up; 33% of 10% = 3.3%", func(c *scheme.Curve) {
			c.EarnedPrecision.Places, c.Points = 0, curvePoints("90", "0", "96", "100")
		}, "94", "3300.00"},
		{"below a step", "all-or-none at 97: 96.9 earns nothing", func(c *scheme.Curve) { c.Points = curvePoints("97", "0", "97", "100") }, "96.9", "10000.00"},
		{"at a step", "all-or-none at 97: 97 earns all", func(c *scheme.Curve) { c.Points = curvePoints("97", "0", "97", "100") }, "97", "0.00"},
		{"above a step", "all-or-none at 97: 97.5 earns all", func(c *scheme.Curve) { c.Points = curvePoints("97", "0", "97", "100") }, "97.5", "0.00"},
		{"a step inside a curve", "at 95 the better share, 80%; 2% of charges", func(c *scheme.Curve) {
			c.Points = curvePoints("90", "0", "95", "40", "95", "80", "99", "100")
		}, "95", "2000.00"},
		{"just below a step inside a curve", "0 + 4.9 x 40 / 5 = 39.20 earned; 6.08% of charges", func(c *scheme.Curve) {
			c.Points = curvePoints("90", "0", "95", "40", "95", "80", "99", "100")
		}, "94.9", "6080.00"},
		{"table-rounded first", "97.46 is 97.5 at 1 dp, as between the upper points", func(c *scheme.Curve) {
			c.Value, c.Precision = scheme.TableRounded, kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
		}, "97.46", "1875.00"},
		{"lower is better, between", "100 + (4 - 2) x (40 - 100) / 4 = 70.00 earned; 3% of charges", func(c *scheme.Curve) {
			c.Direction, c.Points = kpi.LowerIsBetter, curvePoints("2", "100", "6", "40", "10", "0")
		}, "4", "3000.00"},
		{"lower is better, beyond the worst end", "flat above the last point: nothing earned", func(c *scheme.Curve) {
			c.Direction, c.Points = kpi.LowerIsBetter, curvePoints("2", "100", "6", "40", "10", "0")
		}, "12", "10000.00"},
		{"lower is better, at a step", "all-or-none at 5, lower is better: 5 earns all", func(c *scheme.Curve) {
			c.Direction, c.Points = kpi.LowerIsBetter, curvePoints("5", "100", "5", "0")
		}, "5", "0.00"},
		{"lower is better, past a step", "5.1 earns nothing", func(c *scheme.Curve) {
			c.Direction, c.Points = kpi.LowerIsBetter, curvePoints("5", "100", "5", "0")
		}, "5.1", "10000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := curve()
			if tt.change != nil {
				tt.change(&c)
			}
			l := redLine(t, percentScheme(scheme.Score{Curve: &c}), c.Direction, tt.value)
			require.Equal(t, tt.amount, l.Amount.StringFixed(2), tt.why+": "+l.Rule)
			require.Equal(t, l.Amount.Sign() > 0, l.Failed, l.Rule)
		})
	}
}

// Each kind of line explains itself: the curve, the points either side,
// the interpolation, its rounding, and the unearned share.
func TestCurveRule(t *testing.T) {
	step := curve()
	step.Points = curvePoints("90", "0", "95", "40", "95", "80", "99", "100")
	tests := []struct {
		name  string
		c     scheme.Curve
		value string
		want  string
	}{
		{"interpolated", curve(), "97.5", "red: value 97.5 between point 2 (95, 50%) and point 3 (99, 100%) of curve (90, 0%) (95, 50%) (99, 100%): " +
			"earned 50 + (97.5 - 95) x (100 - 50) / (99 - 95) = 81.25% (2 dp half-up); unearned 100 - 81.25 = 18.75% of linked 10% scores 1.875% of charges 100000.00 = 1875.00"},
		{"at a point", curve(), "95", "red: value 95 at point 2 (95, 50%) of curve (90, 0%) (95, 50%) (99, 100%): earned 50.00%; " +
			"unearned 100 - 50.00 = 50.00% of linked 10% scores 5% of charges 100000.00 = 5000.00"},
		{"below", curve(), "85", "red: value 85 below point 1 (90, 0%), the first of curve (90, 0%) (95, 50%) (99, 100%): earned 0.00%; " +
			"unearned 100 - 0.00 = 100.00% of linked 10% scores 10% of charges 100000.00 = 10000.00"},
		{"at a step", step, "95", "red: value 95 at the step from point 2 (95, 40%) to point 3 (95, 80%) of curve (90, 0%) (95, 40%) (95, 80%) (99, 100%): " +
			"the better share, point 3: earned 80.00%; unearned 100 - 80.00 = 20.00% of linked 10% scores 2% of charges 100000.00 = 2000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, redLine(t, percentScheme(scheme.Score{Curve: &tt.c}), tt.c.Direction, tt.value).Rule)
		})
	}
	// Earning everything costs nothing, and the line says so.
	c := curve()
	c.Points = curvePoints("90", "0", "97", "100")
	require.Equal(t, "red: value 97.5 above point 2 (97, 100%), the last of curve (90, 0%) (97, 100%): earned 100.00%; "+
		"unearned 100 - 100.00 = 0.00% of linked 10% scores 0: no credit", redLine(t, percentScheme(scheme.Score{Curve: &c}), c.Direction, "97.5").Rule)
}

// A month without a value that counts as red is scored at the worst end
// of the curve, a count's as well as a percentage's; an amber one at its
// MSL.
func TestCurveAbsent(t *testing.T) {
	lower := scheme.Curve{Direction: kpi.LowerIsBetter, Linked: fixture.Dec("10"), Value: scheme.AsMeasured,
		EarnedPrecision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Points: curvePoints("10", "100", "20", "30")}
	tests := []struct {
		name string
		c    scheme.Curve
		out  credits.Outcome
		rule string
	}{
		{"higher is better, red", curve(), absentOutcome(kpi.Red, kpi.Percent, kpi.HigherIsBetter),
			"red: no value (missing) counted as red, scored at the worst end, point 1 (90, 0%) of curve (90, 0%) (95, 50%) (99, 100%): " +
				"earned 0.00%; unearned 100 - 0.00 = 100.00% of linked 10% scores 10% of charges 100000.00 = 10000.00"},
		{"lower-is-better count, red", lower, absentOutcome(kpi.Red, kpi.Count, kpi.LowerIsBetter),
			"red: no value (missing) counted as red, scored at the worst end, point 2 (20, 30%) of curve (10, 100%) (20, 30%): " +
				"earned 30.00%; unearned 100 - 30.00 = 70.00% of linked 10% scores 7% of charges 100000.00 = 7000.00"},
		{"amber at the msl", curve(), absentOutcome(kpi.Amber, kpi.Percent, kpi.HigherIsBetter),
			"amber: no value (missing) counted as amber, scored at the msl 98: value 98 between point 2 (95, 50%) and point 3 (99, 100%) of curve (90, 0%) (95, 50%) (99, 100%): " +
				"earned 50 + (98 - 95) x (100 - 50) / (99 - 95) = 87.50% (2 dp half-up); unearned 100 - 87.50 = 12.50% of linked 10% scores 1.25% of charges 100000.00 = 1250.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			led, err := credits.Calculate(fixture.Rules(percentScheme(scheme.Score{Curve: &tt.c})), fixture.Months("2021-04", fixture.One(tt.out)))
			require.NoError(t, err)
			require.Equal(t, tt.rule, led.Lines[0].Rule)
		})
	}
}

// A curve whose direction is not its KPI's is refused when a month is
// priced, naming the KPI.
func TestCurveWrongDirection(t *testing.T) {
	o := red(fixture.Measured("A", "96"))
	c := curve()
	c.Direction, c.Points = kpi.LowerIsBetter, curvePoints("2", "100", "6", "0")
	_, err := credits.Calculate(fixture.Rules(percentScheme(scheme.Score{Curve: &c})), fixture.Months("2021-04", fixture.One(o)))
	require.ErrorIs(t, err, credits.ErrInvalidRules)
	require.ErrorContains(t, err, "kpi A: curve is lower-is-better but the kpi is higher-is-better")
}

func TestCurveValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*scheme.Curve, *scheme.Price)
		want   []string
	}{
		{"valid", func(*scheme.Curve, *scheme.Price) {}, nil},
		{"all-or-none", func(c *scheme.Curve, _ *scheme.Price) { c.Points = curvePoints("95", "0", "95", "100") }, nil},
		{"a flat curve", func(c *scheme.Curve, _ *scheme.Price) { c.Points = curvePoints("95", "60", "99", "60") }, nil},
		{"one point", func(c *scheme.Curve, _ *scheme.Price) { c.Points = c.Points[:1] },
			[]string{"Scores[0].Curve.Points: scheme: score 1: curve: 1 points (want 2 or more; all-or-none is a step, two points at one value): invalid credit rules"}},
		{"no points", func(c *scheme.Curve, _ *scheme.Price) { c.Points = nil },
			[]string{"Scores[0].Curve.Points: scheme: score 1: curve: 0 points (want 2 or more; all-or-none is a step, two points at one value): invalid credit rules"}},
		{"out of order", func(c *scheme.Curve, _ *scheme.Price) { c.Points = curvePoints("90", "0", "99", "100", "95", "100") },
			[]string{"Scores[0].Curve.Points[2]: scheme: score 1: curve: point 3 (95, 100%): value below point 2 (99, 100%) (points in increasing value order): invalid credit rules"}},
		{"three at one value", func(c *scheme.Curve, _ *scheme.Price) { c.Points = curvePoints("95", "0", "95", "50", "95", "100") },
			[]string{"Scores[0].Curve.Points[2]: scheme: score 1: curve: point 3 (95, 100%): a third point at value 95 (a step is two points): invalid credit rules"}},
		{"better earns less", func(c *scheme.Curve, _ *scheme.Price) { c.Points = curvePoints("90", "0", "95", "60", "99", "50") },
			[]string{"Scores[0].Curve.Points[2]: scheme: score 1: curve: points 2 (95, 60%) and 3 (99, 50%): the better value earns less (higher-is-better): invalid credit rules"}},
		{"a step down", func(c *scheme.Curve, _ *scheme.Price) { c.Points = curvePoints("95", "100", "95", "0") },
			[]string{"Scores[0].Curve.Points[1]: scheme: score 1: curve: points 1 (95, 100%) and 2 (95, 0%): the better value earns less (higher-is-better): invalid credit rules"}},
		{"lower is better, rising", func(c *scheme.Curve, _ *scheme.Price) {
			c.Direction, c.Points = kpi.LowerIsBetter, curvePoints("2", "0", "6", "100")
		}, []string{"Scores[0].Curve.Points[1]: scheme: score 1: curve: points 1 (2, 0%) and 2 (6, 100%): the better value earns less (lower-is-better): invalid credit rules"}},
		{"share above 100", func(c *scheme.Curve, _ *scheme.Price) { c.Points[2].Earned = fixture.Dec("100.5") },
			[]string{"Scores[0].Curve.Points[2]: scheme: score 1: curve: point 3 (99, 100.5%): earned 100.5% outside 0..100: invalid credit rules"}},
		{"share below 0", func(c *scheme.Curve, _ *scheme.Price) { c.Points[0].Earned = fixture.Dec("-1") },
			[]string{"Scores[0].Curve.Points[0]: scheme: score 1: curve: point 1 (90, -1%): earned -1% outside 0..100: invalid credit rules"}},
		{"share finer than its precision", func(c *scheme.Curve, _ *scheme.Price) { c.Points[1].Earned = fixture.Dec("33.333") },
			[]string{"Scores[0].Curve.Points[1]: scheme: score 1: curve: point 2 (95, 33.333%): earned 33.333% has more places than the earned precision's 2: invalid credit rules"}},
		{"linked zero", func(c *scheme.Curve, _ *scheme.Price) { c.Linked = fixture.Dec("0") },
			[]string{"Scores[0].Curve.Linked: scheme: score 1: curve: linked 0% outside (0, 100]: invalid credit rules"}},
		{"linked above 100", func(c *scheme.Curve, _ *scheme.Price) { c.Linked = fixture.Dec("120") },
			[]string{"Scores[0].Curve.Linked: scheme: score 1: curve: linked 120% outside (0, 100]: invalid credit rules"}},
		{"no earned precision", func(c *scheme.Curve, _ *scheme.Price) { c.EarnedPrecision = kpi.Precision{} },
			[]string{"Scores[0].Curve.EarnedPrecision: scheme: score 1: curve: earned precision: rounding not set (want one of half-up, half-even, up, down, ceiling, floor): invalid credit rules"}},
		{"earned places out of range", func(c *scheme.Curve, _ *scheme.Price) { c.EarnedPrecision.Places = 11 },
			[]string{"Scores[0].Curve.EarnedPrecision: scheme: score 1: curve: earned precision: places 11 outside 0..10: invalid credit rules"}},
		{"no direction", func(c *scheme.Curve, _ *scheme.Price) { c.Direction = 0 },
			[]string{"Scores[0].Curve.Direction: scheme: score 1: curve: direction not set (want one of higher-is-better, lower-is-better): invalid credit rules"}},
		{"precision without table rounding", func(c *scheme.Curve, _ *scheme.Price) { c.Precision = kpi.Precision{Places: 1, Rounding: kpi.HalfUp} },
			[]string{"Scores[0].Curve.Precision: scheme: score 1: curve: precision 1 dp half-up set but the value basis is as-measured, not table-rounded: invalid credit rules"}},
		{"priced per point", func(_ *scheme.Curve, p *scheme.Price) {
			*p = scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}
		},
			[]string{"Scores[0].Curve: scheme: score 1: curve: priced per-point, not percent-of-charges: invalid credit rules"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := curve()
			c.Points = append([]scheme.CurvePoint(nil), c.Points...)
			s := percentScheme(scheme.Score{Curve: &c})
			tt.change(s.Scores[0].Curve, &s.Price)
			err := s.Validate(fixture.WindowsOf("A"))
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			var got []string
			for _, e := range joined.Split(err) {
				var ce *credits.Error
				require.ErrorAs(t, e, &ce)
				got = append(got, ce.Path+": "+e.Error())
			}
			require.Equal(t, tt.want, got)
		})
	}
}

// A run begun without the checks Calculate makes never panics on a curve
// without points: the month is an error naming the KPI.
func TestCurveNoPointsUnchecked(t *testing.T) {
	c := curve()
	c.Points = nil
	run := percentScheme(scheme.Score{Curve: &c}).Begin(credits.Money{Places: 2, Rounding: kpi.HalfUp})
	for _, o := range []credits.Outcome{red(fixture.Measured("A", "96")), absentOutcome(kpi.Red, kpi.Percent, kpi.HigherIsBetter)} {
		_, err := run.Assess(fixture.Months("2021-04", fixture.One(o))[0], nil)
		require.ErrorIs(t, err, credits.ErrInvalidRules)
		require.EqualError(t, err, "kpi A: curve has no points: invalid credit rules")
	}
}
