package kpi

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// def returns a valid percentage KPI with constant thresholds at one
// decimal place, half-up.
func def(dir Direction, tsl, msl string) Definition {
	return Definition{
		ID: "KPI01", Name: "test", Unit: Percent, Direction: dir, Kind: KPI,
		Precision: Precision{Places: 1, Rounding: HalfUp},
		Schedule:  Constant(MustLevels(tsl, msl)),
	}
}

func TestClassify(t *testing.T) {
	jun := MustParseMonth("2021-06")
	hi := def(HigherIsBetter, "95", "90")
	lo := def(LowerIsBetter, "10", "15")
	count := Definition{ID: "P1", Name: "P1 incidents", Unit: Count, Direction: LowerIsBetter, Kind: KPI,
		Precision: Precision{Places: 0, Rounding: HalfUp}, Schedule: Constant(MustLevels("3", "5"))}
	noAmber := def(HigherIsBetter, "99", "99")
	down := hi
	down.Precision.Rounding = Down
	tests := []struct {
		name  string
		d     Definition
		value string
		want  Status
		why   string
	}{
		{"higher: above tsl", hi, "97.2", Green, "clearly met"},
		{"higher: exactly tsl", hi, "95", Green, "meeting the TSL exactly is Green"},
		{"higher: just below tsl", hi, "94.9", Amber, "one step under the target"},
		{"higher: exactly msl", hi, "90", Amber, "meeting the MSL exactly is Amber"},
		{"higher: just below msl", hi, "89.9", Red, "one step under the minimum"},
		{"higher: rounds up to tsl", hi, "94.95", Green, "94.95 half-up at 1 dp is 95.0"},
		{"higher: rounds down below tsl", hi, "94.949", Amber, "94.949 at 1 dp is 94.9"},
		{"higher: rounds up to msl", hi, "89.95", Amber, "89.95 is 90.0"},
		{"higher: truncation keeps below", down, "94.99", Amber, "round down: 94.99 is 94.9"},
		{"higher: zero", hi, "0", Red, "0% is a value, Red"},
		{"higher: hundred", hi, "100", Green, "100% is Green"},
		{"lower: below tsl", lo, "4.2", Green, "well within"},
		{"lower: exactly tsl", lo, "10", Green, "<= 10% met exactly"},
		{"lower: just above tsl", lo, "10.1", Amber, "above target, within minimum"},
		{"lower: exactly msl", lo, "15", Amber, "<= 15% met exactly"},
		{"lower: just above msl", lo, "15.1", Red, "above the minimum"},
		{"lower: rounds down to tsl", lo, "10.04", Green, "10.04 is 10.0"},
		{"lower: rounds up above tsl", lo, "10.05", Amber, "10.05 half-up is 10.1"},
		{"count: at tsl", count, "3", Green, "P1 incidents <= 3"},
		{"count: between", count, "4", Amber, "4 incidents"},
		{"count: at msl", count, "5", Amber, "5 incidents"},
		{"count: above msl", count, "6", Red, "6 incidents"},
		{"count: zero", count, "0", Green, "zero incidents is a valid value"},
		{"no amber band: met", noAmber, "99", Green, "MSL equal to TSL"},
		{"no amber band: missed", noAmber, "98.9", Red, "no Amber when MSL equals TSL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.d.Validate())
			m := Measurement{KPI: tt.d.ID, Month: jun, Value: dec(tt.value)}
			require.NoError(t, m.Check(tt.d))
			r := Classify(tt.d, m)
			require.Equal(t, tt.want, r.Status, "%s: %s", tt.why, r.Reason())
			require.Equal(t, Absence(0), r.Absent)
			require.True(t, r.Value.Equal(dec(tt.value)))
			require.True(t, r.Rounded.Equal(tt.d.Precision.Apply(dec(tt.value))))
		})
	}
}

