package pack_test

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
)

// A performance pack's table, transcribed as published, and the flaw the
// reader catches in it.
func Example() {
	c, err := load.ContractFile("../examples/norfolk/contract.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	table := "IMT VITAL SIGNS\tTARGET\tJUL-17\tAUG-17\n" +
		"Systems availability\t99 %\t99 %\t99 %\n" +
		"Calls abandoned on the IMT service desk\t10%\tN/A\t7%\n"
	ms, err := pack.Read("vital-signs.tsv", strings.NewReader(table), c, "NCC")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		fmt.Println(m.KPI, m.Month.Pack(), kpi.FormatValue(m.Value), m.Absent)
	}
	_, err = pack.Read("vital-signs.tsv", strings.NewReader(strings.Replace(table, "AUG-17", "AUG-16", 1)), c, "NCC")
	fmt.Println(err)
	// Output:
	// AVAIL Jul-17 99 present
	// AVAIL Aug-17 99 present
	// ABANDON Jul-17 0 not-applicable
	// ABANDON Aug-17 7 present
	// vital-signs.tsv:1: cell 4 "AUG-16": month out of sequence: want Aug-17 after Jul-17
}

// A pack table read as published, for reconciliation: the mislabelled
// month is read in its place and noted, the short row is noted, and each
// cell keeps its text and written precision.
func ExampleReadPublished() {
	table := "SYSTEM AVAILABILITY\tTARGET\tAUG-16\tSEP-15\tOCT-16\n" +
		"Telephony\t99.90%\t100%\t98.9%\t+5\n" +
		"Website\t99.90%\t99.44%\n"
	p, err := pack.ReadPublished("brent.tsv", strings.NewReader(table))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range p.Notes {
		fmt.Println(n.Pos, n.Msg)
	}
	t := p.Tables[0]
	for i, c := range t.Series[0].Cells {
		fmt.Printf("%s %s %q %s places %d\n", c.Pos, t.Periods[i].Text, c.Text, c.Kind, c.Places)
	}
	// Output:
	// brent.tsv:1:4 month heading out of sequence: want Sep-16 between Aug-16 and Oct-16 (read as Sep-16)
	// brent.tsv:3 short row: 2 cells under 4 headings (read from the left: the last 2 have none)
	// brent.tsv:2:2 TARGET "99.90%" level places 0
	// brent.tsv:2:3 AUG-16 "100%" number places 0
	// brent.tsv:2:4 SEP-15 "98.9%" number places 1
	// brent.tsv:2:5 OCT-16 "+5" unreadable places 0
}
