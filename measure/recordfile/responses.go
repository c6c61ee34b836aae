package recordfile

import (
	"fmt"
	"io"
	"strconv"
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
	ps := &problem.List{}
	if ps.Merge(scale.Validate()); !ps.OK() {
		return nil, ps.Err()
	}
	t := readCSV(ps, name, r, responseColumns, responseRequired, "")
	if t == nil {
		return nil, ps.Err()
	}
	var out []record.Response
	first := map[string]int{}
	for ri := range t.rows {
		rw := &t.rows[ri]
		before := ps.Len()
		id, idPos := t.get(rw, "id")
		who := "response " + strconv.Quote(id)
		get := func(col string) cell { return t.cell(ps, rw, who, col) }
		x := record.Response{ID: id, Source: record.Source{File: name, Line: rw.line}}
		get("id").nonEmpty()
		x.Org, _ = t.get(rw, "organisation")
		x.Ticket, _ = t.get(rw, "ticket")
		x.Responded, _ = get("responded").instant(zone, true)
		x.TicketResolved, _ = get("ticket-resolved").instant(zone, false)
		if c := get("score"); c.nonEmpty() {
			if n, ok := c.whole(); ok && !scale.Has(n) {
				c.bad(fmt.Sprintf("outside %s", scale))
			} else {
				x.Score = n
			}
		}
		if line, dup := first[id]; dup && id != "" {
			ps.Record(idPos, who, "id", "given twice (first at line %d)", line)
		} else {
			first[id] = rw.line
		}
		if ps.Len() == before {
			out = append(out, x)
		}
	}
	if !ps.OK() {
		return nil, ps.Err()
	}
	return out, nil
}
