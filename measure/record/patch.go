package record

import (
	"fmt"
	"time"

	"github.com/servicecredit/engine/measure/internal/problem"
)

// Patch is one patch due on one device: released at Released, installed
// at Installed (zero while not installed).
//
// The zero Patch is invalid: it has no device, patch or release instant.
type Patch struct {
	Device    string    // the device's id
	Org       string    // the organisation the device belongs to
	Class     string    // the device's class, such as "laptop" or "server"; a rule's device classes are the scope
	Patch     string    // the patch's id, such as "KB5005565"
	Released  time.Time // when the patch was released: the start of the days allowed
	Installed time.Time // zero while not installed
	Exemption string    // why the device is exempt from this patch; listed, not counted
	Source    Source    // where the patch was read
}

// Name returns the patch as messages name it: device "D1" patch "KB1".
func (p *Patch) Name() string { return fmt.Sprintf("device %q patch %q", p.Device, p.Patch) }

// CheckPatches reports every problem with patches on their own: no
// device, patch, class or release instant, an installation before the
// release, a device and patch given twice. Problems wrap
// ErrInvalidRecord.
func CheckPatches(patches []Patch) error {
	ps := &problem.List{}
	type key struct{ device, patch string }
	seen := firsts[key]{}
	for i := range patches {
		p := &patches[i]
		at, who := p.Source.pos(), p.Name()
		for _, f := range []struct{ name, v string }{{"device", p.Device}, {"patch", p.Patch}, {"device-class", p.Class}} {
			if f.v == "" {
				ps.Record(at, who, f.name, "empty")
			}
		}
		if p.Device != "" && p.Patch != "" {
			if msg, dup := seen.repeated(key{p.Device, p.Patch}, p.Source); dup {
				ps.Record(at, who, "patch", "%s", msg)
			}
		}
		switch {
		case p.Released.IsZero():
			ps.Record(at, who, "released", "empty")
		case !p.Installed.IsZero() && p.Installed.Before(p.Released):
			ps.Record(at, who, "installed", "%s before released %s", problem.Stamp(p.Installed), problem.Stamp(p.Released))
		}
	}
	return ps.Err()
}
