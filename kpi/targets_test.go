package kpi

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStrictBounds(t *testing.T) {
	jun := MustParseMonth("2021-06")
	// Norfolk: call abandonment "below 10%" (strict) and contacts per user
	// "1.5 or below" (inclusive).
	abandon := Definition{ID: "ABANDON", Name: "abandonment", Unit: Percent, Direction: LowerIsBetter, Kind: KPI,
		Precision: Precision{Places: 2, Rounding: HalfUp},
		Schedule:  Constant(Thresholds{TSL: dec("10"), MSL: dec("10"), TSLBound: Strict, MSLBound: Strict})}
	contacts := Definition{ID: "CONTACTS", Name: "contacts per user", Unit: Ratio, Direction: LowerIsBetter, Kind: KPI,
		Precision: Precision{Places: 2, Rounding: HalfUp}, Schedule: Constant(MustLevels("1.5", "1.5"))}
	above := Definition{ID: "FLF", Name: "first line fix", Unit: Percent, Direction: HigherIsBetter, Kind: KPI,
		Precision: Precision{Places: 1, Rounding: HalfUp},
		Schedule:  Constant(Thresholds{TSL: dec("28"), MSL: dec("25"), TSLBound: Strict})}
	tests := []struct {
		name   string
		d      Definition
		value  string
		want   Status
		reason string
	}{
		{"below 10%: 9.99 meets", abandon, "9.99", Green, "9.99 rounds to 9.99 (2 dp half-up); tsl < 10 met (base): green"},
		{"below 10%: 10 does not", abandon, "10", Red, "10 rounds to 10.00 (2 dp half-up); msl < 10 missed (base): red"},
		{"below 10%: 9.996 rounds to 10.00", abandon, "9.996", Red, "9.996 rounds to 10.00 (2 dp half-up); msl < 10 missed (base): red"},
		{"1.5 or below: 1.5 meets", contacts, "1.5", Green, "1.5 rounds to 1.50 (2 dp half-up); tsl <= 1.5 met (base): green"},
		{"1.5 or below: 1.48 meets", contacts, "1.48", Green, "1.48 rounds to 1.48 (2 dp half-up); tsl <= 1.5 met (base): green"},
		{"1.5 or below: 1.51 does not", contacts, "1.51", Red, "1.51 rounds to 1.51 (2 dp half-up); msl <= 1.5 missed (base): red"},
		{"above 28%: 28 is amber", above, "28", Amber, "28 rounds to 28.0 (1 dp half-up); tsl > 28 missed, msl >= 25 met (base): amber"},
		{"above 28%: 28.1 is green", above, "28.1", Green, "28.1 rounds to 28.1 (1 dp half-up); tsl > 28 met (base): green"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.d.Validate())
			r := Classify(tt.d, Measurement{KPI: tt.d.ID, Month: jun, Value: dec(tt.value)})
			require.Equal(t, tt.want, r.Status)
			require.Equal(t, tt.reason, r.Reason())
		})
	}
}

