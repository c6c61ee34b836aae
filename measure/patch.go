package measure

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

// Patch is one patch due on one device: released at Released, installed
// at Installed (zero while not installed).
//
// The zero Patch is invalid: it has no device, patch or release instant.
type Patch struct {
	Device    string
	Org       string
	Class     string // the device's class, such as "laptop" or "server"; PatchRule.Classes is the scope
	Patch     string // the patch's id, such as "KB5005565"
	Released  time.Time
	Installed time.Time // zero while not installed
	Exemption string    // why the device is exempt from this patch; listed, not counted
	Source    Source
}

func (p *Patch) name() string { return fmt.Sprintf("device %q patch %q", p.Device, p.Patch) }

// PatchDeadline is how a patch's deadline is counted from its release.
// The zero PatchDeadline is invalid.
type PatchDeadline uint8

// The values of PatchDeadline.
const (
	ElapsedDays PatchDeadline = iota + 1 // elapsed-days: N x 24 hours of wall-clock time after the release
	EndOfDayN                            // end-of-day: by the end (24:00 local) of the N-th calendar day after the release's local date
)

var patchDeadlineWords = words{"deadline", "elapsed-days", "end-of-day"}

// String returns the text form, such as "elapsed-days".
func (v PatchDeadline) String() string { return patchDeadlineWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v PatchDeadline) MarshalText() ([]byte, error) { return patchDeadlineWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than elapsed-days, end-of-day.
func (v *PatchDeadline) UnmarshalText(b []byte) error {
	x, err := patchDeadlineWords.parse(b)
	*v = PatchDeadline(x)
	return err
}

// PatchAttribution says which month a device's patch counts in. The zero
// PatchAttribution is invalid.
type PatchAttribution uint8

// The values of PatchAttribution.
const (
	DeadlineInPeriod PatchAttribution = iota + 1 // deadline-in-period: the month the deadline falls in
	ReleasedInPeriod                             // released-in-period: the month the patch was released in
)

var patchAttributionWords = words{"attribution", "deadline-in-period", "released-in-period"}

// String returns the text form, such as "deadline-in-period".
func (v PatchAttribution) String() string { return patchAttributionWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v PatchAttribution) MarshalText() ([]byte, error) {
	return patchAttributionWords.marshal(uint8(v))
}

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than deadline-in-period, released-in-period.
func (v *PatchAttribution) UnmarshalText(b []byte) error {
	x, err := patchAttributionWords.parse(b)
	*v = PatchAttribution(x)
	return err
}

// PatchRule says how patch compliance within N days of release is
// measured: 100 x patches installed by their deadline / patches due, per
// device. Every field is required.
//
// The zero PatchRule is invalid: Validate names every field not set.
type PatchRule struct {
	KPI         string           `yaml:"kpi"`
	Within      int              `yaml:"within-days"`    // N: the days allowed after the release
	Deadline    PatchDeadline    `yaml:"deadline"`       // how the N days are counted
	Classes     []string         `yaml:"device-classes"` // the device scope: the classes measured, such as laptop and desktop
	Attribution PatchAttribution `yaml:"attribution"`
	Zone        string           `yaml:"zone"` // the IANA zone of the months and of end-of-day
	Precision   kpi.Precision    `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping ErrInvalidOptions.
func (r PatchRule) Validate() error {
	ps := &problems{}
	r.problems(ps)
	return ps.err()
}

func (r PatchRule) problems(ps *problems) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	if r.Within <= 0 {
		ps.option("within-days", "not positive (want the days allowed after the release, such as 14)")
	}
	if !patchDeadlineWords.valid(uint8(r.Deadline)) {
		ps.option("deadline", "not set (want one of %s)", patchDeadlineWords.list())
	}
	if len(r.Classes) == 0 {
		ps.option("device-classes", "none (want the device classes in scope, such as laptop)")
	}
	for i, c := range r.Classes {
		if c == "" {
			ps.option(fmt.Sprintf("device-classes[%d]", i), "empty")
		}
	}
	if !patchAttributionWords.valid(uint8(r.Attribution)) {
		ps.option("attribution", "not set (want one of %s)", patchAttributionWords.list())
	}
	return loc
}

// deadline returns p's deadline under r in loc.
func (r PatchRule) deadline(p *Patch, loc *time.Location) time.Time {
	if r.Deadline == ElapsedDays {
		return p.Released.Add(time.Duration(r.Within) * 24 * time.Hour)
	}
	d := servicehours.LocalDate(p.Released.In(loc)).AddDays(r.Within + 1)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// CheckPatches reports every problem with patches on their own: no
// device, patch, class or release instant, an installation before the
// release, a device and patch given twice. Problems wrap
// ErrInvalidRecord.
func CheckPatches(patches []Patch) error {
	ps := &problems{}
	checkPatches(ps, patches)
	return ps.err()
}

func checkPatches(ps *problems, patches []Patch) {
	type key struct{ device, patch string }
	seen := map[key]Source{}
	for i := range patches {
		p := &patches[i]
		at, who := p.Source.pos(), p.name()
		for _, f := range []struct{ name, v string }{{"device", p.Device}, {"patch", p.Patch}, {"device-class", p.Class}} {
			if f.v == "" {
				ps.record(at, who, f.name, "empty")
			}
		}
		if p.Device != "" && p.Patch != "" {
			if first, dup := seen[key{p.Device, p.Patch}]; dup {
				ps.record(at, who, "patch", "%s", givenTwice(first))
			} else {
				seen[key{p.Device, p.Patch}] = p.Source
			}
		}
		switch {
		case p.Released.IsZero():
			ps.record(at, who, "released", "empty")
		case !p.Installed.IsZero() && p.Installed.Before(p.Released):
			ps.record(at, who, "installed", "%s before released %s", stamp(p.Installed), stamp(p.Released))
		}
	}
}

// PatchCompliance returns the share of org's patches installed within
// r.Within days of release, 100 x on time / due, for month, judged at
// asOf. patches may be a whole file: the patches of org's devices of a
// class r.Classes names, attributed to the local month by their deadline
// or release as r.Attribution says, qualify; each is a line saying its
// deadline and whether it was installed by then. A patch installed
// exactly at its deadline is on time. Exempt devices are listed, not
// counted; so are patches whose deadline is after asOf and not yet
// installed (not yet due). Devices of other classes are out of scope and
// not listed. No patch due is not applicable, "no qualifying records".
//
// It fails with ErrInvalidOptions for an invalid rule and with
// ErrInvalidRecord for invalid patches (CheckPatches), measuring nothing.
func PatchCompliance(r PatchRule, org string, month kpi.Month, asOf time.Time, patches []Patch) (Figure, error) {
	ps := &problems{}
	loc := r.problems(ps)
	per := periodFor(ps, month, loc)
	checkPatches(ps, patches)
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	t := &tally{}
	for i := range patches {
		p := &patches[i]
		if p.Org != org || !slices.Contains(r.Classes, p.Class) {
			continue
		}
		due := r.deadline(p, loc)
		when := due
		if r.Attribution == ReleasedInPeriod {
			when = p.Released
		}
		if !per.has(when) {
			continue
		}
		l := Line{Record: p.Device + " " + p.Patch, Org: p.Org}
		what := fmt.Sprintf("%s %s (%s) released %s, deadline %s", p.Device, p.Patch, p.Class, stamp(p.Released), stamp(due))
		switch {
		case p.Exemption != "":
			l.Why = "not counted, exempt: " + p.Exemption + ": " + what
		case !p.Installed.IsZero() && !p.Installed.After(due) && !p.Installed.After(asOf):
			l.Counted, l.Met, l.Why = true, true, "on time: "+what+", installed "+stamp(p.Installed)
		case due.After(asOf):
			l.Why = "not counted, not yet due: " + what + ", not installed at " + stamp(asOf)
		case p.Installed.IsZero() || p.Installed.After(asOf):
			l.Counted, l.Why = true, "late: "+what+", not installed at "+stamp(asOf)
		default:
			l.Counted, l.Why = true, "late: "+what+", installed "+stamp(p.Installed)
		}
		if l.Counted {
			t.counted++
			if l.Met {
				t.met++
			}
		}
		t.lines = append(t.lines, l)
	}
	f := proportion(r.KPI, org, month, r.Precision, t)
	if f.Measurement.Absent == 0 {
		f.Measurement.Note = fmt.Sprintf("%d of %d patches installed within %d days (%s)", t.met, t.counted, r.Within, r.Deadline)
	}
	return f, nil
}

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
// field and wrapping ErrInvalidRecord, sorted and joined; on any problem
// it returns no patches.
func ReadPatches(name string, r io.Reader, zone *time.Location) ([]Patch, error) {
	ps := &problems{}
	t := readCSV(ps, name, r, patchColumns, patchRequired, "")
	if t == nil {
		return nil, ps.err()
	}
	type key struct{ device, patch string }
	first := map[key]int{}
	out := make([]Patch, 0, len(t.rows))
	for ri := range t.rows {
		rw := &t.rows[ri]
		before := len(ps.list)
		p := Patch{Source: Source{File: name, Line: rw.line}}
		p.Device, _ = t.get(rw, "device")
		p.Patch, _ = t.get(rw, "patch")
		who := p.name()
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
			c.bad("before released " + stamp(p.Released))
		}
		if k := (key{p.Device, p.Patch}); p.Device != "" && p.Patch != "" {
			if line, dup := first[k]; dup {
				_, at := t.get(rw, "patch")
				ps.record(at, who, "patch", "device and patch given twice (first at line %d)", line)
			} else {
				first[k] = rw.line
			}
		}
		if len(ps.list) > before {
			continue
		}
		out = append(out, p)
	}
	if !ps.ok() {
		return nil, ps.err()
	}
	return out, nil
}
