package credits

import (
	"fmt"

	"github.com/servicecredit/engine/credits/internal/exact"
	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// PoolKPI is a KPI's place in a Pool's category: its Service Level Credit
// Allocation Percentage, the per cent of its category's allocation that
// one of its defaults costs.
type PoolKPI struct {
	KPI   string          // the KPI's id
	Share decimal.Decimal // per cent of the category's allocation, above 0

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// PoolCategory is a Performance Category of a Pool: its Allocation of
// Pool Percentage, the per cent of the At-Risk Amount given to it, and its
// KPIs, whose shares add up to 100 exactly.
type PoolCategory struct {
	Name  string          // the category's name, such as "hosting"; not empty, unique in the pool
	Share decimal.Decimal // per cent of the At-Risk Amount, above 0
	KPIs  []PoolKPI       // at least one; the shares add up to 100 exactly

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Pool is the at-risk pool regime of US state outsourcing contracts (the
// Texas DIR model). The At-Risk Amount is AtRisk per cent of the month's
// charges. The contract allocates Available per cent of it (the Pool
// Percentage Available for Allocation, often 150 or more) over its
// Performance Categories, and each category's allocation over its KPIs.
// A failed KPI-month (a Service Level Default) loses the Red fraction of
// its allocation, an Amber month the Amber fraction:
//
//	lost (per cent of charges) = AtRisk x category Share/100 x KPI Share/100 x fraction
//	amount = round(charges x lost/100)
//
// rounded once per line as the ledger's Money says, where charges are the
// month's charges for the outcome's organisation. The line's Points are
// lost, the per cent of the charges it costs. Because the categories may
// share out more than the whole At-Risk Amount, several defaults in one
// month can together exceed it; the contract then caps the month at the
// At-Risk Amount, so Rules with a Pool must have a monthly cap
// (Caps.Month) equal to AtRisk, which Rules.Check checks.
//
// A Green, Unmeasured or relieved KPI-month costs nothing, as does every
// month of an indicator that is not a KPI, and its line says why; a
// deemed status is priced as the Points regime prices it.
//
// The zero Pool is invalid: it puts nothing at risk.
type Pool struct {
	AtRisk     decimal.Decimal // the At-Risk Amount, per cent of the month's charges, above 0, at most 100
	Available  decimal.Decimal // the Pool Percentage Available for Allocation, per cent of the At-Risk Amount, above 0
	Categories []PoolCategory  // the Performance Categories; their shares add up to Available exactly
	Amber      decimal.Decimal // fraction of a KPI's allocation lost when Amber, 0 to 1, not above Red
	Red        decimal.Decimal // fraction of a KPI's allocation lost when Red, 0 to 1

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Check checks the pool's own configuration: the at-risk per cent is above
// 0 and at most 100; the pool percentage is above 0; the Amber and Red
// fractions lie in 0..1 with Amber not above Red; there is a category;
// every category has a name no other category has, a share above 0 and
// at least one KPI; every KPI has an id, a share above 0 and appears once
// in the pool; each category's KPI shares add up to 100 exactly; and the
// categories' shares add up to Available exactly. It reports every
// problem, each an *Error wrapping ErrInvalidRules whose Path is within
// p, sorted by message and joined with errors.Join; nil if there are none.
func (p Pool) Check() error { return problems.Errors(p.problems(), rulesError) }

func (p Pool) problems() []problems.Problem {
	var out []problems.Problem
	bad := func(path, id, format string, args ...any) {
		out = append(out, problems.Newf(path, id, "pool regime: "+format, args...))
	}
	if p.AtRisk.Sign() <= 0 || fixed.Compare(p.AtRisk, hundred) > 0 {
		bad("AtRisk", "", "at-risk amount %s%% of charges: want above 0 and at most 100", kpi.FormatValue(p.AtRisk))
	}
	if p.Available.Sign() <= 0 {
		bad("Available", "", "pool percentage available for allocation %s%% is not positive", kpi.FormatValue(p.Available))
	}
	out = append(out, problems.Under(fractionProblems(p.Amber, p.Red), "", "pool regime: ")...)
	if len(p.Categories) == 0 {
		bad("Categories", "", "no categories")
	}
	names := map[string]int{}
	kpis := map[string]int{} // each KPI's category, by index
	var pool decimal.Decimal
	for i, c := range p.Categories {
		at := func(rest string) string { return fmt.Sprintf("Categories[%d]%s", i, rest) } // written only for a problem
		switch j, ok := names[c.Name]; {
		case c.Name == "":
			bad(at(".Name"), "", "category %d: name not set", i+1)
		case ok:
			bad(at(".Name"), "", "category %q: named twice (categories %d and %d)", c.Name, j+1, i+1)
		default:
			names[c.Name] = i
		}
		if c.Share.Sign() <= 0 {
			bad(at(".Share"), "", "category %q: share %s%% is not positive", c.Name, kpi.FormatValue(c.Share))
		}
		pool = pool.Add(c.Share)
		if len(c.KPIs) == 0 {
			bad(at(".KPIs"), "", "category %q: no kpis", c.Name)
			continue
		}
		var sum decimal.Decimal
		for k, x := range c.KPIs {
			in := func(rest string) string { return fmt.Sprintf("Categories[%d].KPIs[%d]%s", i, k, rest) }
			switch j, ok := kpis[x.KPI]; {
			case x.KPI == "":
				bad(in(".KPI"), "", "category %q: kpi %d: id not set", c.Name, k+1)
			case ok:
				bad(in(".KPI"), x.KPI, "kpi %s: in category %q and again in category %q", x.KPI, p.Categories[j].Name, c.Name)
			default:
				kpis[x.KPI] = i
			}
			if x.Share.Sign() <= 0 {
				bad(in(".Share"), x.KPI, "kpi %s: share %s%% is not positive", x.KPI, kpi.FormatValue(x.Share))
			}
			sum = sum.Add(x.Share)
		}
		if !sum.Equal(hundred) {
			bad(at(".KPIs"), "", "category %q: kpi shares add up to %s%%, not 100%%", c.Name, kpi.FormatValue(sum))
		}
	}
	if len(p.Categories) > 0 && p.Available.Sign() > 0 && !pool.Equal(p.Available) {
		bad("Categories", "", "category shares add up to %s%%, not the pool percentage available for allocation %s%%",
			kpi.FormatValue(pool), kpi.FormatValue(p.Available))
	}
	return out
}

// Validate checks the pool (see Check) and checks it against the
// contract's indicators: every KPI of a category is a credit-bearing KPI
// of kpis (a PI, a figure or an unknown indicator is an error that says
// which), and every credit-bearing KPI is in a category. It reports every
// problem as Check does.
func (p Pool) Validate(kpis []Window) error {
	out := p.problems()
	kinds := kindsOf(kpis)
	in := map[string]bool{}
	for i, c := range p.Categories {
		for k, x := range c.KPIs {
			in[x.KPI] = true
			at := fmt.Sprintf("Categories[%d].KPIs[%d]", i, k)
			switch known, credited := kinds.of(x.KPI); {
			case x.KPI == "":
			case !known:
				out = append(out, problems.Newf(at, x.KPI, "pool regime: kpi %s: in category %q but not an indicator of the contract", x.KPI, c.Name))
			case !credited:
				out = append(out, problems.Newf(at, x.KPI, "pool regime: kpi %s: in category %q but not credit-bearing in the contract", x.KPI, c.Name))
			}
		}
	}
	for _, w := range credited(kpis) {
		if !in[w.KPI] {
			out = append(out, problems.Newf("Categories", w.KPI, "pool regime: kpi %s: in no category", w.KPI))
		}
	}
	return problems.Errors(out, rulesError)
}

// capProblems reports a Pool's monthly cap that is not its at-risk
// amount: Rules with a Pool must cap each month at AtRisk per cent of
// its charges.
func (p Pool) capProblems(month *decimal.Decimal) []problems.Problem {
	switch {
	case month == nil:
		return []problems.Problem{problems.Newf("Caps.Month", "", "pool regime: monthly cap not set: a month may lose at most the at-risk amount, %s%% of its charges",
			kpi.FormatValue(p.AtRisk))}
	case !month.Equal(p.AtRisk):
		return []problems.Problem{problems.Newf("Caps.Month", "", "pool regime: monthly cap %s%% differs from the at-risk amount %s%% of the month's charges",
			kpi.FormatValue(*month), kpi.FormatValue(p.AtRisk))}
	}
	return nil
}

// Begin starts an evaluation. The Pool needs no history; its Run keeps
// each KPI's allocation, worked out once.
func (p Pool) Begin(money Money) Run {
	r := &poolRun{statusLines: newStatusLines(), money: money, alloc: map[string]poolAlloc{}}
	for _, c := range p.Categories {
		for _, x := range c.KPIs {
			a := poolAlloc{red: exact.Trim(p.AtRisk.Mul(c.Share).Mul(x.Share).Mul(p.Red).Shift(-4)),
				amber: exact.Trim(p.AtRisk.Mul(c.Share).Mul(x.Share).Mul(p.Amber).Shift(-4))}
			of := fmt.Sprintf("of category %q %s%% x kpi %s%% of the at-risk amount %s%% of charges", c.Name,
				kpi.FormatValue(c.Share), kpi.FormatValue(x.Share), kpi.FormatValue(p.AtRisk))
			a.redText = kpi.FormatValue(p.Red) + " " + of + " = " + kpi.FormatValue(a.red) + "% of charges"
			a.amberText = kpi.FormatValue(p.Amber) + " " + of + " = " + kpi.FormatValue(a.amber) + "% of charges"
			r.alloc[x.KPI] = a
		}
	}
	return r
}

// poolAlloc is a KPI's allocation: the per cent of the charges a Red and
// an Amber month lose, and their arithmetic in words.
type poolAlloc struct {
	red, amber         decimal.Decimal
	redText, amberText string
}

type poolRun struct {
	statusLines
	money Money
	alloc map[string]poolAlloc
}

// Assess appends one line per outcome of period to lines.
func (r *poolRun) Assess(period Period, lines []Line) ([]Line, error) {
	return r.assess(period, lines, r)
}

// known checks that o's KPI is in a category of the pool.
func (r *poolRun) known(o Outcome) error {
	if _, ok := r.alloc[o.KPI]; !ok {
		return outcomeError(o, 0, "", ErrInvalidRules, "in no category of the pool")
	}
	return nil
}

// price prices o at the Amber or Red fraction of its KPI's allocation.
func (r *poolRun) price(_ kpi.Month, o Outcome) (statusPrice, error) {
	a := r.alloc[o.KPI]
	lost, arith := a.red, a.redText
	if o.Status == kpi.Amber {
		lost, arith = a.amber, a.amberText
	}
	amount := r.money.Round(o.Charges.Mul(lost).Shift(-2))
	arith = fmt.Sprintf("%s %s = %s", arith, r.money.Format(o.Charges), r.money.Format(amount))
	return statusPrice{lost: lost, amount: amount, arith: arith, rule: o.Status.String() + ": " + arith, failed: lost.Sign() > 0}, nil
}
