package planfile_test

import (
	"fmt"

	"github.com/servicecredit/engine/measure/planfile"
	"github.com/servicecredit/engine/measure/record"
)

// A plan file gives each measured KPI its recipe. Every problem is placed
// at its line and column, with the KPI at fault and the option's path;
// a plan with any problem is not returned.
func ExampleReadPlan() {
	p, err := planfile.ReadPlan("plan.yaml", []byte(`kpis:
  - kpi: IMT_KPI_10
    measure:
      count: {orgs: [LCC], kinds: [incident], priorities: [P1], basis: initial,
              attribution: logged-in-period, zone: Europe/London}
`))
	fmt.Println(p.KPIs[0].KPI, p.KPIs[0].Measure.Name(), p.KPIs[0].Measure.Records(), err)

	_, err = planfile.ReadPlan("plan.yaml", []byte(`kpis:
  - kpi: IMT_KPI_10
    measure:
      count: {orgs: [LCC], kinds: [incident], priorities: [P1], basis: first,
              zone: Europe/Londres}
`))
	for _, e := range record.Errors(err) {
		fmt.Println(e)
	}
	// Output:
	// IMT_KPI_10 count tickets <nil>
	// plan.yaml:4:14: kpi "IMT_KPI_10": kpis[0].measure.count.attribution: not set (want one of resolved-in-period, logged-in-period)
	// plan.yaml:4:72: kpi "IMT_KPI_10": kpis[0].measure.count.basis "first": unknown (want initial, final, ever)
	// plan.yaml:5:21: kpi "IMT_KPI_10": kpis[0].measure.count.zone: "Europe/Londres" is not a known IANA zone
}
