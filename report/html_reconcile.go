package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
)

// ReconcileHTML writes a reconciliation as one self-contained web page in
// the style of HTML's: the verdict and the findings by check; then each
// table of the packs as printed, every published cell marked with the
// worst verdict of the findings about it (a letter or sign as well as a
// colour) and explained on hover and on keyboard focus, and after each
// table its findings that do not agree, each placed by FILE:LINE:CELL and
// linked to its cell; then the findings about no table's cell (a claims
// file's) and the cells no check judged.
//
// packs are the packs rep was made from (reconcile.Input.Packs), read
// with pack.ReadPublished: the page shows their tables as printed. Text
// from the input files is escaped as HTML's is; the output depends only
// on its inputs.
func ReconcileHTML(w io.Writer, c *contract.Contract, rep *reconcile.Report, packs []*pack.Published) error {
	b := bufio.NewWriter(w)
	if err := htmlTemplates.ExecuteTemplate(b, "reconcile", newReconPage(c, rep, packs)); err != nil {
		return err
	}
	return b.Flush()
}

// reconPage is what the reconciliation's page shows.
type reconPage struct {
	Title     string
	Contract  string
	Packs     string
	Claims    string
	Verdict   []string
	Checks    []checkRow
	Tables    []pubTable
	Other     []findingRow
	Uncovered []uncoveredRow
	NUncov    int
}

type checkRow struct {
	Check                                      string
	Agrees, Disagrees, Impossible, Uncheckable int
}

// pubTable is a table of a pack as printed, and its findings that do not
// agree.
type pubTable struct {
	ID       string
	Caption  string
	Cols     []int
	Rows     []pubRow
	Findings []findingRow
}

type pubRow struct {
	Line  int
	Cells []pubCell
}

// pubCell is a printed cell. Verdict is the worst verdict of the findings
// about it: fails (an error-severity finding that disagrees or is
// impossible), warns (a warning that does), uncheckable, agrees; none
// when no finding is about it.
type pubCell struct {
	Head    bool // a heading, label or title
	Missing bool // the row ends before this cell: a short row's missing cell
	Text    string
	Place   string
	Anchor  string
	Verdict string
	Class   string
	Mark    string
	Word    string
	Judged  bool // a check judged it: false for a value cell no check judged
	Tab     bool // findings are about it: it is in the tab order, its explanation shown on focus as well as on hover
	Right   bool
	Tip     *tip
}

// findingRow is a finding as the lists show it.
type findingRow struct {
	Place, Anchor, Check, About, Published, Recomputed  string
	Difference, Tolerance, Verdict, Class, Mark, Reason string
	Notes                                               []string
}

// uncoveredRow is a group of cells no check judged, as the text report
// groups them.
type uncoveredRow struct {
	Place, What, Cells, Why string
}

// cellKey is a place in a pack, without its file.
type cellKey struct{ line, cell int }

// rank orders the verdicts a cell shows, worst last.
func rank(f reconcile.Finding) int {
	switch {
	case f.Fails():
		return 4
	case f.Verdict == reconcile.Disagrees || f.Verdict == reconcile.Impossible:
		return 3
	case f.Verdict == reconcile.Uncheckable:
		return 2
	}
	return 1
}

// verdictLook returns the class, mark and words of a finding's verdict.
func verdictLook(f reconcile.Finding) (class, mark, word string) {
	switch rank(f) {
	case 4, 3:
		class = "bad"
		if rank(f) == 3 {
			class = "warn"
		}
		mark = "\u2717"
		if f.Verdict == reconcile.Impossible {
			mark = "!"
		}
		return class, mark, f.Verdict.String() + " (" + f.Severity.String() + ")"
	case 2:
		return "unc", "?", "uncheckable"
	}
	return "ok", "\u2713", "agrees"
}

