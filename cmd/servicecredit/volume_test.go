package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSmallVolume runs a KPI under a small-volume rule through the two
// commands a service manager runs: measure counts the tickets by the
// contract's recipe and writes each month's value with its numerator and
// denominator; evaluate and explain judge June's 19 incidents, 2 not fixed
// by the first line, by the rule (amber, where 89.5% alone is red), and
// July's 20 by the percentage (95.0%, green).
func TestSmallVolume(t *testing.T) {
	// Run in load's folder of good files, which holds the contract and its tickets.
	code, out, errOut := cli(t, "../../load/testdata/good", "", "measure", "-month", "2021-06..2021-07", "small-volume.yaml", "small-volume-tickets.csv")
	require.Equal(t, exitOK, code, errOut)
	require.Equal(t, "kpi,organisation,month,value,numerator,denominator,note\nFLF,LBH,2021-06,89.5,17,19,\nFLF,LBH,2021-07,95.0,19,20,\n", out)
	m := writeTo(t, t.TempDir(), "m.csv", out)

	code, out, errOut = cli(t, "", "", "explain", "small-volume.yaml", m, "FLF", "2021-06")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "Thresholds:  tsl 95 msl 90; fewer than 20: tsl at most 1 failed, msl at most 2 failed, from the base levels\n")
	require.Contains(t, out, "Status:      89.5 rounds to 89.5 (1 dp half-up); fewer than 20 measured (19): 2 failed, tsl at most 1 missed, msl at most 2 met (base): amber\n")

	code, out, errOut = cli(t, "", "", "explain", "small-volume.yaml", m, "FLF", "2021-07")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "Status:      95.0 rounds to 95.0 (1 dp half-up); 20 measured, not fewer than 20: tsl >= 95 met (base): green\n")
}
