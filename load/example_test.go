package load_test

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/load"
)

// A contract and its measurements from files, and what a mistake in a
// file looks like.
func Example() {
	c, err := load.Contract("contract.yaml", []byte(`
name: Example IT services
customer: Council
supplier: Supplier
commencement: 2015-04
term: 120
organisations: [Council]
charges:
  - {organisation: Council, from: 2015-04, amount: "500000.00"}
absences: {missing: red, unavailable: red}
kpis:
  - id: AVAIL
    name: Availability
    kind: kpi
    unit: percent
    direction: higher-is-better
    precision: {places: 1, rounding: half-up}
    tsl: "99.5"
    msl: "99.0"
credits:
  regime:
    points:
      amber: "0.5"
      red: "1"
      point-value: "0.1"
      weights: [{kpi: AVAIL, from: 2015-04, points: "10"}]
  money: {places: 2, rounding: half-up}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	ms, err := load.Measurements("measurements.csv", strings.NewReader("kpi,month,value\nAVAIL,Jun-21,99.2%\n"), c)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.Evaluate(contract.Input{From: ms[0].Month, To: ms[0].Month, Measurements: ms})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Months[0].Cells[0].Reason())
	fmt.Println(res.Ledger.Total.StringFixed(2))

	_, err = load.Measurements("measurements.csv", strings.NewReader("kpi,month,value\nAVAIL,2021-13,99.2\n"), c)
	fmt.Println(err)
	// Output:
	// 99.2 rounds to 99.2 (1 dp half-up); tsl >= 99.5 missed, msl >= 99.0 met (base): amber
	// 2500.00
	// measurements.csv:2:7: month "2021-13": not a month (want 2021-06 or Jun-21)
}

// A contract file that carries the relations of its pack's reconciliation
// under reconcile: the relations file's keys, read from the same file.
func ExampleContractRelations() {
	data := []byte(`
name: Example service desk
customer: Council
supplier: Supplier
commencement: 2015-04
term: 120
organisations: [Council]
charges:
  - {organisation: Council, from: 2015-04, amount: "500000.00"}
absences: {missing: red, unavailable: red}
kpis:
  - {id: P1, name: P1 resolved in time, kind: kpi, unit: percent, direction: higher-is-better,
     precision: {places: 1, rounding: half-up}, tsl: "95", msl: "90"}
credits:
  regime: {none: {}}
  money: {places: 2, rounding: half-up}
reconcile:
  rows:
    - {label: P1 calls, id: P1-CALLS}
  shares:
    - {kpi: P1, denominator: P1-CALLS}
`)
	c, err := load.Contract("contract.yaml", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	rel, declared, err := load.ContractRelations("contract.yaml", data, c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(declared, rel.Shares[0].KPI, "is a share of", rel.Shares[0].Denominator)

	_, err = load.Contract("contract.yaml", append(data, "    - {kpi: P9, denominator: P1-CALLS}\n"...))
	fmt.Println(err)
	// Output:
	// true P1 is a share of P1-CALLS
	// contract.yaml:22:13: reconcile.shares[1].kpi: "P9" is neither a kpi of the contract nor an id declared under rows
}
