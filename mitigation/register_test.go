package mitigation_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/stretchr/testify/require"
)

var (
	scope = mitigation.Scope{
		KPIs:  []string{"KPI01", "KPI02"},
		Orgs:  []string{"LCC", "NCC"},
		First: kpi.MustParseMonth("2021-01"),
		Last:  kpi.MustParseMonth("2022-12"),
	}
	// cmpMonth compares months, whose only field is unexported.
	cmpMonth = cmp.Comparer(func(a, b kpi.Month) bool { return a == b })
)

func month(s string) kpi.Month { return kpi.MustParseMonth(s) }

// relief returns a valid relief record for KPI01, all organisations, in
// the single month from.
func relief(ref, from string) mitigation.Record {
	return mitigation.Record{Ref: ref, KPI: "KPI01", From: month(from), Reason: "supplier outage", Effect: mitigation.Relief}
}

func with(r mitigation.Record, f func(*mitigation.Record)) mitigation.Record {
	f(&r)
	return r
}

type lookup struct {
	kpi, org, month string
	ref             string // "" when no record should be found
}

func TestNewRegister(t *testing.T) {
	tests := []struct {
		name    string
		why     string
		records []mitigation.Record
		lookups []lookup
	}{
		{
			name:    "single month",
			why:     "a zero To covers From only",
			records: []mitigation.Record{relief("M1", "2021-06")},
			lookups: []lookup{
				{"KPI01", "LCC", "2021-05", ""},
				{"KPI01", "LCC", "2021-06", "M1"},
				{"KPI01", "LCC", "2021-07", ""},
				{"KPI02", "LCC", "2021-06", ""},
			},
		},
		{
			name:    "range",
			why:     "From..To is inclusive at both ends",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.To = month("2021-08") })},
			lookups: []lookup{
				{"KPI01", "NCC", "2021-05", ""},
				{"KPI01", "NCC", "2021-06", "M1"},
				{"KPI01", "NCC", "2021-07", "M1"},
				{"KPI01", "NCC", "2021-08", "M1"},
				{"KPI01", "NCC", "2021-09", ""},
			},
		},
		{
			name:    "whole contract",
			why:     "the scope's first and last months are inside it",
			records: []mitigation.Record{with(relief("M1", "2021-01"), func(r *mitigation.Record) { r.To = month("2022-12") })},
			lookups: []lookup{{"KPI01", "LCC", "2021-01", "M1"}, {"KPI01", "LCC", "2022-12", "M1"}},
		},
		{
			name:    "org-specific record",
			why:     "a record naming an organisation covers only that one",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org = "LCC" })},
			lookups: []lookup{
				{"KPI01", "LCC", "2021-06", "M1"},
				{"KPI01", "NCC", "2021-06", ""},
				{"KPI01", "", "2021-06", ""},
			},
		},
		{
			name:    "all-org record",
			why:     "a record without an organisation covers every one and the whole service",
			records: []mitigation.Record{relief("M1", "2021-06")},
			lookups: []lookup{
				{"KPI01", "LCC", "2021-06", "M1"},
				{"KPI01", "NCC", "2021-06", "M1"},
				{"KPI01", "", "2021-06", "M1"},
				{"KPI01", "XYZ", "2021-06", ""},
			},
		},
		{
			name: "different orgs do not overlap",
			why:  "the same KPI-month for two organisations is two KPI-months",
			records: []mitigation.Record{
				with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org = "LCC" }),
				with(relief("M2", "2021-06"), func(r *mitigation.Record) { r.Org = "NCC" }),
			},
			lookups: []lookup{{"KPI01", "LCC", "2021-06", "M1"}, {"KPI01", "NCC", "2021-06", "M2"}},
		},
		{
			name: "different kpis do not overlap",
			why:  "overlap is per KPI",
			records: []mitigation.Record{
				relief("M1", "2021-06"),
				with(relief("M2", "2021-06"), func(r *mitigation.Record) { r.KPI = "KPI02" }),
			},
			lookups: []lookup{{"KPI01", "LCC", "2021-06", "M1"}, {"KPI02", "LCC", "2021-06", "M2"}},
		},
		{
			name: "adjacent ranges",
			why:  "one record may start the month after another ends",
			records: []mitigation.Record{
				with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.To = month("2021-07") }),
				with(relief("M2", "2021-08"), func(r *mitigation.Record) { r.To = month("2021-09") }),
			},
			lookups: []lookup{{"KPI01", "LCC", "2021-07", "M1"}, {"KPI01", "LCC", "2021-08", "M2"}},
		},
		{
			name: "record without ref",
			why:  "Lookup cites it by its 1-based position",
			records: []mitigation.Record{
				relief("M1", "2021-06"),
				with(relief("", "2021-07"), func(r *mitigation.Record) { r.Org = "NCC" }),
			},
			lookups: []lookup{{"KPI01", "NCC", "2021-07", "record 2"}},
		},
		{
			name: "deemed record",
			why:  "a deemed record with a green, amber or red status is valid",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) {
				r.Effect, r.Deemed = mitigation.Deemed, kpi.Green
			})},
			lookups: []lookup{{"KPI01", "LCC", "2021-06", "M1"}},
		},
		{
			name:    "no records",
			why:     "an empty register finds nothing",
			lookups: []lookup{{"KPI01", "LCC", "2021-06", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, err := mitigation.NewRegister(tt.records, scope)
			require.NoError(t, err, tt.why)
			require.NotNil(t, reg)
			for _, l := range tt.lookups {
				rec, ok := reg.Lookup(l.kpi, l.org, month(l.month))
				require.Equal(t, l.ref != "", ok, "%s: lookup %s/%s/%s", tt.why, l.kpi, l.org, l.month)
				if !ok {
					require.Equal(t, mitigation.Record{}, rec)
					continue
				}
				require.Equal(t, l.ref, rec.Ref, "%s: lookup %s/%s/%s", tt.why, l.kpi, l.org, l.month)
				require.True(t, rec.Covers(l.kpi, l.org, month(l.month)), "the record found covers the KPI-month")
			}
		})
	}
}