func TestMarginMSL(t *testing.T) {
	jun := MustParseMonth("2021-06")
	points := def(HigherIsBetter, "28", "0")
	points.Schedule.Base = Thresholds{TSL: dec("28"), MSLMargin: Margin{By: dec("5"), Unit: PointsFromTSL}}
	pct := points
	pct.Schedule.Base = Thresholds{TSL: dec("28"), MSLMargin: Margin{By: dec("5"), Unit: PercentOfTSL}}
	lower := def(LowerIsBetter, "10", "0")
	lower.Schedule.Base = Thresholds{TSL: dec("10"), MSLMargin: Margin{By: dec("5"), Unit: PercentOfTSL}}
	tests := []struct {
		name, value string
		d           Definition
		msl         string
		want        Status
		reason      string
	}{
		{"5 points below 28: 23 is amber", "23", points, "23", Amber, "23 rounds to 23.0 (1 dp half-up); tsl >= 28 missed, msl >= 23 (tsl less 5 points) met (base): amber"},
		{"5 points below 28: 22.9 is red", "22.9", points, "23", Red, "22.9 rounds to 22.9 (1 dp half-up); msl >= 23 (tsl less 5 points) missed (base): red"},
		{"5% below 28: 26.6 is amber", "26.6", pct, "26.6", Amber, "26.6 rounds to 26.6 (1 dp half-up); tsl >= 28 missed, msl >= 26.60 (tsl less 5%) met (base): amber"},
		{"5% below 28: 26.5 is red", "26.5", pct, "26.6", Red, "26.5 rounds to 26.5 (1 dp half-up); msl >= 26.60 (tsl less 5%) missed (base): red"},
		{"lower: 5% above 10 is 10.5", "10.5", lower, "10.5", Amber, "10.5 rounds to 10.5 (1 dp half-up); tsl <= 10 missed, msl <= 10.50 (tsl plus 5%) met (base): amber"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.d.Validate())
			r := Classify(tt.d, Measurement{KPI: tt.d.ID, Month: jun, Value: dec(tt.value)})
			require.True(t, r.Thresholds.MSL.Equal(dec(tt.msl)), "msl %s", r.Thresholds.MSL)
			require.Equal(t, tt.want, r.Status)
			require.Equal(t, tt.reason, r.Reason())
		})
	}
	bad := points
	bad.Schedule.Base.MSL = dec("20")
	bad.Schedule.Base.MSLMargin.By = dec("-1")
	require.EqualError(t, bad.Validate(), "kpi KPI01: base: msl 20 given as well as a margin of -1 points: invalid kpi definition\nkpi KPI01: base: msl margin -1 is negative: invalid kpi definition")
	require.Equal(t, "tsl 28 msl 5% from tsl", pct.Schedule.Base.String())
	require.Equal(t, "tsl 10 (strict) msl 15 (strict)", Thresholds{TSL: dec("10"), MSL: dec("15"), TSLBound: Strict, MSLBound: Strict}.String())
}

