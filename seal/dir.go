package seal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/kpi"
)

// Entry is one month's seal file in a seals directory, as ReadDir found
// it: the seal when it could be trusted, or why not.
type Entry struct {
	File  string    // the file's path
	Month kpi.Month // the month its name gives
	Seal  *Seal     // nil when Err is set
	Err   error     // why the seal cannot be trusted: an *Error wrapping ErrNotSeal, ErrEdited or ErrUnauthenticated
}

// ReadDir reads and verifies (Parse) every month's seal in dir: each file
// named seal-YYYY-MM.json, in month order. Superseded seals
// (seal-YYYY-MM.N.json) and other files are not read. A seal that fails
// its checks, or says another month than its name, is returned with Err
// set, never trusted. The error is for a directory that cannot be read.
func ReadDir(dir string, key []byte) ([]Entry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, de := range des {
		sub := monthFile.FindStringSubmatch(de.Name())
		if sub == nil || de.IsDir() {
			continue
		}
		m, err := kpi.ParseMonth(sub[1])
		if err != nil {
			continue
		}
		e := Entry{File: filepath.Join(dir, de.Name()), Month: m}
		e.Seal, e.Err = readFile(e.File, m, key)
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry) int { return a.Month.Compare(b.Month) })
	return out, nil
}

// readFile reads and verifies the seal of month m in file name.
func readFile(name string, m kpi.Month, key []byte) (*Seal, error) {
	data, err := readLimited(name)
	if err != nil {
		return nil, &Error{File: name, Month: m, Err: ErrNotSeal, Msg: "cannot read: " + placed.Cause(err).Error()}
	}
	s, err := Parse(data, key)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File, e.Month = name, m
		}
		return nil, err
	}
	if s.Month != m {
		return nil, &Error{File: name, Month: m, Err: ErrEdited, Msg: fmt.Sprintf("the seal is of %s, its file name says %s", s.Month, m)}
	}
	return s, nil
}

// readLimited reads file name, refusing one larger than MaxSize before
// reading it.
func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxSize {
		return nil, fmt.Errorf("%d bytes: larger than the limit of %d", st.Size(), MaxSize)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Stored is what Store did.
type Stored struct {
	File      string // the seal file written, or found unchanged
	Unchanged bool   // the month was already sealed with the same content: nothing was written
	Kept      string // with a reseal: the file the earlier seal was moved to; empty otherwise
}

// Check reports what Store would do with s in dir, writing nothing: the
// same Stored and the same errors, but for those of writing. A command
// that seals several months checks them all before it writes any.
func Check(dir string, s *Seal, key []byte, reseal bool) (Stored, error) {
	p, err := prepare(dir, s, key, reseal)
	return p.out, err
}

// plan is what Store is to do.
type plan struct {
	out  Stored
	name string
	seal Seal // s, with Supersedes set as it is to be written
}

// Store writes s, as Marshal writes it with key, to its file in dir
// (FileName), creating dir when it does not exist.
//
// When the month is already sealed: if the seal there can be trusted and
// holds the same content as s (every field but Supersedes), nothing is
// written and Stored.Unchanged is set. Otherwise Store refuses, with an
// *Error wrapping ErrSealed, unless reseal is set: then the earlier seal
// file is kept beside the new one, renamed seal-YYYY-MM.N.json with N the
// first free number from 1, and s is written with Supersedes set to the
// SHA-256 of the earlier file's bytes. s is not modified.
//
// The file is written to a temporary file in dir and renamed into place,
// so that a seal is never half written.
func Store(dir string, s *Seal, key []byte, reseal bool) (Stored, error) {
	p, err := prepare(dir, s, key, reseal)
	if err != nil || p.out.Unchanged {
		return p.out, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stored{}, err
	}
	data, err := Marshal(&p.seal, key)
	if err != nil {
		return Stored{}, err
	}
	tmp, err := os.CreateTemp(dir, ".seal-*.tmp")
	if err != nil {
		return Stored{}, err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return Stored{}, err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return Stored{}, err
	}
	if err := tmp.Close(); err != nil {
		return Stored{}, err
	}
	if p.out.Kept != "" {
		if err := os.Rename(p.name, p.out.Kept); err != nil {
			return Stored{}, err
		}
	}
	if err := os.Rename(tmp.Name(), p.name); err != nil {
		return Stored{}, err
	}
	return p.out, nil
}

// prepare works out what Store is to do with s in dir.
func prepare(dir string, s *Seal, key []byte, reseal bool) (plan, error) {
	name := filepath.Join(dir, FileName(s.Month))
	p := plan{out: Stored{File: name}, name: name, seal: *s}
	p.seal.Supersedes = ""
	old, err := os.ReadFile(name)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return p, nil
	case err != nil:
		return plan{}, err
	}
	prev, perr := readFile(name, s.Month, key)
	if perr == nil {
		p2 := *prev
		p2.Supersedes = ""
		a, err1 := Body(&p2)
		b, err2 := Body(&p.seal)
		if err := errors.Join(err1, err2); err != nil {
			return plan{}, err
		}
		if bytes.Equal(a, b) {
			p.out.Unchanged = true
			return p, nil
		}
	}
	if !reseal {
		msg := "the month's result today differs from its seal (see evaluate -seals); give -reseal to seal it again, keeping the earlier seal beside it"
		switch {
		case perr != nil:
			msg = "the seal there cannot be trusted (" + perr.Error() + "); give -reseal to seal the month again, keeping it beside the new seal"
		case len(Compare(prev, s)) == 0:
			msg = "the month's figures are unchanged, but the input files differ from those sealed; give -reseal to seal it again from these files"
		}
		return plan{}, &Error{File: name, Month: s.Month, Err: ErrSealed, Msg: msg}
	}
	for n := 1; ; n++ {
		kept := filepath.Join(dir, fmt.Sprintf("seal-%s.%d.json", s.Month, n))
		if _, err := os.Lstat(kept); errors.Is(err, os.ErrNotExist) {
			p.out.Kept = kept
			break
		}
	}
	p.seal.Supersedes = digestOf(old)
	return p, nil
}