func TestLookupReturnsTheRecord(t *testing.T) {
	in := mitigation.Record{
		Ref: "MIT-7", KPI: "KPI02", Org: "NCC", From: month("2021-06"), To: month("2021-07"),
		Reason: "r", Impact: "i", PathToGreen: "p",
		AgreedOn: kpi.DateOf(2021, time.August, 17), AgreedBy: "board",
		Effect: mitigation.Deemed, Deemed: kpi.Amber,
	}
	reg, err := mitigation.NewRegister([]mitigation.Record{in}, scope)
	require.NoError(t, err)
	got, ok := reg.Lookup("KPI02", "NCC", month("2021-07"))
	require.True(t, ok)
	if diff := cmp.Diff(in, got, cmpMonth); diff != "" {
		t.Errorf("Lookup (-want +got):\n%s", diff)
	}
}

func TestNewRegisterErrors(t *testing.T) {
	tests := []struct {
		name    string
		why     string
		records []mitigation.Record
		want    string
	}{
		{
			name:    "unknown kpi",
			why:     "a record must be for a KPI of the contract",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.KPI = "KPI99" })},
			want:    "[0].KPI: mitigation M1: kpi KPI99: no such kpi in the contract: invalid mitigation record",
		},
		{
			name:    "kpi not set",
			why:     "an empty KPI is named as missing, not as unknown",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.KPI = "" })},
			want:    "[0].KPI: mitigation M1: kpi not set: invalid mitigation record",
		},
		{
			name:    "unknown org",
			why:     "a record's organisation must be served by the contract",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org = "Notts" })},
			want:    `[0].Org: mitigation M1: kpi KPI01: organisation "Notts" is not served by the contract: invalid mitigation record`,
		},
		{
			name:    "month before the contract",
			why:     "From must not be before the first month",
			records: []mitigation.Record{relief("M1", "2020-12")},
			want:    "[0].From: mitigation M1: kpi KPI01: 2020-12 outside the contract's 2021-01..2022-12: invalid mitigation record",
		},
		{
			name:    "range past the contract",
			why:     "To must not be after the last month",
			records: []mitigation.Record{with(relief("M1", "2022-11"), func(r *mitigation.Record) { r.To = month("2023-01") })},
			want:    "[0].From: mitigation M1: kpi KPI01: 2022-11..2023-01 outside the contract's 2021-01..2022-12: invalid mitigation record",
		},
		{
			name:    "range ending before start",
			why:     "To before From is an error, not an empty range",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.To = month("2021-05") })},
			want:    "[0].To: mitigation M1: kpi KPI01: range 2021-06..2021-05 ends before it starts: invalid mitigation record",
		},
		{
			name:    "from not set",
			why:     "a record must say which months it covers",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.From = kpi.Month{} })},
			want:    "[0].From: mitigation M1: kpi KPI01: from month not set: invalid mitigation record",
		},
		{
			name:    "empty reason",
			why:     "a reason of only spaces is empty",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Reason = " \t" })},
			want:    "[0].Reason: mitigation M1: kpi KPI01: reason is empty: invalid mitigation record",
		},
		{
			name:    "missing effect",
			why:     "the zero Effect is invalid",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Effect = 0 })},
			want:    "[0].Effect: mitigation M1: kpi KPI01: effect not set (want relief or deemed): invalid mitigation record",
		},
		{
			name:    "unknown effect",
			why:     "an Effect out of range is as bad as none",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Effect = 9 })},
			want:    "[0].Effect: mitigation M1: kpi KPI01: effect not set (want relief or deemed): invalid mitigation record",
		},
		{
			name:    "deemed without status",
			why:     "a deemed record must say what status it deems",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Effect = mitigation.Deemed })},
			want:    "[0].Deemed: mitigation M1: kpi KPI01: deemed status not set (want green, amber or red): invalid mitigation record",
		},
		{
			name: "deemed unmeasured",
			why:  "a month can be deemed green, amber or red only",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) {
				r.Effect, r.Deemed = mitigation.Deemed, kpi.Unmeasured
			})},
			want: "[0].Deemed: mitigation M1: kpi KPI01: deemed status unmeasured not allowed (want green, amber or red): invalid mitigation record",
		},
		{
			name:    "relief with a deemed status",
			why:     "a relief record leaves the status alone, so a deemed status is a mistake",
			records: []mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Deemed = kpi.Green })},
			want:    "[0].Deemed: mitigation M1: kpi KPI01: deemed status green given for a relief record: invalid mitigation record",
		},
		{
			name: "repeated ref",
			why:  "every repeat cites the first record with the Ref",
			records: []mitigation.Record{
				relief("M1", "2021-06"),
				relief("M1", "2021-07"),
				relief("M1", "2021-08"),
			},
			want: "[1].Ref: mitigation M1: kpi KPI01: ref repeats record 1: invalid mitigation record\n" +
				"[2].Ref: mitigation M1: kpi KPI01: ref repeats record 1: invalid mitigation record",
		},
		{
			name: "record n naming",
			why:  "a record without a Ref is named by its 1-based position",
			records: []mitigation.Record{
				relief("M1", "2021-06"),
				with(relief("", "2021-07"), func(r *mitigation.Record) { r.Reason = "" }),
			},
			want: "[1].Reason: mitigation record 2: kpi KPI01: reason is empty: invalid mitigation record",
		},
		{
			name: "overlap same org",
			why:  "two records for one organisation may not share a month",
			records: []mitigation.Record{
				with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org, r.To = "LCC", month("2021-08") }),
				with(relief("M2", "2021-08"), func(r *mitigation.Record) { r.Org, r.To = "LCC", month("2021-09") }),
			},
			want: "[1].From: mitigation M2: kpi KPI01: overlaps M1 in 2021-08: invalid mitigation record",
		},
		{
			name: "overlap all-org then one org",
			why:  "a record without an organisation covers every organisation's KPI-months",
			records: []mitigation.Record{
				with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.To = month("2021-12") }),
				with(relief("M2", "2021-08"), func(r *mitigation.Record) { r.Org, r.To = "NCC", month("2022-02") }),
			},
			want: "[1].From: mitigation M2: kpi KPI01: overlaps M1 in 2021-08..2021-12: invalid mitigation record",
		},
		{
			name: "overlap one org then all-org",
			why:  "the order of the records does not hide an overlap",
			records: []mitigation.Record{
				with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org = "NCC" }),
				relief("M2", "2021-06"),
			},
			want: "[1].From: mitigation M2: kpi KPI01: overlaps M1 in 2021-06: invalid mitigation record",
		},
		{
			name: "overlap two all-org records",
			why:  "the overlap is reported once, not once per organisation",
			records: []mitigation.Record{
				with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.To = month("2021-07") }),
				with(relief("M2", "2021-05"), func(r *mitigation.Record) { r.To = month("2021-06") }),
			},
			want: "[1].From: mitigation M2: kpi KPI01: overlaps M1 in 2021-06: invalid mitigation record",
		},
		{
			name: "overlap several records",
			why:  "each earlier record overlapped is named",
			records: []mitigation.Record{
				with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org = "LCC" }),
				with(relief("M2", "2021-07"), func(r *mitigation.Record) { r.Org = "NCC" }),
				with(relief("", "2021-05"), func(r *mitigation.Record) { r.To = month("2021-08") }),
			},
			want: "[2].From: mitigation record 3: kpi KPI01: overlaps M1 in 2021-06: invalid mitigation record\n" +
				"[2].From: mitigation record 3: kpi KPI01: overlaps M2 in 2021-07: invalid mitigation record",
		},
		{
			name: "all problems together and sorted",
			why:  "every problem is reported at once, sorted by message",
			records: []mitigation.Record{
				{Ref: "Z9", KPI: "KPI99", Org: "Notts", From: month("2021-06")},
				relief("A1", "2021-06"),
				relief("A1", "2019-01"),
				{KPI: "KPI02", From: month("2021-06"), To: month("2021-01"), Reason: "x", Effect: mitigation.Deemed},
			},
			want: "[2].From: mitigation A1: kpi KPI01: 2019-01 outside the contract's 2021-01..2022-12: invalid mitigation record\n" +
				"[2].Ref: mitigation A1: kpi KPI01: ref repeats record 2: invalid mitigation record\n" +
				"[0].Effect: mitigation Z9: kpi KPI99: effect not set (want relief or deemed): invalid mitigation record\n" +
				"[0].KPI: mitigation Z9: kpi KPI99: no such kpi in the contract: invalid mitigation record\n" +
				`[0].Org: mitigation Z9: kpi KPI99: organisation "Notts" is not served by the contract: invalid mitigation record` + "\n" +
				"[0].Reason: mitigation Z9: kpi KPI99: reason is empty: invalid mitigation record\n" +
				"[3].Deemed: mitigation record 4: kpi KPI02: deemed status not set (want green, amber or red): invalid mitigation record\n" +
				"[3].To: mitigation record 4: kpi KPI02: range 2021-06..2021-01 ends before it starts: invalid mitigation record",
		},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		require.False(t, seen[tt.name], "duplicate case name %q", tt.name)
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			reg, err := mitigation.NewRegister(tt.records, scope)
			require.Nil(t, reg, "no register on any problem")
			require.ErrorIs(t, err, mitigation.ErrInvalidRecord, tt.why)
			var got []string
			for _, e := range joined.Split(err) {
				var me *mitigation.Error
				require.ErrorAs(t, e, &me)
				got = append(got, fmt.Sprintf("[%d].%s: %s", me.Index, me.Path, e.Error()))
			}
			require.Equal(t, tt.want, strings.Join(got, "\n"), tt.why)
		})
	}
}

