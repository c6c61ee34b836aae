package measure_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// june2021 are the six P2 tickets of the June 2021 worked example, judged
// as of 2021-07-01 12:00 BST.
func june2021(t testing.TB) []ticketclock.Judgement {
	t.Helper()
	tickets := []record.Ticket{
		ticket(t, "1", "P2", "2021-05-28T17:00:00+01:00", "2021-06-01T10:00:00+01:00"),
		ticket(t, "2", "P2", "2021-06-01T09:00:00+01:00", "2021-06-01T12:00:00+01:00"),
		ticket(t, "3", "P2", "2021-06-02T09:00:00+01:00", "2021-06-04T09:00:00+01:00"),
		ticket(t, "4", "P2", "2021-06-28T10:00:00+01:00", "2021-07-01T10:00:00+01:00"),
		ticket(t, "5", "P2", "2021-06-29T10:00:00+01:00", ""),
		ticket(t, "6", "P2", "2021-06-30T15:00:00+01:00", ""),
	}
	rs, err := newClock(t, baseOptions()).EvaluateAll(tickets, at(t, "2021-07-01T12:00:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func rule(a measure.Attribution) measure.AggregateRule {
	return measure.AggregateRule{
		KPI: "KPI01", Attribution: a, Orgs: []string{"LBH"}, Combine: measure.NoCombined,
		Zone: "Europe/London", Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp},
	}
}

func TestJune2021Outcomes(t *testing.T) {
	rs := june2021(t)
	want := []ticketclock.Verdict{ticketclock.Met, ticketclock.Met, ticketclock.Breached, ticketclock.Breached, ticketclock.OpenBreached, ticketclock.OpenWithin}
	for i, r := range rs {
		if r.Verdict != want[i] {
			t.Errorf("ticket %s: %s, want %s\n%s", r.Ticket, r.Verdict, want[i], r.Explain())
		}
	}
}

func TestAttribution(t *testing.T) {
	rs := june2021(t)
	for _, tt := range []struct {
		name        string
		why         string
		attribution measure.Attribution
		met, count  int
		value       string
	}{
		{"resolved-in-period", "tickets 1, 2 met and 3 breached were resolved in June", measure.ResolvedInPeriod, 2, 3, "66.67"},
		{"logged-in-period", "2 met, 3 and 4 breached; 5 and 6 open", measure.LoggedInPeriod, 1, 3, "33.33"},
		{"logged-open-breaches-fail", "as logged-in-period, and open 5 is past its deadline", measure.LoggedOpenBreachesFail, 1, 4, "25.00"},
		{"outcome-known-in-period", "1, 2 met in June; 3, 4, 5 breached in June (4 before its July resolution)", measure.OutcomeKnownInPeriod, 2, 5, "40.00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := measure.Aggregate(rule(tt.attribution), kpi.MustParseMonth("2021-06"), at(t, "2021-07-01T12:00:00+01:00"), rs)
			require.NoError(t, err)
			require.Len(t, rep.Figures, 1)
			f := rep.Figures[0]
			if f.Met != tt.met || f.Counted != tt.count || f.Failed != tt.count-tt.met {
				t.Errorf("%s: %d of %d (failed %d), want %d of %d", tt.why, f.Met, f.Counted, f.Failed, tt.met, tt.count)
			}
			if got := f.Measurement.Value.StringFixed(2); got != tt.value {
				t.Errorf("%s: value %s, want %s", tt.why, got, tt.value)
			}
		})
	}
}

