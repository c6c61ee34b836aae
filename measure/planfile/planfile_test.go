package planfile_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/planfile"
	"github.com/stretchr/testify/require"
	yaml "go.yaml.in/yaml/v4"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	require.Equal(t, string(want), got, "%s differs (go test -update to accept)", path)
}

func problems(t *testing.T, err error) string {
	t.Helper()
	var b strings.Builder
	for _, e := range measure.Errors(err) {
		var me *measure.Error
		require.True(t, errors.As(e, &me), "problem %q is not a *measure.Error", e)
		require.ErrorIs(t, e, measure.ErrInvalidOptions)
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func TestReadPlanLincolnshire(t *testing.T) {
	data, err := os.ReadFile("../testdata/lincolnshire/plan.yaml")
	require.NoError(t, err)
	p, err := planfile.ReadPlan("plan.yaml", data)
	require.NoError(t, err)
	require.Len(t, p.KPIs, 2)
	k, ok := p.Lookup("IMT_KPI_05")
	require.True(t, ok)
	require.Equal(t, "ticket-resolution", k.Measure.Name())
	require.Equal(t, measure.TicketRecords, k.Measure.Records())
	require.Equal(t, []string{"LCC", "LCC-no-holidays"}, k.Measure.Calendars())
	cals, err := p.BuildCalendars(func(path string) ([]byte, error) { return os.ReadFile(filepath.Join("../testdata/lincolnshire", path)) })
	require.NoError(t, err)
	require.Len(t, cals, 2)
}

func TestReadPlanBad(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
	}{
		{"bad-options", "every option missing or inconsistent, named by KPI or calendar and path, at its line and column"},
		{"bad-yaml", "unknown fields, values of the wrong shape, words not accepted, with the other problems"},
		{"empty", "an empty file"},
		{"not-yaml", "YAML that does not parse"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.name+".yaml"))
			require.NoError(t, err)
			p, err := planfile.ReadPlan(tt.name+".yaml", data)
			require.Error(t, err, tt.why)
			require.Nil(t, p, "no plan from a bad file")
			golden(t, tt.name+".golden", problems(t, err))
		})
	}
}

func TestBuildCalendarsBadFile(t *testing.T) {
	data := []byte("calendars:\n  - name: C\n    zone: Europe/London\n    weekly: {monday: [09:00-17:00]}\n    bank-holidays: {file: nope.json, division: england-and-wales}\n" +
		"kpis:\n  - kpi: K\n    measure: {count: {orgs: [A], kinds: [incident], priorities: [P1], basis: initial, attribution: logged-in-period, zone: Europe/London}}\n")
	p, err := planfile.ReadPlan("p.yaml", data)
	require.NoError(t, err)
	_, err = p.BuildCalendars(os.ReadFile)
	require.ErrorIs(t, err, measure.ErrInvalidOptions)
	require.Equal(t, "calendar \"C\": calendars[0].bank-holidays.file \"nope.json\": cannot read: no such file or directory\n", problems(t, err))
}

func TestDecodeRecipe(t *testing.T) {
	for _, tt := range []struct {
		name, why, src, want string
	}{
		{"ok", "a count recipe under a contract KPI's measure: key",
			"{count: {orgs: [LCC], kinds: [incident], priorities: [P1], basis: initial, attribution: logged-in-period, zone: Europe/London}}", ""},
		{"missing", "each option not set, named by its path under the KPI",
			"count: {orgs: [LCC], kinds: [incident]}",
			"c.yaml:1:8: kpis[4].measure.count.attribution: not set (want one of resolved-in-period, logged-in-period)\n" +
				"c.yaml:1:8: kpis[4].measure.count.basis: not set (want one of initial, final, ever)\n" +
				"c.yaml:1:8: kpis[4].measure.count.priorities: none (want the priorities counted, such as P1)\n" +
				"c.yaml:1:8: kpis[4].measure.count.zone: empty (want an IANA zone such as Europe/London)\n"},
		{"unknown", "an unknown measure", "tally: {}", "c.yaml:1:1: kpis[4].measure.tally: unknown field (want one of ticket-resolution, availability, abandonment, nps, satisfaction, per-user, resolved, count, backlog, patch-compliance)\n" +
			"c.yaml:1:1: kpis[4].measure: no measure (want one of ticket-resolution, availability, abandonment, nps, satisfaction, per-user, resolved, count, backlog, patch-compliance)\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var n yaml.Node
			require.NoError(t, yaml.Load([]byte(tt.src), &n))
			r, err := planfile.DecodeRecipe("c.yaml", "kpis[4].measure", &n)
			if tt.want == "" {
				require.NoError(t, err)
				require.Equal(t, "count", r.Name())
				return
			}
			require.Equal(t, tt.want, problems(t, err), tt.why)
		})
	}
}

func FuzzReadPlan(f *testing.F) {
	for _, p := range []string{"../testdata/lincolnshire/plan.yaml", "testdata/bad-options.yaml", "testdata/bad-yaml.yaml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := planfile.ReadPlan("f.yaml", data)
		if err != nil {
			require.Nil(t, p)
			for _, e := range measure.Errors(err) {
				var me *measure.Error
				if !errors.As(e, &me) || me.File != "f.yaml" {
					t.Fatalf("problem %q is not a *measure.Error naming f.yaml", e)
				}
			}
			return
		}
		if verr := p.Validate(); verr != nil {
			t.Fatalf("plan read but invalid: %v", verr)
		}
		// What was read reads back the same.
		out, err := yaml.Dump(p)
		if err != nil {
			t.Fatalf("plan read but does not dump: %v", err)
		}
		q, err := planfile.ReadPlan("g.yaml", out)
		if err != nil {
			t.Fatalf("plan dumped as\n%s\ndoes not read back: %v", out, err)
		}
		back, _ := yaml.Dump(q)
		require.Equal(t, string(out), string(back))
	})
}