func TestErrorFields(t *testing.T) {
	_, err := mitigation.NewRegister([]mitigation.Record{with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Reason = "" })}, scope)
	var e *mitigation.Error
	require.ErrorAs(t, err, &e)
	if diff := cmp.Diff(&mitigation.Error{Record: "M1", KPI: "KPI01", Path: "Reason", Msg: "reason is empty"}, e); diff != "" {
		t.Errorf("Error (-want +got):\n%s", diff)
	}
	require.True(t, errors.Is(e, mitigation.ErrInvalidRecord))

	// The month at fault: the first one shared with an earlier record, or
	// the first outside the contract.
	_, err = mitigation.NewRegister([]mitigation.Record{
		with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org, r.To = "LCC", month("2021-09") }),
		with(relief("M2", "2021-08"), func(r *mitigation.Record) { r.Org, r.To = "LCC", month("2021-10") }),
		with(relief("M3", "2022-11"), func(r *mitigation.Record) { r.To = month("2023-02") }),
	}, scope)
	var got []mitigation.Error
	for _, x := range joined.Split(err) {
		require.ErrorAs(t, x, &e)
		got = append(got, *e)
	}
	if diff := cmp.Diff([]mitigation.Error{
		{Record: "M2", Index: 1, KPI: "KPI01", Org: "LCC", Month: month("2021-08"), Path: "From", Msg: "overlaps M1 in 2021-08..2021-09"},
		{Record: "M3", Index: 2, KPI: "KPI01", Month: month("2023-01"), Path: "From", Msg: "2022-11..2023-02 outside the contract's 2021-01..2022-12"},
	}, got, cmp.Comparer(func(a, b kpi.Month) bool { return a == b })); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestNilRegister(t *testing.T) {
	var reg *mitigation.Register
	rec, ok := reg.Lookup("KPI01", "LCC", month("2021-06"))
	require.False(t, ok)
	require.Equal(t, mitigation.Record{}, rec)
	require.Nil(t, reg.Records())

	var zero mitigation.Register
	_, ok = zero.Lookup("KPI01", "LCC", month("2021-06"))
	require.False(t, ok, "the zero Register holds no records")
}

