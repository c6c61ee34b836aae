package mitigation

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
)

// Record is one agreed mitigation, as a performance report's mitigation
// table lists it: which KPI-months it covers, why it was granted, and what
// it grants.
//
// The zero Record is invalid: NewRegister names every missing field.
type Record struct {
	Ref         string     // a reference for the record, such as "MIT-2021-03"; must be unique when set
	KPI         string     // the KPI's id
	Org         string     // the organisation; empty covers every organisation
	From        kpi.Month  // first month covered
	To          kpi.Month  // last month covered; zero means From only
	Reason      string     // why mitigation was granted; required
	Impact      string     // the impact on the service; may be empty
	PathToGreen string     // how performance returns to target; may be empty
	AgreedOn    kpi.Date   // the date the customer agreed it; zero when not given
	AgreedBy    string     // who agreed it; may be empty
	Effect      Effect     // what it grants
	Deemed      kpi.Status // with Effect Deemed: the status the KPI-months take, Green, Amber or Red; zero with Relief
}

// Last returns the last month r covers: To, or From when To is zero.
func (r Record) Last() kpi.Month {
	if r.To.IsZero() {
		return r.From
	}
	return r.To
}

// Covers reports whether r covers KPI id for organisation org in month m.
// A record with no organisation covers every organisation.
func (r Record) Covers(id, org string, m kpi.Month) bool {
	return r.KPI == id && (r.Org == "" || r.Org == org) && !m.Before(r.From) && !m.After(r.Last())
}

// name returns the record's Ref, or "record N" (1-based position in the
// register's input) when it has none.
func (r Record) name(i int) string {
	if r.Ref != "" {
		return r.Ref
	}
	return fmt.Sprintf("record %d", i+1)
}

// span formats the months from..to as "2021-06", or "2021-06..2021-08"
// when they differ.
func span(from, to kpi.Month) string {
	if from == to {
		return from.String()
	}
	return from.String() + ".." + to.String()
}
