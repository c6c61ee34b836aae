package portfolio_test

import (
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/portfolio"
	"github.com/servicecredit/engine/seal"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// entries returns n small generated contracts of every regime as entries.
func entries(t *testing.T, n int) []portfolio.Entry {
	t.Helper()
	var out []portfolio.Entry
	for i := range n {
		p := synth.Generate(7, i, synth.Shape{KPIs: 6, Months: 30, Orgs: 1 + i%2, Regime: synth.Mixed, Failures: 20})
		in, err := p.Input()
		require.NoError(t, err)
		out = append(out, portfolio.Of(fmt.Sprintf("c%d", i), p.Contract, in))
	}
	return out
}

// compare compares two results, their problems by message.
var compare = cmp.Options{cmp.Comparer(func(a, b error) bool { return a.Error() == b.Error() })}

// TestWorkers checks that the result is the same whatever the number of
// workers, and that each contract's figures are its own evaluation's.
func TestWorkers(t *testing.T) {
	es := entries(t, 24)
	want := portfolio.Run(es, portfolio.Options{Workers: 1})
	require.Equal(t, 24, want.Count(portfolio.Evaluated))
	for _, w := range []int{2, 3, 8, 100, 0} {
		got := portfolio.Run(es, portfolio.Options{Workers: w})
		if diff := cmp.Diff(want, got, compare); diff != "" {
			t.Errorf("%d workers (-1 worker +%d):\n%s", w, w, diff)
		}
	}
	for i, e := range es {
		l, err := e.Load()
		require.NoError(t, err)
		in := l.Input
		s := want.Contracts[i]
		in.From, in.To = s.From, s.To
		res, err := l.Contract.Evaluate(in)
		require.NoError(t, err)
		require.Len(t, s.Years, len(res.Ledger.Years))
		for j, y := range res.Ledger.Years {
			got := s.Years[j]
			var charges decimal.Decimal
			for _, m := range res.Ledger.Months {
				if m.Year == y.Year {
					charges = charges.Add(m.Charges)
				}
			}
			for _, pair := range [][2]decimal.Decimal{{y.Charges, got.YearCharges}, {y.Uncapped, got.Uncapped}, {y.Cut, got.Cut},
				{y.Total, got.Credit}, {charges, got.Charges}} {
				require.True(t, pair[0].Equal(pair[1]), "%s year %d: %s against %s", s.Label, y.Year, pair[0], pair[1])
			}
			require.Equal(t, []kpi.Month{y.From, y.To}, []kpi.Month{got.From, got.To})
		}
		require.True(t, res.Ledger.Total.Equal(s.Total.Credit), s.Label)
	}
	var sum decimal.Decimal
	for _, s := range want.Contracts {
		sum = sum.Add(s.Total.Credit)
	}
	require.True(t, sum.Equal(want.Total.Credit), "the portfolio's credit %s, its contracts' %s", want.Total.Credit, sum)
}

// TestFailures checks that a contract that cannot be loaded, one whose
// loading panics and one with nothing measured fail with their problems,
// while the others are evaluated and totalled.
func TestFailures(t *testing.T) {
	es := entries(t, 2)
	bad := errors.Join(errors.New("c.yaml:3:7: name: missing"), errors.New("m.csv: not checked: the contract has problems"))
	p := synth.Generate(7, 9, synth.Shape{KPIs: 2, Months: 12, Orgs: 1})
	es = append(es,
		portfolio.Entry{Label: "unreadable", Load: func() (*portfolio.Loaded, error) { return nil, bad }},
		portfolio.Entry{Source: "boom.yaml", Load: func() (*portfolio.Loaded, error) { panic("boom") }},
		portfolio.Of("nothing measured", p.Contract, contract.Input{}),
	)
	res := portfolio.Run(es, portfolio.Options{Workers: 2})
	require.Equal(t, []portfolio.Status{portfolio.Evaluated, portfolio.Evaluated, portfolio.Failed, portfolio.Failed, portfolio.Failed},
		[]portfolio.Status{res.Contracts[0].Status, res.Contracts[1].Status, res.Contracts[2].Status, res.Contracts[3].Status, res.Contracts[4].Status})
	msgs := func(s portfolio.Summary) []string {
		var out []string
		for _, p := range s.Problems {
			out = append(out, p.Error())
		}
		return out
	}
	require.Equal(t, []string{"c.yaml:3:7: name: missing", "m.csv: not checked: the contract has problems"}, msgs(res.Contracts[2]))
	require.Equal(t, "boom.yaml", res.Contracts[3].Label)
	require.Equal(t, []string{"runtime failure: boom"}, msgs(res.Contracts[3]))
	var pe *portfolio.PanicError
	require.ErrorAs(t, res.Contracts[3].Problems[0], &pe)
	require.Equal(t, []string{"evaluation: no month measured: give the months to evaluate (-from and -to)"}, msgs(res.Contracts[4]))
	require.ErrorIs(t, res.Contracts[4].Problems[0], portfolio.ErrNoMonths)
	require.Equal(t, 2, res.Total.Contracts)
	require.True(t, res.Total.Credit.Equal(res.Contracts[0].Total.Credit.Add(res.Contracts[1].Total.Credit)))
	require.Equal(t, 3, res.Count(portfolio.Failed))
}

// TestSameName checks that a contract without a label whose name an
// earlier contract has as its label fails, whichever worker finished
// first.
func TestSameName(t *testing.T) {
	p := synth.Generate(7, 1, synth.Shape{KPIs: 2, Months: 12, Orgs: 1})
	in := contract.Input{Measurements: p.Measurements}
	for _, w := range []int{1, 2} {
		res := portfolio.Run([]portfolio.Entry{
			portfolio.Of("", p.Contract, in),
			{Place: "p.yaml:5:5: contracts[1]", Load: portfolio.Of("", p.Contract, in).Load},
			portfolio.Of("other", p.Contract, in),
		}, portfolio.Options{Workers: w})
		require.Equal(t, portfolio.Evaluated, res.Contracts[0].Status)
		require.Equal(t, portfolio.Failed, res.Contracts[1].Status)
		require.Empty(t, res.Contracts[1].Years)
		require.EqualError(t, res.Contracts[1].Problems[0],
			`p.yaml:5:5: contracts[1]: label "synthetic contract 1", the contract's name, already names contract 1: give this contract a label: label already used`)
		require.ErrorIs(t, res.Contracts[1].Problems[0], portfolio.ErrLabel)
		require.Equal(t, 2, res.Total.Contracts)
	}
}

// TestClipping checks that the months asked for are clipped to each
// contract's term, and noted, and that a contract whose term lies
// outside them is skipped.
func TestClipping(t *testing.T) {
	p := synth.Generate(7, 1, synth.Shape{KPIs: 2, Months: 24, Orgs: 1})
	c := p.Contract
	in := contract.Input{Measurements: p.Measurements}
	for _, tc := range []struct {
		name           string
		from, to       kpi.Month
		status         portfolio.Status
		gotFrom, gotTo kpi.Month
		note, why      string
	}{
		{"within", c.Commencement.AddMonths(2), c.Commencement.AddMonths(5), portfolio.Evaluated,
			c.Commencement.AddMonths(2), c.Commencement.AddMonths(5), "", ""},
		{"both ends", c.Commencement.AddMonths(-3), c.Last().AddMonths(2), portfolio.Evaluated, c.Commencement, c.Last(),
			fmt.Sprintf("clipped to the term: %s..%s asked, the term is %s..%s", c.Commencement.AddMonths(-3), c.Last().AddMonths(2), c.Commencement, c.Last()), ""},
		{"before", c.Commencement.AddMonths(-13), c.Commencement.AddMonths(-1), portfolio.Skipped, kpi.Month{}, kpi.Month{}, "",
			fmt.Sprintf("outside the term: %s..%s asked, the term is %s..%s", c.Commencement.AddMonths(-13), c.Commencement.AddMonths(-1), c.Commencement, c.Last())},
		{"from after the months measured", c.Last().AddMonths(5), kpi.Month{}, portfolio.Skipped, kpi.Month{}, kpi.Month{}, "",
			fmt.Sprintf("nothing to evaluate: %s..%s asked", c.Last().AddMonths(5), c.Last())},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := portfolio.Run([]portfolio.Entry{portfolio.Of("c", c, in)}, portfolio.Options{From: tc.from, To: tc.to})
			s := res.Contracts[0]
			require.Equal(t, tc.status, s.Status, s.Problems)
			require.Equal(t, []kpi.Month{tc.gotFrom, tc.gotTo}, []kpi.Month{s.From, s.To})
			require.Equal(t, tc.note, s.Note())
			require.Equal(t, tc.why, s.Why)
			require.Equal(t, tc.status == portfolio.Evaluated, res.Total.Contracts == 1)
		})
	}
}

