package csvfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The limits of a CSV file.
const (
	// MaxRow is the most bytes one row may take, quoted line breaks
	// included.
	MaxRow = 1 << 20
	// MaxField is the most bytes one field may hold.
	MaxField = 1 << 16
	// MaxLines is the most lines a file may have, its header included.
	MaxLines = 2_000_000
	// MaxBytes is the largest a file may be: 128 MiB.
	MaxBytes = 128 << 20
)

// Error is a problem that stops the reading of a file: it is not valid
// CSV, its columns are not separated by commas, or it exceeds a limit.
type Error struct {
	Line   int    // 1-based; 0 when unknown
	Column int    // 1-based; 0 when unknown
	Msg    string // what is wrong, lower case
	Limit  bool   // the problem is a limit reached
}

// Error returns "line 3, column 5: MSG", without the parts unknown.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Reader reads a CSV file one row at a time.
type Reader struct {
	cr    *csv.Reader
	guard *guard
	rows  int
	line  int // the current row's first line
	next  int // the line after the current row's last: where the next row starts, but for blank lines
	err   error
}

// NewReader returns a Reader of r. The slice Read returns is reused by
// the next Read.
func NewReader(r io.Reader) *Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		_, _ = br.Discard(3)
	}
	g := &guard{r: br}
	cr := csv.NewReader(g)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &Reader{cr: cr, guard: g}
}

// maxBytes and maxLines are MaxBytes and MaxLines, lowered by this
// package's tests so that they stay fast.
var (
	maxBytes int64 = MaxBytes
	maxLines       = MaxLines
)

// errRow is what the guard returns when a row takes more than MaxRow
// bytes, errBytes when the file is past MaxBytes.
var (
	errRow   = errors.New("row too long")
	errBytes = errors.New("file too large")
)

// guard counts the bytes read since the current row started, and fails
// past MaxRow, so that encoding/csv never holds more than a row's worth.
// It counts what the CSV reader's buffer has read ahead too, so a row is
// refused a little before it reaches MaxRow bytes of its own.
type guard struct {
	r     io.Reader
	since int
	total int64
}

func (g *guard) Read(p []byte) (int, error) {
	switch {
	case g.total > maxBytes:
		return 0, errBytes
	case g.since > MaxRow:
		return 0, errRow
	}
	n, err := g.r.Read(p)
	g.since += n
	g.total += int64(n)
	return n, err
}

// Read returns the next row's fields, io.EOF after the last row, or an
// *Error that ends the reading: every later call returns it too. The
// header is read as the first row, and a header whose only field holds
// a semicolon or a tab is such an error: the file is not separated by
// commas.
func (r *Reader) Read() ([]string, error) {
	if r.err != nil {
		return nil, r.err
	}
	rec, err := r.cr.Read()
	if err != nil {
		r.err = r.fail(err)
		return nil, r.err
	}
	r.guard.since = 0
	r.rows++
	r.line, _ = r.cr.FieldPos(0)
	end, _ := r.cr.FieldPos(len(rec) - 1)
	r.next = end + 1
	switch {
	case r.line > maxLines:
		r.err = tooManyLines(r.line)
		return nil, r.err
	case r.rows == 1 && len(rec) == 1:
		for _, sep := range []string{";", "\t"} {
			if strings.Contains(rec[0], sep) {
				r.err = &Error{Line: r.line, Msg: fmt.Sprintf("columns separated by %q, not commas: save or export the file as comma-separated CSV", sep)}
				return nil, r.err
			}
		}
	}
	for i, f := range rec {
		if len(f) > MaxField {
			line, col := r.cr.FieldPos(i)
			r.err = &Error{Line: line, Column: col, Msg: fmt.Sprintf("field of %d bytes: more than the limit of %d", len(f), MaxField), Limit: true}
			return nil, r.err
		}
	}
	return rec, nil
}

// tooManyLines is the error of a file with line n past MaxLines.
func tooManyLines(n int) *Error {
	return &Error{Line: n, Msg: "more than " + strconv.Itoa(maxLines) + " lines: the limit", Limit: true}
}

var newline = []byte{'\n'}

// tooLarge is the error of a file past MaxBytes.
func tooLarge() *Error {
	return &Error{Msg: fmt.Sprintf("larger than %d bytes (%d MiB): the limit", maxBytes, maxBytes>>20), Limit: true}
}

// Lines counts the lines of r when r can be read again from where it is
// (an *os.File of a regular file, a bytes.Reader, a strings.Reader), and
// puts it back: a reader can then size what it keeps from the count, and
// a file past MaxLines is refused before anything is kept, with the
// *Error Read would return at its line MaxLines+1, as is a file past
// MaxBytes, before it is read whole. It returns ok false,
// and reads nothing, for any other reader, such as standard input.
func Lines(r io.Reader) (n int, ok bool, err error) {
	rs, isSeeker := r.(io.ReadSeeker)
	if !isSeeker {
		return 0, false, nil
	}
	start, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, false, nil // a pipe or a terminal: not seekable after all
	}
	if end, err := rs.Seek(0, io.SeekEnd); err == nil && end-start > maxBytes {
		return 0, true, tooLarge()
	}
	if _, err := rs.Seek(start, io.SeekStart); err != nil {
		return 0, false, &Error{Msg: "cannot read: " + err.Error()}
	}
	buf := make([]byte, 64<<10)
	last := byte('\n')
	for {
		k, err := rs.Read(buf)
		n += bytes.Count(buf[:k], newline)
		if k > 0 {
			last = buf[k-1]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, false, &Error{Msg: "cannot read: " + err.Error()}
		}
		if n > maxLines {
			return n, true, tooManyLines(maxLines + 1)
		}
	}
	if last != '\n' {
		n++ // a last line without a line end
	}
	if _, err := rs.Seek(start, io.SeekStart); err != nil {
		return 0, false, &Error{Msg: "cannot read: " + err.Error()}
	}
	if n > maxLines {
		return n, true, tooManyLines(maxLines + 1)
	}
	return n, true, nil
}

// fail turns an error of the CSV reader into an *Error, or returns io.EOF.
func (r *Reader) fail(err error) error {
	if err == io.EOF {
		return err
	}
	if errors.Is(err, errBytes) {
		return tooLarge()
	}
	if errors.Is(err, errRow) {
		return &Error{Line: max(r.next, 1), Msg: fmt.Sprintf("row of more than %d bytes: the limit", MaxRow), Limit: true}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line {
			return &Error{Line: pe.StartLine, Msg: `a quoted field opened on this line is never closed (a field that starts with " must end with ")`}
		}
		return &Error{Line: pe.Line, Column: pe.Column, Msg: "not valid CSV: " + pe.Err.Error()}
	}
	return &Error{Msg: "cannot read: " + err.Error()}
}

// Line returns the line the current row starts on.
func (r *Reader) Line() int { return r.line }

// FieldPos returns the line and column (1-based, in bytes) where field i
// of the current row starts.
func (r *Reader) FieldPos(i int) (line, column int) { return r.cr.FieldPos(i) }
