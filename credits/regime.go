package credits

import (
	"fmt"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Outcome is one KPI-month as a credit regime sees it: its statuses and
// mitigation, and the charges its credit is a share of. Its rare and large
// parts are held by reference: the classification (Measured) and the
// incidents.
type Outcome struct {
	_ [0]func() // forbid ==, which compares decimals wrongly; first, where it takes no room

	KPI        string          // the KPI's id
	Org        string          // the organisation; empty for the whole service
	Mitigation string          // the Ref of the mitigation record; "" when none
	Charges    decimal.Decimal // the month's charges for the outcome's organisation, 0 or more
	// Incidents are the incidents, by reference, that caused this
	// KPI-month's failure, for the Rules' Incidents rule; none when not
	// known.
	Incidents []string
	// Measured is the classification: the value as measured and rounded,
	// and the thresholds that applied, for regimes that score the value
	// itself (bands, shortfalls) and for critical service levels. Nil
	// reads as the zero kpi.Result: no value, no thresholds. The regimes
	// never modify it.
	Measured *kpi.Result
	Kind     kpi.Kind    // only a KPI costs anything; a PI or a reported figure never does
	Raw      kpi.Status  // the status as measured
	Status   kpi.Status  // the status after any deemed mitigation; credits follow it
	Absent   kpi.Absence // why there is no value, when Status is Unmeasured
	Relief   bool        // the mitigation relieves the KPI-month of credits; needs Mitigation
}

// noResult is what a nil Outcome.Measured reads as.
var noResult kpi.Result

// Result returns o's classification, Measured, or the zero kpi.Result (no
// value, no thresholds) when it has none. The caller must not modify it.
func (o *Outcome) Result() *kpi.Result {
	if o.Measured == nil {
		return &noResult
	}
	return o.Measured
}

// Period is one month of a contract as a credit regime sees it.
type Period struct {
	Month       kpi.Month       // the month
	Year        int             // the contract year the month falls in, 1-based
	Charges     decimal.Decimal // the month's charges, all organisations, 0 or more: the base of the monthly cap
	YearCharges decimal.Decimal // the charges of the whole contract year, 0 or more: the base of the annual cap
	Outcomes    []Outcome       // the month's KPI-months, in report order
	// YearEnd marks the last month of its contract year (or of the
	// contract's term), where an EarnBack year condition is judged. It is
	// needed only with such a condition, which then requires it on the
	// last period of every year that another year follows.
	YearEnd bool

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// LineKind distinguishes the ledger's credit lines from its month-level
// lines: cap lines and withholding lines. The zero LineKind is invalid.
type LineKind uint8

// The kinds of ledger line.
const (
	CreditLine   LineKind = iota + 1 // a KPI-month's credit, possibly zero
	CapLine                          // a cap's cut, a negative amount
	WithholdLine                     // a critical month's charges withheld in place of its credits (see Critical), zero or more
	EarnBackLine                     // an earlier credit of a KPI returned to the supplier (see EarnBack), a negative amount
)

// Line is one line of the credit ledger: a KPI-month's credit with the rule
// that produced it, a critical month's withholding, a cap's cut, or an
// earlier credit earned back. Its
// rare parts (a scheme band, the incidents) are held in Extra, nil on
// most lines.
type Line struct {
	_ [0]func() // forbid ==, which compares decimals wrongly; first, where it takes no room

	Kind   LineKind        // a credit, cap or withholding line
	Raw    kpi.Status      // the status as measured; zero on a cap line
	Status kpi.Status      // the status credited; zero on a cap line
	Absent kpi.Absence     // why the KPI-month has no value, when Status is Unmeasured
	Cap    CapKind         // on a cap line: the cap that bit; zero on a credit line
	Failed bool            // the KPI-month is a failure that counts: scored above zero, failed under Points, or lost more than nothing under Pool; and not relieved
	Month  kpi.Month       // the month the line belongs to
	Year   int             // the contract year
	KPI    string          // empty on a cap or withholding line; on an earn-back line, the KPI whose credit it returns
	Org    string          // empty on a cap or withholding line
	Points decimal.Decimal // the points lost; zero when the line is not priced (green, unmeasured, relieved, not a KPI, cap)
	Amount decimal.Decimal // money, rounded; zero or more on a credit or withholding line, negative on a cap or earn-back line
	// Mitigation is the mitigation's Ref, if any.
	Mitigation string
	Rule       string     // the rule and arithmetic that produced Amount, in words
	Extra      *LineExtra // the line's rare parts; nil when it has none
}

// LineExtra holds the rare parts of a credit line, which most lines do
// not have: the band a credits/scheme band table placed the value in, and the
// outcome's incidents.
type LineExtra struct {
	Band      string   // the band the value fell in, for a scheme scoring by bands; empty otherwise
	Material  bool     // the band is a Material failure (a Failed line only)
	Incidents []string // the outcome's Incidents
	Earned    *Earned  // on an EarnBackLine, the credit it returns; nil on any other line
}

// Band returns the band of l's Extra, or "" when it has none.
func (l *Line) Band() string {
	if l.Extra == nil {
		return ""
	}
	return l.Extra.Band
}

// Material reports whether l is a Material failure: a Failed line whose
// band is Material.
func (l *Line) Material() bool { return l.Extra != nil && l.Extra.Material }

// Incidents returns the incidents of l's Extra, or nil when it has none.
func (l *Line) Incidents() []string {
	if l.Extra == nil {
		return nil
	}
	return l.Extra.Incidents
}

// Regime scores months of outcomes into credit lines. Implementations
// hold plain configuration data and never modify their inputs.
type Regime interface {
	// Check runs every check of the regime's own configuration that
	// needs no list of the contract's KPIs: signs, ranges and order (a
	// negative score, a fraction above 1, a ratchet that falls). Open
	// and Calculate run it, so that a regime never credits on rules it
	// would refuse. Each problem is an *Error wrapping ErrInvalidRules
	// whose Path is within the regime.
	Check() error
	// Validate runs Check and checks the regime against the contract's
	// indicators and the months each is in force: every credit-bearing
	// KPI priced, no rule for an unknown indicator or one that carries
	// no credits. Each problem is as Check's.
	Validate(kpis []Window) error
	// Begin starts one evaluation, which is fed months in order. A regime
	// whose credits depend on earlier months (repeat failures, rolling
	// windows) keeps what it needs in the Run, never in the Regime.
	Begin(money Money) Run
}

// Run is one evaluation of a Regime, fed one month at a time in month
// order.
type Run interface {
	// Assess appends to lines one CreditLine per outcome of p, in the
	// order of p.Outcomes, each with an amount of zero or more rounded as
	// the Run's Money says, and returns the extended slice, as append
	// does. The lines already there are the caller's: Assess neither
	// reads nor changes them.
	Assess(p Period, lines []Line) ([]Line, error)
}

// Window is an indicator of the contract and the months it is in force,
// inclusive: the credit rules are checked against a contract's windows
// (Rules.Validate). A credit-bearing KPI's window has Uncredited false.
// The indicators the contract reports without credits (PIs and figures)
// are listed with Uncredited set, so that a rule naming one is told it
// carries no credits rather than that it is unknown; nothing else reads
// them.
type Window struct {
	KPI        string    // the indicator's id
	From, To   kpi.Month // its first and last months in force
	Uncredited bool      // a PI or a figure: known to the contract, carrying no credits
}

// kinds is what the windows say of each indicator: whether the contract
// has it, and whether it is credit-bearing.
type kinds map[string]bool

// kindsOf indexes kpis.
func kindsOf(kpis []Window) kinds {
	k := make(kinds, len(kpis))
	for _, w := range kpis {
		k[w.KPI] = !w.Uncredited
	}
	return k
}

// of reports whether the contract has indicator id, and whether it is
// credit-bearing.
func (k kinds) of(id string) (known, credited bool) {
	credited, known = k[id]
	return known, credited
}

// credited returns the credit-bearing windows of kpis.
func credited(kpis []Window) []Window {
	var out []Window
	for _, w := range kpis {
		if !w.Uncredited {
			out = append(out, w)
		}
	}
	return out
}

// listed checks the id of the i-th KPI a rule lists (its path KPIs[i]):
// set, and not among the ids listed before it, seen, to which it adds
// id. It returns out with any problem appended, and how the rule's
// messages name the KPI: "critical: kpi AVAIL", or "critical: kpi 2"
// when its id is not set.
func listed(out []problems.Problem, rule string, i int, id string, seen map[string]bool) ([]problems.Problem, string) {
	at := fmt.Sprintf("KPIs[%d].KPI", i)
	where := fmt.Sprintf("%s: kpi %s", rule, id)
	if id == "" {
		where = fmt.Sprintf("%s: kpi %d", rule, i+1)
		out = append(out, problems.Newf(at, "", "%s: id not set", where))
	} else if seen[id] {
		out = append(out, problems.Newf(at, id, "%s: listed twice", where))
	}
	seen[id] = true
	return out, where
}

// listedWindows reports the KPIs a rule lists (list, each KPIs[i], its
// id given by id) that are not credit-bearing KPIs of the contract: a PI
// or a figure, or an unknown indicator. A KPI without an id is passed
// over: listed reports it.
func listedWindows[T any](kpis []Window, rule string, list []T, id func(T) string) []problems.Problem {
	kinds := kindsOf(kpis)
	var out []problems.Problem
	for i, x := range list {
		k := id(x)
		if k == "" {
			continue
		}
		switch known, credited := kinds.of(k); {
		case !known:
			out = append(out, problems.Newf(fmt.Sprintf("KPIs[%d].KPI", i), k, "%s: kpi %s: unknown (not an indicator of the contract)", rule, k))
		case !credited:
			out = append(out, problems.Newf(fmt.Sprintf("KPIs[%d].KPI", i), k, "%s: kpi %s: not credit-bearing in the contract", rule, k))
		}
	}
	return out
}
