package pack_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
)

// A performance pack's table, transcribed as published, and the flaw the
// reader catches in it.
func Example() {
	data, err := os.ReadFile("../examples/norfolk/contract.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := load.Contract("contract.yaml", data)
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
		fmt.Println(m.KPI, m.Month.Pack(), m.Value, m.Absent)
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
