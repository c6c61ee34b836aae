package contract

import (
	"strconv"
	"testing"
	"unsafe"

	"github.com/servicecredit/engine/credits"
	"github.com/stretchr/testify/require"
)

// TestSizes keeps the result types slim (issue 14): a Cell was 872 bytes,
// an Outcome 392 and a Line 184 on a 64-bit machine. Every KPI-month an
// Evaluate keeps is a Cell and its Line; every one Stream hands over, an
// Outcome too.
func TestSizes(t *testing.T) {
	if strconv.IntSize != 64 {
		t.Skip("the sizes are a 64-bit machine's")
	}
	require.LessOrEqual(t, unsafe.Sizeof(Cell{}), uintptr(344))
	require.LessOrEqual(t, unsafe.Sizeof(credits.Outcome{}), uintptr(104))
	require.LessOrEqual(t, unsafe.Sizeof(credits.Line{}), uintptr(128))
}
