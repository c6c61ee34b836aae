package report

import (
	"strconv"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func TestPx(t *testing.T) {
	for _, tc := range []struct {
		p    px
		want string
	}{{0, "0"}, {123, "12.3"}, {120, "12"}, {-5, "-0.5"}, {-15, "-1.5"}, {-20, "-2"}} {
		require.Equal(t, tc.want, tc.p.String(), "px(%d)", int(tc.p))
	}
}

func TestNiceRange(t *testing.T) {
	d := decimal.RequireFromString
	for _, tc := range []struct {
		name, lo, hi    string
		wlo, whi, wstep string
		why             string
	}{
		{"percent", "93.5", "100", "92", "100", "2", "the Lincolnshire patching KPI"},
		{"narrow", "99.0", "99.5", "99", "99.6", "0.2", "0.1 would need 5 steps"},
		{"money", "0", "1020000.00", "0", "1500000", "500000", "an annual cap"},
		{"empty at zero", "0", "0", "-1", "1", "0.5", "widened by 1"},
		{"empty", "50", "50", "45", "55", "5", "widened by a tenth of its value"},
		{"negative", "-3", "7", "-5", "10", "5", "2 would need 5 steps; whole steps below zero too"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi, step := niceRange(d(tc.lo), d(tc.hi), 4)
			got := []string{lo.String(), hi.String(), step.String()}
			want := []string{d(tc.wlo).String(), d(tc.whi).String(), d(tc.wstep).String()}
			require.True(t, lo.Equal(d(tc.wlo)) && hi.Equal(d(tc.whi)) && step.Equal(d(tc.wstep)), "%s: got %v, want %v", tc.why, got, want)
		})
	}
}

// point is a chart's point in tenths of a pixel.
type point struct{ x, y int }

func pointsOf(t *testing.T, s string) []point {
	t.Helper()
	var out []point
	for _, xy := range strings.Fields(s) {
		x, y, ok := strings.Cut(xy, ",")
		require.True(t, ok, xy)
		fx, err := strconv.ParseFloat(x, 64)
		require.NoError(t, err)
		fy, err := strconv.ParseFloat(y, 64)
		require.NoError(t, err)
		out = append(out, point{int(fx*10 + 0.5), int(fy*10 + 0.5)})
	}
	return out
}

// chartOf classifies values (one a month from 2021-06, "" for none) of a
// KPI with definition d and returns its trend chart.
func chartOf(t *testing.T, d kpi.Definition, values ...string) trendChart {
	t.Helper()
	k := &contract.KPI{Definition: d}
	v := &view{}
	var cells []*contract.Cell
	for i, s := range values {
		m := kpi.MustParseMonth("2021-06").AddMonths(i)
		v.months = append(v.months, contract.MonthResult{Month: m})
		ms := kpi.Measurement{KPI: d.ID, Org: "O", Month: m, Absent: kpi.Unavailable}
		if s != "" {
			ms = kpi.Measurement{KPI: d.ID, Org: "O", Month: m, Value: decimal.RequireFromString(s)}
		}
		r := kpi.Classify(d, ms)
		cells = append(cells, &contract.Cell{Measured: r, Raw: r.Status, Status: r.Status})
	}
	return trendOf(k, cells, v, 1)
}

func definition(dir kpi.Direction, tsl, msl string) kpi.Definition {
	return kpi.Definition{ID: "K", Unit: kpi.Percent, Direction: dir, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels(tsl, msl))}
}

