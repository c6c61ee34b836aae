package load

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/portfolio"
	"github.com/servicecredit/engine/seal"
)

// The limits of a portfolio manifest (docs/portfolio.md): each is refused
// with an *Error wrapping contract.ErrLimit.
const (
	MaxManifestBytes     = 8 << 20 // the manifest file's size: 8 MiB
	MaxManifestContracts = 10_000  // the contracts a manifest lists
)

// The manifest file's structures; docs/portfolio.md describes them.
type (
	manifestDTO struct {
		Contracts []manifestEntryDTO `yaml:"contracts"`
	}
	manifestEntryDTO struct {
		Label        *yString `yaml:"label"`
		Contract     *yString `yaml:"contract"`
		Measurements *yString `yaml:"measurements"`
		Mitigations  *yString `yaml:"mitigations"`
		Seals        *yString `yaml:"seals"`
	}
)

// manifestDTOs are the manifest's structures, whose fields an
// unknown-field error lists.
var manifestDTOs = []any{manifestDTO{}, manifestEntryDTO{}}

// Manifest is a portfolio manifest as read: the contracts, in the file's
// order, with their files' names resolved.
type Manifest struct {
	File      string          // the manifest's name, as given
	Contracts []ManifestEntry // in the file's order
}

// ManifestEntry is one contract of a manifest. Each file's name is
// resolved: a relative name in the manifest is relative to the
// manifest's directory, and is given here joined to it.
type ManifestEntry struct {
	Label        string // as given; empty to use the contract's name
	Contract     string // the contract file (YAML or JSON)
	Measurements string // the measurements file (CSV)
	Mitigations  string // the mitigations file (CSV, YAML or JSON); empty when none
	Seals        string // the directory of the contract's sealed months (servicecredit close); empty when none
	Line, Column int    // where the entry starts in the manifest
	Index        int    // its position in the manifest, from 0
}

// ReadManifest reads a portfolio manifest, YAML (or the same in JSON), as
// docs/portfolio.md describes: a list of contracts, each with its
// contract and measurements files, optionally its mitigations file and
// a label, and its seals directory. Labels given must be unique and not
// empty. A file name is
// relative to the manifest's directory (the directory of name) unless
// absolute.
//
// It reports every problem, each as an *Error naming the file, line,
// column and field, sorted and joined; on any problem it returns no
// manifest. A manifest larger than MaxManifestBytes, or listing more than
// MaxManifestContracts contracts, is refused with an *Error wrapping
// contract.ErrLimit.
func ReadManifest(name string, data []byte) (*Manifest, error) {
	ps := &problems{file: name}
	if len(data) > MaxManifestBytes {
		ps.add(pos{}, "", fmt.Sprintf("larger than %d bytes (8 MiB): the limit", MaxManifestBytes), contract.ErrLimit)
		return nil, ps.err()
	}
	if blankYAML(data) {
		ps.add(pos{}, "", "empty file (want a mapping of fields, such as contracts: ...)", nil)
		return nil, ps.err()
	}
	var dto manifestDTO
	doc := decodeYAML(ps, data, &dto)
	if doc == nil || !ps.ok() {
		return nil, ps.err()
	}
	switch {
	case dto.Contracts == nil && !doc.present("contracts"):
		doc.missing("contracts", "a list of contracts, each with its contract and measurements files")
	case len(dto.Contracts) == 0:
		ps.add(doc.at("contracts"), "contracts", "no contracts (want at least one)", nil)
	case len(dto.Contracts) > MaxManifestContracts:
		ps.add(doc.at("contracts"), "contracts", fmt.Sprintf("%d contracts: more than the limit of %d", len(dto.Contracts), MaxManifestContracts), contract.ErrLimit)
		return nil, ps.err()
	}
	cv := &converter{doc: doc, ps: ps}
	m := &Manifest{File: name}
	dir := filepath.Dir(name)
	labels := map[string]pos{}
	for i, d := range dto.Contracts {
		p := fmt.Sprintf("contracts[%d]", i)
		at := doc.at(p)
		e := ManifestEntry{Index: i, Line: at.line, Column: at.col,
			Label:        cv.str(p+".label", d.Label, ""),
			Contract:     manifestFile(cv, dir, p+".contract", d.Contract, "the contract file's name"),
			Measurements: manifestFile(cv, dir, p+".measurements", d.Measurements, "the measurements file's name"),
			Mitigations:  manifestFile(cv, dir, p+".mitigations", d.Mitigations, ""),
		}
		if d.Label != nil {
			if first, ok := labels[e.Label]; ok {
				ps.addText(d.Label.pos, p+".label", e.Label, fmt.Sprintf("labels another contract already (line %d): labels must be unique", first.line), nil)
			} else if e.Label == "" {
				ps.add(d.Label.pos, p+".label", "empty (want a label, or leave it out for the contract's name)", nil)
			} else {
				labels[e.Label] = d.Label.pos
			}
		}
		e.Seals = manifestFile(cv, dir, p+".seals", d.Seals, "")
		m.Contracts = append(m.Contracts, e)
	}
	if !ps.ok() {
		return nil, ps.err()
	}
	return m, nil
}

