//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSealsWhateverTheBuild builds the command twice, as differently as a
// user might (a plain build, and one with -trimpath, stripped symbols and
// a version stamped in), closes the Lincolnshire example's months with
// each, and expects the same seals byte for byte as the example's
// committed ones: a seal never holds anything of the binary that made it.
func TestSealsWhateverTheBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command twice: not with -short")
	}
	committed, err := filepath.Abs(filepath.Join(shipped, "monthly", "seals"))
	require.NoError(t, err)
	plain := binary(t)
	other := filepath.Join(t.TempDir(), "servicecredit")
	out, err := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w -X main.unused=1", "-o", other, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, bin := range []string{plain, other} {
		dir := cycleDir(t)
		code, errOut, _ := runBinary(t, bin, dir, "close", "contract.yaml", "measurements.csv", "monthly/mitigations-at-close.yaml",
			"-month", "2021-06..2021-10", "-seals", "seals")
		require.Equal(t, 0, code, errOut)
		names, err := filepath.Glob(filepath.Join(committed, "seal-*.json"))
		require.NoError(t, err)
		require.Len(t, names, 5)
		for _, name := range names {
			want, err := os.ReadFile(name)
			require.NoError(t, err)
			got, err := os.ReadFile(filepath.Join(dir, "seals", filepath.Base(name)))
			require.NoError(t, err)
			require.Equal(t, string(want), string(got), "%s built by %s", filepath.Base(name), bin)
		}
	}
}
