package record

import "github.com/servicecredit/engine/measure/internal/problem"

// Error is one problem with its context, in the manner of strconv.NumError:
// a record that does not parse or does not hold together, or an option of
// a rule that is not set or inconsistent. Every measurement package
// (record, recordfile, ticketclock, measure, plan, planfile) reports its
// problems as *Error values. It formats as
//
//	tickets.csv:4:31: ticket "INC0042": resolved "2023-03-01T09:00:00Z": before logged 2023-03-02T09:00:00Z
//
// leaving out the file, line and column when the problem is not at a place
// in a file, the record when it is not about one record, and the field and
// text when there are none. Its fields are File, Line and Column (the
// place; zero when not known), Record (such as `ticket "INC0042"`), Field
// (the column or option's path, such as "resolved" or
// "targets[1].calendar"), Text with Quoted (the text found, when it is
// part of the message), Msg (what is wrong and what was expected) and Err
// (the sentinel it unwraps to: ErrInvalidRecord, ErrInvalidOptions or
// ErrLimit).
type Error = problem.Error

// Sentinel errors. Every problem of the measurement packages wraps one of
// them through an *Error that says where it is; an enumeration's unknown
// word is a *kpi.WordError wrapping kpi.ErrUnknownWord.
var (
	// ErrInvalidRecord is wrapped by every problem with a record: a field
	// that does not parse, a ticket resolved before it was logged, holds
	// that overlap, a priority with no target, a duplicate id.
	ErrInvalidRecord = problem.ErrInvalidRecord

	// ErrInvalidOptions is wrapped by every problem with a rule's options:
	// a required option not set, an unknown calendar, a target with no
	// amount.
	ErrInvalidOptions = problem.ErrInvalidOptions

	// ErrLimit is wrapped, instead of ErrInvalidRecord, by a record file
	// past one of the documented limits of every CSV file the module
	// reads: its size, its lines, a row's or a field's bytes (docs/cli.md
	// lists them).
	ErrLimit = problem.ErrLimit
)

// Errors returns the individual problems in err, an error returned by a
// measurement package, in the order they were reported. It returns nil for
// a nil err and err itself when it is a single problem.
func Errors(err error) []error { return problem.Errors(err) }
