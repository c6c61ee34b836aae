package recordfile

import (
	"fmt"
	"io"
	"time"

	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// The columns of a survey responses file.
var (
	responseColumns  = []string{"id", "organisation", "ticket", "responded", "ticket-resolved", "score"}
	responseRequired = []string{"id", "organisation", "responded", "score"}
)

// ReadResponses reads a survey responses file, CSV with a header row, as
// docs/records.md describes, its scores on scale (NPSScale for a net
// promoter question, SatisfactionScale(5) for a five-point one). name and
// zone are as for ReadTickets. A score outside the scale is an error
// naming the response and the field score. It reports every problem,
// each an *Error naming the file, line, column, response and field and
// wrapping record.ErrInvalidRecord (record.ErrInvalidOptions for an invalid scale); on
// any problem it returns no responses.
func ReadResponses(name string, r io.Reader, zone *time.Location, scale record.Scale) ([]record.Response, error) {
	if err := scale.Validate(); err != nil {
		ps := &problem.List{}
		ps.Merge(err)
		return nil, ps.Err()
	}
	ids := firstLines[string]{}
	return readFile(name, r, responseColumns, responseRequired, "", named("response"), func(x rowOf) record.Response {
		v := record.Response{ID: x.text("id"), Source: x.source()}
		x.get("id").nonEmpty()
		v.Org = x.text("organisation")
		v.Ticket = x.text("ticket")
		v.Responded, _ = x.get("responded").instant(zone, true)
		v.TicketResolved, _ = x.get("ticket-resolved").instant(zone, false)
		if c := x.get("score"); c.nonEmpty() {
			if n, ok := c.whole(); ok && !scale.Has(n) {
				c.bad(fmt.Sprintf("outside %s", scale))
			} else {
				v.Score = n
			}
		}
		if v.ID != "" {
			ids.once(x, v.ID, "id", "given twice (first at line %d)")
		}
		return v
	}, nil)
}
