package safetext_test

import (
	"fmt"

	"github.com/servicecredit/engine/internal/safetext"
)

// A KPI name from a contract file passes through the escape of the place
// it is written to.
func Example() {
	name := "Uptime\x1b[31m | =SUM(A1)"
	fmt.Println(safetext.Term(name))
	fmt.Println(safetext.Markdown("a | b <br>"))
	fmt.Println(safetext.CSV("=SUM(A1)"), safetext.CSV("-12.5"))
	// Output:
	// Uptime\x1b[31m | =SUM(A1)
	// a \| b \<br\>
	// '=SUM(A1) -12.5
}