func TestRegisterKeepsACopy(t *testing.T) {
	in := []mitigation.Record{
		relief("M1", "2021-06"),
		with(relief("", "2021-07"), func(r *mitigation.Record) { r.Org = "LCC" }),
	}
	orig := slices.Clone(in)
	sc := mitigation.Scope{KPIs: slices.Clone(scope.KPIs), Orgs: slices.Clone(scope.Orgs), First: scope.First, Last: scope.Last}
	reg, err := mitigation.NewRegister(in, sc)
	require.NoError(t, err)
	require.Equal(t, orig, in, "NewRegister does not modify its input, not even to name record 2")
	require.Equal(t, scope, sc, "NewRegister does not modify the scope")

	in[0].From, in[0].Reason = month("2022-01"), "changed"
	rec, ok := reg.Lookup("KPI01", "NCC", month("2021-06"))
	require.True(t, ok, "changing the input slice does not affect the register")
	require.Equal(t, "supplier outage", rec.Reason)

	got := reg.Records()
	want := []mitigation.Record{orig[0], with(orig[1], func(r *mitigation.Record) { r.Ref = "record 2" })}
	if diff := cmp.Diff(want, got, cmpMonth); diff != "" {
		t.Errorf("Records (-want +got):\n%s", diff)
	}
	got[0].Reason = "changed"
	rec, _ = reg.Lookup("KPI01", "NCC", month("2021-06"))
	require.Equal(t, "supplier outage", rec.Reason, "changing Records' result does not affect the register")
}

