package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
)

// Text writes a plain-text report of r, an evaluation of c: the board's
// summary table (as council packs print it, counting raw outcomes), the
// RAG table of every indicator, the mitigations agreed, the credit ledger
// and the contract-year totals. Money is printed with the contract's
// places; the output depends only on its inputs.
func Text(w io.Writer, c *contract.Contract, r *contract.Result) error {
	return textOf(w, c, whole(r))
}

// Text writes Text's report of o, an evaluation of c restricted to one
// organisation.
func (o *Org) Text(w io.Writer, c *contract.Contract) error { return textOf(w, c, o.view()) }

func textOf(w io.Writer, c *contract.Contract, v *view) error {
	b := bufio.NewWriter(w)
	t := &textWriter{b: b, c: c, v: v}
	t.header()
	t.summary()
	t.rag()
	t.pooled()
	t.mitigations()
	t.decisions()
	t.ledger()
	t.events()
	t.years()
	return b.Flush()
}

type textWriter struct {
	b *bufio.Writer
	c *contract.Contract
	v *view
}

// f writes format with args, each text argument escaped for the terminal
// (safetext.Term): text from input files never reaches the reader's
// terminal raw.
func (t *textWriter) f(format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = safetext.Term(s)
		}
	}
	fmt.Fprintf(t.b, format, args...)
}

func (t *textWriter) header() {
	ms := t.v.months
	t.f("%s\n", t.c.Name)
	t.f("Customer: %s. Supplier: %s. Service commencement %s.\n", t.c.Customer, t.c.Supplier, t.c.Commencement.Pack())
	if len(ms) > 0 {
		first, last := ms[0], ms[len(ms)-1]
		t.f("Period %s to %s: service months %d to %d.\n", first.Month.Pack(), last.Month.Pack(), first.ServiceMonth, last.ServiceMonth)
	}
	t.f("\n")
}

// monthHeads returns the column heads "Yr 7 Jun-21".
func (t *textWriter) monthHeads() []string {
	out := make([]string, len(t.v.months))
	for i, m := range t.v.months {
		out[i] = fmt.Sprintf("Yr %d %s", m.Year, m.Month.Pack())
	}
	return out
}

func (t *textWriter) summary() {
	t.f("Summary (raw outcomes, KPIs only; PIs are reported below but not counted)\n")
	rows := []struct {
		name string
		get  func(contract.Summary) int
	}{
		{"TSL achieved", func(s contract.Summary) int { return s.TSL }},
		{"MSL achieved", func(s contract.Summary) int { return s.MSL }},
		{"Below MSL", func(s contract.Summary) int { return s.BelowMSL }},
		{"Not measured", func(s contract.Summary) int { return s.Unmeasured }},
		{"TOTAL", func(s contract.Summary) int { return s.Total }},
		{"Mitigation Agreed", func(s contract.Summary) int { return s.Mitigated }},
	}
	tab := [][]string{append([]string{"Overall Contract Performance"}, t.monthHeads()...)}
	for _, row := range rows {
		line := []string{row.name}
		nonzero := false
		for _, m := range t.v.months {
			n := row.get(m.Summary)
			nonzero = nonzero || n != 0
			line = append(line, fmt.Sprint(n))
		}
		if row.name == "Not measured" && !nonzero {
			continue
		}
		tab = append(tab, line)
	}
	t.table(tab)
}

func (t *textWriter) rag() {
	t.f("RAG by indicator (raw status; * marks an agreed mitigation; - not in force)\n")
	tab := [][]string{append([]string{"Indicator", "Kind"}, t.monthHeads()...)}
	type rowKey struct{ kpi, org string }
	rowOf := map[rowKey]int{}
	for mi, m := range t.v.months {
		for _, cell := range m.Cells {
			k := rowKey{cell.Measured.KPI, cell.Measured.Org}
			i, ok := rowOf[k]
			if !ok {
				name := k.kpi
				if len(t.c.Orgs) > 1 {
					name += " " + k.org
				}
				row := append([]string{name, cell.Measured.Kind.String()}, make([]string, len(t.v.months))...)
				for j := range t.v.months {
					row[2+j] = "-"
				}
				tab = append(tab, row)
				i = len(tab) - 1
				rowOf[k] = i
			}
			tab[i][2+mi] = ragCell(cell)
		}
	}
	t.table(tab)
	if hasDeemed(t.v) {
		t.f("raw>deemed: a mitigation deems the status shown after the >\n\n")
	}
	if hasKind(t.v, kpi.Figure) {
		t.f("figure: its value as reported, with no target and no RAG status\n\n")
	}
}

func (t *textWriter) pooled() {
	pcs := pooledCells(t.v, len(t.c.Orgs))
	if len(pcs) == 0 {
		return
	}
	t.f("Pooled indicators (our value, computed from its parts, beside the figure published)\n")
	tab := [][]string{{"Month", "Indicator", "Computed", "Published", "Status"}}
	for _, pc := range pcs {
		tab = append(tab, []string{pc.month.Pack(), pc.who, pc.computed, pc.published, pc.status})
	}
	t.table(tab)
	for _, pc := range pcs {
		t.f("%s %s: %s\n", pc.month.Pack(), pc.who, pc.computation)
	}
	t.f("\n")
}

