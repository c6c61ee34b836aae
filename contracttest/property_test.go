package contracttest_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// table is a published table written in a test from a result: its rows'
// labels (a name, and an organisation or ""), and a cell per month.
type table struct {
	months []kpi.Month
	names  []string
	orgs   []string // "" throughout for a table without an organisation column
	cells  [][]string
	byKPI  map[rowKey]int // the rows of KPI-months by their labels
}

// rowKey labels a table's row of KPI-months: a KPI and an organisation.
type rowKey struct{ kpi, org string }

// add appends a row labelled name and org holding cells, and returns it.
func (t *table) add(name, org string, cells []string) int {
	t.names, t.orgs, t.cells = append(t.names, name), append(t.orgs, org), append(t.cells, cells)
	return len(t.names) - 1
}

// kpiRow returns t's row for k, adding it, with "-" in each of its first
// months cells, when t has none yet.
func (t *table) kpiRow(k rowKey, months int) int {
	r, ok := t.byKPI[k]
	if !ok {
		cells := make([]string, months)
		for j := range cells {
			cells[j] = "-"
		}
		r = t.add(k.kpi, k.org, cells)
		if t.byKPI == nil {
			t.byKPI = map[rowKey]int{}
		}
		t.byKPI[k] = r
	}
	return r
}

// text writes t in the grammar: pipes, or tabs.
func (t *table) text(tabs, withOrg bool) string {
	sep := " | "
	if tabs {
		sep = "\t"
	}
	var b strings.Builder
	head := []string{"Row"}
	if withOrg {
		head = append(head, "Organisation")
	}
	for _, m := range t.months {
		head = append(head, m.Pack())
	}
	b.WriteString(strings.Join(head, sep) + "\n")
	for i, name := range t.names {
		row := []string{name}
		if withOrg {
			row = append(row, t.orgs[i])
		}
		b.WriteString(strings.Join(append(row, t.cells[i]...), sep) + "\n")
	}
	return b.String()
}

// tables writes res's board summary, RAG table and ledger, cell by cell
// from the result's own fields, with money at the contract's places.
func tables(c *contract.Contract, res *contract.Result) (board, rag, ledger *table) {
	board, rag, ledger = &table{}, &table{}, &table{}
	money := c.Credits.Money
	for _, name := range []string{"TSL achieved", "MSL achieved", "Below MSL", "Not measured", "TOTAL", "Mitigation Agreed"} {
		board.add(name, "", nil)
	}
	for _, name := range []string{"Charges", "Uncapped", "Cut", "Withheld", "Credit"} {
		ledger.add(name, "", nil)
	}
	totals := len(ledger.names)
	lines := map[string]*credits.Line{}
	for i := range res.Ledger.Lines {
		if l := &res.Ledger.Lines[i]; l.Kind == credits.CreditLine {
			lines[l.KPI+"\x00"+l.Org+"\x00"+l.Month.String()] = l
		}
	}
	for mi, m := range res.Months {
		board.months, rag.months, ledger.months = append(board.months, m.Month), append(rag.months, m.Month), append(ledger.months, m.Month)
		s := m.Summary
		for i, n := range []int{s.TSL, s.MSL, s.BelowMSL, s.Unmeasured, s.Total, s.Mitigated} {
			board.cells[i] = append(board.cells[i], strconv.Itoa(n))
		}
		t := res.Ledger.Months[mi]
		for i, d := range []decimal.Decimal{t.Charges, t.Uncapped, t.Cut, t.Withheld, t.Total} {
			ledger.cells[i] = append(ledger.cells[i], money.Format(d))
		}
		for _, t := range []*table{rag, ledger} {
			for i := range t.cells {
				if len(t.cells[i]) < mi+1 {
					t.cells[i] = append(t.cells[i], "-")
				}
			}
		}
		for _, cells := range [][]contract.Cell{m.Cells, m.Combined} {
			for _, cell := range cells {
				k := rowKey{cell.Measured.KPI, cell.Measured.Org}
				r := rag.kpiRow(k, mi+1)
				text := cell.Raw.String()
				if cell.Raw == kpi.Reported {
					text = cell.Measured.Rounded.StringFixed(cell.Measured.Precision.Places)
				}
				if cell.Status != cell.Raw {
					text += ">" + cell.Status.String()
				}
				if cell.Mitigation != nil {
					text += "*"
				}
				rag.cells[r][mi] = text
				l := lines[k.kpi+"\x00"+k.org+"\x00"+m.Month.String()]
				if l == nil {
					continue
				}
				r = ledger.kpiRow(k, mi+1)
				text = money.Format(l.Amount)
				if l.Mitigation != "" {
					text += "*"
				}
				ledger.cells[r][mi] = text
			}
		}
	}
	// The month totals' rows name no organisation, whatever the KPIs'.
	for i := range totals {
		ledger.orgs[i] = ""
	}
	return board, rag, ledger
}

