package measure

import (
	"fmt"
	"slices"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
	"github.com/shopspring/decimal"
)

// PerUserRule says how contacts per user are measured. Every field is
// required.
//
// The zero PerUserRule is invalid: Validate names every field not set.
type PerUserRule struct {
	KPI       string        `yaml:"kpi"`       // the contract's id of the KPI measured
	Basis     string        `yaml:"basis"`     // the user basis, such as "licensed users" or "headcount"
	Precision kpi.Precision `yaml:"precision"` // the KPI's precision: the one rounding
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r PerUserRule) Validate() error {
	ps := &problem.List{}
	r.problems(ps)
	return ps.Err()
}

func (r PerUserRule) problems(ps *problem.List) {
	if r.KPI == "" {
		ps.Option("kpi", "empty")
	}
	if r.Basis == "" {
		ps.Option("basis", "empty (want the user basis, such as licensed users)")
	}
	ps.Precision(r.Precision)
}

// PerUser returns contacts per user, contacts / users, rounded once, with
// the user basis in its note, for org in month. counts may be a whole
// file: the one count of org and month qualifies. No such count is not
// applicable, "no qualifying records"; a count with no users is not
// applicable, "no users".
//
// It fails with record.ErrInvalidOptions for an invalid rule and with
// record.ErrInvalidRecord for invalid counts (CheckContactCounts).
func PerUser(r PerUserRule, org string, month kpi.Month, counts []record.ContactCount) (Figure, error) {
	ps := &problem.List{}
	r.problems(ps)
	if month.IsZero() {
		ps.Option("month", "not set")
	}
	ps.Merge(record.CheckContactCounts(counts))
	if !ps.OK() {
		return Figure{}, ps.Err()
	}
	f := Figure{}
	f.Measurement = kpi.Measurement{KPI: r.KPI, Org: org, Month: month}
	i := slices.IndexFunc(counts, func(c record.ContactCount) bool { return c.Org == org && c.Month == month })
	if i < 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, NoRecords
		return f, nil
	}
	c := counts[i]
	note := fmt.Sprintf("%d contacts for %d users (%s)", c.Contacts, c.Users, r.Basis)
	f.Evidence = []Evidence{{Record: c.Name(), Org: c.Org, Counted: c.Users > 0, Why: note}}
	if c.Users == 0 {
		f.Evidence[0].Why += ": no users, not applicable"
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, "no users"
		return f, nil
	}
	num, den := decimal.NewFromInt(c.Contacts), decimal.NewFromInt(c.Users)
	f.Measurement.Value, _ = r.Precision.Quotient(num, den)
	f.Measurement.Numerator, f.Measurement.Denominator, f.Measurement.HasCounts = num, den, true
	f.Measurement.Note = note
	f.Counted = 1
	return f, nil
}
