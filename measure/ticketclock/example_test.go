package ticketclock_test

import (
	"fmt"
	"os"
	"time"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
)

// A P2 incident must be resolved within 8 business hours on LBH (London,
// Monday to Friday 08:00-18:00, closed on bank holidays). Logged on
// Maundy Thursday 2023 at 16:00, it is due on Tuesday at 14:00: Good
// Friday and Easter Monday are closed. Resolved on Tuesday at 10:00, it
// took 4 hours: met. The ITSM tool said breached; reconciliation names
// the choices under which we would agree with it: a calendar without the
// bank holidays, or elapsed time. The tool exported its instants in UTC;
// the explanation writes them in the calendar's zone.
func Example() {
	london, _ := time.LoadLocation("Europe/London")
	feed, _ := os.ReadFile("../testdata/bank-holidays.json")
	holidays, _ := servicehours.ParseBankHolidays(feed, "england-and-wales")
	office := servicehours.Weekdays(servicehours.MustParseWindow("08:00-18:00"))
	lbh, err := ticketclock.NewCalendar("LBH", servicehours.Calendar{Location: london, Weekly: office, Closed: holidays})
	if err != nil {
		panic(err)
	}
	toolCalendar, err := ticketclock.NewCalendar("LBH-no-holidays", servicehours.Calendar{Location: london, Weekly: office})
	if err != nil {
		panic(err)
	}
	clock, err := ticketclock.New(ticketclock.Options{
		Kinds: []string{"incident"}, Start: ticketclock.StartLogged, Stop: ticketclock.StopResolved, Pauses: ticketclock.PauseHolds,
		Reopen: ticketclock.FirstResolution, PriorityChange: ticketclock.InitialPriority,
		Targets: []ticketclock.Target{{Priority: "P2", Unit: ticketclock.BusinessTime, Within: record.Duration(8 * time.Hour), Calendar: "LBH"}},
	}, lbh)
	if err != nil {
		panic(err)
	}
	when := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	easter := record.Ticket{ID: "INC2", Kind: "incident", Priority: "P2", Tool: record.ToolBreached,
		Logged: when("2023-04-06T15:00:00Z"), Resolved: when("2023-04-11T09:00:00Z")}
	asOf := when("2023-05-01T00:00:00+01:00")
	j, err := clock.Evaluate(&easter, asOf)
	if err != nil {
		panic(err)
	}
	fmt.Println(j.Explain())
	rec, err := clock.Reconcile([]record.Ticket{easter}, asOf, toolCalendar)
	if err != nil {
		panic(err)
	}
	for _, d := range rec.Differences {
		fmt.Println(d.Explain())
	}
	// Output:
	// INC2 P2 met: elapsed 4h of 8h (8h business-time on LBH), 2023-04-06T16:00:00+01:00 to 2023-04-11T10:00:00+01:00, deadline 2023-04-11T14:00:00+01:00, tool says breached (disagrees); start logged, stop resolved, pauses holds, reopen first-resolution, priority-change initial
	// INC2: tool breached, ours met; agrees with targets[0].calendar LBH-no-holidays, or targets[0].unit elapsed-time
}
