package reconcile_test

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
)

// A pack prints the P1 calls resolved in time as a percentage beside the
// number of P1 calls: 36.36% of 14 calls is no whole number of calls. The
// overall SLA printed beside them is not the parts weighted by their
// volumes either, and is built from the impossible figure.
func Example() {
	c, err := load.ContractFile("../examples/brent-lewisham/contract.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	table := "SERVICE DESK KPIS\tTARGET\tOCT-16\n" +
		"P1 Calls Resolved within SLA\t95%\t36.36%\n" +
		"Volume of P1 Calls\t\t14\n" +
		"P2 Calls Resolved within SLA\t90%\t43.28%\n" +
		"Volume of P2 Calls\t\t67\n" +
		"P3 Calls Resolved with SLA\t80%\t72.07%\n" +
		"Volume of P3 Calls\t\t2080\n" +
		"P4 Calls Resolved < 5 days\t80%\t72.20%\n" +
		"Volume of P4 Calls\t\t1705\n" +
		"Overall SLA Performance\t\t71.39%\n"
	p, err := pack.ReadPublished("brent.tsv", strings.NewReader(table))
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := reconcile.Check(reconcile.Input{
		Contract: c,
		Packs:    []*pack.Published{p},
		Relations: reconcile.Relations{
			Tables: []reconcile.TableOrg{{File: "brent.tsv", Org: "Brent"}},
			Shares: []reconcile.Share{{KPI: "P1", Denominator: "P1-VOL"}, {KPI: "P2", Denominator: "P2-VOL"},
				{KPI: "P3", Denominator: "P3-VOL"}, {KPI: "P4", Denominator: "P4-VOL"}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Findings {
		if f.Verdict == reconcile.Agrees || f.Kind == reconcile.TargetCheck {
			continue
		}
		fmt.Printf("%s %s %s %s: %s, recomputed %s\n", f.Pos, f.Kind, f.KPI, f.Verdict, f.Published, f.Recomputed)
		for _, w := range f.Warnings {
			fmt.Println("  warning:", w)
		}
	}
	fmt.Println("fails:", rep.Fails())
	// Output:
	// brent.tsv:2:3 attainable P1 impossible: 36.36%, recomputed 35.71 (5/14)
	// brent.tsv:10:3 overall SLA disagrees: 71.39%, recomputed 71.50
	//   warning: built from P1 Calls Resolved within SLA 36.36% at brent.tsv:2:3 is impossible with 14
	// fails: true
}
