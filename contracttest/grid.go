package contracttest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
)

// maxDiffs is the most differing cells a check lists; it counts the rest.
const maxDiffs = 50

// grid is a published table as written in a test: month columns, and
// rows of one or two label cells (the row's name, then an organisation)
// and a cell for each month.
type grid struct {
	what   string // "board", "RAG" or "ledger", for messages
	months []kpi.Month
	labels int // label cells a row has: 1, or 2 with an organisation
	rows   []gridRow
}

// gridRow is a row of a grid: its line in the text, its labels and its
// cells, trimmed.
type gridRow struct {
	line       int
	name, org  string
	cells      []string
	hasOrgCell bool
}

var (
	spaces    = regexp.MustCompile(`\s{2,}`)
	separator = regexp.MustCompile(`^:?-+:?$`)
)

// cellsOf splits a trimmed line into trimmed cells: at pipes when it has
// one (a pipe at either end opens or closes the row, as in Markdown), at
// tabs when it has one, else at runs of two or more spaces.
func cellsOf(line string) []string {
	var cells []string
	switch {
	case strings.Contains(line, "|"):
		cells = strings.Split(line, "|")
		if strings.HasPrefix(line, "|") {
			cells = cells[1:]
		}
		if strings.HasSuffix(line, "|") && len(line) > 1 {
			cells = cells[:len(cells)-1]
		}
	case strings.Contains(line, "\t"):
		cells = strings.Split(line, "\t")
	default:
		cells = spaces.Split(line, -1)
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// isSeparator reports whether cells are a Markdown table's rule
// (|---|:--:|).
func isSeparator(cells []string) bool {
	for _, c := range cells {
		if c != "" && !separator.MatchString(c) {
			return false
		}
	}
	return true
}

// headingMonth reads a column heading as a month: the whole heading, or
// its last word ("Yr 7 Jun-21").
func headingMonth(h string) (kpi.Month, bool) {
	if m, err := kpi.ParseMonth(h); err == nil {
		return m, true
	}
	if f := strings.Fields(h); len(f) > 1 {
		if m, err := kpi.ParseMonth(f[len(f)-1]); err == nil {
			return m, true
		}
	}
	return kpi.Month{}, false
}

// parseGrid reads text as a grid (the grammar of the package doc).
func parseGrid(what, text string) (*grid, error) {
	g := &grid{what: what}
	header := false
	for i, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := cellsOf(line)
		if !header {
			header = true
			if err := g.heading(i+1, cells); err != nil {
				return nil, err
			}
			continue
		}
		if isSeparator(cells) {
			continue
		}
		labels := len(cells) - len(g.months)
		if g.labels == 0 && (labels == 1 || labels == 2) {
			g.labels = labels
		}
		if g.labels == 0 {
			return nil, fmt.Errorf("%s table line %d: %d cells, want %d or %d (a name, and an organisation if any, then one cell a month)",
				what, i+1, len(cells), 1+len(g.months), 2+len(g.months))
		}
		if labels != g.labels {
			return nil, fmt.Errorf("%s table line %d: %d cells, want %d (%s, then one cell a month)",
				what, i+1, len(cells), g.labels+len(g.months), g.labelWords())
		}
		r := gridRow{line: i + 1, name: cells[0], cells: cells[labels:], hasOrgCell: labels == 2}
		if labels == 2 {
			r.org = cells[1]
		}
		if r.name == "" {
			return nil, fmt.Errorf("%s table line %d: the row has no name", what, i+1)
		}
		g.rows = append(g.rows, r)
	}
	if !header {
		return nil, fmt.Errorf("%s table: no heading row (the months, after a label)", what)
	}
	if len(g.rows) == 0 {
		return nil, fmt.Errorf("%s table: no rows under the heading", what)
	}
	return g, nil
}

// labelWords describes the label cells a row of g has.
func (g *grid) labelWords() string {
	if g.labels == 2 {
		return "a name and an organisation"
	}
	return "a name"
}

// heading reads the heading row: captions, then one month a column.
func (g *grid) heading(line int, cells []string) error {
	for j, h := range cells {
		m, ok := headingMonth(h)
		switch {
		case ok:
			if slices.Contains(g.months, m) {
				return fmt.Errorf("%s table line %d: month %s heads two columns", g.what, line, m.Pack())
			}
			g.months = append(g.months, m)
		case len(g.months) > 0:
			return fmt.Errorf("%s table line %d: heading %q of column %d is not a month (want 2021-06 or Jun-21, or words ending in one: Yr 7 Jun-21)",
				g.what, line, h, j+1)
		case j > 1:
			return fmt.Errorf("%s table line %d: heading %q of column %d is not a month, and a row has at most two labels (a name and an organisation)",
				g.what, line, h, j+1)
		}
	}
	if len(g.months) == 0 {
		return fmt.Errorf("%s table line %d: no month in the heading row (want 2021-06 or Jun-21, or words ending in one: Yr 7 Jun-21)", g.what, line)
	}
	return nil
}

// diffs collects the differing cells of a check.
type diffs struct {
	lines []string
	more  int
}

func (d *diffs) add(format string, args ...any) {
	if len(d.lines) == maxDiffs {
		d.more++
		return
	}
	d.lines = append(d.lines, fmt.Sprintf(format, args...))
}

// report fails t with the differences, if any.
func (d *diffs) report(t TB, what string) {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	if len(d.lines) == 0 {
		return
	}
	msg := fmt.Sprintf("the %s differs from the table stated (want as stated, got from the result):\n  %s", what, strings.Join(d.lines, "\n  "))
	if d.more > 0 {
		msg += fmt.Sprintf("\n  and %d more", d.more)
	}
	t.Errorf("%s", msg)
}

// at names a row's cell in a month for a difference.
func at(row, org string, m kpi.Month) string {
	if org != "" {
		return fmt.Sprintf("%s, organisation %s, %s", row, org, m.Pack())
	}
	return fmt.Sprintf("%s, %s", row, m.Pack())
}

// cellKey finds a cell: its KPI, organisation and month.
type cellKey struct {
	kpi, org string
	month    kpi.Month
}

// evaluated indexes a result for the checks: its months and their
// positions, each cell (combined cells too) and each KPI's organisations.
type evaluated struct {
	res    *contract.Result
	month  map[kpi.Month]int
	cells  map[cellKey]*contract.Cell
	orgsOf map[string][]string
}

func index(res *contract.Result) *evaluated {
	e := &evaluated{res: res, month: map[kpi.Month]int{}, cells: map[cellKey]*contract.Cell{}, orgsOf: map[string][]string{}}
	for i := range res.Months {
		m := &res.Months[i]
		e.month[m.Month] = i
		for _, cells := range [][]contract.Cell{m.Cells, m.Combined} {
			for j := range cells {
				c := &cells[j]
				id, org := c.Measured.KPI, c.Measured.Org
				e.cells[cellKey{id, org, m.Month}] = c
				if !slices.Contains(e.orgsOf[id], org) {
					e.orgsOf[id] = append(e.orgsOf[id], org)
				}
			}
		}
	}
	return e
}

// months reports the grid's months the result did not evaluate, and
// returns those it did.
func (e *evaluated) months(g *grid, d *diffs) []kpi.Month {
	var in []kpi.Month
	for _, m := range g.months {
		if _, ok := e.month[m]; ok {
			in = append(in, m)
		} else {
			d.add("%s: not a month of the result", m.Pack())
		}
	}
	return in
}

// kpiRow resolves a row naming a KPI to its organisation: the row's, or
// the one the result evaluates the KPI for. ok is false, with the
// difference added to d, when the KPI or organisation is not in the
// result; err says why a row without an organisation cannot be placed.
func (e *evaluated) kpiRow(g *grid, r gridRow, d *diffs) (org string, ok bool, err error) {
	orgs := e.orgsOf[r.name]
	switch {
	case len(orgs) == 0:
		d.add("KPI %s (line %d): not in the result", r.name, r.line)
		return "", false, nil
	case r.hasOrgCell:
		if !slices.Contains(orgs, r.org) {
			d.add("KPI %s, organisation %s (line %d): not in the result (its organisations: %s)", r.name, r.org, r.line, strings.Join(orgs, ", "))
			return "", false, nil
		}
		return r.org, true, nil
	case len(orgs) > 1:
		return "", false, fmt.Errorf("%s table line %d: KPI %s is evaluated for several organisations (%s): give the organisation in a second column",
			g.what, r.line, r.name, strings.Join(orgs, ", "))
	}
	return orgs[0], true, nil
}

// check is a table check under way: the table stated, the result it is
// checked against, the table's months the result evaluated and the
// differences found so far.
type check struct {
	g      *grid
	e      *evaluated
	months []kpi.Month
	d      diffs
}

// runCheck is the frame of Board, RAG and Ledger: it reads want as the
// table what, indexes res, notes each of the table's months the result
// did not evaluate, checks each row with row, and fails t with the
// differences, naming the check's subject. A row's error is a problem
// that stops the check, as is a table that cannot be read: t fails saying
// where, and no more is checked.
func runCheck(t TB, what, subject string, res *contract.Result, want string, row func(c *check, r gridRow) error) {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	g, err := parseGrid(what, want)
	if err != nil {
		fatal(t, "%v", err)
		return
	}
	c := &check{g: g, e: index(res)}
	c.months = c.e.months(g, &c.d)
	for _, r := range g.rows {
		if err := row(c, r); err != nil {
			fatal(t, "%v", err)
			return
		}
	}
	c.d.report(t, subject)
}

// eachMonth calls f with each of the table's months the result evaluated,
// in the table's order, and the column j of a row's cell for it.
func (c *check) eachMonth(f func(j int, m kpi.Month)) {
	for j, m := range c.g.months {
		if slices.Contains(c.months, m) {
			f(j, m)
		}
	}
}

// kpiName names a KPI's cell for a difference.
func kpiName(id string) string { return "KPI " + id }
