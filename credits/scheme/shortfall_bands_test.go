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

// Every boundary of the bands, each side.
func TestShortfallBands(t *testing.T) {
	tests := []struct {
		name   string
		why    string
		change func(*scheme.ShortfallBands)
		value  string
		band   string
		amount string
	}{
		{"above target", "a failed month above target has no shortfall: the lowest band", nil, "98.5", "slight", "2000.00"},
		{"at target", "shortfall 0 is in [0, 1]", nil, "98", "slight", "2000.00"},
		{"one point short", "shortfall 1 is in [0, 1]", nil, "97", "slight", "2000.00"},
		{"just over one point", "shortfall 1.01 is in (1, 3]", nil, "96.99", "marked", "5000.00"},
		{"three points short", "shortfall 3 is in (1, 3]", nil, "95", "marked", "5000.00"},
		{"just over three points", "shortfall 3.01 is in (3, ∞)", nil, "94.99", "severe", "10000.00"},
		{"far short", "shortfall 60", nil, "38", "severe", "10000.00"},
		{"rounded first", "96.96 rounds to 97.0: shortfall 1.0 is in [0, 1]", func(s *scheme.ShortfallBands) {
			s.Value, s.Precision = scheme.TableRounded, kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
		}, "96.96", "slight", "2000.00"},
		{"lower is better", "the value above the target: 6.5 - 4 = 2.5 is in (1, 3]", func(s *scheme.ShortfallBands) {
			s.Direction, s.Target = kpi.LowerIsBetter, fixture.Dec("4")
		}, "6.5", "marked", "5000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := fixture.ShortBands()
			if tt.change != nil {
				tt.change(&sb)
			}
			l := redLine(t, percentScheme(scheme.Score{ShortfallBands: &sb}), sb.Direction, tt.value)
			require.Equal(t, tt.amount, l.Amount.StringFixed(2), tt.why+": "+l.Rule)
			require.Equal(t, tt.band, l.Band(), tt.why+": "+l.Rule)
			require.Equal(t, tt.band == "severe", l.Material())
		})
	}
	sb := fixture.ShortBands()
	led, err := credits.Calculate(fixture.Rules(percentScheme(scheme.Score{ShortfallBands: &sb})), fixture.Months("2021-04", fixture.One(red(fixture.Measured("A", "96.5")))))
	require.NoError(t, err)
	require.Equal(t, "red: shortfall 98 - 96.5 = 1.5 in band marked (1, 3] scores 5% of charges 100000.00 = 5000.00", led.Lines[0].Rule)
}

func TestShortfallBandsValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*scheme.ShortfallBands, *scheme.Price)
		want   []string
	}{
		{"valid", func(*scheme.ShortfallBands, *scheme.Price) {}, nil},
		{"open below is fine", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[0].Min, s.Bands[0].MinEdge = nil, 0 }, nil},
		{"starting below zero is fine", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[0].Min = fixture.DecPtr("-1") }, nil},
		{"no band from zero", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[0].Min = fixture.DecPtr("0.5") },
			[]string{`scheme: score 1: shortfall bands: no band for shortfalls from 0 to 0.5 (band "slight" starts [0.5, 1]): invalid credit rules`}},
		{"zero itself left out", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[0].MinEdge = kpi.Strict },
			[]string{`scheme: score 1: shortfall bands: no band for shortfalls from 0 to 0 (band "slight" starts (0, 1]): invalid credit rules`}},
		{"gap", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[1].Min = fixture.DecPtr("1.5") },
			[]string{`scheme: score 1: shortfall bands: bands "slight" [0, 1] and "marked" (1.5, 3] leave a gap from 1 to 1.5: invalid credit rules`}},
		{"overlap", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[1].Min = fixture.DecPtr("0.5") },
			[]string{`scheme: score 1: shortfall bands: bands "slight" [0, 1] and "marked" (0.5, 3] overlap from 0.5 to 1: invalid credit rules`}},
		{"both claim a boundary", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[1].MinEdge = kpi.Inclusive },
			[]string{`scheme: score 1: shortfall bands: bands "slight" [0, 1] and "marked" [1, 3] both claim 1: invalid credit rules`}},
		{"neither claims a boundary", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[0].MaxEdge = kpi.Strict },
			[]string{`scheme: score 1: shortfall bands: bands "slight" [0, 1) and "marked" (1, 3] leave 1 in neither: invalid credit rules`}},
		{"no band above", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands = s.Bands[:2] },
			[]string{`scheme: score 1: shortfall bands: no band for values above 3 (band "marked" is (1, 3]): invalid credit rules`}},
		{"bigger shortfall costs less", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[2].Points = fixture.Dec("4") },
			[]string{`scheme: score 1: shortfall bands: band "marked" (1, 3] scores 5, more than worse band "severe" (3, ∞) with 4: invalid credit rules`}},
		{"above 100 per cent", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Bands[2].Points = fixture.Dec("101") },
			[]string{`scheme: score 1: shortfall bands: band "severe": 101% of charges above 100%: invalid credit rules`}},
		{"priced per point", func(_ *scheme.ShortfallBands, p *scheme.Price) {
			*p = scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}
		},
			[]string{`scheme: score 1: shortfall bands: priced per-point, not percent-of-charges: invalid credit rules`}},
		{"no direction", func(s *scheme.ShortfallBands, _ *scheme.Price) { s.Direction = 0 },
			[]string{`scheme: score 1: shortfall bands: direction not set (want one of higher-is-better, lower-is-better): invalid credit rules`}},
		{"rounding closes a gap", func(s *scheme.ShortfallBands, _ *scheme.Price) {
			s.Value, s.Precision = scheme.TableRounded, kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
			s.Bands[1].Min, s.Bands[1].MinEdge = fixture.DecPtr("1.1"), kpi.Inclusive
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := fixture.ShortBands()
			sb.Bands = append([]scheme.Band(nil), sb.Bands...)
			s := percentScheme(scheme.Score{ShortfallBands: &sb})
			tt.change(s.Scores[0].ShortfallBands, &s.Price)
			err := s.Validate(fixture.WindowsOf("A"))
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			var got []string
			for _, e := range joined.Split(err) {
				got = append(got, e.Error())
			}
			require.Equal(t, tt.want, got)
		})
	}
}
