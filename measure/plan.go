package measure

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/kpi"
)

// Plan says how a contract's measured KPIs are derived from records: the
// calendars the recipes count on, and each KPI's recipe with every
// option. It is plain data; package measure/planfile reads it from YAML,
// and Validate names every option not set: nothing falls back to a
// default.
//
// A KPI's id and precision are not part of its recipe: they are the
// contract's, given to Recipe.Measure as a Subject, so that a recipe can
// sit under the contract's own KPI (a measure: key) without repeating
// them.
//
// The zero Plan is invalid: it measures no KPI.
type Plan struct {
	// RecordZone, when not empty, is the IANA zone in which record
	// timestamps without an offset are read. Empty: every timestamp must
	// carry its offset. Optional.
	RecordZone string         `yaml:"record-zone"`
	Calendars  []CalendarSpec `yaml:"calendars"` // the calendars recipes name
	KPIs       []PlannedKPI   `yaml:"kpis"`      // the KPIs measured, each once
}

// PlannedKPI is one measured KPI and its recipe.
type PlannedKPI struct {
	KPI     string `yaml:"kpi"`     // the contract's id of the KPI
	Measure Recipe `yaml:"measure"` // how it is measured
}

// Recipe is how one KPI is derived from records: exactly one of its
// fields is set, naming the measure and holding its options. In YAML it
// is a mapping with one key, the measure's name:
//
//	measure:
//	  count: {orgs: [LCC], kinds: [incident], priorities: [P1], basis: initial,
//	          attribution: logged-in-period, zone: Europe/London}
//
// The zero Recipe is invalid: it names no measure.
type Recipe struct {
	TicketResolution *TicketResolutionRecipe `yaml:"ticket-resolution,omitempty"`
	Availability     *AvailabilityRecipe     `yaml:"availability,omitempty"`
	Abandonment      *AbandonmentRecipe      `yaml:"abandonment,omitempty"`
	NPS              *NPSRecipe              `yaml:"nps,omitempty"`
	Satisfaction     *SatisfactionRecipe     `yaml:"satisfaction,omitempty"`
	PerUser          *PerUserRecipe          `yaml:"per-user,omitempty"`
	Resolved         *ResolvedRecipe         `yaml:"resolved,omitempty"`
	Count            *CountRecipe            `yaml:"count,omitempty"`
	Backlog          *BacklogRecipe          `yaml:"backlog,omitempty"`
	PatchCompliance  *PatchRecipe            `yaml:"patch-compliance,omitempty"`
}

// TicketResolutionRecipe measures the share of tickets meeting their
// priority's target: the ticket clock (Clock) and the month's
// aggregation (Aggregate, one population).
type TicketResolutionRecipe struct {
	Clock       ClockOptions `yaml:"clock"`
	Attribution Attribution  `yaml:"attribution"`
	Orgs        []string     `yaml:"orgs"`         // the organisations measured
	Combine     Combine      `yaml:"combine"`      // the combined figure, or none
	CombinedOrg string       `yaml:"combined-org"` // the combined figure's organisation; only with a combine other than none
	Zone        string       `yaml:"zone"`         // the IANA zone whose local months are the periods
	// Alternatives are calendars of the plan the ITSM tool may count on
	// instead, tried by reconciliation (Clock.Reconcile). Optional.
	Alternatives []string `yaml:"alternatives"`
}

// AvailabilityRecipe measures availability from outages (Availability).
// The figure written is: with Orgs, one per organisation; else with
// Pooled, the pooled figure; else the one service's.
type AvailabilityRecipe struct {
	Org       string    `yaml:"org"` // the measurements' organisation, without Orgs
	Services  []Service `yaml:"services"`
	Planned   Planned   `yaml:"planned"`
	Minutes   Minutes   `yaml:"minutes"`
	Weighting Weighting `yaml:"weighting"`
	Pooled    bool      `yaml:"pooled"`
	Orgs      []string  `yaml:"orgs"`    // optional: a figure per organisation
	Unnamed   Unnamed   `yaml:"unnamed"` // with Orgs only
}

