package recordfile

import (
	"io"
	"strconv"

	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// rowOf is one row of a file being read into a record: its table, the
// problems of the file, and how messages name the record.
type rowOf struct {
	t      *table
	ps     *problem.List
	rw     *row
	who    string // the record in messages, such as `ticket "INC1"`
	before int    // the problems recorded before the row
}

// get returns column col of the row as a cell, for reading and reporting.
func (r rowOf) get(col string) cell { return r.t.cell(r.ps, r.rw, r.who, col) }

// text returns column col of the row, trimmed; "" when the file has no
// such column.
func (r rowOf) text(col string) string {
	s, _ := r.t.get(r.rw, col)
	return s
}

// source is where the row's record comes from.
func (r rowOf) source() record.Source { return record.Source{File: r.t.file, Line: r.rw.line} }

// clean reports whether the row has had no problem so far.
func (r rowOf) clean() bool { return r.ps.Len() == r.before }

// readFile reads file r, called name, with columns cols (required of
// them, and any starting with prefix): each row into a record by read,
// which names the record in messages by who. It keeps the records of the
// rows without a problem, runs check over them (when not nil), and
// returns them, or nil and every problem when there is any.
func readFile[T any](name string, r io.Reader, cols, required []string, prefix string,
	who func(r rowOf) string, read func(r rowOf) T, check func([]T) error) ([]T, error) {
	ps := &problem.List{}
	t := readCSV(ps, name, r, cols, required, prefix)
	if t == nil {
		return nil, ps.Err()
	}
	var out []T
	for ri := range t.rows {
		row := rowOf{t: t, ps: ps, rw: &t.rows[ri], before: ps.Len()}
		row.who = who(row)
		x := read(row)
		if row.clean() {
			out = append(out, x)
		}
	}
	if check != nil {
		ps.Merge(check(out))
	}
	if !ps.OK() {
		return nil, ps.Err()
	}
	return out, nil
}

// firstLines is the line each key of a file was first given on.
type firstLines[K comparable] map[K]int

// once records that row r gives key k, and reports whether it is the
// first to; a key an earlier row gave is a problem at r's column col,
// worded by format with the earlier line: "given twice (first at line
// %d)".
func (f firstLines[K]) once(r rowOf, k K, col, format string) bool {
	if line, dup := f[k]; dup {
		_, p := r.t.get(r.rw, col)
		r.ps.Record(p, r.who, col, format, line)
		return false
	}
	f[k] = r.rw.line
	return true
}

// named names a row's record by its noun and its id column, in messages:
// `call "C2"`.
func named(noun string) func(x rowOf) string {
	return func(x rowOf) string { return noun + " " + strconv.Quote(x.text("id")) }
}
