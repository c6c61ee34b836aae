package plan_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/plan"
	"github.com/servicecredit/engine/measure/planfile"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
)

// A plan gives each KPI its recipe; the contract gives its id and
// precision. Here a plan read from YAML measures the share of calls
// abandoned in June 2021 from a calls file, two ways, and explains each
// call's part.
func ExampleRecipe_Measure() {
	p, err := planfile.ReadPlan("plan.yaml", []byte(`
kpis:
  - kpi: ABANDONED
    measure:
      abandonment: {orgs: [LBH], short: counted, zone: Europe/London}
  - kpi: ABANDONED-AFTER-5S
    measure:
      abandonment: {orgs: [LBH], short: excluded-from-both, short-threshold: 5s, zone: Europe/London}
`))
	if err != nil {
		panic(err)
	}
	calls, err := recordfile.ReadCalls("calls.csv", strings.NewReader(`id,organisation,queued,outcome,wait
C1,LBH,2021-06-01T09:00:00+01:00,answered,20s
C2,LBH,2021-06-01T09:01:00+01:00,abandoned,4s
C3,LBH,2021-06-01T09:02:00+01:00,abandoned,1m5s
C4,LBH,2021-06-01T09:03:00+01:00,callback,2m
C5,LBH,2021-06-01T09:04:00+01:00,ivr-only,0s
C6,LBH,2021-07-01T00:30:00+01:00,abandoned,30s
`), nil)
	if err != nil {
		panic(err)
	}
	records := &record.Set{Calls: calls}
	for _, k := range p.KPIs {
		subject := plan.Subject{KPI: k.KPI, Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}}
		figures, err := k.Measure.Measure(subject, kpi.MustParseMonth("2021-06"), kpi.MustParseMonth("2021-06"), time.Time{}, records, nil)
		if err != nil {
			panic(err)
		}
		for _, f := range figures {
			m := f.Measurement
			fmt.Printf("%s %s %s%% (%s/%s)\n", m.KPI, m.Org, m.Value.StringFixed(2), kpi.FormatValue(m.Numerator), kpi.FormatValue(m.Denominator))
			for _, l := range f.Evidence {
				fmt.Printf("  %s: %s\n", l.Record, l.Why)
			}
		}
	}
	// Output:
	// ABANDONED LBH 50.00% (2/4)
	//   C1: answered: offered, not abandoned
	//   C2: abandoned after 4s
	//   C3: abandoned after 1m5s
	//   C4: callback: offered, not abandoned
	//   C5: ivr-only: never counted
	// ABANDONED-AFTER-5S LBH 33.33% (1/3)
	//   C1: answered: offered, not abandoned
	//   C2: abandoned after 4s, within 5s: excluded from both
	//   C3: abandoned after 1m5s
	//   C4: callback: offered, not abandoned
	//   C5: ivr-only: never counted
}
