package seal_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/report"
	"github.com/servicecredit/engine/seal"
	"github.com/stretchr/testify/require"
)

// TestStart: a month is evaluated from the start of its contract year, or
// from the first month measured when that is later.
func TestStart(t *testing.T) {
	f := lincolnshire(t) // commencement 2015-04, measured from 2021-06
	for _, tc := range []struct {
		name, month, want, err string
	}{
		{name: "first month measured, later than the year's start", month: "2021-09", want: "2021-06"},
		{name: "the first month measured itself", month: "2021-06", want: "2021-06"},
		{name: "nothing measured by the month", month: "2021-05", err: "2021-05: nothing measured by this month: month cannot be closed"},
		{name: "before commencement", month: "2015-03", err: "2015-03: not within the contract's term 2015-04..2023-03: month cannot be closed"},
		{name: "after the term", month: "2023-04", err: "2023-04: not within the contract's term 2015-04..2023-03: month cannot be closed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := seal.Start(f.c, f.ms, month(tc.month))
			if tc.err != "" {
				require.EqualError(t, err, tc.err)
				require.ErrorIs(t, err, seal.ErrPeriod)
				return
			}
			require.NoError(t, err)
			require.Equal(t, month(tc.want), got)
		})
	}
	// With a year measured from its start, the start of the year wins.
	ms := []kpi.Measurement{{KPI: "IMT_KPI_01", Org: "LCC", Month: month("2020-01"), Value: dec("99.9")}}
	got, err := seal.Start(f.c, ms, month("2021-09"))
	require.NoError(t, err)
	require.Equal(t, month("2021-04"), got)
}

