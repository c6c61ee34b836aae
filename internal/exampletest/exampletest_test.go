package exampletest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEvaluateFiles evaluates a shipped example over the months its
// measurements cover.
func TestEvaluateFiles(t *testing.T) {
	c, res := EvaluateFiles(t, "../../examples/shortfall")
	require.NotEmpty(t, c.KPIs)
	require.NotEmpty(t, res.Months)
	require.Equal(t, len(res.Months), len(res.Ledger.Months))
}
