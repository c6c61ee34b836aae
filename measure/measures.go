package measure

import (
	"fmt"
	"slices"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
	"github.com/shopspring/decimal"
)

// monthProblems checks what every monthly rule needs: a KPI id (in
// option field), a zone whose local months are the periods, and a
// precision. It returns the zone, nil if it is not valid.
func monthProblems(ps *problem.List, field, id, zone string, p kpi.Precision) *time.Location {
	if id == "" {
		ps.Option(field, "empty")
	}
	ps.Precision(p)
	return ps.Zone("zone", zone)
}

// periodFor checks that month is set and returns it as a period in loc;
// the period is valid only when ps has no problems.
func periodFor(ps *problem.List, month kpi.Month, loc *time.Location) period {
	if month.IsZero() {
		ps.Option("month", "not set")
	}
	if loc == nil || month.IsZero() {
		return period{}
	}
	return periodOf(month, loc)
}

// ticketAttributionProblems checks a ticket attribution that must be
// resolved-in-period or logged-in-period.
func ticketAttributionProblems(ps *problem.List, a Attribution) {
	if a != ResolvedInPeriod && a != LoggedInPeriod {
		ps.Option("attribution", "%s (want one of resolved-in-period, logged-in-period)", attributionWords.NotSet(uint8(a)))
	}
}

func kindsProblems(ps *problem.List, kinds []string) {
	if len(kinds) == 0 {
		ps.Option("kinds", "none (want the ticket kinds measured, such as incident)")
	}
	for i, k := range kinds {
		if k == "" {
			ps.Option(fmt.Sprintf("kinds[%d]", i), "empty")
		}
	}
}

