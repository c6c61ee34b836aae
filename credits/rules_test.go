package credits_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

func TestRulesValidate(t *testing.T) {
	points := func(f func(*credits.Points)) func(*credits.Rules) {
		return func(r *credits.Rules) {
			p := regime()
			f(&p)
			r.Regime = p
		}
	}
	tests := []struct {
		name   string
		why    string
		change func(*credits.Rules)
		want   string // "" for valid rules
	}{
		{
			name:   "valid",
			why:    "the test fixture is valid",
			change: func(*credits.Rules) {},
		},
		{
			name:   "valid with caps at the bounds",
			why:    "caps of 0% and 100% are allowed",
			change: func(r *credits.Rules) { r.Caps = credits.Caps{Month: pct("0"), Year: pct("100")} },
		},
		{
			name:   "valid fractions at the bounds",
			why:    "fractions of 0 and 1, and amber equal to red, are allowed",
			change: points(func(p *credits.Points) { p.Amber, p.Red = dec("0"), dec("0") }),
		},
		{
			name:   "amber fraction negative",
			why:    "a fraction lies in 0..1",
			change: points(func(p *credits.Points) { p.Amber = dec("-0.1") }),
			want:   "Regime.Amber: points regime: amber fraction -0.1 outside 0..1: invalid credit rules",
		},
		{
			name:   "red fraction above one",
			why:    "a KPI cannot lose more than its points",
			change: points(func(p *credits.Points) { p.Red = dec("1.5") }),
			want:   "Regime.Red: points regime: red fraction 1.5 outside 0..1: invalid credit rules",
		},
		{
			name:   "amber above red",
			why:    "amber is better than red, so it may not cost more",
			change: points(func(p *credits.Points) { p.Amber, p.Red = dec("0.8"), dec("0.6") }),
			want:   "Regime.Amber: points regime: amber fraction 0.8 above red fraction 0.6: invalid credit rules",
		},
		{
			name:   "point value zero",
			why:    "the zero Points is invalid",
			change: points(func(p *credits.Points) { p.PointValue = dec("0") }),
			want:   "Regime.PointValue: points regime: point value 0% is not positive: invalid credit rules",
		},
		{
			name:   "point value negative",
			why:    "a point is worth something",
			change: points(func(p *credits.Points) { p.PointValue = dec("-0.10") }),
			want:   "Regime.PointValue: points regime: point value -0.10% is not positive: invalid credit rules",
		},
		{
			name: "weight for unknown kpi",
			why:  "a weight must be for a credit-bearing KPI of the contract",
			change: points(func(p *credits.Points) {
				p.Weights = append(p.Weights, credits.Weight{KPI: "Z", From: month("2021-04"), Points: dec("1")})
			}),
			want: "Regime.Weights[2]: points regime: kpi Z: weight for an unknown kpi (not an indicator of the contract): invalid credit rules",
		},
		{
			name: "weight for a pi",
			why:  "a weight for an indicator that carries no credits says so",
			change: points(func(p *credits.Points) {
				p.Weights = append(p.Weights, credits.Weight{KPI: "P", From: month("2021-04"), Points: dec("1")})
			}),
			want: "Regime.Weights[2]: points regime: kpi P: weight for a kpi that is not credit-bearing in the contract: invalid credit rules",
		},
		{
			name: "two weights same month",
			why:  "which would apply is ambiguous",
			change: points(func(p *credits.Points) {
				p.Weights = append(p.Weights, credits.Weight{KPI: "A", From: month("2021-04"), Points: dec("3")})
			}),
			want: "Regime.Weights[2].From: points regime: kpi A: two weights from 2021-04: invalid credit rules",
		},
		{
			name: "kpi without points from its first month",
			why:  "a failure in the KPI's first month would have no price",
			change: points(func(p *credits.Points) {
				p.Weights[0].From = month("2021-05")
			}),
			want: "Regime.Weights[0]: points regime: kpi A: no points from 2021-04, its first month in force: invalid credit rules",
		},
		{
			name: "weight without from",
			why:  "a weight without From applies from the KPI's first month in force",
			change: points(func(p *credits.Points) {
				p.Weights[1].From = kpi.Month{}
			}),
		},
		{
			name: "weight without from beside one from the first month",
			why:  "the weight from the KPI's first month would always win, so the one without From never applies",
			change: points(func(p *credits.Points) {
				p.Weights = append(p.Weights, credits.Weight{KPI: "B", Points: dec("3")})
			}),
			want: "Regime.Weights[2].From: points regime: kpi B: weight without a from month never applies: another weight applies from 2021-04, on or before the kpi's first month in force 2021-04: invalid credit rules",
		},
		{
			name: "two weights without from",
			why:  "which would apply is ambiguous",
			change: points(func(p *credits.Points) {
				p.Weights[1].From = kpi.Month{}
				p.Weights = append(p.Weights, credits.Weight{KPI: "B", Points: dec("3")})
			}),
			want: "Regime.Weights[2].From: points regime: kpi B: two weights without a from month (each applies from the kpi's first month in force; give the later one its from): invalid credit rules",
		},
		{
			name:   "negative points",
			why:    "points are 0 or more",
			change: points(func(p *credits.Points) { p.Weights[1].Points = dec("-1") }),
			want:   "Regime.Weights[1].Points: points regime: kpi B: -1 points is negative: invalid credit rules",
		},
		{
			name:   "money places above six",
			why:    "money has 0 to 6 places",
			change: func(r *credits.Rules) { r.Money.Places = 7 },
			want:   "Money.Places: money: places 7 outside 0..6: invalid credit rules",
		},
		{
			name:   "money places negative",
			why:    "money has 0 to 6 places",
			change: func(r *credits.Rules) { r.Money.Places = -1 },
			want:   "Money.Places: money: places -1 outside 0..6: invalid credit rules",
		},
		{
			name:   "money rounding not set",
			why:    "the zero Money names no rounding",
			change: func(r *credits.Rules) { r.Money.Rounding = 0 },
			want:   "Money.Rounding: money: rounding not set (no default: set Money to the contract's, such as Money{Places: 2, Rounding: kpi.HalfUp} for pence rounded half-up; modes: half-up, half-even, up, down, ceiling, floor): invalid credit rules",
		},
		{
			name:   "money rounding unknown",
			why:    "a rounding out of range is as bad as none, and says which it got",
			change: func(r *credits.Rules) { r.Money.Rounding = kpi.Floor + 1 },
			want:   "Money.Rounding: money: rounding 7 unknown (want one of half-up, half-even, up, down, ceiling, floor): invalid credit rules",
		},
		{
			name:   "monthly cap above 100",
			why:    "a cap is a percentage of charges",
			change: func(r *credits.Rules) { r.Caps.Month = pct("100.01") },
			want:   "Caps.Month: monthly cap 100.01% outside 0..100: invalid credit rules",
		},
		{
			name:   "annual cap negative",
			why:    "a cap is a percentage of charges",
			change: func(r *credits.Rules) { r.Caps.Year = pct("-5") },
			want:   "Caps.Year: annual cap -5% outside 0..100: invalid credit rules",
		},
		{
			name:   "nil regime",
			why:    "rules must name a regime",
			change: func(r *credits.Rules) { r.Regime = nil },
			want:   "Regime: regime not set: invalid credit rules",
		},
		{
			name:   "zero rules",
			why:    "the zero Rules name neither a regime nor a rounding",
			change: func(r *credits.Rules) { *r = credits.Rules{} },
			want: "Money.Rounding: money: rounding not set (no default: set Money to the contract's, such as Money{Places: 2, Rounding: kpi.HalfUp} for pence rounded half-up; modes: half-up, half-even, up, down, ceiling, floor): invalid credit rules\n" +
				"Regime: regime not set: invalid credit rules",
		},
		{
			name: "all problems together and sorted",
			why:  "the regime's problems are merged with the others, one per line, sorted",
			change: func(r *credits.Rules) {
				points(func(p *credits.Points) { p.Amber = dec("2") })(r)
				r.Caps.Month = pct("101")
				r.Money.Places = 9
			},
			want: "Money.Places: money: places 9 outside 0..6: invalid credit rules\n" +
				"Caps.Month: monthly cap 101% outside 0..100: invalid credit rules\n" +
				"Regime.Amber: points regime: amber fraction 2 above red fraction 1: invalid credit rules\n" +
				"Regime.Amber: points regime: amber fraction 2 outside 0..1: invalid credit rules",
		},
	}
	names := caseNames{}
	for _, tt := range tests {
		names.add(t, tt.name)
		t.Run(tt.name, func(t *testing.T) {
			r := rules()
			tt.change(&r)
			err := r.Validate(windows())
			if tt.want == "" {
				require.NoError(t, err, tt.why)
				return
			}
			require.ErrorIs(t, err, credits.ErrInvalidRules, tt.why)
			require.Equal(t, tt.want, placed(t, err), tt.why)
		})
	}
}
