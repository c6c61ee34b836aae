package cli_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

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

// failAfter is a writer that takes n writes and fails every one after.
type failAfter struct {
	n      int
	writes []string
}

func (f *failAfter) Write(b []byte) (int, error) {
	if len(f.writes) == f.n {
		return 0, errors.New("disk full")
	}
	f.writes = append(f.writes, string(b))
	return len(b), nil
}

// TestPrinter checks that a Printer keeps the first error writing and
// writes nothing after it.
func TestPrinter(t *testing.T) {
	w := &failAfter{n: 1}
	p := cli.NewPrinter(w)
	p.Printf("a %d\n", 1)
	if err := p.Err(); err != nil {
		t.Fatalf("after a good write: %v", err)
	}
	p.Printf("b\n")
	p.Printf("c\n")
	if err := p.Err(); err == nil || err.Error() != "disk full" {
		t.Fatalf("Err() = %v, want disk full", err)
	}
	if len(w.writes) != 1 || w.writes[0] != "a 1\n" {
		t.Fatalf("written %q, want only %q", w.writes, "a 1\n")
	}
}