func TestClassifyAbsent(t *testing.T) {
	d := def(HigherIsBetter, "95", "90")
	for _, a := range []Absence{Unavailable, NotApplicable, NotDue} {
		t.Run(a.String(), func(t *testing.T) {
			m := Measurement{KPI: d.ID, Org: "Brent", Month: MustParseMonth("2021-06"), Absent: a}
			require.NoError(t, m.Check(d))
			r := Classify(d, m)
			require.Equal(t, Unmeasured, r.Status, "absence is never a pass")
			require.Equal(t, a, r.Absent)
			require.True(t, r.Value.IsZero())
			require.Equal(t, "Brent", r.Org)
			require.Equal(t, "no value ("+a.String()+"): unmeasured", r.Reason())
		})
	}
}

func TestClassifyReason(t *testing.T) {
	d := def(HigherIsBetter, "99.9", "99.5")
	d.Schedule.Changes = []Change{{From: MustParseMonth("2022-01"), Thresholds: MustLevels("99.8", "99.0"), Note: "CCN 42"}}
	tests := []struct {
		name, month, value, want string
	}{
		{"rounded down below tsl", "2021-06", "99.949", "99.949 rounds to 99.9 (1 dp half-up); tsl >= 99.9 met (base): green"},
		{"amber", "2021-06", "99.6", "99.6 rounds to 99.6 (1 dp half-up); tsl >= 99.9 missed, msl >= 99.5 met (base): amber"},
		{"red under a change", "2022-03", "98", "98 rounds to 98.0 (1 dp half-up); msl >= 99.0 missed (change from 2022-01 (CCN 42)): red"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Classify(d, Measurement{KPI: d.ID, Month: MustParseMonth(tt.month), Value: dec(tt.value)})
			require.Equal(t, tt.want, r.Reason())
		})
	}
	lo := def(LowerIsBetter, "10", "15")
	r := Classify(lo, Measurement{KPI: lo.ID, Month: MustParseMonth("2021-06"), Value: dec("12")})
	require.Equal(t, "12 rounds to 12.0 (1 dp half-up); tsl <= 10 missed, msl <= 15 met (base): amber", r.Reason())
}

func TestScheduleAt(t *testing.T) {
	s := Schedule{
		Base: MustLevels("90", "85"),
		Glide: []Step{ // deliberately out of order
			{Month: MustParseMonth("2021-09"), Thresholds: MustLevels("88", "83")},
			{Month: MustParseMonth("2021-07"), Thresholds: MustLevels("80", "75")},
			{Month: MustParseMonth("2021-08"), Thresholds: MustLevels("85", "80")},
		},
		Changes: []Change{
			{From: MustParseMonth("2023-01"), Thresholds: MustLevels("95", "90"), Note: "CCN 9"},
			{From: MustParseMonth("2022-04"), Thresholds: MustLevels("92", "87")},
		},
	}
	tests := []struct {
		month   string
		tsl     string
		source  string
		sources Source
	}{
		{"2021-06", "90", "base", Source{Kind: FromBase}},
		{"2021-07", "80", "glide path step 1 of 3", Source{Kind: FromGlide, Month: MustParseMonth("2021-07"), Step: 1, Steps: 3}},
		{"2021-08", "85", "glide path step 2 of 3", Source{Kind: FromGlide, Month: MustParseMonth("2021-08"), Step: 2, Steps: 3}},
		{"2021-09", "88", "glide path step 3 of 3", Source{Kind: FromGlide, Month: MustParseMonth("2021-09"), Step: 3, Steps: 3}},
		{"2021-10", "90", "base", Source{Kind: FromBase}},
		{"2022-03", "90", "base", Source{Kind: FromBase}},
		{"2022-04", "92", "change from 2022-04", Source{Kind: FromChange, Month: MustParseMonth("2022-04")}},
		{"2022-12", "92", "change from 2022-04", Source{Kind: FromChange, Month: MustParseMonth("2022-04")}},
		{"2023-01", "95", "change from 2023-01 (CCN 9)", Source{Kind: FromChange, Month: MustParseMonth("2023-01"), Note: "CCN 9"}},
		{"2030-01", "95", "change from 2023-01 (CCN 9)", Source{Kind: FromChange, Month: MustParseMonth("2023-01"), Note: "CCN 9"}},
	}
	for _, tt := range tests {
		t.Run(tt.month, func(t *testing.T) {
			th, src := s.At(MustParseMonth(tt.month))
			require.True(t, th.TSL.Equal(dec(tt.tsl)), "tsl %s", th.TSL)
			require.Equal(t, tt.source, src.String())
			require.Empty(t, cmp.Diff(tt.sources, src))
		})
	}
	require.Equal(t, "no thresholds", Source{}.String())
}