// TestCloseHoldsTheEvaluation checks the seal of a month against the
// evaluation JSON (package report's own rendering) of the same months:
// every cell field the two share, and the month's totals.
func TestCloseHoldsTheEvaluation(t *testing.T) {
	f := lincolnshire(t)
	s, err := seal.Close(f.c, f.input(), month("2021-09"), f.inputs)
	require.NoError(t, err)
	require.Equal(t, month("2021-06"), s.From)
	res, err := f.c.Evaluate(contract.Input{From: month("2021-06"), To: month("2021-09"), Measurements: f.ms, Mitigations: f.reg})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, report.JSON(&buf, f.c, res))
	var ev struct {
		Months []struct {
			Month string           `json:"month"`
			Cells []map[string]any `json:"cells"`
		} `json:"months"`
		Totals []map[string]any `json:"month_totals"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &ev))
	jm, jt := ev.Months[3], ev.Totals[3]
	require.Equal(t, "2021-09", jm.Month)
	body, err := seal.Body(s)
	require.NoError(t, err)
	var sealed struct {
		Cells  []map[string]any `json:"cells"`
		Credit map[string]any   `json:"credit"`
	}
	require.NoError(t, json.Unmarshal(body, &sealed))
	require.Len(t, sealed.Cells, len(jm.Cells))
	for i, cell := range sealed.Cells {
		for k, v := range cell {
			if k == "mitigation" {
				require.Equal(t, jm.Cells[i]["mitigation"], v.(map[string]any)["ref"], "cell %d mitigation", i)
				continue
			}
			require.Equal(t, jm.Cells[i][k], v, "cell %d field %s", i, k)
		}
	}
	for k, v := range sealed.Credit {
		require.Equal(t, jt[k], v, "credit.%s", k)
	}
}

// TestSealIsDeterministic: the same inputs give the same bytes, whatever
// the order of the measurements, and however often it is made.
func TestSealIsDeterministic(t *testing.T) {
	f := lincolnshire(t)
	first := sealBytes(t, f, "2021-10")
	for i := range 20 {
		g := f
		g.ms = slices.Clone(f.ms)
		rand.New(rand.NewPCG(uint64(i), 7)).Shuffle(len(g.ms), func(a, b int) { g.ms[a], g.ms[b] = g.ms[b], g.ms[a] })
		require.Equal(t, string(first), string(sealBytes(t, g, "2021-10")))
	}
}

func sealBytes(t testing.TB, f files, m string) []byte {
	t.Helper()
	s, err := seal.Close(f.c, f.input(), month(m), f.inputs)
	require.NoError(t, err)
	b, err := seal.Marshal(s, nil)
	require.NoError(t, err)
	return b
}

// TestSealIgnoresDecimalGlobals flips the decimal package's globals and
// expects byte-identical seals and canonical forms. It must not run in
// parallel with other tests.
func TestSealIgnoresDecimalGlobals(t *testing.T) {
	f := lincolnshire(t)
	contracttest.IgnoresDecimalGlobals(t, func(w io.Writer) error {
		if _, err := w.Write(sealBytes(t, f, "2021-10")); err != nil {
			return err
		}
		_, err := io.WriteString(w, canonical(t, f.c))
		return err
	})
}

// TestCloseFrom: a Go caller's From is used instead of Start's, and must
// not be after the month.
func TestCloseFrom(t *testing.T) {
	f := lincolnshire(t)
	in := f.input()
	in.From = month("2021-08")
	s, err := seal.Close(f.c, in, month("2021-09"), f.inputs)
	require.NoError(t, err)
	require.Equal(t, month("2021-08"), s.From)
	in.From = month("2021-10")
	_, err = seal.Close(f.c, in, month("2021-09"), f.inputs)
	require.EqualError(t, err, "2021-09: first month evaluated 2021-10 is after it: month cannot be closed")
}

// TestCloseInvalidContract: an invalid contract is refused with its own
// problems.
func TestCloseInvalidContract(t *testing.T) {
	f := lincolnshire(t)
	c := *f.c
	c.Term = 0
	_, err := seal.Close(&c, f.input(), month("2021-09"), f.inputs)
	require.ErrorIs(t, err, contract.ErrInvalidContract)
}

// TestReadDirAndStore runs a seals directory through its life: a first
// seal, the same seal again, a different one refused, then resealed, and
// the directory read back.
func TestReadDirAndStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "seals")
	f := lincolnshire(t)
	s, err := seal.Close(f.c, f.input(), month("2021-09"), f.inputs)
	require.NoError(t, err)
	st, err := seal.Store(dir, s, nil, false)
	require.NoError(t, err)
	require.Equal(t, seal.Stored{File: filepath.Join(dir, "seal-2021-09.json")}, st)
	st, err = seal.Store(dir, s, nil, false)
	require.NoError(t, err)
	require.True(t, st.Unchanged)

	// The same figures from other files: refused, saying so.
	other := *s
	other.Inputs.Measurements = "sha256:" + string(bytes.Repeat([]byte("0"), 64))
	_, err = seal.Store(dir, &other, nil, false)
	require.ErrorIs(t, err, seal.ErrSealed)
	require.ErrorContains(t, err, "the month's figures are unchanged, but the input files differ")

	// Different figures: refused, then resealed, keeping the earlier seal.
	changed := *s
	changed.Cells = slices.Clone(s.Cells)
	changed.Cells[0].Value = "99.0"
	_, err = seal.Store(dir, &changed, nil, false)
	require.EqualError(t, err, filepath.Join(dir, "seal-2021-09.json")+": 2021-09: the month's result today differs from its seal (see evaluate -seals); give -reseal to seal it again, keeping the earlier seal beside it: month already sealed with different content")
	st, err = seal.Store(dir, &changed, nil, true)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(dir, "seal-2021-09.1.json"), st.Kept)
	kept := digest(t, st.Kept)
	entries, err := seal.ReadDir(dir, nil)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	require.NoError(t, entries[0].Err)
	require.Equal(t, kept, entries[0].Seal.Supersedes)
	require.Equal(t, "99.0", entries[0].Seal.Cells[0].Value)
	require.Empty(t, s.Supersedes, "Store does not modify its seal")

	// A second reseal keeps the first reseal as .2.
	st, err = seal.Store(dir, s, nil, true)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(dir, "seal-2021-09.2.json"), st.Kept)
}

// TestStoreOverUntrusted: a seal that cannot be trusted is never
// overwritten without -reseal.
func TestStoreOverUntrusted(t *testing.T) {
	dir := t.TempDir()
	f := lincolnshire(t)
	s, err := seal.Close(f.c, f.input(), month("2021-09"), f.inputs)
	require.NoError(t, err)
	name := filepath.Join(dir, seal.FileName(s.Month))
	writeFile(t, name, []byte("{}"))
	_, err = seal.Store(dir, s, nil, false)
	require.ErrorIs(t, err, seal.ErrSealed)
	require.ErrorContains(t, err, "the seal there cannot be trusted")
	st, err := seal.Store(dir, s, nil, true)
	require.NoError(t, err)
	require.Equal(t, "{}", string(readFile(t, st.Kept)))
}

// TestReadDirRefusesWhatItCannotTrust: the directory's seals are read in
// month order; superseded seals and other files are left alone; a seal
// whose file name says another month is edited.
func TestReadDirRefusesWhatItCannotTrust(t *testing.T) {
	dir := t.TempDir()
	f := lincolnshire(t)
	for _, m := range []string{"2021-07", "2021-06"} {
		writeFile(t, filepath.Join(dir, "seal-"+m+".json"), sealBytes(t, f, m))
	}
	writeFile(t, filepath.Join(dir, "seal-2021-08.json"), sealBytes(t, f, "2021-06"))
	writeFile(t, filepath.Join(dir, "seal-2021-06.1.json"), []byte("old"))
	writeFile(t, filepath.Join(dir, "notes.txt"), []byte("notes"))
	entries, err := seal.ReadDir(dir, nil)
	require.NoError(t, err)
	require.Len(t, entries, 3)
	for i, want := range []string{"2021-06", "2021-07", "2021-08"} {
		require.Equal(t, month(want), entries[i].Month)
	}
	require.NoError(t, entries[0].Err)
	require.NoError(t, entries[1].Err)
	require.ErrorIs(t, entries[2].Err, seal.ErrEdited)
	require.EqualError(t, entries[2].Err, filepath.Join(dir, "seal-2021-08.json")+": 2021-08: the seal is of 2021-06, its file name says 2021-08: "+seal.ErrEdited.Error())
	_, err = seal.ReadDir(filepath.Join(dir, "missing"), nil)
	require.True(t, errors.Is(err, errNotExist))
}
