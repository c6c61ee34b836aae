package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Check fails t unless got equals the golden file at path (relative to the
// test's package, or absolute for a test that changes its directory),
// showing the difference line by line. With -update it writes got to path
// first, creating its directory.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file %s (run the test with -update to create it)", path)
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got; run the test with -update to accept it):\n%s", path, diff)
	}
}

// FlipDecimalGlobals sets the decimal package's global settings
// (DivisionPrecision, TrimTrailingZeros, MarshalJSONWithoutQuotes) to
// unusual values until t ends, so that a test can show its output does
// not depend on them: the same bytes before and after. A test that calls
// it must not run in parallel with others.
func FlipDecimalGlobals(t testing.TB) {
	t.Helper()
	prec, trim, quotes := decimal.DivisionPrecision, decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes
	decimal.DivisionPrecision, decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes = 3, false, true
	t.Cleanup(func() {
		decimal.DivisionPrecision, decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes = prec, trim, quotes
	})
}
