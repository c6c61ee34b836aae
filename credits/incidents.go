package credits

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// IncidentRule says how the credits of one incident that breaches several
// KPIs in a month count. The zero IncidentRule is AllCount's absence: an
// Incidents without a Rule counts every credit.
type IncidentRule uint8

// The incident rules.
const (
	// AllCount: every KPI-month an incident caused keeps its credit.
	AllCount IncidentRule = iota + 1
	// HighestOnly: of the KPI-months one incident caused in a month, only
	// the one with the highest credit keeps it.
	HighestOnly
	// CustomerChoice: of the KPI-months one incident caused in a month,
	// only the one the customer chose (a Decision) keeps its credit.
	CustomerChoice
)

var incidentWords = words.New("incident rule", AllCount, "all", "highest", "customer-choice")

// String returns "all", "highest" or "customer-choice".
func (r IncidentRule) String() string { return incidentWords.String(r) }

// MarshalText implements encoding.TextMarshaler.
func (r IncidentRule) MarshalText() ([]byte, error) { return incidentWords.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *IncidentRule) UnmarshalText(b []byte) error {
	return incidentWords.Unmarshal(r, b)
}

// Incidents is a contract's rule for one incident that breaches several
// KPIs: Outcome.Incidents links each KPI-month to the incidents that
// caused its failure. In each month, for each incident (in order of its
// reference) linked to two or more KPI-months that cost money:
//
//	AllCount        every one keeps its credit
//	HighestOnly     the one with the highest credit keeps it; ties go to
//	                the first by KPI id, then organisation
//	CustomerChoice  the one the customer's Decision names keeps it; a
//	                missing Decision is an error naming the incident and
//	                the month
//
// and the others are zeroed, each Rule naming the incident, the line that
// kept the credit (and the decision) and what it would have cost. A
// KPI-month linked to several incidents keeps its credit only if it keeps
// it under each of them: every incident is judged on the credits before
// any was zeroed, so the order of the incidents never matters. The rule
// never raises a credit, and never lowers one that no other KPI-month
// shares an incident with.
//
// The zero Incidents counts every credit.
type Incidents struct {
	Rule      IncidentRule // zero: AllCount
	Decisions []Decision   // CustomerChoice only: which KPI-month keeps an incident's credit
}

// Decision is the customer's choice, under CustomerChoice, of the one
// KPI-month whose credit an incident keeps in a month. The zero Decision
// is invalid.
type Decision struct {
	Incident  string    // the incident's reference
	Month     kpi.Month // the month of the KPI-months
	KPI       string    // the KPI that keeps the credit
	Org       string    // its organisation; empty: the KPI's only one the incident caused
	DecidedBy string    // who decided, such as "Contract Manager, 2021-07-20"
	Note      string    // optional
}

func (d Decision) who() string { return whoKey([2]string{d.KPI, d.Org}) }

func (in Incidents) problems() []problems.Problem {
	var out []problems.Problem
	if in.Rule != 0 && !incidentWords.Valid(in.Rule) {
		out = append(out, problems.Newf("Rule", "", "incidents: rule %d unknown (want one of %s)", in.Rule, incidentWords.Join()))
	}
	if in.Rule != CustomerChoice && len(in.Decisions) > 0 {
		out = append(out, problems.Newf("Rule", "", "incidents: %d decisions given, but the rule is %s, not customer-choice", len(in.Decisions), in.rule()))
	}
	type key struct {
		incident string
		month    kpi.Month
	}
	first := map[key]Decision{}
	for i, d := range in.Decisions {
		at := func(rest string) string { return fmt.Sprintf("Decisions[%d]%s", i, rest) } // written only for a problem
		where := fmt.Sprintf("incidents: decision %d", i+1)
		if d.Incident != "" && !d.Month.IsZero() {
			where = fmt.Sprintf("incidents: incident %s: %s", d.Incident, d.Month)
		}
		if d.Incident == "" {
			out = append(out, problems.Newf(at(".Incident"), d.KPI, "%s: incident not set", where).In(d.Month))
		}
		if d.Month.IsZero() {
			out = append(out, problems.Newf(at(".Month"), d.KPI, "%s: month not set", where).In(d.Month))
		}
		if d.KPI == "" {
			out = append(out, problems.Newf(at(".KPI"), "", "%s: kpi not set", where).In(d.Month))
		}
		if d.DecidedBy == "" {
			out = append(out, problems.Newf(at(".DecidedBy"), d.KPI, "%s: decided by not set", where).In(d.Month))
		}
		if d.Incident == "" || d.Month.IsZero() || d.KPI == "" {
			continue
		}
		k := key{d.Incident, d.Month}
		if f, ok := first[k]; ok {
			if f.KPI == d.KPI && f.Org == d.Org {
				out = append(out, problems.Newf(at(""), d.KPI, "%s: decided twice", where).In(d.Month))
			} else {
				out = append(out, problems.Newf(at(""), d.KPI, "%s: decisions contradict: %s and %s", where, f.who(), d.who()).In(d.Month))
			}
			continue
		}
		first[k] = d
	}
	return out
}