// AbandonRule says how abandoned calls are counted. Every field is
// required except ShortThreshold, which must be zero with Short counted.
//
// The zero AbandonRule is invalid: Validate names every field not set.
type AbandonRule struct {
	KPI string `yaml:"kpi"`
	// ShortThreshold is the short-abandon threshold: a call abandoned
	// after a wait of at most ShortThreshold is a short abandon ("within
	// 5 s" is 5s, inclusive). Zero with Short counted.
	ShortThreshold record.Duration `yaml:"short-threshold"`
	Short          ShortAbandon    `yaml:"short"`
	Zone           string          `yaml:"zone"` // the IANA zone whose local months are the periods
	Precision      kpi.Precision   `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping problem.ErrInvalidOptions.
func (r AbandonRule) Validate() error {
	ps := &problem.List{}
	r.problems(ps)
	return ps.Err()
}

func (r AbandonRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	switch {
	case !shortAbandonWords.Valid(uint8(r.Short)):
		ps.Option("short", "not set (want one of %s)", shortAbandonWords.List())
	case r.Short != ShortCounted && r.ShortThreshold <= 0:
		ps.Option("short-threshold", "not positive (short is %s)", r.Short)
	case r.Short == ShortCounted && r.ShortThreshold != 0:
		ps.Option("short-threshold", "given although short is counted")
	}
	return loc
}

// Abandonment returns the share of calls abandoned, 100 x abandoned /
// offered, for org in month. calls may be a whole file: the calls of org
// queued in the local month (r.Zone) qualify, and only they are listed.
// IVR-only calls are never counted; callbacks are offered and not
// abandoned; short abandons count as r.Short says. No offered calls is
// not applicable, "no qualifying records".
//
// It fails with problem.ErrInvalidOptions for an invalid rule and with
// problem.ErrInvalidRecord for invalid calls (CheckCalls), measuring nothing.
func Abandonment(r AbandonRule, org string, month kpi.Month, calls []record.Call) (Figure, error) {
	ps := &problem.List{}
	per := periodFor(ps, month, r.problems(ps))
	ps.Merge(record.CheckCalls(calls))
	if !ps.OK() {
		return Figure{}, ps.Err()
	}
	t := &tally{}
	for _, c := range calls {
		if c.Org != org || !per.has(c.Queued) {
			continue
		}
		l := Evidence{Record: c.ID, Org: c.Org}
		short := c.Outcome == record.Abandoned && r.Short != ShortCounted && c.Wait <= time.Duration(r.ShortThreshold)
		switch {
		case c.Outcome == record.IVROnly:
			l.Why = "ivr-only: never counted"
		case short && r.Short == ShortExcluded:
			l.Why = fmt.Sprintf("abandoned after %s, within %s: excluded from both", c.Wait, r.ShortThreshold)
		case short:
			l.Counted, l.Met, l.Why = true, true, fmt.Sprintf("abandoned after %s, within %s: offered, not abandoned", c.Wait, r.ShortThreshold)
		case c.Outcome == record.Abandoned:
			l.Counted, l.Why = true, fmt.Sprintf("abandoned after %s", c.Wait)
		default:
			l.Counted, l.Met, l.Why = true, true, c.Outcome.String()+": offered, not abandoned"
		}
		if l.Counted {
			t.counted++
			if l.Met {
				t.met++
			}
		}
		t.lines = append(t.lines, l)
	}
	// The figure is the abandoned share: the records that failed.
	abandoned := &tally{met: t.counted - t.met, counted: t.counted, lines: t.lines}
	f := proportion(r.KPI, org, month, r.Precision, abandoned)
	f.Met, f.Failed = t.met, t.counted-t.met
	return f, nil
}

// PerUserRule says how contacts per user are measured. Every field is
// required.
//
// The zero PerUserRule is invalid: Validate names every field not set.
type PerUserRule struct {
	KPI       string        `yaml:"kpi"`
	Basis     string        `yaml:"basis"` // the user basis, such as "licensed users" or "headcount"
	Precision kpi.Precision `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping problem.ErrInvalidOptions.
func (r PerUserRule) Validate() error {
	ps := &problem.List{}
	r.problems(ps)
	return ps.Err()
}

func (r PerUserRule) problems(ps *problem.List) {
	if r.KPI == "" {
		ps.Option("kpi", "empty")
	}
	if r.Basis == "" {
		ps.Option("basis", "empty (want the user basis, such as licensed users)")
	}
	ps.Precision(r.Precision)
}

// PerUser returns contacts per user, contacts / users, rounded once, with
// the user basis in its note, for org in month. counts may be a whole
// file: the one count of org and month qualifies. No such count is not
// applicable, "no qualifying records"; a count with no users is not
// applicable, "no users".
//
// It fails with problem.ErrInvalidOptions for an invalid rule and with
// problem.ErrInvalidRecord for invalid counts (CheckContactCounts).
func PerUser(r PerUserRule, org string, month kpi.Month, counts []record.ContactCount) (Figure, error) {
	ps := &problem.List{}
	r.problems(ps)
	if month.IsZero() {
		ps.Option("month", "not set")
	}
	ps.Merge(record.CheckContactCounts(counts))
	if !ps.OK() {
		return Figure{}, ps.Err()
	}
	f := Figure{}
	f.Measurement = kpi.Measurement{KPI: r.KPI, Org: org, Month: month}
	i := slices.IndexFunc(counts, func(c record.ContactCount) bool { return c.Org == org && c.Month == month })
	if i < 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, NoRecords
		return f, nil
	}
	c := counts[i]
	note := fmt.Sprintf("%d contacts for %d users (%s)", c.Contacts, c.Users, r.Basis)
	f.Evidence = []Evidence{{Record: c.Name(), Org: c.Org, Counted: c.Users > 0, Why: note}}
	if c.Users == 0 {
		f.Evidence[0].Why += ": no users, not applicable"
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, "no users"
		return f, nil
	}
	num, den := decimal.NewFromInt(c.Contacts), decimal.NewFromInt(c.Users)
	f.Measurement.Value, _ = r.Precision.Quotient(num, den)
	f.Measurement.Numerator, f.Measurement.Denominator, f.Measurement.HasCounts = num, den, true
	f.Measurement.Note = note
	f.Counted = 1
	return f, nil
}