func newReconPage(c *contract.Contract, rep *reconcile.Report, packs []*pack.Published) *reconPage {
	p := &reconPage{Contract: esc(c.Name), Packs: esc(strings.Join(rep.Packs, ", ")), Claims: esc(rep.Claims), NUncov: len(rep.Uncovered)}
	p.Title = "Reconciliation of " + p.Packs + " against " + p.Contract
	for _, l := range strings.Split(verdictLine(rep), "\n") {
		p.Verdict = append(p.Verdict, esc(l))
	}
	for _, k := range checkCounts(rep) {
		p.Checks = append(p.Checks, checkRow{Check: k.kind.String(), Agrees: k.n[0], Disagrees: k.n[1], Impossible: k.n[2], Uncheckable: k.n[3]})
	}
	// The findings and the cells no check judged, by file and place.
	findings := map[string]map[cellKey][]reconcile.Finding{}
	placed := make([]bool, len(rep.Findings))
	for _, f := range rep.Findings {
		if findings[f.Pos.File] == nil {
			findings[f.Pos.File] = map[cellKey][]reconcile.Finding{}
		}
		k := cellKey{f.Pos.Line, f.Pos.Cell}
		findings[f.Pos.File][k] = append(findings[f.Pos.File][k], f)
	}
	uncovered := map[pack.Pos]reconcile.Uncovered{}
	for _, u := range rep.Uncovered {
		uncovered[u.Pos] = u
	}
	n := 0
	for _, pk := range packs {
		for _, t := range pk.Tables {
			n++
			pt := pubTableOf(t, pk.File, n, findings[pk.File], uncovered)
			lines := map[int]bool{}
			for _, r := range pt.Rows {
				lines[r.Line] = true
			}
			for i, f := range rep.Findings {
				if f.Pos.File == pk.File && lines[f.Pos.Line] {
					placed[i] = true
					if f.Verdict != reconcile.Agrees {
						pt.Findings = append(pt.Findings, findingRowOf(f, anchorOf(n, f.Pos)))
					}
				}
			}
			p.Tables = append(p.Tables, pt)
		}
	}
	for i, f := range rep.Findings {
		if !placed[i] && f.Verdict != reconcile.Agrees {
			p.Other = append(p.Other, findingRowOf(f, ""))
		}
	}
	for _, g := range uncoveredGroups(rep.Uncovered) {
		p.Uncovered = append(p.Uncovered, uncoveredRow{Place: esc(g.place()), What: esc(g.what()), Cells: strconv.Itoa(len(g.cells)), Why: esc(g.why)})
	}
	return p
}

// anchorOf returns the id of the cell at pos in table n of the page: a
// whole row's finding (cell 0) belongs to its label, the row's first
// cell.
func anchorOf(n int, pos pack.Pos) string {
	return fmt.Sprintf("t%d-%d-%d", n, pos.Line, max(pos.Cell, 1))
}

