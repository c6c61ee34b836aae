package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/stretchr/testify/require"
)

// TestOutlookGolden: the ratchet example as of December 2021, with its
// termination right one failure away (360 of 400 points in its window, and
// any failure scores at least 40), and the critical example as of
// September 2021, with its annual cap used up and two critical failures
// this year.
func TestOutlookGolden(t *testing.T) {
	for _, tc := range []struct {
		name, dir, asOf string
	}{
		{"ratchet", "../../examples/ratchet", "2021-12"},
		{"critical", "../../examples/critical", "2021-09"},
		{"modelservices", "../../examples/modelservices", "2021-06"},
	} {
		for _, f := range []string{"text", "json"} {
			t.Run(tc.name+" "+f, func(t *testing.T) {
				code, out, errOut := cli(t, tc.dir, "", "outlook", "contract.yaml", "measurements.csv", "-as-of", tc.asOf, "-format", f)
				require.Equal(t, 0, code, errOut)
				require.Empty(t, errOut)
				contracttest.Golden(t, filepath.Join(testdata, "outlook-"+tc.name+"."+f+".golden"), []byte(out))
			})
		}
	}
}

// TestOutlookOneFailureAway reads the ratchet example's JSON outlook as a
// script would: the termination right needs 40 more points, and one
// failure next month brings them.
func TestOutlookOneFailureAway(t *testing.T) {
	code, out, errOut := cli(t, "../../examples/ratchet", "", "outlook", "contract.yaml", "measurements.csv", "-as-of", "Dec-21", "-format", "json")
	require.Equal(t, 0, code, errOut)
	var o struct {
		Triggers []struct {
			Name     string `json:"name"`
			Needed   string `json:"needed"`
			Distance struct {
				Reachable bool   `json:"reachable"`
				Failures  int    `json:"failures"`
				By        string `json:"by"`
			} `json:"distance"`
		} `json:"triggers"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &o))
	require.Equal(t, "termination", o.Triggers[1].Name)
	require.Equal(t, "40", o.Triggers[1].Needed)
	require.True(t, o.Triggers[1].Distance.Reachable)
	require.Equal(t, 1, o.Triggers[1].Distance.Failures)
	require.Equal(t, "2022-01", o.Triggers[1].Distance.By)
}

// TestSealingHelp pins the help of close and outlook.
func TestSealingHelp(t *testing.T) {
	for _, name := range []string{"close", "outlook"} {
		code, out, errOut := cli(t, "", "", "help", name)
		require.Equal(t, 0, code, errOut)
		contracttest.Golden(t, filepath.Join(testdata, name+"-help.golden"), []byte(out))
	}
}

// TestOutlookUsage: as-of defaults to the last month measured; a month
// outside the term, or before -from, is a usage error.
func TestOutlookUsage(t *testing.T) {
	dir := "../../examples/ratchet"
	code, out, errOut := cli(t, dir, "", "outlook", "contract.yaml", "measurements.csv")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "Outlook as of May-22.")
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"as-of after the term", []string{"-as-of", "2023-04"}, "servicecredit outlook: -as-of 2023-04: not within the contract's term 2021-04..2023-03"},
		{"from after as-of", []string{"-as-of", "2021-06", "-from", "2021-07"}, "servicecredit outlook: -from 2021-07 is after -as-of 2021-06"},
		{"an unknown format", []string{"-format", "csv"}, `servicecredit outlook: invalid value "csv" for flag -format: format "csv": unknown (want one of text, json)`},
		{"one file", nil, "servicecredit outlook: want 2 or 3 file names, got 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"outlook", "contract.yaml", "measurements.csv"}, tc.args...)
			if tc.args == nil {
				args = args[:2]
			}
			code, out, errOut := cli(t, dir, "", args...)
			require.Equal(t, 2, code)
			require.Empty(t, out)
			require.Equal(t, tc.err, strings.SplitN(errOut, "\n", 2)[0])
		})
	}
}
