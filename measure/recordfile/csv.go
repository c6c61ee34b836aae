package recordfile

import (
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/servicecredit/engine/internal/csvfile"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// table is a CSV file read whole: its columns by header name and its rows
// with the position of every field.
type table struct {
	file  string
	cols  map[string]int // header name to field index
	extra []string       // headers matched by the prefix, in file order
	rows  []row
}

type row struct {
	line   int
	fields []string
	pos    []problem.Pos
}

// readCSV reads r as CSV, through internal/csvfile (a UTF-8 byte order
// mark skipped, a file separated by semicolons or tabs told so, a quote
// never closed placed at the line that opened it, the size, line, row and
// field limits refused), with a header row naming columns from known (or
// starting with prefix, when prefix is not empty), of which required must
// be present. Header names are matched without regard to case or
// surrounding space. It records every problem in ps and returns nil if
// the file cannot be read as a table.
func readCSV(ps *problem.List, file string, r io.Reader, known, required []string, prefix string) *table {
	cr := csvfile.NewReader(r)
	t := &table{file: file, cols: map[string]int{}}
	header, err := cr.Read()
	if err == io.EOF {
		ps.Record(problem.Pos{File: file}, "", "", "empty file (want a header row naming the columns: %s)", strings.Join(required, ","))
		return nil
	}
	if err != nil {
		csvSyntax(ps, file, err)
		return nil
	}
	header = slices.Clone(header)
	want := strings.Join(known, ", ")
	if prefix != "" {
		want += ", " + prefix + "<name>"
	}
	for i, h := range header {
		line, col := cr.FieldPos(i)
		p := problem.Pos{File: file, Line: line, Col: col}
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case t.has(name):
			ps.AddText(p, "", "header", h, "column given twice", record.ErrInvalidRecord)
		case slices.Contains(known, name):
			t.cols[name] = i
		case prefix != "" && strings.HasPrefix(name, prefix) && len(name) > len(prefix):
			t.cols[name] = i
			t.extra = append(t.extra, name)
		default:
			ps.AddText(p, "", "header", h, "unknown column (want "+want+")", record.ErrInvalidRecord)
		}
	}
	for _, name := range required {
		if !t.has(name) {
			ps.Record(problem.Pos{File: file, Line: 1, Col: 0}, "", "header", "missing column %s (want at least %s)", strconv.Quote(name), strings.Join(required, ","))
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			csvSyntax(ps, file, err)
			return nil
		}
		line := cr.Line()
		if len(rec) != len(header) {
			ps.Record(problem.Pos{File: file, Line: line, Col: 0}, "", "", "%d fields, the header has %d", len(rec), len(header))
			continue
		}
		rw := row{line: line, fields: slices.Clone(rec), pos: make([]problem.Pos, len(rec))}
		for i := range rec {
			l, c := cr.FieldPos(i)
			rw.pos[i] = problem.Pos{File: file, Line: l, Col: c}
		}
		t.rows = append(t.rows, rw)
	}
	return t
}

// csvSyntax records err, the *csvfile.Error that stopped the reading of
// file, at its place: a limit reached wraps record.ErrLimit, anything
// else record.ErrInvalidRecord.
func csvSyntax(ps *problem.List, file string, err error) {
	var ce *csvfile.Error
	if !errors.As(err, &ce) {
		ce = &csvfile.Error{Msg: "cannot read: " + err.Error()}
	}
	sentinel := record.ErrInvalidRecord
	if ce.Limit {
		sentinel = record.ErrLimit
	}
	ps.Add(problem.Pos{File: file, Line: ce.Line, Col: ce.Column}, "", "", ce.Msg, sentinel)
}

func (t *table) has(name string) bool {
	_, ok := t.cols[name]
	return ok
}

// get returns the field of rw in column name, trimmed of surrounding
// space, and its position; "" and the row's start when the file has no
// such column.
func (t *table) get(rw *row, name string) (string, problem.Pos) {
	i, ok := t.cols[name]
	if !ok {
		return "", problem.Pos{File: t.file, Line: rw.line, Col: 0}
	}
	return strings.TrimSpace(rw.fields[i]), rw.pos[i]
}

// cell is one field being read, for error reporting.
type cell struct {
	ps     *problem.List
	p      problem.Pos
	record string
	field  string
	text   string
}

func (c cell) bad(msg string) {
	c.ps.AddText(c.p, c.record, c.field, c.text, msg, record.ErrInvalidRecord)
}

// cell returns the field of rw in column name as a cell.
func (t *table) cell(ps *problem.List, rw *row, record, name string) cell {
	s, p := t.get(rw, name)
	return cell{ps: ps, p: p, record: record, field: name, text: s}
}

// The accepted zone-less layouts, when the file's zone is named.
var localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"}

const wantInstant = "want RFC 3339 with an offset, such as 2023-03-03T16:30:00Z or 2023-04-06T16:00:00+01:00"