// changed returns a cell's text changed so that it states something else.
func changed(cell string, ledger bool) string {
	switch {
	case cell == "-" && ledger:
		return "0"
	case cell == "-":
		return "green"
	case !ledger && strings.HasSuffix(cell, "*"):
		return strings.TrimSuffix(cell, "*")
	case !ledger:
		return cell + "*"
	}
	mark := ""
	if strings.HasSuffix(cell, "*") {
		cell, mark = strings.TrimSuffix(cell, "*"), "*"
	}
	d := decimal.RequireFromString(cell)
	return d.Add(decimal.NewFromInt(1)).StringFixed(-d.Exponent()) + mark
}

// TestPropertyTables: for generated contracts, the board summary, RAG
// table and ledger written from the result agree with it, in pipes or
// tabs; and any one cell changed is the one difference, naming its row,
// organisation and month, with what the table states and what the result
// holds.
func TestPropertyTables(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := synth.Generate(rapid.Uint64().Draw(rt, "seed"), rapid.IntRange(0, 1000).Draw(rt, "n"), synth.Shape{
			KPIs: rapid.IntRange(1, 6).Draw(rt, "kpis"), Months: rapid.IntRange(1, 18).Draw(rt, "months"),
			Orgs: rapid.IntRange(1, 3).Draw(rt, "orgs"), Failures: rapid.IntRange(1, 100).Draw(rt, "failures"), Regime: synth.Mixed,
		})
		in, err := p.Input()
		if err != nil {
			rt.Fatalf("generated mitigations: %v", err)
		}
		res, err := p.Contract.Evaluate(in)
		if err != nil {
			rt.Fatalf("generated contract: %v", err)
		}
		board, rag, ledger := tables(p.Contract, res)
		tabs := rapid.Bool().Draw(rt, "tabs")
		checks := []struct {
			name   string
			check  func(contracttest.TB, *contract.Result, string)
			t      *table
			byOrg  bool // the table names organisations
			ledger bool
		}{
			{"board", contracttest.Board, board, false, false},
			{"RAG", contracttest.RAG, rag, len(p.Contract.Orgs) > 1, false},
			{"ledger", contracttest.Ledger, ledger, len(p.Contract.Orgs) > 1, true},
		}
		for _, c := range checks {
			var r recorder
			c.check(&r, res, c.t.text(tabs, c.byOrg))
			if len(r.errors)+len(r.fatals) > 0 {
				rt.Fatalf("%s as written from the result: %q %q\n%s", c.name, r.fatals, r.errors, c.t.text(tabs, c.byOrg))
			}
		}
		c := checks[rapid.IntRange(0, 2).Draw(rt, "table")]
		row := rapid.IntRange(0, len(c.t.names)-1).Draw(rt, "row")
		col := rapid.IntRange(0, len(c.t.months)-1).Draw(rt, "month")
		was := c.t.cells[row][col]
		c.t.cells[row][col] = changed(was, c.ledger)
		var r recorder
		c.check(&r, res, c.t.text(tabs, c.byOrg))
		name := c.t.names[row]
		if c.name != "board" && (c.name == "RAG" || row >= 5) {
			name = "KPI " + name
		}
		if org := c.t.orgs[row]; org != "" {
			name += ", organisation " + org
		} else if c.name != "board" && strings.HasPrefix(name, "KPI ") {
			name += ", organisation " + orgOf(res, c.t.names[row])
		}
		want := fmt.Sprintf("%s, %s: want %s, got %s", name, c.t.months[col].Pack(), c.t.cells[row][col], was)
		if len(r.fatals) != 0 || len(r.errors) != 1 || !strings.HasSuffix(r.errors[0], ":\n  "+want) {
			rt.Fatalf("%s with one cell changed: want the one difference %q, got %q %q", c.name, want, r.fatals, r.errors)
		}
	})
}

// orgOf returns the organisation of KPI id's first cell in res.
func orgOf(res *contract.Result, id string) string {
	for _, m := range res.Months {
		for _, c := range m.Cells {
			if c.Measured.KPI == id {
				return c.Measured.Org
			}
		}
	}
	return ""
}
