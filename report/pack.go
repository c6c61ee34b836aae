package report

import (
	"bufio"
	"io"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
)

// Pack writes r, an evaluation of c, as a performance pack prints it: for
// each organisation a table of its indicators (rows, in the contract's
// order) by month (columns), each cell holding the value as compared and
// its RAG letter (G, A or R; "*" marks an agreed mitigation), or the
// absence (UNVL, N/A, missing); a figure shows its value alone. For a
// shared service whose contract combines indicators, a combined table
// follows. Then come the pooled indicators, our computed value beside the
// published figure, and the report cards the contract's rule selects.
func Pack(w io.Writer, c *contract.Contract, r *contract.Result) error {
	return packOf(w, c, whole(r))
}

// Pack writes Pack's tables of o, an evaluation of c restricted to one
// organisation.
func (o *Org) Pack(w io.Writer, c *contract.Contract) error { return packOf(w, c, o.view()) }

func packOf(w io.Writer, c *contract.Contract, v *view) error {
	b := bufio.NewWriter(w)
	t := &textWriter{b: b, c: c, v: v}
	t.f("%s\n", c.Name)
	if len(v.months) > 0 {
		t.f("%s to %s. Cells: value as compared, then G (met the target), A (met the minimum only) or R (below it);\n",
			v.months[0].Month.Pack(), v.months[len(v.months)-1].Month.Pack())
		t.f("* an agreed mitigation; UNVL unavailable; N/A not applicable or not reported; - not in force.\n\n")
	}
	for _, org := range c.Orgs {
		t.f("KPI Performance for %s\n", org)
		t.packTable(func(m contract.MonthResult) []contract.Cell { return orgCells(m.Cells, org) })
	}
	if len(c.Orgs) > 1 && combines(c) {
		t.f("Combined: %s (pooled and summed as the contract says; other indicators are not combined)\n", joinOrgs(c.Orgs))
		t.packTable(func(m contract.MonthResult) []contract.Cell { return m.Combined })
	}
	if pcs := pooledCells(v, len(c.Orgs)); len(pcs) > 0 {
		t.f("Pooled indicators: our value computed from its parts, beside the published figure\n")
		rows := [][]string{{"Month", "Indicator", "Computed", "Published", "Computation"}}
		for _, pc := range pcs {
			rows = append(rows, []string{pc.month.Pack(), pc.who, pc.computed, pc.published, pc.computation})
		}
		t.table(rows)
	}
	t.cards()
	return b.Flush()
}

// packTable writes one table of indicators by month; cellsOf gives a
// month's cells for the table.
func (t *textWriter) packTable(cellsOf func(contract.MonthResult) []contract.Cell) {
	heads := []string{"Indicator", "Target"}
	for _, m := range t.v.months {
		heads = append(heads, m.Month.Pack())
	}
	rows := [][]string{heads}
	rowOf := map[string]int{}
	for mi, m := range t.v.months {
		for _, cell := range cellsOf(m) {
			id := cell.Measured.KPI
			i, ok := rowOf[id]
			if !ok {
				row := make([]string, len(heads))
				row[0], row[1] = name(t.c, id), target(cell.Measured)
				for j := range t.v.months {
					row[2+j] = "-"
				}
				rows = append(rows, row)
				i = len(rows) - 1
				rowOf[id] = i
			}
			rows[i][2+mi] = packCell(cell)
		}
	}
	t.table(rows)
}

// cards writes the report cards: cells the contract's rule selects.
func (t *textWriter) cards() {
	var rows [][]string
	for _, m := range t.v.months {
		for _, cells := range [][]contract.Cell{m.Cells, m.Combined} {
			for _, cell := range cells {
				if cell.Card != "" {
					rows = append(rows, []string{m.Month.Pack(), cell.Measured.KPI + orgSuffix(cell.Measured.Org, len(t.c.Orgs)),
						packCell(cell), cell.Card})
				}
			}
		}
	}
	if len(rows) == 0 {
		return
	}
	t.f("Report cards (red, or short of the target by the contract's margin)\n")
	t.table(append([][]string{{"Month", "Indicator", "Value", "Why"}}, rows...))
}

// packCell shows a cell as a pack does.
func packCell(c contract.Cell) string {
	r := c.Measured
	var s string
	switch {
	case r.Status == kpi.Unmeasured && r.Absent == kpi.NoBaseline:
		s = rounded(r) + " -"
	case r.Status == kpi.Unmeasured:
		s = map[kpi.Absence]string{kpi.Unavailable: "UNVL", kpi.NotApplicable: "N/A", kpi.NotDue: "not due",
			kpi.Missing: "missing", kpi.NoInput: "no input"}[r.Absent]
		if c.Raw == kpi.Red {
			s += " R"
		}
	case r.Status == kpi.Reported:
		s = rounded(r)
	default:
		s = rounded(r) + " " + map[kpi.Status]string{kpi.Green: "G", kpi.Amber: "A", kpi.Red: "R"}[c.Raw]
	}
	if c.Mitigation != nil {
		s += "*"
	}
	return s
}

// target shows the target a cell was judged against: ">= 99.90",
// "< 10", "decrease", or "" for a figure.
func target(r kpi.Result) string {
	switch {
	case r.Kind == kpi.Figure:
		return ""
	case r.Relative != 0:
		return r.Relative.String()
	}
	return r.Direction.Operator(r.Thresholds.TSLBound) + " " + kpi.FormatValue(r.Thresholds.TSL)
}

func orgCells(cells []contract.Cell, org string) []contract.Cell {
	var out []contract.Cell
	for _, c := range cells {
		if c.Measured.Org == org {
			out = append(out, c)
		}
	}
	return out
}

func combines(c *contract.Contract) bool {
	for _, k := range c.KPIs {
		if k.Combine.How != 0 {
			return true
		}
	}
	return false
}

func joinOrgs(orgs []string) string {
	s := ""
	for i, o := range orgs {
		switch {
		case i == 0:
		case i == len(orgs)-1:
			s += " and "
		default:
			s += ", "
		}
		s += o
	}
	return s
}

// name returns a KPI's name as the contract gives it.
func name(c *contract.Contract, id string) string {
	for _, k := range c.KPIs {
		if k.ID == id {
			return k.Name
		}
	}
	return id
}
