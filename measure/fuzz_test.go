package measure_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/servicecredit/engine/measure"
)

// seedFiles adds the testdata files matching pattern to f's corpus.
func seedFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, true)
		f.Add(data, false)
	}
}

// checkErr checks that err is nil or a list of *measure.Error naming file.
func checkErr(t *testing.T, err error, file string) {
	t.Helper()
	if err == nil {
		return
	}
	if !errors.Is(err, measure.ErrInvalidRecord) {
		t.Fatalf("error does not wrap ErrInvalidRecord: %v", err)
	}
	for _, e := range measure.Errors(err) {
		var me *measure.Error
		if !errors.As(e, &me) || me.File != file {
			t.Fatalf("problem %q is not a *measure.Error naming %s", e, file)
		}
	}
}

func zoneOf(named bool) *time.Location {
	if named {
		return london
	}
	return nil
}

func FuzzReadTickets(f *testing.F) {
	seedFiles(f, "tickets-*.csv")
	c := newClock(f, baseOptions())
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		ts, err := measure.ReadTickets("t.csv", bytes.NewReader(data), zoneOf(named))
		checkErr(t, err, "t.csv")
		if err != nil {
			return
		}
		// What was read is consistent: the clock's checks find nothing
		// but option problems, and judging never panics.
		if cerr := c.Check(ts); cerr != nil {
			for _, e := range measure.Errors(cerr) {
				var me *measure.Error
				if errors.As(e, &me) && me.Field != "priority" && !bytes.HasPrefix([]byte(me.Field), []byte("priority-changes")) {
					t.Fatalf("ticket read but invalid: %v", e)
				}
			}
			return
		}
		for i := range ts {
			_, _ = c.Evaluate(&ts[i], time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"8h", "7h30m", "90s", "1h0m30s", "0s", "", "1.5h", "-1h", "30m2h", "999999999h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := measure.ParseDuration(s)
		if err != nil {
			return
		}
		text, err := d.MarshalText()
		if err != nil {
			t.Fatalf("%q parsed to %v but does not marshal: %v", s, time.Duration(d), err)
		}
		back, err := measure.ParseDuration(string(text))
		if err != nil || back != d {
			t.Fatalf("%q -> %q -> %v, %v", s, text, back, err)
		}
	})
}

func FuzzReadOutages(f *testing.F) {
	seedFiles(f, "outages-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		os, err := measure.ReadOutages("o.csv", bytes.NewReader(data), zoneOf(named))
		checkErr(t, err, "o.csv")
		if err == nil {
			if cerr := measure.CheckOutages(os); cerr != nil {
				t.Fatalf("outages read but invalid: %v", cerr)
			}
		}
	})
}

func FuzzReadCalls(f *testing.F) {
	seedFiles(f, "calls-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		cs, err := measure.ReadCalls("c.csv", bytes.NewReader(data), zoneOf(named))
		checkErr(t, err, "c.csv")
		if err == nil {
			if cerr := measure.CheckCalls(cs); cerr != nil {
				t.Fatalf("calls read but invalid: %v", cerr)
			}
		}
	})
}

func FuzzReadResponses(f *testing.F) {
	seedFiles(f, "responses-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		for _, scale := range []measure.Scale{measure.NPSScale(), measure.SatisfactionScale(5)} {
			rs, err := measure.ReadResponses("r.csv", bytes.NewReader(data), zoneOf(named), scale)
			checkErr(t, err, "r.csv")
			if err == nil {
				if cerr := measure.CheckResponses(rs, scale); cerr != nil {
					t.Fatalf("responses read but invalid: %v", cerr)
				}
			}
		}
	})
}

func FuzzReadContactCounts(f *testing.F) {
	seedFiles(f, "counts-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, _ bool) {
		cs, err := measure.ReadContactCounts("n.csv", bytes.NewReader(data))
		checkErr(t, err, "n.csv")
		if err == nil {
			if cerr := measure.CheckContactCounts(cs); cerr != nil {
				t.Fatalf("counts read but invalid: %v", cerr)
			}
		}
	})
}
