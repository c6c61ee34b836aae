package ticketclock_test

import (
	"strings"

	"github.com/servicecredit/engine/measure/internal/fixture"
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
