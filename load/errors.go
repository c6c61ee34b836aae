package load

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/internal/joined"
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
	Text   string // the text found in the field, when Quoted
	Quoted bool   // whether Text is part of the message
	Msg    string // what is wrong and what was expected, lower case
	Err    error  // the underlying cause; may be nil
}

// Error returns the problem as one line.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(":" + strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		if e.Quoted {
			b.WriteString(" " + strconv.Quote(e.Text))
		}
		b.WriteString(": ")
	} else if e.Quoted {
		b.WriteString(strconv.Quote(e.Text) + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
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

// problems collects the errors found in one file.
type problems struct {
	file string
	list []*Error
}

// add records a problem at p in field, without the field's text.
func (ps *problems) add(p pos, field, msg string, cause error) {
	ps.list = append(ps.list, &Error{File: ps.file, Line: p.line, Column: p.col, Field: field, Msg: msg, Err: cause})
}

// addText records a problem at p in field whose text is quoted.
func (ps *problems) addText(p pos, field, text, msg string, cause error) {
	ps.list = append(ps.list, &Error{File: ps.file, Line: p.line, Column: p.col, Field: field, Text: text, Quoted: true, Msg: msg, Err: cause})
}

func (ps *problems) addf(p pos, field, format string, args ...any) {
	ps.add(p, field, fmt.Sprintf(format, args...), nil)
}

func (ps *problems) ok() bool { return len(ps.list) == 0 }

// err returns the problems sorted by place and message and joined, or nil.
func (ps *problems) err() error {
	return joined.Placed(ps.list, func(e *Error) (string, int, int) { return e.File, e.Line, e.Column })
}
