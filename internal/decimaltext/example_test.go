package decimaltext_test

import (
	"fmt"

	"github.com/servicecredit/engine/internal/decimaltext"
)

// Each caller words its own message from the Problem; the grammar is the
// same for all of them.
func ExampleParse() {
	for _, text := range []string{"99.95", "-3", "1e3", "1,000", ".5", ""} {
		d, p := decimaltext.Parse(text)
		if p != decimaltext.OK {
			fmt.Printf("%q: problem %d\n", text, p)
			continue
		}
		fmt.Printf("%q: %s\n", text, d.StringFixed(2))
	}
	// Output:
	// "99.95": 99.95
	// "-3": -3.00
	// "1e3": problem 3
	// "1,000": problem 4
	// ".5": problem 5
	// "": problem 1
}
