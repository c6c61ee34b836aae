package contract

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// Contract is an outsourced-service contract as the engine evaluates it:
// its parties and term, the organisations it serves, the monthly charges,
// the indicators in force month by month, how absent values count, and the
// service-credit rules.
//
// The zero Contract is invalid; Validate names every missing field.
type Contract struct {
	Name         string        // the contract's name, as the reports title it
	Customer     string        // the customer, the party credited
	Supplier     string        // the supplier, the party paying credits
	Commencement kpi.Month     // the service commencement month: service month 1, first month of contract year 1
	Term         int           // the number of months the contract runs, 1 or more
	Orgs         []string      // the organisations served, at least one; a shared service serves several
	Charges      []Charge      // the monthly charges of each organisation over time
	KPIs         []KPI         // the indicators, in report order
	Absences     Absences      // how absent values count
	Credits      credits.Rules // the service-credit rules: regime, caps, triggers, critical failures, incidents, money rounding
	ReportCard   *ReportCard   // which KPI-months a board sees in detail; nil when the pack has no report cards
}

// ReportCard is a pack's rule for which KPI-months get a report card, the
// page a board reads in detail: every Red month, and, when Variance is
// set, every month whose rounded value falls short of the TSL by at least
// that margin ("off target: Red RAG rating or variance of 5% or more").
// Doing better than the target never earns a card. Figures and relative
// targets have no TSL to vary from. A ReportCard with no Variance cards
// Red months only.
type ReportCard struct {
	Variance kpi.Margin // the shortfall from the TSL that earns a card; unset: Red months only
}

// Charge is an organisation's monthly charge from a month onwards; a later
// Charge for the same organisation replaces it.
type Charge struct {
	Org    string          // the organisation charged: one of the contract's Orgs, named even when it serves one
	From   kpi.Month       // the first month the charge applies
	Amount decimal.Decimal // 0 or more
	Note   string          // the authority, such as "CCN 12"; may be empty
}

// KPI is an indicator of the contract and the months it is in force. A KPI
// added by a change note starts after commencement; one retired or
// replaced stops before the end of the term.
type KPI struct {
	kpi.Definition
	From kpi.Month // first month in force; zero means commencement
	To   kpi.Month // last month in force; zero means the end of the term
	Orgs []string  // the organisations it is measured for; nil means all
	Note string    // why it starts or stops when it does, such as "replaces KPI09 (CCN 31)"
	// Unavailable overrides the contract's Absences.Unavailable for this
	// KPI: kpi.Red or kpi.Unmeasured; zero keeps the contract's rule.
	Unavailable kpi.Status
	// Pooled, when set, computes the KPI's value from other percentage KPIs
	// of the same month and organisation, as "overall SLA performance"
	// pools the P1-P4 results by their call volumes. A measurement supplied
	// for a pooled KPI is kept as the published figure, beside ours.
	Pooled []Part
	// Every is how many months each assessment of the KPI covers: 0 or 1
	// for a monthly KPI, 3 for a quarterly one. The KPI is assessed in the
	// last month of each period, counted from commencement (with
	// commencement in April, a quarterly KPI is assessed in June,
	// September, December and March); its other months are not due: no
	// measurement is expected, none may be given, and they cost nothing.
	Every int
	// Combine, when set, gives the KPI a value for the shared service as a
	// whole, combined from the organisations' values; the zero value leaves
	// it uncombined, as for the availability of different systems.
	Combine Combine
}

// Combined is the organisation name of the shared service's combined
// cells (MonthResult.Combined). It is reserved: Validate refuses an
// organisation named like it, in any case.
const Combined = "combined"

// Combination says how a KPI's values for several organisations combine.
// The zero Combination means they are not combined.
type Combination uint8

// The ways to combine.
const (
	// Summed adds the organisations' values: volumes and counts.
	Summed Combination = iota + 1
	// Weighted pools the organisations' percentages, each weighted by the
	// organisation's value of Combine.Weight, such as its call volume.
	Weighted
	// Repooled computes a pooled KPI again from its parts' combined
	// values, as the overall SLA of the whole service.
	Repooled
)

var combinationWords = words.New("combination", Summed, "summed", "weighted", "repooled")

// String returns "summed", "weighted" or "repooled".
func (c Combination) String() string { return combinationWords.String(c) }

