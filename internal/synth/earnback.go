package synth

import (
	"math/rand/v2"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// EarnBack returns an earn-back rule for some of c's credit-bearing KPIs,
// drawn from seed alone (so that adding it to a generated contract leaves
// the rest of the contract and its measurements as Generate made them):
// each KPI drawn gets one condition, by the following 1 to 4 months, by the
// contract year's mean value at its TSL (about its direction), or by 1 to
// 10 Green months in the year, and a share of 25, 50, 80 or 100 per cent.
// It names no KPI when c has none that carries credits.
func EarnBack(seed uint64, c *contract.Contract) credits.EarnBack {
	r := rand.New(rand.NewPCG(seed, 0xea4b))
	var out credits.EarnBack
	shares := []int64{25, 50, 80, 100}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		if k.Kind != kpi.KPI || r.IntN(3) == 0 {
			continue
		}
		e := credits.EarnBackKPI{KPI: k.ID, Share: decimal.New(shares[r.IntN(len(shares))], 0)}
		switch r.IntN(3) {
		case 0:
			e.Following = 1 + r.IntN(4)
		case 1:
			level := k.Schedule.Base.TSL
			e.YearMean = &level
		default:
			e.YearGreen = 1 + r.IntN(10)
		}
		out.KPIs = append(out.KPIs, e)
	}
	return out
}
