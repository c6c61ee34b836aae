package recordfile_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/internal/fixture"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
)

// seedFiles adds the testdata files matching pattern to f's corpus.
func seedFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(fixture.Testdata(pattern))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, true)
		f.Add(data, false)
	}
}

// checkRead checks what a reader returned for file: an error that wraps
// ErrInvalidRecord and is a list of *record.Error naming file, or records
// in which check (when not nil) finds nothing wrong. It reports whether
// the file was read.
func checkRead[T any](t *testing.T, file string, records []T, err error, check func([]T) error) bool {
	t.Helper()
	if err != nil {
		if !errors.Is(err, record.ErrInvalidRecord) {
			t.Fatalf("error does not wrap ErrInvalidRecord: %v", err)
		}
		for _, e := range record.Errors(err) {
			var me *record.Error
			if !errors.As(e, &me) || me.File != file {
				t.Fatalf("problem %q is not a *record.Error naming %s", e, file)
			}
		}
		return false
	}
	if check != nil {
		if cerr := check(records); cerr != nil {
			t.Fatalf("%s read but invalid: %v", file, cerr)
		}
	}
	return true
}

func zoneOf(named bool) *time.Location {
	if named {
		return london
	}
	return nil
}

func FuzzReadTickets(f *testing.F) {
	seedFiles(f, "tickets-*.csv")
	c := fixture.NewClock(f, fixture.BaseOptions())
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		ts, err := recordfile.ReadTickets("t.csv", bytes.NewReader(data), zoneOf(named))
		if !checkRead(t, "t.csv", ts, err, nil) {
			return
		}
		// What was read is consistent: the clock's checks find nothing
		// but option problems, and judging never panics.
		if cerr := c.Check(ts); cerr != nil {
			for _, e := range record.Errors(cerr) {
				var me *record.Error
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

func FuzzReadOutages(f *testing.F) {
	seedFiles(f, "outages-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		os, err := recordfile.ReadOutages("o.csv", bytes.NewReader(data), zoneOf(named))
		checkRead(t, "o.csv", os, err, record.CheckOutages)
	})
}

func FuzzReadCalls(f *testing.F) {
	seedFiles(f, "calls-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		cs, err := recordfile.ReadCalls("c.csv", bytes.NewReader(data), zoneOf(named))
		checkRead(t, "c.csv", cs, err, record.CheckCalls)
	})
}

func FuzzReadResponses(f *testing.F) {
	seedFiles(f, "responses-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		for _, scale := range []record.Scale{record.NPSScale(), record.SatisfactionScale(5)} {
			rs, err := recordfile.ReadResponses("r.csv", bytes.NewReader(data), zoneOf(named), scale)
			checkRead(t, "r.csv", rs, err, func(rs []record.Response) error { return record.CheckResponses(rs, scale) })
		}
	})
}

func FuzzReadContactCounts(f *testing.F) {
	seedFiles(f, "counts-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, _ bool) {
		cs, err := recordfile.ReadContactCounts("n.csv", bytes.NewReader(data))
		checkRead(t, "n.csv", cs, err, record.CheckContactCounts)
	})
}

func FuzzReadBacklog(f *testing.F) {
	seedFiles(f, "backlog-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		es, err := recordfile.ReadBacklog("b.csv", bytes.NewReader(data), zoneOf(named))
		if checkRead(t, "b.csv", es, err, record.CheckBacklog) {
			_, _ = measure.Backlog(measure.BacklogRule{KPI: "B", Kinds: []string{"incident"}, OlderThan: 30, Age: measure.LocalDays,
				Snapshot: measure.LastInMonth, Zone: "Europe/London", Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}}, "", kpi.MonthOf(2021, time.July), es)
		}
	})
}

func FuzzReadPatches(f *testing.F) {
	seedFiles(f, "patches-*.csv")
	f.Fuzz(func(t *testing.T, data []byte, named bool) {
		ps, err := recordfile.ReadPatches("p.csv", bytes.NewReader(data), zoneOf(named))
		if checkRead(t, "p.csv", ps, err, record.CheckPatches) {
			_, _ = measure.PatchCompliance(measure.PatchRule{KPI: "PATCH", Within: 14, Deadline: measure.EndOfDayN, Classes: []string{"laptop", "desktop"},
				Attribution: measure.DeadlineInPeriod, Zone: "Europe/London", Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}}, "LCC", kpi.MustParseMonth("2021-09"), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), ps)
		}
	})
}
