package mitigation_test

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
)

// A register of two agreed mitigations answers, KPI-month by KPI-month,
// which record applies; a third record that covers a month already
// mitigated is rejected.
func Example() {
	scope := mitigation.Scope{
		KPIs:  []string{"IMT_KPI_09", "IMT_KPI_14"},
		Orgs:  []string{"LCC"},
		First: kpi.MustParseMonth("2015-04"),
		Last:  kpi.MustParseMonth("2023-03"),
	}
	records := []mitigation.Record{
		{
			Ref: "T2-1", KPI: "IMT_KPI_09", From: kpi.MustParseMonth("Jun-21"),
			Reason: "Covid-19 business continuity", Effect: mitigation.Relief,
		},
		{
			Ref: "T2-2", KPI: "IMT_KPI_14", From: kpi.MustParseMonth("Jun-21"), To: kpi.MustParseMonth("Jul-21"),
			Reason: "device management rollout", Effect: mitigation.Deemed, Deemed: kpi.Green,
		},
	}
	reg, err := mitigation.NewRegister(records, scope)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range []string{"Jun-21", "Jul-21", "Aug-21"} {
		if r, ok := reg.Lookup("IMT_KPI_14", "LCC", kpi.MustParseMonth(m)); ok {
			fmt.Printf("IMT_KPI_14 %s: %s (%s %s)\n", m, r.Ref, r.Effect, r.Deemed)
		} else {
			fmt.Printf("IMT_KPI_14 %s: not mitigated\n", m)
		}
	}

	records = append(records, mitigation.Record{
		KPI: "IMT_KPI_14", Org: "LCC", From: kpi.MustParseMonth("Jul-21"), To: kpi.MustParseMonth("Sep-21"),
		Reason: "patching halted", Effect: mitigation.Relief,
	})
	_, err = mitigation.NewRegister(records, scope)
	fmt.Println(err)
	// Output:
	// IMT_KPI_14 Jun-21: T2-2 (deemed green)
	// IMT_KPI_14 Jul-21: T2-2 (deemed green)
	// IMT_KPI_14 Aug-21: not mitigated
	// mitigation record 3: kpi IMT_KPI_14: overlaps T2-2 in 2021-07: invalid mitigation record
}
