package placed_test

import (
	"fmt"
	"testing"

	"github.com/servicecredit/engine/internal/placed"
	"github.com/stretchr/testify/require"
)

func TestString(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    placed.Problem
		want string
	}{
		{"whole", placed.Problem{File: "t.csv", Line: 4, Column: 31, Record: `ticket "A"`, Field: "resolved", Text: "x\x1b", Quoted: true, Msg: "bad"},
			`t.csv:4:31: ticket "A": resolved "x\x1b": bad`},
		{"no column", placed.Problem{File: "t.csv", Line: 2, Msg: "3 fields, the header has 4"}, "t.csv:2: 3 fields, the header has 4"},
		{"no line", placed.Problem{File: "t.csv", Column: 7, Msg: "empty file"}, "t.csv: empty file"},
		{"no file", placed.Problem{Line: 3, Field: "targets[1].calendar", Msg: "unknown"}, "targets[1].calendar: unknown"},
		{"text without a field", placed.Problem{File: "c.yaml", Line: 1, Column: 1, Text: "x", Quoted: true, Msg: "not valid"}, `c.yaml:1:1: "x": not valid`},
		{"field without its text", placed.Problem{File: "c.yaml", Field: "name", Text: "ignored", Msg: "missing"}, "c.yaml: name: missing"},
	} {
		t.Run(tt.name, func(t *testing.T) { require.Equal(t, tt.want, tt.p.String()) })
	}
}

// A problem is worded with the parts it has.
func Example() {
	fmt.Println(placed.Problem{File: "measurements.csv", Line: 14, Column: 16, Field: "month", Text: "2021-13", Quoted: true,
		Msg: "not a month (want 2021-06 or Jun-21)"})
	// Output:
	// measurements.csv:14:16: month "2021-13": not a month (want 2021-06 or Jun-21)
}
