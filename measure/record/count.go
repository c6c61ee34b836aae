package record

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
)

// ContactCount is one organisation's contacts and users in one month, as
// the service desk reports them.
type ContactCount struct {
	Org      string    // the organisation counted
	Month    kpi.Month // the month counted
	Contacts int64     // contacts with the service desk in the month
	Users    int64     // users on the contract's basis, such as licensed users
	Source   Source    // where the count was read
}

// Name returns the count as messages name it: count "LBH" 2021-06.
func (c *ContactCount) Name() string { return fmt.Sprintf("count %q %s", c.Org, c.Month) }

// CheckContactCounts reports every problem with counts on their own: no
// month, negative counts, an organisation and month given twice. Problems
// wrap ErrInvalidRecord.
func CheckContactCounts(counts []ContactCount) error {
	ps := &problem.List{}
	type key struct {
		org   string
		month kpi.Month
	}
	seen := firsts[key]{}
	for i := range counts {
		c := &counts[i]
		p, who := c.Source.pos(), c.Name()
		if c.Month.IsZero() {
			ps.Record(p, who, "month", "empty")
		} else if msg, dup := seen.repeated(key{c.Org, c.Month}, c.Source); dup {
			ps.Record(p, who, "month", "%s", msg)
		}
		if c.Contacts < 0 {
			ps.Record(p, who, "contacts", "negative")
		}
		if c.Users < 0 {
			ps.Record(p, who, "users", "negative")
		}
	}
	return ps.Err()
}
