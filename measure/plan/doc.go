// Package plan says how a contract's measured KPIs are derived from
// records, as plain data: a Plan holds the calendars its recipes count on
// and, for each measured KPI, its Recipe: one measure (ticket-resolution,
// availability, abandonment, nps, satisfaction, per-user, resolved,
// count, backlog or patch-compliance) with every option of that measure.
// Package planfile reads plans from YAML; programs that build plans in
// code never compile the YAML library.
//
// Start here: a Plan's KPIs each hold a Recipe; Plan.Validate checks it,
// Plan.BuildCalendars builds its calendars, and Recipe.Measure derives
// the figures from a record.Set. The runnable Example (go doc -all, or the
// package's page) is ExampleRecipe_Measure.
//
// # Validation
//
// Plan.Validate and Recipe.Validate name every option not set or
// inconsistent by its path, such as "kpis[1].measure.count.basis", with
// the KPI or calendar at fault: nothing falls back to a default. A KPI's
// id and precision are not part of its recipe: they are the contract's,
// given to Recipe.Measure as a Subject, so that a recipe can sit under the
// contract's own KPI without repeating them.
//
// # Measuring
//
// Recipe.Measure derives the figures of a KPI for each month of a range
// from a record.Set: one figure per organisation of the recipe, in its
// order, then the combined, pooled or mean figure the recipe names.
// Records are judged at an as-of instant where the recipe needs one
// (Recipe.NeedsAsOf: ticket resolution and patch compliance). A
// CalendarSpec defines a named calendar as data (weekly windows, closed
// dates, a GOV.UK bank holidays file, overrides, versions);
// Plan.BuildCalendars builds them.
//
// # Errors
//
// Problems are *record.Error values wrapping record.ErrInvalidOptions (the
// plan) or record.ErrInvalidRecord (the records), sorted and joined.
package plan
