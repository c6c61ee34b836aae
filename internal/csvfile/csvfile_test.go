package csvfile_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/internal/csvfile"
	"github.com/stretchr/testify/require"
)

// readAll reads data row by row and returns the rows and the error that
// ended the reading (nil at io.EOF).
func readAll(t *testing.T, data string) ([][]string, error) {
	t.Helper()
	r := csvfile.NewReader(strings.NewReader(data))
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			_, again := r.Read()
			require.Equal(t, err, again, "an error ends the reading")
			return rows, err
		}
		rows = append(rows, append([]string(nil), rec...))
	}
}

func TestRead(t *testing.T) {
	long := strings.Repeat("x", csvfile.MaxField+1)
	for _, tc := range []struct {
		name, data string
		rows       int
		err        string
		limit      bool
		why        string
	}{
		{"plain", "a,b\n1,2\n", 2, "", false, "a header and a row"},
		{"byte order mark", "\ufeffa,b\n1,2\n", 2, "", false, "Excel's BOM is skipped"},
		{"semicolons", "kpi;organisation;month;value\nK1;A;2021-06;99.9\nK1;A;2021-07;99.9\n", 0,
			`line 1: columns separated by ";", not commas: save or export the file as comma-separated CSV`, false, "one problem, found in the header"},
		{"tabs", "kpi\tmonth\tvalue\nK1\t2021-06\t99\n", 0,
			`line 1: columns separated by "\t", not commas: save or export the file as comma-separated CSV`, false, "a tab-separated export"},
		{"one column", "value\n99;5\n", 2, "", false, "a header of one column without a separator: the rows' semicolons are data"},
		{"unterminated quote", "a,b\n1,\"2\n3,4\n5,6\n", 1,
			`line 2: a quoted field opened on this line is never closed (a field that starts with " must end with ")`, false, "reported where it opened, not at the end"},
		{"bare quote", "a,b\n1,2\"x\n", 1, `line 2, column 4: not valid CSV: bare " in non-quoted-field`, false, "where it is"},
		{"long field", "a,b\n1," + long + "\n", 1, "line 2, column 3: field of 65537 bytes: more than the limit of 65536", true, "the text is never echoed"},
		{"long row", "a,b\n1," + strings.Repeat("y,", csvfile.MaxRow/2+8192) + "\n", 1, "line 2: row of more than 1048576 bytes: the limit", true, "refused before it is held"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := readAll(t, tc.data)
			require.Equal(t, tc.rows, len(rows), tc.why)
			if tc.err == "" {
				require.NoError(t, err, tc.why)
				return
			}
			require.EqualError(t, err, tc.err, tc.why)
			var fe *csvfile.Error
			require.True(t, errors.As(err, &fe))
			require.Equal(t, tc.limit, fe.Limit)
		})
	}
}

func TestLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.csv")
	require.NoError(t, os.WriteFile(path, []byte("a\n1\n2"), 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	pr, pw := io.Pipe()
	defer pr.Close()
	defer pw.Close()
	for _, tc := range []struct {
		name string
		r    io.Reader
		n    int
		ok   bool
	}{
		{"file", f, 3, true},
		{"bytes.Reader", bytes.NewReader([]byte("a\n1\n")), 2, true},
		{"strings.Reader", strings.NewReader(""), 0, true},
		{"pipe", pr, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, ok, err := csvfile.Lines(tc.r)
			require.NoError(t, err)
			require.Equal(t, tc.n, n)
			require.Equal(t, tc.ok, ok)
		})
	}
	// The file is read again from where it was.
	rest, err := io.ReadAll(f)
	require.NoError(t, err)
	require.Equal(t, "a\n1\n2", string(rest))

	_, _, err = csvfile.Lines(strings.NewReader(strings.Repeat("\n", csvfile.MaxLines+1)))
	require.EqualError(t, err, "line 2000001: more than 2000000 lines: the limit")
	rows, err := readAll(t, "a\n"+strings.Repeat("1\n", csvfile.MaxLines))
	require.Equal(t, csvfile.MaxLines, len(rows))
	require.EqualError(t, err, "line 2000001: more than 2000000 lines: the limit", "Read refuses the line too, for a file Lines cannot count")
}

// FuzzRead checks that any input reads to io.EOF or to an *Error, never a
// panic, and that every row read is as encoding/csv reads it.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a;b\n1;2\n", "a,b\n\"1,2\n", "\ufeffa\n\"x\"\"y\"\n", "a\tb\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		r := csvfile.NewReader(strings.NewReader(data))
		for range 1000 {
			_, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				var fe *csvfile.Error
				if !errors.As(err, &fe) {
					t.Fatalf("error %T %v is not an *Error", err, err)
				}
				return
			}
		}
	})
}
