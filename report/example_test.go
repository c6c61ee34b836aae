package report_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/report"
)

// A small contract read from its file format, evaluated over two months
// and written as the plain-text report: the board summary, the RAG table
// (a figure shows its value), the credit ledger and the year's totals.
func Example() {
	c, ms, err := exampleFiles()
	if err != nil {
		fmt.Println(err)
		return
	}
	first, last := c.Commencement.AddMonths(2), c.Commencement.AddMonths(3)
	res, err := c.Evaluate(contract.Input{From: first, To: last, Measurements: ms})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := report.Text(os.Stdout, c, res); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Example IT services
	// Customer: Council. Supplier: Supplier. Service commencement Apr-21.
	// Period Jun-21 to Jul-21: service months 3 to 4.
	//
	// Summary (raw outcomes, KPIs only; PIs are reported below but not counted)
	// Overall Contract Performance  Yr 1 Jun-21  Yr 1 Jul-21
	// TSL achieved                            1            0
	// MSL achieved                            0            1
	// Below MSL                               0            0
	// TOTAL                                   1            1
	// Mitigation Agreed                       0            0
	//
	// RAG by indicator (raw status; * marks an agreed mitigation; - not in force)
	// Indicator    Kind  Yr 1 Jun-21  Yr 1 Jul-21
	// AVAIL         kpi        green        amber
	// CALLS      figure         1520         1498
	//
	// figure: its value as reported, with no target and no RAG status
	//
	// Service credit ledger (failures, reliefs and caps; green and PI lines cost nothing)
	// Jul-21  AVAIL             2500.00  amber: 0.5 of 10 points = 5.0 points x 0.1% of charges 500000.00 = 2500.00
	//
	// Month          Charges     Uncapped          Cut       Credit
	// Jun-21       500000.00         0.00         0.00         0.00
	// Jul-21       500000.00      2500.00         0.00      2500.00
	//
	// Contract year 1 (Jun-21 to Jul-21 evaluated): charges 6000000.00, no annual cap
	//   uncapped 2500.00, cut 0.00, credit 2500.00
	//   driven by AVAIL: 2500.00 (Jul-21)
	// Total credit: 2500.00
}

// The same evaluation written as CSV month by month, as contract.Stream
// hands the months over: nothing is kept, however many months there are.
// A spreadsheet opens the amounts as numbers.
func ExampleNewCSVWriter() {
	c, ms, err := exampleFiles()
	if err != nil {
		fmt.Println(err)
		return
	}
	w, err := report.NewCSVWriter(os.Stdout, c, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	first, last := c.Commencement.AddMonths(2), c.Commencement.AddMonths(3)
	if _, err := c.Stream(contract.Input{From: first, To: last, Measurements: ms}, w.Month); err != nil {
		fmt.Println(err)
		return
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// month,service_month,contract_year,line,kpi,organisation,kind,value,rounded,absence,tsl,msl,thresholds_from,measured,raw,status,mitigation,points,amount,rule
	// 2021-06,3,1,credit,AVAIL,Council,kpi,99.7,99.7,,99.5,99.0,base,green,green,green,,0,0.00,green: no credit
	// 2021-06,3,1,credit,CALLS,Council,figure,1520,1520,,,,,reported,reported,reported,,0,0.00,"figure: reported only, never credited"
	// 2021-07,4,1,credit,AVAIL,Council,kpi,99.2,99.2,,99.5,99.0,base,amber,amber,amber,,5.0,2500.00,amber: 0.5 of 10 points = 5.0 points x 0.1% of charges 500000.00 = 2500.00
	// 2021-07,4,1,credit,CALLS,Council,figure,1498,1498,,,,,reported,reported,reported,,0,0.00,"figure: reported only, never credited"
}

// exampleFiles reads the examples' contract and measurements from their
// file formats.
func exampleFiles() (*contract.Contract, []kpi.Measurement, error) {
	c, err := load.Contract("contract.yaml", []byte(`
name: Example IT services
customer: Council
supplier: Supplier
commencement: 2021-04
term: 60
organisations: [Council]
charges: [{organisation: Council, from: 2021-04, amount: "500000.00"}]
absences: {missing: red, unavailable: red}
kpis:
  - {id: AVAIL, name: Availability, kind: kpi, unit: percent, direction: higher-is-better,
     precision: {places: 1, rounding: half-up}, tsl: "99.5", msl: "99.0"}
  - {id: CALLS, name: Calls received, kind: figure, unit: count, direction: higher-is-better,
     precision: {places: 0, rounding: half-up}}
credits:
  regime: {points: {amber: "0.5", red: "1", point-value: "0.1",
    weights: [{kpi: AVAIL, from: 2021-04, points: "10"}]}}
  money: {places: 2, rounding: half-up}
`))
	if err != nil {
		return nil, nil, err
	}
	ms, err := load.Measurements("measurements.csv", strings.NewReader(
		"kpi,month,value\nAVAIL,2021-06,99.7\nAVAIL,2021-07,99.2\nCALLS,2021-06,1520\nCALLS,2021-07,1498\n"), c)
	return c, ms, err
}

// The same evaluation as a web page for a board. The page is long; this
// prints its title and the heatmap's cells, each with its raw status and
// an explanation shown on hover and on keyboard focus.
func ExampleHTML() {
	c, ms, err := exampleFiles()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.Evaluate(contract.Input{From: c.Commencement.AddMonths(2), To: c.Commencement.AddMonths(3), Measurements: ms})
	if err != nil {
		fmt.Println(err)
		return
	}
	var page strings.Builder
	if err := report.HTML(&page, c, res); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(page.String(), "\n") {
		if strings.HasPrefix(line, "<title>") {
			fmt.Println(line)
		}
	}
	for _, cell := range strings.Split(page.String(), `tabindex="0" `)[1:] {
		fmt.Println(cell[:strings.Index(cell, " aria-describedby")])
	}
	// Output:
	// <title>Example IT services: Jun-21 to Jul-21</title>
	// data-month="2021-06" data-status="green"
	// data-month="2021-07" data-status="amber"
	// data-month="2021-06" data-status="reported"
	// data-month="2021-07" data-status="reported"
}
