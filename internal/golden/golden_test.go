package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	*update = true
	Check(t, path, []byte("one\n"))
	*update = false
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "one\n", string(b))
	Check(t, path, []byte("one\n"))

	inner := &testing.T{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(inner, path, []byte("two\n"))
	}()
	<-done
	require.True(t, inner.Failed(), "a difference fails the test")
}
