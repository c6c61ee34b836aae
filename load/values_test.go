package load

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecimalCacheParsesAsParseDecimal(t *testing.T) {
	var c decimalCache
	for _, text := range []string{"99.5", "99.5", "0", "-0.25", "100.00", "1e3", "", "1,000", "99.5", "0.12345678901234567890"} {
		want, wantMsg := parseDecimal(text)
		got, msg := c.parse(text)
		require.Equal(t, wantMsg, msg, text)
		require.True(t, got.Equal(want), "%q: %s, want %s", text, got.String(), want.String())
		require.Equal(t, want.Exponent(), got.Exponent(), "%q keeps its places", text)
	}
	require.Len(t, c.m, 5, "one entry per distinct valid text")
}

func TestDecimalCacheIsBounded(t *testing.T) {
	var c decimalCache
	for i := range maxCached + 10 {
		text := strconv.Itoa(i)
		got, msg := c.parse(text)
		require.Empty(t, msg)
		require.Equal(t, text, got.String())
	}
	require.Len(t, c.m, maxCached)
}

func TestRowsHint(t *testing.T) {
	data := strings.Repeat("K,,Jun-21,1,,,,,\n", 100) // the shortest row with a value: 17 bytes for 9 columns
	path := filepath.Join(t.TempDir(), "m.csv")
	require.NoError(t, os.WriteFile(path, []byte(data), 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	dir, err := os.Open(t.TempDir())
	require.NoError(t, err)
	defer dir.Close()
	pr, pw := io.Pipe()
	defer pr.Close()
	defer pw.Close()
	for _, tc := range []struct {
		name  string
		r     io.Reader
		limit int
		want  int
	}{
		{"bytes.Reader", bytes.NewReader([]byte(data)), 1000, 100},
		{"strings.Reader", strings.NewReader(data), 1000, 100},
		{"bytes.Buffer", bytes.NewBufferString(data), 1000, 100},
		{"file", f, 1000, 100},
		{"limited by the contract", strings.NewReader(data), 40, 40},
		{"size unknown", pr, 1000, 0},
		{"directory", dir, 1000, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, rowsHint(tc.r, 9, tc.limit))
		})
	}
}