// MarshalText implements encoding.TextMarshaler.
func (c Combination) MarshalText() ([]byte, error) { return combinationWords.Marshal(c) }

// UnmarshalText implements encoding.TextUnmarshaler. A text that is not
// one of the words is a *kpi.WordError wrapping kpi.ErrUnknownWord.
func (c *Combination) UnmarshalText(b []byte) error { return combinationWords.Unmarshal(c, b) }

// Combine says how a KPI's organisations' values combine into the shared
// service's.
type Combine struct {
	How    Combination // how the values combine
	Weight string      // for Weighted: the indicator whose value weights each organisation's
}

// Part is one input of a pooled KPI: a percentage KPI, weighted either by
// the value of another indicator of the same month (such as the call
// volume, a kpi.Figure) or, when Weight is empty, by the counts its
// measurement carries (numerator and denominator).
//
// The pooled value is the sum of value x weight over the sum of the
// weights, rounded once to the pooled KPI's precision. A part that is not
// applicable with no weight (no calls of that priority) adds nothing; any
// other missing input leaves the pooled value absent (kpi.NoInput) with
// its reason, never guessed.
type Part struct {
	KPI    string // the percentage KPI pooled
	Weight string // the indicator whose value weights it; empty to use the measurement's counts
}

// Absences is the contract's rule for KPI-months without a value. Each
// field must be kpi.Red (the absence counts as a failure below the MSL) or
// kpi.Unmeasured (reported, never credited). A not-applicable or not-due
// value never counts as a failure.
type Absences struct {
	Missing     kpi.Status // no measurement supplied for a KPI in force
	Unavailable kpi.Status // a value that exists but was not available ("UNVL")
}

// Last returns the contract's last month.
func (c *Contract) Last() kpi.Month { return c.Commencement.AddMonths(c.Term - 1) }

// YearEnd reports whether m is the last month of its contract year, or
// the last month of the term, which ends its year however short: where
// the credit rules' EarnBack judges a year's result (credits.Period's
// YearEnd).
func (c *Contract) YearEnd(m kpi.Month) bool {
	return m == c.Last() || c.Year(m.AddMonths(1)) != c.Year(m)
}

// ServiceMonth returns m's number counted from commencement, which is
// service month 1: with commencement April 2015, June 2021 is 75.
func (c *Contract) ServiceMonth(m kpi.Month) int { return m.Sub(c.Commencement) + 1 }

// Year returns the contract year m falls in: the twelve months from
// commencement are year 1. With commencement April 2015, June 2021 is in
// year 7. Months before commencement fall in year 0 or earlier.
func (c *Contract) Year(m kpi.Month) int {
	n := m.Sub(c.Commencement)
	if n < 0 {
		return (n + 1) / 12
	}
	return n/12 + 1
}

// Window returns the months k is in force in c, inclusive: k.From, or
// commencement when it is zero; k.To, or the end of the term.
func (c *Contract) Window(k *KPI) (from, to kpi.Month) {
	from, to = k.From, k.To
	if from.IsZero() {
		from = c.Commencement
	}
	if to.IsZero() {
		to = c.Last()
	}
	return from, to
}

// Due reports whether k is assessed in month m: every month for a monthly
// KPI, the last month of each period of k.Every months from commencement
// otherwise.
func (c *Contract) Due(k *KPI, m kpi.Month) bool {
	return k.Every <= 1 || (m.Sub(c.Commencement)+1)%k.Every == 0
}

// OrgsOf returns the organisations k is measured for: its own Orgs, or
// every organisation of c when it names none.
func (c *Contract) OrgsOf(k *KPI) []string {
	if k.Orgs == nil {
		return c.Orgs
	}
	return k.Orgs
}

// charge returns org's charge in month m.
func (c *Contract) charge(org string, m kpi.Month) (decimal.Decimal, bool) {
	best := -1
	for i, ch := range c.Charges {
		if ch.Org == org && !ch.From.After(m) && (best < 0 || ch.From.After(c.Charges[best].From)) {
			best = i
		}
	}
	if best < 0 {
		return decimal.Decimal{}, false
	}
	return c.Charges[best].Amount, true
}

