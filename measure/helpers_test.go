package measure_test

import (
	"os"
	"testing"

	"github.com/servicecredit/engine/measure/internal/fixture"
)

var (
	london        = fixture.London
	at            = fixture.At
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

// open opens name in testdata, the record files the tests share.
func open(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(fixture.Testdata(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
