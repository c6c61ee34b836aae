package measure_test

import (
	"fmt"
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/stretchr/testify/require"
)

func outage(t testing.TB, id, service, start, end string, planned bool) record.Outage {
	return record.Outage{ID: id, Service: service, Start: at(t, start), End: at(t, end), Planned: planned}
}

func availRule(planned measure.Planned, services ...measure.Service) measure.AvailabilityRule {
	return measure.AvailabilityRule{
		KPI: "AV01", Services: services, Planned: planned, Minutes: measure.RealMinutes, Weighting: measure.Unweighted, Combine: measure.NoCombined,
		Precision: kpi.Precision{Places: 4, Rounding: kpi.HalfUp},
	}
}

func TestAvailabilityWorkedExamples(t *testing.T) {
	june := []record.Outage{
		outage(t, "u1", "S", "2021-06-10T02:00:00+01:00", "2021-06-10T04:30:00+01:00", false),
		outage(t, "u2", "S", "2021-06-30T23:10:00+01:00", "2021-07-01T00:40:00+01:00", false),
		outage(t, "p1", "S", "2021-06-20T22:00:00+01:00", "2021-06-21T00:00:00+01:00", true),
	}
	s24 := measure.Service{Name: "S", Calendar: "C24"}
	for _, tt := range []struct {
		name    string
		why     string
		rule    measure.AvailabilityRule
		month   string
		outages []record.Outage
		value   string // at the rule's places
		counts  string // numerator/denominator in minutes
	}{
		{"planned-excluded-from-both", "42,880 / 43,080", availRule(measure.PlannedExcluded, s24), "2021-06", june, "99.5357", "42880/43080"},
		{"planned-counted-as-down", "42,880 / 43,200", availRule(measure.PlannedDown, s24), "2021-06", june, "99.2593", "42880/43200"},
		{"planned-ignored-in-base", "43,000 / 43,200: the outage into July is split at the local month end", availRule(measure.PlannedIgnored, s24), "2021-06", june, "99.5370", "43000/43200"},
		{
			name: "unplanned-inside-planned-is-planned",
			why:  "unplanned 21:30-22:30 overlapping planned 22:00-24:00: 30 unplanned, 120 planned: 43,200 - 150",
			rule: availRule(measure.PlannedDown, s24), month: "2021-06",
			outages: []record.Outage{
				outage(t, "u", "S", "2021-06-05T21:30:00+01:00", "2021-06-05T22:30:00+01:00", false),
				outage(t, "p", "S", "2021-06-05T22:00:00+01:00", "2021-06-06T00:00:00+01:00", true),
			},
			value: "99.6528", counts: "43050/43200",
		},
		{
			name: "overlapping-outages-once",
			why:  "two unplanned outages 10:00-12:00 and 11:00-13:00 are 180 minutes down",
			rule: availRule(measure.PlannedDown, s24), month: "2021-06",
			outages: []record.Outage{
				outage(t, "a", "S", "2021-06-05T10:00:00+01:00", "2021-06-05T12:00:00+01:00", false),
				outage(t, "b", "S", "2021-06-05T11:00:00+01:00", "2021-06-05T13:00:00+01:00", false),
			},
			value: "99.5833", counts: "43020/43200",
		},
		{"london-march-real-minutes", "a 24x7 London March has 44,580 minutes", availRule(measure.PlannedDown, s24), "2023-03", nil, "100.0000", "44580/44580"},
		{
			name: "london-march-days-times-1440",
			why:  "when the contract says days x 1,440: 44,640",
			rule: func() measure.AvailabilityRule {
				r := availRule(measure.PlannedDown, s24)
				r.Minutes = measure.DaysTimes1440
				return r
			}(), month: "2023-03", value: "100.0000", counts: "44640/44640",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := measure.Availability(tt.rule, kpi.MustParseMonth(tt.month), tt.outages, lbh(t), c24(t))
			require.NoError(t, err)
			m := fs[0].Measurement
			got := m.Value.StringFixed(4)
			counts := kpi.FormatValue(m.Numerator.Truncate(0)) + "/" + kpi.FormatValue(m.Denominator.Truncate(0))
			if got != tt.value || counts != tt.counts {
				t.Errorf("%s: %s (%s), want %s (%s)", tt.why, got, counts, tt.value, tt.counts)
				for _, l := range fs[0].Evidence {
					t.Log(l.Why)
				}
			}
		})
	}
}

