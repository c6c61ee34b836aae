package reconcile_test

import (
	"os"
	"strings"
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
)

// FuzzCheck reconciles arbitrary pack text against the test contract
// with relations of every kind: it never panics, and every finding and
// every uncovered cell carries a place in the pack.
func FuzzCheck(f *testing.F) {
	for _, file := range []string{"../pack/testdata/brent-raw.tsv", "../examples/claims/pack.tsv", "../examples/lincolnshire/table1.tsv"} {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("T\tTarget\tApr-21\tMay-21\tQ1\tYTD\tGrand Total\nP1 resolved (95%)\t>= 95%\t50%\t100%\t75%\t75%\t75%\nP1 calls\t\t2\t2\t4\t4\t4\nMet\t\t1\t2\t3\t3\t3\nTotal\t\t3\t4\t7\t7\t7\nOverall\t\t90%\tG\tR\t\t\n")
	f.Add("Month\tP1 resolved\tP1 calls\tTSL achieved\tTotal\nTarget\t95%\nApr-21\t50%\t2\t1\t1\nQ1\t50%\t2\t1\t1\n")
	c, err := loadTestContract()
	if err != nil {
		f.Fatal(err)
	}
	rel := reconcile.Relations{
		Tables:      []reconcile.TableOrg{{File: "f.tsv", Org: "A"}},
		Rows:        []reconcile.Row{{Label: "Met", ID: "MET"}, {Label: "Missed %", ID: "MISSED", Unit: kpi.Percent}},
		Totals:      []reconcile.Sum{{Total: "P1-VOL", Parts: []string{"MET", "P2-VOL"}}},
		Shares:      []reconcile.Share{{KPI: "P1", Numerator: "MET", Denominator: "P1-VOL"}},
		Complements: []reconcile.Complement{{KPI: "MISSED", Of: "P1"}},
		Periods:     []reconcile.PeriodRule{{KPI: "OPEN", Rule: reconcile.LastRule}},
	}
	ms := []kpi.Measurement{{KPI: "AVAIL", Org: "A", Month: kpi.MustParseMonth("2021-04"), Value: dec("99.9")}}
	f.Fuzz(func(t *testing.T, text string) {
		p, err := pack.ReadPublished("f.tsv", strings.NewReader(text))
		if err != nil {
			return
		}
		rep, err := reconcile.Check(reconcile.Input{Contract: c, Packs: []*pack.Published{p}, Relations: rel, Measurements: ms})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if f.Pos.File != "f.tsv" || f.Pos.Line < 1 || f.Kind == 0 || f.Verdict == 0 || f.Severity == 0 || f.Reason == "" {
				t.Fatalf("a finding without a place, kind, verdict, severity or reason: %+v", f)
			}
		}
		for _, u := range rep.Uncovered {
			if u.Pos.File != "f.tsv" || u.Pos.Line < 1 || u.Pos.Cell < 1 || u.Why == "" {
				t.Fatalf("an uncovered cell without a place or reason: %+v", u)
			}
		}
	})
}