// TestProgress checks that progress is reported once a contract, never
// from two goroutines at once, up to the total.
func TestProgress(t *testing.T) {
	es := entries(t, 10)
	var busy atomic.Int32
	var seen []portfolio.Progress
	portfolio.Run(es, portfolio.Options{Workers: 4, Progress: func(p portfolio.Progress) {
		require.Equal(t, int32(1), busy.Add(1))
		seen = append(seen, p)
		busy.Add(-1)
	}})
	require.Len(t, seen, 10)
	for i, p := range seen {
		require.Equal(t, portfolio.Progress{Done: i + 1, Total: 10}, p)
	}
}

// TestStatusText checks the statuses' words.
func TestStatusText(t *testing.T) {
	for _, s := range []portfolio.Status{portfolio.Evaluated, portfolio.Skipped, portfolio.Failed} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back portfolio.Status
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, s, back)
	}
	var s portfolio.Status
	require.EqualError(t, s.UnmarshalText([]byte("done")), `status "done" (want one of evaluated, skipped, failed): unknown word`)
	require.ErrorIs(t, s.UnmarshalText([]byte("done")), kpi.ErrUnknownWord)
}

// TestRevisions closes three months of a contract, then runs it with
// one measurement changed since: the changed month is revised, the
// others unchanged, and the adjustment is the credit today less the
// credit as sealed. Without seals a contract has no Revisions.
func TestRevisions(t *testing.T) {
	p := synth.Generate(7, 3, synth.Shape{KPIs: 4, Months: 12, Orgs: 1, Failures: 30})
	c := p.Contract
	in := contract.Input{Measurements: p.Measurements}
	var entries []seal.Entry
	for k := range 3 {
		m := c.Commencement.AddMonths(k)
		s, err := seal.Close(c, in, m, seal.Inputs{})
		require.NoError(t, err)
		entries = append(entries, seal.Entry{Month: m, Seal: s})
	}
	// The last month's first measured value, made worse: month 3 is revised.
	changed := slices.Clone(p.Measurements)
	third := c.Commencement.AddMonths(2)
	i := slices.IndexFunc(changed, func(m kpi.Measurement) bool { return m.Month == third && m.Absent == 0 && m.Value.Sign() > 0 })
	require.GreaterOrEqual(t, i, 0)
	changed[i].Value = decimal.Zero
	later := contract.Input{Measurements: changed}
	res := portfolio.Run([]portfolio.Entry{
		{Label: "sealed", Load: func() (*portfolio.Loaded, error) {
			return &portfolio.Loaded{Contract: c, Input: later, Seals: &portfolio.Sealed{Entries: entries}}, nil
		}},
		portfolio.Of("unsealed", c, later),
	}, portfolio.Options{To: third})
	s := res.Contracts[0]
	require.Equal(t, portfolio.Evaluated, s.Status, s.Problems)
	rv := s.Revisions
	require.NotNil(t, rv)
	require.Equal(t, []any{3, 2, 1, 0, []kpi.Month{third}, third.AddMonths(1)},
		[]any{rv.Months, rv.Unchanged, rv.Revised, len(rv.Untrusted), rv.RevisedMonths, rv.AdjustIn})
	require.Positive(t, rv.Revisions)
	require.True(t, rv.Adjustment.Equal(rv.Now.Sub(rv.Sealed)), "adjustment %s, now %s, sealed %s", rv.Adjustment, rv.Now, rv.Sealed)
	require.True(t, rv.Now.Equal(s.Total.Credit), "today's credit of the sealed months %s against the run's %s", rv.Now, s.Total.Credit)
	require.Nil(t, res.Contracts[1].Revisions)
	require.Zero(t, res.Untrusted())
}
