package measure_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/stretchr/testify/require"
)

func patchRule() measure.PatchRule {
	return measure.PatchRule{KPI: "PATCH", Within: 14, Deadline: measure.EndOfDayN, Classes: []string{"laptop", "desktop"},
		Attribution: measure.DeadlineInPeriod, Zone: "Europe/London", Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}}
}

func TestPatchCompliance(t *testing.T) {
	patches, err := recordfile.ReadPatches("patches-good.csv", open(t, "patches-good.csv"), london)
	require.NoError(t, err)
	late := at(t, "2021-11-05T00:00:00Z")
	for _, tt := range []struct {
		name   string
		why    string
		change func(*measure.PatchRule)
		month  string
		asOf   time.Time
		want   string // value met/counted
		lines  []string
	}{
		{"end-of-day", "by 24:00 on the 14th day after the release's date: installed at 00:00 on the 15th is exactly on time", nil, "2021-09", late, "75.0 3/4", []string{
			"LT001 KB5005565: on time", "LT002 KB5005565: on time", "LT003 KB5005565: on time", "LT004 KB5005565: late", "LT005 KB5005565: not counted, exempt"}},
		{"elapsed-days", "14 x 24 h from 18:00 on the 14th: the 28th at 18:00; installations that evening are late",
			func(r *measure.PatchRule) { r.Deadline = measure.ElapsedDays }, "2021-09", late, "25.0 1/4", []string{
				"LT001 KB5005565: on time", "LT002 KB5005565: late", "LT003 KB5005565: late", "LT004 KB5005565: late", "LT005 KB5005565: not counted, exempt"}},
		{"not-yet-due", "at an as-of instant before the deadline, patches not installed are listed, not counted", nil, "2021-09", at(t, "2021-09-20T12:00:00Z"), "100.0 1/1", []string{
			"LT001 KB5005565: on time", "LT002 KB5005565: not counted, not yet due", "LT003 KB5005565: not counted, not yet due", "LT004 KB5005565: not counted, not yet due", "LT005 KB5005565: not counted, exempt"}},
		{"scope", "servers in scope: SV001, never installed, is late", func(r *measure.PatchRule) { r.Classes = []string{"laptop", "server"} }, "2021-09", late, "60.0 3/5", []string{
			"LT001 KB5005565: on time", "LT002 KB5005565: on time", "LT003 KB5005565: on time", "LT004 KB5005565: late", "LT005 KB5005565: not counted, exempt", "SV001 KB5005565: late"}},
		{"october", "the desktop patch of October, installed the next morning", nil, "2021-10", late, "100.0 1/1", []string{"DT001 KB5006670: on time"}},
		{"released-in-period", "September's releases, whose deadlines fall in September anyway", func(r *measure.PatchRule) { r.Attribution = measure.ReleasedInPeriod }, "2021-09", late, "75.0 3/4", nil},
		{"none", "no patch due in August: not applicable, never 0% or 100%", nil, "2021-08", late, "N/A no qualifying records", []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := patchRule()
			if tt.change != nil {
				tt.change(&r)
			}
			f, err := measure.PatchCompliance(r, "LCC", kpi.MustParseMonth(tt.month), tt.asOf, patches)
			require.NoError(t, err)
			m := f.Measurement
			got := "N/A " + m.Note
			if m.Absent == 0 {
				got = m.Value.StringFixed(1) + " " + kpi.FormatValue(m.Numerator) + "/" + kpi.FormatValue(m.Denominator)
			}
			require.Equal(t, tt.want, got, tt.why)
			if tt.lines == nil {
				return
			}
			lines := []string{}
			for _, l := range f.Evidence {
				lines = append(lines, l.Record+": "+strings.SplitN(l.Why, ":", 2)[0])
			}
			if d := cmp.Diff(tt.lines, lines); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.why, d)
			}
		})
	}
}

func TestPatchRuleValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		rule measure.PatchRule
		want string
	}{
		{"zero", "every option not set is named", measure.PatchRule{},
			"attribution: not set (want one of deadline-in-period, released-in-period)\n" +
				"deadline: not set (want one of elapsed-days, end-of-day)\n" +
				"device-classes: none (want the device classes in scope, such as laptop)\n" +
				"kpi: empty\n" +
				"precision.rounding: not set (want one of half-up, half-even, up, down, ceiling, floor)\n" +
				"within-days: not positive (want the days allowed after the release, such as 14)\n" +
				"zone: empty (want an IANA zone such as Europe/London)\n"},
		{"empty-class", "an empty class in the scope", func() measure.PatchRule { r := patchRule(); r.Classes = []string{"laptop", ""}; return r }(),
			"device-classes[1]: empty\n"},
		{"ok", "the worked example's rule", patchRule(), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rule.Validate()
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, record.ErrInvalidOptions)
			require.Equal(t, tt.want, problems(t, err), tt.why)
		})
	}
}

func TestPatchComplianceBadRecords(t *testing.T) {
	bad := []record.Patch{{Device: "LT1", Org: "LCC", Class: "laptop", Patch: "KB1", Released: at(t, "2021-09-14T18:00:00Z"), Installed: at(t, "2021-09-13T18:00:00Z")}}
	_, err := measure.PatchCompliance(patchRule(), "LCC", kpi.MustParseMonth("2021-09"), at(t, "2021-11-01T00:00:00Z"), bad)
	require.ErrorIs(t, err, record.ErrInvalidRecord)
	require.Equal(t, "device \"LT1\" patch \"KB1\": installed: 2021-09-13T18:00:00Z before released 2021-09-14T18:00:00Z\n", problems(t, err))
}