// pubTableOf returns table t of file as printed, its cells marked with
// their findings (by line and cell) and the uncovered cells' reasons.
func pubTableOf(t *pack.Table, file string, n int, findings map[cellKey][]reconcile.Finding, uncovered map[pack.Pos]reconcile.Uncovered) pubTable {
	type printed struct {
		text          string
		head, missing bool
	}
	cells := map[cellKey]printed{}
	put := func(pos pack.Pos, text string, head, missing bool) {
		cells[cellKey{pos.Line, pos.Cell}] = printed{text, head, missing}
	}
	put(t.Pos, t.Title, true, false)
	for _, per := range t.Periods {
		put(per.Pos, per.Text, true, false)
	}
	for _, s := range t.Series {
		put(s.Pos, s.Label, true, false)
		for _, cl := range append(slices.Clip(s.Cells), s.Extra...) {
			put(cl.Pos, cl.Text, false, cl.Kind == pack.Missing)
		}
	}
	for _, s := range t.Sections {
		put(s.Pos, s.Label, true, false)
	}
	var lines []int
	width := 0
	for k := range cells {
		if !slices.Contains(lines, k.line) {
			lines = append(lines, k.line)
		}
		width = max(width, k.cell)
	}
	slices.Sort(lines)
	pt := pubTable{ID: "table" + strconv.Itoa(n), Caption: esc(fmt.Sprintf("%s, line %d: %s", file, t.Pos.Line, t.Title))}
	for i := 1; i <= width; i++ {
		pt.Cols = append(pt.Cols, i)
	}
	for _, line := range lines {
		row := pubRow{Line: line}
		for col := 1; col <= width; col++ {
			pr, ok := cells[cellKey{line, col}]
			pc := pubCell{Head: pr.head, Missing: pr.missing, Text: esc(pr.text), Right: 2*col > width}
			pos := pack.Pos{File: file, Line: line, Cell: col}
			fs := findings[cellKey{line, col}]
			if col == 1 {
				fs = append(slices.Clip(fs), findings[cellKey{line, 0}]...)
			}
			u, unjudged := uncovered[pos]
			if ok && (len(fs) > 0 || unjudged) {
				pc.Place, pc.Anchor = esc(pos.String()), anchorOf(n, pos)
				pc.Judged, pc.Tab = !unjudged, len(fs) > 0
				pc.Tip = cellTip(pc.Anchor, pos, pr.text, fs, u, unjudged)
				pc.Verdict = "none"
				worst := -1
				for i, f := range fs {
					if worst < 0 || rank(f) > rank(fs[worst]) {
						worst = i
					}
				}
				if worst >= 0 {
					f := fs[worst]
					pc.Class, pc.Mark, pc.Word = verdictLook(f)
					pc.Verdict = f.Verdict.String()
					if f.Fails() {
						pc.Verdict = "fails"
					}
				}
			}
			row.Cells = append(row.Cells, pc)
		}
		pt.Rows = append(pt.Rows, row)
	}
	return pt
}

// cellTip explains a printed cell: every finding about it, and why no
// check judged it when none did.
func cellTip(id string, pos pack.Pos, text string, fs []reconcile.Finding, u reconcile.Uncovered, unjudged bool) *tip {
	t := &tip{ID: id + "-tip", Head: esc(pos.String() + ": " + strconv.Quote(text))}
	for _, f := range fs {
		v := figures(f) + ". " + f.Reason
		for _, n := range f.Nearest {
			v += "; nearest possible: " + n
		}
		for _, r := range f.Reproduced {
			v += "; reproduced by " + r
		}
		for _, wn := range f.Warnings {
			v += "; warning: " + wn
		}
		if s := subject(f); s != "" {
			v = s + ": " + v
		}
		if f.Pos.Cell == 0 {
			v = "the whole row: " + v
		}
		t.Items = append(t.Items, tipItem{Key: f.Kind.String(), Value: esc(v)})
	}
	if unjudged {
		t.Items = append(t.Items, tipItem{Key: "not judged", Value: esc(u.Why)})
	}
	return t
}

func findingRowOf(f reconcile.Finding, anchor string) findingRow {
	r := findingRow{Place: esc(f.Pos.String()), Anchor: anchor, Check: f.Kind.String(), About: esc(subject(f)),
		Published: esc(f.Published), Recomputed: esc(f.Recomputed), Reason: esc(f.Reason)}
	if f.Numeric {
		r.Difference, r.Tolerance = kpi.FormatValue(f.Difference), kpi.FormatValue(f.Tolerance)
	}
	r.Class, r.Mark, r.Verdict = verdictLook(f)
	for _, n := range f.Nearest {
		r.Notes = append(r.Notes, esc("nearest possible: "+n))
	}
	for _, x := range f.Reproduced {
		r.Notes = append(r.Notes, esc("reproduced by "+x))
	}
	for _, wn := range f.Warnings {
		r.Notes = append(r.Notes, esc("warning: "+wn))
	}
	return r
}
