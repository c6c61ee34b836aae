package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/internal/golden"
	"github.com/servicecredit/engine/report"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the printed worked example against testdata. Run
// `go test . -update` in this directory after an intended change and
// review the diff.
func TestGolden(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	golden.Check(t, filepath.Join("testdata", "output.golden"), out.Bytes())
}

// TestContractFile checks that contract.yaml holds the rules main.go
// builds and the report `servicecredit evaluate` prints.
func TestContractFile(t *testing.T) {
	c, res := exampletest.EvaluateFiles(t, ".")
	if diff := cmp.Diff(wantRules(), c.Credits); diff != "" {
		t.Errorf("contract.yaml's rules differ from main.go's (-go +file):\n%s", diff)
	}
	var out bytes.Buffer
	require.NoError(t, report.Text(&out, c, res))
	golden.Check(t, filepath.Join("testdata", "contract.text.golden"), out.Bytes())
}

// wantRules are the rules contract.yaml must hold.
func wantRules() credits.Rules { return Rules() }
