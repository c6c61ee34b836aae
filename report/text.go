package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/shopspring/decimal"
)

// Text writes a plain-text report of r, an evaluation of c: the board's
// summary table (as council packs print it, counting raw outcomes), the
// RAG table of every indicator, the mitigations agreed, the credit ledger
// and the contract-year totals. Money is printed with the contract's
// places; the output depends only on its inputs.
func Text(w io.Writer, c *contract.Contract, r *contract.Result) error {
	return writeText(w, digestOf(c, whole(r)))
}

// Text writes Text's report of o, an evaluation of c restricted to one
// organisation.
func (o *Org) Text(w io.Writer, c *contract.Contract) error {
	return writeText(w, digestOf(c, o.view()))
}

func writeText(w io.Writer, d *digest) error {
	b := bufio.NewWriter(w)
	t := &textWriter{b: b, c: d.c, d: d}
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

// textWriter writes the text report of a digest, or the pack tables of a
// view.
type textWriter struct {
	b *bufio.Writer
	c *contract.Contract
	d *digest // for the text report
	v *view   // for the pack tables
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
	hs := t.d.heads
	t.f("%s\n", t.c.Name)
	t.f("Customer: %s. Supplier: %s. Service commencement %s.\n", t.c.Customer, t.c.Supplier, t.c.Commencement.Pack())
	if len(hs) > 0 {
		first, last := hs[0], hs[len(hs)-1]
		t.f("Period %s to %s: service months %d to %d.\n", first.month.Pack(), last.month.Pack(), first.serviceMonth, last.serviceMonth)
	}
	t.f("\n")
}

// monthHeads returns the column heads "Yr 7 Jun-21".
func (d *digest) monthHeads() []string {
	out := make([]string, len(d.heads))
	for i, h := range d.heads {
		out[i] = fmt.Sprintf("Yr %d %s", h.year, h.month.Pack())
	}
	return out
}

// summaryRows are the rows of the board's summary table.
var summaryRows = []struct {
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

// summaryTable returns the summary table's rows after its head: "Not
// measured" only when a month has one.
func (d *digest) summaryTable() [][]string {
	var tab [][]string
	for _, row := range summaryRows {
		line := []string{row.name}
		nonzero := false
		for _, h := range d.heads {
			n := row.get(h.summary)
			nonzero = nonzero || n != 0
			line = append(line, fmt.Sprint(n))
		}
		if row.name == "Not measured" && !nonzero {
			continue
		}
		tab = append(tab, line)
	}
	return tab
}

func (t *textWriter) summary() {
	t.f("Summary (raw outcomes, KPIs only; PIs are reported below but not counted)\n")
	tab := [][]string{append([]string{"Overall Contract Performance"}, t.d.monthHeads()...)}
	t.table(append(tab, t.d.summaryTable()...))
}

func (t *textWriter) rag() {
	t.f("RAG by indicator (raw status; * marks an agreed mitigation; - not in force)\n")
	tab := [][]string{append([]string{"Indicator", "Kind"}, t.d.monthHeads()...)}
	for _, row := range t.d.rows {
		tab = append(tab, append([]string{row.name, row.kind}, row.cells...))
	}
	t.table(tab)
	if t.d.deemed {
		t.f("raw>deemed: a mitigation deems the status shown after the >\n\n")
	}
	if t.d.figure {
		t.f("figure: its value as reported, with no target and no RAG status\n\n")
	}
}

func (t *textWriter) pooled() {
	pcs := t.d.pooled
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
	recs := t.d.recs
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
	ds := t.d.decisions()
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
	for _, l := range t.d.lines {
		t.f("%s  %-12s %12s  %s\n", l.Month.Pack(), lineWho(l, len(t.c.Orgs)), money.Format(l.Amount), l.Rule)
	}
	// The columns: with a critical rule, Withheld after Charges, wider;
	// with an earn-back rule, Earned back before Credit.
	type col struct {
		head  string
		width int
		of    func(m credits.MonthTotal) decimal.Decimal
	}
	wide := 12
	if hasCritical(t.c) {
		wide = 14
	}
	cols := []col{{"Charges", 14, func(m credits.MonthTotal) decimal.Decimal { return m.Charges }}}
	if hasCritical(t.c) {
		cols = append(cols, col{"Withheld", 14, func(m credits.MonthTotal) decimal.Decimal { return m.Withheld }})
	}
	cols = append(cols, col{"Uncapped", wide, func(m credits.MonthTotal) decimal.Decimal { return m.Uncapped }},
		col{"Cut", 12, func(m credits.MonthTotal) decimal.Decimal { return m.Cut }})
	if hasEarnBack(t.c) {
		cols = append(cols, col{"Earned back", 12, func(m credits.MonthTotal) decimal.Decimal { return m.EarnedBack }})
	}
	cols = append(cols, col{"Credit", wide, func(m credits.MonthTotal) decimal.Decimal { return m.Total }})
	t.f("\n%-6s", "Month")
	for i, c := range cols {
		t.f("%s%*s", sep(i), c.width, c.head)
	}
	t.f("\n")
	for _, m := range t.d.months {
		t.f("%s", m.Month.Pack())
		for i, c := range cols {
			t.f("%s%*s", sep(i), c.width, money.Format(c.of(m)))
		}
		t.f("\n")
	}
	t.f("\n")
}

// sep is what goes before a monthly totals column: two spaces before the
// first, one before the others.
func sep(i int) string {
	if i == 0 {
		return "  "
	}
	return " "
}

// events lists the triggers' events with their evidence, if any.
func (t *textWriter) events() {
	evs := t.d.events
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
	for _, y := range t.d.years {
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
		if hasEarnBack(t.c) {
			t.f("uncapped %s, cut %s, earned back %s, credit %s\n", money.Format(y.Uncapped), money.Format(y.Cut), money.Format(y.EarnedBack), money.Format(y.Total))
		} else {
			t.f("uncapped %s, cut %s, credit %s\n", money.Format(y.Uncapped), money.Format(y.Cut), money.Format(y.Total))
		}
		for _, d := range y.Drivers {
			ms := make([]string, len(d.Months))
			for i, m := range d.Months {
				ms[i] = m.Pack()
			}
			t.f("  driven by %s: %s (%s)\n", driverWho(d, len(t.c.Orgs)), money.Format(d.Amount), strings.Join(ms, ", "))
		}
	}
	t.f("Total credit: %s\n", money.Format(t.d.total))
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