func TestRelativeTargets(t *testing.T) {
	open := Definition{ID: "OPEN", Name: "calls open at period end", Unit: Count, Direction: LowerIsBetter, Kind: KPI,
		Precision: Precision{Places: 0, Rounding: HalfUp}, Relative: Decrease}
	m := func(month, v string) Measurement {
		return Measurement{KPI: "OPEN", Month: MustParseMonth(month), Value: dec(v)}
	}
	absent := func(month string, a Absence) Measurement {
		return Measurement{KPI: "OPEN", Month: MustParseMonth(month), Absent: a}
	}
	with := func(d Definition, r Relative) Definition { d.Relative = r; return d }
	hi := Definition{ID: "OPEN", Name: "n", Unit: Score, Direction: HigherIsBetter, Kind: KPI, Precision: Precision{Places: 1, Rounding: HalfUp}}
	tests := []struct {
		name      string
		d         Definition
		cur, base Measurement
		want      Status
		reason    string
	}{
		{"decrease met", open, m("2016-12", "505"), m("2016-11", "668"), Green, "505 rounds to 505 (0 dp half-up); decrease from 668 in 2016-11 met (decrease): green"},
		{"decrease not met", open, m("2017-01", "628"), m("2016-12", "505"), Red, "628 rounds to 628 (0 dp half-up); decrease from 505 in 2016-12 not met (decrease): red"},
		{"equal is no decrease", open, m("2017-01", "505"), m("2016-12", "505"), Red, "505 rounds to 505 (0 dp half-up); decrease from 505 in 2016-12 not met (decrease): red"},
		{"first month has no baseline", open, m("2016-10", "670"), Measurement{}, Unmeasured, "670 rounds to 670 (0 dp half-up); no value in 2016-09 to compare with (missing): unmeasured"},
		{"baseline not applicable", open, m("2016-10", "1022"), absent("2016-09", NotApplicable), Unmeasured, "1022 rounds to 1022 (0 dp half-up); no value in 2016-09 to compare with (not-applicable): unmeasured"},
		{"baseline from the wrong month", open, m("2016-12", "505"), m("2016-10", "670"), Unmeasured, "505 rounds to 505 (0 dp half-up); no value in 2016-11 to compare with (missing): unmeasured"},
		{"current absent", open, absent("2016-12", Unavailable), m("2016-11", "668"), Unmeasured, "no value (unavailable): unmeasured"},
		{"increase met", with(open, Increase), m("2016-12", "669"), m("2016-11", "668"), Green, "669 rounds to 669 (0 dp half-up); increase from 668 in 2016-11 met (increase): green"},
		{"no worse, lower is better, equal", with(open, NoWorse), m("2016-12", "668"), m("2016-11", "668"), Green, "668 rounds to 668 (0 dp half-up); no worse than 668 in 2016-11 met (no-worse): green"},
		{"no worse, lower is better, worse", with(open, NoWorse), m("2016-12", "669"), m("2016-11", "668"), Red, "669 rounds to 669 (0 dp half-up); no worse than 668 in 2016-11 not met (no-worse): red"},
		{"no worse, higher is better, rounded equal", with(hi, NoWorse), m("2016-12", "6.04"), m("2016-11", "6.0"), Green, "6.04 rounds to 6.0 (1 dp half-up); no worse than 6.0 in 2016-11 met (no-worse): green"},
		{"no worse than last year", with(hi, NoWorseThanLastYear), m("2017-03", "5.9"), m("2016-03", "6.1"), Red, "5.9 rounds to 5.9 (1 dp half-up); no worse than 6.1 in 2016-03 not met (no-worse-than-last-year): red"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.d.Validate())
			r := ClassifyAgainst(tt.d, tt.cur, tt.base)
			require.Equal(t, tt.want, r.Status)
			require.Equal(t, tt.reason, r.Reason())
		})
	}
	require.Equal(t, NoBaseline, Classify(open, m("2016-12", "1")).Absent, "Classify has no baseline to give")
	withLevels := open
	withLevels.Schedule = Constant(MustLevels("5", "5"))
	require.EqualError(t, withLevels.Validate(), "kpi OPEN: thresholds given for a relative target, which has none: invalid kpi definition")
	require.Equal(t, MustParseMonth("2016-03"), NoWorseThanLastYear.Baseline(MustParseMonth("2017-03")))
}

func TestFigure(t *testing.T) {
	vol := Definition{ID: "VOL", Name: "total calls", Unit: Count, Direction: HigherIsBetter, Kind: Figure, Precision: Precision{Places: 0, Rounding: HalfUp}}
	require.NoError(t, vol.Validate())
	r := Classify(vol, Measurement{KPI: "VOL", Month: MustParseMonth("2016-04"), Value: dec("4600")})
	require.Equal(t, Reported, r.Status)
	require.Equal(t, "4600 rounds to 4600 (0 dp half-up); reported figure, no target", r.Reason())
	vol.Schedule = Constant(MustLevels("1", "1"))
	require.EqualError(t, vol.Validate(), "kpi VOL: thresholds given for a figure, which has none: invalid kpi definition")
	vol.Schedule, vol.Relative = Schedule{}, Decrease
	require.EqualError(t, vol.Validate(), "kpi VOL: a figure has no target, relative or not: invalid kpi definition")
}

