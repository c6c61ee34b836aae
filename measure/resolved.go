package measure

import (
	"slices"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

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
	KPI        string     `yaml:"kpi"`        // the contract's id of the KPI measured
	Resolution Resolution `yaml:"resolution"` // first-line fix or first-contact resolution
	Kinds      []string   `yaml:"kinds"`      // the ticket kinds measured, such as incident and request
	// Attribution is resolved-in-period (tickets resolved in the month)
	// or logged-in-period (tickets logged in the month; those still open
	// are listed, not counted).
	Attribution Attribution   `yaml:"attribution"`
	Zone        string        `yaml:"zone"` // the IANA zone whose local months are the periods
	Precision   kpi.Precision `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r ResolvedRule) Validate() error { return validate(r.problems) }

func (r ResolvedRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	if !resolutionWords.Valid(r.Resolution) {
		ps.Option("resolution", "not set (want one of %s)", resolutionWords.Join())
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
// It fails with record.ErrInvalidOptions for an invalid rule and with
// record.ErrInvalidRecord for tickets with problems of their own (as
// ReadTickets checks).
func Resolved(r ResolvedRule, org string, month kpi.Month, tickets []record.Ticket) (Figure, error) {
	per, err := measuring(month, r.problems, record.CheckTickets(tickets))
	if err != nil {
		return Figure{}, err
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
