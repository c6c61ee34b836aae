package pack_test

import (
	"os"
	"strings"
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
	"github.com/stretchr/testify/require"
)

// TestNorfolkTranscription reads the Norfolk report's figures as
// published: "99 %" with a space is a percentage, and the survey return
// rate printed "16%%" is an error at its cell.
func TestNorfolkTranscription(t *testing.T) {
	c, err := load.ContractFile("../examples/norfolk/contract.yaml")
	require.NoError(t, err)
	f, err := os.Open("testdata/norfolk-raw.tsv")
	require.NoError(t, err)
	defer f.Close()
	ms, err := pack.Read("testdata/norfolk-raw.tsv", f, c, "NCC")
	require.Nil(t, ms)
	require.EqualError(t, err, `testdata/norfolk-raw.tsv:3: cell 9 "16%%": not a number (want 99.5, 99.5% or UNVL, N/A)`)

	fixed := strings.Replace(string(mustRead(t, "testdata/norfolk-raw.tsv")), "16%%", "16%", 1)
	ms, err = pack.Read("fixed.tsv", strings.NewReader(fixed), c, "NCC")
	require.NoError(t, err)
	require.Len(t, ms, 5*7)
	require.Equal(t, "94", kpi.FormatValue(ms[3].Value), "May's 94 %")
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	return b
}
