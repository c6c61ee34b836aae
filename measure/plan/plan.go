package plan

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
)

// Plan says how a contract's measured KPIs are derived from records: the
// calendars the recipes count on, and each KPI's recipe with every
// option. It is plain data; package plan/planfile reads it from YAML,
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
	TicketResolution *TicketResolutionRecipe `yaml:"ticket-resolution,omitempty"` // the share of tickets meeting their priority's target
	Availability     *AvailabilityRecipe     `yaml:"availability,omitempty"`      // availability from outages
	Abandonment      *AbandonmentRecipe      `yaml:"abandonment,omitempty"`       // the share of calls abandoned
	NPS              *NPSRecipe              `yaml:"nps,omitempty"`               // a net promoter score
	Satisfaction     *SatisfactionRecipe     `yaml:"satisfaction,omitempty"`      // a satisfaction survey's mean or share of good responses
	PerUser          *PerUserRecipe          `yaml:"per-user,omitempty"`          // contacts per user
	Resolved         *ResolvedRecipe         `yaml:"resolved,omitempty"`          // a first-line-fix or first-contact resolution share
	Count            *CountRecipe            `yaml:"count,omitempty"`             // tickets counted by priority
	Backlog          *BacklogRecipe          `yaml:"backlog,omitempty"`           // the share of the backlog older than N days
	PatchCompliance  *PatchRecipe            `yaml:"patch-compliance,omitempty"`  // patch compliance within N days of release
}

// TicketResolutionRecipe measures the share of tickets meeting their
// priority's target: the ticket clock (Clock) and the month's
// aggregation (Aggregate, one population).
type TicketResolutionRecipe struct {
	Clock       ticketclock.Options `yaml:"clock"`        // the ticket clock's rules and targets
	Attribution measure.Attribution `yaml:"attribution"`  // which month a ticket counts in
	Orgs        []string            `yaml:"orgs"`         // the organisations measured
	Combine     measure.Pooling     `yaml:"combine"`      // the combined figure, or none
	CombinedOrg string              `yaml:"combined-org"` // the combined figure's organisation; only with a combine other than none
	Zone        string              `yaml:"zone"`         // the IANA zone whose local months are the periods
	// Alternatives are calendars of the plan the ITSM tool may count on
	// instead, tried by reconciliation (Clock.Reconcile). Optional.
	Alternatives []string `yaml:"alternatives"`
}

// AvailabilityRecipe measures availability from outages (Availability).
// The figure written is: with Orgs, one per organisation; else, with a
// Combine other than none, the services combined (pooled minutes, or the
// mean of the services); else the one service's.
type AvailabilityRecipe struct {
	Org       string            `yaml:"org"`       // the measurements' organisation, without Orgs
	Services  []measure.Service `yaml:"services"`  // the services measured
	Planned   measure.Planned   `yaml:"planned"`   // how planned maintenance counts
	Minutes   measure.Minutes   `yaml:"minutes"`   // how the month's minutes are counted
	Weighting measure.Weighting `yaml:"weighting"` // how an outage's downtime is weighted
	Combine   measure.Pooling   `yaml:"combine"`   // how the services' figures make one: pooled, mean-of-percentages or none
	Orgs      []string          `yaml:"orgs"`      // optional: a figure per organisation
	Unnamed   measure.Unnamed   `yaml:"unnamed"`   // with Orgs only
}

// AbandonmentRecipe measures the share of calls abandoned (Abandonment).
type AbandonmentRecipe struct {
	Orgs           []string             `yaml:"orgs"`            // the organisations measured
	Short          measure.ShortAbandon `yaml:"short"`           // how calls abandoned within ShortThreshold count
	ShortThreshold record.Duration      `yaml:"short-threshold"` // the longest wait of a short abandon; zero with short abandons counted
	Zone           string               `yaml:"zone"`            // the IANA zone whose local months are the periods
}

