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

	defer csvfile.Lower(csvfile.MaxBytes, 1000)()
	_, _, err = csvfile.Lines(strings.NewReader(strings.Repeat("\n", 1001)))
	require.EqualError(t, err, "line 1001: more than 1000 lines: the limit")
	n, ok, err := csvfile.Lines(strings.NewReader(strings.Repeat("\n", 1000)))
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 1000, n)
	rows, err := readAll(t, "a\n"+strings.Repeat("1\n", 1000))
	require.Equal(t, 1000, len(rows))
	require.EqualError(t, err, "line 1001: more than 1000 lines: the limit", "Read refuses the line too, for a file Lines cannot count")
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

// sized is a ReadSeeker of n bytes of "x,x\n" lines, made as they are read.
type sized struct{ n, at int64 }

func (s *sized) Read(p []byte) (int, error) {
	if s.at >= s.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), s.n-s.at)
	for i := range k {
		p[i] = "x,x\n"[(s.at+i)%4]
	}
	s.at += k
	return int(k), nil
}

func (s *sized) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
		s.at = off
	case io.SeekCurrent:
		s.at += off
	case io.SeekEnd:
		s.at = s.n + off
	}
	return s.at, nil
}

// TestMaxBytes checks a file past MaxBytes is refused: at once when its
// size is known, as soon as it is read past the limit otherwise.
func TestMaxBytes(t *testing.T) {
	_, _, err := csvfile.Lines(&sized{n: csvfile.MaxBytes + 1})
	require.EqualError(t, err, "larger than 134217728 bytes (128 MiB): the limit")

	defer csvfile.Lower(4<<20, csvfile.MaxLines)()
	long := strings.Repeat("y", 60_000)
	r := csvfile.NewReader(io.MultiReader(strings.NewReader("a\n"), &repeat{line: long + "\n", n: 100}))
	rows := 0
	for {
		_, err = r.Read()
		if err != nil {
			break
		}
		rows++
	}
	require.EqualError(t, err, "larger than 4194304 bytes (4 MiB): the limit")
	require.LessOrEqual(t, rows, 4<<20/60_001+1, "refused as it is read past the limit, from standard input too")
}

// repeat reads line n times.
type repeat struct {
	line string
	n    int
	rest string
}

func (r *repeat) Read(p []byte) (int, error) {
	if r.rest == "" {
		if r.n == 0 {
			return 0, io.EOF
		}
		r.rest, r.n = r.line, r.n-1
	}
	k := copy(p, r.rest)
	r.rest = r.rest[k:]
	return k, nil
}
