package contracttest

import "fmt"

// TB is what the checks need of a test: the methods of testify's
// require.TestingT, which *testing.T, *testing.B, *testing.F, testing.TB
// and testify's assert.CollectT all have, so the kit's checks and
// testify's assertions take the same t. A check calls t's Helper method
// first when it has one (as testify does), so that a failure names the
// caller's line. A problem that stops a check (a file that cannot be
// read, a table that cannot be) is reported with Errorf, then FailNow;
// the check returns after it, so a TB whose FailNow does not stop the test
// (a recorder in a test of one's own helpers) sees no more than the first
// such problem.
type TB interface {
	Errorf(format string, args ...any)
	FailNow()
}

// helper is the method of *testing.T that marks a helper function.
type helper interface{ Helper() }

// fatal reports a problem that stops a check: Errorf, then FailNow.
func fatal(t TB, format string, args ...any) {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	t.Errorf("%s", fmt.Sprintf(format, args...))
	t.FailNow()
}
