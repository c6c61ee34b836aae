package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"hash"
	"io"
	"os"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/report"
	"github.com/servicecredit/engine/seal"
)

// sealing is the flags evaluate takes for restatements: the seals
// directory, the month the adjustments go in, and the HMAC key file.
type sealing struct {
	dir      *string
	adjustIn *kpi.Month
	key      *string
}

// sealingFlags adds -seals, -adjust-in and -key to fs.
func sealingFlags(fs *flag.FlagSet) sealing {
	s := sealing{dir: new(string), adjustIn: new(kpi.Month), key: new(string)}
	fs.StringVar(s.dir, "seals", "", "compare every month sealed in `directory` DIR with today's result and list the revisions (docs/monthly-cycle.md)")
	fs.TextVar(s.adjustIn, "adjust-in", kpi.Month{}, "with -seals: the `month` the adjustments go in (default: the month after the last sealed month)")
	fs.StringVar(s.key, "key", "", "with -seals: the HMAC key `file` the seals were sealed with; a seal without a matching HMAC is not trusted")
	return s
}

// usage returns what is wrong with the flags, if anything.
func (s sealing) usage(out format) string {
	switch {
	case *s.dir == "" && !s.adjustIn.IsZero():
		return "-adjust-in: only with -seals"
	case *s.dir == "" && *s.key != "":
		return "-key: only with -seals"
	case *s.dir != "" && out == "pack":
		return "-seals: not with -format pack (use text, markdown, csv, json or jsonl)"
	}
	return ""
}

// digests hashes the input files as a command reads them: the contract
// and mitigations files, and the measurements file, or standard input as
// it is read (through the env's stdin, which it wraps).
type digests struct {
	names [3]string
	stdin hash.Hash
}

// hashInputs prepares the digests of the files named: the contract, the
// measurements (may be "-") and the mitigations (may be "").
func (e *env) hashInputs(names [3]string) *digests {
	d := &digests{names: names}
	if names[1] == "-" {
		d.stdin = sha256.New()
		e.stdin = io.TeeReader(e.stdin, d.stdin)
	}
	return d
}

// inputs returns the digests, once the files were read.
func (d *digests) inputs() (seal.Inputs, error) {
	var out [3]string
	for i, name := range d.names {
		switch {
		case name == "":
		case name == "-":
			out[i] = "sha256:" + hex.EncodeToString(d.stdin.Sum(nil))
		default:
			f, err := os.Open(name)
			if err != nil {
				return seal.Inputs{}, fmt.Errorf("%s: cannot read: %w", name, placed.Cause(err))
			}
			out[i], err = seal.FileDigest(f)
			f.Close()
			if err != nil {
				return seal.Inputs{}, fmt.Errorf("%s: cannot read: %w", name, placed.Cause(err))
			}
		}
	}
	return seal.Inputs{Contract: out[0], Measurements: out[1], Mitigations: out[2]}, nil
}

// readKey reads the HMAC key file, if one is named.
func readKey(name string) ([]byte, error) {
	if name == "" {
		return nil, nil
	}
	key, err := seal.ReadKey(name)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: cannot read: %w", name, pe.Err)
		}
		return nil, err
	}
	return key, nil
}

// restate compares the seals of s.dir with today's result of files. It
// returns the restatement, or the exit status of a problem it reported.
func (e *env) restate(fs *flag.FlagSet, s sealing, files *inputs, d *digests) (*seal.Restatement, int) {
	key, err := readKey(*s.key)
	if err != nil {
		return nil, e.problems("", err)
	}
	in, err := d.inputs()
	if err != nil {
		return nil, e.problems("", err)
	}
	entries, err := seal.ReadDir(*s.dir, key)
	if err != nil {
		return nil, e.problems("", fmt.Errorf("%s: cannot read the seals: %w", *s.dir, placed.Cause(err)))
	}
	r, err := seal.Restate(files.contract, contract.Input{Measurements: files.measurements, Mitigations: files.register}, in, entries, *s.adjustIn)
	switch {
	case errors.Is(err, seal.ErrAdjustIn):
		return nil, e.usageError(fs, "-adjust-in %v", err)
	case err != nil:
		return nil, e.evaluation(files, err)
	}
	return r, exitOK
}

// writeRestatement writes r in format out after the evaluation's report,
// then reports each seal that could not be trusted on standard error, and
// returns the exit status: exitFound when one could not.
func (e *env) writeRestatement(out format, c *contract.Contract, r *seal.Restatement) int {
	var err error
	switch out {
	case "csv":
		err = report.RestatementCSV(e.stdout, c, r)
	case "jsonl":
		err = report.RestatementJSONL(e.stdout, r)
	case "markdown":
		if _, err = io.WriteString(e.stdout, "\n"); err == nil {
			err = report.RestatementMarkdown(e.stdout, c, r)
		}
	case "text":
		if _, err = io.WriteString(e.stdout, "\n"); err == nil {
			err = report.RestatementText(e.stdout, c, r)
		}
	}
	if err != nil {
		return e.problems("servicecredit: writing the report: ", err)
	}
	return e.untrusted(r)
}

// untrusted reports the seals r could not trust, one line each, and
// returns exitFound when there are some.
func (e *env) untrusted(r *seal.Restatement) int {
	bad := r.Untrusted()
	for _, m := range bad {
		e.problems("", m.Problem)
	}
	if len(bad) > 0 {
		return exitFound
	}
	return exitOK
}
