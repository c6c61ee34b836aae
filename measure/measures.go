package measure

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// monthProblems checks what every monthly rule needs: a KPI id (in
// option field), a zone whose local months are the periods, and a
// precision. It returns the zone, nil if it is not valid.
func monthProblems(ps *problems, field, id, zone string, p kpi.Precision) *time.Location {
	if id == "" {
		ps.option(field, "empty")
	}
	precisionProblems(ps, p)
	return loadZone(ps, "zone", zone)
}

// periodFor checks that month is set and returns it as a period in loc;
// the period is valid only when ps has no problems.
func periodFor(ps *problems, month kpi.Month, loc *time.Location) period {
	if month.IsZero() {
		ps.option("month", "not set")
	}
	if loc == nil || month.IsZero() {
		return period{}
	}
	return periodOf(month, loc)
}

// ticketAttributionProblems checks a ticket attribution that must be
// resolved-in-period or logged-in-period.
func ticketAttributionProblems(ps *problems, a Attribution) {
	if a != ResolvedInPeriod && a != LoggedInPeriod {
		ps.option("attribution", "%s (want one of resolved-in-period, logged-in-period)", notSet(attributionWords, uint8(a)))
	}
}

// notSet names an enumeration value in a message: "not set" for the zero
// value, its word otherwise.
func notSet(w words, v uint8) string {
	if v == 0 {
		return "not set"
	}
	return w.name(v)
}

func kindsProblems(ps *problems, kinds []string) {
	if len(kinds) == 0 {
		ps.option("kinds", "none (want the ticket kinds measured, such as incident)")
	}
	for i, k := range kinds {
		if k == "" {
			ps.option(fmt.Sprintf("kinds[%d]", i), "empty")
		}
	}
}

// Call is one call to a service desk queue.
type Call struct {
	ID      string
	Org     string
	Queued  time.Time // when the call was offered to the queue; the month it counts in
	Outcome CallOutcome
	Wait    time.Duration // time in the queue before answer, abandonment or callback
	Source  Source
}

func (c *Call) name() string { return "call " + strconv.Quote(c.ID) }