// Norfolk, August 2017: nine services on LBH hours (22 working days of 10
// hours: 13,200 minutes each, 118,800 in all), 236 minutes unavailable.
func TestAvailabilityNorfolkPooled(t *testing.T) {
	var services []measure.Service
	for i := range 9 {
		services = append(services, measure.Service{Name: fmt.Sprintf("S%d", i+1), Calendar: "LBH"})
	}
	r := availRule(measure.PlannedExcluded, services...)
	r.Combine = measure.Pooled
	r.Precision.Places = 5
	outages := []record.Outage{
		outage(t, "o1", "S1", "2017-08-01T09:00:00+01:00", "2017-08-01T11:00:00+01:00", false), // 120
		outage(t, "o2", "S4", "2017-08-25T17:00:00+01:00", "2017-08-29T08:56:00+01:00", false), // 60 + bank holiday + 0, 56 from 08:00: 116
	}
	fs, err := measure.Availability(r, kpi.MustParseMonth("2017-08"), outages, lbh(t))
	require.NoError(t, err)
	pooled := fs[len(fs)-1].Measurement
	require.Equal(t, "99.80135", pooled.Value.StringFixed(5))
	require.Equal(t, "118564.0000/118800.0000", pooled.Numerator.StringFixed(4)+"/"+pooled.Denominator.StringFixed(4))
	require.Equal(t, "99.09091", fs[0].Measurement.Value.StringFixed(5), "S1: 13,080 of 13,200")
}

func TestAvailabilityMoreDowntimeNeverRaises(t *testing.T) {
	// property: adding an outage never raises availability, in every planned mode.
	rapidAvailability(t)
}

func TestAvailabilityPerOrganisation(t *testing.T) {
	withOrgs := func(o record.Outage, orgs ...string) record.Outage { o.Orgs = orgs; return o }
	outages := []record.Outage{
		withOrgs(outage(t, "u1", "S", "2021-06-10T02:00:00+01:00", "2021-06-10T04:00:00+01:00", false), "A"),      // 120
		withOrgs(outage(t, "u2", "S", "2021-06-11T02:00:00+01:00", "2021-06-11T03:00:00+01:00", false), "A", "B"), // 60
		outage(t, "u3", "S", "2021-06-12T02:00:00+01:00", "2021-06-12T02:30:00+01:00", false),                     // 30, naming none
	}
	rule := func(u measure.Unnamed) measure.AvailabilityRule {
		r := availRule(measure.PlannedDown, measure.Service{Name: "S", Calendar: "C24"}, measure.Service{Name: "T", Calendar: "C24"})
		r.Combine, r.Orgs, r.Unnamed = measure.Pooled, []string{"A", "B"}, u
		return r
	}
	for _, tt := range []struct {
		name    string
		why     string
		rule    measure.AvailabilityRule
		outages []record.Outage
		want    []string // org/service: value
		err     string
	}{
		{
			name: "unnamed-affect-all", rule: rule(measure.UnnamedAffectAll), outages: outages,
			why:  "S: 210 of 43,200 down; T: none; pooled 210 of 86,400; A 210, B 90 of 86,400",
			want: []string{"/S: 99.5139", "/T: 100.0000", "/: 99.7569", "A/: 99.7569", "B/: 99.8958"},
		},
		{
			name: "unnamed-invalid", rule: rule(measure.UnnamedInvalid), outages: outages,
			why: "u3 names no organisation",
			err: `outage "u3": organisations: empty (unnamed is invalid: name the organisations affected)`,
		},
		{
			name: "unknown-organisation", rule: rule(measure.UnnamedAffectAll), outages: append(outages[:2:2], withOrgs(outages[2], "C")),
			why: "C is not measured",
			err: `outage "u3": organisation "C": not an organisation of the rule (want A, B)`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := measure.Availability(tt.rule, kpi.MustParseMonth("2021-06"), tt.outages, c24(t))
			if tt.err != "" {
				require.ErrorIs(t, err, record.ErrInvalidRecord)
				require.EqualError(t, err, tt.err, tt.why)
				return
			}
			require.NoError(t, err)
			var got []string
			for _, f := range fs {
				got = append(got, f.Measurement.Org+"/"+f.Service+": "+f.Measurement.Value.StringFixed(4))
			}
			require.Equal(t, tt.want, got, tt.why)
		})
	}
	err := measure.AvailabilityRule{Orgs: []string{"A"}}.Validate()
	require.ErrorContains(t, err, "unnamed: not set (orgs are given: want one of all-organisations, invalid)")
}

