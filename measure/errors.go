package measure

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/internal/joined"
)

// Sentinel errors. Every error the package returns wraps one of them
// through an *Error that says where the problem is.
var (
	// ErrInvalidRecord is wrapped by every problem with a record: a field
	// that does not parse, a ticket resolved before it was logged, holds
	// that overlap, a priority with no target, a duplicate id.
	ErrInvalidRecord = errors.New("invalid record")

	// ErrInvalidOptions is wrapped by every problem with a rule's options:
	// a required option not set, an unknown calendar, a target with no
	// amount.
	ErrInvalidOptions = errors.New("invalid options")
)

// Error is one problem with its context, in the manner of strconv.NumError.
// It formats as
//
//	tickets.csv:4:31: ticket "INC0042": resolved "2023-03-01T09:00:00Z": before logged 2023-03-02T09:00:00Z
//
// leaving out the file, line and column when the problem is not at a place
// in a file, the record when it is not about one record, and the field and
// text when there are none. It unwraps to ErrInvalidRecord,
// ErrInvalidOptions or kpi.ErrUnknownWord.
type Error struct {
	File   string // the file's name as given to the reader; empty for records built in code
	Line   int    // 1-based; 0 when not known
	Column int    // 1-based; 0 when not known
	Record string // the record at fault, such as `ticket "INC0042"`; may be empty
	Field  string // the field or option at fault, such as "resolved" or "reopen"; may be empty
	Text   string // the text found in the field, when Quoted
	Quoted bool   // whether Text is part of the message
	Msg    string // what is wrong and what was expected, lower case
	Err    error  // the sentinel
}

// Error returns the problem as one line.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			b.WriteString(":" + strconv.Itoa(e.Line))
			if e.Column > 0 {
				b.WriteString(":" + strconv.Itoa(e.Column))
			}
		}
		b.WriteString(": ")
	}
	if e.Record != "" {
		b.WriteString(e.Record + ": ")
	}
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

// Unwrap returns the sentinel the error belongs to.
func (e *Error) Unwrap() error { return e.Err }

// Errors returns the individual problems in err, an error returned by this
// package, in the order they were reported. It returns nil for a nil err
// and err itself when it is a single problem.
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// pos is a place in a file.
type pos struct {
	file      string
	line, col int
}

// problems collects errors.
type problems struct {
	list []*Error
}

func (ps *problems) add(p pos, record, field, msg string, sentinel error) {
	ps.list = append(ps.list, &Error{File: p.file, Line: p.line, Column: p.col, Record: record, Field: field, Msg: msg, Err: sentinel})
}

func (ps *problems) addText(p pos, record, field, text, msg string, sentinel error) {
	ps.list = append(ps.list, &Error{File: p.file, Line: p.line, Column: p.col, Record: record, Field: field, Text: text, Quoted: true, Msg: msg, Err: sentinel})
}

func (ps *problems) record(p pos, record, field, format string, args ...any) {
	ps.add(p, record, field, fmt.Sprintf(format, args...), ErrInvalidRecord)
}

func (ps *problems) option(field, format string, args ...any) {
	ps.add(pos{}, "", field, fmt.Sprintf(format, args...), ErrInvalidOptions)
}

func (ps *problems) ok() bool { return len(ps.list) == 0 }

// err returns the problems sorted by file, line, column and message,
// each once, joined; or nil.
func (ps *problems) err() error {
	return joined.Placed(ps.list, func(e *Error) (string, int, int) { return e.File, e.Line, e.Column })
}