// Resolution names a ticket flag measured as a share. The zero
// Resolution is invalid.
type Resolution uint8

// The resolution measures: distinct, and often confused.
const (
	// FirstLineFix (first-line-fix): resolved by the first line (the
	// service desk) without referral, however many contacts it took
	// (record.Ticket.FirstLine).
	FirstLineFix Resolution = iota + 1
	// FirstContactResolution (first-contact-resolution): resolved during
	// the first contact with the user (record.Ticket.FirstContact).
	FirstContactResolution
)

// ResolvedRule says how a resolution share is measured. Every field is
// required.
//
// The zero ResolvedRule is invalid: Validate names every field not set.
type ResolvedRule struct {
	KPI        string     `yaml:"kpi"`
	Resolution Resolution `yaml:"resolution"`
	Kinds      []string   `yaml:"kinds"` // the ticket kinds measured, such as incident and request
	// Attribution is resolved-in-period (tickets resolved in the month)
	// or logged-in-period (tickets logged in the month; those still open
	// are listed, not counted).
	Attribution Attribution   `yaml:"attribution"`
	Zone        string        `yaml:"zone"` // the IANA zone whose local months are the periods
	Precision   kpi.Precision `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping problem.ErrInvalidOptions.
func (r ResolvedRule) Validate() error {
	ps := &problem.List{}
	r.problems(ps)
	return ps.Err()
}

func (r ResolvedRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	if !resolutionWords.Valid(uint8(r.Resolution)) {
		ps.Option("resolution", "not set (want one of %s)", resolutionWords.List())
	}
	kindsProblems(ps, r.Kinds)
	ticketAttributionProblems(ps, r.Attribution)
	return loc
}

// Resolved returns the share of tickets resolved by the first line, or at
// the first contact, as r.Resolution says: 100 x flagged / tickets, for
// org in month. tickets may be a whole file: the tickets of org, of a
// kind r.Kinds names, attributed to the local month as r.Attribution
// says, qualify. Excluded ones are listed, not counted, as are open ones
// logged in the month under logged-in-period. No counted ticket is not
// applicable, "no qualifying records".
//
// It fails with problem.ErrInvalidOptions for an invalid rule and with
// problem.ErrInvalidRecord for tickets with problems of their own (as
// ReadTickets checks).
func Resolved(r ResolvedRule, org string, month kpi.Month, tickets []record.Ticket) (Figure, error) {
	ps := &problem.List{}
	per := periodFor(ps, month, r.problems(ps))
	ps.Merge(record.CheckTickets(tickets))
	if !ps.OK() {
		return Figure{}, ps.Err()
	}
	t := &tally{}
	for i := range tickets {
		tk := &tickets[i]
		if tk.Org != org || !slices.Contains(r.Kinds, tk.Kind) || !ticketIn(r.Attribution, per, tk) {
			continue
		}
		flag, what := tk.FirstLine, "resolved by the first line"
		if r.Resolution == FirstContactResolution {
			flag, what = tk.FirstContact, "resolved at the first contact"
		}
		l := Evidence{Record: tk.ID, Org: tk.Org}
		switch {
		case tk.Exclusion != "":
			l.Why = "not counted, excluded: " + tk.Exclusion
		case tk.Resolved.IsZero():
			l.Why = "not counted, open"
		case flag:
			l.Counted, l.Met, l.Why = true, true, what
			t.counted++
			t.met++
		default:
			l.Counted, l.Why = true, "not "+what
			t.counted++
		}
		t.lines = append(t.lines, l)
	}
	return proportion(r.KPI, org, month, r.Precision, t), nil
}

// ticketIn reports whether t falls in p under a, resolved-in-period or
// logged-in-period.
func ticketIn(a Attribution, p period, t *record.Ticket) bool {
	if a == LoggedInPeriod {
		return p.has(t.Logged)
	}
	return p.has(t.Resolved)
}