// MitigationScope returns what mitigation records of this contract are
// checked against, for mitigation.NewRegister.
func (c *Contract) MitigationScope() mitigation.Scope {
	s := mitigation.Scope{Orgs: slices.Clone(c.Orgs), First: c.Commencement, Last: c.Last()}
	for _, k := range c.KPIs {
		s.KPIs = append(s.KPIs, k.ID)
	}
	return s
}

// windows returns the windows of the contract's indicators for the credit
// rules: the credit-bearing KPIs', and the PIs' and figures' marked
// Uncredited.
func (c *Contract) windows() []credits.Window {
	out := make([]credits.Window, 0, len(c.KPIs))
	for i := range c.KPIs {
		k := &c.KPIs[i]
		from, to := c.Window(k)
		out = append(out, credits.Window{KPI: k.ID, From: from, To: to, Uncredited: k.Kind != kpi.KPI})
	}
	return out
}

// problems collects the problems Validate finds with c, each an *Error.
type problems struct {
	c    *Contract
	errs []error
}

// add records a problem with the field at path, about KPI id and
// organisation org where there are some, and returns it, so that the
// caller can give its month.
func (ps *problems) add(path, id, org, format string, args ...any) *Error {
	e := &Error{Contract: ps.c.Name, Path: path, KPI: id, Org: org, Msg: fmt.Sprintf(format, args...)}
	ps.errs = append(ps.errs, e)
	return e
}

