package joined_test

import (
	"errors"
	"fmt"

	"github.com/servicecredit/engine/internal/joined"
)

// Two problems found in any order give one message, sorted, and split
// back into the same two.
func Example() {
	err := joined.Sorted([]error{errors.New("kpi B: msl above tsl"), errors.New("kpi A: no name")})
	fmt.Println(err)
	fmt.Println(len(joined.Split(err)), "problems")
	// Output:
	// kpi A: no name
	// kpi B: msl above tsl
	// 2 problems
}
