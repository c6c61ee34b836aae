package recordfile

import (
	"io"
	"time"

	"github.com/servicecredit/engine/measure/record"
)

// The columns of a calls file.
var (
	callColumns  = []string{"id", "organisation", "queued", "outcome", "wait"}
	callRequired = callColumns
)

// ReadCalls reads a calls file, CSV with a header row, as docs/records.md
// describes: one row per call offered to the service desk queue. name and
// zone are as for ReadTickets. It checks each call as CheckCalls does and
// reports every problem, each an *Error naming the file, line, column,
// call and field and wrapping record.ErrInvalidRecord; on any problem it returns
// no calls.
func ReadCalls(name string, r io.Reader, zone *time.Location) ([]record.Call, error) {
	ids := firstLines[string]{}
	return readFile(name, r, callColumns, callRequired, "", named("call"), func(x rowOf) record.Call {
		c := record.Call{ID: x.text("id"), Source: x.source()}
		x.get("id").nonEmpty()
		c.Org = x.text("organisation")
		c.Queued, _ = x.get("queued").instant(zone, true)
		if o := x.get("outcome"); o.nonEmpty() {
			word(o, &c.Outcome)
		}
		if w := x.get("wait"); w.nonEmpty() {
			c.Wait, _ = w.duration()
		}
		if c.ID != "" {
			ids.once(x, c.ID, "id", "given twice (first at line %d)")
		}
		return c
	}, nil)
}