func TestDefinitionValidate(t *testing.T) {
	jul := MustParseMonth("2021-07")
	tests := []struct {
		name   string
		change func(*Definition)
		want   []problem
	}{
		{"valid", func(*Definition) {}, nil},
		{"zero definition", func(d *Definition) { *d = Definition{} }, []problem{
			want("Direction", "kpi : direction not set (want one of higher-is-better, lower-is-better): invalid kpi definition"),
			want("ID", "kpi : id is empty: invalid kpi definition"),
			want("Kind", "kpi : kind not set (want one of kpi, pi, figure): invalid kpi definition"),
			want("Precision.Rounding", "kpi : precision: rounding not set (want one of half-up, half-even, up, down, ceiling, floor): invalid kpi definition"),
			want("Unit", "kpi : unit not set (want one of percent, count, score, ratio): invalid kpi definition"),
		}},
		{"id with comma", func(d *Definition) { d.ID = "KPI,1" }, []problem{
			want("ID", `kpi KPI,1: id "KPI,1" has surrounding space, a comma, a quote or a control character: invalid kpi definition`)}},
		{"higher: msl above tsl", func(d *Definition) { d.Schedule.Base = MustLevels("95", "98") }, []problem{
			want("Schedule.Base.MSL", "kpi KPI01: base: msl 98 above tsl 95 (higher is better): invalid kpi definition")}},
		{"lower: msl below tsl", func(d *Definition) {
			d.Direction = LowerIsBetter
			d.Schedule.Base = MustLevels("15", "10")
		}, []problem{want("Schedule.Base.MSL", "kpi KPI01: base: msl 10 below tsl 15 (lower is better): invalid kpi definition")}},
		{"glide step wrong way round", func(d *Definition) {
			d.Schedule.Glide = []Step{{Month: jul, Thresholds: MustLevels("80", "85")}}
		}, []problem{want("Schedule.Glide[0].Thresholds.MSL", "kpi KPI01: 2021-07: glide: msl 85 above tsl 80 (higher is better): invalid kpi definition")}},
		{"glide month twice", func(d *Definition) {
			d.Schedule.Glide = []Step{{Month: jul, Thresholds: MustLevels("80", "75")}, {Month: jul, Thresholds: MustLevels("80", "75")}}
		}, []problem{want("Schedule.Glide[1].Month", "kpi KPI01: 2021-07: glide: month appears twice in the glide path: invalid kpi definition")}},
		{"glide month zero", func(d *Definition) {
			d.Schedule.Glide = []Step{{Thresholds: MustLevels("80", "75")}}
		}, []problem{want("Schedule.Glide[0].Month", "kpi KPI01: glide: step month not set: invalid kpi definition")}},
		{"change twice", func(d *Definition) {
			c := Change{From: jul, Thresholds: MustLevels("96", "91")}
			d.Schedule.Changes = []Change{c, c}
		}, []problem{want("Schedule.Changes[1].From", "kpi KPI01: 2021-07: change: two changes take effect this month: invalid kpi definition")}},
		{"change without month", func(d *Definition) {
			d.Schedule.Changes = []Change{{Thresholds: MustLevels("96", "91")}}
		}, []problem{want("Schedule.Changes[0].From", "kpi KPI01: change: from month not set: invalid kpi definition")}},
		{"percent above 100", func(d *Definition) { d.Schedule.Base = MustLevels("101", "90") }, []problem{
			want("Schedule.Base.TSL", "kpi KPI01: base: tsl 101 outside 0..100 (unit percent): invalid kpi definition")}},
		{"too many places", func(d *Definition) { d.Schedule.Base = MustLevels("99.95", "99.9") }, []problem{
			want("Schedule.Base.TSL", "kpi KPI01: base: tsl 99.95 has more decimal places than the precision (1): invalid kpi definition")}},
		{"trailing zeros are fine", func(d *Definition) { d.Schedule.Base = MustLevels("99.900", "99.50") }, nil},
		{"count with a fraction", func(d *Definition) {
			d.Unit = Count
			d.Schedule.Base = MustLevels("3.5", "2")
		}, []problem{want("Schedule.Base.TSL", "kpi KPI01: base: tsl 3.5 is not a whole number of 0 or more (unit count): invalid kpi definition")}},
		{"negative ratio", func(d *Definition) {
			d.Unit = Ratio
			d.Schedule.Base = MustLevels("1", "-1")
		}, []problem{want("Schedule.Base.MSL", "kpi KPI01: base: msl -1 is negative (unit ratio): invalid kpi definition")}},
		{"negative score is fine", func(d *Definition) {
			d.Unit = Score
			d.Schedule.Base = MustLevels("20", "-10")
		}, nil},
		{"places out of range", func(d *Definition) { d.Precision.Places = 11 }, []problem{
			want("Precision.Places", "kpi KPI01: precision: places 11 outside 0..10: invalid kpi definition")}},
		{"no thresholds, higher is better", func(d *Definition) { d.Schedule = Schedule{} }, []problem{
			want("Schedule", "kpi KPI01: thresholds not set, or all 0: every value meets a tsl and an msl of 0 when higher is better: invalid kpi definition")}},
		{"no thresholds for a pi", func(d *Definition) {
			d.Kind, d.Schedule = PI, Schedule{}
		}, []problem{
			want("Schedule", "kpi KPI01: thresholds not set, or all 0: every value meets a tsl and an msl of 0 when higher is better: invalid kpi definition")}},
		{"none at all, lower is better", func(d *Definition) {
			d.Direction, d.Unit, d.Schedule = LowerIsBetter, Count, Schedule{}
		}, nil},
		{"zero base with a glide path", func(d *Definition) {
			d.Schedule = Schedule{Glide: []Step{{Month: jul, Thresholds: MustLevels("80", "75")}}}
		}, nil},
		{"derived msl above tsl", func(d *Definition) {
			d.Schedule.Base = Thresholds{TSL: dec("95"), MSLMargin: Margin{By: dec("-5"), Unit: PointsFromTSL}}
		}, []problem{want("Schedule.Base.MSLMargin.By", "kpi KPI01: base: msl margin -5 is negative: invalid kpi definition")}},
		{"derived msl out of range", func(d *Definition) {
			d.Schedule.Changes = []Change{{From: jul, Thresholds: Thresholds{TSL: dec("3"), MSLMargin: Margin{By: dec("5"), Unit: PointsFromTSL}}}}
		}, []problem{want("Schedule.Changes[0].Thresholds.MSLMargin", "kpi KPI01: 2021-07: change: msl -2 outside 0..100 (unit percent): invalid kpi definition")}},
		{"bound out of range", func(d *Definition) { d.Schedule.Base.MSLBound = 7 }, []problem{
			want("Schedule.Base.MSLBound", "kpi KPI01: base: bound must be inclusive or strict: invalid kpi definition")}},
		{"several problems sorted", func(d *Definition) {
			d.Kind = 0
			d.Schedule.Base = MustLevels("95", "98")
		}, []problem{
			want("Schedule.Base.MSL", "kpi KPI01: base: msl 98 above tsl 95 (higher is better): invalid kpi definition"),
			want("Kind", "kpi KPI01: kind not set (want one of kpi, pi, figure): invalid kpi definition"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := def(HigherIsBetter, "95", "90")
			tt.change(&d)
			err := d.Validate()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalidDefinition)
			require.Equal(t, tt.want, problemsOf(t, err))
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, d.ID, e.KPI)
		})
	}
}

