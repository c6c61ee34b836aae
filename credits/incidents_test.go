package credits_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// caused is o caused by the incidents refs.
func caused(o credits.Outcome, refs ...string) credits.Outcome {
	o.Incidents = refs
	return o
}

func TestIncidents(t *testing.T) {
	A, R := kpi.Amber, kpi.Red
	o := kpiOutcome
	p := func(outcomes ...credits.Outcome) credits.Period {
		return credits.Period{Month: month("2021-06"), Year: 1, Charges: dec("100000"), YearCharges: dec("1200000"), Outcomes: outcomes}
	}
	const (
		aRed   = "red: 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00"
		aAmber = "amber: 0.5 of 10 points = 5.0 points x 0.1% of charges 100000.00 = 500.00"
		bRed   = "red: 1 of 5 points = 5 points x 0.1% of charges 100000.00 = 500.00"
	)
	decided := credits.Decision{Incident: "INC1", Month: month("2021-06"), KPI: "B", DecidedBy: "Contract Manager", Note: "CCN 7"}
	for _, tc := range []struct {
		name      string
		why       string
		incidents credits.Incidents
		period    credits.Period
		lines     []line
		err       string
	}{
		{
			name: "all count", why: "the zero rule counts every credit",
			period: p(caused(o("A", R), "INC1"), caused(o("B", R), "INC1")),
			lines:  []line{{credits.CreditLine, "A", dec("1000"), aRed}, {credits.CreditLine, "B", dec("500"), bRed}},
		},
		{
			name: "highest only", why: "the KPI-month with the highest credit keeps it; the other names it",
			incidents: credits.Incidents{Rule: credits.HighestOnly},
			period:    p(caused(o("A", R), "INC1"), caused(o("B", R), "INC1")),
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed + "; keeps its credit for incident INC1 (highest credit only)"},
				{credits.CreditLine, "B", dec("0"), bRed + "; incident INC1 also caused the failure of kpi A, which keeps its credit 1000.00 (highest credit only): would have cost 500.00, no credit"},
			},
		},
		{
			name: "highest only, tie", why: "a tie goes to the first by KPI id",
			incidents: credits.Incidents{Rule: credits.HighestOnly},
			period:    p(caused(o("A", A), "INC1"), caused(o("B", R), "INC1")),
			lines: []line{
				{credits.CreditLine, "A", dec("500"), aAmber + "; keeps its credit for incident INC1 (highest credit only)"},
				{credits.CreditLine, "B", dec("0"), bRed + "; incident INC1 also caused the failure of kpi A, which keeps its credit 500.00 (highest credit only): would have cost 500.00, no credit"},
			},
		},
		{
			name: "different incidents", why: "KPI-months of different incidents all keep their credit",
			incidents: credits.Incidents{Rule: credits.HighestOnly},
			period:    p(caused(o("A", R), "INC1"), caused(o("B", R), "INC2")),
			lines:     []line{{credits.CreditLine, "A", dec("1000"), aRed}, {credits.CreditLine, "B", dec("500"), bRed}},
		},
		{
			name: "customer's choice", why: "the KPI the customer chose keeps its credit, even the lower",
			incidents: credits.Incidents{Rule: credits.CustomerChoice, Decisions: []credits.Decision{decided}},
			period:    p(caused(o("A", R), "INC1"), caused(o("B", R), "INC1")),
			lines: []line{
				{credits.CreditLine, "A", dec("0"), aRed + "; incident INC1 also caused the failure of kpi B, which keeps its credit 500.00 (customer's choice, decided by Contract Manager (CCN 7)): would have cost 1000.00, no credit"},
				{credits.CreditLine, "B", dec("500"), bRed + "; keeps its credit for incident INC1 (customer's choice, decided by Contract Manager (CCN 7))"},
			},
		},
		{
			name: "customer's choice missing", why: "an incident with no decision is an error naming it and the month",
			incidents: credits.Incidents{Rule: credits.CustomerChoice},
			period:    p(caused(o("A", R), "INC1"), caused(o("B", R), "INC1")),
			err:       "month 2021-06: incident INC1: no customer's decision which of kpi A, kpi B keeps its credit: invalid credit period",
		},
		{
			name: "customer's choice names another kpi", why: "a decision must name a KPI-month the incident caused",
			incidents: credits.Incidents{Rule: credits.CustomerChoice, Decisions: []credits.Decision{decided}},
			period:    p(caused(o("A", R), "INC1"), o("B", R), caused(kpiOutcome("C", R), "INC1")),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rules()
			r.Incidents = tc.incidents
			if tc.name == "customer's choice names another kpi" {
				r.Regime = credits.Points{Weights: append(regime().Weights, credits.Weight{KPI: "C", From: month("2021-04"), Points: dec("1")}),
					Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1")}
				tc.err = "month 2021-06: incident INC1: the customer's decision names kpi B, which the incident did not cause: invalid credit period"
			}
			led, err := credits.Calculate(r, []credits.Period{tc.period})
			if tc.err != "" {
				require.ErrorIs(t, err, credits.ErrInvalidPeriod)
				require.EqualError(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			checkLines(t, led, tc.lines, tc.why)
		})
	}
}

