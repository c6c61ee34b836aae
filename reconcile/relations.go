package reconcile

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/nearest"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
)

// Relations are what a pack's figures are declared to mean, beyond what
// the contract says: which table belongs to which organisation, rows the
// contract does not hold, and which figures are totals, shares and
// complements of which. The zero Relations declares nothing: every table
// belongs to the contract's only organisation (or to the contract as a
// whole when it serves several), rows are matched to the contract's
// indicators by name or id, and only the relations the contract and the
// pack's headings imply are checked (pooled KPIs, period totals, board
// counts, targets, RAGs).
type Relations struct {
	Tables      []TableOrg     // which organisation each table belongs to
	Rows        []Row          // rows the contract does not hold
	Totals      []Sum          // figures that are sums of others
	Shares      []Share        // figures that are percentages of others
	Complements []Complement   // pairs of percentages that sum to 100
	Periods     []PeriodRule   // how figures' totals over months are made, where not by default
	Severity    []SeverityRule // the severities of checks' findings, where not by default
}

// TableOrg says which organisation a pack's tables belong to.
type TableOrg struct {
	File  string // the pack file: its name as given, or its base name
	Title string // the table's title, the first cell of its heading row; empty for every table of the file
	Org   string // an organisation of the contract, or contract.Combined for the shared service as a whole
}

// BoardCount is a board summary count. The zero BoardCount is invalid.
type BoardCount uint8

// The board summary counts, as contract.Summary counts them.
const (
	TSLAchieved      BoardCount = iota + 1 // credit-bearing KPIs that met their TSL (Green)
	MSLAchieved                            // met their MSL only (Amber)
	BelowMSL                               // below their MSL (Red), absences the contract counts as failures included
	NotMeasured                            // without a value and not counted as a failure
	BoardTotal                             // in force
	MitigationAgreed                       // with an agreed mitigation
)

var boardWords = words.New[BoardCount]("board count", 1, "tsl-achieved", "msl-achieved", "below-msl", "not-measured", "total", "mitigation-agreed")

// String returns the count's word, such as "tsl-achieved".
func (b BoardCount) String() string { return boardWords.String(b) }