func TestMeasurementCheck(t *testing.T) {
	d := def(HigherIsBetter, "95", "90")
	jun := MustParseMonth("2021-06")
	tests := []struct {
		name string
		m    Measurement
		want problem
	}{
		{"valid", Measurement{KPI: "KPI01", Month: jun, Value: dec("99.9")}, problem{}},
		{"valid with counts", Measurement{KPI: "KPI01", Month: jun, Value: dec("66.67"), Numerator: dec("2"), Denominator: dec("3"), HasCounts: true}, problem{}},
		{"wrong kpi", Measurement{KPI: "KPI02", Month: jun, Value: dec("99")}, want("KPI", `kpi KPI02: 2021-06: measurement is for "KPI02", checked against "KPI01": invalid measurement`)},
		{"no month", Measurement{KPI: "KPI01", Value: dec("99")}, want("Month", "kpi KPI01: month not set: invalid measurement")},
		{"percent above 100", Measurement{KPI: "KPI01", Org: "Brent", Month: jun, Value: dec("100.1")}, want("Value", "kpi KPI01: org Brent: 2021-06: value: 100.1 outside 0..100 (unit percent): invalid measurement")},
		{"negative percent", Measurement{KPI: "KPI01", Month: jun, Value: dec("-0.5")}, want("Value", "kpi KPI01: 2021-06: value: -0.5 outside 0..100 (unit percent): invalid measurement")},
		{"absent with value", Measurement{KPI: "KPI01", Month: jun, Value: dec("1"), Absent: Unavailable}, want("Value", "kpi KPI01: 2021-06: value: given although absent (unavailable): invalid measurement")},
		{"missing is not input", Measurement{KPI: "KPI01", Month: jun, Absent: Missing}, want("Absent", `kpi KPI01: 2021-06: absence "missing" is for evaluation results, not input: invalid measurement`)},
		{"unknown absence", Measurement{KPI: "KPI01", Month: jun, Absent: 9}, want("Absent", "kpi KPI01: 2021-06: absence 9 unknown: invalid measurement")},
		{"zero denominator", Measurement{KPI: "KPI01", Month: jun, Value: dec("0"), HasCounts: true}, want("Denominator", "kpi KPI01: 2021-06: denominator: 0 is not positive: invalid measurement")},
		{"numerator above denominator", Measurement{KPI: "KPI01", Month: jun, Value: dec("100"), Numerator: dec("4"), Denominator: dec("3"), HasCounts: true}, want("Numerator", "kpi KPI01: 2021-06: numerator: 4 outside 0..denominator 3: invalid measurement")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Check(d)
			if tt.want == (problem{}) {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalidMeasurement)
			require.Equal(t, []problem{tt.want}, problemsOf(t, err))
		})
	}
}

