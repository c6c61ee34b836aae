package planfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/planfile"
	"github.com/servicecredit/engine/measure/record"
	"github.com/stretchr/testify/require"
	yaml "go.yaml.in/yaml/v4"
)

func problems(t *testing.T, err error) string {
	t.Helper()
	var b strings.Builder
	for _, e := range record.Errors(err) {
		var me *record.Error
		require.True(t, errors.As(e, &me), "problem %q is not a *record.Error", e)
		require.ErrorIs(t, e, record.ErrInvalidOptions)
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
	require.Equal(t, record.Tickets, k.Measure.Records())
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
			contracttest.Golden(t, "testdata/"+tt.name+".golden", []byte(problems(t, err)))
		})
	}
}

func TestBuildCalendarsBadFile(t *testing.T) {
	data := []byte("calendars:\n  - name: C\n    zone: Europe/London\n    weekly: {monday: [09:00-17:00]}\n    bank-holidays: {file: nope.json, division: england-and-wales}\n" +
		"kpis:\n  - kpi: K\n    measure: {count: {orgs: [A], kinds: [incident], priorities: [P1], basis: initial, attribution: logged-in-period, zone: Europe/London}}\n")
	p, err := planfile.ReadPlan("p.yaml", data)
	require.NoError(t, err)
	_, err = p.BuildCalendars(os.ReadFile)
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.Equal(t, "calendar \"C\": calendars[0].bank-holidays.file \"nope.json\": cannot read: no such file or directory\n", problems(t, err))
}

func TestReadContract(t *testing.T) {
	const count = "{count: {orgs: [LCC], kinds: [incident], priorities: [P1], basis: initial, attribution: logged-in-period, zone: Europe/London}}"
	for _, tt := range []struct {
		name, why, src string
		kpis           []string // the plan's KPIs, when there is no problem
		want           string   // the problems
	}{
		{"recipes", "a count recipe under a contract KPI's measure key; the KPI without one is not planned",
			"name: C\nkpis:\n  - id: K1\n    measure: " + count + "\n  - id: K2\n", []string{"K1"}, ""},
		{"none", "a contract with no recipe has no plan", "name: C\nkpis:\n  - id: K1\n", nil, ""},
		{"not-yaml", "a file that is not YAML is the contract reader's to report", "kpis: [\n", nil, ""},
		{"missing", "each option not set, named by its path under the KPI, at the contract's line and column",
			"kpis:\n  - id: K1\n    measure:\n      count: {orgs: [LCC], kinds: [incident]}\n", nil,
			"c.yaml:4:14: kpi \"K1\": kpis[0].measure.count.attribution: not set (want one of resolved-in-period, logged-in-period)\n" +
				"c.yaml:4:14: kpi \"K1\": kpis[0].measure.count.basis: not set (want one of initial, final, ever)\n" +
				"c.yaml:4:14: kpi \"K1\": kpis[0].measure.count.priorities: none (want the priorities counted, such as P1)\n" +
				"c.yaml:4:14: kpi \"K1\": kpis[0].measure.count.zone: empty (want an IANA zone such as Europe/London)\n"},
		{"unknown", "an unknown measure", "kpis:\n  - id: K1\n    measure: {tally: {}}\n", nil,
			"c.yaml:3:14: kpi \"K1\": kpis[0].measure: no measure (want one of ticket-resolution, availability, abandonment, nps, satisfaction, per-user, resolved, count, backlog, patch-compliance)\n" +
				"c.yaml:3:15: kpi \"K1\": kpis[0].measure.tally: unknown field (want one of ticket-resolution, availability, abandonment, nps, satisfaction, per-user, resolved, count, backlog, patch-compliance)\n"},
		{"contract-index", "a problem names the KPI by its index among the contract's KPIs, not among those with recipes",
			"kpis:\n  - id: K1\n  - id: K2\n    measure:\n      count: {orgs: [LCC], kinds: [incident], priorities: [P1], basis: initial, attribution: logged-in-period}\n" +
				"  - id: K2\n    measure: " + count + "\n", nil,
			"c.yaml:5:14: kpi \"K2\": kpis[1].measure.count.zone: empty (want an IANA zone such as Europe/London)\n" +
				"c.yaml:6:9: kpi \"K2\": kpis[2].kpi: given twice (first kpis[1])\n"},
		{"measurement-not-a-mapping", "the measurement section must be a mapping", "measurement: 5\nkpis:\n  - id: K1\n    measure: " + count + "\n", nil,
			"c.yaml:1:14: measurement: want a mapping of record-zone and calendars\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := planfile.ReadContract("c.yaml", []byte(tt.src))
			if tt.want != "" {
				require.Nil(t, p)
				require.Equal(t, tt.want, problems(t, err), tt.why)
				return
			}
			require.NoError(t, err, tt.why)
			var got []string
			if p != nil {
				for _, k := range p.KPIs {
					got = append(got, k.KPI)
				}
			}
			require.Equal(t, tt.kpis, got, tt.why)
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
			for _, e := range record.Errors(err) {
				var me *record.Error
				if !errors.As(e, &me) || me.File != "f.yaml" {
					t.Fatalf("problem %q is not a *record.Error naming f.yaml", e)
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

// TestReadPlanNotYAML checks that YAML the library cannot parse is placed
// at its line and column, characters YAML does not allow and bytes that
// are not UTF-8 included (the library gives those no place).
func TestReadPlanNotYAML(t *testing.T) {
	for _, tt := range []struct {
		name, why, data, want string
	}{
		{"syntax", "an unclosed flow sequence", "kpis: [\n", "p.yaml:2:1: not valid YAML: did not find expected node content\n"},
		{"tab", "a tab indenting a mapping", "record-zone: Europe/London\n\tkpis: []\n", "p.yaml:2:1: not valid YAML: found a tab character that violates indentation\n"},
		{"nul", "a NUL byte in a KPI's id", "kpis:\n  - kpi: A\x00B\n", "p.yaml:2:11: not valid YAML: control character U+0000 is not allowed\n"},
		{"nul-alone", "a file of one NUL byte", "\x00", "p.yaml:1:1: not valid YAML: control character U+0000 is not allowed\n"},
		{"escape", "a terminal escape", "kpis:\n  - kpi: \x1b[31mA\n", "p.yaml:2:10: not valid YAML: control character U+001B is not allowed\n"},
		{"latin-1", "a Latin-1 byte, not UTF-8, after a multi-byte character and a CRLF line end", "# café\r\nkpis:\n  - kpi: Caf\xe9\n",
			"p.yaml:3:13: not valid YAML: byte 0xE9 is not UTF-8\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := planfile.ReadPlan("p.yaml", []byte(tt.data))
			require.Nil(t, p)
			require.Equal(t, tt.want, problems(t, err), tt.why)
		})
	}
}

// TestUnknownWordSentinel checks that a plan's unknown word is a
// kpi.ErrUnknownWord, the one sentinel of every package's words, as well
// as a record.ErrInvalidOptions.
func TestUnknownWordSentinel(t *testing.T) {
	_, err := planfile.ReadPlan("p.yaml", []byte("kpis:\n  - kpi: K1\n    measure:\n      count: {kinds: [incident], attribution: logged-in-period, basis: first, precision: {places: 0, rounding: half-up}}\n"))
	require.ErrorIs(t, err, kpi.ErrUnknownWord)
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.Contains(t, problems(t, err), `kpis[0].measure.count.basis "first": unknown (want initial, final, ever)`)
}
