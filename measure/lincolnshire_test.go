package measure_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/stretchr/testify/require"
)

// The Lincolnshire record files (testdata/lincolnshire) reproduce values
// that examples/lincolnshire/main.go gives as measurements, June to
// October 2021.
var lincsMonths = []kpi.Month{
	kpi.MustParseMonth("2021-06"), kpi.MustParseMonth("2021-07"), kpi.MustParseMonth("2021-08"),
	kpi.MustParseMonth("2021-09"), kpi.MustParseMonth("2021-10"),
}

// lincsValues returns the five values of KPI id in
// examples/lincolnshire/main.go, so the records cannot drift from the
// example; want is what the test expects them to be.
func lincsValues(t *testing.T, id string, want []string) []string {
	t.Helper()
	src, err := os.ReadFile("../examples/lincolnshire/main.go")
	if err != nil {
		t.Logf("examples/lincolnshire not readable (%v): using the values recorded here", err)
		return want
	}
	m := regexp.MustCompile(`\{"` + regexp.QuoteMeta(id) + `", \[5\]string\{([^}]*)\}\}`).FindSubmatch(src)
	if m == nil {
		t.Fatalf("examples/lincolnshire/main.go gives no values for %s", id)
	}
	var got []string
	for _, s := range strings.Split(string(m[1]), ",") {
		got = append(got, strings.Trim(strings.TrimSpace(s), `"`))
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("examples/lincolnshire/main.go's %s changed (-recorded here +example):\n%s", id, d)
	}
	return got
}

func TestLincolnshireKPI05(t *testing.T) {
	want := lincsValues(t, "IMT_KPI_05", []string{"96.8", "97.4", "96.1", "95.9", "95.2"})
	counts := []string{"30/31", "37/38", "49/51", "47/49", "20/21"}
	results, err := lincsClock(t).EvaluateAll(lincsTickets(t), lincsAsOf)
	require.NoError(t, err)
	rule := measure.AggregateRule{KPI: "IMT_KPI_05", Attribution: measure.ResolvedInPeriod, Orgs: []string{"LCC"}, Combine: measure.NoCombined,
		Zone: "Europe/London", Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}}
	for i, m := range lincsMonths {
		t.Run(m.String(), func(t *testing.T) {
			rep, err := measure.Aggregate(rule, m, lincsAsOf, results)
			require.NoError(t, err)
			f := rep.Figures[0]
			got := f.Measurement.Value.StringFixed(1) + " " + kpi.FormatValue(f.Measurement.Numerator) + "/" + kpi.FormatValue(f.Measurement.Denominator)
			if w := want[i] + " " + counts[i]; got != w {
				t.Errorf("%s: got %s, want %s", m, got, w)
				for _, l := range f.Evidence {
					t.Log(l.Why)
				}
			}
		})
	}
}

func TestLincolnshireKPI10(t *testing.T) {
	want := lincsValues(t, "IMT_KPI_10", []string{"1", "0", "2", "3", "2"})
	tickets := lincsTickets(t)
	for _, tt := range []struct {
		name  string
		why   string
		basis measure.PriorityBasis
		want  []string
	}{
		{"initial", "the example's values: P1 when logged", measure.PriorityInitial, want},
		{"ever", "INC raised from P2 to P1 on 14 September counts too", measure.PriorityEver, []string{"1", "0", "2", "4", "2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range lincsMonths {
				f, err := measure.Count(measure.CountRule{KPI: "IMT_KPI_10", Kinds: []string{"incident"}, Priorities: []string{"P1"},
					Basis: tt.basis, Attribution: measure.LoggedInPeriod, Zone: "Europe/London", Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}},
					"LCC", m, tickets)
				require.NoError(t, err)
				got = append(got, value(f, 0))
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.why, d)
			}
		})
	}
}
