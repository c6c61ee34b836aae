package seal_test

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/seal"
	"github.com/stretchr/testify/require"
)

// closeMonths seals each of months of f in memory, as a seals directory
// would hold them.
func closeMonths(t testing.TB, f files, months ...string) []seal.Entry {
	t.Helper()
	var out []seal.Entry
	for _, m := range months {
		s, err := seal.Close(f.c, f.input(), month(m), f.inputs)
		require.NoError(t, err)
		out = append(out, seal.Entry{Month: s.Month, Seal: s})
	}
	return out
}

// TestRestateLincolnshire is the Lincolnshire example's cycle: June to
// October 2021 closed with the mitigations agreed by then; then
// September's IMT_KPI_06 corrected from 86.2 to 84.6 (amber), and ILL-3,
// agreed on 2021-11-16, relieving IMT_KPI_14 in September and October.
// Worked by hand: KPI06 amber costs 0.5 x 8 points x 0.12% x 850000.00 =
// 4080.00; KPI14's September amber (2040.00) and October red (4080.00)
// are relieved; September's adjustment is 4080.00 - 2040.00 = 2040.00,
// October's -4080.00, and the total -2040.00, in November.
func TestRestateLincolnshire(t *testing.T) {
	atClose := read(t, filepath.Join(lincs, "contract.yaml"), filepath.Join(lincs, "measurements.csv"), filepath.Join(lincs, "monthly", "mitigations-at-close.yaml"))
	entries := closeMonths(t, atClose, "2021-06", "2021-07", "2021-08", "2021-09", "2021-10")
	today := read(t, filepath.Join(lincs, "contract.yaml"), filepath.Join(lincs, "monthly", "measurements-corrected.csv"), filepath.Join(lincs, "mitigations.yaml"))
	r, err := seal.Restate(today.c, today.input(), today.inputs, entries, kpi.Month{})
	require.NoError(t, err)
	require.Equal(t, month("2021-11"), r.AdjustIn)

	rv := func(m, k string, w seal.What, before, after, adj string) seal.Revision {
		return seal.Revision{Month: month(m), KPI: k, Org: "LCC", What: w, Before: before, After: after, Adjustment: dec(adj)}
	}
	want := []seal.Revision{
		rv("2021-09", "IMT_KPI_06", seal.Value, "86.2", "84.6", "0"),
		rv("2021-09", "IMT_KPI_06", seal.Status, "green", "amber", "0"),
		rv("2021-09", "IMT_KPI_06", seal.Points, "0", "4.0", "0"),
		rv("2021-09", "IMT_KPI_06", seal.Credit, "0.00", "4080.00", "4080.00"),
		rv("2021-09", "IMT_KPI_06", seal.Rule, "green: no credit", "amber: 0.5 of 8 points = 4.0 points x 0.12% of charges 850000.00 = 4080.00", "0"),
		rv("2021-09", "IMT_KPI_14", seal.Mitigation, "none", "ILL-3 (relief)", "0"),
		rv("2021-09", "IMT_KPI_14", seal.Points, "2.0", "0", "0"),
		rv("2021-09", "IMT_KPI_14", seal.Credit, "2040.00", "0.00", "-2040.00"),
		rv("2021-09", "IMT_KPI_14", seal.Rule, "amber: 0.5 of 4 points = 2.0 points x 0.12% of charges 850000.00 = 2040.00",
			"amber relieved by mitigation ILL-3: no credit (would have been 0.5 of 4 points = 2.0 points x 0.12% of charges 850000.00 = 2040.00)", "0"),
		rv("2021-10", "IMT_KPI_14", seal.Mitigation, "none", "ILL-3 (relief)", "0"),
		rv("2021-10", "IMT_KPI_14", seal.Points, "4", "0", "0"),
		rv("2021-10", "IMT_KPI_14", seal.Credit, "4080.00", "0.00", "-4080.00"),
		rv("2021-10", "IMT_KPI_14", seal.Rule, "red: 1 of 4 points = 4 points x 0.12% of charges 850000.00 = 4080.00",
			"red relieved by mitigation ILL-3: no credit (would have been 1 of 4 points = 4 points x 0.12% of charges 850000.00 = 4080.00)", "0"),
	}
	if d := cmp.Diff(want, r.Revisions, cmpopts.EquateComparable(kpi.Month{})); d != "" {
		t.Fatalf("revisions (-want +got):\n%s", d)
	}
	var states []string
	for _, m := range r.Months {
		states = append(states, m.Month.String()+" "+m.State.String()+" "+m.Sealed.StringFixed(2)+" "+m.Now.StringFixed(2)+" "+m.Adjustment.StringFixed(2))
	}
	require.Equal(t, []string{
		"2021-06 unchanged 0.00 0.00 0.00",
		"2021-07 unchanged 0.00 0.00 0.00",
		"2021-08 unchanged 0.00 0.00 0.00",
		"2021-09 revised 2040.00 4080.00 2040.00",
		"2021-10 revised 4080.00 0.00 -4080.00",
	}, states)
	require.Equal(t, []string{"measurements", "mitigations"}, r.Months[0].Inputs, "June's figures are unchanged though its inputs are not")
	require.Equal(t, "-2040.00", r.Total.StringFixed(2))
	require.Len(t, r.Adjustments, 3)
	require.Equal(t, "restates 2021-09: kpi IMT_KPI_06 (LCC) credit 0.00 -> 4080.00: adjustment 4080.00, outside the caps", r.Adjustments[0].Rule)
	for _, a := range r.Adjustments {
		require.Equal(t, month("2021-11"), a.Month)
	}
}

