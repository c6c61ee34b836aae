package cli_test

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// An example's main is one line: its name and its run.
func Example() {
	cli.Main("hello", func(w io.Writer) error {
		_, err := fmt.Fprintln(w, "hello")
		return err
	})
	// Output:
	// hello
}

// failAfter is a writer that takes n writes and fails every one after.
type failAfter struct {
	n      int
	writes []string
}

func (f *failAfter) Write(b []byte) (int, error) {
	if len(f.writes) == f.n {
		return 0, errors.New("disk full")
	}
	f.writes = append(f.writes, string(b))
	return len(b), nil
}

// TestPrinter checks that a Printer keeps the first error writing and
// writes nothing after it.
func TestPrinter(t *testing.T) {
	w := &failAfter{n: 1}
	p := cli.NewPrinter(w)
	p.Printf("a %d\n", 1)
	if err := p.Err(); err != nil {
		t.Fatalf("after a good write: %v", err)
	}
	p.Printf("b\n")
	p.Printf("c\n")
	if err := p.Err(); err == nil || err.Error() != "disk full" {
		t.Fatalf("Err() = %v, want disk full", err)
	}
	if len(w.writes) != 1 || w.writes[0] != "a 1\n" {
		t.Fatalf("written %q, want only %q", w.writes, "a 1\n")
	}
}

// TestPeriods checks the contract years Periods gives thirteen months:
// April 2021 to March 2022 in year 1, March ending it, and April 2022 in
// year 2, each with the year's charges twelve times the month's and one
// outcome a KPI, classified.
func TestPeriods(t *testing.T) {
	def := kpi.Definition{ID: "AVAIL", Name: "AVAIL", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99", "98"))}
	values := []string{"99", "98.5", "97", "99", "99", "99", "99", "99", "99", "99", "99", "99", "99"}
	ps := cli.Periods(kpi.MustParseMonth("2021-04"), decimal.RequireFromString("100"), []kpi.Definition{def}, [][]string{values})
	if len(ps) != 13 {
		t.Fatalf("%d periods, want 13", len(ps))
	}
	for i, p := range ps {
		wantYear, wantEnd := 1, i == 11
		if i == 12 {
			wantYear = 2
		}
		if p.Month != kpi.MustParseMonth("2021-04").AddMonths(i) || p.Year != wantYear || p.YearEnd != wantEnd {
			t.Errorf("period %d: %s year %d end %t, want year %d end %t", i, p.Month, p.Year, p.YearEnd, wantYear, wantEnd)
		}
		if p.YearCharges.StringFixed(2) != "1200.00" || len(p.Outcomes) != 1 || p.Outcomes[0].Measured == nil {
			t.Errorf("period %d: year's charges %s, outcomes %d", i, p.YearCharges.StringFixed(2), len(p.Outcomes))
		}
	}
	var got []kpi.Status
	for _, p := range ps[:3] {
		got = append(got, p.Outcomes[0].Status)
	}
	if want := []kpi.Status{kpi.Green, kpi.Amber, kpi.Red}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
}

// TestLabel checks the name each kind of ledger line is printed with.
func TestLabel(t *testing.T) {
	want := map[credits.LineKind]string{credits.CreditLine: "FIX", credits.CapLine: "cap", credits.WithholdLine: "withheld", credits.EarnBackLine: "earn-back FIX"}
	for kind, label := range want {
		if got := cli.Label(credits.Line{Kind: kind, KPI: "FIX"}); got != label {
			t.Errorf("kind %d: %q, want %q", kind, got, label)
		}
	}
}
