package problem

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/kpi"
)

// The sentinels every problem wraps one of; record.ErrInvalidRecord,
// record.ErrInvalidOptions and record.ErrLimit are the same values.
var (
	ErrInvalidRecord  = errors.New("invalid record")
	ErrInvalidOptions = errors.New("invalid options")
	ErrLimit          = errors.New("limit reached")
)

// Error is one problem with its context, in the manner of strconv.NumError.
// It formats as
//
//	tickets.csv:4:31: ticket "INC0042": resolved "2023-03-01T09:00:00Z": before logged 2023-03-02T09:00:00Z
//
// leaving out the file, line and column when the problem is not at a place
// in a file, the record when it is not about one record, and the field and
// text when there are none. It unwraps to its sentinel.
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
	Cause  error  // the underlying error, such as the *kpi.WordError of an unknown word; may be nil
}

// Error returns the problem as one line.
func (e *Error) Error() string {
	return placed.Problem{File: e.File, Line: e.Line, Column: e.Column, Record: e.Record, Field: e.Field, Text: e.Text, Quoted: e.Quoted,
		Msg: e.Msg}.String()
}

// Unwrap returns the sentinel the error belongs to, and its cause, if
// any: an unknown word's problem is also a kpi.ErrUnknownWord.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// Errors returns the individual problems in err, in the order they were
// reported: the parts of a joined list, or err itself; nil for nil.
func Errors(err error) []error {
	return joined.Split(err)
}

// Pos is a place in a file; the zero Pos is no place.
type Pos struct {
	File      string // the file's name as given to the reader; empty for records built in code
	Line, Col int    // 1-based; 0 when not known
}

// At returns the place of a record read from line of file.
func At(file string, line int) Pos { return Pos{File: file, Line: line} }

// List collects problems. The zero List is empty and ready to use.
type List struct {
	items []*Error
}

// Add records a problem at p.
func (ps *List) Add(p Pos, record, field, msg string, sentinel error) {
	ps.items = append(ps.items, &Error{File: p.File, Line: p.Line, Column: p.Col, Record: record, Field: field, Msg: msg, Err: sentinel})
}

// AddText records a problem at p quoting the text found.
func (ps *List) AddText(p Pos, record, field, text, msg string, sentinel error) {
	ps.items = append(ps.items, &Error{File: p.File, Line: p.Line, Column: p.Col, Record: record, Field: field, Text: text, Quoted: true, Msg: msg, Err: sentinel})
}

// Word records a problem with a record at p: text is not one of an
// enumeration's words, as err, the *kpi.WordError of its UnmarshalText,
// says. The problem lists the words and wraps ErrInvalidRecord and err.
func (ps *List) Word(p Pos, record, field, text string, err *kpi.WordError) {
	ps.items = append(ps.items, &Error{File: p.File, Line: p.Line, Column: p.Col, Record: record, Field: field, Text: text, Quoted: true,
		Msg: "want one of " + strings.Join(err.Words, ", "), Err: ErrInvalidRecord, Cause: err})
}

// Record records a problem with a record, wrapping ErrInvalidRecord.
func (ps *List) Record(p Pos, record, field, format string, args ...any) {
	ps.Add(p, record, field, fmt.Sprintf(format, args...), ErrInvalidRecord)
}

// Option records a problem with an option, wrapping ErrInvalidOptions.
func (ps *List) Option(field, format string, args ...any) {
	ps.Add(Pos{}, "", field, fmt.Sprintf(format, args...), ErrInvalidOptions)
}

// Merge records the problems of err, as a Validate or Check returns it:
// each *Error as it is, anything else as a problem with the options.
func (ps *List) Merge(err error) {
	for _, e := range Errors(err) {
		var pe *Error
		if errors.As(e, &pe) {
			c := *pe
			ps.items = append(ps.items, &c)
			continue
		}
		ps.Add(Pos{}, "", "", e.Error(), ErrInvalidOptions)
	}
}