func TestAggregateShapes(t *testing.T) {
	june := kpi.MustParseMonth("2021-06")
	asOf := "2021-07-01T12:00:00+01:00"
	judge := func(t *testing.T, tickets ...record.Ticket) []ticketclock.Judgement {
		rs, err := newClock(t, baseOptions()).EvaluateAll(tickets, at(t, asOf))
		require.NoError(t, err)
		return rs
	}
	org := func(tk record.Ticket, o string) record.Ticket { tk.Org = o; return tk }
	// oneAndThree is A's one ticket, met, and B's three, one met.
	oneAndThree := func(t *testing.T) [][]ticketclock.Judgement {
		return [][]ticketclock.Judgement{judge(t,
			org(ticket(t, "a1", "P2", "2021-06-01T09:00:00+01:00", "2021-06-01T10:00:00+01:00"), "A"),
			org(ticket(t, "b1", "P2", "2021-06-01T09:00:00+01:00", "2021-06-01T10:00:00+01:00"), "B"),
			org(ticket(t, "b2", "P2", "2021-06-01T09:00:00+01:00", "2021-06-03T10:00:00+01:00"), "B"),
			org(ticket(t, "b3", "P2", "2021-06-01T09:00:00+01:00", "2021-06-03T10:00:00+01:00"), "B"),
		)}
	}
	for _, tt := range []struct {
		name  string
		why   string
		rule  func(*measure.AggregateRule)
		pops  func(*testing.T) [][]ticketclock.Judgement
		want  []string // each figure's value, or "n/a"
		fails []int
	}{
		{
			name: "no-records-not-applicable",
			why:  "a month with no qualifying tickets is neither 0% nor 100%",
			pops: func(t *testing.T) [][]ticketclock.Judgement { return [][]ticketclock.Judgement{nil} },
			want: []string{"n/a"}, fails: []int{0},
		},
		{
			name: "pooled-across-organisations",
			why:  "1 of 1 and 1 of 3 pool to 2 of 4 = 50%, not the 66.67% mean",
			rule: func(r *measure.AggregateRule) {
				r.Orgs = []string{"A", "B"}
				r.Combine = measure.Pooled
				r.CombinedOrg = "all"
			},
			pops: oneAndThree,
			want: []string{"100.00", "33.33", "50.00"}, fails: []int{0, 2, 2},
		},
		{
			name: "mean-of-percentages",
			why:  "the named alternative averages the unrounded 100% and 33.33...%: 66.67%",
			rule: func(r *measure.AggregateRule) {
				r.Orgs = []string{"A", "B", "C"}
				r.Combine = measure.MeanOfPercentages
				r.CombinedOrg = "all"
			},
			pops: oneAndThree,
			want: []string{"100.00", "33.33", "n/a", "66.67"}, fails: []int{0, 2, 0, 2},
		},
		{
			name: "sum-of-populations",
			why:  "response met 2 + restore met 1 over twice the 2 incidents: 3 of 4",
			pops: func(t *testing.T) [][]ticketclock.Judgement {
				resp := judge(t,
					ticket(t, "i1", "P2", "2021-06-01T09:00:00+01:00", "2021-06-01T10:00:00+01:00"),
					ticket(t, "i2", "P2", "2021-06-01T09:00:00+01:00", "2021-06-01T10:00:00+01:00"))
				rest := judge(t,
					ticket(t, "i1", "P2", "2021-06-01T09:00:00+01:00", "2021-06-01T10:00:00+01:00"),
					ticket(t, "i2", "P2", "2021-06-01T09:00:00+01:00", "2021-06-08T10:00:00+01:00"))
				return [][]ticketclock.Judgement{resp, rest}
			},
			want: []string{"75.00"}, fails: []int{1},
		},
		{
			name: "excluded-listed-not-counted",
			why:  "an excluded ticket is explained but not counted",
			pops: func(t *testing.T) [][]ticketclock.Judgement {
				tk := ticket(t, "x1", "P2", "2021-06-01T09:00:00+01:00", "2021-06-09T10:00:00+01:00")
				tk.Exclusion = "third-party fault"
				return [][]ticketclock.Judgement{judge(t, tk, ticket(t, "i1", "P2", "2021-06-01T09:00:00+01:00", "2021-06-01T10:00:00+01:00"))}
			},
			want: []string{"100.00"}, fails: []int{0},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := rule(measure.ResolvedInPeriod)
			if tt.rule != nil {
				tt.rule(&r)
			}
			rep, err := measure.Aggregate(r, june, at(t, asOf), tt.pops(t)...)
			require.NoError(t, err)
			var got []string
			var fails []int
			for _, f := range rep.Figures {
				if f.Measurement.Absent != 0 {
					got = append(got, "n/a")
					if f.Measurement.Note != measure.NoRecords && f.Counted == 0 {
						t.Errorf("absent figure note %q", f.Measurement.Note)
					}
				} else {
					got = append(got, f.Measurement.Value.StringFixed(2))
				}
				fails = append(fails, f.Failed)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("%s: values (-want +got):\n%s", tt.why, d)
			}
			if d := cmp.Diff(tt.fails, fails); d != "" {
				t.Errorf("%s: failures (-want +got):\n%s", tt.why, d)
			}
		})
	}
}

func TestAggregateEvidence(t *testing.T) {
	rep, err := measure.Aggregate(rule(measure.OutcomeKnownInPeriod), kpi.MustParseMonth("2021-06"), at(t, "2021-07-01T12:00:00+01:00"), june2021(t))
	require.NoError(t, err)
	m := rep.Figures[0].Measurement
	want := kpi.Measurement{KPI: "KPI01", Org: "LBH", Month: kpi.MustParseMonth("2021-06"),
		Value: decimal.RequireFromString("40.00"), Numerator: decimal.NewFromInt(2), Denominator: decimal.NewFromInt(5), HasCounts: true}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("measurement (-want +got):\n%s", d)
	}
	require.Len(t, rep.Figures[0].Evidence, 6, "five counted and the open-within ticket listed")
}

func TestRuleValidate(t *testing.T) {
	err := measure.AggregateRule{}.Validate()
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.Equal(t, `attribution: not set (want one of resolved-in-period, logged-in-period, logged-in-period-open-breaches-fail, outcome-known-in-period)
combine: not set (want one of pooled, mean-of-percentages, none)
kpi: empty
orgs: none (want the organisations measured; one empty name for a single-organisation contract)
precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)
zone: empty (want an IANA zone such as Europe/London)`, err.Error())
}
