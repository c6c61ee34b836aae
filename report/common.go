package report

import (
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// mitigationsOf returns the mitigation records applied in v, each once, in
// the order of the first KPI-month each covers.
func mitigationsOf(v *view) []mitigation.Record {
	seen := map[string]bool{}
	var out []mitigation.Record
	for _, m := range v.months {
		for _, cell := range m.Cells {
			if cell.Mitigation != nil && !seen[cell.Mitigation.Ref] {
				seen[cell.Mitigation.Ref] = true
				out = append(out, *cell.Mitigation)
			}
		}
	}
	return out
}

// ragCell shows a cell's raw status, then its deemed status after ">"
// when a mitigation deems another, and "*" when a mitigation applies:
// "amber*", "red>green*". A reported figure shows its value instead of a
// status.
func ragCell(c contract.Cell) string {
	s := c.Raw.String()
	if c.Raw == kpi.Reported {
		s = rounded(c.Measured)
	}
	if c.Status != c.Raw {
		s += ">" + c.Status.String()
	}
	if c.Mitigation != nil {
		s += "*"
	}
	return s
}

// span returns the months a record covers: "Jun-21" or "Jun-21 to Jul-21".
func span(rec mitigation.Record) string {
	s := rec.From.Pack()
	if rec.Last() != rec.From {
		s += " to " + rec.Last().Pack()
	}
	return s
}

// effect returns "relief" or "deemed green".
func effect(rec mitigation.Record) string {
	if rec.Effect == mitigation.Deemed {
		return rec.Effect.String() + " " + rec.Deemed.String()
	}
	return rec.Effect.String()
}

// agreed returns " agreed 2021-07-20 by NAME", or the parts known.
func agreed(rec mitigation.Record) string {
	s := ""
	if !rec.AgreedOn.IsZero() {
		s = " agreed " + rec.AgreedOn.String()
	}
	if rec.AgreedBy != "" {
		s += " by " + rec.AgreedBy
	}
	return s
}

// rounded returns a classified value as compared: with the KPI's places.
func rounded(r kpi.Result) string { return r.Rounded.StringFixed(r.Precision.Places) }

// pooledCell is one pooled KPI-month as the reports show it: our value,
// the pack's published figure, the status and the computation.
type pooledCell struct {
	month       kpi.Month
	who         string // the KPI, and the organisation when there are several
	computed    string // our value with the KPI's places, or "none (reason)"
	published   string // the figure as published, its absence, or "none"
	status      string // the raw status, as in the RAG table
	computation string
}

// pooledCells returns the pooled KPI-months of v, month by month in cell
// order; orgs is the number of organisations the contract serves.
func pooledCells(v *view, orgs int) []pooledCell {
	var out []pooledCell
	for _, m := range v.months {
		for _, c := range m.Cells {
			if c.Computation() == "" {
				continue
			}
			pc := pooledCell{month: m.Month, who: c.Measured.KPI + orgSuffix(c.Measured.Org, orgs),
				computed: computed(c.Measured), published: published(c), status: ragCell(c), computation: c.Computation()}
			out = append(out, pc)
		}
	}
	return out
}

// computed returns a value as compared, or "none (absence)".
func computed(r kpi.Result) string {
	if r.Status == kpi.Unmeasured {
		return "none (" + r.Absent.String() + ")"
	}
	return rounded(r)
}

// published returns a pooled cell's published figure as written, its
// absence, or "none" when no figure was supplied.
func published(c contract.Cell) string {
	switch pub := c.Published(); {
	case pub == nil:
		return "none"
	case pub.Absent != 0:
		return pub.Absent.String()
	default:
		return kpi.FormatValue(pub.Value)
	}
}

// note returns a cell's note: the measurement's, or for a pooled KPI the
// published figure's.
func note(c contract.Cell) string {
	if pub := c.Published(); c.Note == "" && pub != nil {
		return pub.Note
	}
	return c.Note
}

// lineWho names a ledger line's subject: the KPI (with the organisation
// when the contract serves several), "withheld" for a critical month's
// withholding, "cap month", "cap year", "cap rolling-12-months",
// "cap two-limb" for the cap that bit, or "earn-back" and the KPI for a
// credit earned back.
func lineWho(l credits.Line, orgs int) string {
	if l.Kind == credits.WithholdLine {
		return "withheld"
	}
	if l.Kind == credits.EarnBackLine {
		return "earn-back " + l.KPI + orgSuffix(l.Org, orgs)
	}
	if l.Kind == credits.CapLine {
		if l.Cap == 0 {
			return "cap"
		}
		return "cap " + l.Cap.String()
	}
	return l.KPI + orgSuffix(l.Org, orgs)
}

// hasEarnBack reports whether c has an earn-back rule, whose earn-backs
// the reports then show in their own column.
func hasEarnBack(c *contract.Contract) bool { return len(c.Credits.EarnBack.KPIs) > 0 }

// hasCritical reports whether c has a critical service level failure
// rule, whose withholdings the reports then show in their own column.
func hasCritical(c *contract.Contract) bool { return len(c.Credits.Critical.KPIs) > 0 }

// driverWho names a year's driver: the KPI (with the organisation when
// the contract serves several), or the critical failure withholdings.
func driverWho(d credits.Driver, orgs int) string {
	if d.Withholding {
		return "critical failure withholding"
	}
	return d.KPI + orgSuffix(d.Org, orgs)
}

// decisionsOf returns the customer's incident decisions of c for the
// months v shows, in the contract's order; none unless the contract's
// incident rule is the customer's choice.
func decisionsOf(c *contract.Contract, v *view) []credits.Decision {
	if len(v.months) == 0 {
		return nil
	}
	return decisionsIn(c, v.months[0].Month, v.months[len(v.months)-1].Month)
}

// decisionsIn returns the customer's incident decisions of c for the
// months from through to, in the contract's order; none unless the
// contract's incident rule is the customer's choice.
func decisionsIn(c *contract.Contract, from, to kpi.Month) []credits.Decision {
	in := c.Credits.Incidents
	if in.Rule != credits.CustomerChoice {
		return nil
	}
	var out []credits.Decision
	for _, d := range in.Decisions {
		if !d.Month.Before(from) && !d.Month.After(to) {
			out = append(out, d)
		}
	}
	return out
}

// decisionText describes a decision: "INC-42 Jun-21: KPI01 keeps the
// credit, decided by Contract Manager (CCN 7)".
func decisionText(d credits.Decision, orgs int) string {
	s := fmt.Sprintf("%s %s: %s%s keeps the credit, decided by %s", d.Incident, d.Month.Pack(), d.KPI, orgSuffix(d.Org, orgs), d.DecidedBy)
	if d.Note != "" {
		s += " (" + d.Note + ")"
	}
	return s
}

// numbers formats decimals as kpi.FormatValue and StringFixed do,
// remembering the text of each value whose coefficient fits 18 digits: a
// report writes the same few values (thresholds, points, amounts) over
// and over, and formatting a decimal allocates. It remembers at most
// maxNumbers texts. The zero numbers is ready to use.
type numbers struct{ m map[numKey]string }

type numKey struct {
	c           int64
	exp, places int32
}

const maxNumbers = 1 << 16

// fixed returns d.StringFixed(places).
func (n *numbers) fixed(d decimal.Decimal, places int32) string {
	if d.NumDigits() > 18 {
		return d.StringFixed(places)
	}
	k := numKey{d.CoefficientInt64(), d.Exponent(), places}
	if s, ok := n.m[k]; ok {
		return s
	}
	s := d.StringFixed(places)
	if n.m == nil {
		n.m = map[numKey]string{}
	}
	if len(n.m) < maxNumbers {
		n.m[k] = s
	}
	return s
}

// value returns kpi.FormatValue(d): d with the places it has.
func (n *numbers) value(d decimal.Decimal) string { return n.fixed(d, max(-d.Exponent(), 0)) }
