// Package servicehours measures time against service hours, as IT service
// contracts do: "resolve a priority 3 incident within 8 business hours,
// Monday to Friday 08:00 to 18:00, excluding bank holidays".
//
// Start here: a Calendar (a location, Weekdays(MustParseWindow("08:00-18:00"))
// for office hours, closed kpi.Dates such as ParseBankHolidays' feed),
// New(cal) for a Schedule, then Schedule.Elapsed and Deadline. Dates are
// kpi.Date, the module's one civil date. The runnable Example (go doc
// -all, or the package's page) finds an incident's deadline over the
// Easter bank holidays.
//
// # Calendars
//
// A Calendar is a definition: a named IANA location (required; there is no
// default), weekly windows of local clock time for each weekday, closed
// dates (a list, a func(kpi.Date) bool, or ParseBankHolidays of the GOV.UK
// feed), and per-date overrides that replace a date's weekly windows. On a
// date, an override wins, then a closure, then the weekly windows.
// TwentyFourSeven gives a calendar open all day every day.
//
// A window [Open, Close) is in local clock time, Clock minutes 00:00 to
// 24:00: it opens at Open and is closed again from Close. One day may have
// several windows; they may touch but not overlap. A shift past midnight is
// two windows on two days, 22:00-24:00 and 00:00-06:00, which join.
//
// Calendars change during a contract. A Versioned calendar holds versions,
// each in force from a local kpi.Date; the version in force for an instant is
// the latest whose date is on or before the instant's local date, so a
// month already measured is never changed by a later edit.
//
// Validate reports every problem of a definition, each naming the weekday,
// date or field, sorted and joined with errors.Join; each is an *Error
// wrapping ErrInvalidCalendar.
//
// # Schedules
//
// New and NewVersioned validate a definition and return a Schedule, which
// answers the questions: OpenIntervals between two instants, Elapsed open
// time less pauses, the Deadline at which a target of open time is
// reached, OpenTime of a date, IsWorkingDay (a date with any open time)
// and AddWorkingDays.
//
// Elapsed and Deadline count time in half-open intervals. Pauses may
// overlap; covered time counts once. Deadline gives the earliest instant
// at which the target is reached: a clock started in closed time starts at
// the next opening, and a target reached exactly at a window's close is
// that close, not the next opening.
//
// # Daylight saving
//
// Clock times are local. A window bound in a spring-forward gap (01:30 on
// 26 March 2023 in Europe/London) is the first instant after the gap
// (02:00 BST). A bound in a fall-back overlap (01:30 on 29 October 2023)
// is its first occurrence (01:30 BST). So 00:00-24:00 lasts 23 hours on the
// day clocks go forward and 25 on the day they go back. Note that
// time.Date makes no such promise; Schedule.At applies these rules.
//
// # Range and cost
//
// A Schedule covers local years FirstYear to LastYear. On first use of a
// year it lists that year's open intervals as instants with a running
// total of open time (a few microseconds per year, a few kilobytes). After
// that Elapsed and Deadline cost a binary search or two in each year they
// touch, whatever the number of days: well under a microsecond for a
// 60-day span. A Schedule is safe for concurrent use.
package servicehours