// AbandonmentRecipe measures the share of calls abandoned (Abandonment).
type AbandonmentRecipe struct {
	Orgs           []string     `yaml:"orgs"`
	Short          ShortAbandon `yaml:"short"`
	ShortThreshold Duration     `yaml:"short-threshold"`
	Zone           string       `yaml:"zone"`
}

// NPSRecipe measures a net promoter score (NPS).
type NPSRecipe struct {
	Orgs        []string          `yaml:"orgs"`
	Attribution SurveyAttribution `yaml:"attribution"`
	Zone        string            `yaml:"zone"`
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// SatisfactionRecipe measures a satisfaction survey's mean score or
// share of good responses (Satisfaction).
type SatisfactionRecipe struct {
	Orgs        []string           `yaml:"orgs"`
	Figure      SatisfactionFigure `yaml:"figure"`
	Top         int                `yaml:"top"`
	Good        int                `yaml:"good"`
	Attribution SurveyAttribution  `yaml:"attribution"`
	Zone        string             `yaml:"zone"`
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// PerUserRecipe measures contacts per user (PerUser).
type PerUserRecipe struct {
	Orgs  []string `yaml:"orgs"`
	Basis string   `yaml:"basis"`
}

// ResolvedRecipe measures a first-line-fix or first-contact resolution
// share (Resolved).
type ResolvedRecipe struct {
	Orgs        []string    `yaml:"orgs"`
	Resolution  Resolution  `yaml:"resolution"`
	Kinds       []string    `yaml:"kinds"`
	Attribution Attribution `yaml:"attribution"`
	Zone        string      `yaml:"zone"`
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// CountRecipe counts tickets by priority (Count).
type CountRecipe struct {
	Orgs        []string      `yaml:"orgs"`
	Kinds       []string      `yaml:"kinds"`
	Priorities  []string      `yaml:"priorities"`
	Basis       PriorityBasis `yaml:"basis"`
	Attribution Attribution   `yaml:"attribution"`
	Zone        string        `yaml:"zone"`
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// BacklogRecipe measures the share of the backlog older than N days
// (Backlog).
type BacklogRecipe struct {
	Orgs      []string `yaml:"orgs"`
	Kinds     []string `yaml:"kinds"`
	OlderThan int      `yaml:"older-than"`
	Age       Age      `yaml:"age"`
	Snapshot  Snapshot `yaml:"snapshot"`
	Zone      string   `yaml:"zone"`
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// PatchRecipe measures patch compliance within N days of release
// (PatchCompliance).
type PatchRecipe struct {
	Orgs        []string         `yaml:"orgs"`
	Within      int              `yaml:"within-days"`
	Deadline    PatchDeadline    `yaml:"deadline"`
	Classes     []string         `yaml:"device-classes"`
	Attribution PatchAttribution `yaml:"attribution"`
	Zone        string           `yaml:"zone"`
}

// SatisfactionFigure names which of a satisfaction survey's figures a
// KPI is. The zero SatisfactionFigure is invalid.
type SatisfactionFigure uint8

// The values of SatisfactionFigure.
const (
	MeanScore SatisfactionFigure = iota + 1 // mean: the mean score
	GoodShare                               // good-share: the share of responses at or above good
)

var satisfactionFigureWords = words{"figure", "mean", "good-share"}

// String returns the text form, such as "mean".
func (v SatisfactionFigure) String() string { return satisfactionFigureWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v SatisfactionFigure) MarshalText() ([]byte, error) {
	return satisfactionFigureWords.marshal(uint8(v))
}

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than mean, good-share.
func (v *SatisfactionFigure) UnmarshalText(b []byte) error {
	x, err := satisfactionFigureWords.parse(b)
	*v = SatisfactionFigure(x)
	return err
}

// RecordKind names a kind of record file. The zero RecordKind is invalid.
type RecordKind uint8

// The record kinds, each read by its reader (docs/records.md).
const (
	TicketRecords   RecordKind = iota + 1 // tickets: ReadTickets
	OutageRecords                         // outages: ReadOutages
	CallRecords                           // calls: ReadCalls
	ResponseRecords                       // responses: ReadResponses
	CountRecords                          // contact-counts: ReadContactCounts
	BacklogRecords                        // backlog: ReadBacklog
	PatchRecords                          // patches: ReadPatches
)

var recordKindWords = words{"record kind", "tickets", "outages", "calls", "responses", "contact-counts", "backlog", "patches"}

// String returns the text form, such as "tickets".
func (v RecordKind) String() string { return recordKindWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v RecordKind) MarshalText() ([]byte, error) { return recordKindWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than tickets, outages, calls, responses, contact-counts, backlog,
// patches.
func (v *RecordKind) UnmarshalText(b []byte) error {
	x, err := recordKindWords.parse(b)
	*v = RecordKind(x)
	return err
}

// recordMarks are the columns that tell each kind's header apart: a
// header is of the kind whose mark it has (and of no other).
var recordMarks = []struct {
	kind RecordKind
	mark string
}{
	{BacklogRecords, "snapshot"},
	{OutageRecords, "service"},
	{CallRecords, "queued"},
	{ResponseRecords, "score"},
	{CountRecords, "contacts"},
	{PatchRecords, "device"},
	{TicketRecords, "priority"},
}

// KindOfHeader returns the kind of record file whose header row is
// header: the kind whose marking column it has: snapshot (backlog),
// service (outages), queued (calls), score (responses), contacts
// (contact-counts), device (patches), priority (tickets). Names are
// matched as the readers match them. It reports false when header has
// none of the marks, or more than one.
func KindOfHeader(header []string) (RecordKind, bool) {
	var found RecordKind
	for _, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for _, m := range recordMarks {
			if name != m.mark {
				continue
			}
			if found != 0 {
				return 0, false
			}
			found = m.kind
		}
	}
	return found, found != 0
}

// name returns the recipe's measure name and its options, or "" when no
// or several fields are set (names lists those set).
func (r Recipe) set() (names []string) {
	add := func(ok bool, name string) {
		if ok {
			names = append(names, name)
		}
	}
	add(r.TicketResolution != nil, "ticket-resolution")
	add(r.Availability != nil, "availability")
	add(r.Abandonment != nil, "abandonment")
	add(r.NPS != nil, "nps")
	add(r.Satisfaction != nil, "satisfaction")
	add(r.PerUser != nil, "per-user")
	add(r.Resolved != nil, "resolved")
	add(r.Count != nil, "count")
	add(r.Backlog != nil, "backlog")
	add(r.PatchCompliance != nil, "patch-compliance")
	return names
}

// Name returns the recipe's measure, such as "count"; "" when the recipe
// names none or several.
func (r Recipe) Name() string {
	if s := r.set(); len(s) == 1 {
		return s[0]
	}
	return ""
}

// Records returns the kind of record file the recipe reads; zero when it
// names no measure or several.
func (r Recipe) Records() RecordKind {
	switch r.Name() {
	case "ticket-resolution", "resolved", "count":
		return TicketRecords
	case "availability":
		return OutageRecords
	case "abandonment":
		return CallRecords
	case "nps", "satisfaction":
		return ResponseRecords
	case "per-user":
		return CountRecords
	case "backlog":
		return BacklogRecords
	case "patch-compliance":
		return PatchRecords
	}
	return 0
}

// Orgs returns the organisations the recipe measures: one figure each
// (and the combined or pooled figure's organisation, when the recipe has
// one: ticket-resolution's combined-org, or the combined-org of count,
// resolved, nps, satisfaction and backlog).
func (r Recipe) Orgs() []string {
	switch {
	case r.TicketResolution != nil:
		out := slices.Clone(r.TicketResolution.Orgs)
		if r.TicketResolution.Combine != NoCombined && r.TicketResolution.CombinedOrg != "" {
			out = append(out, r.TicketResolution.CombinedOrg)
		}
		return out
	case r.Availability != nil:
		if len(r.Availability.Orgs) > 0 {
			return slices.Clone(r.Availability.Orgs)
		}
		return []string{r.Availability.Org}
	case r.Abandonment != nil:
		return slices.Clone(r.Abandonment.Orgs)
	case r.NPS != nil:
		return withCombined(r.NPS.Orgs, r.NPS.CombinedOrg)
	case r.Satisfaction != nil:
		return withCombined(r.Satisfaction.Orgs, r.Satisfaction.CombinedOrg)
	case r.PerUser != nil:
		return slices.Clone(r.PerUser.Orgs)
	case r.Resolved != nil:
		return withCombined(r.Resolved.Orgs, r.Resolved.CombinedOrg)
	case r.Count != nil:
		return withCombined(r.Count.Orgs, r.Count.CombinedOrg)
	case r.Backlog != nil:
		return withCombined(r.Backlog.Orgs, r.Backlog.CombinedOrg)
	case r.PatchCompliance != nil:
		return slices.Clone(r.PatchCompliance.Orgs)
	}
	return nil
}

// Calendars returns the names of the calendars the recipe counts on, in
// the order it names them, each once.
func (r Recipe) Calendars() []string {
	var out []string
	add := func(n string) {
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if t := r.TicketResolution; t != nil {
		for _, tg := range t.Clock.Targets {
			add(tg.Calendar)
		}
		for _, a := range t.Alternatives {
			add(a)
		}
	}
	if a := r.Availability; a != nil {
		for _, s := range a.Services {
			add(s.Calendar)
		}
	}
	return out
}

// placeholder is the precision recipes are validated with: the real one
// is the contract's, valid by construction.
var placeholder = kpi.Precision{Places: 0, Rounding: kpi.HalfUp}

// Validate reports every problem with r on its own: no measure or
// several, and each option of the measure not set or inconsistent, named
// by its path such as "count.basis". Calendar names are checked against
// a plan's calendars by Plan.Validate. Problems wrap ErrInvalidOptions.
func (r Recipe) Validate() error {
	ps := &problems{}
	r.problems(ps)
	return ps.err()
}

func (r Recipe) problems(ps *problems) {
	set := r.set()
	switch len(set) {
	case 0:
		ps.option("", "no measure (want one of ticket-resolution, availability, abandonment, nps, satisfaction, per-user, resolved, count, backlog, patch-compliance)")
		return
	case 1:
	default:
		ps.option("", "several measures (%s): want exactly one", strings.Join(set, ", "))
		return
	}
	sub := &problems{}
	const id = "-"
	switch {
	case r.TicketResolution != nil:
		t := r.TicketResolution
		clock := &problems{}
		t.Clock.problems(clock)
		sub.under("clock", clock)
		Rule{KPI: id, Attribution: t.Attribution, Orgs: t.Orgs, Combine: t.Combine, CombinedOrg: t.CombinedOrg, Zone: t.Zone, Precision: placeholder}.problems(sub)
		for i, a := range t.Alternatives {
			if a == "" {
				sub.option(fmt.Sprintf("alternatives[%d]", i), "empty")
			}
			for _, tg := range t.Clock.Targets {
				if a != "" && tg.Calendar == a {
					sub.option(fmt.Sprintf("alternatives[%d]", i), "%q is a calendar of the clock's targets", a)
					break
				}
			}
		}
	case r.Availability != nil:
		a := r.Availability
		AvailabilityRule{KPI: id, Org: a.Org, Services: a.Services, Planned: a.Planned, Minutes: a.Minutes, Weighting: a.Weighting,
			Pooled: a.Pooled, Orgs: a.Orgs, Unnamed: a.Unnamed, Precision: placeholder}.problems(sub)
		if len(a.Orgs) == 0 && !a.Pooled && len(a.Services) > 1 {
			sub.option("pooled", "false with %d services and no orgs: which figure is the KPI's? (want pooled: true, or orgs)", len(a.Services))
		}
		if len(a.Orgs) > 0 && a.Org != "" {
			sub.option("org", "given with orgs (the figures are the organisations')")
		}
	case r.Abandonment != nil:
		a := r.Abandonment
		orgsProblems(sub, a.Orgs)
		AbandonRule{KPI: id, ShortThreshold: a.ShortThreshold, Short: a.Short, Zone: a.Zone, Precision: placeholder}.problems(sub)
	case r.NPS != nil:
		n := r.NPS
		orgsProblems(sub, n.Orgs)
		combinedOrgProblems(sub, n.Orgs, n.CombinedOrg)
		SurveyRule{KPI: id, Attribution: n.Attribution, Zone: n.Zone, Precision: placeholder}.problems(sub)
	case r.Satisfaction != nil:
		s := r.Satisfaction
		orgsProblems(sub, s.Orgs)
		combinedOrgProblems(sub, s.Orgs, s.CombinedOrg)
		if !satisfactionFigureWords.valid(uint8(s.Figure)) {
			sub.option("figure", "not set (want one of %s)", satisfactionFigureWords.list())
		}
		SatisfactionRule{MeanKPI: id, ShareKPI: id, Top: s.Top, Good: s.Good, Attribution: s.Attribution, Zone: s.Zone, Precision: placeholder}.problems(sub)
	case r.PerUser != nil:
		orgsProblems(sub, r.PerUser.Orgs)
		PerUserRule{KPI: id, Basis: r.PerUser.Basis, Precision: placeholder}.problems(sub)
	case r.Resolved != nil:
		x := r.Resolved
		orgsProblems(sub, x.Orgs)
		combinedOrgProblems(sub, x.Orgs, x.CombinedOrg)
		ResolvedRule{KPI: id, Resolution: x.Resolution, Kinds: x.Kinds, Attribution: x.Attribution, Zone: x.Zone, Precision: placeholder}.problems(sub)
	case r.Count != nil:
		x := r.Count
		orgsProblems(sub, x.Orgs)
		combinedOrgProblems(sub, x.Orgs, x.CombinedOrg)
		CountRule{KPI: id, Kinds: x.Kinds, Priorities: x.Priorities, Basis: x.Basis, Attribution: x.Attribution, Zone: x.Zone, Precision: placeholder}.problems(sub)
	case r.Backlog != nil:
		x := r.Backlog
		orgsProblems(sub, x.Orgs)
		combinedOrgProblems(sub, x.Orgs, x.CombinedOrg)
		BacklogRule{KPI: id, Kinds: x.Kinds, OlderThan: x.OlderThan, Age: x.Age, Snapshot: x.Snapshot, Zone: x.Zone, Precision: placeholder}.problems(sub)
	case r.PatchCompliance != nil:
		x := r.PatchCompliance
		orgsProblems(sub, x.Orgs)
		PatchRule{KPI: id, Within: x.Within, Deadline: x.Deadline, Classes: x.Classes, Attribution: x.Attribution, Zone: x.Zone, Precision: placeholder}.problems(sub)
	}
	ps.under(set[0], sub)
}

// withCombined returns orgs, then combined when it is not empty.
func withCombined(orgs []string, combined string) []string {
	out := slices.Clone(orgs)
	if combined != "" {
		out = append(out, combined)
	}
	return out
}

// combinedOrgProblems checks an optional combined-org: it must not be one
// of the organisations measured.
func combinedOrgProblems(ps *problems, orgs []string, combined string) {
	if combined != "" && slices.Contains(orgs, combined) {
		ps.option("combined-org", "%q is one of orgs (want the name of the pooled figure, such as all)", combined)
	}
}

// under adds the problems of sub with their fields under path.
func (ps *problems) under(path string, sub *problems) {
	for _, e := range sub.list {
		c := *e
		c.Field = joinField(path, e.Field)
		ps.list = append(ps.list, &c)
	}
}

// joinField joins an option's path and a field within it.
func joinField(path, field string) string {
	switch {
	case path == "":
		return field
	case field == "":
		return path
	}
	return path + "." + field
}

// Validate reports every problem with p: a record zone that is not an
// IANA zone; each calendar's problems (CalendarSpec.Validate); calendars
// named twice; no KPI, a KPI with no id or given twice; each recipe's
// problems (Recipe.Validate); and a recipe naming a calendar the plan
// does not define. Each problem names the KPI or calendar at fault and
// the option's path, such as `kpi "IMT_KPI_10": kpis[1].measure.count.basis:
// not set (want one of initial, final, ever)`, and wraps
// ErrInvalidOptions.
func (p *Plan) Validate() error {
	ps := &problems{}
	p.problems(ps)
	return ps.err()
}

func (p *Plan) problems(ps *problems) {
	if p.RecordZone != "" {
		loadZone(ps, "record-zone", p.RecordZone)
	}
	cals := map[string]int{}
	for i, c := range p.Calendars {
		sub := &problems{}
		c.problems(sub)
		path := fmt.Sprintf("calendars[%d]", i)
		if j, dup := cals[c.Name]; dup && c.Name != "" {
			sub.option("name", "given twice (first calendars[%d])", j)
		} else if c.Name != "" {
			cals[c.Name] = i
		}
		ps.recordUnder(path, "calendar "+strconv.Quote(c.Name), c.Name != "", sub)
	}
	if len(p.KPIs) == 0 {
		ps.option("kpis", "none (want each measured KPI with its recipe)")
	}
	seen := map[string]int{}
	for i, k := range p.KPIs {
		sub := &problems{}
		if k.KPI == "" {
			sub.option("kpi", "empty (want the contract's id of the KPI)")
		} else if j, dup := seen[k.KPI]; dup {
			sub.option("kpi", "given twice (first kpis[%d])", j)
		} else {
			seen[k.KPI] = i
		}
		rec := &problems{}
		k.Measure.problems(rec)
		for j, name := range k.Measure.Calendars() {
			if _, ok := cals[name]; !ok {
				rec.option(calendarField(k.Measure, name, j), "%q is not a calendar of the plan (have %s)", name, listOrNone(slices.Sorted(maps.Keys(cals))))
			}
		}
		sub.under("measure", rec)
		ps.recordUnder(fmt.Sprintf("kpis[%d]", i), "kpi "+strconv.Quote(k.KPI), k.KPI != "", sub)
	}
}

// recordUnder adds the problems of sub under path, naming record when
// named.
func (ps *problems) recordUnder(path, record string, named bool, sub *problems) {
	for _, e := range sub.list {
		c := *e
		c.Field = joinField(path, e.Field)
		if named && c.Record == "" {
			c.Record = record
		}
		ps.list = append(ps.list, &c)
	}
}

// calendarField returns the option path where recipe r names calendar
// name first.
func calendarField(r Recipe, name string, _ int) string {
	if t := r.TicketResolution; t != nil {
		for i, tg := range t.Clock.Targets {
			if tg.Calendar == name {
				return fmt.Sprintf("ticket-resolution.clock.targets[%d].calendar", i)
			}
		}
		for i, a := range t.Alternatives {
			if a == name {
				return fmt.Sprintf("ticket-resolution.alternatives[%d]", i)
			}
		}
	}
	if a := r.Availability; a != nil {
		for i, s := range a.Services {
			if s.Calendar == name {
				return fmt.Sprintf("availability.services[%d].calendar", i)
			}
		}
	}
	return r.Name()
}

// Lookup returns the planned KPI with id, and false if the plan does not
// measure it.
func (p *Plan) Lookup(id string) (PlannedKPI, bool) {
	for _, k := range p.KPIs {
		if k.KPI == id {
			return k, true
		}
	}
	return PlannedKPI{}, false
}
