package ticketclock_test

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/measure/internal/fixture"
	"github.com/servicecredit/engine/measure/record"
)

var (
	london       = fixture.London
	at           = fixture.At
	lbhCalendar  = fixture.LBHCalendar
	lbh          = fixture.LBH
	baseOptions  = fixture.BaseOptions
	newClock     = fixture.NewClock
	ticket       = fixture.Ticket
	interval     = fixture.Interval
	lincsTickets = fixture.LincsTickets
	lincsOptions = fixture.LincsOptions
	lincsClock   = fixture.LincsClock
	lincsAsOf    = fixture.LincsAsOf
)

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }

// held returns tk with a hold from one RFC 3339 instant to another.
func held(t testing.TB, tk record.Ticket, from, to string) record.Ticket {
	tk.Holds = append(tk.Holds, interval(t, from, to))
	return tk
}

// reopened returns tk with a cycle resolved at one RFC 3339 instant and
// reopened at another.
func reopened(t testing.TB, tk record.Ticket, resolved, reopened string) record.Ticket {
	tk.Reopens = append(tk.Reopens, record.Reopen{Resolved: at(t, resolved), Reopened: at(t, reopened)})
	return tk
}

// changed returns tk with its priority changed to p at an RFC 3339
// instant.
func changed(t testing.TB, tk record.Ticket, instant, p string) record.Ticket {
	tk.PriorityChanges = append(tk.PriorityChanges, record.PriorityChange{At: at(t, instant), Priority: p})
	return tk
}
