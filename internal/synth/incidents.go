package synth

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
)

// link names incidents as the causes of measurements, which are in month
// order: in about a third of the months, one or two incidents each caused
// two or three of the month's KPI-months, now and then one that another
// incident caused too.
func link(r *rand.Rand, ms []kpi.Measurement) {
	next := 1
	for lo := 0; lo < len(ms); {
		hi := lo + 1
		for hi < len(ms) && ms[hi].Month == ms[lo].Month {
			hi++
		}
		if n := hi - lo; n >= 2 && r.IntN(3) == 0 {
			for range 1 + r.IntN(2) {
				ref := fmt.Sprintf("INC-%d", next)
				next++
				for _, i := range r.Perm(n)[:2+r.IntN(min(2, n-1))] {
					ms[lo+i].Incidents = append(ms[lo+i].Incidents, ref)
				}
			}
		}
		lo = hi
	}
}

// decide returns the customer's decisions that CustomerChoice needs for p:
// for each incident that caused two or more KPI-months of a month that
// cost money, the one that keeps its credit. What costs money is what the
// regime charges before the incident and critical rules zero any line, so
// decide evaluates the contract without them. It panics if the generated
// portfolio does not evaluate.
func decide(r *rand.Rand, p Portfolio) []credits.Decision {
	c := *p.Contract
	c.Credits.Incidents, c.Credits.Critical = credits.Incidents{}, credits.Critical{}
	in, err := Portfolio{Contract: &c, Measurements: p.Measurements, Mitigations: p.Mitigations}.Input()
	if err != nil {
		panic(fmt.Sprintf("synth: %v", err))
	}
	res, err := c.Evaluate(in)
	if err != nil {
		panic(fmt.Sprintf("synth: %v", err))
	}
	var out []credits.Decision
	for _, m := range res.Months {
		costly := map[string][]credits.Line{}
		for _, cell := range m.Cells {
			if cell.Credit.Amount.Sign() > 0 {
				for _, ref := range cell.Credit.Incidents() {
					costly[ref] = append(costly[ref], *cell.Credit)
				}
			}
		}
		for _, ref := range slices.Sorted(maps.Keys(costly)) {
			if ls := costly[ref]; len(ls) > 1 {
				keep := ls[r.IntN(len(ls))]
				d := credits.Decision{Incident: ref, Month: m.Month, KPI: keep.KPI, Org: keep.Org, DecidedBy: "Contract Manager"}
				if r.IntN(2) == 0 {
					d.Note = "the failure that hurt the service most"
				}
				out = append(out, d)
			}
		}
	}
	return out
}
