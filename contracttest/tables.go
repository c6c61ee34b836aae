package contracttest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/decimaltext"
	"github.com/servicecredit/engine/internal/nearest"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// boardRows are the rows of a board summary by their printed labels
// (compared in lower case, spaces collapsed), with the count each reads.
var boardRows = map[string]func(contract.Summary) int{
	"tsl achieved":       func(s contract.Summary) int { return s.TSL },
	"msl achieved":       func(s contract.Summary) int { return s.MSL },
	"below msl":          func(s contract.Summary) int { return s.BelowMSL },
	"not measured":       func(s contract.Summary) int { return s.Unmeasured },
	"total":              func(s contract.Summary) int { return s.Total },
	"mitigation agreed":  func(s contract.Summary) int { return s.Mitigated },
	"mitigations agreed": func(s contract.Summary) int { return s.Mitigated },
}

// Board checks res's board summary (contract.Summary: the credit-bearing
// KPI-months by raw status) against want, a table as the pack prints it:
// months as columns, and rows labelled TSL achieved, MSL achieved, Below
// MSL, Not measured, TOTAL and Mitigation Agreed (any case). With an
// organisation as a second label, a row counts that organisation's cells
// only. It fails t with each differing cell, naming its row, organisation
// and month; a table it cannot read fails t saying where. Only the rows
// and months the table states are checked.
func Board(t TB, res *contract.Result, want string) {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	runCheck(t, "board", "board summary", res, want, func(c *check, r gridRow) error {
		count, ok := boardRows[nearest.Normal(r.name)]
		if !ok {
			return fmt.Errorf("board table line %d: row %q is not a board count (want TSL achieved, MSL achieved, Below MSL, Not measured, TOTAL or Mitigation Agreed)", r.line, r.name)
		}
		if r.org != "" && !c.e.servesOrg(r.org) {
			c.d.add("%s, organisation %s (line %d): not an organisation of the result", r.name, r.org, r.line)
			return nil
		}
		c.eachMonth(func(j int, m kpi.Month) {
			got := strconv.Itoa(count(c.e.summary(m, r.org)))
			if n, err := strconv.Atoi(r.cells[j]); err != nil || strconv.Itoa(n) != got {
				c.d.add("%s: want %s, got %s", at(r.name, r.org, m), r.cells[j], got)
			}
		})
		return nil
	})
}

// servesOrg reports whether any cell of the result is org's.
func (e *evaluated) servesOrg(org string) bool {
	for _, orgs := range e.orgsOf {
		if slices.Contains(orgs, org) {
			return true
		}
	}
	return false
}

// summary returns month m's board summary: the result's, or, for an
// organisation, recounted from its cells as Evaluate counts.
func (e *evaluated) summary(m kpi.Month, org string) contract.Summary {
	mr := &e.res.Months[e.month[m]]
	if org == "" {
		return mr.Summary
	}
	var s contract.Summary
	for i := range mr.Cells {
		if mr.Cells[i].Measured.Org == org {
			s.Add(&mr.Cells[i])
		}
	}
	return s
}

// RAG checks res's RAG table against want, a table as the pack prints it:
// months as columns and a row for each KPI, labelled by its id (and by
// an organisation in a second label cell when the result evaluates the
// KPI for several). Each cell is what the text report prints: the raw
// status (green, amber, red, unmeasured; or G, A, R; any case), a
// reported figure's value, then ">" and the status a mitigation deems
// when it differs, then "*" when a mitigation was agreed; "-" when the
// KPI is not in force that month. A shared service's combined cells
// (contract.MonthResult.Combined) are the organisation contract.Combined. It fails t with each differing cell,
// naming its KPI, organisation and month. Only the rows and months the
// table states are checked.
func RAG(t TB, res *contract.Result, want string) {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	runCheck(t, "RAG", "RAG table", res, want, func(c *check, r gridRow) error {
		org, ok, err := c.e.kpiRow(c.g, r, &c.d)
		if err != nil || !ok {
			return err
		}
		c.eachMonth(func(j int, m kpi.Month) {
			got := "-"
			if cell := c.e.cells[cellKey{r.name, org, m}]; cell != nil {
				got = ragText(cell)
			}
			if !sameRAG(r.cells[j], got) {
				c.d.add("%s: want %s, got %s", at(kpiName(r.name), org, m), r.cells[j], got)
			}
		})
		return nil
	})
}

// ragText is a cell as the text report prints it in the RAG table.
func ragText(c *contract.Cell) string {
	s := c.Raw.String()
	if c.Raw == kpi.Reported {
		s = c.Measured.Rounded.StringFixed(c.Measured.Precision.Places)
	}
	if c.Status != c.Raw {
		s += ">" + c.Status.String()
	}
	if c.Mitigation != nil {
		s += "*"
	}
	return s
}