// A KPI-month linked to two incidents keeps its credit only if it keeps
// it under both.
func TestIncidentsSeveral(t *testing.T) {
	r := rules()
	r.Incidents = credits.Incidents{Rule: credits.HighestOnly}
	r.Regime = credits.Points{Weights: append(regime().Weights, credits.Weight{KPI: "C", From: month("2021-04"), Points: dec("20")}),
		Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1")}
	led, err := credits.Calculate(r, []credits.Period{{Month: month("2021-06"), Year: 1, Charges: dec("100000"), YearCharges: dec("1200000"),
		Outcomes: []credits.Outcome{
			caused(kpiOutcome("A", kpi.Red), "INC1", "INC2"), // 1000.00: keeps it for INC1, loses it to C for INC2
			caused(kpiOutcome("B", kpi.Red), "INC1"),         // 500.00: loses it to A for INC1
			caused(kpiOutcome("C", kpi.Red), "INC2"),         // 2000.00: keeps it
		}}})
	require.NoError(t, err)
	checkSums(t, led)
	var got []string
	for _, l := range led.Lines {
		got = append(got, l.Amount.StringFixed(2))
	}
	require.Equal(t, []string{"0.00", "0.00", "2000.00"}, got)
	require.Contains(t, led.Lines[0].Rule, "incident INC2 also caused the failure of kpi C")
	require.Equal(t, []string{"INC1", "INC2"}, led.Lines[0].Incidents())
}

func TestIncidentsInvalid(t *testing.T) {
	m := month("2021-06")
	for _, tc := range []struct {
		name      string
		incidents credits.Incidents
		want      string
	}{
		{"decisions without customer choice", credits.Incidents{Rule: credits.HighestOnly,
			Decisions: []credits.Decision{{Incident: "I", Month: m, KPI: "A", DecidedBy: "X"}}},
			"incidents: 1 decisions given, but the rule is highest, not customer-choice: invalid credit rules"},
		{"contradictory decisions", credits.Incidents{Rule: credits.CustomerChoice, Decisions: []credits.Decision{
			{Incident: "I", Month: m, KPI: "A", DecidedBy: "X"}, {Incident: "I", Month: m, KPI: "B", DecidedBy: "Y"}}},
			"incidents: incident I: 2021-06: decisions contradict: kpi A and kpi B: invalid credit rules"},
		{"decided twice", credits.Incidents{Rule: credits.CustomerChoice, Decisions: []credits.Decision{
			{Incident: "I", Month: m, KPI: "A", DecidedBy: "X"}, {Incident: "I", Month: m, KPI: "A", DecidedBy: "X"}}},
			"incidents: incident I: 2021-06: decided twice: invalid credit rules"},
		{"decision incomplete", credits.Incidents{Rule: credits.CustomerChoice, Decisions: []credits.Decision{{KPI: "A"}}},
			"decided by not set"},
		{"unknown rule", credits.Incidents{Rule: 9}, "incidents: rule 9 unknown (want one of all, highest, customer-choice): invalid credit rules"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rules()
			r.Incidents = tc.incidents
			err := r.Validate(windows())
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			require.Contains(t, err.Error(), tc.want)
		})
	}
	var rule credits.IncidentRule
	require.EqualError(t, rule.UnmarshalText([]byte("first")), `incident rule "first" (want one of all, highest, customer-choice): unknown word`)
}