// want is a problem an *Error names: the path of its field and its
// message.
func want(path, msg string) problem { return problem{path, msg} }

// problemsOf returns the path and message of each *Error in err.
func problemsOf(t *testing.T, err error) []problem {
	t.Helper()
	var out []problem
	for _, e := range joined.Split(err) {
		var ke *Error
		require.ErrorAs(t, e, &ke)
		out = append(out, problem{ke.Path, e.Error()})
	}
	return out
}

func TestPrecisionRounding(t *testing.T) {
	tests := []struct {
		mode       Rounding
		in         string
		places     int32
		want, text string
	}{
		{HalfUp, "99.949", 1, "99.9", "half-up"},
		{HalfUp, "99.95", 1, "100.0", "half-up"},
		{HalfUp, "-2.25", 1, "-2.3", "half-up"},
		{HalfEven, "2.25", 1, "2.2", "half-even"},
		{HalfEven, "2.35", 1, "2.4", "half-even"},
		{Up, "99.91", 1, "100.0", "up"},
		{Up, "-1.01", 1, "-1.1", "up"},
		{Down, "99.99", 1, "99.9", "down"},
		{Down, "-1.09", 1, "-1.0", "down"},
		{Ceiling, "-1.09", 1, "-1.0", "ceiling"},
		{Ceiling, "1.01", 1, "1.1", "ceiling"},
		{Floor, "-1.01", 1, "-1.1", "floor"},
		{Floor, "1.09", 1, "1.0", "floor"},
		{HalfUp, "0.123456789012345678901", 0, "0", "half-up"},
	}
	for _, tt := range tests {
		t.Run(tt.text+" "+tt.in, func(t *testing.T) {
			p := Precision{Places: tt.places, Rounding: tt.mode}
			got := p.Apply(dec(tt.in))
			require.Equal(t, tt.want, got.StringFixed(tt.places))
			require.Equal(t, tt.text, tt.mode.String())
		})
	}
	require.Panics(t, func() { Rounding(0).Round(dec("1"), 0) })
}

