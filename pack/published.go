package pack

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/kpi"
)

// The limits of ReadPublished: a pack is a few tables, so these are far
// above any real pack, and keep a hostile file from taking the memory.
const (
	MaxLine    = 1 << 20   // bytes in one line
	MaxCells   = 1_000_000 // cells in one file
	MaxPeriods = 500       // headings on one table's period axis: months, totals and targets
)

// ErrLimit is wrapped by the error ReadPublished returns when a file
// exceeds MaxLine, MaxCells or MaxPeriods.
var ErrLimit = errors.New("pack file exceeds a documented limit")

// Pos is a place in a pack file: the file as named to the reader, the
// 1-based line, and the 1-based cell of the line (0 for the line as a
// whole; a line of 0 for the file as a whole).
type Pos struct {
	File string // the file as named to the reader
	Line int    // 1-based; 0 for the file as a whole
	Cell int    // 1-based; 0 for the line as a whole
}

// String returns "brent.tsv:3:8", "brent.tsv:3" or "brent.tsv".
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Cell > 0 {
			s += ":" + strconv.Itoa(p.Cell)
		}
	}
	return s
}

// Compare orders places by file, line and cell.
func (p Pos) Compare(q Pos) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Cell, q.Cell))
}

// Published is a pack file read as printed, flaws and all: its tables and
// what the reader found wrong with their layout.
type Published struct {
	File   string   // the name the file was read under
	Tables []*Table // in the order printed
	Notes  []Note   // the layout's flaws, by place
}

// Table is one table of a pack: a heading row and the rows under it. A
// table is read onto two axes, whichever way it is printed: its periods
// (months, totals over months, the target) and its series (the
// indicators, counts and summary rows). With months as columns, each row
// is a series; printed the other way round (Transposed), each column is.
type Table struct {
	Title      string    // the heading row's first cell
	Pos        Pos       // the heading row's first cell
	Transposed bool      // months are rows and series columns
	Periods    []Period  // the period axis: one per heading, in order
	Series     []Series  // the series axis: the rows (or, Transposed, the columns), in order
	Sections   []Section // the section labels of a table with months as columns, in order
}

// Section is a label row within a table, such as "SERVICE DESK KPIS",
// that groups the rows after it.
type Section struct {
	Label string // as printed, trimmed
	Pos   Pos    // the label's cell
}

// Series is one row of a table with months as columns, or one column of a
// table printed the other way round: its label and its cells, one per
// period of the table.
type Series struct {
	Label   string // as printed, trimmed
	Pos     Pos    // the label's cell
	Section int    // the index in the table's Sections of the section it is in; -1 for none
	Cells   []Cell // one per Period of the table, in the same order
	Extra   []Cell // cells printed beyond the table's last heading
}

// NoteKind says what part of a table's layout a Note is about. The zero
// NoteKind is invalid.
type NoteKind uint8

// The kinds of layout flaw.
const (
	HeadingNote NoteKind = iota + 1 // a heading out of sequence, not understood, or covering the wrong months
	ShapeNote                       // a row with fewer or more cells than the table has headings
)

// Note is a flaw in a table's layout that the reader read past: it says
// where, what was printed and what is wrong. A flawed pack is evidence to
// report, not a file to refuse.
type Note struct {
	Pos  Pos      // where the flaw is
	Kind NoteKind // a heading's flaw or a row's shape
	Text string   // the heading's or label's text
	Msg  string   // what is wrong
}

// row is a line of a pack file split into cells.
type row struct {
	line  int
	cells []string // trimmed
}

// first returns the row's first cell.
func (r row) first() string { return r.cells[0] }

// rest reports whether any cell after the first holds text.
func (r row) rest() bool {
	for _, c := range r.cells[1:] {
		if c != "" {
			return true
		}
	}
	return false
}

