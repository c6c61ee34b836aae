package recordfile

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/servicehours"
)

// The columns of a tickets file; further timestamps are columns named
// at-<name>.
var (
	ticketColumns = []string{"id", "organisation", "kind", "request-type", "priority", "priority-changes",
		"logged", "resolved", "closed", "holds", "reopens", "first-line", "first-contact", "channel", "exclusion", "tool-outcome"}
	ticketRequired = []string{"id", "organisation", "kind", "priority", "logged"}
)

// ReadTickets reads a tickets file, CSV with a header row, as
// docs/records.md describes. name is the file's name for messages. zone,
// when not nil, is the file's named zone: timestamps without an offset are
// read in it (and must exist there unambiguously); when nil such
// timestamps are errors.
//
// It checks each ticket on its own (resolved before logged, holds
// overlapping or outside the ticket's life, reopens out of order) and that
// no id is given twice. Checks against a clock's options (a priority with
// no target) are Clock.Check's. It reports every problem, each an *Error
// naming the file, line, column, ticket and field and wrapping
// record.ErrInvalidRecord, sorted and joined; on any problem it returns no
// tickets.
func ReadTickets(name string, r io.Reader, zone *time.Location) ([]record.Ticket, error) {
	ids := firstLines[string]{}
	return readFile(name, r, ticketColumns, ticketRequired, "at-", named("ticket"), func(x rowOf) record.Ticket {
		get := x.get
		tk := record.Ticket{ID: x.text("id"), Source: x.source()}
		for _, col := range []string{"id", "kind", "priority"} {
			get(col).nonEmpty()
		}
		tk.Org, tk.Kind, tk.RequestType = x.text("organisation"), x.text("kind"), x.text("request-type")
		tk.Priority, tk.Channel, tk.Exclusion = x.text("priority"), x.text("channel"), x.text("exclusion")
		tk.FirstLine = get("first-line").flag()
		tk.FirstContact = get("first-contact").flag()
		if c := get("tool-outcome"); c.text != "" {
			if err := tk.Tool.UnmarshalText([]byte(c.text)); err != nil {
				c.bad("want met, breached or nothing")
			}
		}
		stamps := x.ps.Len() // problems before the timestamps
		tk.Logged, _ = get("logged").instant(zone, true)
		tk.Resolved, _ = get("resolved").instant(zone, false)
		tk.Closed, _ = get("closed").instant(zone, false)
		for _, col := range x.t.extra {
			c := get(col)
			if at, ok := c.instant(zone, false); ok && !at.IsZero() {
				if tk.Times == nil {
					tk.Times = map[string]time.Time{}
				}
				tk.Times[strings.TrimPrefix(col, "at-")] = at
			}
		}
		c := get("holds")
		for _, part := range c.parts() {
			if a, b, ok := c.pair(part, zone); ok {
				tk.Holds = append(tk.Holds, servicehours.Interval{Start: a, End: b})
			}
		}
		c = get("reopens")
		for _, part := range c.parts() {
			if a, b, ok := c.pair(part, zone); ok {
				tk.Reopens = append(tk.Reopens, record.Reopen{Resolved: a, Reopened: b})
			}
		}
		c = get("priority-changes")
		for _, part := range c.parts() {
			p, when, ok := strings.Cut(part, "@")
			if !ok || strings.TrimSpace(p) == "" {
				c.bad("want priority@instant, such as P1@2023-06-12T10:00:00+01:00, several separated by semicolons")
				continue
			}
			at, msg := parseInstant(strings.TrimSpace(when), zone)
			if msg != "" {
				c.bad(strconv.Quote(when) + ": " + msg)
				continue
			}
			tk.PriorityChanges = append(tk.PriorityChanges, record.PriorityChange{At: at, Priority: strings.TrimSpace(p)})
		}
		if x.ps.Len() == stamps {
			x.ps.Merge(tk.CheckTimes())
		}
		if tk.ID != "" {
			ids.once(x, tk.ID, "id", "given twice (first at line %d)")
		}
		return tk
	}, nil)
}
