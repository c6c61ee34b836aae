package kpi

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// resolvedInTime is "95% of tickets resolved in time (msl 90%), or where
// fewer than 20 tickets were logged, no more than 1 may fail (2 for the
// msl)", at one place half-up; from 2021-07 a glide step of 90/85 with no
// rule, and from 2021-08 a change to 96/92 where fewer than 10 tickets may
// have no failure (1 for the msl).
func resolvedInTime() Definition {
	d := def(HigherIsBetter, "95", "90")
	d.Schedule.Base.SmallVolume = SmallVolume{FewerThan: 20, TSLFailures: 1, MSLFailures: 2}
	d.Schedule.Glide = []Step{{Month: MustParseMonth("2021-07"), Thresholds: MustLevels("90", "85")}}
	change := MustLevels("96", "92")
	change.SmallVolume = SmallVolume{FewerThan: 10, TSLFailures: 0, MSLFailures: 1}
	d.Schedule.Changes = []Change{{From: MustParseMonth("2021-08"), Thresholds: change, Note: "CCN 7"}}
	return d
}

// abandoned is "no more than 5% of calls abandoned (msl 10%), or where
// fewer than 50 calls were offered, no more than 2 abandoned (4 for the
// msl)": lower is better, and the numerator counts the calls abandoned.
func abandoned() Definition {
	d := def(LowerIsBetter, "5", "10")
	d.Schedule.Base.SmallVolume = SmallVolume{FewerThan: 50, TSLFailures: 2, MSLFailures: 4}
	return d
}