// ReadPublished reads a pack file as it was printed, for reconciliation:
// every table, whichever way round it is printed, with each cell's text,
// what it was read as and its written precision. docs/reconcile.md
// describes the format.
//
// A layout flaw (a month heading out of sequence, a heading not
// understood, a row with fewer or more cells than headings) is a Note; a
// cell that cannot be read is a Cell of kind Unreadable. Neither stops the
// reading. The file is refused only when a table's shape cannot be
// understood at all: a row with values before any heading row, an *Error
// wrapping ErrTable with its place. A file beyond MaxLine or MaxCells is
// refused with an error wrapping ErrLimit.
func ReadPublished(name string, r io.Reader) (*Published, error) {
	rows, err := scanRows(name, r)
	if err != nil {
		return nil, err
	}
	p := &Published{File: name}
	var t *Table
	var errs []error
	for i, rw := range rows {
		switch {
		case headingRow(rw):
			p.finish(t)
			t = p.normalTable(rw)
		case t != nil && t.Transposed && parsePeriod(Pos{}, rw.first()).Kind != Unknown:
			p.periodRow(t, rw)
		case rw.rest() && transposedHeading(rows, i):
			p.finish(t)
			t = p.transposedTable(rw)
		case !rw.rest():
			if t != nil && !t.Transposed {
				t.Sections = append(t.Sections, Section{Label: rw.first(), Pos: Pos{name, rw.line, 1}})
			}
		case t == nil:
			errs = append(errs, &Error{File: name, Line: rw.line, Cell: 1, Text: rw.first(),
				Msg: "values before any heading row (want a heading row of months, such as TITLE<tab>TARGET<tab>APR-16<tab>MAY-16, or a row of series labels followed by rows of months)"})
		case t.Transposed:
			p.periodRow(t, rw)
		default:
			p.seriesRow(t, rw)
		}
		if t != nil && len(t.Periods) > MaxPeriods {
			return nil, fmt.Errorf("%s:%d: a table with more than %d headings of months, totals and targets: %w", name, rw.line, MaxPeriods, ErrLimit)
		}
	}
	p.finish(t)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortStableFunc(p.Notes, func(a, b Note) int { return a.Pos.Compare(b.Pos) })
	return p, nil
}

// scanRows reads the rows of a pack file: lines split at tabs, each cell
// trimmed, with comments and blank lines left out. A UTF-8 byte order
// mark is skipped.
func scanRows(name string, r io.Reader) ([]row, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLine)
	var rows []row
	line, cells := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if strings.HasPrefix(text, "#") && !strings.Contains(text, "\t") {
			continue // a comment
		}
		parts := strings.Split(text, "\t")
		if cells += len(parts); cells > MaxCells {
			return nil, fmt.Errorf("%s:%d: more than %d cells: %w", name, line, MaxCells, ErrLimit)
		}
		blank := true
		for i := range parts {
			parts[i] = trimCell(parts[i])
			blank = blank && parts[i] == ""
		}
		if !blank {
			rows = append(rows, row{line: line, cells: parts})
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: line longer than %d bytes: %w", name, line+1, MaxLine, ErrLimit)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rows, nil
}

// headingRow reports whether r is the heading row of a table with months
// as columns: a cell after the first is a month heading.
func headingRow(r row) bool {
	for _, c := range r.cells[1:] {
		if _, _, ok := ParseMonthHeading(c); ok {
			return true
		}
	}
	return false
}

// transposedHeading reports whether rows[i] heads a table printed the
// other way round: its first cell is not a month, and the next rows,
// after any target rows, start with a month and are not heading rows.
func transposedHeading(rows []row, i int) bool {
	if _, _, ok := ParseMonthHeading(rows[i].first()); ok {
		return false
	}
	for _, r := range rows[i+1:] {
		switch parsePeriod(Pos{}, r.first()).Kind {
		case TSL, MSL:
			continue
		case OneMonth:
			return !headingRow(r)
		}
		return false
	}
	return false
}

// width returns the number of cells of r up to its last non-empty one.
func width(cells []string) int {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return n
}

// normalTable starts a table with months as columns from its heading row.
func (p *Published) normalTable(r row) *Table {
	t := &Table{Title: r.first(), Pos: Pos{p.File, r.line, 1}}
	for i, c := range r.cells[1:width(r.cells)] {
		t.Periods = append(t.Periods, parsePeriod(Pos{p.File, r.line, i + 2}, c))
	}
	p.Tables = append(p.Tables, t)
	return t
}

// transposedTable starts a table with months as rows from its heading row
// of series labels.
func (p *Published) transposedTable(r row) *Table {
	t := &Table{Title: r.first(), Pos: Pos{p.File, r.line, 1}, Transposed: true}
	for i, c := range r.cells[1:width(r.cells)] {
		t.Series = append(t.Series, Series{Label: c, Pos: Pos{p.File, r.line, i + 2}, Section: -1})
	}
	p.Tables = append(p.Tables, t)
	return t
}

