//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// binary builds the command into a temporary directory and returns its
// path.
func binary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "servicecredit")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// writeFile writes the file at path with write, through a buffer: the
// test's own memory stays small, since a child's peak memory as the
// kernel reports it counts its parent's at the moment it started.
func writeFile(t *testing.T, path string, write func(*bufio.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	write(w)
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
}

// ownPeak returns this process's peak resident memory in MB
// (/proc/self/status VmHWM). The kernel reports a child's peak as at
// least its parent's memory when it started, so a bound on a child's peak
// is a bound above this.
func ownPeak(t *testing.T) int64 {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	require.NoError(t, err)
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			_, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb)
			require.NoError(t, err)
			return kb / 1024
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// runBinary runs bin with args in dir and returns its exit status,
// standard error and peak resident memory in MB.
func runBinary(t *testing.T, bin, dir string, args ...string) (int, string, int64) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &errOut // standard output to /dev/null
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return cmd.ProcessState.ExitCode(), errOut.String(), ru.Maxrss / 1024
}

// TestBinaryMemory runs the built command, as a user does, on a generated
// 240,000-row measurements file (200 KPIs x 20 organisations x 60 months,
// the shape of the 1.2-million-row file at a fifth of its size,
// so that CI stays fast) and checks its peak memory, then checks the
// clean refusals of files past the limits: a file larger than 128 MiB
// (sparse: it takes no disk) and one of more than 2,000,000 lines. The
// full-size comparison with pandas, and the 1 GB file, run from
// scripts/bench-pandas.sh.
func TestBinaryMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the command on a generated file: not with -short")
	}
	bin := binary(t)
	dir := t.TempDir()
	const kpis, orgs, months = 200, 20, 60
	writeTo(t, dir, "c.yaml", bigContract(months, kpis, orgs))
	values := []string{"99.9", "99.7", "99.6", "99.2", "98.4", "100", "99.5", "99.95"}
	writeFile(t, filepath.Join(dir, "m.csv"), func(w *bufio.Writer) {
		w.WriteString("kpi,organisation,month,value\n")
		for m := range months {
			for k := range kpis {
				for o := range orgs {
					fmt.Fprintf(w, "K%d,O%d,%04d-%02d,%s\n", k, o, 2000+m/12, m%12+1, values[(m+k+o)%8])
				}
			}
		}
	})

	code, errOut, mb := runBinary(t, bin, dir, "evaluate", "-format", "csv", "c.yaml", "m.csv")
	require.Equal(t, 0, code, errOut)
	t.Logf("evaluate -format csv, %d rows: peak %d MB", kpis*orgs*months, mb)
	require.Less(t, mb, max(ownPeak(t)+5, 100), "peak memory follows the measurements held (about 150 bytes a row), not the output")

	huge := writeTo(t, dir, "huge.csv", "kpi,organisation,month,value\n")
	require.NoError(t, os.Truncate(huge, 129<<20))
	code, errOut, mb = runBinary(t, bin, dir, "evaluate", "-format", "csv", "c.yaml", "huge.csv")
	require.Equal(t, 4, code)
	require.Equal(t, "huge.csv: larger than 134217728 bytes (128 MiB): the limit\n", errOut)
	require.Less(t, mb, max(ownPeak(t)+5, 50), "refused before it is read")

	writeFile(t, filepath.Join(dir, "lines.csv"), func(w *bufio.Writer) {
		w.WriteString("kpi,organisation,month,value\n")
		for range 2_000_000 {
			w.WriteString("K0,O0,2000-01,99\n")
		}
	})
	code, errOut, mb = runBinary(t, bin, dir, "validate", "c.yaml", "lines.csv")
	require.Equal(t, 4, code)
	require.Equal(t, "lines.csv:2000001: more than 2000000 lines: the limit\n1 problem found\n", errOut)
	require.Less(t, mb, max(ownPeak(t)+5, 50), "counted and refused before a row is kept")
}
