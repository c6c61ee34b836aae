package credits

import (
	"fmt"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Weight gives a credit-bearing KPI its points from a month onwards. A
// later Weight for the same KPI replaces an earlier one, which is how a
// change note redistributes a retired KPI's points to the others.
//
// A Weight with no From applies from the KPI's own first month in force,
// as a contract KPI with no From starts at commencement: it is the KPI's
// points until a Weight with a From takes over. (Calculate, which is
// given no months in force, applies it to every month before such a
// Weight.) A KPI may have one such
// Weight, and not beside a Weight from its first month or earlier, which
// would leave it never applying.
type Weight struct {
	KPI    string          // the KPI's id
	From   kpi.Month       // the first month the points apply; zero: the KPI's first month in force
	Points decimal.Decimal // the KPI's share of the amount at risk, 0 or more
	Note   string          // the authority, such as "CCN 7"; may be empty; quoted in the lines it prices

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Points is the simplest credit regime: each credit-bearing KPI carries
// points; an Amber month loses the Amber fraction of them and a Red month
// the Red fraction; each point lost is worth PointValue per cent of the
// month's charges for the KPI's organisation:
//
//	amount = round(charges x PointValue/100 x points x fraction)
//
// rounded once per line as the ledger's Money says. A KPI-month relieved
// by a mitigation, Green or Unmeasured costs nothing, as does every month
// of an indicator that is not a KPI (a PI or a reported figure), and its
// line says why. The points in force in a month are those of the latest Weight
// for the KPI whose From is not after it, a Weight with no From counting
// as the earliest.
//
// The zero Points is invalid: its point value is not positive.
type Points struct {
	Weights    []Weight        // each KPI's points over time; any order
	Amber      decimal.Decimal // fraction of the KPI's points lost when Amber, 0 to 1, not above Red
	Red        decimal.Decimal // fraction of the KPI's points lost when Red, 0 to 1
	PointValue decimal.Decimal // per cent of the month's charges one point is worth, above 0

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// weight returns the points of KPI id in month m and the Weight that gave
// them.
func (p Points) weight(id string, m kpi.Month) (Weight, bool) {
	best := -1
	for i, w := range p.Weights {
		// The zero Month is before every month: a Weight with no From
		// applies until one with a From takes over.
		if w.KPI == id && !w.From.After(m) && (best < 0 || w.From.After(p.Weights[best].From)) {
			best = i
		}
	}
	if best < 0 {
		return Weight{}, false
	}
	return p.Weights[best], true
}

// Check checks the regime's own configuration: the Amber and Red
// fractions lie in 0..1 with Amber not above Red, the point value is
// positive, and every Weight has points of 0 or more, no KPI having two
// weights from the same month nor two with no From. It reports every problem,
// each an *Error wrapping ErrInvalidRules whose Path is within p, sorted
// by message and joined with errors.Join; nil if there are none.
func (p Points) Check() error { return problems.Errors(p.problems(), rulesError) }

func (p Points) problems() []problems.Problem {
	out := problems.Under(fractionProblems(p.Amber, p.Red), "", "points regime: ")
	bad := func(path, id string, m kpi.Month, format string, args ...any) {
		out = append(out, problems.Newf(path, id, "points regime: "+format, args...).In(m))
	}
	if p.PointValue.Sign() <= 0 {
		bad("PointValue", "", kpi.Month{}, "point value %s%% is not positive", kpi.FormatValue(p.PointValue))
	}
	type key struct {
		kpi  string
		from kpi.Month
	}
	seen := map[key]bool{}
	for i, w := range p.Weights {
		at := func(rest string) string { return fmt.Sprintf("Weights[%d]%s", i, rest) } // written only for a problem
		if w.Points.Sign() < 0 {
			bad(at(".Points"), w.KPI, w.From, "kpi %s: %s points is negative", w.KPI, kpi.FormatValue(w.Points))
		}
		switch k := (key{w.KPI, w.From}); {
		case seen[k] && w.From.IsZero():
			bad(at(".From"), w.KPI, kpi.Month{}, "kpi %s: two weights without a from month (each applies from the kpi's first month in force; give the later one its from)", w.KPI)
		case seen[k]:
			bad(at(".From"), w.KPI, w.From, "kpi %s: two weights from %s", w.KPI, w.From)
		default:
			seen[k] = true
		}
	}
	return out
}

// Validate checks the regime (see Check) and checks it against the
// contract's indicators: every Weight is for a credit-bearing KPI of
// kpis (a weight for a PI, a figure or an unknown indicator is an error
// that says which), and every credit-bearing KPI has points from its
// first month in force, and a Weight with no From is not overridden from
// that month by a Weight with one (it would never apply). It reports
// every problem as Check does.
func (p Points) Validate(kpis []Window) error {
	out := p.problems()
	kinds := kindsOf(kpis)
	first := map[string]int{} // each KPI's first weight
	start := map[string]kpi.Month{}
	for _, w := range kpis {
		start[w.KPI] = w.From
	}
	for i, w := range p.Weights {
		if _, ok := first[w.KPI]; !ok {
			first[w.KPI] = i
		}
		if from, ok := start[w.KPI]; ok && w.From.IsZero() {
			if j := p.shadowing(w.KPI, from); j >= 0 {
				out = append(out, problems.Newf(fmt.Sprintf("Weights[%d].From", i), w.KPI, "points regime: kpi %s: weight without a from month never applies: another weight applies from %s, on or before the kpi's first month in force %s", w.KPI, p.Weights[j].From, from).In(from))
			}
		}
		switch known, credited := kinds.of(w.KPI); {
		case !known:
			out = append(out, problems.Newf(fmt.Sprintf("Weights[%d]", i), w.KPI, "points regime: kpi %s: weight for an unknown kpi (not an indicator of the contract)", w.KPI))
		case !credited:
			out = append(out, problems.Newf(fmt.Sprintf("Weights[%d]", i), w.KPI, "points regime: kpi %s: weight for a kpi that is not credit-bearing in the contract", w.KPI))
		}
	}
	for _, w := range credited(kpis) {
		if _, ok := p.weight(w.KPI, w.From); !ok {
			at := "Weights"
			if i, ok := first[w.KPI]; ok {
				at = fmt.Sprintf("Weights[%d]", i)
			}
			out = append(out, problems.Newf(at, w.KPI, "points regime: kpi %s: no points from %s, its first month in force", w.KPI, w.From).In(w.From))
		}
	}
	return problems.Errors(out, rulesError)
}

// shadowing returns the index of a Weight of KPI id with a From on or
// before month first, or -1 when there is none.
func (p Points) shadowing(id string, first kpi.Month) int {
	for j, o := range p.Weights {
		if o.KPI == id && !o.From.IsZero() && !o.From.After(first) {
			return j
		}
	}
	return -1
}

// Begin starts an evaluation. The Points regime needs no history; its Run
// keeps an index of the weights and, because a KPI failing the same way
// against the same charges costs the same month after month, the last
// arithmetic of each KPI, organisation and status, so that a repeated
// line is not computed and written out again.
func (p Points) Begin(money Money) Run {
	r := &pointsRun{p: p, money: money, weights: map[string][]int{}, done: map[pointsKey]pointsCost{},
		statusLines: newStatusLines(),
		amberText:   kpi.FormatValue(p.Amber), redText: kpi.FormatValue(p.Red), valueText: kpi.FormatValue(p.PointValue)}
	for i, w := range p.Weights {
		r.weights[w.KPI] = append(r.weights[w.KPI], i)
		from := "points"
		if w.Note != "" {
			from = "points (" + w.Note + ")"
		}
		r.pointsText = append(r.pointsText, kpi.FormatValue(w.Points)+" "+from)
	}
	return r
}

type pointsRun struct {
	statusLines
	p       Points
	money   Money
	weights map[string][]int         // a KPI's weights, as indexes into p.Weights
	done    map[pointsKey]pointsCost // the last cost of each KPI, organisation and status

	// The figures of the rules as written, each formatted once.
	amberText, redText, valueText string
	pointsText                    []string        // each weight's points and their source, by index
	charges                       decimal.Decimal // the charges last formatted
	chargesText                   string          // and their text
}

type pointsKey struct {
	kpi, org string
	status   kpi.Status
}

// pointsCost is a failing line's arithmetic, kept for reuse while the
// weight and the charges stay the same.
type pointsCost struct {
	statusPrice
	weight  int // index into Points.Weights
	charges decimal.Decimal
}

// weight returns the index of the weight of KPI id in force in month m.
func (r *pointsRun) weight(id string, m kpi.Month) (int, bool) {
	best := -1
	for _, i := range r.weights[id] {
		w := r.p.Weights[i]
		if !w.From.After(m) && (best < 0 || w.From.After(r.p.Weights[best].From)) {
			best = i
		}
	}
	return best, best >= 0
}

// cost returns the arithmetic of a failing line of outcome o, at fraction
// frac of weight wi.
func (r *pointsRun) cost(o Outcome, wi int, frac decimal.Decimal) pointsCost {
	k := pointsKey{o.KPI, o.Org, o.Status}
	if c, ok := r.done[k]; ok && c.weight == wi && c.charges.Equal(o.Charges) {
		return c
	}
	p, money, w := r.p, r.money, r.p.Weights[wi]
	lost := w.Points.Mul(frac)
	amount := money.Round(o.Charges.Mul(p.PointValue).Shift(-2).Mul(lost))
	fracText := r.redText
	if o.Status == kpi.Amber {
		fracText = r.amberText
	}
	if r.chargesText == "" || !r.charges.Equal(o.Charges) {
		r.charges, r.chargesText = o.Charges, money.Format(o.Charges)
	}
	c := pointsCost{weight: wi, charges: o.Charges, statusPrice: statusPrice{lost: lost, amount: amount, failed: true,
		arith: fmt.Sprintf("%s of %s = %s points x %s%% of charges %s = %s",
			fracText, r.pointsText[wi], kpi.FormatValue(lost), r.valueText, r.chargesText, money.Format(amount))}}
	c.rule = o.Status.String() + ": " + c.arith
	r.done[k] = c
	return c
}

// Assess appends one line per outcome of period to lines.
func (r *pointsRun) Assess(period Period, lines []Line) ([]Line, error) {
	return r.assess(period, lines, r)
}

// known accepts every KPI: a weight in force is looked for only when an
// outcome fails.
func (r *pointsRun) known(Outcome) error { return nil }

// price prices o, failed in month m, at the Amber or Red fraction of the
// KPI's weight in force in m.
func (r *pointsRun) price(m kpi.Month, o Outcome) (statusPrice, error) {
	frac := r.p.Red
	if o.Status == kpi.Amber {
		frac = r.p.Amber
	}
	wi, ok := r.weight(o.KPI, m)
	if !ok {
		return statusPrice{}, outcomeError(o, 0, "", ErrInvalidRules, "no points in force in %s", m)
	}
	return r.cost(o, wi, frac).statusPrice, nil
}
