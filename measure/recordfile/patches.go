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
	type key struct{ device, patch string }
	pairs := firstLines[key]{}
	who := func(x rowOf) string { return (&record.Patch{Device: x.text("device"), Patch: x.text("patch")}).Name() }
	return readFile(name, r, patchColumns, patchRequired, "", who, func(x rowOf) record.Patch {
		get := x.get
		p := record.Patch{Device: x.text("device"), Patch: x.text("patch"), Source: x.source()}
		for _, col := range []string{"device", "device-class", "patch"} {
			get(col).nonEmpty()
		}
		p.Org, p.Class, p.Exemption = x.text("organisation"), x.text("device-class"), x.text("exemption")
		var ok bool
		p.Released, ok = get("released").instant(zone, true)
		c := get("installed")
		if p.Installed, _ = c.instant(zone, false); ok && !p.Installed.IsZero() && p.Installed.Before(p.Released) {
			c.bad("before released " + problem.Stamp(p.Released))
		}
		if p.Device != "" && p.Patch != "" {
			pairs.once(x, key{p.Device, p.Patch}, "patch", "device and patch given twice (first at line %d)")
		}
		return p
	}, nil)
}