// manifestFile returns the file name at path resolved against dir, and
// records a problem when it is required and missing, or empty.
func manifestFile(cv *converter, dir, path string, v *yString, want string) string {
	s := cv.str(path, v, want)
	if v == nil {
		return ""
	}
	if s == "" {
		cv.ps.add(v.pos, path, "empty (want a file name)", nil)
		return ""
	}
	if filepath.IsAbs(s) {
		return s
	}
	return filepath.Join(dir, s)
}

// Entries returns the manifest's contracts as a portfolio's entries, in
// order. Each entry's Load reads its files and seals, as ReadFiles does,
// when a worker of portfolio.Run takes it; key is the HMAC key the seals
// are checked with (seal.ReadKey), nil for none.
func (m *Manifest) Entries(key []byte) []portfolio.Entry {
	out := make([]portfolio.Entry, len(m.Contracts))
	for i := range m.Contracts {
		e := m.Contracts[i]
		out[i] = portfolio.Entry{
			Label:  e.Label,
			Source: e.Contract,
			Place:  fmt.Sprintf("%s:%d:%d: contracts[%d]", m.File, e.Line, e.Column, e.Index),
			Load: func() (*portfolio.Loaded, error) {
				return ReadFiles(e.Contract, e.Measurements, e.Mitigations, e.Seals, key)
			},
		}
	}
	return out
}

// ReadFiles reads a contract file, its measurements file and its
// mitigations file (which may be "" for none) from disk, as the command's
// evaluate does: the measurements and mitigations are checked against the
// contract, so only when it is valid. With a seals directory (not ""), it
// reads the contract's sealed months (seal.ReadDir, with key) and the
// digests of the three files, for the run to compare the seals with. It reports every problem of every
// file it can check, joined (Errors splits them), each naming its file
// and, where it has one, its line. The Loaded's Place puts an
// evaluation's problems with a measurement at the measurements file's
// line (InputErrors) and begins every other with "evaluation: ".
func ReadFiles(contractFile, measurementsFile, mitigationsFile, sealsDir string, key []byte) (*portfolio.Loaded, error) {
	var errs []error
	data, err := os.ReadFile(contractFile)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", contractFile, placed.Cause(err))
	}
	c, err := Contract(contractFile, data)
	if err != nil {
		errs = append(errs, Errors(err)...)
		for _, f := range []string{measurementsFile, mitigationsFile} {
			if f != "" {
				errs = append(errs, fmt.Errorf("%s: not checked: the contract has problems", f))
			}
		}
		return nil, errors.Join(errs...)
	}
	l := &portfolio.Loaded{Contract: c}
	var lines []int
	if f, err := os.Open(measurementsFile); err != nil {
		errs = append(errs, fmt.Errorf("%s: cannot read: %w", measurementsFile, placed.Cause(err)))
	} else {
		l.Input.Measurements, lines, err = MeasurementLines(measurementsFile, f, c)
		f.Close()
		errs = append(errs, Errors(err)...)
	}
	if mitigationsFile != "" {
		data, err := os.ReadFile(mitigationsFile)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot read: %w", mitigationsFile, placed.Cause(err)))
		} else {
			l.Input.Mitigations, err = Register(mitigationsFile, data, c)
			errs = append(errs, Errors(err)...)
		}
	}
	if sealsDir != "" && len(errs) == 0 {
		l.Seals, err = readSeals(contractFile, measurementsFile, mitigationsFile, sealsDir, key)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	l.Place = func(err error) []error {
		ps := InputErrors(measurementsFile, lines, err)
		for i, p := range ps {
			var le *Error
			if !errors.As(p, &le) {
				ps[i] = fmt.Errorf("evaluation: %w", p)
			}
		}
		return ps
	}
	return l, nil
}

// readSeals reads the sealed months of dir and the digests of the input
// files they are compared with.
func readSeals(contractFile, measurementsFile, mitigationsFile, dir string, key []byte) (*portfolio.Sealed, error) {
	entries, err := seal.ReadDir(dir, key)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the seals: %w", dir, placed.Cause(err))
	}
	var digests [3]string
	for i, name := range []string{contractFile, measurementsFile, mitigationsFile} {
		if name == "" {
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read: %w", name, placed.Cause(err))
		}
		digests[i], err = seal.FileDigest(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read: %w", name, placed.Cause(err))
		}
	}
	return &portfolio.Sealed{Entries: entries, Inputs: seal.Inputs{Contract: digests[0], Measurements: digests[1], Mitigations: digests[2]}}, nil
}
