package servicehours

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors. Every error the package returns wraps exactly one of
// them, through an *Error that says where the problem is.
var (
	// ErrSyntax is wrapped by ParseClock, ParseWindow,
	// ParseBankHolidays and the UnmarshalText methods when the text is
	// malformed.
	ErrSyntax = errors.New("invalid syntax")

	// ErrInvalidCalendar is wrapped by every problem that Calendar.Validate
	// and Versioned.Validate find, and so by New and NewVersioned.
	ErrInvalidCalendar = errors.New("invalid calendar")

	// ErrUnknownDivision is wrapped when ParseBankHolidays is asked for a
	// division the feed does not have; the message lists those it has.
	ErrUnknownDivision = errors.New("unknown division")

	// ErrInvalidTarget is wrapped when Deadline is given a negative target.
	ErrInvalidTarget = errors.New("invalid target")

	// ErrOutOfRange is wrapped when Deadline or AddWorkingDays would pass
	// the end (or start) of the supported years, FirstYear..LastYear.
	ErrOutOfRange = errors.New("out of range")
)

// Error is one problem with its context, in the manner of strconv.NumError.
// It unwraps to one of the package's sentinel errors.
type Error struct {
	Where string // the part at fault, such as "weekly monday[1]" or "version 2023-01-01: closed[2]"
	Input string // the user's text at fault, quoted in the message; may be empty
	Msg   string // what is wrong, lower case
	Err   error  // the sentinel: ErrSyntax, ErrInvalidCalendar, ...
}

// Error returns the problem as `where "input": msg`, or `where: msg` when
// there is no input text.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Where)
	if e.Input != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(e.Input))
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the sentinel the error belongs to.
func (e *Error) Unwrap() error { return e.Err }
