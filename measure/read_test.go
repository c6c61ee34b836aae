package measure_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/servicecredit/engine/measure"
	"github.com/stretchr/testify/require"
)

func open(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// problems lists err's problems one a line, checking each is a *measure.Error.
func problems(t testing.TB, err error) string {
	t.Helper()
	var b strings.Builder
	for _, e := range measure.Errors(err) {
		var me *measure.Error
		if !errors.As(e, &me) {
			t.Errorf("problem %q is not a *measure.Error", e)
		}
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func TestReadTickets(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
		zone *time.Location
	}{
		{"good", "every column, a named zone for the zone-less INC2", "tickets-good.csv", london},
		{"bad-no-zone", "every problem, with file:line:column, ticket and field; zone-less times refused", "tickets-bad.csv", nil},
		{"bad-london", "zone-less times read in London; 01:30 on 26 March 2023 does not exist there", "tickets-bad.csv", london},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts, err := measure.ReadTickets(tt.file, open(t, tt.file), tt.zone)
			var got string
			if err != nil {
				require.ErrorIs(t, err, measure.ErrInvalidRecord)
				require.Nil(t, ts, "nothing is read from a bad file")
				got = problems(t, err)
			} else {
				for _, tk := range ts {
					got += fmt.Sprintf("%s line %d: %s %s %s logged %s resolved %s holds %d reopens %d changes %d times %d first-line %t first-contact %t tool %q exclusion %q\n",
						tk.ID, tk.Source.Line, tk.Org, tk.Kind, tk.Priority, tk.Logged.Format(time.RFC3339), tk.Resolved.Format(time.RFC3339),
						len(tk.Holds), len(tk.Reopens), len(tk.PriorityChanges), len(tk.Times), tk.FirstLine, tk.FirstContact, tk.Tool, tk.Exclusion)
				}
			}
			golden(t, "tickets-"+tt.name+".golden", got)
		})
	}
}

func TestReadOutages(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
		zone *time.Location
	}{
		{"good", "every column; u2 zone-less, read in London", "outages-good.csv", london},
		{"bad", "every problem with its place", "outages-bad.csv", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			os, err := measure.ReadOutages(tt.file, open(t, tt.file), tt.zone)
			var got string
			if err != nil {
				require.ErrorIs(t, err, measure.ErrInvalidRecord)
				require.Nil(t, os)
				got = problems(t, err)
			}
			for _, o := range os {
				got += fmt.Sprintf("%s line %d: %s %v %s to %s planned %t weight %s (%t) users %d exclusion %q\n", o.ID, o.Source.Line, o.Service, o.Orgs,
					o.Start.Format(time.RFC3339), o.End.Format(time.RFC3339), o.Planned, o.Weight.StringFixed(2), o.HasWeight, o.Users, o.Exclusion)
			}
			golden(t, "outages-"+tt.name+".golden", got)
		})
	}
}