// TestAvailabilityOneExport checks that a rule takes its own services'
// outages from an export covering many services: the other services'
// rows are not selected, whatever they hold (issue 16, item 10). S, on
// C24, is down 150 minutes of June's 43,200.
func TestAvailabilityOneExport(t *testing.T) {
	export := []record.Outage{
		outage(t, "s1", "S", "2021-06-10T02:00:00+01:00", "2021-06-10T04:30:00+01:00", false),
		outage(t, "t1", "T", "2021-06-11T02:00:00+01:00", "2021-06-11T12:00:00+01:00", false),
		func() record.Outage { // another service's row naming an organisation no rule measures
			o := outage(t, "t2", "T", "2021-06-12T02:00:00+01:00", "2021-06-12T03:00:00+01:00", false)
			o.Orgs = []string{"RBK"}
			return o
		}(),
	}
	r := availRule(measure.PlannedDown, measure.Service{Name: "S", Calendar: "C24"})
	r.Orgs, r.Unnamed = []string{"LBH"}, measure.UnnamedAffectAll
	fs, err := measure.Availability(r, kpi.MustParseMonth("2021-06"), export, c24(t))
	require.NoError(t, err)
	require.Len(t, fs, 2, "S's figure, then LBH's")
	for _, f := range fs {
		require.Equal(t, "99.6528", f.Measurement.Value.StringFixed(4), "43,050 of 43,200")
		require.Len(t, f.Evidence, 2, "s1 and S's summary: T's rows are not S's")
	}
}

// TestAvailabilityCombine checks the two ways of combining services into
// one figure (issue 16, item 11). S, on C24, is down 0 of June 2021's
// 43,200 minutes: 100%. T, on LBH (22 working days of 10 hours: 13,200
// minutes), is down 132: 99%. Pooled: 56,268 of 56,400 minutes =
// 99.76596%; mean of services: (100 + 99) / 2 = 99.5%.
func TestAvailabilityCombine(t *testing.T) {
	outages := []record.Outage{
		outage(t, "t1", "T", "2021-06-14T09:00:00+01:00", "2021-06-14T11:12:00+01:00", false),
	}
	services := []measure.Service{{Name: "S", Calendar: "C24"}, {Name: "T", Calendar: "LBH"}}
	for _, tt := range []struct {
		name    string
		combine measure.Pooling
		want    []string // each figure: org/service value (counts) note
	}{
		{"pooled", measure.Pooled, []string{
			"/S 100.0000 (43200/43200)", "/T 99.0000 (13068/13200)", "/ 99.7660 (56268/56400) 56268.0000 of 56400.0000 agreed minutes available",
			"A 99.7660 (56268/56400) 56268.0000 of 56400.0000 agreed minutes available"}},
		{"mean-of-percentages", measure.MeanOfPercentages, []string{
			"/S 100.0000 (43200/43200)", "/T 99.0000 (13068/13200)", "/ 99.5000 mean of 2 services' availability",
			"A 99.5000 mean of 2 services' availability"}},
		{"none", measure.NoCombined, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := availRule(measure.PlannedDown, services...)
			r.Combine, r.Orgs, r.Unnamed = tt.combine, []string{"A"}, measure.UnnamedAffectAll
			fs, err := measure.Availability(r, kpi.MustParseMonth("2021-06"), outages, lbh(t), c24(t))
			if tt.want == nil {
				require.EqualError(t, err, "combine: none with orgs and 2 services: how does an organisation's figure combine the services? (want pooled or mean-of-percentages)")
				return
			}
			require.NoError(t, err)
			var got []string
			for _, f := range fs {
				m := f.Measurement
				s := m.Org + "/" + f.Service + " " + m.Value.StringFixed(4)
				if f.Service == "" {
					s = m.Org + "/ " + m.Value.StringFixed(4)
					if m.Org != "" {
						s = m.Org + " " + m.Value.StringFixed(4)
					}
				}
				if m.HasCounts {
					s += " (" + kpi.FormatValue(m.Numerator.Truncate(0)) + "/" + kpi.FormatValue(m.Denominator.Truncate(0)) + ")"
				}
				if f.Service == "" {
					s += " " + m.Note
				}
				got = append(got, s)
			}
			require.Equal(t, tt.want, got)
		})
	}
}