// readAt reads the cell of period per at pos.
func readAt(per PeriodKind, pos Pos, text string) Cell {
	if per == TSL || per == MSL {
		return readTarget(pos, text)
	}
	return readCell(pos, text)
}

// seriesRow adds a row of a table with months as columns.
func (p *Published) seriesRow(t *Table, r row) {
	s := Series{Label: r.first(), Pos: Pos{p.File, r.line, 1}, Section: len(t.Sections) - 1}
	for i, per := range t.Periods {
		pos := Pos{p.File, r.line, i + 2}
		if i+1 >= len(r.cells) {
			s.Cells = append(s.Cells, Cell{Pos: pos, Kind: Missing})
			continue
		}
		s.Cells = append(s.Cells, readAt(per.Kind, pos, r.cells[i+1]))
	}
	s.Extra = p.extra(r, len(t.Periods)+1)
	p.shape(r, len(t.Periods)+1, len(s.Extra), "headings")
	t.Series = append(t.Series, s)
}

// periodRow adds a row of a table printed the other way round: a period
// heading and one cell per series.
func (p *Published) periodRow(t *Table, r row) {
	per := parsePeriod(Pos{p.File, r.line, 1}, r.first())
	t.Periods = append(t.Periods, per)
	for j := range t.Series {
		pos := Pos{p.File, r.line, j + 2}
		c := Cell{Pos: pos, Kind: Missing}
		if j+1 < len(r.cells) {
			c = readAt(per.Kind, pos, r.cells[j+1])
		}
		t.Series[j].Cells = append(t.Series[j].Cells, c)
	}
	extra := p.extra(r, len(t.Series)+1)
	if len(extra) > 0 && len(t.Series) > 0 {
		last := &t.Series[len(t.Series)-1]
		last.Extra = append(last.Extra, extra...)
	}
	p.shape(r, len(t.Series)+1, len(extra), "series labels")
}

// extra reads the printed cells of r from cell want+1 on.
func (p *Published) extra(r row, want int) []Cell {
	var out []Cell
	for i := want; i < len(r.cells); i++ {
		if r.cells[i] != "" {
			out = append(out, readCell(Pos{p.File, r.line, i + 1}, r.cells[i]))
		}
	}
	return out
}

// shape notes a row with fewer cells than the table has headings (want,
// the label included), or with printed cells beyond them.
func (p *Published) shape(r row, want, extra int, what string) {
	switch {
	case len(r.cells) < want:
		none := "the last has none"
		if n := want - len(r.cells); n > 1 {
			none = fmt.Sprintf("the last %d have none", n)
		}
		p.note(Pos{p.File, r.line, 0}, ShapeNote, r.first(), fmt.Sprintf("short row: %s under %d %s (read from the left: %s)",
			cells(len(r.cells)-1), want-1, what, none))
	case extra > 0:
		p.note(Pos{p.File, r.line, 0}, ShapeNote, r.first(), fmt.Sprintf("long row: %s beyond the last of the %d %s (not read)", cells(extra), want-1, what))
	}
}

// cells writes "1 cell" or "12 cells".
func cells(n int) string {
	if n == 1 {
		return "1 cell"
	}
	return fmt.Sprintf("%d cells", n)
}

func (p *Published) note(pos Pos, kind NoteKind, text, msg string) {
	p.Notes = append(p.Notes, Note{Pos: pos, Kind: kind, Text: text, Msg: msg})
}

// finish completes t, if any, once its last row is read: the month
// headings are put in sequence, each total is given the months it
// covers, and the headings not understood are noted.
func (p *Published) finish(t *Table) {
	if t == nil {
		return
	}
	p.sequence(t)
	cover(t)
	for i := range t.Periods {
		per := &t.Periods[i]
		switch {
		case per.Kind.IsTotal():
			p.checkCover(per)
		case per.Kind == Unknown && per.Text != "":
			p.note(per.Pos, HeadingNote, per.Text, "heading not understood (want a month such as Apr-16 or 2016-04, a total such as Q1, YTD, Year or Grand Total, or Target); its cells are not read as values")
		}
	}
}

