// Package cli holds the command plumbing every example shares, so that an
// example's main.go is about the engine: Main runs the example and exits
// with its error.
package cli

import (
	"fmt"
	"io"
	"os"
)

// Main runs run, an example named name, printing to standard output; on
// an error it prints "name: error" to standard error and exits with
// status 1.
func Main(name string, run func(w io.Writer) error) {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}
