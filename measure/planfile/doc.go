// Package planfile reads measurement plans (plan.Plan) from YAML or JSON,
// as docs/records.md describes: a plan file (ReadPlan), or the recipes a
// contract file carries under its measurement section and its KPIs'
// measure keys (ReadContract). It is a package of its own so that a
// program that builds plans in code never compiles the YAML library, and
// no YAML type appears in its signatures: it reads bytes.
//
// Start here: planfile.ReadPlan(name, data) for a plan file,
// ReadContract for a contract file's measurement section. The runnable
// Example (go doc -all, or the package's page) is ExampleReadPlan.
//
// # Reading
//
// Files are read with go.yaml.in/yaml/v4. Unknown and repeated fields are
// errors, values of the wrong shape are named with the shape wanted, and
// enumerations accept their documented words only. Every problem of the
// file and every problem Plan.Validate finds is reported, sorted by
// place, each at the line and column of the option at fault (or, for an
// option missing, of the mapping that should hold it), naming the KPI or
// calendar and the option's path:
//
//	plan.yaml:16:72: kpi "IMT_KPI_99": kpis[1].measure.count.basis "first": unknown (want initial, final, ever)
//
// YAML that does not parse is placed too, a NUL or other control
// character and a byte that is not UTF-8 included. A contract file's
// recipes are placed at the contract's lines and named by the KPI's index
// among the contract's KPIs. Position gives the place of a path in a plan
// file, for problems found later against other files.
//
// # Errors
//
// Problems are *record.Error values wrapping record.ErrInvalidOptions,
// sorted and joined; on any problem no plan is returned.
package planfile