// Len returns the number of problems recorded.
func (ps *List) Len() int { return len(ps.items) }

// OK reports whether no problem was recorded.
func (ps *List) OK() bool { return len(ps.items) == 0 }

// Items returns the problems recorded, in order.
func (ps *List) Items() []*Error { return ps.items }

// Err returns the problems sorted by file, line, column and message, each
// once, joined; or nil.
func (ps *List) Err() error {
	return joined.Placed(ps.items, func(e *Error) (string, int, int) { return e.File, e.Line, e.Column })
}

// Under records the problems of sub with their fields under path.
func (ps *List) Under(path string, sub *List) {
	ps.RecordUnder(path, "", false, sub)
}

// RecordUnder records the problems of sub with their fields under path,
// naming record in those that name none when named is set.
func (ps *List) RecordUnder(path, record string, named bool, sub *List) {
	for _, e := range sub.items {
		c := *e
		c.Field = JoinField(path, e.Field)
		if named && c.Record == "" {
			c.Record = record
		}
		ps.items = append(ps.items, &c)
	}
}

// WithRecord names record in every problem not naming one, and returns ps.
func (ps *List) WithRecord(record string) *List {
	for _, e := range ps.items {
		if e.Record == "" {
			e.Record = record
		}
	}
	return ps
}

// JoinField joins an option's path and a field within it.
func JoinField(path, field string) string {
	switch {
	case path == "":
		return field
	case field == "":
		return path
	}
	return path + "." + field
}

// Zone reads the IANA zone name of option field, recording a problem and
// returning nil when it is empty, machine-local or unknown.
func (ps *List) Zone(field, name string) *time.Location {
	if name == "" {
		ps.Option(field, "empty (want an IANA zone such as Europe/London)")
		return nil
	}
	if name == "Local" {
		ps.Option(field, "machine-local time is not allowed (want an IANA zone such as Europe/London)")
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		ps.Option(field, "%q is not a known IANA zone", name)
		return nil
	}
	return loc
}

// Precision records the problems of a rule's precision.
func (ps *List) Precision(p kpi.Precision) {
	if p.Places < 0 || p.Places > 10 {
		ps.Option("precision.places", "%d outside 0..10", p.Places)
	}
	if _, err := p.Rounding.MarshalText(); err != nil {
		ps.Option("precision.rounding", "not set (want one of %s)", strings.Join(roundings(), ", "))
	}
}

// roundings returns kpi.Rounding's words, as the *kpi.WordError of its
// UnmarshalText lists them: kpi keeps the one list.
func roundings() []string {
	var r kpi.Rounding
	var we *kpi.WordError
	if errors.As(r.UnmarshalText(nil), &we) {
		return we.Words
	}
	return nil
}

// Names records the problems of option field, a list of names: none
// given ("none (want WANT)"), or one of them empty.
func (ps *List) Names(field, want string, names []string) {
	if len(names) == 0 {
		ps.Option(field, "none (want %s)", want)
	}
	for i, n := range names {
		if n == "" {
			ps.Option(fmt.Sprintf("%s[%d]", field, i), "empty")
		}
	}
}

// Orgs records the problems of a rule's list of organisations.
func (ps *List) Orgs(orgs []string) {
	if len(orgs) == 0 {
		ps.Option("orgs", "none (want the organisations measured; one empty name for a single-organisation contract)")
	}
	seen := map[string]bool{}
	for i, o := range orgs {
		if o == "" && len(orgs) > 1 {
			ps.Option(fmt.Sprintf("orgs[%d]", i), "empty, with other organisations named")
		}
		if seen[o] {
			ps.Option(fmt.Sprintf("orgs[%d]", i), "%q given twice", o)
		}
		seen[o] = true
	}
}

// Stamp formats an instant for messages, as RFC 3339 with its offset.
func Stamp(t time.Time) string { return t.Format(time.RFC3339) }

// ListOrNone returns names comma separated, or "none".
func ListOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
