package measure

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
	"github.com/shopspring/decimal"
)

// CountRule says how tickets are counted by priority, as in "Priority 1
// incidents in the month". Every field is required.
//
// The zero CountRule is invalid: Validate names every field not set.
type CountRule struct {
	KPI        string   `yaml:"kpi"`        // the contract's id of the KPI measured
	Kinds      []string `yaml:"kinds"`      // the ticket kinds counted, such as incident
	Priorities []string `yaml:"priorities"` // the priorities counted, such as P1
	// Basis says which of a ticket's priorities must be one counted: the
	// initial, the final, or any it ever held.
	Basis PriorityBasis `yaml:"basis"`
	// Attribution is resolved-in-period (tickets resolved in the month)
	// or logged-in-period (tickets logged in the month, open or not).
	Attribution Attribution   `yaml:"attribution"`
	Zone        string        `yaml:"zone"` // the IANA zone whose local months are the periods
	Precision   kpi.Precision `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r CountRule) Validate() error { return validate(r.problems) }

func (r CountRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	kindsProblems(ps, r.Kinds)
	ps.Names("priorities", "the priorities counted, such as P1", r.Priorities)
	if !priorityBasisWords.Valid(r.Basis) {
		ps.Option("basis", "not set (want one of %s)", priorityBasisWords.Join())
	}
	ticketAttributionProblems(ps, r.Attribution)
	return loc
}

// Count returns the number of tickets of org counted in month: of a kind
// r.Kinds names, attributed to the local month as r.Attribution says,
// whose priority on r.Basis is one of r.Priorities. tickets may be a whole
// file. Each ticket counts once; excluded tickets that would count are
// listed, not counted. Zero is a value, not an absence: a month with no
// Priority 1 incident has 0 of them. Figure.Counted is the count.
//
// It fails with record.ErrInvalidOptions for an invalid rule and with
// record.ErrInvalidRecord for tickets with problems of their own (as
// ReadTickets checks).
func Count(r CountRule, org string, month kpi.Month, tickets []record.Ticket) (Figure, error) {
	per, err := measuring(month, r.problems, record.CheckTickets(tickets))
	if err != nil {
		return Figure{}, err
	}
	when := "resolved"
	if r.Attribution == LoggedInPeriod {
		when = "logged"
	}
	f := Figure{}
	for i := range tickets {
		tk := &tickets[i]
		if tk.Org != org || !slices.Contains(r.Kinds, tk.Kind) || !ticketIn(r.Attribution, per, tk) {
			continue
		}
		p, ok := r.held(tk)
		if !ok {
			continue
		}
		l := Evidence{Record: tk.ID, Org: tk.Org}
		what := fmt.Sprintf("%s %s %s in the month, %s", tk.Kind, tk.ID, when, basisText(r.Basis, p))
		if tk.Exclusion != "" {
			l.Why = "not counted, excluded: " + tk.Exclusion + ": " + what
		} else {
			l.Counted, l.Why = true, "counted: "+what
			f.Counted++
		}
		f.Evidence = append(f.Evidence, l)
	}
	f.Measurement = kpi.Measurement{KPI: r.KPI, Org: org, Month: month,
		Value: r.Precision.Apply(decimal.NewFromInt(int64(f.Counted))),
		Note:  fmt.Sprintf("%d %s %s in the month (%s priority)", f.Counted, strings.Join(r.Priorities, "/"), when, r.Basis)}
	return f, nil
}

// held returns the priority of t on r.Basis that r counts, and false if
// there is none.
func (r CountRule) held(t *record.Ticket) (string, bool) {
	switch r.Basis {
	case PriorityInitial:
		return t.Priority, slices.Contains(r.Priorities, t.Priority)
	case PriorityFinal:
		p := t.Priority
		if n := len(t.PriorityChanges); n > 0 {
			p = t.PriorityChanges[n-1].Priority
		}
		return p, slices.Contains(r.Priorities, p)
	}
	if slices.Contains(r.Priorities, t.Priority) {
		return t.Priority, true
	}
	for _, c := range t.PriorityChanges {
		if slices.Contains(r.Priorities, c.Priority) {
			return c.Priority, true
		}
	}
	return "", false
}

// basisText says which priority of a ticket was looked at.
func basisText(b PriorityBasis, p string) string {
	if b == PriorityEver {
		return "held priority " + p
	}
	return b.String() + " priority " + p
}