// TestSmallVolume classifies hand-worked months by a small-volume rule:
// the status, and the reason a person checks it by.
func TestSmallVolume(t *testing.T) {
	hi, lo := resolvedInTime(), abandoned()
	tests := []struct {
		name       string
		d          Definition
		month      string
		num, den   string
		fromCounts bool // the value derived from the counts; else given as measure gives it, rounded
		want       Status
		reason     string
	}{
		{"19 tickets, 1 failed", hi, "2021-06", "18", "19", true, Green,
			// 18/19 = 94.736842...% would be amber by the percentage; 1 failure is at most 1
			"100 x 18/19 = 94.7368421... rounds to 94.7 (1 dp half-up); fewer than 20 measured (19): 1 failed, tsl at most 1 met (base): green"},
		{"19 tickets, 2 failed", hi, "2021-06", "17", "19", true, Amber,
			// 89.473684...% would be red; 2 failures miss the tsl's 1 and meet the msl's 2
			"100 x 17/19 = 89.4736842... rounds to 89.5 (1 dp half-up); fewer than 20 measured (19): 2 failed, tsl at most 1 missed, msl at most 2 met (base): amber"},
		{"19 tickets, 3 failed", hi, "2021-06", "16", "19", true, Red,
			"100 x 16/19 = 84.2105263... rounds to 84.2 (1 dp half-up); fewer than 20 measured (19): 3 failed, msl at most 2 missed (base): red"},
		{"1 ticket, failed", hi, "2021-06", "0", "1", true, Green,
			// 0% is green: one failure is allowed
			"100 x 0/1 = 0 rounds to 0.0 (1 dp half-up); fewer than 20 measured (1): 1 failed, tsl at most 1 met (base): green"},
		{"a given value, 19 tickets", hi, "2021-06", "17", "19", false, Amber,
			// the value as measure writes it, 89.5, with its counts
			"89.5 rounds to 89.5 (1 dp half-up); fewer than 20 measured (19): 2 failed, tsl at most 1 missed, msl at most 2 met (base): amber"},
		{"exactly 20 tickets, 1 failed", hi, "2021-06", "19", "20", true, Green,
			// 20 is not fewer than 20: 95.0% meets the tsl
			"100 x 19/20 = 95 rounds to 95.0 (1 dp half-up); 20 measured, not fewer than 20: tsl >= 95 met (base): green"},
		{"exactly 20 tickets, 2 failed", hi, "2021-06", "18", "20", true, Amber,
			"100 x 18/20 = 90 rounds to 90.0 (1 dp half-up); 20 measured, not fewer than 20: tsl >= 95 missed, msl >= 90 met (base): amber"},
		{"exactly 20 tickets, 3 failed", hi, "2021-06", "17", "20", true, Red,
			// 3 failures of 20 are red, though 2 of 19 were amber: the volume decides which rule applies
			"100 x 17/20 = 85 rounds to 85.0 (1 dp half-up); 20 measured, not fewer than 20: msl >= 90 missed (base): red"},
		{"glide step has no rule", hi, "2021-07", "17", "19", true, Amber,
			// the step's 90/85 judge 89.5% alone
			"100 x 17/19 = 89.4736842... rounds to 89.5 (1 dp half-up); tsl >= 90 missed, msl >= 85 met (glide path step 1 of 1): amber"},
		{"change's own rule: 9 tickets, 1 failed", hi, "2021-08", "8", "9", true, Amber,
			"100 x 8/9 = 88.8888888... rounds to 88.9 (1 dp half-up); fewer than 10 measured (9): 1 failed, tsl at most 0 missed, msl at most 1 met (change from 2021-08 (CCN 7)): amber"},
		{"change's own rule: 19 tickets judged by the percentage", hi, "2021-09", "18", "19", true, Amber,
			// 19 is not fewer than the change's 10: 94.7% misses the change's tsl of 96, meets its msl of 92
			"100 x 18/19 = 94.7368421... rounds to 94.7 (1 dp half-up); 19 measured, not fewer than 10: tsl >= 96 missed, msl >= 92 met (change from 2021-08 (CCN 7)): amber"},
		{"lower: 40 calls, 2 abandoned", lo, "2021-06", "2", "40", true, Green,
			"100 x 2/40 = 5 rounds to 5.0 (1 dp half-up); fewer than 50 measured (40): 2 failed, tsl at most 2 met (base): green"},
		{"lower: 40 calls, 3 abandoned", lo, "2021-06", "3", "40", true, Amber,
			// 7.5% would be amber too
			"100 x 3/40 = 7.5 rounds to 7.5 (1 dp half-up); fewer than 50 measured (40): 3 failed, tsl at most 2 missed, msl at most 4 met (base): amber"},
		{"lower: 20 calls, 4 abandoned", lo, "2021-06", "4", "20", true, Amber,
			// 20% would be red: 4 abandoned are at most the msl's 4
			"100 x 4/20 = 20 rounds to 20.0 (1 dp half-up); fewer than 50 measured (20): 4 failed, tsl at most 2 missed, msl at most 4 met (base): amber"},
		{"lower: 40 calls, 5 abandoned", lo, "2021-06", "5", "40", true, Red,
			"100 x 5/40 = 12.5 rounds to 12.5 (1 dp half-up); fewer than 50 measured (40): 5 failed, msl at most 4 missed (base): red"},
		{"lower: exactly 50 calls, 3 abandoned", lo, "2021-06", "3", "50", true, Amber,
			"100 x 3/50 = 6 rounds to 6.0 (1 dp half-up); 50 measured, not fewer than 50: tsl <= 5 missed, msl <= 10 met (base): amber"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.d.Validate())
			m := Measurement{KPI: tt.d.ID, Month: MustParseMonth(tt.month), Numerator: dec(tt.num), Denominator: dec(tt.den), HasCounts: true, FromCounts: tt.fromCounts}
			if !tt.fromCounts {
				m = m.Resolved(tt.d)
				m.Value, m.FromCounts = dec("89.5"), false
			}
			require.NoError(t, m.Check(tt.d))
			r := Classify(tt.d, m)
			require.Equal(t, tt.reason, r.Reason())
			require.Equal(t, tt.want, r.Status)
		})
	}
}

