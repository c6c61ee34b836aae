package measure_test

import (
	"github.com/servicecredit/engine/measure/internal/fixture"
)

var (
	london        = fixture.London
	at            = fixture.At
	open          = fixture.Open
	lbh           = fixture.LBH
	c24           = fixture.C24
	baseOptions   = fixture.BaseOptions
	newClock      = fixture.NewClock
	ticket        = fixture.Ticket
	lincsTickets  = fixture.LincsTickets
	lincsClock    = fixture.LincsClock
	lincsAsOf     = fixture.LincsAsOf
	problems      = fixture.Problems
	thousandCalls = fixture.ThousandCalls
)
