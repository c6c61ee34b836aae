package load

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
)

// csvTable is a CSV file read whole: its columns by header name and its
// rows with the position of every field.
type csvTable struct {
	ps   *problems
	cols map[string]int // header name to field index
	rows []csvRow
}

type csvRow struct {
	line   int
	fields []string
	pos    []pos
}

// readCSV reads r as CSV with a header row naming columns from known, of
// which required must be present. Header names are matched without regard
// to case or surrounding space; a UTF-8 byte order mark is skipped. It
// records every problem in ps and returns nil if the file cannot be read
// as a table.
func readCSV(ps *problems, r io.Reader, known, required []string) *csvTable {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	t := &csvTable{ps: ps, cols: map[string]int{}}
	header, err := cr.Read()
	if err == io.EOF {
		ps.add(pos{}, "", "empty file (want a header row naming the columns: "+strings.Join(required, ",")+")", nil)
		return nil
	}
	if err != nil {
		csvSyntax(ps, err)
		return nil
	}
	for i, h := range header {
		line, col := cr.FieldPos(i)
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case !slices.Contains(known, name):
			ps.addText(pos{line, col}, "header", h, "unknown column (want "+strings.Join(known, ", ")+")", nil)
		case t.has(name):
			ps.addText(pos{line, col}, "header", h, "column given twice", nil)
		default:
			t.cols[name] = i
		}
	}
	for _, name := range required {
		if !t.has(name) {
			ps.add(pos{1, 0}, "header", "missing column "+strconv.Quote(name)+" (want at least "+strings.Join(required, ",")+")", nil)
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			csvSyntax(ps, err)
			return nil
		}
		line, _ := cr.FieldPos(0)
		row := csvRow{line: line, fields: rec, pos: make([]pos, len(rec))}
		for i := range rec {
			l, c := cr.FieldPos(i)
			row.pos[i] = pos{l, c}
		}
		if len(rec) != len(header) {
			ps.addf(pos{line, 0}, "", "%d fields, the header has %d", len(rec), len(header))
			continue
		}
		t.rows = append(t.rows, row)
	}
	return t
}

func csvSyntax(ps *problems, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		ps.add(pos{pe.Line, pe.Column}, "", "not valid CSV: "+pe.Err.Error(), nil)
		return
	}
	ps.add(pos{}, "", "cannot read: "+err.Error(), err)
}

func (t *csvTable) has(name string) bool {
	_, ok := t.cols[name]
	return ok
}

// get returns the field of row in column name, trimmed of surrounding
// space, and its position; "" and the row's start when the file has no
// such column.
func (t *csvTable) get(row *csvRow, name string) (string, pos) {
	i, ok := t.cols[name]
	if !ok {
		return "", pos{row.line, 0}
	}
	return strings.TrimSpace(row.fields[i]), row.pos[i]
}