func (in Incidents) rule() IncidentRule {
	if in.Rule == 0 {
		return AllCount
	}
	return in.Rule
}

// apply zeroes the credits the rule takes away in period p, whose lines
// are its credit lines in outcome order, and notes on the lines that
// keep theirs why. It returns an error, wrapping ErrInvalidPeriod, for an
// incident the customer has not decided on.
func (in Incidents) apply(p Period, lines []Line, money Money) error {
	rule := in.rule()
	if rule == AllCount {
		return nil
	}
	linked := map[string][]int{} // incident to the lines it caused that cost money
	for i, o := range p.Outcomes {
		if lines[i].Amount.Sign() <= 0 {
			continue
		}
		for _, ref := range o.Incidents {
			if !slices.Contains(linked[ref], i) {
				linked[ref] = append(linked[ref], i)
			}
		}
	}
	refs := make([]string, 0, len(linked))
	for ref, is := range linked {
		if len(is) > 1 {
			refs = append(refs, ref)
		}
	}
	slices.Sort(refs)
	amounts := make([]decimal.Decimal, len(lines))
	for i := range lines {
		amounts[i] = lines[i].Amount
	}
	name := func(i int) string { return whoKey([2]string{lines[i].KPI, lines[i].Org}) }
	lost := map[int][]string{} // line to why it loses its credit, one per incident
	for _, ref := range refs {
		is := linked[ref]
		keep, why := -1, ""
		switch rule {
		case HighestOnly:
			for _, i := range is {
				if keep < 0 {
					keep = i
					continue
				}
				c := amounts[i].Cmp(amounts[keep])
				if c > 0 || (c == 0 && cmp.Or(cmp.Compare(lines[i].KPI, lines[keep].KPI), cmp.Compare(lines[i].Org, lines[keep].Org)) < 0) {
					keep = i
				}
			}
			why = "highest credit only"
		case CustomerChoice:
			d, di, ok := in.decision(ref, p.Month)
			at := fmt.Sprintf("Decisions[%d]", di)
			if !ok {
				names := make([]string, len(is))
				for j, i := range is {
					names[j] = name(i)
				}
				return incidentError(p.Month, "Decisions", ref, "no customer's decision which of %s keeps its credit", strings.Join(names, ", "))
			}
			n := 0
			for i, o := range p.Outcomes {
				if o.KPI == d.KPI && (d.Org == "" || o.Org == d.Org) && slices.Contains(o.Incidents, ref) {
					keep, n = i, n+1
				}
			}
			if n > 1 {
				return incidentError(p.Month, at+".Org", ref, "the customer's decision names %s, which the incident caused for %d organisations: name one", d.who(), n)
			}
			if keep < 0 {
				return incidentError(p.Month, at+".KPI", ref, "the customer's decision names %s, which the incident did not cause", d.who())
			}
			if !slices.Contains(is, keep) {
				return incidentError(p.Month, at+".KPI", ref, "the customer's decision names %s, whose month costs nothing (want one of the lines that cost money)", d.who())
			}
			why = "customer's choice, decided by " + d.DecidedBy
			if d.Note != "" {
				why += " (" + d.Note + ")"
			}
		}
		lines[keep].Rule += fmt.Sprintf("; keeps its credit for incident %s (%s)", ref, why)
		for _, i := range is {
			if i != keep {
				lost[i] = append(lost[i], fmt.Sprintf("incident %s also caused the failure of %s, which keeps its credit %s (%s)",
					ref, name(keep), money.Format(amounts[keep]), why))
			}
		}
	}
	for i, whys := range lost {
		l := &lines[i]
		l.Rule += fmt.Sprintf("; %s: would have cost %s, no credit", strings.Join(whys, "; "), money.Format(l.Amount))
		l.Amount = decimal.Zero
	}
	return nil
}

// decision returns the customer's decision on incident ref in month m.
func (in Incidents) decision(ref string, m kpi.Month) (Decision, int, bool) {
	for i, d := range in.Decisions {
		if d.Incident == ref && d.Month == m {
			return d, i, true
		}
	}
	return Decision{}, 0, false
}

// incidentError returns a problem applying the rule to incident ref in
// month m, with the field at fault in the Rules (path, within Incidents).
func incidentError(m kpi.Month, path, ref, format string, args ...any) *Error {
	return &Error{Path: "Incidents." + path, Month: m, Msg: fmt.Sprintf("month %s: incident %s: ", m, ref) + fmt.Sprintf(format, args...), Err: ErrInvalidPeriod}
}
