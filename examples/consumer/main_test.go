package main

import (
	"io"
	"os"
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
)

// TestConsumer runs the newcomer's program and checks what it prints
// against testdata/output.golden. Worked by hand: April is green for
// both; May's AVAIL 98.0 is red but relieved by MIT-1, FIX 88 misses the
// glide step's 90 but meets 85: amber, 0.5 of 5 points x 0.1% of
// 100000.00 = 250.00; June's AVAIL 99.2 is amber (500.00) and FIX 93
// amber against the base 95/90 (250.00): 1000.00 for the year.
func TestConsumer(t *testing.T) {
	exampletest.Output(t, "output.golden", func(w io.Writer) error {
		f, err := os.CreateTemp(t.TempDir(), "stdout")
		if err != nil {
			return err
		}
		stdout := os.Stdout
		os.Stdout = f
		main()
		os.Stdout = stdout
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		_, err = io.Copy(w, f)
		return err
	})
}
