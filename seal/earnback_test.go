package seal_test

import (
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/seal"
	"github.com/stretchr/testify/require"
)

// earnBackContract is small() with A's credits earned back in full after
// 2 green months: amber costs 1000.00, the monthly cap is 1000.00.
func earnBackContract() *contract.Contract {
	c := small()
	c.Credits.EarnBack = credits.EarnBack{KPIs: []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 2}}}
	return c
}

// TestSealEarnBack: April amber (1000.00), May and June green, so June
// earns April's credit back (-1000.00). Sealing April..June and
// evaluating July later leaves the sealed months as they were: each
// month's lines depend only on the months up to it. The earn-back line is
// sealed as a line of its own, naming its KPI and the credit's month.
func TestSealEarnBack(t *testing.T) {
	c := earnBackContract()
	ms := measured("98.5", "99", "99", "98.5")
	entries := sealAll(t, c, ms[:3], "2021-04", "2021-05", "2021-06")
	june := entries[2].Seal
	require.Equal(t, []seal.Line{{Kind: "earn-back", KPI: "A", Org: "X", Returns: "2021-04", Amount: "-1000.00",
		Rule: "earn-back of the 2021-04 credit 1000.00: green in each of the 2 KPI-months due after it (to 2021-06); 100% of 1000.00 paid after that month's cap cuts of 0.00 = 1000.00 returned; outside the caps"}}, june.Lines)
	require.Equal(t, seal.Total{Charges: "100000.00", Uncapped: "0.00", Cut: "0.00", Credit: "-1000.00", EarnedBack: "-1000.00"}, june.Credit)
	data, err := seal.Marshal(june, nil)
	require.NoError(t, err)
	back, err := seal.Parse(data, nil)
	require.NoError(t, err, "a seal with an earn-back line reads back")
	require.Equal(t, june.Lines, back.Lines)
	require.Equal(t, june.Credit, back.Credit)

	r, err := seal.Restate(c, contract.Input{Measurements: ms}, seal.Inputs{}, entries, kpi.Month{})
	require.NoError(t, err)
	require.Empty(t, r.Revisions, "July evaluated later changes no sealed month")
	require.Equal(t, "0.00", r.Total.StringFixed(2))
	july, err := seal.Close(c, contract.Input{Measurements: ms}, month("2021-07"), seal.Inputs{})
	require.NoError(t, err)
	require.Equal(t, "1000.00", july.Credit.Credit)
}

// TestRestateEarnBack, worked by hand: sealed as above (April 1000.00,
// May 0.00, June -1000.00: 0.00 in all). May corrected to 98.5, amber:
// May now costs 1000.00 and breaks April's run, so June no longer earns
// April's credit back, and May's own waits for June and July. May's
// credit revision adjusts +1000.00, June's earn-back revision (-1000.00
// -> none) +1000.00: 2000.00, the months' credit today (April 1000.00,
// May 1000.00, June 0.00) less as sealed.
func TestRestateEarnBack(t *testing.T) {
	c := earnBackContract()
	r := restate(t, c, measured("98.5", "99", "99"), measured("98.5", "98.5", "99"), "2021-04", "2021-05", "2021-06")
	require.Equal(t, []string{
		"2021-05 credit A 0.00 -> 1000.00 1000.00",
		"2021-06 earn-back A -1000.00 -> none 1000.00",
	}, revisionLines(r, true))
	require.Equal(t, "2000.00", r.Total.StringFixed(2))
	require.Equal(t, month("2021-07"), r.AdjustIn)
}
