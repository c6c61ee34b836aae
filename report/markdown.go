package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/safetext"
)

// Markdown writes the report Text writes as GitHub-flavoured Markdown:
// headings, the summary and RAG tables, the mitigations, the ledger and
// the contract-year totals.
func Markdown(w io.Writer, c *contract.Contract, r *contract.Result) error {
	return writeMarkdown(w, digestOf(c, whole(r)))
}

// Markdown writes Markdown's report of o, an evaluation of c restricted to
// one organisation.
func (o *Org) Markdown(w io.Writer, c *contract.Contract) error {
	return writeMarkdown(w, digestOf(c, o.view()))
}

func writeMarkdown(w io.Writer, d *digest) error {
	b := bufio.NewWriter(w)
	md := &mdWriter{b: b, c: d.c, d: d}
	md.all()
	return b.Flush()
}

type mdWriter struct {
	b *bufio.Writer
	c *contract.Contract
	d *digest
}

func (m *mdWriter) f(format string, args ...any) { fmt.Fprintf(m.b, format, args...) }

// row writes one table row, each cell escaped with safetext.Markdown: no
// text can end a cell or form markup.
func (m *mdWriter) row(cells ...string) {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = safetext.Markdown(c)
	}
	m.write(out)
}

// statusRow writes one table row whose cells from the first status on
// are statuses the report composes ("red>green*", a figure's value),
// whose > and * are meant; the cells before it are escaped as row does.
func (m *mdWriter) statusRow(first int, cells ...string) {
	out := make([]string, len(cells))
	for i, c := range cells {
		if i < first {
			c = safetext.Markdown(c)
		}
		out[i] = c
	}
	m.write(out)
}

func (m *mdWriter) write(cells []string) { fmt.Fprintf(m.b, "| %s |\n", strings.Join(cells, " | ")) }

// text escapes input text outside a table for Markdown.
func text(s string) string { return safetext.Markdown(s) }

// head writes a table's header row, with the columns after the first
// right-aligned.
func (m *mdWriter) head(cells ...string) {
	m.row(cells...)
	seps := make([]string, len(cells))
	for i := range cells {
		seps[i] = "---"
		if i > 0 {
			seps[i] = "---:"
		}
	}
	m.f("|%s|\n", strings.Join(seps, "|"))
}