// AbandonRule says how abandoned calls are counted. Every field is
// required except ShortThreshold, which must be zero with Short counted.
//
// The zero AbandonRule is invalid: Validate names every field not set.
type AbandonRule struct {
	KPI string `yaml:"kpi"`
	// ShortThreshold is the short-abandon threshold: a call abandoned
	// after a wait of at most ShortThreshold is a short abandon ("within
	// 5 s" is 5s, inclusive). Zero with Short counted.
	ShortThreshold Duration      `yaml:"short-threshold"`
	Short          ShortAbandon  `yaml:"short"`
	Zone           string        `yaml:"zone"` // the IANA zone whose local months are the periods
	Precision      kpi.Precision `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping ErrInvalidOptions.
func (r AbandonRule) Validate() error {
	ps := &problems{}
	r.problems(ps)
	return ps.err()
}

func (r AbandonRule) problems(ps *problems) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	switch {
	case !shortAbandonWords.valid(uint8(r.Short)):
		ps.option("short", "not set (want one of %s)", shortAbandonWords.list())
	case r.Short != ShortCounted && r.ShortThreshold <= 0:
		ps.option("short-threshold", "not positive (short is %s)", r.Short)
	case r.Short == ShortCounted && r.ShortThreshold != 0:
		ps.option("short-threshold", "given although short is counted")
	}
	return loc
}

// CheckCalls reports every problem with calls on their own: no id, an id
// given twice, no queued instant, no outcome, a negative wait. Problems
// wrap ErrInvalidRecord.
func CheckCalls(calls []Call) error {
	ps := &problems{}
	checkCalls(ps, calls)
	return ps.err()
}

func checkCalls(ps *problems, calls []Call) {
	seen := map[string]Source{}
	for i := range calls {
		c := &calls[i]
		p, who := c.Source.pos(), c.name()
		if c.ID == "" {
			ps.record(p, who, "id", "empty")
		} else if first, dup := seen[c.ID]; dup {
			ps.record(p, who, "id", "%s", givenTwice(first))
		} else {
			seen[c.ID] = c.Source
		}
		if c.Queued.IsZero() {
			ps.record(p, who, "queued", "empty")
		}
		if !callOutcomeWords.valid(uint8(c.Outcome)) {
			ps.record(p, who, "outcome", "not set (want one of %s)", callOutcomeWords.list())
		}
		if c.Wait < 0 {
			ps.record(p, who, "wait", "negative")
		}
	}
}

// givenTwice says where a repeated record was first given.
func givenTwice(first Source) string {
	if first.Line > 0 {
		return fmt.Sprintf("given twice (first at line %d)", first.Line)
	}
	return "given twice"
}

// Abandonment returns the share of calls abandoned, 100 x abandoned /
// offered, for org in month. calls may be a whole file: the calls of org
// queued in the local month (r.Zone) qualify, and only they are listed.
// IVR-only calls are never counted; callbacks are offered and not
// abandoned; short abandons count as r.Short says. No offered calls is
// not applicable, "no qualifying records".
//
// It fails with ErrInvalidOptions for an invalid rule and with
// ErrInvalidRecord for invalid calls (CheckCalls), measuring nothing.
func Abandonment(r AbandonRule, org string, month kpi.Month, calls []Call) (Figure, error) {
	ps := &problems{}
	per := periodFor(ps, month, r.problems(ps))
	checkCalls(ps, calls)
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	t := &tally{}
	for _, c := range calls {
		if c.Org != org || !per.has(c.Queued) {
			continue
		}
		l := Line{Record: c.ID, Org: c.Org}
		short := c.Outcome == Abandoned && r.Short != ShortCounted && c.Wait <= time.Duration(r.ShortThreshold)
		switch {
		case c.Outcome == IVROnly:
			l.Why = "ivr-only: never counted"
		case short && r.Short == ShortExcluded:
			l.Why = fmt.Sprintf("abandoned after %s, within %s: excluded from both", c.Wait, r.ShortThreshold)
		case short:
			l.Counted, l.Met, l.Why = true, true, fmt.Sprintf("abandoned after %s, within %s: offered, not abandoned", c.Wait, r.ShortThreshold)
		case c.Outcome == Abandoned:
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

// ContactCount is one organisation's contacts and users in one month, as
// the service desk reports them.
type ContactCount struct {
	Org      string
	Month    kpi.Month
	Contacts int64 // contacts with the service desk in the month
	Users    int64 // users on the contract's basis, such as licensed users
	Source   Source
}

func (c *ContactCount) name() string {
	return fmt.Sprintf("count %q %s", c.Org, c.Month)
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

// Validate reports every problem with r, each wrapping ErrInvalidOptions.
func (r PerUserRule) Validate() error {
	ps := &problems{}
	r.problems(ps)
	return ps.err()
}

func (r PerUserRule) problems(ps *problems) {
	if r.KPI == "" {
		ps.option("kpi", "empty")
	}
	if r.Basis == "" {
		ps.option("basis", "empty (want the user basis, such as licensed users)")
	}
	precisionProblems(ps, r.Precision)
}

// CheckContactCounts reports every problem with counts on their own: no
// month, negative counts, an organisation and month given twice. Problems
// wrap ErrInvalidRecord.
func CheckContactCounts(counts []ContactCount) error {
	ps := &problems{}
	checkContactCounts(ps, counts)
	return ps.err()
}

func checkContactCounts(ps *problems, counts []ContactCount) {
	type key struct {
		org   string
		month kpi.Month
	}
	seen := map[key]Source{}
	for i := range counts {
		c := &counts[i]
		p, who := c.Source.pos(), c.name()
		if c.Month.IsZero() {
			ps.record(p, who, "month", "empty")
		} else if first, dup := seen[key{c.Org, c.Month}]; dup {
			ps.record(p, who, "month", "%s", givenTwice(first))
		} else {
			seen[key{c.Org, c.Month}] = c.Source
		}
		if c.Contacts < 0 {
			ps.record(p, who, "contacts", "negative")
		}
		if c.Users < 0 {
			ps.record(p, who, "users", "negative")
		}
	}
}

// PerUser returns contacts per user, contacts / users, rounded once, with
// the user basis in its note, for org in month. counts may be a whole
// file: the one count of org and month qualifies. No such count is not
// applicable, "no qualifying records"; a count with no users is not
// applicable, "no users".
//
// It fails with ErrInvalidOptions for an invalid rule and with
// ErrInvalidRecord for invalid counts (CheckContactCounts).
func PerUser(r PerUserRule, org string, month kpi.Month, counts []ContactCount) (Figure, error) {
	ps := &problems{}
	r.problems(ps)
	if month.IsZero() {
		ps.option("month", "not set")
	}
	checkContactCounts(ps, counts)
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	f := Figure{}
	f.Measurement = kpi.Measurement{KPI: r.KPI, Org: org, Month: month}
	i := slices.IndexFunc(counts, func(c ContactCount) bool { return c.Org == org && c.Month == month })
	if i < 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, NoRecords
		return f, nil
	}
	c := counts[i]
	note := fmt.Sprintf("%d contacts for %d users (%s)", c.Contacts, c.Users, r.Basis)
	f.Lines = []Line{{Record: c.name(), Org: c.Org, Counted: c.Users > 0, Why: note}}
	if c.Users == 0 {
		f.Lines[0].Why += ": no users, not applicable"
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
	// (Ticket.FirstLine).
	FirstLineFix Resolution = iota + 1
	// FirstContactResolution (first-contact-resolution): resolved during
	// the first contact with the user (Ticket.FirstContact).
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

// Validate reports every problem with r, each wrapping ErrInvalidOptions.
func (r ResolvedRule) Validate() error {
	ps := &problems{}
	r.problems(ps)
	return ps.err()
}

func (r ResolvedRule) problems(ps *problems) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	if !resolutionWords.valid(uint8(r.Resolution)) {
		ps.option("resolution", "not set (want one of %s)", resolutionWords.list())
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
// It fails with ErrInvalidOptions for an invalid rule and with
// ErrInvalidRecord for tickets with problems of their own (as
// ReadTickets checks).
func Resolved(r ResolvedRule, org string, month kpi.Month, tickets []Ticket) (Figure, error) {
	ps := &problems{}
	per := periodFor(ps, month, r.problems(ps))
	checkTickets(ps, tickets)
	if !ps.ok() {
		return Figure{}, ps.err()
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
		l := Line{Record: tk.ID, Org: tk.Org}
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
func ticketIn(a Attribution, p period, t *Ticket) bool {
	if a == LoggedInPeriod {
		return p.has(t.Logged)
	}
	return p.has(t.Resolved)
}

// checkTickets records each ticket's own problems and ids given twice.
func checkTickets(ps *problems, tickets []Ticket) {
	seen := make(map[string]Source, len(tickets))
	for i := range tickets {
		t := &tickets[i]
		t.problems(ps, true)
		if first, dup := seen[t.ID]; dup && t.ID != "" {
			ps.record(t.Source.pos(), t.name(), "id", "%s", givenTwice(first))
		} else {
			seen[t.ID] = t.Source
		}
	}
}