// sameRAG reports whether a stated RAG cell says what the result's does:
// words in any case, G, A and R for their words, figures by value.
func sameRAG(want, got string) bool {
	wantMark, gotMark := strings.HasSuffix(want, "*"), strings.HasSuffix(got, "*")
	if wantMark != gotMark {
		return false
	}
	wantParts := strings.Split(strings.TrimSuffix(want, "*"), ">")
	gotParts := strings.Split(strings.TrimSuffix(got, "*"), ">")
	if len(wantParts) != len(gotParts) {
		return false
	}
	for i := range wantParts {
		w, g := ragWord(wantParts[i]), gotParts[i]
		if w == g {
			continue
		}
		wd, wp := decimaltext.Parse(w)
		gd, gp := decimaltext.Parse(g)
		if wp != decimaltext.OK || gp != decimaltext.OK || !wd.Equal(gd) {
			return false
		}
	}
	return true
}

// ragWord returns a stated status in the result's words: lower case, with
// G, A and R spelt out.
func ragWord(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "g":
		return "green"
	case "a":
		return "amber"
	case "r":
		return "red"
	}
	return s
}

// ledgerTotals are the rows of a ledger's month totals by their labels
// (compared in lower case), with the amount each reads.
var ledgerTotals = map[string]func(credits.MonthTotal) decimal.Decimal{
	"charges":  func(m credits.MonthTotal) decimal.Decimal { return m.Charges },
	"uncapped": func(m credits.MonthTotal) decimal.Decimal { return m.Uncapped },
	"cut":      func(m credits.MonthTotal) decimal.Decimal { return m.Cut },
	"withheld": func(m credits.MonthTotal) decimal.Decimal { return m.Withheld },
	"credit":   func(m credits.MonthTotal) decimal.Decimal { return m.Total },
}

// Ledger checks res's credit ledger against want, a table as a pack
// prints its service credits: months as columns, and rows of two kinds.
// A row labelled by a KPI's id (and by an organisation in a second label
// cell when the result evaluates the KPI for several) holds the KPI-month's
// credit line: its amount, then "*" when a mitigation relieved or deemed
// it; "-" when the KPI is not in force that month. A row labelled
// Charges, Uncapped, Cut, Withheld or Credit (any case) holds the month's
// total of that name (credits.MonthTotal; Credit is its Total, what comes
// off the invoice). A row's name is read as a KPI's id first. Amounts are
// decimals (no thousands separators, no currency sign) compared by value:
// 2040 states 2040.00. It fails t with each differing cell, naming its
// KPI, organisation and month. Only the rows and months the table states
// are checked.
func Ledger(t TB, res *contract.Result, want string) {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	lines := map[cellKey]*credits.Line{}
	for i := range res.Ledger.Lines {
		if l := &res.Ledger.Lines[i]; l.Kind == credits.CreditLine {
			lines[cellKey{l.KPI, l.Org, l.Month}] = l
		}
	}
	totals := map[kpi.Month]credits.MonthTotal{}
	for _, m := range res.Ledger.Months {
		totals[m.Month] = m
	}
	runCheck(t, "ledger", "ledger", res, want, func(c *check, r gridRow) error {
		total, isTotal := ledgerTotals[nearest.Normal(r.name)]
		if _, isKPI := c.e.orgsOf[r.name]; isKPI || !isTotal {
			org, ok, err := c.e.kpiRow(c.g, r, &c.d)
			if err != nil || !ok {
				return err
			}
			c.eachMonth(func(j int, m kpi.Month) {
				if got, same := sameLine(r.cells[j], lines[cellKey{r.name, org, m}]); !same {
					c.d.add("%s: want %s, got %s", at(kpiName(r.name), org, m), r.cells[j], got)
				}
			})
			return nil
		}
		if r.org != "" {
			return fmt.Errorf("ledger table line %d: %s is the month's total, not an organisation's: leave the organisation empty", r.line, r.name)
		}
		c.eachMonth(func(j int, m kpi.Month) {
			if got, same := sameAmount(r.cells[j], total(totals[m])); !same {
				c.d.add("%s: want %s, got %s", at(r.name, "", m), r.cells[j], got)
			}
		})
		return nil
	})
}

// sameLine reports whether a stated ledger cell says what line l does,
// and returns l's cell as it would be stated.
func sameLine(want string, l *credits.Line) (string, bool) {
	if l == nil {
		return "-", want == "-"
	}
	mark := ""
	if l.Mitigation != "" {
		mark = "*"
	}
	got, same := sameAmount(strings.TrimSuffix(want, "*"), l.Amount)
	return got + mark, same && strings.HasSuffix(want, "*") == (mark != "")
}

// sameAmount reports whether the stated amount want equals got by value,
// and returns got written with want's places, or with its own when it
// needs more (or want is not a decimal).
func sameAmount(want string, got decimal.Decimal) (string, bool) {
	w, p := decimaltext.Parse(want)
	places := -got.Exponent()
	if p == decimaltext.OK && atScale(got, -w.Exponent()) {
		places = -w.Exponent()
	}
	return got.StringFixed(max(places, 0)), p == decimaltext.OK && w.Equal(got)
}