// NPSRecipe measures a net promoter score (NPS).
type NPSRecipe struct {
	Orgs        []string                  `yaml:"orgs"`        // the organisations measured
	Attribution measure.SurveyAttribution `yaml:"attribution"` // which month a response counts in
	Zone        string                    `yaml:"zone"`        // the IANA zone whose local months are the periods
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// SatisfactionRecipe measures a satisfaction survey's mean score or
// share of good responses (Satisfaction).
type SatisfactionRecipe struct {
	Orgs        []string                  `yaml:"orgs"`        // the organisations measured
	Figure      SatisfactionFigure        `yaml:"figure"`      // the mean score or the share of good responses
	Top         int                       `yaml:"top"`         // the top of the scale, such as 5
	Good        int                       `yaml:"good"`        // the lowest score that counts as good, such as 4
	Attribution measure.SurveyAttribution `yaml:"attribution"` // which month a response counts in
	Zone        string                    `yaml:"zone"`        // the IANA zone whose local months are the periods
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// PerUserRecipe measures contacts per user (PerUser).
type PerUserRecipe struct {
	Orgs  []string `yaml:"orgs"`  // the organisations measured
	Basis string   `yaml:"basis"` // the user basis, such as "licensed users" or "headcount"
}

// ResolvedRecipe measures a first-line-fix or first-contact resolution
// share (Resolved).
type ResolvedRecipe struct {
	Orgs        []string            `yaml:"orgs"`        // the organisations measured
	Resolution  measure.Resolution  `yaml:"resolution"`  // first-line fix or first-contact resolution
	Kinds       []string            `yaml:"kinds"`       // the ticket kinds measured, such as incident and request
	Attribution measure.Attribution `yaml:"attribution"` // which month a ticket counts in
	Zone        string              `yaml:"zone"`        // the IANA zone whose local months are the periods
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// CountRecipe counts tickets by priority (Count).
type CountRecipe struct {
	Orgs        []string              `yaml:"orgs"`        // the organisations measured
	Kinds       []string              `yaml:"kinds"`       // the ticket kinds counted, such as incident
	Priorities  []string              `yaml:"priorities"`  // the priorities counted, such as P1
	Basis       measure.PriorityBasis `yaml:"basis"`       // which of a ticket's priorities must be one counted: initial, final or any
	Attribution measure.Attribution   `yaml:"attribution"` // which month a ticket counts in
	Zone        string                `yaml:"zone"`        // the IANA zone whose local months are the periods
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// BacklogRecipe measures the share of the backlog older than N days
// (Backlog).
type BacklogRecipe struct {
	Orgs      []string         `yaml:"orgs"`       // the organisations measured
	Kinds     []string         `yaml:"kinds"`      // the ticket kinds in the backlog, such as incident and request
	OlderThan int              `yaml:"older-than"` // N: a ticket counts as old when older than N days
	Age       measure.Age      `yaml:"age"`        // how the age is counted
	Snapshot  measure.Snapshot `yaml:"snapshot"`   // which snapshot stands for the month
	Zone      string           `yaml:"zone"`       // the IANA zone of the months and of calendar days
	// CombinedOrg, when not empty, is the organisation of a figure
	// pooling the organisations' records, which follows theirs. Optional.
	CombinedOrg string `yaml:"combined-org"`
}

// PatchRecipe measures patch compliance within N days of release
// (PatchCompliance).
type PatchRecipe struct {
	Orgs        []string                 `yaml:"orgs"`           // the organisations measured
	Within      int                      `yaml:"within-days"`    // N: the days allowed after the release
	Deadline    measure.PatchDeadline    `yaml:"deadline"`       // how the N days are counted
	Classes     []string                 `yaml:"device-classes"` // the device scope: the classes measured, such as laptop and desktop
	Attribution measure.PatchAttribution `yaml:"attribution"`    // which month a patch counts in
	Zone        string                   `yaml:"zone"`           // the IANA zone of the months and of end-of-day
}

// SatisfactionFigure names which of a satisfaction survey's figures a
// KPI is. The zero SatisfactionFigure is invalid.
type SatisfactionFigure uint8

// The values of SatisfactionFigure.
const (
	MeanScore SatisfactionFigure = iota + 1 // mean: the mean score
	GoodShare                               // good-share: the share of responses at or above good
)

var satisfactionFigureWords = words.New[SatisfactionFigure]("figure", 1, "mean", "good-share")

// String returns the text form, such as "mean".
func (v SatisfactionFigure) String() string { return satisfactionFigureWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v SatisfactionFigure) MarshalText() ([]byte, error) {
	return satisfactionFigureWords.Marshal(v)
}

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than mean, good-share.
func (v *SatisfactionFigure) UnmarshalText(b []byte) error {
	return satisfactionFigureWords.Unmarshal(v, b)
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
func (r Recipe) Records() record.Kind {
	switch r.Name() {
	case "ticket-resolution", "resolved", "count":
		return record.Tickets
	case "availability":
		return record.Outages
	case "abandonment":
		return record.Calls
	case "nps", "satisfaction":
		return record.Responses
	case "per-user":
		return record.ContactCounts
	case "backlog":
		return record.Backlog
	case "patch-compliance":
		return record.Patches
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
		if r.TicketResolution.Combine != measure.NoCombined && r.TicketResolution.CombinedOrg != "" {
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
// a plan's calendars by Plan.Validate. Problems wrap record.ErrInvalidOptions.
func (r Recipe) Validate() error {
	ps := &problem.List{}
	r.problems(ps)
	return ps.Err()
}

func (r Recipe) problems(ps *problem.List) {
	set := r.set()
	switch len(set) {
	case 0:
		ps.Option("", "no measure (want one of ticket-resolution, availability, abandonment, nps, satisfaction, per-user, resolved, count, backlog, patch-compliance)")
		return
	case 1:
	default:
		ps.Option("", "several measures (%s): want exactly one", strings.Join(set, ", "))
		return
	}
	sub := &problem.List{}
	const id = "-"
	switch {
	case r.TicketResolution != nil:
		t := r.TicketResolution
		clock := &problem.List{}
		clock.Merge(t.Clock.Validate())
		sub.Under("clock", clock)
		sub.Merge(measure.AggregateRule{KPI: id, Attribution: t.Attribution, Orgs: t.Orgs, Combine: t.Combine, CombinedOrg: t.CombinedOrg, Zone: t.Zone, Precision: placeholder}.Validate())
		for i, a := range t.Alternatives {
			if a == "" {
				sub.Option(fmt.Sprintf("alternatives[%d]", i), "empty")
			}
			for _, tg := range t.Clock.Targets {
				if a != "" && tg.Calendar == a {
					sub.Option(fmt.Sprintf("alternatives[%d]", i), "%q is a calendar of the clock's targets", a)
					break
				}
			}
		}
	case r.Availability != nil:
		a := r.Availability
		sub.Merge(measure.AvailabilityRule{KPI: id, Org: a.Org, Services: a.Services, Planned: a.Planned, Minutes: a.Minutes, Weighting: a.Weighting,
			Combine: a.Combine, Orgs: a.Orgs, Unnamed: a.Unnamed, Precision: placeholder}.Validate())
		if len(a.Orgs) == 0 && a.Combine == measure.NoCombined && len(a.Services) > 1 {
			sub.Option("combine", "none with %d services and no orgs: which figure is the KPI's? (want pooled or mean-of-percentages, or orgs)", len(a.Services))
		}
		if len(a.Orgs) > 0 && a.Org != "" {
			sub.Option("org", "given with orgs (the figures are the organisations')")
		}
	case r.Abandonment != nil:
		a := r.Abandonment
		sub.Orgs(a.Orgs)
		sub.Merge(measure.AbandonRule{KPI: id, ShortThreshold: a.ShortThreshold, Short: a.Short, Zone: a.Zone, Precision: placeholder}.Validate())
	case r.NPS != nil:
		n := r.NPS
		sub.Orgs(n.Orgs)
		combinedOrgProblems(sub, n.Orgs, n.CombinedOrg)
		sub.Merge(measure.SurveyRule{KPI: id, Attribution: n.Attribution, Zone: n.Zone, Precision: placeholder}.Validate())
	case r.Satisfaction != nil:
		s := r.Satisfaction
		sub.Orgs(s.Orgs)
		combinedOrgProblems(sub, s.Orgs, s.CombinedOrg)
		if !satisfactionFigureWords.Valid(s.Figure) {
			sub.Option("figure", "not set (want one of %s)", satisfactionFigureWords.Join())
		}
		sub.Merge(measure.SatisfactionRule{MeanKPI: id, ShareKPI: id, Top: s.Top, Good: s.Good, Attribution: s.Attribution, Zone: s.Zone, Precision: placeholder}.Validate())
	case r.PerUser != nil:
		sub.Orgs(r.PerUser.Orgs)
		sub.Merge(measure.PerUserRule{KPI: id, Basis: r.PerUser.Basis, Precision: placeholder}.Validate())
	case r.Resolved != nil:
		x := r.Resolved
		sub.Orgs(x.Orgs)
		combinedOrgProblems(sub, x.Orgs, x.CombinedOrg)
		sub.Merge(measure.ResolvedRule{KPI: id, Resolution: x.Resolution, Kinds: x.Kinds, Attribution: x.Attribution, Zone: x.Zone, Precision: placeholder}.Validate())
	case r.Count != nil:
		x := r.Count
		sub.Orgs(x.Orgs)
		combinedOrgProblems(sub, x.Orgs, x.CombinedOrg)
		sub.Merge(measure.CountRule{KPI: id, Kinds: x.Kinds, Priorities: x.Priorities, Basis: x.Basis, Attribution: x.Attribution, Zone: x.Zone, Precision: placeholder}.Validate())
	case r.Backlog != nil:
		x := r.Backlog
		sub.Orgs(x.Orgs)
		combinedOrgProblems(sub, x.Orgs, x.CombinedOrg)
		sub.Merge(measure.BacklogRule{KPI: id, Kinds: x.Kinds, OlderThan: x.OlderThan, Age: x.Age, Snapshot: x.Snapshot, Zone: x.Zone, Precision: placeholder}.Validate())
	case r.PatchCompliance != nil:
		x := r.PatchCompliance
		sub.Orgs(x.Orgs)
		sub.Merge(measure.PatchRule{KPI: id, Within: x.Within, Deadline: x.Deadline, Classes: x.Classes, Attribution: x.Attribution, Zone: x.Zone, Precision: placeholder}.Validate())
	}
	ps.Under(set[0], sub)
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
func combinedOrgProblems(ps *problem.List, orgs []string, combined string) {
	if combined != "" && slices.Contains(orgs, combined) {
		ps.Option("combined-org", "%q is one of orgs (want the name of the pooled figure, such as all)", combined)
	}
}

// Validate reports every problem with p: a record zone that is not an
// IANA zone; each calendar's problems (CalendarSpec.Validate); calendars
// named twice; no KPI, a KPI with no id or given twice; each recipe's
// problems (Recipe.Validate); and a recipe naming a calendar the plan
// does not define. Each problem names the KPI or calendar at fault and
// the option's path, such as `kpi "IMT_KPI_10": kpis[1].measure.count.basis:
// not set (want one of initial, final, ever)`, and wraps
// record.ErrInvalidOptions.
func (p *Plan) Validate() error {
	ps := &problem.List{}
	p.problems(ps)
	return ps.Err()
}

func (p *Plan) problems(ps *problem.List) {
	if p.RecordZone != "" {
		ps.Zone("record-zone", p.RecordZone)
	}
	cals := map[string]int{}
	for i, c := range p.Calendars {
		sub := &problem.List{}
		c.problems(sub)
		path := fmt.Sprintf("calendars[%d]", i)
		if j, dup := cals[c.Name]; dup && c.Name != "" {
			sub.Option("name", "given twice (first calendars[%d])", j)
		} else if c.Name != "" {
			cals[c.Name] = i
		}
		ps.RecordUnder(path, "calendar "+strconv.Quote(c.Name), c.Name != "", sub)
	}
	if len(p.KPIs) == 0 {
		ps.Option("kpis", "none (want each measured KPI with its recipe)")
	}
	seen := map[string]int{}
	for i, k := range p.KPIs {
		sub := &problem.List{}
		if k.KPI == "" {
			sub.Option("kpi", "empty (want the contract's id of the KPI)")
		} else if j, dup := seen[k.KPI]; dup {
			sub.Option("kpi", "given twice (first kpis[%d])", j)
		} else {
			seen[k.KPI] = i
		}
		rec := &problem.List{}
		k.Measure.problems(rec)
		for j, name := range k.Measure.Calendars() {
			if _, ok := cals[name]; !ok {
				rec.Option(calendarField(k.Measure, name, j), "%q is not a calendar of the plan (have %s)", name, problem.ListOrNone(slices.Sorted(maps.Keys(cals))))
			}
		}
		sub.Under("measure", rec)
		ps.RecordUnder(fmt.Sprintf("kpis[%d]", i), "kpi "+strconv.Quote(k.KPI), k.KPI != "", sub)
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
