package servicehours_test

import (
	"fmt"
	"time"

	"github.com/servicecredit/engine/servicehours"
)

// An incident logged on Maundy Thursday 2023 at 16:00 must be resolved
// within 8 business hours, Monday to Friday 08:00-18:00, excluding England
// and Wales bank holidays. Good Friday and Easter Monday are closed, so the
// deadline is Tuesday 14:00; resolved at 14:30 it took 8h30m.
func Example() {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	feed := []byte(`{"england-and-wales": {"division": "england-and-wales", "events": [
		{"title": "Good Friday", "date": "2023-04-07", "notes": "", "bunting": false},
		{"title": "Easter Monday", "date": "2023-04-10", "notes": "", "bunting": true}]}}`)
	holidays, err := servicehours.ParseBankHolidays(feed, "england-and-wales")
	if err != nil {
		panic(err)
	}
	office := servicehours.MustParseWindow("08:00-18:00")
	lbh, err := servicehours.New(servicehours.Calendar{
		Location: london,
		Weekly: servicehours.Week{
			time.Monday: {office}, time.Tuesday: {office}, time.Wednesday: {office},
			time.Thursday: {office}, time.Friday: {office},
		},
		Closed: holidays,
	})
	if err != nil {
		panic(err)
	}

	logged := time.Date(2023, time.April, 6, 16, 0, 0, 0, london)
	due, err := lbh.Deadline(logged, 8*time.Hour, nil)
	if err != nil {
		panic(err)
	}
	resolved := time.Date(2023, time.April, 11, 14, 30, 0, 0, london)
	fmt.Println("due:     ", due.Format("Mon 2006-01-02 15:04 MST"))
	fmt.Println("elapsed: ", lbh.Elapsed(logged, resolved, nil))
	fmt.Println("met:     ", !resolved.After(due))
	// Output:
	// due:      Tue 2023-04-11 14:00 BST
	// elapsed:  8h30m0s
	// met:      false
}