func TestEnumText(t *testing.T) {
	type textEnum interface {
		MarshalText() ([]byte, error)
		String() string
	}
	for _, v := range []textEnum{Percent, Count, Score, Ratio, HigherIsBetter, LowerIsBetter, KPI, PI,
		Green, Amber, Red, Unmeasured, Unavailable, NotApplicable, NotDue, Missing,
		HalfUp, HalfEven, Up, Down, Ceiling, Floor} {
		b, err := v.MarshalText()
		require.NoError(t, err)
		require.Equal(t, v.String(), string(b))
	}
	var s Status
	require.NoError(t, s.UnmarshalText([]byte("amber")))
	require.Equal(t, Amber, s)
	err := s.UnmarshalText([]byte("Amber"))
	require.ErrorIs(t, err, ErrUnknownWord)
	require.EqualError(t, err, `status "Amber" (want one of green, amber, red, unmeasured, reported): unknown word`)
	require.Equal(t, Amber, s, "a failed UnmarshalText leaves the value as it was")
	var we *WordError
	require.ErrorAs(t, err, &we)
	require.Equal(t, WordError{Type: "status", Text: "Amber", Words: []string{"green", "amber", "red", "unmeasured", "reported"}}, *we)
	var d Direction
	require.EqualError(t, d.UnmarshalText([]byte("up")), `direction "up" (want one of higher-is-better, lower-is-better): unknown word`)
	var bd Bound
	require.EqualError(t, bd.UnmarshalText([]byte("open")), `bound "open" (want one of inclusive, strict, exclusive): unknown word`)
	require.NoError(t, bd.UnmarshalText([]byte("strict")))
	require.Equal(t, Strict, bd)
	bd = Inclusive
	require.NoError(t, bd.UnmarshalText([]byte("exclusive")), "a band table's word for strict")
	require.Equal(t, Strict, bd)
	text, err := bd.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "strict", string(text), "written as strict")
	require.Equal(t, "inclusive", Bound(0).String(), "the zero Bound is inclusive")
	_, err = Bound(2).MarshalText()
	require.EqualError(t, err, "bound 2: unknown word")
	var r Rounding
	require.NoError(t, r.UnmarshalText([]byte("half-even")))
	require.Equal(t, HalfEven, r)
	var u Unit
	require.NoError(t, u.UnmarshalText([]byte("ratio")))
	require.Equal(t, Ratio, u)
	var k Kind
	require.NoError(t, k.UnmarshalText([]byte("pi")))
	require.Equal(t, PI, k)
	var a Absence
	require.NoError(t, a.UnmarshalText(nil))
	require.Equal(t, Absence(0), a)
	require.NoError(t, a.UnmarshalText([]byte("not-applicable")))
	require.Equal(t, NotApplicable, a)
	b, err := Absence(0).MarshalText()
	require.NoError(t, err)
	require.Empty(t, b)
	require.Equal(t, "present", Absence(0).String())
	_, err = Status(0).MarshalText()
	require.EqualError(t, err, "status 0: unknown word")
	require.Equal(t, "status(0)", Status(0).String())
	require.True(t, Amber.Failed())
	require.True(t, Red.Failed())
	require.False(t, Green.Failed())
	require.False(t, Unmeasured.Failed())
}