func TestFromCounts(t *testing.T) {
	aug := MustParseMonth("2017-08")
	avail := Definition{ID: "AVAIL", Name: "systems availability", Unit: Percent, Direction: HigherIsBetter, Kind: KPI,
		Precision: Precision{Places: 0, Rounding: Down}, Schedule: Constant(MustLevels("99", "94"))}
	norfolk := Measurement{KPI: "AVAIL", Month: aug, Numerator: dec("118564"), Denominator: dec("118800"), HasCounts: true, FromCounts: true}
	tests := []struct {
		name     string
		rounding Rounding
		m        Measurement
		status   Status
		reason   string
	}{
		{"norfolk august, the pack's truncation", Down, norfolk, Green,
			"100 x 118564/118800 = 99.801346... rounds to 99 (0 dp down); tsl >= 99 met (base): green"},
		{"norfolk august, half-up", HalfUp, norfolk, Green,
			"100 x 118564/118800 = 99.801346... rounds to 100 (0 dp half-up); tsl >= 99 met (base): green"},
		{"exact quotient has no ellipsis", Down, Measurement{KPI: "AVAIL", Month: aug, Numerator: dec("95"), Denominator: dec("100"), HasCounts: true, FromCounts: true}, Amber,
			"100 x 95/100 = 95 rounds to 95 (0 dp down); tsl >= 99 missed, msl >= 94 met (base): amber"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := avail
			d.Precision.Rounding = tt.rounding
			require.NoError(t, tt.m.Check(d))
			r := Classify(d, tt.m)
			require.Equal(t, tt.status, r.Status)
			require.Equal(t, tt.reason, r.Reason())
		})
	}
	bad := norfolk
	bad.Value = dec("99")
	require.EqualError(t, bad.Check(avail), "kpi AVAIL: 2017-08: value: 99 given as well as derived from counts: invalid measurement")
	bad = Measurement{KPI: "AVAIL", Month: aug, FromCounts: true}
	require.EqualError(t, bad.Check(avail), "kpi AVAIL: 2017-08: value to be derived from counts, but no counts given: invalid measurement")
	ratio := Definition{ID: "CPU", Name: "contacts per user", Unit: Ratio, Direction: LowerIsBetter, Kind: KPI,
		Precision: Precision{Places: 2, Rounding: HalfUp}, Schedule: Constant(MustLevels("1.5", "1.5"))}
	r := Classify(ratio, Measurement{KPI: "CPU", Month: aug, Numerator: dec("7400"), Denominator: dec("5000"), HasCounts: true, FromCounts: true})
	require.Equal(t, "7400/5000 = 1.48 rounds to 1.48 (2 dp half-up); tsl <= 1.5 met (base): green", r.Reason())
}

func TestResultAt(t *testing.T) {
	d := Definition{ID: "A", Name: "A", Unit: Percent, Direction: HigherIsBetter, Kind: KPI,
		Precision: Precision{Places: 0, Rounding: HalfUp}, Schedule: Constant(MustLevels("99", "90"))}
	jun := MustParseMonth("2021-06")
	fine := Precision{Places: 7, Rounding: HalfUp}
	derived := Classify(d, Measurement{KPI: "A", Month: jun, Numerator: dec("2"), Denominator: dec("3"), HasCounts: true, FromCounts: true})
	require.Equal(t, "66.6666667", derived.At(fine).StringFixed(7), "from the exact quotient, not the shown 66.666666")
	given := Classify(d, Measurement{KPI: "A", Month: jun, Value: dec("66.66666666")})
	require.Equal(t, "66.6666667", given.At(fine).StringFixed(7))
}

// TestUnitWorst: the worst value of each unit and direction, and that it
// is a value the unit's range check accepts.
func TestUnitWorst(t *testing.T) {
	tests := []struct {
		unit Unit
		dir  Direction
		want string // "" for none
	}{
		{Percent, HigherIsBetter, "0"},
		{Percent, LowerIsBetter, "100"},
		{Count, HigherIsBetter, "0"},
		{Count, LowerIsBetter, ""},
		{Ratio, HigherIsBetter, "0"},
		{Ratio, LowerIsBetter, ""},
	}
	for _, tt := range tests {
		v, ok := tt.unit.Worst(tt.dir)
		if tt.want == "" {
			require.False(t, ok, "%s %s has no worst value", tt.unit, tt.dir)
			continue
		}
		require.True(t, ok, "%s %s", tt.unit, tt.dir)
		require.Equal(t, tt.want, v.String(), "%s %s", tt.unit, tt.dir)
		require.Empty(t, tt.unit.rangeProblem(v), "%s %s: the worst value is in range", tt.unit, tt.dir)
	}
}
