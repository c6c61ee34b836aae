package problem_test

import (
	"errors"
	"fmt"

	"github.com/servicecredit/engine/measure/internal/problem"
)

// A reader collects every problem of a file, then reports them sorted by
// place, each wrapping its sentinel.
func Example() {
	var ps problem.List
	ps.AddText(problem.At("tickets.csv", 4), `ticket "INC0042"`, "resolved", "2023-03-01T09:00:00Z",
		"before logged 2023-03-02T09:00:00Z", problem.ErrInvalidRecord)
	ps.Record(problem.At("tickets.csv", 2), `ticket "INC0007"`, "priority", "missing")
	ps.Option("zone", "unknown zone %q", "Mars/Olympus")
	err := ps.Err()
	for _, e := range problem.Errors(err) {
		fmt.Println(e)
	}
	fmt.Println(errors.Is(err, problem.ErrInvalidRecord), errors.Is(err, problem.ErrLimit))
	// Output:
	// zone: unknown zone "Mars/Olympus"
	// tickets.csv:2: ticket "INC0007": priority: missing
	// tickets.csv:4: ticket "INC0042": resolved "2023-03-01T09:00:00Z": before logged 2023-03-02T09:00:00Z
	// true false
}