// parseInstant reads an instant: RFC 3339 with an offset; or, when zone
// is not nil, a local date and time in zone, which must exist and be
// unambiguous there. On failure it returns what was expected.
func parseInstant(s string, zone *time.Location) (time.Time, string) {
	if s == "" {
		return time.Time{}, "empty (" + wantInstant + ")"
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, ""
	}
	for _, layout := range localLayouts {
		naive, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if zone == nil {
			return time.Time{}, "no offset, and the file's zone is not named (" + wantInstant + ")"
		}
		return localInstant(naive, zone)
	}
	return time.Time{}, "not a timestamp (" + wantInstant + ")"
}

// localInstant returns the instant with naive's wall clock (read as UTC)
// in zone, or a message if there is none (a spring-forward gap) or more
// than one (a fall-back overlap).
func localInstant(naive time.Time, zone *time.Location) (time.Time, string) {
	var found []time.Time
	seen := map[int]bool{}
	for _, probe := range []time.Duration{-36 * time.Hour, 0, 36 * time.Hour} {
		_, off := naive.Add(probe).In(zone).Zone()
		if seen[off] {
			continue
		}
		seen[off] = true
		u := naive.Add(-time.Duration(off) * time.Second)
		l := u.In(zone)
		if l.Year() == naive.Year() && l.YearDay() == naive.YearDay() && l.Hour() == naive.Hour() && l.Minute() == naive.Minute() && l.Second() == naive.Second() {
			found = append(found, u.In(zone))
		}
	}
	switch len(found) {
	case 0:
		return time.Time{}, "does not exist in " + zone.String() + " (the clocks went forward); give the offset"
	case 1:
		return found[0], ""
	}
	return time.Time{}, "is ambiguous in " + zone.String() + " (the clocks went back); give the offset"
}

// instant reads c as an instant; it reports false, recording the problem,
// if it does not parse. An empty cell gives the zero time and true unless
// required.
func (c cell) instant(zone *time.Location, required bool) (time.Time, bool) {
	if c.text == "" && !required {
		return time.Time{}, true
	}
	t, msg := parseInstant(c.text, zone)
	if msg != "" {
		c.bad(msg)
		return time.Time{}, false
	}
	return t, true
}

// parts splits a list cell on ";" into trimmed, non-empty parts.
func (c cell) parts() []string {
	var out []string
	for _, p := range strings.Split(c.text, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// pair reads "a/b" as two instants.
func (c cell) pair(part string, zone *time.Location) (time.Time, time.Time, bool) {
	a, b, ok := strings.Cut(part, "/")
	if !ok {
		c.bad("want start/end instants separated by a slash, such as 2023-06-12T10:00:00+01:00/2023-06-12T13:00:00+01:00, several separated by semicolons")
		return time.Time{}, time.Time{}, false
	}
	ta, msg := parseInstant(strings.TrimSpace(a), zone)
	if msg != "" {
		c.bad(strconv.Quote(a) + ": " + msg)
		return time.Time{}, time.Time{}, false
	}
	tb, msg := parseInstant(strings.TrimSpace(b), zone)
	if msg != "" {
		c.bad(strconv.Quote(b) + ": " + msg)
		return time.Time{}, time.Time{}, false
	}
	return ta, tb, true
}

// flag reads yes/no (or true/false, any case); empty is no.
func (c cell) flag() bool {
	switch strings.ToLower(c.text) {
	case "", "no", "false":
		return false
	case "yes", "true":
		return true
	}
	c.bad("want yes or no")
	return false
}

// whole reads a whole number of at most nine digits.
func (c cell) whole() (int, bool) {
	if c.text == "" || len(c.text) > 9 || strings.Trim(c.text, "0123456789") != "" {
		c.bad("not a whole number (want digits only, such as 96)")
		return 0, false
	}
	n, _ := strconv.Atoi(c.text)
	return n, true
}

// nonEmpty reports whether c has text, recording a problem if not.
func (c cell) nonEmpty() bool {
	if c.text == "" {
		c.ps.Add(c.p, c.record, c.field, "empty", record.ErrInvalidRecord)
		return false
	}
	return true
}

// duration reads c as a Duration, such as 40s or 1m5s.
func (c cell) duration() (time.Duration, bool) {
	d, err := record.ParseDuration(c.text)
	if err != nil {
		c.bad("not a duration (want hours, minutes and seconds such as 40s or 1m5s)")
		return 0, false
	}
	return time.Duration(d), true
}

// month reads c as a month, 2021-06 or Jun-21.
func (c cell) month() (kpi.Month, bool) {
	m, err := kpi.ParseMonth(c.text)
	if err != nil || c.text == "" {
		c.bad("not a month (want 2021-06 or Jun-21)")
		return kpi.Month{}, false
	}
	return m, true
}

// word reads c as the text of an enumeration into v, reporting the words
// it accepts. Every enumeration of the records rejects an unknown word
// with a *kpi.WordError listing them, which the problem wraps.
func word(c cell, v interface{ UnmarshalText([]byte) error }) bool {
	err := v.UnmarshalText([]byte(c.text))
	var we *kpi.WordError
	if errors.As(err, &we) {
		c.ps.Word(c.p, c.record, c.field, c.text, we)
	}
	return err == nil
}