// TestAvailabilityUserMinutes works the user-minutes weighting by hand
// and checks its bad inputs (issue 16, item 12). S, on C24, has 200
// users: June 2021's 43,200 minutes are 8,640,000 user-minutes. u1
// (10:00-12:00, 50 users) and u2 (11:00-13:00, 80 users) overlap: each
// minute counts the heavier, 60 x 50 + 60 x 80 + 60 x 80 = 12,600; u0
// affects 0 users, said so: nothing; the planned p1 (2 hours, no
// users-affected) affects every user: 120 x 200 = 24,000, counted as
// down. 8,640,000 - 36,600 = 8,603,400: 99.5764%.
func TestAvailabilityUserMinutes(t *testing.T) {
	users := func(o record.Outage, n int) record.Outage { o.Users, o.HasUsers = n, true; return o }
	good := []record.Outage{
		users(outage(t, "u1", "S", "2021-06-10T10:00:00+01:00", "2021-06-10T12:00:00+01:00", false), 50),
		users(outage(t, "u2", "S", "2021-06-10T11:00:00+01:00", "2021-06-10T13:00:00+01:00", false), 80),
		users(outage(t, "u0", "S", "2021-06-11T10:00:00+01:00", "2021-06-11T12:00:00+01:00", false), 0),
		outage(t, "p1", "S", "2021-06-20T02:00:00+01:00", "2021-06-20T04:00:00+01:00", true),
		outage(t, "x", "T", "2021-06-20T02:00:00+01:00", "2021-06-20T04:00:00+01:00", false), // another service's: no users needed
	}
	r := availRule(measure.PlannedDown, measure.Service{Name: "S", Calendar: "C24", Users: 200})
	r.Weighting = measure.UserMinutes
	fs, err := measure.Availability(r, kpi.MustParseMonth("2021-06"), good, c24(t))
	require.NoError(t, err)
	m := fs[0].Measurement
	require.Equal(t, "99.5764", m.Value.StringFixed(4))
	require.Equal(t, "8603400.0000/8640000.0000", m.Numerator.StringFixed(4)+"/"+m.Denominator.StringFixed(4))

	bad := []record.Outage{
		outage(t, "u3", "S", "2021-06-12T10:00:00+01:00", "2021-06-12T11:00:00+01:00", false),
		users(outage(t, "u4", "S", "2021-06-13T10:00:00+01:00", "2021-06-13T11:00:00+01:00", false), 250),
	}
	_, err = measure.Availability(r, kpi.MustParseMonth("2021-06"), bad, c24(t))
	require.ErrorIs(t, err, record.ErrInvalidRecord)
	require.EqualError(t, err, `outage "u3": users-affected: empty (weighting is user-minutes: want the users the outage affected, 0 to 200)
outage "u4": users-affected: 250 above the 200 users of service "S"`)
}

// TestAvailabilityDaysTimes1440DaylightSaving checks minutes
// days-times-1440 on the days the clocks change: every day has 1,440
// minutes, and an outage's minutes are read on the local wall clock.
// October 2023 has 31 days, 44,640 minutes, though 29 October lasted 25
// hours: an outage all month is 44,640 minutes down, 0%, not the 44,700
// real minutes that made availability negative. On 29 October 00:30 to
// 03:30 local is 180 minutes (the repeated hour once); on 26 March 00:30
// to 03:30 is 180 minutes too (the skipped hour counted, as the day has
// 1,440).
func TestAvailabilityDaysTimes1440DaylightSaving(t *testing.T) {
	r := availRule(measure.PlannedDown, measure.Service{Name: "S", Calendar: "C24"})
	r.Minutes = measure.DaysTimes1440
	for _, tt := range []struct {
		name, month, start, end, counts string
	}{
		{"whole-october", "2023-10", "2023-10-01T00:00:00+01:00", "2023-11-01T00:00:00Z", "0/44640"},
		{"autumn-night", "2023-10", "2023-10-29T00:30:00+01:00", "2023-10-29T03:30:00Z", "44460/44640"},
		{"in-the-repeated-hour", "2023-10", "2023-10-29T01:50:00+01:00", "2023-10-29T01:10:00Z", "44630/44640"},
		{"spring-night", "2023-03", "2023-03-26T00:30:00Z", "2023-03-26T03:30:00+01:00", "44460/44640"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := measure.Availability(r, kpi.MustParseMonth(tt.month), []record.Outage{outage(t, "u", "S", tt.start, tt.end, false)}, c24(t))
			require.NoError(t, err)
			m := fs[0].Measurement
			require.Equal(t, tt.counts, kpi.FormatValue(m.Numerator.Truncate(0))+"/"+kpi.FormatValue(m.Denominator.Truncate(0)))
		})
	}
}
