package reconcile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/stretchr/testify/require"
)

func TestRelationsValidate(t *testing.T) {
	c := testC(t)
	rel := reconcile.Relations{
		Tables: []reconcile.TableOrg{{File: "", Org: "C"}, {File: "p.tsv", Org: contract.Combined}},
		Rows: []reconcile.Row{
			{Label: "Met", ID: "MET"},
			{Label: " met ", ID: "MET2"},
			{Label: "Two", KPI: "P1", ID: "X"},
			{Label: "Unknown kpi", KPI: "NOPE"},
			{Label: "Clash", ID: "P1"},
			{Label: "Ratio", ID: "R", Unit: kpi.Ratio},
			{Label: "", Board: reconcile.TSLAchieved, Unit: kpi.Count},
		},
		Totals:      []reconcile.Sum{{Total: "MET", Parts: []string{"MET", "GHOST"}}, {Total: "P1-VOL"}},
		Shares:      []reconcile.Share{{KPI: "P1-VOL", Denominator: "P1"}, {KPI: "P1", Numerator: "AVAIL"}, {KPI: "P1", Denominator: "P1-VOL"}},
		Complements: []reconcile.Complement{{KPI: "P1", Of: "P1"}},
		Periods:     []reconcile.PeriodRule{{KPI: "P1", Rule: reconcile.SumRule}, {KPI: "P1-VOL", Rule: reconcile.RecomputeRule}, {KPI: "P1", Rule: 0}},
		Severity:    []reconcile.SeverityRule{{Kind: reconcile.TotalCheck, Severity: reconcile.Warning}, {Kind: reconcile.TotalCheck}, {Kind: 0, Severity: reconcile.Error}},
	}
	err := rel.Validate(c)
	require.ErrorIs(t, err, reconcile.ErrInvalidRelations)
	var re *reconcile.RelationError
	require.True(t, errors.As(err, &re))
	require.Equal(t, strings.Join([]string{
		`relations: Complements[0].Of: P1 is its own complement`,
		`relations: Periods[0].Rule: percentages are never summed (want recompute, last or none)`,
		`relations: Periods[1].Rule: only percentages are recomputed, not count`,
		`relations: Periods[2].KPI: P1 already has a rule in Periods[0]`,
		`relations: Periods[2].Rule: rule not set (want one of sum, recompute, last, none)`,
		`relations: Rows[1].Label: label " met " already given in Rows[0]`,
		`relations: Rows[2]: give exactly one of kpi, id and board`,
		`relations: Rows[3].KPI: kpi "NOPE" is not a kpi of the contract`,
		`relations: Rows[4].ID: id "P1" is a kpi of the contract (use kpi to name it)`,
		`relations: Rows[5].Unit: unit ratio: want count or percent`,
		`relations: Rows[6].Label: empty (want the label as printed)`,
		`relations: Rows[6].Unit: given for a board count, which is a count`,
		`relations: Severity[1].Kind: check total already given in Severity[0]`,
		`relations: Severity[1].Severity: severity not set (want error or warning)`,
		`relations: Severity[2].Kind: check not set (want one of heading, label, shape, cell, target, rag, value, attainable, share, complement, total, period, overall, combined, board, claim)`,
		`relations: Shares[0].Denominator: P1 is a percent, not a count`,
		`relations: Shares[0].KPI: P1-VOL is a count, not a percentage`,
		`relations: Shares[1].Denominator: missing (want the id of the count the percentage is of)`,
		`relations: Shares[1].Numerator: AVAIL is a percent, not a count`,
		`relations: Shares[2].KPI: P1 already has a share in Shares[1]`,
		`relations: Tables[0].File: empty (want the pack file's name)`,
		`relations: Tables[0].Org: organisation "C" is not served by the contract (want one of A, B, combined)`,
		`relations: Totals[0].Parts[0]: MET is the total itself`,
		`relations: Totals[0].Parts[1]: "GHOST" is neither a kpi of the contract nor an id declared under rows`,
		`relations: Totals[1].Parts: no parts (want the ids whose figures add up to the total)`,
	}, "\n"), err.Error())
	require.NoError(t, reconcile.Relations{}.Validate(c))

	// Relations that do not fit the contract stop the reconciliation.
	_, err = reconcile.Check(reconcile.Input{Contract: c, Relations: reconcile.Relations{Tables: []reconcile.TableOrg{{File: "x", Org: "Z"}}}})
	require.ErrorIs(t, err, reconcile.ErrInvalidInput)
	require.ErrorIs(t, err, reconcile.ErrInvalidRelations)
	_, err = reconcile.Check(reconcile.Input{})
	require.EqualError(t, err, "no contract: invalid reconciliation input")
}