// TestPropertyIncidentsNeverRaise checks that highest-only and the
// customer's choice never raise a month's credit over all-count, and that
// the ledger adds up.
func TestPropertyIncidentsNeverRaise(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchemeScenario(t)
		refs := []string{"I1", "I2", "I3"}
		for pi := range s.periods {
			p := &s.periods[pi]
			for oi := range p.Outcomes {
				o := &p.Outcomes[oi]
				for _, ref := range refs {
					if rapid.Bool().Draw(t, "caused by "+ref) {
						o.Incidents = append(o.Incidents, ref)
					}
				}
			}
		}
		all := calc(t, s.rules, s.periods)
		// The customer decides for each incident and month, naming the first
		// KPI-month it caused that costs money: a decision naming one that
		// costs nothing is an error.
		var decisions []credits.Decision
		decided := map[[2]string]bool{}
		amounts, li := creditAmounts(all), 0
		for _, p := range s.periods {
			for _, o := range p.Outcomes {
				for _, ref := range o.Incidents {
					k := [2]string{ref, p.Month.String()}
					if !decided[k] && amounts[li].Sign() > 0 {
						decided[k] = true
						decisions = append(decisions, credits.Decision{Incident: ref, Month: p.Month, KPI: o.KPI, DecidedBy: "X"})
					}
				}
				li++
			}
		}
		for _, in := range []credits.Incidents{{Rule: credits.HighestOnly}, {Rule: credits.CustomerChoice, Decisions: decisions}} {
			r := s.rules
			r.Incidents = in
			led := calc(t, r, s.periods)
			checkSums(t, led)
			for i, m := range led.Months {
				if m.Uncapped.Cmp(all.Months[i].Uncapped) > 0 {
					t.Fatalf("%s: %s raised the month's credit from %s to %s", m.Month, in.Rule, all.Months[i].Uncapped, m.Uncapped)
				}
			}
			before, after := creditAmounts(all), creditAmounts(led)
			for i := range after {
				if after[i].Cmp(before[i]) > 0 {
					t.Fatalf("credit line %d: %s raised it from %s to %s", i, in.Rule, before[i], after[i])
				}
			}
			if led.Total.Cmp(all.Total) > 0 && s.rules.Caps.Rolling == nil && s.rules.Caps.Year == nil {
				t.Fatalf("%s raised the total", in.Rule)
			}
		}
	})
}

// TestIncidentsDecisionCostingNothing: the customer cannot keep an
// incident's credit on a KPI-month that costs nothing, which would wipe
// out every credit the incident caused.
func TestIncidentsDecisionCostingNothing(t *testing.T) {
	r := rules()
	r.Regime = credits.Points{Weights: append(regime().Weights, credits.Weight{KPI: "C", From: month("2021-04"), Points: dec("20")}),
		Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1")}
	r.Incidents = credits.Incidents{Rule: credits.CustomerChoice,
		Decisions: []credits.Decision{{Incident: "INC1", Month: month("2021-06"), KPI: "C", DecidedBy: "customer"}}}
	_, err := credits.Calculate(r, []credits.Period{{Month: month("2021-06"), Year: 1, Charges: dec("100000"), YearCharges: dec("1200000"),
		Outcomes: []credits.Outcome{
			caused(kpiOutcome("A", kpi.Red), "INC1"),
			caused(kpiOutcome("B", kpi.Red), "INC1"),
			caused(kpiOutcome("C", kpi.Green), "INC1"),
		}}})
	require.ErrorIs(t, err, credits.ErrInvalidPeriod)
	require.EqualError(t, err, "month 2021-06: incident INC1: the customer's decision names kpi C, whose month costs nothing (want one of the lines that cost money): invalid credit period")
}