// TestSmallVolumeNeedsCounts: a value without counts cannot be judged by a
// small-volume rule. Check refuses it, naming the KPI and month; a value
// that reaches Classify all the same (a pooled or combined value, which
// has no counts) is unmeasured, never judged by the percentage alone.
func TestSmallVolumeNeedsCounts(t *testing.T) {
	d := resolvedInTime()
	jun := MustParseMonth("2021-06")
	tests := []struct {
		name string
		m    Measurement
		want []problem
	}{
		{"no counts", Measurement{KPI: "KPI01", Org: "LCC", Month: jun, Value: dec("94.7")}, []problem{
			want("HasCounts", "kpi KPI01: org LCC: 2021-06: counts: no numerator and denominator: the small-volume rule (fewer than 20: tsl at most 1 failed, msl at most 2 failed) judges a month by its counts (give them, or N/A for nothing measured): invalid measurement")}},
		{"counts not whole", Measurement{KPI: "KPI01", Month: jun, Value: dec("94.7"), Numerator: dec("17.5"), Denominator: dec("18.5"), HasCounts: true}, []problem{
			want("Denominator", "kpi KPI01: 2021-06: denominator: 18.5 is not a whole number: the small-volume rule (fewer than 20) counts things: invalid measurement"),
			want("Numerator", "kpi KPI01: 2021-06: numerator: 17.5 is not a whole number: the small-volume rule (fewer than 20) counts things: invalid measurement")}},
		{"zero volume is refused as ever", Measurement{KPI: "KPI01", Month: jun, Value: dec("0"), Numerator: dec("0"), Denominator: dec("0"), HasCounts: true}, []problem{
			want("Denominator", "kpi KPI01: 2021-06: denominator: 0 is not positive: invalid measurement")}},
		{"not applicable needs no counts", Measurement{KPI: "KPI01", Month: jun, Absent: NotApplicable}, nil},
		{"a glide month without a rule needs no counts", Measurement{KPI: "KPI01", Month: MustParseMonth("2021-07"), Value: dec("94.7")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Check(d)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalidMeasurement)
			require.Equal(t, tt.want, problemsOf(t, err))
		})
	}
	r := Classify(d, Measurement{KPI: "KPI01", Month: jun, Value: dec("94.7")})
	require.Equal(t, Unmeasured, r.Status)
	require.Equal(t, NoInput, r.Absent)
	require.True(t, r.ByVolume)
	require.Equal(t, "94.7 rounds to 94.7 (1 dp half-up); no counts to judge by the small-volume rule (fewer than 20: tsl at most 1 failed, msl at most 2 failed) (base): unmeasured", r.Reason())
}

// TestSmallVolumeValidate: each bad rule is named at its field, within
// the base, a glide step or a change.
func TestSmallVolumeValidate(t *testing.T) {
	count := Definition{ID: "P1", Name: "P1 incidents", Unit: Count, Direction: LowerIsBetter, Kind: KPI,
		Precision: Precision{Places: 0, Rounding: HalfUp}, Schedule: Constant(MustLevels("3", "5"))}
	count.Schedule.Base.SmallVolume = SmallVolume{FewerThan: 20, TSLFailures: 1, MSLFailures: 2}
	bad := resolvedInTime()
	bad.Schedule.Base.SmallVolume = SmallVolume{FewerThan: 1, TSLFailures: -1, MSLFailures: -2}
	bad.Schedule.Glide[0].Thresholds.SmallVolume = SmallVolume{FewerThan: 10, TSLFailures: 2, MSLFailures: 1}
	require.Equal(t, []problem{
		want("Schedule.Base.SmallVolume", "kpi P1: base: a small-volume rule needs a percent kpi, whose numerator and denominator count things, not count: invalid kpi definition"),
	}, problemsOf(t, count.Validate()))
	require.Equal(t, []problem{
		want("Schedule.Glide[0].Thresholds.SmallVolume.MSLFailures", "kpi KPI01: 2021-07: glide: small volume: msl failures 1 fewer than tsl failures 2 (the msl allows at least the tsl's failures): invalid kpi definition"),
		want("Schedule.Base.SmallVolume.FewerThan", "kpi KPI01: base: small volume: fewer than 1 never applies: want 2 or more (a volume of 0 is not applicable): invalid kpi definition"),
		want("Schedule.Base.SmallVolume.MSLFailures", "kpi KPI01: base: small volume: msl failures -2 fewer than tsl failures -1 (the msl allows at least the tsl's failures): invalid kpi definition"),
		want("Schedule.Base.SmallVolume.TSLFailures", "kpi KPI01: base: small volume: tsl failures -1 is negative: invalid kpi definition"),
	}, problemsOf(t, bad.Validate()))

	// A lower-is-better KPI whose only threshold is a rule is not the
	// zero Schedule.
	zero := def(LowerIsBetter, "0", "0")
	zero.Schedule.Base.SmallVolume = SmallVolume{FewerThan: 2}
	require.NoError(t, zero.Validate())
	require.Equal(t, "tsl 0 msl 0; fewer than 2: tsl at most 0 failed, msl at most 0 failed", zero.Schedule.Base.String())
}