// Validate reports every problem with c, each an *Error wrapping
// ErrInvalidContract with the path of the field at fault, sorted and
// joined with errors.Join; a problem with a KPI's definition also wraps
// its *kpi.Error, and one with the credit rules its *credits.Error.
//
// It checks the contract's own fields (a name, a commencement, a term of
// 1 month or more ending by 9999, organisations, none empty, none twice,
// none named like Combined, which is reserved), every organisation's
// charges, each KPI's definition and its months in force, organisations,
// absence rule, assessment period, pooled parts and combination, the
// absences, the report card, and the credit rules against the KPIs (see
// credits.Rules.Validate).
func (c *Contract) Validate() error {
	ps := &problems{c: c}
	if strings.TrimSpace(c.Name) == "" {
		ps.add("Name", "", "", "name is empty")
	}
	if c.Commencement.IsZero() {
		ps.add("Commencement", "", "", "commencement month not set")
	}
	if c.Term < 1 {
		ps.add("Term", "", "", "term %d months: want 1 or more", c.Term)
	} else if !c.Commencement.IsZero() && c.Last().IsZero() {
		ps.add("Term", "", "", "term %d months runs past year 9999", c.Term)
	}
	if len(c.Orgs) == 0 {
		ps.add("Orgs", "", "", "no organisations")
	}
	if lim := c.limitProblems(); len(lim) > 0 {
		return joined.Sorted(append(ps.errs, lim...)) // the checks below would be as large as the contract
	}
	orgs := map[string]bool{}
	for i, o := range c.Orgs {
		at := func() string { return fmt.Sprintf("Orgs[%d]", i) } // written only for a problem
		switch {
		case strings.TrimSpace(o) == "":
			ps.add(at(), "", o, "organisation name is empty")
		case strings.EqualFold(strings.TrimSpace(o), Combined):
			ps.add(at(), "", o, "organisation %q is reserved for the shared service's combined values (want another name)", o)
		}
		if orgs[o] {
			ps.add(at(), "", o, "organisation %q listed twice", o)
		}
		orgs[o] = true
	}
	c.chargeProblems(ps, orgs)
	ids := map[string]bool{}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		at := func(rest string) string { return fmt.Sprintf("KPIs[%d]%s", i, rest) } // written only for a problem
		for _, err := range joined.Split(k.Validate()) {
			var ke *kpi.Error
			if errors.As(err, &ke) {
				ps.errs = append(ps.errs, &Error{Contract: c.Name, Path: at("." + ke.Path), KPI: ke.KPI, Month: ke.Month, Msg: ke.Problem(), Err: ke})
			}
		}
		if ids[k.ID] {
			ps.add(at(".ID"), k.ID, "", "kpi %s listed twice", k.ID)
		}
		ids[k.ID] = true
		if c.Term < 1 || c.Commencement.IsZero() {
			continue
		}
		from, to := c.Window(k)
		if from.Before(c.Commencement) || to.After(c.Last()) || to.Before(from) {
			ps.add(at(""), k.ID, "", "kpi %s: in force %s..%s, not within the contract's %s..%s", k.ID, from, to, c.Commencement, c.Last())
		}
		for j, st := range k.Schedule.Glide {
			if st.Month.Before(from) || st.Month.After(to) {
				ps.add(at(fmt.Sprintf(".Schedule.Glide[%d].Month", j)), k.ID, "", "kpi %s: glide path month %s outside its months in force %s..%s", k.ID, st.Month, from, to).Month = st.Month
			}
		}
		if k.Every < 0 || k.Every > 12 {
			ps.add(at(".Every"), k.ID, "", "kpi %s: assessed every %d months: want 1 to 12", k.ID, k.Every)
		} else if k.Every > 1 && k.Relative != 0 && (k.Relative != kpi.NoWorseThanLastYear || 12%k.Every != 0) {
			ps.add(at(".Every"), k.ID, "", "kpi %s: relative target %s compares with a month the kpi is not assessed in (assessed every %d months)", k.ID, k.Relative, k.Every)
		}
		seenOrg := map[string]bool{}
		for j, o := range k.Orgs {
			oat := func() string { return at(fmt.Sprintf(".Orgs[%d]", j)) }
			if seenOrg[o] {
				ps.add(oat(), k.ID, o, "kpi %s: organisation %q listed twice", k.ID, o)
			}
			seenOrg[o] = true
			if !orgs[o] {
				ps.add(oat(), k.ID, o, "kpi %s: organisation %q is not served by the contract", k.ID, o)
			}
		}
		if k.Unavailable != 0 && k.Unavailable != kpi.Red && k.Unavailable != kpi.Unmeasured {
			ps.add(at(".Unavailable"), k.ID, "", "kpi %s: unavailable must count as red or unmeasured, not %s", k.ID, k.Unavailable)
		}
		if k.Orgs != nil && len(k.Orgs) == 0 {
			ps.add(at(".Orgs"), k.ID, "", "kpi %s: measured for no organisation", k.ID)
		}
	}
	for _, a := range []struct {
		path, name string
		s          kpi.Status
	}{{"Absences.Missing", "missing", c.Absences.Missing}, {"Absences.Unavailable", "unavailable", c.Absences.Unavailable}} {
		if a.s != kpi.Red && a.s != kpi.Unmeasured {
			ps.add(a.path, "", "", "%s must count as red or unmeasured, not %s", a.name, a.s)
		}
	}
	byID := c.kpisByID()
	c.poolProblems(ps, byID)
	c.combineProblems(ps, byID)
	if rc := c.ReportCard; rc != nil && rc.Variance.IsSet() && (rc.Variance.Unit > kpi.PercentOfTSL || rc.Variance.By.Sign() <= 0) {
		ps.add("ReportCard.Variance", "", "", "report card: variance %s must be a positive number of points or percent of tsl", rc.Variance)
	}
	if c.Term >= 1 && !c.Commencement.IsZero() {
		// The credit rules are checked against the KPIs' months in force,
		// which need a valid term.
		for _, err := range joined.Split(c.Credits.Validate(c.windows())) {
			var ce *credits.Error
			if errors.As(err, &ce) {
				ps.errs = append(ps.errs, &Error{Contract: c.Name, Path: "Credits." + ce.Path, KPI: ce.KPI, Org: ce.Org, Month: ce.Month, Msg: ce.Msg, Err: ce})
			}
		}
	}
	return joined.Sorted(ps.errs)
}

// chargeProblems checks the charges: each for an organisation of the
// contract, from a month, not negative, one a month for an organisation;
// and every organisation charged from commencement.
func (c *Contract) chargeProblems(ps *problems, orgs map[string]bool) {
	type key struct {
		org  string
		from kpi.Month
	}
	seen := map[key]bool{}
	for i, ch := range c.Charges {
		at := func(rest string) string { return fmt.Sprintf("Charges[%d]%s", i, rest) } // written only for a problem
		switch {
		case !orgs[ch.Org]:
			ps.add(at(""), "", ch.Org, "organisation %q is not served by the contract", ch.Org)
		case ch.From.IsZero():
			ps.add(at(".From"), "", ch.Org, "%s: from month not set", ch.Org)
		case seen[key{ch.Org, ch.From}]:
			ps.add(at(".From"), "", ch.Org, "%s: two charges from %s", ch.Org, ch.From).Month = ch.From
		case ch.Amount.Sign() < 0:
			ps.add(at(".Amount"), "", ch.Org, "%s: from %s: amount %s is negative", ch.Org, ch.From, kpi.FormatValue(ch.Amount)).Month = ch.From
		}
		seen[key{ch.Org, ch.From}] = true
	}
	if !c.Commencement.IsZero() {
		for _, o := range c.Orgs {
			if _, ok := c.charge(o, c.Commencement); !ok {
				ps.add("Charges", "", o, "%s: no charge from commencement %s", o, c.Commencement).Month = c.Commencement
			}
		}
	}
}

