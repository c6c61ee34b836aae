package reconcile_test

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/stretchr/testify/require"
)

// TestRAGSmallVolume: P2 under a small-volume rule ("90%, or where fewer
// than 20 calls, no more than 1 failed; 85%, or 2") is judged by its
// counts, which a printed percentage lacks. July's printed 88.89% has a
// measurement of 8 of 9 calls: 1 failed, green by the rule (88.89 alone
// would be amber, 85 <= 88.89 < 90), so the printed G agrees and the
// reason shows the rule; August's has no measurement: uncheckable, never
// judged by the percentage alone.
func TestRAGSmallVolume(t *testing.T) {
	text := strings.Replace(testContract, `tsl: "90", msl: "85"}`, `tsl: "90", msl: "85", small-volume: {fewer-than: 20, tsl-failures: 1, msl-failures: 2}}`, 1)
	c, err := load.Contract("c.yaml", []byte(text))
	require.NoError(t, err)
	p, err := pack.ReadPublished("p.tsv", strings.NewReader("T\tJul-21\tAug-21\nP2 resolved\t88.89%\t89.47%\nP2 resolved RAG\tG\tA\n"))
	require.NoError(t, err)
	ms := []kpi.Measurement{{KPI: "P2", Org: "A", Month: kpi.MustParseMonth("2021-07"), Numerator: dec("8"), Denominator: dec("9"), HasCounts: true, FromCounts: true}}
	rep, err := reconcile.Check(reconcile.Input{Contract: c, Packs: []*pack.Published{p}, Relations: reconcile.Relations{Tables: []reconcile.TableOrg{{File: "p.tsv", Org: "A"}}}, Measurements: ms})
	require.NoError(t, err)
	jul, aug := at(t, rep, reconcile.RAGCheck, "3:2"), at(t, rep, reconcile.RAGCheck, "3:3")
	require.Equal(t, "agrees green", figure(jul))
	require.Equal(t, "the measurement (the printed value has no counts, which the small-volume rule judges by): 100 x 8/9 = 88.88888888... rounds to 88.89 (2 dp half-even); fewer than 20 measured (9): 1 failed, tsl at most 1 met (base): green", jul.Reason)
	require.Equal(t, "uncheckable ", figure(aug))
	require.Equal(t, "the printed value 89.47% has no counts, and P2's small-volume rule (fewer than 20: tsl at most 1 failed, msl at most 2 failed) judges a month by them", aug.Reason)
}
