package outlook_test

import (
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/outlook"
)

// Example takes the outlook of a contract whose termination right fires
// at 30 points in 3 months: A failed amber in April (5 points) and red in
// May and June (10 each). July's window keeps May and June, 20 points, so
// one more red month of A (10 points) fires it.
func Example() {
	c := base() // see outlook_test.go: A carries 10 points, B 5
	c.Credits.Caps = credits.Caps{Month: ptr("1.2")}
	c.Credits.Triggers = []credits.Trigger{{Name: "termination", Kind: credits.PointsInWindow, Points: dec("30"), Months: 3}}
	ms := statuses(map[string]string{"A": "arr", "B": "ggg"})
	o, err := outlook.Compute(c, contract.Input{Measurements: ms}, kpi.MustParseMonth("2021-06"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range o.Caps {
		fmt.Printf("%s cap: %s left in %s\n", h.Cap, c.Credits.Money.Format(h.Left), h.Month)
	}
	for _, t := range o.Triggers {
		fmt.Printf("%s: %s\n  %s\n", t.Name, t.State, t.Distance.Why)
	}
	fmt.Println("year end, greatest:", c.Credits.Money.Format(o.Forecast.Greatest.YearEnd))
	// Output:
	// month cap: 1200.00 left in 2021-07
	// termination: 25.0 points in the 3 months to 2021-06, at least 30 fire it; 20 of them stay in the window of the 3 months to 2021-07, so 10 more points fire it then
	//   1 failure in 2021-07, the most points first (A red (10 points, 1000.00)), bring the window's points to 30 or more
	// year end, greatest: 11500.00
}