func TestWords(t *testing.T) {
	for _, k := range reconcile.Kinds() {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back reconcile.Kind
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
	}
	require.Len(t, reconcile.Kinds(), 16)
	var k reconcile.Kind
	require.EqualError(t, k.UnmarshalText([]byte("sums")),
		`check "sums" (want one of heading, label, shape, cell, target, rag, value, attainable, share, complement, total, period, overall, combined, board, claim): unknown word`)
	require.ErrorIs(t, k.UnmarshalText([]byte("sums")), kpi.ErrUnknownWord, "the one sentinel of every package's words")
	_, err := reconcile.Kind(0).MarshalText()
	require.ErrorIs(t, err, kpi.ErrUnknownWord)
	require.EqualError(t, err, "check 0: unknown word")
	require.Equal(t, "check(0)", reconcile.Kind(0).String())
	for _, w := range []string{"agrees", "disagrees", "impossible", "uncheckable"} {
		var v reconcile.Verdict
		require.NoError(t, v.UnmarshalText([]byte(w)))
		require.Equal(t, w, v.String())
	}
	for _, w := range []string{"error", "warning"} {
		var s reconcile.Severity
		require.NoError(t, s.UnmarshalText([]byte(w)))
		require.Equal(t, w, s.String())
	}
	for _, w := range []string{"tsl-achieved", "msl-achieved", "below-msl", "not-measured", "total", "mitigation-agreed"} {
		var b reconcile.BoardCount
		require.NoError(t, b.UnmarshalText([]byte(w)))
		require.Equal(t, w, b.String())
	}
	for _, w := range []string{"sum", "recompute", "last", "none"} {
		var r reconcile.Rule
		require.NoError(t, r.UnmarshalText([]byte(w)))
		require.Equal(t, w, r.String())
	}
}

// TestSeverityAndCoverage checks that the relations set a check's
// severity, that a warning never fails the reconciliation, and that a
// cell judged by a check is covered while one only tried is listed with
// the reason.
func TestSeverityAndCoverage(t *testing.T) {
	text := "T\tApr-21\tMay-21\nP1 resolved\t36.36%\t50%\nP1 calls\t14\t\nAvailability\t99.9%\t99.9%\n"
	rep := check(t, text, shares)
	require.True(t, rep.Fails())
	rel := shares
	rel.Severity = []reconcile.SeverityRule{{Kind: reconcile.AttainableCheck, Severity: reconcile.Warning}}
	rep = check(t, text, rel)
	require.False(t, rep.Fails(), "an impossible percentage of warning severity")
	require.Equal(t, reconcile.Warning, at(t, rep, reconcile.AttainableCheck, "2:2").Severity)
	var uncovered []string
	for _, u := range rep.Uncovered {
		uncovered = append(uncovered, u.Pos.String()+" "+u.Text+" "+u.KPI+" "+u.Month.String()+": "+u.Why)
	}
	require.Equal(t, []string{
		"p.tsv:2:3 50% P1 2021-05: its denominator P1-VOL is not printed for it",
		"p.tsv:4:2 99.9% AVAIL 2021-04: no relation or printed RAG covers it, and without measurements it is not checked against them",
		"p.tsv:4:3 99.9% AVAIL 2021-05: no relation or printed RAG covers it, and without measurements it is not checked against them",
	}, uncovered, "the impossible percentage and its denominator are judged")
}

// TestNoOrganisation: a table of a contract serving several organisations
// with none declared is the contract's as a whole: its values cannot be
// checked against one organisation's measurements, its board counts are
// the contract's.
func TestNoOrganisation(t *testing.T) {
	c := testC(t)
	p, err := pack.ReadPublished("p.tsv", strings.NewReader("T\tJun-21\nAvailability\t99.9%\nTSL achieved\t3\n"))
	require.NoError(t, err)
	rep, err := reconcile.Check(reconcile.Input{Contract: c, Packs: []*pack.Published{p},
		Measurements: []kpi.Measurement{{KPI: "AVAIL", Org: "A", Month: kpi.MustParseMonth("2021-06"), Value: dec("99.9")}}})
	require.NoError(t, err)
	f := at(t, rep, reconcile.BoardCheck, "3:2")
	require.Equal(t, "", f.Org)
	require.Equal(t, "disagrees 1 diff 2 tol 0", figure(f))
	require.Contains(t, f.Reason, "the engine counts the contract's credit-bearing KPIs in Jun-21")
	for _, f := range rep.Findings {
		require.NotEqual(t, reconcile.ValueCheck, f.Kind, "no organisation to look the measurement up for")
	}
}
