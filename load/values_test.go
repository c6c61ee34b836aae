package load

import (
	"strconv"
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
