package placed_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/servicecredit/engine/internal/placed"
)

// A problem is worded with the parts it has: a place without a line is
// the file alone, a text is quoted (escapes and all) after its field, and
// a problem in no file starts with its field.
func Example() {
	for _, p := range []placed.Problem{
		{File: "measurements.csv", Line: 14, Column: 16, Field: "month", Text: "2021-13", Quoted: true, Msg: "not a month (want 2021-06 or Jun-21)"},
		{File: "t.csv", Line: 4, Column: 31, Record: `ticket "A"`, Field: "holds", Text: "x\x1b[31m", Quoted: true, Msg: "not an interval"},
		{File: "t.csv", Line: 2, Msg: "3 fields, the header has 4"},
		{File: "t.csv", Column: 7, Msg: "empty file"},
		{Line: 3, Field: "targets[1].calendar", Msg: "unknown"},
		{File: "c.yaml", Line: 1, Column: 1, Text: "x", Quoted: true, Msg: "not valid"},
		{File: "c.yaml", Field: "name", Text: "left out", Msg: "missing"},
	} {
		fmt.Println(p)
	}
	// Output:
	// measurements.csv:14:16: month "2021-13": not a month (want 2021-06 or Jun-21)
	// t.csv:4:31: ticket "A": holds "x\x1b[31m": not an interval
	// t.csv:2: 3 fields, the header has 4
	// t.csv: empty file
	// targets[1].calendar: unknown
	// c.yaml:1:1: "x": not valid
	// c.yaml: name: missing
}

// Cause leaves out the operation and path of a file error, wrapped or not,
// since the placed problem names the file already; other errors stay whole.
func ExampleCause() {
	_, err := os.Open("no-such-file.csv")
	fmt.Println(placed.Cause(err))
	fmt.Println(placed.Cause(fmt.Errorf("reading: %w", err)))
	fmt.Println(placed.Cause(errors.New("not a seal")))
	fmt.Println(errors.Is(placed.Cause(err), fs.ErrNotExist))
	// Output:
	// no such file or directory
	// no such file or directory
	// not a seal
	// true
}
