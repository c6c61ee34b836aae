package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
)

// ErrNoCell is wrapped by Explain's error when the result has no such
// KPI-month.
var ErrNoCell = errors.New("no such kpi-month in the evaluation")

// Explain writes the whole reasoning for one KPI-month of r, an evaluation
// of c, in plain words: the KPI, the measured value and its rounding, the
// thresholds in force and where they come from, the status, the absence
// rule, the mitigation, the points and money, and the month's caps. org
// may be empty when the KPI is measured for one organisation only.
func Explain(w io.Writer, c *contract.Contract, r *contract.Result, id, org string, month kpi.Month) error {
	var mo *contract.MonthResult
	for i := range r.Months {
		if r.Months[i].Month == month {
			mo = &r.Months[i]
		}
	}
	if mo == nil {
		return fmt.Errorf("kpi %s: %s: month not evaluated: %w", id, month, ErrNoCell)
	}
	var cells []contract.Cell
	var orgs []string
	for _, cell := range mo.Cells {
		if cell.Measured.KPI == id && (org == "" || cell.Measured.Org == org) {
			cells = append(cells, cell)
			orgs = append(orgs, cell.Measured.Org)
		}
	}
	switch {
	case len(cells) == 0 && org != "":
		return fmt.Errorf("kpi %s: %s: not in force for organisation %q: %w", id, month, org, ErrNoCell)
	case len(cells) == 0:
		return fmt.Errorf("kpi %s: %s: not in force: %w", id, month, ErrNoCell)
	case len(cells) > 1:
		return fmt.Errorf("kpi %s: %s: measured for %s: name one organisation: %w", id, month, strings.Join(orgs, ", "), ErrNoCell)
	}
	cell := cells[0]
	var def *contract.KPI
	for i := range c.KPIs {
		if c.KPIs[i].ID == id {
			def = &c.KPIs[i]
		}
	}
	money := c.Credits.Money
	res := cell.Measured
	b := bufio.NewWriter(w)
	p := func(label, format string, args ...any) {
		fmt.Fprintf(b, "%-12s %s\n", label, safetext.Term(fmt.Sprintf(format, args...)))
	}
	fmt.Fprintf(b, "%s for %s in %s (service month %d, contract year %d)\n", safetext.Term(id), safetext.Term(res.Org), month.Pack(), mo.ServiceMonth, mo.Year)
	if def != nil {
		fmt.Fprintf(b, "%s\n", safetext.Term(def.Name))
		p("Indicator:", "%s, %s, %s; measured to %s", def.Kind, def.Unit, def.Direction, def.Precision)
		if def.Note != "" {
			p("Note:", "%s", def.Note)
		}
	}
	b.WriteString("\n")
	if res.Status == kpi.Unmeasured {
		p("Measured:", "no value (%s)", res.Absent)
	} else {
		p("Measured:", "%s", kpi.FormatValue(res.Value))
		p("Rounding:", "%s rounds to %s (%s)", kpi.FormatValue(res.Value), res.Rounded.StringFixed(res.Precision.Places), res.Precision)
	}
	if cell.Computation() != "" {
		p("Computed:", "%s", strings.TrimPrefix(cell.Computation(), "pooled: "))
		pub := published(cell)
		if cell.Published() == nil {
			pub = "none supplied"
		}
		p("Published:", "%s", pub)
	}
	switch {
	case res.Kind == kpi.Figure:
		p("Target:", "none: a figure is reported, never judged")
	case res.Relative != 0:
		p("Target:", "%s, compared with %s", res.Relative, res.BaseMonth.Pack())
	default:
		p("Thresholds:", "%s, from the %s", res.Thresholds, thresholdSource(res.Source))
	}
	p("Status:", "%s", res.Reason())
	if res.Status == kpi.Unmeasured {
		if cell.Raw == kpi.Red {
			p("Absence:", "the contract counts %s as red (below the minimum service level)", res.Absent)
		} else {
			p("Absence:", "%s is reported, never credited", res.Absent)
		}
	}
	if n := note(cell); n != "" {
		p("Pack note:", "%s", n)
	}
	if cell.Mitigation != nil {
		rec := *cell.Mitigation
		p("Mitigation:", "%s (%s) covers %s %s%s", rec.Ref, effect(rec), rec.KPI, span(rec), agreed(rec))
		p("", "reason: %s", rec.Reason)
		if rec.Impact != "" {
			p("", "impact: %s", rec.Impact)
		}
		if rec.PathToGreen != "" {
			p("", "path to green: %s", rec.PathToGreen)
		}
		if rec.Effect == mitigation.Deemed {
			p("", "status deemed %s (was %s); credits follow the deemed status", cell.Status, cell.Raw)
		} else {
			p("", "status stays %s; the KPI-month is relieved of credits", cell.Raw)
		}
	} else {
		p("Mitigation:", "none agreed")
	}
	p("Credit:", "%s", cell.Credit.Rule)
	p("Amount:", "%s", money.Format(cell.Credit.Amount))
	b.WriteString("\n")
	for _, mt := range r.Ledger.Months {
		if mt.Month != month {
			continue
		}
		if mt.EarnedBack.Sign() != 0 {
			p("Month:", "charges %s; credits %s before caps, cut %s, earned back %s, credit %s",
				money.Format(mt.Charges), money.Format(mt.Uncapped), money.Format(mt.Cut), money.Format(mt.EarnedBack), money.Format(mt.Total))
		} else {
			p("Month:", "charges %s; credits %s before caps, cut %s, credit %s",
				money.Format(mt.Charges), money.Format(mt.Uncapped), money.Format(mt.Cut), money.Format(mt.Total))
		}
		caps := 0
		for _, l := range r.Ledger.Lines {
			if l.Kind == credits.WithholdLine && l.Month == month {
				p("Withheld:", "%s", l.Rule)
			}
			if l.Kind == credits.CapLine && l.Month == month {
				p("Cap:", "%s", l.Rule)
				caps++
			}
			if l.Kind == credits.EarnBackLine && l.Month == month {
				p("Earned back:", "%s %s", lineWho(l, len(c.Orgs)), l.Rule)
			}
		}
		if caps == 0 {
			p("Caps:", "%s", capsText(c, mt))
		}
	}
	return b.Flush()
}

// thresholdSource says where a month's thresholds come from.
func thresholdSource(s kpi.Source) string {
	if s.Kind == kpi.FromBase {
		return "base levels"
	}
	return s.String()
}

// capsText describes the caps of a month that none of them cut.
func capsText(c *contract.Contract, mt credits.MonthTotal) string {
	caps := c.Credits.Caps
	var parts []string
	if caps.Month != nil {
		limit := c.Credits.Money.Round(mt.Charges.Mul(*caps.Month).Shift(-2))
		parts = append(parts, fmt.Sprintf("monthly cap %s%% of charges = %s", kpi.FormatValue(*caps.Month), c.Credits.Money.Format(limit)))
	}
	if caps.Year != nil {
		parts = append(parts, fmt.Sprintf("annual cap %s%% of the contract year's charges", kpi.FormatValue(*caps.Year)))
	}
	if len(parts) == 0 {
		return "the contract sets no caps"
	}
	return strings.Join(parts, "; ") + ": not reached, nothing cut"
}