// measured returns one measurement of KPI A for organisation X a month.
func measured(values ...string) []kpi.Measurement {
	var out []kpi.Measurement
	for i, v := range values {
		out = append(out, kpi.Measurement{KPI: "A", Org: "X", Month: month("2021-04").AddMonths(i), Value: dec(v)})
	}
	return out
}

func sealAll(t *testing.T, c *contract.Contract, ms []kpi.Measurement, months ...string) []seal.Entry {
	t.Helper()
	return closeMonths(t, files{c: c, ms: ms}, months...)
}

// restate seals months of c with the measurements sealed, as sealAll
// does, and restates them with today's, failing t on an error.
func restate(t *testing.T, c *contract.Contract, sealed, today []kpi.Measurement, months ...string) *seal.Restatement {
	t.Helper()
	r, err := seal.Restate(c, contract.Input{Measurements: today}, seal.Inputs{}, sealAll(t, c, sealed, months...), kpi.Month{})
	require.NoError(t, err)
	return r
}

// TestRestateCapCut, worked by hand: A's 4 points at 0.5% of 100000.00
// cost 1000.00 amber and 2000.00 red; the monthly cap is 1% of
// 100000.00 = 1000.00. Sealed amber, May's 1000.00 used the cap exactly;
// corrected to red, its credit line is 2000.00 and the cap cuts 1000.00:
// the credit revision adjusts +1000.00, the cap's own revision -1000.00,
// adding up to the month's unchanged credit.
func TestRestateCapCut(t *testing.T) {
	c := small()
	r := restate(t, c, measured("99", "98.5"), measured("99", "97.0"), "2021-05")
	require.Equal(t, []string{
		"2021-05 value A 98.5 -> 97.0 0.00",
		"2021-05 status A amber -> red 0.00",
		"2021-05 points A 2.0 -> 4 0.00",
		"2021-05 credit A 1000.00 -> 2000.00 1000.00",
		"2021-05 rule A amber: 0.5 of 4 points = 2.0 points x 0.5% of charges 100000.00 = 1000.00 -> red: 1 of 4 points = 4 points x 0.5% of charges 100000.00 = 2000.00 0.00",
		"2021-05 cap month none -> -1000.00 -1000.00",
	}, revisionLines(r, false))
	require.Equal(t, "0.00", r.Total.StringFixed(2))
	require.Equal(t, seal.Revised, r.Months[0].State)
}

// TestRestateAnnualCapMovesToALaterMonth, worked by hand: an annual cap
// of 0.25% of the year's 1200000.00 is 3000.00. Sealed, April to June
// were amber (1000.00 each), using the cap up exactly in June. April
// corrected to red costs 2000.00, so the cap is used up in May and cuts
// June's 1000.00 to nothing: April's credit revision adjusts +1000.00,
// June's year-cap revision -1000.00, and the three months together owe
// what they did.
func TestRestateAnnualCapMovesToALaterMonth(t *testing.T) {
	c := small()
	yearCap := dec("0.25")
	c.Credits.Caps = credits.Caps{Year: &yearCap}
	r := restate(t, c, measured("98.5", "98.5", "98.5"), measured("97", "98.5", "98.5"), "2021-04", "2021-05", "2021-06")
	require.Equal(t, []string{
		"2021-04 credit A 1000.00 -> 2000.00 1000.00",
		"2021-06 cap year none -> -1000.00 -1000.00",
	}, revisionLines(r, true))
	require.Equal(t, seal.Unchanged, r.Months[1].State, "May's credit and lines are as sealed")
	require.Equal(t, "0.00", r.Total.StringFixed(2))
	require.Equal(t, month("2021-07"), r.AdjustIn)
}

