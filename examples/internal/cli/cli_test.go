package cli_test

import (
	"fmt"
	"io"

	"github.com/servicecredit/engine/examples/internal/cli"
)

// An example's main is one line: its name and its run.
func Example() {
	cli.Main("hello", func(w io.Writer) error {
		_, err := fmt.Fprintln(w, "hello")
		return err
	})
	// Output:
	// hello
}
