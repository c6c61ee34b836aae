package contracttest

// TB is what the checks need of a test: *testing.T, *testing.B and
// *testing.F have these methods, as does testing.TB. Each check calls
// Helper first, so that a failure names the caller's line; it returns
// after Fatalf, so a TB whose Fatalf does not stop the test (a recorder in
// a test of one's own helpers) sees no more than the first fatal problem.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}
