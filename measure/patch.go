package measure

import (
	"fmt"
	"slices"
	"time"

	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// PatchDeadline is how a patch's deadline is counted from its release.
// The zero PatchDeadline is invalid.
type PatchDeadline uint8

// The values of PatchDeadline.
const (
	ElapsedDays PatchDeadline = iota + 1 // elapsed-days: N x 24 hours of wall-clock time after the release
	EndOfDayN                            // end-of-day: by the end (24:00 local) of the N-th calendar day after the release's local date
)

var patchDeadlineWords = words.New[PatchDeadline]("deadline", 1, "elapsed-days", "end-of-day")

// String returns the text form, such as "elapsed-days".
func (v PatchDeadline) String() string { return patchDeadlineWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v PatchDeadline) MarshalText() ([]byte, error) { return patchDeadlineWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than elapsed-days, end-of-day.
func (v *PatchDeadline) UnmarshalText(b []byte) error {
	return patchDeadlineWords.Unmarshal(v, b)
}

// PatchAttribution says which month a device's patch counts in. The zero
// PatchAttribution is invalid.
type PatchAttribution uint8

// The values of PatchAttribution.
const (
	DeadlineInPeriod PatchAttribution = iota + 1 // deadline-in-period: the month the deadline falls in
	ReleasedInPeriod                             // released-in-period: the month the patch was released in
)

var patchAttributionWords = words.New[PatchAttribution]("attribution", 1, "deadline-in-period", "released-in-period")

// String returns the text form, such as "deadline-in-period".
func (v PatchAttribution) String() string { return patchAttributionWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v PatchAttribution) MarshalText() ([]byte, error) {
	return patchAttributionWords.Marshal(v)
}

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than deadline-in-period, released-in-period.
func (v *PatchAttribution) UnmarshalText(b []byte) error {
	return patchAttributionWords.Unmarshal(v, b)
}

// PatchRule says how patch compliance within N days of release is
// measured: 100 x patches installed by their deadline / patches due, per
// device. Every field is required.
//
// The zero PatchRule is invalid: Validate names every field not set.
type PatchRule struct {
	KPI         string           `yaml:"kpi"`            // the contract's id of the KPI measured
	Within      int              `yaml:"within-days"`    // N: the days allowed after the release
	Deadline    PatchDeadline    `yaml:"deadline"`       // how the N days are counted
	Classes     []string         `yaml:"device-classes"` // the device scope: the classes measured, such as laptop and desktop
	Attribution PatchAttribution `yaml:"attribution"`    // which month a patch counts in
	Zone        string           `yaml:"zone"`           // the IANA zone of the months and of end-of-day
	Precision   kpi.Precision    `yaml:"precision"`      // the KPI's precision: the one rounding
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r PatchRule) Validate() error { return validate(r.problems) }

func (r PatchRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	if r.Within <= 0 {
		ps.Option("within-days", "not positive (want the days allowed after the release, such as 14)")
	}
	if !patchDeadlineWords.Valid(r.Deadline) {
		ps.Option("deadline", "not set (want one of %s)", patchDeadlineWords.Join())
	}
	ps.Names("device-classes", "the device classes in scope, such as laptop", r.Classes)
	if !patchAttributionWords.Valid(r.Attribution) {
		ps.Option("attribution", "not set (want one of %s)", patchAttributionWords.Join())
	}
	return loc
}

// deadline returns p's deadline under r in loc.
func (r PatchRule) deadline(p *record.Patch, loc *time.Location) time.Time {
	if r.Deadline == ElapsedDays {
		return p.Released.Add(time.Duration(r.Within) * 24 * time.Hour)
	}
	d := kpi.LocalDate(p.Released.In(loc)).AddDays(r.Within + 1)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
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
// It fails with record.ErrInvalidOptions for an invalid rule and with
// record.ErrInvalidRecord for invalid patches (CheckPatches), measuring nothing.
func PatchCompliance(r PatchRule, org string, month kpi.Month, asOf time.Time, patches []record.Patch) (Figure, error) {
	per, err := measuring(month, r.problems, record.CheckPatches(patches))
	if err != nil {
		return Figure{}, err
	}
	loc := per.zone()
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
		l := Evidence{Record: p.Device + " " + p.Patch, Org: p.Org}
		what := fmt.Sprintf("%s %s (%s) released %s, deadline %s", p.Device, p.Patch, p.Class, problem.Stamp(p.Released.In(loc)), problem.Stamp(due.In(loc)))
		switch {
		case p.Exemption != "":
			l.Why = "not counted, exempt: " + p.Exemption + ": " + what
		case !p.Installed.IsZero() && !p.Installed.After(due) && !p.Installed.After(asOf):
			l.Counted, l.Met, l.Why = true, true, "on time: "+what+", installed "+problem.Stamp(p.Installed.In(loc))
		case due.After(asOf):
			l.Why = "not counted, not yet due: " + what + ", not installed at " + problem.Stamp(asOf.In(loc))
		case p.Installed.IsZero() || p.Installed.After(asOf):
			l.Counted, l.Why = true, "late: "+what+", not installed at "+problem.Stamp(asOf.In(loc))
		default:
			l.Counted, l.Why = true, "late: "+what+", installed "+problem.Stamp(p.Installed.In(loc))
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