func (m *mdWriter) all() {
	c, d := m.c, m.d
	money := c.Credits.Money
	m.f("# %s\n\n", text(c.Name))
	m.f("Customer: %s. Supplier: %s. Service commencement %s.", text(c.Customer), text(c.Supplier), c.Commencement.Pack())
	if len(d.heads) > 0 {
		first, last := d.heads[0], d.heads[len(d.heads)-1]
		m.f(" Period %s to %s: service months %d to %d.", first.month.Pack(), last.month.Pack(), first.serviceMonth, last.serviceMonth)
	}
	m.f("\n\n## Summary\n\nRaw outcomes, KPIs only; PIs are reported below but not counted.\n\n")
	heads := append([]string{"Overall Contract Performance"}, d.monthHeads()...)
	m.head(heads...)
	for _, row := range d.summaryTable() {
		m.row(row...)
	}
	m.f("\n## RAG by indicator\n\nRaw status; `*` marks an agreed mitigation; `raw>deemed` a deemed status; `-` not in force.\n\n")
	m.head(append([]string{"Indicator", "Kind"}, heads[1:]...)...)
	for _, row := range d.rows {
		m.statusRow(2, append([]string{row.name, row.kind}, row.cells...)...)
	}
	if d.figure {
		m.f("\nA figure shows its value as reported, with no target and no RAG status.\n")
	}
	if pcs := d.pooled; len(pcs) > 0 {
		m.f("\n## Pooled indicators\n\nOur value, computed from its parts, beside the figure published.\n\n")
		m.row("Month", "Indicator", "Computed", "Published", "Status", "Computation")
		m.f("|---|---|---:|---:|---|---|\n")
		for _, pc := range pcs {
			m.write([]string{pc.month.Pack(), text(pc.who), text(pc.computed), text(pc.published), pc.status, text(pc.computation)})
		}
	}
	if recs := d.recs; len(recs) > 0 {
		m.f("\n## Mitigations agreed\n\n")
		for _, rec := range recs {
			m.f("- **%s** %s %s (%s)%s: %s\n", text(rec.Ref), text(rec.KPI), span(rec), effect(rec), text(agreed(rec)), text(rec.Reason))
		}
	}
	if ds := d.decisions(); len(ds) > 0 {
		m.f("\n## Incident decisions\n\nOne incident breaching several KPIs: the customer chose which keeps its credit.\n\n")
		for _, dc := range ds {
			m.f("- %s\n", text(decisionText(dc, len(c.Orgs))))
		}
	}
	m.f("\n## Service credit ledger\n\nFailures, reliefs and caps; green and PI lines cost nothing.")
	if hasCritical(c) {
		m.f(" A critical service level failure withholds the month's charges in place of its credits.")
	}
	m.f("\n\n")
	m.head("Month", "Indicator", "Credit", "Rule")
	for _, l := range d.lines {
		m.row(l.Month.Pack(), lineWho(l, len(c.Orgs)), money.Format(l.Amount), l.Rule)
	}
	if evs := d.events; len(evs) > 0 {
		m.f("\n## Events\n\nThe contract's triggers, with their evidence.\n\n")
		m.head("Month", "Trigger", "Kind", "Evidence")
		for _, e := range evs {
			m.row(e.Month.Pack(), e.Trigger, e.Kind.String(), e.Detail)
		}
	}
	m.f("\n## Monthly totals\n\n")
	if hasCritical(c) {
		m.head("Month", "Charges", "Withheld", "Uncapped", "Cut", "Credit")
		for _, mt := range d.months {
			m.row(mt.Month.Pack(), money.Format(mt.Charges), money.Format(mt.Withheld), money.Format(mt.Uncapped), money.Format(mt.Cut), money.Format(mt.Total))
		}
	} else if hasEarnBack(c) {
		m.head("Month", "Charges", "Uncapped", "Cut", "Earned back", "Credit")
		for _, mt := range d.months {
			m.row(mt.Month.Pack(), money.Format(mt.Charges), money.Format(mt.Uncapped), money.Format(mt.Cut), money.Format(mt.EarnedBack), money.Format(mt.Total))
		}
	} else {
		m.head("Month", "Charges", "Uncapped", "Cut", "Credit")
		for _, mt := range d.months {
			m.row(mt.Month.Pack(), money.Format(mt.Charges), money.Format(mt.Uncapped), money.Format(mt.Cut), money.Format(mt.Total))
		}
	}
	m.f("\n## Contract years\n\n")
	heads = []string{"Year", "Evaluated", "Charges", "Annual cap", "Uncapped", "Cut", "Credit"}
	if hasCritical(c) {
		heads = []string{"Year", "Evaluated", "Charges", "Annual cap", "Withheld", "Uncapped", "Cut", "Credit"}
	}
	if hasEarnBack(c) {
		heads = append(heads[:len(heads)-1], "Earned back", "Credit")
	}
	m.head(heads...)
	for _, y := range d.years {
		capText := "none"
		if y.HasCap {
			capText = money.Format(y.Cap)
		}
		cells := []string{fmt.Sprint(y.Year), y.From.Pack() + " to " + y.To.Pack(), money.Format(y.Charges), capText}
		if hasCritical(c) {
			cells = append(cells, money.Format(y.Withheld))
		}
		cells = append(cells, money.Format(y.Uncapped), money.Format(y.Cut))
		if hasEarnBack(c) {
			cells = append(cells, money.Format(y.EarnedBack))
		}
		m.row(append(cells, money.Format(y.Total))...)
	}
	for _, y := range d.years {
		for _, dr := range y.Drivers {
			ms := make([]string, len(dr.Months))
			for i, mo := range dr.Months {
				ms[i] = mo.Pack()
			}
			m.f("- Year %d driven by %s: %s (%s)\n", y.Year, text(driverWho(dr, len(c.Orgs))), money.Format(dr.Amount), strings.Join(ms, ", "))
		}
	}
	m.f("\n**Total credit: %s**\n", money.Format(d.total))
}
