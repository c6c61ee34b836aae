// Package kpi judges service levels: it holds the definition of a key
// performance indicator (KPI) or performance indicator (PI), the
// thresholds it is judged against month by month, a month's measurement,
// and the classification of that measurement as Green, Amber or Red. It
// knows nothing of money.
//
// Start here: kpi.MustParseMonth("2021-06") or ParseMonth ("Jun-21" too)
// for a Month, Month.AddMonths to step (there is no Add) and Month.Sub to
// count; kpi.ParseDate for a civil Date; MustLevels("99.5", "99.0") for
// Thresholds, Constant for a Schedule without a glide path; a Definition,
// and Classify to judge a Measurement; Result.Format prints the value as
// compared ("99.50%"). The runnable Examples (go doc -all, or the
// package's page) are Example (a glide path), ExampleParseMonth,
// ExampleMonth_AddMonths, ExampleParseDate and ExampleResult_Format.
//
// # Definitions
//
// A Definition has an id, a name, a Unit (percent, count, score, ratio), a
// Direction (HigherIsBetter, or LowerIsBetter as in "P1 incidents <= 3 a
// month"), a Kind (KPI, credit-bearing; or PI, reported only), a Precision
// and a Schedule of Thresholds. Validate reports every problem at once,
// each naming the KPI and, where there is one, the month:
//
//	kpi KPI05: 2021-06: glide: msl 98 above tsl 95 (higher is better): invalid kpi definition
//
// # Thresholds and schedules
//
// Thresholds hold a Target Service Level (TSL) and a Minimum Service Level
// (MSL). For a HigherIsBetter KPI the MSL may not exceed the TSL, for a
// LowerIsBetter KPI it may not be below it. A threshold may not carry more
// decimal places than the KPI's precision, and percentages lie in 0..100.
// A KPI or PI with fixed thresholds needs them: a HigherIsBetter one whose
// Schedule is the zero Schedule (TSL and MSL 0) would classify every value
// Green, and Validate refuses it; for a LowerIsBetter one the zero
// Schedule is the target "none at all".
//
// Each threshold has a Bound: Inclusive, the zero Bound, where a value
// equal to the threshold meets it ("99% or above"), or Strict, where the
// value must beat it ("below 10%"). credits/scheme's band tables use the
// same Bound for whether a band holds its ends; its text form is
// "inclusive" or "strict", and "exclusive", a band table's word, reads as
// strict.
//
// A Schedule gives the thresholds of each month: a glide-path Step for that
// month if there is one (a new KPI's months of increasingly demanding
// levels); else the latest Change in effect (a change note's revision from
// a month onwards); else the Base. Schedule.At also says which of these
// applied, as a Source.
//
// # Classification
//
// Classify rounds the measured value to the KPI's Precision, with the
// rounding mode the contract names (99.949 at one place half-up is 99.9),
// and then compares it with the month's thresholds. With the usual
// inclusive bounds:
//
//	Green  the rounded value meets the TSL (equal counts as met)
//	Amber  it misses the TSL but meets the MSL
//	Red    it misses the MSL
//
// A set of Thresholds may carry a SmallVolume rule, as in "95% resolved in
// time, or where fewer than 20 tickets were logged, no more than 1 may
// fail". When a month's measurement counts fewer things than the rule
// names (its Denominator), the rule replaces the comparison: Green with at
// most TSLFailures failures, Amber with at most MSLFailures, Red with more
// (Result.ByVolume). The failures are Denominator - Numerator when higher
// is better, the Numerator when lower is better. Measurement.Check refuses
// a value without counts in a month whose thresholds carry a rule.
//
// A Measurement may instead be absent: Unavailable ("UNVL"),
// NotApplicable ("N/A") or NotDue. An absent value is Unmeasured, with its
// reason; it is never treated as zero or as a pass. Whether an absence
// counts as a failure is decided by the contract (package contract), which
// also marks KPI-months with no measurement at all as Missing.
//
// # Months
//
// Month is a calendar month usable as a map key. ParseMonth reads
// "2021-06" and the packs' "Jun-21" (two-digit years are 2000-2099);
// String writes "2021-06" and Pack writes "Jun-21". The zero Month is
// invalid and marshals to empty text.
//
// # Dates
//
// Date is the module's one civil date, beside Month: a day with no time
// of day and no location (a bank holiday, a calendar version's first
// day, the day a mitigation was agreed). ParseDate reads "2023-04-07";
// DateOf builds one, LocalDate takes one from a time.Time in its own
// location; AddDays, Sub and Weekday do calendar arithmetic, and In gives
// the Month a date falls in. The zero Date is invalid and marshals to
// empty text; ParseDate's errors are *DateError values wrapping ErrDate.
//
// # Values and errors
//
// Values are shopspring decimals, exact; FormatValue prints one with the
// digits it carries, independent of that package's global settings.
// Problems are *Error values that name the KPI, organisation and month,
// and the field at fault as a structural path of Go field names
// ("Schedule.Glide[2].Thresholds.MSL"), and unwrap to ErrInvalidDefinition
// or ErrInvalidMeasurement, whose text ends their message; enumerations
// (here and in every package of the module) reject unknown words with
// a *WordError wrapping ErrUnknownWord, listing the accepted ones;
// ParseMonth's errors wrap ErrMonth.
package kpi
