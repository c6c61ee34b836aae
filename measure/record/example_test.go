package record_test

import (
	"fmt"
	"time"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/servicehours"
)

// A ticket built in code is checked on its own before it is measured: a
// hold must lie within the ticket's life, and a closure cannot come before
// the resolution. Durations are written as hours, minutes and seconds,
// largest first, and nothing else.
func Example() {
	when := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tk := record.Ticket{
		ID: "INC7", Kind: "incident", Priority: "P2",
		Logged:   when("2023-06-12T09:00:00+01:00"),
		Resolved: when("2023-06-12T14:30:00+01:00"),
		Closed:   when("2023-06-12T14:00:00+01:00"),
		Holds:    []servicehours.Interval{{Start: when("2023-06-12T13:00:00+01:00"), End: when("2023-06-12T15:00:00+01:00")}},
	}
	for _, e := range record.Errors(record.CheckTickets([]record.Ticket{tk})) {
		fmt.Println(e)
	}
	d, err := record.ParseDuration("7h30m")
	fmt.Println(d, time.Duration(d), err)
	_, err = record.ParseDuration("7.5h")
	fmt.Println(err)
	// Output:
	// ticket "INC7": closed: 2023-06-12T14:00:00+01:00 before resolved 2023-06-12T14:30:00+01:00
	// ticket "INC7": holds[0]: ends 2023-06-12T15:00:00+01:00 after the ticket ended 2023-06-12T14:30:00+01:00
	// 7h30m 7h30m0s <nil>
	// duration "7.5h": unknown unit (want hours, minutes and seconds such as 8h or 7h30m)
}