// kpisByID indexes the contract's KPIs by id; of two with one id, the
// later.
func (c *Contract) kpisByID() map[string]*KPI {
	byID := make(map[string]*KPI, len(c.KPIs))
	for i := range c.KPIs {
		byID[c.KPIs[i].ID] = &c.KPIs[i]
	}
	return byID
}

// poolProblems checks every pooled KPI's parts; byID indexes the KPIs.
func (c *Contract) poolProblems(ps *problems, byID map[string]*KPI) {
	for i := range c.KPIs {
		k := &c.KPIs[i]
		if len(k.Pooled) == 0 {
			continue
		}
		at := func(rest string) string { return fmt.Sprintf("KPIs[%d]%s", i, rest) } // written only for a problem
		bad := func(path, format string, args ...any) {
			ps.add(path, k.ID, "", "kpi %s: pooled: "+format, append([]any{k.ID}, args...)...)
		}
		if k.Unit != kpi.Percent {
			bad(at(".Unit"), "a pooled kpi must be a percentage, not %s", k.Unit)
		}
		for j, p := range k.Pooled {
			pat := func(rest string) string { return at(fmt.Sprintf(".Pooled[%d]%s", j, rest)) }
			part, ok := byID[p.KPI]
			switch {
			case !ok:
				bad(pat(".KPI"), "part %q is not a kpi of the contract", p.KPI)
			case len(part.Pooled) > 0 || part.ID == k.ID:
				bad(pat(".KPI"), "part %s is itself pooled", p.KPI)
			case part.Unit != kpi.Percent:
				bad(pat(".KPI"), "part %s must be a percentage, not %s", p.KPI, part.Unit)
			}
			if p.Weight != "" {
				if _, ok := byID[p.Weight]; !ok {
					bad(pat(".Weight"), "weight %q of part %s is not an indicator of the contract", p.Weight, p.KPI)
				}
			}
		}
	}
}

// combineProblems checks every KPI's Combine; byID indexes the KPIs.
func (c *Contract) combineProblems(ps *problems, byID map[string]*KPI) {
	for i := range c.KPIs {
		k := &c.KPIs[i]
		cb := k.Combine
		if cb.How == 0 && cb.Weight == "" {
			continue
		}
		bad := func(field, format string, args ...any) {
			ps.add(fmt.Sprintf("KPIs[%d].Combine.%s", i, field), k.ID, "", "kpi %s: combine: "+format, append([]any{k.ID}, args...)...)
		}
		switch cb.How {
		case Summed:
			if k.Unit != kpi.Count {
				bad("How", "only counts can be summed, not %s", k.Unit)
			}
		case Weighted:
			if k.Unit != kpi.Percent {
				bad("How", "only percentages can be weighted, not %s", k.Unit)
			}
			w, ok := byID[cb.Weight]
			switch {
			case cb.Weight == "":
				bad("Weight", "weighted needs a weight")
			case !ok:
				bad("Weight", "weight %q is not an indicator of the contract", cb.Weight)
			case w.Combine.How == 0:
				bad("Weight", "weight %s is not itself combined", cb.Weight)
			}
		case Repooled:
			if len(k.Pooled) == 0 {
				bad("How", "repooled needs a pooled kpi")
			}
			for _, p := range k.Pooled {
				if part, ok := byID[p.KPI]; ok && part.Combine.How == 0 {
					bad("How", "part %s is not combined", p.KPI)
				}
			}
		default:
			bad("How", "how to combine not set (want one of %s)", combinationWords.Join())
		}
		if cb.How != Weighted && cb.Weight != "" {
			bad("Weight", "weight given for %s", cb.How)
		}
	}
}