// TestSmallVolumeMonotone: one more failure of the same volume never gives
// a better status, whether the rule applies or not; below the rule's
// volume the status follows the failures alone, and from it on the
// percentage alone, as if there were no rule.
func TestSmallVolumeMonotone(t *testing.T) {
	rank := map[Status]int{Green: 0, Amber: 1, Red: 2}
	rapid.Check(t, func(t *rapid.T) {
		dir := rapid.SampledFrom([]Direction{HigherIsBetter, LowerIsBetter}).Draw(t, "dir")
		tsl := rapid.IntRange(0, 100).Draw(t, "tsl")
		gap := rapid.IntRange(0, 30).Draw(t, "gap")
		msl := max(tsl-gap, 0)
		if dir == LowerIsBetter {
			msl = min(tsl+gap, 100)
		}
		d := def(dir, decimal.NewFromInt(int64(tsl)).String(), decimal.NewFromInt(int64(msl)).String())
		if dir == HigherIsBetter && tsl == 0 {
			d.Schedule.Base.TSLBound = Strict // not the zero Schedule
		}
		tf := rapid.Int32Range(0, 10).Draw(t, "tslFailures")
		v := SmallVolume{FewerThan: rapid.Int32Range(2, 60).Draw(t, "fewerThan"), TSLFailures: tf, MSLFailures: tf + rapid.Int32Range(0, 10).Draw(t, "more")}
		d.Schedule.Base.SmallVolume = v
		if err := d.Validate(); err != nil {
			t.Fatalf("definition: %v", err)
		}
		plain := d
		plain.Schedule.Base.SmallVolume = SmallVolume{}
		den := rapid.Int64Range(1, 80).Draw(t, "volume")
		failed := rapid.Int64Range(0, den-1).Draw(t, "failed")
		at := func(d Definition, failed int64) Result {
			num := den - failed
			if dir == LowerIsBetter {
				num = failed
			}
			m := Measurement{KPI: d.ID, Month: MustParseMonth("2021-06"), Numerator: decimal.NewFromInt(num), Denominator: decimal.NewFromInt(den), HasCounts: true, FromCounts: true}
			if err := m.Check(d); err != nil {
				t.Fatalf("measurement: %v", err)
			}
			return Classify(d, m)
		}
		r, worse := at(d, failed), at(d, failed+1)
		if rank[worse.Status] < rank[r.Status] {
			t.Fatalf("%d failed of %d is %s (%s), %d failed is %s (%s)", failed+1, den, worse.Status, worse.Reason(), failed, r.Status, r.Reason())
		}
		switch small := den < int64(v.FewerThan); {
		case small != r.ByVolume:
			t.Fatalf("volume %d, fewer than %d: ByVolume %v", den, v.FewerThan, r.ByVolume)
		case !small:
			if p := at(plain, failed); p.Status != r.Status {
				t.Fatalf("volume %d not small: %s, without the rule %s", den, r.Status, p.Status)
			}
		case failed <= int64(v.TSLFailures) && r.Status != Green,
			failed > int64(v.TSLFailures) && failed <= int64(v.MSLFailures) && r.Status != Amber,
			failed > int64(v.MSLFailures) && r.Status != Red:
			t.Fatalf("%d failed of %d under %s: %s", failed, den, v, r.Status)
		}
	})
}