func TestLastMonthOfCalendar(t *testing.T) {
	// A contract may run to 9999-12, where AddMonths gives the zero
	// Month; indexing must still stop.
	sc := mitigation.Scope{KPIs: []string{"KPI01"}, First: month("9999-01"), Last: month("9999-12")}
	rec := with(relief("M1", "9999-11"), func(r *mitigation.Record) { r.To = month("9999-12") })
	reg, err := mitigation.NewRegister([]mitigation.Record{rec}, sc)
	require.NoError(t, err)
	_, ok := reg.Lookup("KPI01", "", month("9999-12"))
	require.True(t, ok)
}

func TestRecordLastAndCovers(t *testing.T) {
	tests := []struct {
		name  string
		rec   mitigation.Record
		last  string
		kpi   string
		org   string
		month string
		want  bool
	}{
		{"single month covered", relief("M1", "2021-06"), "2021-06", "KPI01", "LCC", "2021-06", true},
		{"single month next month", relief("M1", "2021-06"), "2021-06", "KPI01", "LCC", "2021-07", false},
		{"other kpi", relief("M1", "2021-06"), "2021-06", "KPI02", "LCC", "2021-06", false},
		{"range end", with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.To = month("2021-09") }), "2021-09", "KPI01", "", "2021-09", true},
		{"org record other org", with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org = "LCC" }), "2021-06", "KPI01", "NCC", "2021-06", false},
		{"org record same org", with(relief("M1", "2021-06"), func(r *mitigation.Record) { r.Org = "LCC" }), "2021-06", "KPI01", "LCC", "2021-06", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, month(tt.last), tt.rec.Last())
			require.Equal(t, tt.want, tt.rec.Covers(tt.kpi, tt.org, month(tt.month)))
		})
	}
}

func TestEffectText(t *testing.T) {
	for _, e := range []mitigation.Effect{mitigation.Relief, mitigation.Deemed} {
		b, err := e.MarshalText()
		require.NoError(t, err)
		require.Equal(t, e.String(), string(b))
		var got mitigation.Effect
		require.NoError(t, got.UnmarshalText(b))
		require.Equal(t, e, got)
	}
	require.Equal(t, "relief", mitigation.Relief.String())
	require.Equal(t, "deemed", mitigation.Deemed.String())
	require.Equal(t, "effect(0)", mitigation.Effect(0).String())

	_, err := mitigation.Effect(0).MarshalText()
	require.ErrorIs(t, err, kpi.ErrUnknownWord)
	require.EqualError(t, err, "effect 0: unknown word")

	e := mitigation.Relief
	err = e.UnmarshalText([]byte("Relief"))
	require.ErrorIs(t, err, kpi.ErrUnknownWord)
	require.EqualError(t, err, `effect "Relief" (want one of relief, deemed): unknown word`)
	require.Equal(t, mitigation.Relief, e, "a failed UnmarshalText leaves the Effect alone")
}
