package contracttest

import (
	"flag"
	"os"
	"path/filepath"

	"github.com/google/go-cmp/cmp"
)

// update is the -update flag. Importing contracttest registers it on
// flag.CommandLine, which `go test` parses: a test binary that also
// defines a flag named "update" panics at start ("flag redefined:
// update"), so a package using contracttest reads Update instead of
// defining its own.
var update = flag.Bool("update", false, "rewrite the golden files (contracttest.Golden) instead of comparing with them")

// Update reports whether the test binary runs with -update, the flag
// this package registers: Golden then rewrites its files. A test that
// keeps expected output of its own making reads it to do the same.
func Update() bool { return *update }

// Golden fails t unless got equals the golden file at path (relative to
// the test's package directory, or absolute), showing the difference
// line by line with the file's name. With -update (go test ./pkg
// -update) it writes got to path first, creating its directory, so that
// the comparison passes and `git diff` shows what changed: review that
// diff before committing it, for a golden file is the published figure an
// auditor checks.
//
// A missing file fails t saying how to create it; Golden never creates a
// file without -update.
func Golden(t TB, path string, got []byte) {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fatal(t, "golden file %s: %v", path, err)
			return
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			fatal(t, "golden file %s: %v", path, err)
			return
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		fatal(t, "golden file %s: %v (run the test with -update to create it)", path, err)
		return
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got; run the test with -update to accept it):\n%s", path, diff)
	}
}
