package report

import (
	"io"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// digest is what the text and Markdown reports show of an evaluation,
// gathered month by month: of each KPI-month only its cell of the RAG
// table, and of the ledger only the lines the reports list (failures,
// reliefs, caps and withholdings), so that a report can be written from
// contract.Stream without keeping the evaluation.
type digest struct {
	c      *contract.Contract
	org    string // the organisation whose cells are gathered; "" for all
	heads  []monthHead
	rows   []ragRow
	rowOf  map[[2]string]int // KPI and organisation to its row
	deemed bool              // a mitigation deems another status somewhere
	figure bool              // a figure is shown somewhere
	pooled []pooledCell
	recs   []mitigation.Record
	refs   map[string]bool // the refs of recs
	lines  []credits.Line  // the ledger lines listed
	months []credits.MonthTotal
	events []credits.Event
	years  []credits.YearTotal
	total  decimal.Decimal
	texts  map[string]string // the RAG cells' texts, each held once
}

// monthHead is a month's column: its month, numbers and board summary.
type monthHead struct {
	month        kpi.Month
	serviceMonth int
	year         int
	summary      contract.Summary
}

// ragRow is an indicator's row of the RAG table: its name, kind and a
// cell for every month ("-" when not in force).
type ragRow struct {
	name, kind string
	cells      []string
}

func newDigest(c *contract.Contract, org string) *digest {
	return &digest{c: c, org: org, rowOf: map[[2]string]int{}, refs: map[string]bool{}, texts: map[string]string{}}
}

// digestOf returns the digest of v.
func digestOf(c *contract.Contract, v *view) *digest {
	d := newDigest(c, "")
	for i := range v.months {
		d.month(&v.months[i])
	}
	d.months, d.events = v.ledger.Months, v.ledger.Events
	d.years, d.total = v.ledger.Years, v.ledger.Total
	return d
}

// month gathers month m: its cells (of d.org only, when set, with the
// summary recounted from them) and its lines; its total and events when
// the digest is fed from a stream (add).
func (d *digest) month(m *contract.MonthResult) {
	mi := len(d.heads)
	head := monthHead{month: m.Month, serviceMonth: m.ServiceMonth, year: m.Year, summary: m.Summary}
	if d.org != "" {
		head.summary = contract.Summary{}
	}
	for i := range d.rows {
		d.rows[i].cells = append(d.rows[i].cells, "-")
	}
	for i := range m.Cells {
		cell := &m.Cells[i]
		if d.org != "" {
			if cell.Measured.Org != d.org {
				continue
			}
			head.summary.Add(cell)
		}
		k := [2]string{cell.Measured.KPI, cell.Measured.Org}
		r, ok := d.rowOf[k]
		if !ok {
			name := k[0]
			if len(d.c.Orgs) > 1 {
				name += " " + k[1]
			}
			row := ragRow{name: name, kind: cell.Measured.Kind.String(), cells: make([]string, mi+1)}
			for j := range row.cells {
				row.cells[j] = "-"
			}
			d.rows = append(d.rows, row)
			r = len(d.rows) - 1
			d.rowOf[k] = r
		}
		d.rows[r].cells[mi] = d.text(ragCell(*cell))
		d.deemed = d.deemed || cell.Status != cell.Raw
		d.figure = d.figure || cell.Measured.Kind == kpi.Figure
		if cell.Computation() != "" {
			d.pooled = append(d.pooled, pooledCell{month: m.Month, who: cell.Measured.KPI + orgSuffix(cell.Measured.Org, len(d.c.Orgs)),
				computed: computed(cell.Measured), published: published(*cell), status: ragCell(*cell), computation: cell.Computation()})
		}
		if rec := cell.Mitigation; rec != nil && !d.refs[rec.Ref] {
			d.refs[rec.Ref] = true
			d.recs = append(d.recs, *rec)
		}
		if l := cell.Credit; listed(l) {
			d.lines = append(d.lines, *l)
		}
	}
	d.heads = append(d.heads, head)
	d.lines = append(d.lines, m.Lines...)
}

// add gathers month m of a stream, with its total and events.
func (d *digest) add(m *contract.MonthResult) {
	d.month(m)
	d.months = append(d.months, m.Credit)
	d.events = append(d.events, m.Events...)
}

// listed reports whether the ledger sections list l: every line but a
// credit line of a KPI-month that did not fail, costs nothing and has no
// mitigation.
func listed(l *credits.Line) bool {
	return l.Kind != credits.CreditLine || l.Raw.Failed() || !l.Amount.IsZero() || l.Mitigation != ""
}

// text returns s, or the equal string held already: the RAG table's
// texts are few ("green", "amber*"), its cells many.
func (d *digest) text(s string) string {
	if t, ok := d.texts[s]; ok {
		return t
	}
	if len(d.texts) < maxNumbers {
		d.texts[s] = s
	}
	return s
}

// decisions returns the customer's incident decisions for the months
// gathered, in the contract's order; none unless the contract's incident
// rule is the customer's choice.
func (d *digest) decisions() []credits.Decision {
	if len(d.heads) == 0 {
		return nil
	}
	return decisionsIn(d.c, d.heads[0].month, d.heads[len(d.heads)-1].month)
}

// TextWriter writes Text's or Markdown's report of an evaluation fed
// month by month, as contract.Stream hands the months over: it keeps of
// each KPI-month only its cell of the RAG table, and of the ledger only
// the lines the report lists, and writes the report on Close.
type TextWriter struct {
	w        io.Writer
	d        *digest
	markdown bool
}

// NewTextWriter returns a writer of Text's report of an evaluation of c
// to w. A non-empty org restricts the cells, summaries and credit lines
// to that organisation's, as ForOrg does.
func NewTextWriter(w io.Writer, c *contract.Contract, org string) *TextWriter {
	return &TextWriter{w: w, d: newDigest(c, org)}
}

// NewMarkdownWriter returns a writer of Markdown's report of an
// evaluation of c to w, restricted to org as NewTextWriter's is.
func NewMarkdownWriter(w io.Writer, c *contract.Contract, org string) *TextWriter {
	return &TextWriter{w: w, d: newDigest(c, org), markdown: true}
}

// Month gathers month m.
func (tw *TextWriter) Month(m *contract.MonthResult) error {
	tw.d.add(m)
	return nil
}

// Close writes the report, with the contract years and total of t.
func (tw *TextWriter) Close(t *contract.Totals) error {
	tw.d.years, tw.d.total = t.Years, t.Total
	if tw.markdown {
		return writeMarkdown(tw.w, tw.d)
	}
	return writeText(tw.w, tw.d)
}