// cover gives each total of t the months it covers: those before it
// back to the previous total of its level or above; for a grand total,
// all of the table's months before it. The Covers of several totals
// share memory, each capped at its own length.
func cover(t *Table) {
	var months []int
	var last [5]int // by level: how many months came before the latest total of that level or above
	for i := range t.Periods {
		per := &t.Periods[i]
		switch {
		case per.Kind == OneMonth:
			months = append(months, i)
		case per.Kind.IsTotal():
			lv, start := per.Kind.level(), 0
			if per.Kind != GrandTotal {
				start = last[lv]
			}
			per.Covers = months[start:len(months):len(months)]
			for l := 1; l <= lv; l++ {
				last[l] = len(months)
			}
		}
	}
}

// checkCover notes a total whose months do not fit its heading.
func (p *Published) checkCover(per *Period) {
	switch n := len(per.Covers); {
	case n == 0:
		p.note(per.Pos, HeadingNote, per.Text, "a total over no months: no month heading comes before it")
	case per.Kind == Quarter && n != 3:
		p.note(per.Pos, HeadingNote, per.Text, fmt.Sprintf("a quarter over %d months (want 3)", n))
	case (per.Kind == Year || per.Kind == YearToDate) && n > 12:
		p.note(per.Pos, HeadingNote, per.Text, fmt.Sprintf("a year over %d months (want at most 12)", n))
	}
}

// sequence checks that the table's month headings run at one step (one
// month, a quarter, a year; forwards or backwards) from one start: of the
// steps between consecutive headings and the usual ones (1, 3 and 12
// months, either way), the step and start that the most headings agree
// with; a tie goes to the smaller step, forwards first, then to the start
// of the first heading. A heading off that sequence is noted and read as
// the month the sequence puts there ("SEP-15" between AUG-16 and NOV-16
// is read as Sep-16).
func (p *Published) sequence(t *Table) {
	var at []int
	for i, per := range t.Periods {
		if per.Kind == OneMonth {
			at = append(at, i)
		}
	}
	if len(at) < 2 {
		return
	}
	first := t.Periods[at[0]].Printed
	candidates := []int{1, -1, 3, -3, 12, -12}
	for k := 1; k < len(at); k++ {
		if d := t.Periods[at[k]].Printed.Sub(t.Periods[at[k-1]].Printed); d != 0 && !slices.Contains(candidates, d) {
			candidates = append(candidates, d)
		}
	}
	step, offset, agree := 1, 0, -1
	for _, c := range candidates {
		starts := map[int]int{}
		for k, i := range at {
			starts[t.Periods[i].Printed.Sub(first)-k*c]++
		}
		o := mostCommon(starts, 0)
		if n := starts[o]; n > agree || (n == agree && (abs(c) < abs(step) || (abs(c) == abs(step) && c > step))) {
			step, offset, agree = c, o, n
		}
	}
	start := first.AddMonths(offset)
	for k, i := range at {
		per := &t.Periods[i]
		want := start.AddMonths(k * step)
		if want == per.Printed {
			continue
		}
		if want.IsZero() {
			per.Kind = Unknown
			p.note(per.Pos, HeadingNote, per.Text, "month heading out of sequence, and no month fits its place")
			continue
		}
		per.Month = want
		p.note(per.Pos, HeadingNote, per.Text, fmt.Sprintf("month heading out of sequence: want %s%s (read as %s)", want.Pack(), neighbours(t, at, k, start, step), want.Pack()))
	}
}

// neighbours describes the months around the k-th month heading: " between
// Aug-16 and Nov-16", " after Aug-16" or " before May-16".
func neighbours(t *Table, at []int, k int, start kpi.Month, step int) string {
	var before, after string
	if k > 0 {
		before = start.AddMonths((k - 1) * step).Pack()
	}
	if k+1 < len(at) {
		after = start.AddMonths((k + 1) * step).Pack()
	}
	switch {
	case before != "" && after != "":
		return " between " + before + " and " + after
	case before != "":
		return " after " + before
	case after != "":
		return " before " + after
	}
	return ""
}

// mostCommon returns the key with the highest count; ties go to the key
// of smallest magnitude (the first heading's start, 0, when it is among
// them), positive before negative; def when counts is empty.
func mostCommon(counts map[int]int, def int) int {
	best, n := def, 0
	for k, c := range counts {
		if c > n || (c == n && (abs(k) < abs(best) || (abs(k) == abs(best) && k > best))) {
			best, n = k, c
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