// TestTrendUpright checks that every chart has better up: for a
// lower-is-better KPI the scale runs downwards, so that its TSL is drawn
// above its MSL, a better (lower) value above a worse one, and the
// target band between the TSL and the top, as for a higher-is-better
// KPI; and that the scale's labels are the true values.
func TestTrendUpright(t *testing.T) {
	for _, tc := range []struct {
		name          string
		d             kpi.Definition
		better, worse string
		top, bottom   string // the labels at the top and the bottom of the scale
	}{
		{"higher is better", definition(kpi.HigherIsBetter, "95", "90"), "97", "85", "100", "85"},
		{"lower is better", definition(kpi.LowerIsBetter, "5", "8"), "3", "10", "2", "10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := chartOf(t, tc.d, tc.better, tc.worse)
			tsl, msl := pointsOf(t, ch.TSL[0]), pointsOf(t, ch.MSL[0])
			require.Less(t, tsl[0].y, msl[0].y, "the TSL above the MSL")
			vals := pointsOf(t, ch.Values[0])
			require.Less(t, vals[0].y, vals[1].y, "the better value above the worse")
			zone := pointsOf(t, ch.Zones[0])
			require.Equal(t, int(trendFrame.Top), zone[len(zone)-1].y, "the band reaches the top")
			require.Equal(t, tsl[0].y, zone[0].y, "from the TSL")
			ticks := ch.YTicks
			top, bottom := ticks[0], ticks[len(ticks)-1]
			if top.At > bottom.At {
				top, bottom = bottom, top
			}
			require.Equal(t, []string{tc.top, tc.bottom}, []string{top.Label, bottom.Label}, "the values at the top and the bottom")
			require.Equal(t, []string{"circle", "square"}, []string{ch.Markers[0].Shape, ch.Markers[1].Shape}, "green and red by shape as well as colour")
		})
	}
}

// TestTrendGlideSteps checks that a glide path is drawn as the steps it
// is: each month's TSL is level across the month's slot and changes at
// the slot's edge, never as a slope between months; and that an absent
// month breaks the line of values, not the thresholds.
func TestTrendGlideSteps(t *testing.T) {
	d := definition(kpi.HigherIsBetter, "99.5", "99.0")
	jun := kpi.MustParseMonth("2021-06")
	d.Schedule.Glide = []kpi.Step{
		{Month: jun, Thresholds: kpi.MustLevels("97.0", "96.0")},
		{Month: jun.AddMonths(1), Thresholds: kpi.MustLevels("98.0", "97.0")},
		{Month: jun.AddMonths(2), Thresholds: kpi.MustLevels("99.0", "98.0")},
	}
	ch := chartOf(t, d, "97.5", "98.5", "", "99.8", "99.9")
	require.Len(t, ch.TSL, 1, "one line over the five months")
	xs := trendFrame.slots(5)
	tsl := pointsOf(t, ch.TSL[0])
	var levels []int
	for i := 1; i < len(tsl); i++ {
		a, b := tsl[i-1], tsl[i]
		require.True(t, a.x == b.x || a.y == b.y, "segment %v-%v is a step, not a slope", a, b)
		if a.x == b.x {
			require.Contains(t, xs, px(a.x), "a step at a month's edge")
		}
	}
	for i, p := range tsl {
		if i == 0 || p.y != tsl[i-1].y {
			levels = append(levels, p.y)
		}
	}
	require.Len(t, levels, 4, "97, 98, 99, then 99.5: %v", tsl)
	for i := 1; i < len(levels); i++ {
		require.Less(t, levels[i], levels[i-1], "each step of the glide path higher: %v", levels)
	}
	require.Equal(t, []int{int(xs[0]), int(xs[5])}, []int{tsl[0].x, tsl[len(tsl)-1].x}, "from the first month's edge to the last's")
	require.Len(t, ch.Values, 2, "the unavailable month breaks the values' line")
	require.Equal(t, "TSL \u2265 99.5, MSL \u2265 99.0", ch.Latest)
}

// TestTrendFigure checks that a figure, which has no target, is drawn
// without thresholds.
func TestTrendFigure(t *testing.T) {
	d := kpi.Definition{ID: "VOL", Unit: kpi.Count, Direction: kpi.HigherIsBetter, Kind: kpi.Figure, Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}}
	ch := chartOf(t, d, "4", "10", "0")
	require.Empty(t, ch.TSL)
	require.Empty(t, ch.Zones)
	require.Len(t, ch.Values, 1)
	require.Equal(t, "a reported figure: no target", ch.Note)
	require.Empty(t, chartOf(t, d, "", "").Values, "no value at all")
	require.True(t, chartOf(t, d, "", "").Empty)
}