// TestRestateKPIAddedAndRemoved: a contract change that brings a KPI into
// force, or takes one out, is an added or removed KPI-month carrying its
// whole credit; the contract's canonical form changes too.
func TestRestateKPIAddedAndRemoved(t *testing.T) {
	c := small()
	c.Credits.Caps = credits.Caps{}
	b := c.KPIs[0]
	b.ID = "B"
	c2 := small()
	c2.Credits.Caps = credits.Caps{}
	c2.KPIs = append(c2.KPIs, b)
	p := c2.Credits.Regime.(credits.Points)
	p.Weights = append(p.Weights, credits.Weight{KPI: "B", From: month("2021-04"), Points: dec("2")})
	c2.Credits.Regime = p
	ms := measured("98.5")
	withB := append(measured("98.5"), kpi.Measurement{KPI: "B", Org: "X", Month: month("2021-04"), Value: dec("97")})
	entries := sealAll(t, c, ms, "2021-04")
	r, err := seal.Restate(c2, contract.Input{Measurements: withB}, seal.Inputs{}, entries, kpi.Month{})
	require.NoError(t, err)
	require.Len(t, r.Revisions, 2)
	require.Equal(t, seal.Contract, r.Revisions[0].What)
	added := r.Revisions[1]
	require.Equal(t, []string{"added", "B", "none", "97 red, credit 1000.00", "1000.00"},
		[]string{added.What.String(), added.KPI, added.Before, added.After, added.Adjustment.StringFixed(2)})

	entries = sealAll(t, c2, withB, "2021-04")
	r, err = seal.Restate(c, contract.Input{Measurements: ms}, seal.Inputs{}, entries, kpi.Month{})
	require.NoError(t, err)
	removed := r.Revisions[1]
	require.Equal(t, []string{"removed", "B", "97 red, credit 1000.00", "none", "-1000.00"},
		[]string{removed.What.String(), removed.KPI, removed.Before, removed.After, removed.Adjustment.StringFixed(2)})
	require.Equal(t, "-1000.00", r.Total.StringFixed(2))
}

// TestRestateAdjustIn: the adjustments go in the month after the last
// sealed month unless another is named; never in a sealed month, nor
// before the last one, nor outside the term.
func TestRestateAdjustIn(t *testing.T) {
	c := small()
	ms := measured("99", "98.5", "98", "99")
	entries := sealAll(t, c, ms, "2021-04", "2021-06")
	in := contract.Input{Measurements: ms}
	for _, tc := range []struct{ name, in, want, err string }{
		{name: "default: after the last seal", want: "2021-07"},
		{name: "a later month", in: "2021-09", want: "2021-09"},
		{name: "a sealed month", in: "2021-06", err: "2021-06: not after the last sealed month, 2021-06 (adjustments go in a month not yet closed, after every sealed month): adjustments cannot go in that month"},
		{name: "a gap between seals", in: "2021-05", err: "2021-05: not after the last sealed month, 2021-06 (adjustments go in a month not yet closed, after every sealed month): adjustments cannot go in that month"},
		{name: "the month after the term", in: "2023-04", want: "2023-04"},
		{name: "after the term", in: "2023-05", err: "2023-05: not within the contract's term 2021-04..2023-03 or the month after it: adjustments cannot go in that month"},
		{name: "before commencement", in: "2021-03", err: "2021-03: not after the last sealed month, 2021-06 (adjustments go in a month not yet closed, after every sealed month): adjustments cannot go in that month"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var adj kpi.Month
			if tc.in != "" {
				adj = month(tc.in)
			}
			r, err := seal.Restate(c, in, seal.Inputs{}, entries, adj)
			if tc.err != "" {
				require.EqualError(t, err, tc.err)
				require.ErrorIs(t, err, seal.ErrAdjustIn)
				return
			}
			require.NoError(t, err)
			require.Equal(t, month(tc.want), r.AdjustIn)
			require.Empty(t, r.Revisions)
		})
	}
	// The last month of the term sealed: its restatement is settled in the
	// month after the term.
	short := small()
	short.Term = 2
	r := restate(t, short, measured("99", "98.5"), measured("99", "97"), "2021-05")
	require.Equal(t, month("2021-06"), r.AdjustIn)
	require.Len(t, r.Adjustments, 2, "the credit line and the monthly cap's cut")
}

// TestRestateUntrusted: a seal that failed its checks is listed, never
// compared, and its month counts for where the adjustments go.
func TestRestateUntrusted(t *testing.T) {
	c := small()
	ms := measured("99", "98.5")
	entries := sealAll(t, c, ms, "2021-04")
	entries = append(entries, seal.Entry{Month: month("2021-05"), File: "seal-2021-05.json", Err: &seal.Error{Err: seal.ErrEdited}})
	r, err := seal.Restate(c, contract.Input{Measurements: ms}, seal.Inputs{}, entries, kpi.Month{})
	require.NoError(t, err)
	require.Equal(t, month("2021-06"), r.AdjustIn)
	require.Len(t, r.Untrusted(), 1)
	require.Equal(t, seal.Untrusted, r.Months[1].State)
	require.Empty(t, r.Revisions)
}

// TestRestateEvents: an event raised or no longer raised is a revision of
// its own, with no adjustment.
func TestRestateEvents(t *testing.T) {
	c := small()
	c.Credits.Triggers = []credits.Trigger{{Name: "termination", Kind: credits.FailuresInWindow, Months: 3, Failures: 2}}
	r := restate(t, c, measured("98.5", "99", "98.5"), measured("99", "99", "98.5"), "2021-06")
	var events []seal.Revision
	for _, rv := range r.Revisions {
		if rv.What == seal.Event {
			events = append(events, rv)
		}
	}
	require.Len(t, events, 1, "April's correction removes June's event")
	require.Equal(t, "termination (failures-in-window): kpi A: org X failed 2 of its last 3 measurement periods: 2021-04, 2021-06", events[0].Before)
	require.Equal(t, "none", events[0].After)
}
