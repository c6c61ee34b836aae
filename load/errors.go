package load

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/internal/placed"
)

// ErrInvalid is wrapped by every error this package returns about the
// content of a file: a syntax error, an unknown or missing field, a value
// that does not parse, or a problem the engine finds in what was read.
var ErrInvalid = errors.New("invalid input file")

// Error is one problem in an input file: where it is, the field at fault,
// the text found there and what was expected. It unwraps to ErrInvalid and
// to the underlying cause, if any (such as kpi.ErrMonth or
// contract.ErrInvalidContract).
//
// Error formats as
//
//	measurements.csv:14:16: month "2021-13": not a month (want 2021-06 or Jun-21)
//
// leaving out the line and column when the problem is not at one place in
// the file, and the field and text when there is none.
type Error struct {
	File   string // the file's name as given to the loader
	Line   int    // 1-based; 0 when the problem is not at one place
	Column int    // 1-based; 0 when unknown
	Field  string // the field at fault, such as "kpis[3].tsl" or "month"; may be empty
	Text   string // the text found in the field, when Quoted: its first 200 bytes and its length, when longer
	Quoted bool   // whether Text is part of the message
	Msg    string // what is wrong and what was expected, lower case
	Err    error  // the underlying cause; may be nil
}

// Error returns the problem as one line.
func (e *Error) Error() string {
	return placed.Problem{File: e.File, Line: e.Line, Column: e.Column, Field: e.Field, Text: e.Text, Quoted: e.Quoted, Msg: e.Msg}.String()
}

// Unwrap returns ErrInvalid and the underlying cause.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalid}
	}
	return []error{ErrInvalid, e.Err}
}

// Errors returns the individual problems in err, an error returned by this
// package, in the order they are reported: by file, line, column and
// message. It returns nil for a nil err, and err itself when it is not a
// list of problems.
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, single := err.(*Error); !single {
			return j.Unwrap()
		}
	}
	return []error{err}
}

// pos is a place in a file.
type pos struct{ line, col int }

// problems collects the errors found in one file: the first joined.Max,
// and a count of the rest.
type problems struct {
	file string
	list []*Error
	more int // the problems found past joined.Max
}

// add records a problem at p in field, without the field's text.
func (ps *problems) add(p pos, field, msg string, cause error) {
	ps.keep(&Error{File: ps.file, Line: p.line, Column: p.col, Field: field, Msg: msg, Err: cause})
}

// addText records a problem at p in field whose text is quoted.
func (ps *problems) addText(p pos, field, text, msg string, cause error) {
	ps.keep(&Error{File: ps.file, Line: p.line, Column: p.col, Field: field, Text: shorten(text), Quoted: true, Msg: msg, Err: cause})
}

// keep records e, or counts it past joined.Max.
func (ps *problems) keep(e *Error) {
	if len(ps.list) >= joined.Max {
		ps.more++
		return
	}
	ps.list = append(ps.list, e)
}

// full reports whether the next problem will be counted only.
func (ps *problems) full() bool { return len(ps.list) >= joined.Max }

// n returns the number of problems found, kept or counted.
func (ps *problems) n() int { return len(ps.list) + ps.more }

// maxText is the most bytes of a field's text a message quotes.
const maxText = 200

// shorten returns text cut to maxText bytes, at a character's start, with
// "..." and how long it was: a message never echoes a huge field whole.
func shorten(text string) string {
	if len(text) <= maxText {
		return text
	}
	n := maxText
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n] + "... (" + strconv.Itoa(len(text)) + " bytes)"
}

func (ps *problems) addf(p pos, field, format string, args ...any) {
	ps.add(p, field, fmt.Sprintf(format, args...), nil)
}

func (ps *problems) ok() bool { return ps.n() == 0 }

// err returns the problems sorted by place and message and joined, then
// "and N more problems" for those counted only; nil when there are none.
func (ps *problems) err() error {
	err := joined.Placed(ps.list, func(e *Error) (string, int, int) { return e.File, e.Line, e.Column })
	if ps.more == 0 || err == nil {
		return err
	}
	n := joined.More{N: ps.more, Of: ps.list[len(ps.list)-1]}
	more := &Error{File: ps.file, Msg: n.Error(), Err: n}
	return errors.Join(append(joined.Split(err), more)...)
}

// InputErrors returns the problems in err, an error from
// contract.Contract.Evaluate or Stream on measurements read from the file
// name by MeasurementLines, each problem with a measurement placed in that
// file: at the line lines gives the measurement (by its position, the
// *contract.InputError's Index) and the column its field's path names, as
// an *Error wrapping the engine's. A measured value for a month its KPI is
// not due in reads
//
//	measurements.csv:5: month: IMT_KPI_05 LCC 2021-07: kpi assessed every 3 months, not in 2021-07
//
// Every other problem (one with the period evaluated, or with the
// contract) is returned as it is. It returns nil for a nil err.
func InputErrors(name string, lines []int, err error) []error {
	var out []error
	ps := &problems{file: name}
	for _, e := range joined.Split(err) {
		var ie *contract.InputError
		if !errors.As(e, &ie) || ie.Index < 0 || ie.Index >= len(lines) {
			out = append(out, e)
			continue
		}
		field := measurementFields[strings.TrimPrefix(ie.Path, fmt.Sprintf("Measurements[%d].", ie.Index))]
		ps.add(pos{lines[ie.Index], 0}, field, fmt.Sprintf("%s %s %s: %s", ie.KPI, ie.Org, ie.Month, ie.Msg), e)
	}
	if placed := ps.err(); placed != nil {
		out = append(Errors(placed), out...)
	}
	return out
}

// measurementFields names, by its Go field, each field of kpi.Measurement
// an evaluation's problem can be about, as a measurements file's column;
// an absence is written in the value column.
var measurementFields = map[string]string{
	"KPI": "kpi", "Org": "organisation", "Month": "month", "Value": "value", "Absent": "value",
	"Numerator": "numerator", "Denominator": "denominator", "HasCounts": "numerator", "FromCounts": "value",
}