func TestFormatValue(t *testing.T) {
	for in, want := range map[string]string{"95": "95", "99.949": "99.949", "10.50": "10.50", "-0.5": "-0.5", "1000000": "1000000", "0.00000000000000000001": "0.00000000000000000001"} {
		require.Equal(t, want, FormatValue(dec(in)))
	}
	require.Equal(t, "1200", FormatValue(decimal.New(12, 2)), "positive exponents print as an integer")
}

func TestQuotient(t *testing.T) {
	tests := []struct {
		name     string
		num, den string
		places   int32
		mode     Rounding
		want     string
	}{
		{"two thirds as a percentage", "200", "3", 2, HalfUp, "66.67"},
		{"exact tie half-up", "1", "8", 2, HalfUp, "0.13"},
		{"exact tie half-even", "1", "8", 2, HalfEven, "0.12"},
		{"just above a tie", "1250001", "10000000", 2, HalfEven, "0.13"},
		{"just below a tie", "1249999", "10000000", 2, HalfUp, "0.12"},
		{"down keeps truncation", "2", "3", 1, Down, "0.6"},
		{"up past exact", "1", "3", 0, Up, "1"},
		{"negative ceiling", "-1", "3", 1, Ceiling, "-0.3"},
		{"negative floor", "-1", "3", 1, Floor, "-0.4"},
		{"negative half-up", "-2", "3", 2, HalfUp, "-0.67"},
		{"availability", "118564", "118800", 4, HalfUp, "0.9980"},
		{"exact", "65", "1000", 4, HalfUp, "0.0650"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Precision{Places: tt.places, Rounding: tt.mode}
			got, ok := p.Quotient(dec(tt.num), dec(tt.den))
			require.True(t, ok)
			require.Equal(t, tt.want, got.StringFixed(tt.places))
		})
	}
	_, ok := Precision{Places: 2, Rounding: HalfUp}.Quotient(dec("1"), dec("0"))
	require.False(t, ok, "a zero denominator is not measurable")
}

// TestRoundSmallMatchesDecimal checks the integer fast path against the
// decimal package's rounding on many values, every mode and place.
func TestRoundSmallMatchesDecimal(t *testing.T) {
	slow := map[Rounding]func(decimal.Decimal, int32) decimal.Decimal{
		HalfUp: decimal.Decimal.Round, HalfEven: decimal.Decimal.RoundBank, Up: decimal.Decimal.RoundUp,
		Down: decimal.Decimal.RoundDown, Ceiling: decimal.Decimal.RoundCeil, Floor: decimal.Decimal.RoundFloor,
	}
	values := []string{"0", "0.05", "-0.05", "0.15", "-0.15", "2.25", "2.35", "-2.25", "99.949", "99.95", "99.9500001",
		"-99.95", "12345678901234.567", "-0.000000000000000005", "0.5", "-0.5", "1.5", "-1.5", "9.99999999999999999",
		"100", "4.999", "-4.001", "0.0001"}
	for _, s := range values {
		for mode, f := range slow {
			for places := int32(0); places <= 4; places++ {
				d := dec(s)
				want := f(d, places)
				got := mode.Round(d, places)
				if !got.Equal(want) || got.Exponent() != -places && !got.IsZero() {
					t.Errorf("%s.Round(%s, %d) = %s (exp %d), want %s", mode, s, places, got, got.Exponent(), want)
				}
			}
		}
	}
}