// MarshalText implements encoding.TextMarshaler.
func (b BoardCount) MarshalText() ([]byte, error) { return boardWords.Marshal(b) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (b *BoardCount) UnmarshalText(t []byte) error {
	return boardWords.Unmarshal(b, t)
}

// count returns the board count b of s.
func (b BoardCount) count(s contract.Summary) int {
	switch b {
	case TSLAchieved:
		return s.TSL
	case MSLAchieved:
		return s.MSL
	case BelowMSL:
		return s.BelowMSL
	case NotMeasured:
		return s.Unmeasured
	case BoardTotal:
		return s.Total
	}
	return s.Mitigated
}

// Row gives a label the pack prints a meaning: one of a KPI of the
// contract, a row the contract does not hold (ID, with its Unit), or a
// board count.
type Row struct {
	Label string     // as printed; matched without regard to case or runs of space
	KPI   string     // a KPI of the contract
	ID    string     // a row of the pack only, such as a count of calls met; not a KPI id
	Unit  kpi.Unit   // with ID: percent or count (default count)
	Board BoardCount // a board summary count
}

// Sum declares a total: Total's figure is the sum of Parts' figures, in
// each period printed.
type Sum struct {
	Total string   // the label of the total's row
	Parts []string // the labels of the rows it sums
}

// Share declares a percentage: KPI's figure is 100 x Numerator /
// Denominator. Denominator is required; Numerator may be left empty when
// the pack does not print it, and the percentage is then checked for
// being attainable with its denominator.
type Share struct {
	KPI         string // the label of the percentage's row
	Numerator   string // the label of the numerator's row; may be empty
	Denominator string // the label of the denominator's row
}

// Complement declares two percentages that sum to 100, as missed and met.
type Complement struct {
	KPI string // the label of one percentage's row
	Of  string // the label of the other's
}

// Rule is how a figure's total over months is made. The zero Rule is
// invalid.
type Rule uint8

// The period rules.
const (
	SumRule       Rule = iota + 1 // the months' figures added up: the default for counts
	RecomputeRule                 // a percentage recomputed from the months' summed numerators and denominators: the default for percentages
	LastRule                      // the last month's figure, as a stock at period end
	NoRule                        // not checked
)

var ruleWords = words.New[Rule]("period rule", 1, "sum", "recompute", "last", "none")

// String returns "sum", "recompute", "last" or "none".
func (r Rule) String() string { return ruleWords.String(r) }

// MarshalText implements encoding.TextMarshaler.
func (r Rule) MarshalText() ([]byte, error) { return ruleWords.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Rule) UnmarshalText(b []byte) error {
	return ruleWords.Unmarshal(r, b)
}

// PeriodRule sets how KPI's totals over months are made.
type PeriodRule struct {
	KPI  string // the KPI's id or the row's label
	Rule Rule   // how its totals are made
}

// SeverityRule sets the severity of one check's findings.
type SeverityRule struct {
	Kind     Kind     // the check
	Severity Severity // its findings' severity
}

// ErrInvalidRelations is wrapped by every problem Relations.Validate
// finds.
var ErrInvalidRelations = errors.New("invalid relations")

// RelationError is one problem with a Relations: the Go path of the field
// at fault, such as "Totals[0].Parts[2]", and what is wrong. It unwraps to
// ErrInvalidRelations.
type RelationError struct {
	Path string // the Go path of the field at fault
	Msg  string // what is wrong
}

// Error returns "relations: Totals[0].Parts[2]: ...".
func (e *RelationError) Error() string { return "relations: " + e.Path + ": " + e.Msg }

// Unwrap returns ErrInvalidRelations.
func (e *RelationError) Unwrap() error { return ErrInvalidRelations }

// Validate checks r against contract c: organisations served, KPIs of the
// contract, declared ids that clash with none, shares of percentages over
// counts, each check kind given one severity. It returns every problem,
// each a *RelationError, sorted by path and joined.
func (r Relations) Validate(c *contract.Contract) error {
	var errs []*RelationError
	bad := func(path, format string, args ...any) {
		errs = append(errs, &RelationError{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	units := map[string]kpi.Unit{}
	for _, k := range c.KPIs {
		units[k.ID] = k.Unit
	}
	for i, t := range r.Tables {
		p := fmt.Sprintf("Tables[%d]", i)
		if strings.TrimSpace(t.File) == "" {
			bad(p+".File", "empty (want the pack file's name)")
		}
		if t.Org != contract.Combined && !slices.Contains(c.Orgs, t.Org) {
			want := strings.Join(c.Orgs, ", ")
			if len(c.Orgs) > 1 {
				want += ", " + contract.Combined
			}
			bad(p+".Org", "organisation %q is not served by the contract (want one of %s)", t.Org, want)
		} else if t.Org == contract.Combined && len(c.Orgs) < 2 {
			bad(p+".Org", "%s: the contract serves one organisation only", contract.Combined)
		}
	}
	declared := map[string]kpi.Unit{}
	labels := map[string]int{}
	for i, row := range r.Rows {
		p := fmt.Sprintf("Rows[%d]", i)
		key := nearest.Normal(row.Label)
		if key == "" {
			bad(p+".Label", "empty (want the label as printed)")
		} else if j, dup := labels[key]; dup {
			bad(p+".Label", "label %q already given in Rows[%d]", row.Label, j)
		}
		labels[key] = i
		n := 0
		for _, set := range []bool{row.KPI != "", row.ID != "", row.Board != 0} {
			if set {
				n++
			}
		}
		if n != 1 {
			bad(p, "give exactly one of kpi, id and board")
			continue
		}
		switch {
		case row.KPI != "":
			if _, ok := units[row.KPI]; !ok {
				bad(p+".KPI", "kpi %q is not a kpi of the contract", row.KPI)
			}
			if row.Unit != 0 {
				bad(p+".Unit", "given for a kpi of the contract, whose unit the contract says")
			}
		case row.ID != "":
			if _, ok := units[row.ID]; ok {
				bad(p+".ID", "id %q is a kpi of the contract (use kpi to name it)", row.ID)
			}
			if u, ok := declared[row.ID]; ok && u != unitOr(row.Unit) {
				bad(p+".Unit", "id %s declared with unit %s before", row.ID, u)
			}
			switch row.Unit {
			case 0, kpi.Count, kpi.Percent:
			default:
				bad(p+".Unit", "unit %s: want count or percent", row.Unit)
			}
			declared[row.ID] = unitOr(row.Unit)
		default:
			if row.Unit != 0 {
				bad(p+".Unit", "given for a board count, which is a count")
			}
		}
	}
	unitOf := func(id string) (kpi.Unit, bool) {
		if u, ok := units[id]; ok {
			return u, true
		}
		u, ok := declared[id]
		return u, ok
	}
	known := func(path, id string) (kpi.Unit, bool) {
		u, ok := unitOf(id)
		if !ok {
			bad(path, "%q is neither a kpi of the contract nor an id declared under rows", id)
		}
		return u, ok
	}
	for i, s := range r.Totals {
		p := fmt.Sprintf("Totals[%d]", i)
		known(p+".Total", s.Total)
		if len(s.Parts) == 0 {
			bad(p+".Parts", "no parts (want the ids whose figures add up to the total)")
		}
		for j, part := range s.Parts {
			known(fmt.Sprintf("%s.Parts[%d]", p, j), part)
			if part == s.Total {
				bad(fmt.Sprintf("%s.Parts[%d]", p, j), "%s is the total itself", part)
			}
		}
	}
	shares := map[string]int{}
	for i, s := range r.Shares {
		p := fmt.Sprintf("Shares[%d]", i)
		if u, ok := known(p+".KPI", s.KPI); ok && u != kpi.Percent {
			bad(p+".KPI", "%s is a %s, not a percentage", s.KPI, u)
		}
		if j, dup := shares[s.KPI]; dup {
			bad(p+".KPI", "%s already has a share in Shares[%d]", s.KPI, j)
		}
		shares[s.KPI] = i
		if s.Denominator == "" {
			bad(p+".Denominator", "missing (want the id of the count the percentage is of)")
		} else if u, ok := known(p+".Denominator", s.Denominator); ok && u != kpi.Count {
			bad(p+".Denominator", "%s is a %s, not a count", s.Denominator, u)
		}
		if s.Numerator != "" {
			if u, ok := known(p+".Numerator", s.Numerator); ok && u != kpi.Count {
				bad(p+".Numerator", "%s is a %s, not a count", s.Numerator, u)
			}
		}
	}
	for i, s := range r.Complements {
		p := fmt.Sprintf("Complements[%d]", i)
		for _, f := range []struct{ path, id string }{{p + ".KPI", s.KPI}, {p + ".Of", s.Of}} {
			if u, ok := known(f.path, f.id); ok && u != kpi.Percent {
				bad(f.path, "%s is a %s, not a percentage", f.id, u)
			}
		}
		if s.KPI == s.Of {
			bad(p+".Of", "%s is its own complement", s.Of)
		}
	}
	rules := map[string]int{}
	for i, pr := range r.Periods {
		p := fmt.Sprintf("Periods[%d]", i)
		u, ok := known(p+".KPI", pr.KPI)
		if j, dup := rules[pr.KPI]; dup {
			bad(p+".KPI", "%s already has a rule in Periods[%d]", pr.KPI, j)
		}
		rules[pr.KPI] = i
		switch {
		case pr.Rule < SumRule || pr.Rule > NoRule:
			bad(p+".Rule", "rule not set (want one of %s)", ruleWords.Join())
		case ok && pr.Rule == SumRule && u == kpi.Percent:
			bad(p+".Rule", "percentages are never summed (want recompute, last or none)")
		case ok && pr.Rule == RecomputeRule && u != kpi.Percent:
			bad(p+".Rule", "only percentages are recomputed, not %s", u)
		}
	}
	seen := map[Kind]int{}
	for i, s := range r.Severity {
		p := fmt.Sprintf("Severity[%d]", i)
		if s.Kind < HeadingCheck || s.Kind > ClaimCheck {
			bad(p+".Kind", "check not set (want one of %s)", kindWords.Join())
		} else if j, dup := seen[s.Kind]; dup {
			bad(p+".Kind", "check %s already given in Severity[%d]", s.Kind, j)
		}
		seen[s.Kind] = i
		if s.Severity != Error && s.Severity != Warning {
			bad(p+".Severity", "severity not set (want error or warning)")
		}
	}
	slices.SortStableFunc(errs, func(a, b *RelationError) int { return strings.Compare(a.Error(), b.Error()) })
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return errors.Join(out...)
}

func unitOr(u kpi.Unit) kpi.Unit {
	if u == 0 {
		return kpi.Count
	}
	return u
}

// normal folds a label for matching: lower case, runs of white space as
// one space, no surrounding space.