func (t *textWriter) mitigations() {
	recs := mitigationsOf(t.v)
	if len(recs) == 0 {
		return
	}
	t.f("Mitigations agreed\n")
	for _, rec := range recs {
		t.f("%s  %s %s (%s)%s\n    reason: %s\n", rec.Ref, rec.KPI, span(rec), effect(rec), agreed(rec), rec.Reason)
	}
	t.f("\n")
}

// decisions lists the customer's incident decisions, if any.
func (t *textWriter) decisions() {
	ds := decisionsOf(t.c, t.v)
	if len(ds) == 0 {
		return
	}
	t.f("Incident decisions (one incident breaching several KPIs: the customer chose which keeps its credit)\n")
	for _, d := range ds {
		t.f("%s\n", decisionText(d, len(t.c.Orgs)))
	}
	t.f("\n")
}

func (t *textWriter) ledger() {
	money := t.c.Credits.Money
	t.f("Service credit ledger (failures, reliefs and caps; green and PI lines cost nothing)\n")
	if hasCritical(t.c) {
		t.f("A critical service level failure withholds the month's charges in place of its credits.\n")
	}
	for _, l := range t.v.lines {
		if l.Kind == credits.CreditLine && !l.Raw.Failed() && l.Amount.IsZero() && l.Mitigation == "" {
			continue
		}
		t.f("%s  %-12s %12s  %s\n", l.Month.Pack(), lineWho(l, len(t.c.Orgs)), money.Format(l.Amount), l.Rule)
	}
	if hasCritical(t.c) {
		t.f("\n%-6s  %14s %14s %14s %12s %14s\n", "Month", "Charges", "Withheld", "Uncapped", "Cut", "Credit")
		for _, m := range t.v.ledger.Months {
			t.f("%s  %14s %14s %14s %12s %14s\n", m.Month.Pack(), money.Format(m.Charges), money.Format(m.Withheld),
				money.Format(m.Uncapped), money.Format(m.Cut), money.Format(m.Total))
		}
		t.f("\n")
		return
	}
	t.f("\n%-6s  %14s %12s %12s %12s\n", "Month", "Charges", "Uncapped", "Cut", "Credit")
	for _, m := range t.v.ledger.Months {
		t.f("%s  %14s %12s %12s %12s\n", m.Month.Pack(), money.Format(m.Charges), money.Format(m.Uncapped), money.Format(m.Cut), money.Format(m.Total))
	}
	t.f("\n")
}

// events lists the triggers' events with their evidence, if any.
func (t *textWriter) events() {
	evs := t.v.ledger.Events
	if len(evs) == 0 {
		return
	}
	t.f("Events (the contract's triggers, with their evidence)\n")
	for _, e := range evs {
		t.f("%s  %s (%s): %s\n", e.Month.Pack(), e.Trigger, e.Kind, e.Detail)
	}
	t.f("\n")
}

func (t *textWriter) years() {
	money := t.c.Credits.Money
	for _, y := range t.v.ledger.Years {
		capText := "no annual cap"
		if y.HasCap {
			capText = "annual cap " + money.Format(y.Cap)
		}
		t.f("Contract year %d (%s to %s evaluated): charges %s, %s\n", y.Year, y.From.Pack(), y.To.Pack(), money.Format(y.Charges), capText)
		if hasCritical(t.c) {
			t.f("  withheld %s (critical failures), ", money.Format(y.Withheld))
		} else {
			t.f("  ")
		}
		t.f("uncapped %s, cut %s, credit %s\n", money.Format(y.Uncapped), money.Format(y.Cut), money.Format(y.Total))
		for _, d := range y.Drivers {
			ms := make([]string, len(d.Months))
			for i, m := range d.Months {
				ms[i] = m.Pack()
			}
			t.f("  driven by %s: %s (%s)\n", driverWho(d, len(t.c.Orgs)), money.Format(d.Amount), strings.Join(ms, ", "))
		}
	}
	t.f("Total credit: %s\n", money.Format(t.v.ledger.Total))
}

func orgSuffix(org string, orgs int) string {
	if orgs > 1 {
		return " " + org
	}
	return ""
}

// table writes rows with the first column left-aligned and the others
// right-aligned, each as wide as its widest cell, then a blank line.
func (t *textWriter) table(rows [][]string) {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], len(c))
		}
	}
	for _, r := range rows {
		var sb strings.Builder
		for i, c := range r {
			if i == 0 {
				sb.WriteString(c + strings.Repeat(" ", width[0]-len(c)))
				continue
			}
			sb.WriteString("  " + strings.Repeat(" ", width[i]-len(c)) + c)
		}
		t.f("%s\n", strings.TrimRight(sb.String(), " "))
	}
	t.f("\n")
}
