package load

import (
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/csvfile"
)

// csvReader reads a CSV file with a header row one row at a time, so that
// a large file is never held whole: its columns by header name, and the
// current row's fields with their positions.
type csvReader struct {
	ps     *problems
	cr     *csvfile.Reader
	cols   map[string]int // header name to field index
	width  int            // the header's field count
	mark   int            // the problems found before the first row
	shape  problems       // rows whose field count is not the header's
	failed bool           // the file is not valid CSV
	line   int            // the current row's line
	fields []string       // the current row's fields, reused by next
}

// openCSV reads the header of r, CSV whose columns are named from known,
// of which required must be present. Header names are matched without
// regard to case or surrounding space; a UTF-8 byte order mark is
// skipped, and a file separated by semicolons or tabs is one problem (see
// internal/csvfile). It records every problem in ps and returns nil if
// the file cannot be read as a table.
func openCSV(ps *problems, r io.Reader, known, required []string) *csvReader {
	cr := csvfile.NewReader(r)
	c := &csvReader{ps: ps, cr: cr, cols: map[string]int{}, shape: problems{file: ps.file}}
	header, err := cr.Read()
	if err == io.EOF {
		ps.add(pos{}, "", "empty file (want a header row naming the columns: "+strings.Join(required, ",")+")", nil)
		return nil
	}
	if err != nil {
		csvSyntax(ps, err)
		return nil
	}
	c.width = len(header)
	for i, h := range header {
		line, col := cr.FieldPos(i)
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case !slices.Contains(known, name):
			ps.addText(pos{line, col}, "header", h, "unknown column (want "+strings.Join(known, ", ")+")", nil)
		case c.column(name) >= 0:
			ps.addText(pos{line, col}, "header", h, "column given twice", nil)
		default:
			c.cols[name] = i
		}
	}
	for _, name := range required {
		if c.column(name) < 0 {
			ps.add(pos{1, 0}, "header", "missing column "+strconv.Quote(name)+" (want at least "+strings.Join(required, ",")+")", nil)
		}
	}
	c.mark = ps.n()
	return c
}

// next moves to the next row with as many fields as the header, recording
// a problem for each row in between that has not. It returns false at the
// end of the file, and when the file turns out not to be valid CSV: then
// the problems found in its rows are dropped, as the file is not read at
// all, and the syntax error is recorded.
func (c *csvReader) next() bool {
	for {
		rec, err := c.cr.Read()
		if err == io.EOF {
			c.ps.merge(&c.shape)
			return false
		}
		if err != nil {
			c.failed = true
			c.ps.drop(c.mark)
			c.ps.merge(&c.shape)
			csvSyntax(c.ps, err)
			return false
		}
		c.line = c.cr.Line()
		if len(rec) != c.width {
			c.shape.addf(pos{c.line, 0}, "", "%d fields, the header has %d", len(rec), c.width)
			continue
		}
		c.fields = rec
		return true
	}
}

// merge adds the problems of o to ps, the counted ones counted.
func (ps *problems) merge(o *problems) {
	for _, e := range o.list {
		ps.keep(e)
	}
	ps.more += o.more
}

// drop forgets the problems found after the first n.
func (ps *problems) drop(n int) {
	if n < len(ps.list) {
		ps.list, ps.more = ps.list[:n], 0
		return
	}
	ps.more = n - len(ps.list)
}

// column returns the field index of column name, -1 when the file has no
// such column.
func (c *csvReader) column(name string) int {
	if i, ok := c.cols[name]; ok {
		return i
	}
	return -1
}

// field returns the current row's field i, trimmed of surrounding space,
// and its position; "" and the row's start for i < 0.
func (c *csvReader) field(i int) (string, pos) {
	if i < 0 {
		return "", pos{c.line, 0}
	}
	line, col := c.cr.FieldPos(i)
	return strings.TrimSpace(c.fields[i]), pos{line, col}
}

// csvSyntax records err, an error that ended the reading of a CSV file:
// an *csvfile.Error at its place, a limit reached wrapping
// contract.ErrLimit.
func csvSyntax(ps *problems, err error) {
	var fe *csvfile.Error
	if errors.As(err, &fe) {
		var cause error
		if fe.Limit {
			cause = contract.ErrLimit
		}
		ps.add(pos{fe.Line, fe.Column}, "", fe.Msg, cause)
		return
	}
	ps.add(pos{}, "", "cannot read: "+err.Error(), err)
}

// csvTable is a small CSV file read whole, for files whose rows are
// checked after reading: its columns by header name and its rows with the
// position of every field.
type csvTable struct {
	cols map[string]int
	rows []csvRow
}

type csvRow struct {
	line   int
	fields []string
	pos    []pos
}

// readCSV reads r whole as openCSV and next do. It returns nil if the file
// cannot be read as a table.
func readCSV(ps *problems, r io.Reader, known, required []string) *csvTable {
	c := openCSV(ps, r, known, required)
	if c == nil {
		return nil
	}
	t := &csvTable{cols: c.cols}
	for c.next() {
		row := csvRow{line: c.line, fields: make([]string, len(c.fields)), pos: make([]pos, len(c.fields))}
		for i := range c.fields {
			row.fields[i], row.pos[i] = c.field(i)
		}
		t.rows = append(t.rows, row)
	}
	if c.failed {
		return nil
	}
	return t
}

// get returns the field of row in column name and its position; "" and
// the row's start when the file has no such column.
func (t *csvTable) get(row *csvRow, name string) (string, pos) {
	i, ok := t.cols[name]
	if !ok {
		return "", pos{row.line, 0}
	}
	return row.fields[i], row.pos[i]
}
