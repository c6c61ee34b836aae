package record

import (
	"strconv"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/shopspring/decimal"
)

// Outage is a period a service was unavailable, or planned maintenance.
// The zero Outage is invalid: it has no id, service or times.
type Outage struct {
	ID      string    // the outage's id
	Service string    // the service unavailable, as a rule's services name it
	Orgs    []string  // the organisations affected; informational
	Start   time.Time // when the service became unavailable
	End     time.Time // when it was restored; after Start
	Planned bool      // planned maintenance

	// Weight, with HasWeight, is the outage's impact, 0 to 1, for the
	// impact-weight weighting: 0.5 for half the service lost.
	Weight    decimal.Decimal
	HasWeight bool
	// Users, with HasUsers, is the number of users affected, for the
	// user-minutes weighting; HasUsers is false when none was given (an
	// empty column), which is never zero users.
	Users    int
	HasUsers bool

	Exclusion string // why the outage is not counted; empty when it is
	Source    Source // where the outage was read

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Name returns the outage as messages name it: outage "u1".
func (o *Outage) Name() string { return "outage " + strconv.Quote(o.ID) }

// CheckOutages reports every problem with outages on their own: no id or
// service, an end not after the start, a weight outside 0..1, negative
// users, an id given twice. Problems wrap ErrInvalidRecord.
func CheckOutages(outages []Outage) error {
	ps := &problem.List{}
	seen := firsts[string]{}
	for i := range outages {
		o := &outages[i]
		p, who := o.Source.pos(), o.Name()
		seen.id(ps, p, who, o.ID, o.Source)
		if o.Service == "" {
			ps.Record(p, who, "service", "empty")
		}
		switch {
		case o.Start.IsZero() || o.End.IsZero():
			ps.Record(p, who, "end", "want a start and an end")
		case !o.End.After(o.Start):
			ps.Record(p, who, "end", "%s not after start %s", problem.Stamp(o.End), problem.Stamp(o.Start))
		}
		if o.HasWeight && (o.Weight.Sign() < 0 || o.Weight.Cmp(decimal.NewFromInt(1)) > 0) {
			ps.Record(p, who, "impact-weight", "%s outside 0..1", kpi.FormatValue(o.Weight))
		}
		if o.Users < 0 {
			ps.Record(p, who, "users-affected", "negative")
		}
	}
	return ps.Err()
}
