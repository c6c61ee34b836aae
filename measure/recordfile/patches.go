package recordfile

import (
	"io"
	"time"

	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// The columns of a patches file.
var (
	patchColumns  = []string{"device", "organisation", "device-class", "patch", "released", "installed", "exemption"}
	patchRequired = []string{"device", "organisation", "device-class", "patch", "released"}
)

// ReadPatches reads a device patches file, CSV with a header row, as
// docs/records.md describes: one row per device and patch. name is the
// file's name for messages; zone, when not nil, is the zone of timestamps
// without an offset.
//
// It reports every problem (a field that does not parse, an empty
// required field, an installation before the release, a device and patch
// given twice), each an *Error naming the file, line, column, record and
// field and wrapping record.ErrInvalidRecord, sorted and joined; on any problem
// it returns no patches.
func ReadPatches(name string, r io.Reader, zone *time.Location) ([]record.Patch, error) {
	ps := &problem.List{}
	t := readCSV(ps, name, r, patchColumns, patchRequired, "")
	if t == nil {
		return nil, ps.Err()
	}
	type key struct{ device, patch string }
	first := map[key]int{}
	out := make([]record.Patch, 0, len(t.rows))
	for ri := range t.rows {
		rw := &t.rows[ri]
		before := ps.Len()
		p := record.Patch{Source: record.Source{File: name, Line: rw.line}}
		p.Device, _ = t.get(rw, "device")
		p.Patch, _ = t.get(rw, "patch")
		who := p.Name()
		get := func(col string) cell { return t.cell(ps, rw, who, col) }
		for _, col := range []string{"device", "device-class", "patch"} {
			get(col).nonEmpty()
		}
		p.Org, _ = t.get(rw, "organisation")
		p.Class, _ = t.get(rw, "device-class")
		p.Exemption, _ = t.get(rw, "exemption")
		var ok bool
		p.Released, ok = get("released").instant(zone, true)
		c := get("installed")
		if p.Installed, _ = c.instant(zone, false); ok && !p.Installed.IsZero() && p.Installed.Before(p.Released) {
			c.bad("before released " + problem.Stamp(p.Released))
		}
		if k := (key{p.Device, p.Patch}); p.Device != "" && p.Patch != "" {
			if line, dup := first[k]; dup {
				_, at := t.get(rw, "patch")
				ps.Record(at, who, "patch", "device and patch given twice (first at line %d)", line)
			} else {
				first[k] = rw.line
			}
		}
		if ps.Len() > before {
			continue
		}
		out = append(out, p)
	}
	if !ps.OK() {
		return nil, ps.Err()
	}
	return out, nil
}
