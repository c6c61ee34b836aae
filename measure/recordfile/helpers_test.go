package recordfile_test

import (
	"os"
	"strings"
	"testing"

	"github.com/servicecredit/engine/measure/internal/fixture"
)

var (
	london   = fixture.London
	at       = fixture.At
	problems = fixture.Problems
)

// open opens name in measure/testdata, the record files the tests share.
func open(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(fixture.Testdata(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
