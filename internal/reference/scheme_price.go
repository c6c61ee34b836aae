package reference

import (
	"fmt"
	"math/big"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
)

// percentPerPoint prices each pending score at pr.Percent per cent of the
// outcome's charges a point: points x Percent/100 x charges, rounded once
// per line, from the exact score.
func (s *state) percentPerPoint(pr scheme.Price, p credits.Period, pend []pending, lines []Line) {
	for _, x := range pend {
		perPoint := percent(rat(p.Outcomes[x.line].Charges), rat(pr.Percent))
		lines[x.line].Amount = round(s.rules.Money, new(big.Rat).Mul(perPoint, x.score))
	}
}

// statusScore is a status score's score of a failed outcome: its Amber or
// Red score; an Amber month under a score with no amber score is an
// error.
func statusScore(st *scheme.StatusScore, o credits.Outcome) (*big.Rat, error) {
	switch {
	case o.Status == kpi.Amber && st.NoAmber:
		return nil, fmt.Errorf("%w: %s: amber, and its status score has none", errRules, o.KPI)
	case o.Status == kpi.Amber:
		return rat(st.Amber), nil
	}
	return rat(st.Red), nil
}
