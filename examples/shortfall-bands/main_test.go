package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/internal/golden"
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
// builds and that the reports `servicecredit evaluate` prints from the
// files equal their golden files.
func TestContractFile(t *testing.T) {
	exampletest.CheckFiles(t, ".", wantRules())
}

func wantRules() credits.Rules { return Rules() }