// TestModesAreRoundings: internal/fixed's modes are kpi's roundings, value
// for value, as Round and Quotient convert one to the other.
func TestModesAreRoundings(t *testing.T) {
	require.Equal(t, []fixed.Mode{fixed.HalfUp, fixed.HalfEven, fixed.Up, fixed.Down, fixed.Ceiling, fixed.Floor},
		[]fixed.Mode{fixed.Mode(HalfUp), fixed.Mode(HalfEven), fixed.Mode(Up), fixed.Mode(Down), fixed.Mode(Ceiling), fixed.Mode(Floor)})
}

// exactQuotient is the oracle: num/den in math/big, rounded to places by
// the definition of mode r, as a whole number of 10^-places.
func exactQuotient(num, den decimal.Decimal, places int32, r Rounding) *big.Int {
	rat := func(d decimal.Decimal) *big.Rat {
		x := new(big.Rat).SetInt(d.Coefficient())
		p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(d.Exponent(), -d.Exponent()))), nil))
		if d.Exponent() >= 0 {
			return x.Mul(x, p)
		}
		return x.Quo(x, p)
	}
	x := new(big.Rat).Quo(rat(num), rat(den))
	x.Mul(x, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	q := new(big.Int).Quo(x.Num(), x.Denom()) // towards zero
	frac := new(big.Rat).Sub(x, new(big.Rat).SetInt(q))
	if frac.Sign() == 0 {
		return q
	}
	c := new(big.Rat).Abs(frac).Cmp(big.NewRat(1, 2))
	away := map[Rounding]bool{HalfUp: c >= 0, HalfEven: c > 0 || (c == 0 && q.Bit(0) == 1), Up: true, Down: false,
		Ceiling: frac.Sign() > 0, Floor: frac.Sign() < 0}[r]
	if away {
		q.Add(q, big.NewInt(int64(frac.Sign())))
	}
	return q
}

// FuzzQuotient checks Quotient, whichever path it takes (integers in
// internal/fixed, or the decimal package), and the decimal path on its own,
// against the exact quotient rounded by the oracle, in every rounding mode.
func FuzzQuotient(f *testing.F) {
	f.Add(int64(2), int32(0), int64(3), int32(0), int32(1))
	f.Add(int64(-1), int32(-3), int64(7), int32(0), int32(2))
	f.Add(int64(12345), int32(-2), int64(-400), int32(-1), int32(6))
	f.Add(int64(5), int32(-1), int64(1), int32(0), int32(0))
	f.Add(int64(-1), int32(-12), int64(3), int32(0), int32(10))
	f.Add(int64(99999999999999999), int32(3), int64(7), int32(-4), int32(10))
	f.Fuzz(func(t *testing.T, n int64, ne int32, d int64, de int32, places int32) {
		if d == 0 || ne < -20 || ne > 20 || de < -20 || de > 20 || places < 0 || places > 10 {
			return
		}
		num, den := decimal.New(n, ne), decimal.New(d, de)
		for r := HalfUp; r <= Floor; r++ {
			p := Precision{Places: places, Rounding: r}
			want := exactQuotient(num, den, places, r)
			got, ok := p.Quotient(num, den)
			if !ok || got.Exponent() != -places || got.Coefficient().Cmp(want) != 0 {
				t.Fatalf("%s/%s at %s: got %se%d, want %se%d", num, den, p, got.Coefficient(), got.Exponent(), want, -places)
			}
			if slow := p.quotientDecimal(num, den); slow.Exponent() != -places || slow.Coefficient().Cmp(want) != 0 {
				t.Fatalf("%s/%s at %s in decimals: got %se%d, want %se%d", num, den, p, slow.Coefficient(), slow.Exponent(), want, -places)
			}
		}
	})
}
