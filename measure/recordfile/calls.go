package recordfile

import (
	"io"
	"strconv"
	"time"

	"github.com/servicecredit/engine/measure/internal/problem"
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
	ps := &problem.List{}
	t := readCSV(ps, name, r, callColumns, callRequired, "")
	if t == nil {
		return nil, ps.Err()
	}
	var out []record.Call
	first := map[string]int{}
	for ri := range t.rows {
		rw := &t.rows[ri]
		before := ps.Len()
		id, idPos := t.get(rw, "id")
		who := "call " + strconv.Quote(id)
		get := func(col string) cell { return t.cell(ps, rw, who, col) }
		c := record.Call{ID: id, Source: record.Source{File: name, Line: rw.line}}
		get("id").nonEmpty()
		c.Org, _ = t.get(rw, "organisation")
		c.Queued, _ = get("queued").instant(zone, true)
		if x := get("outcome"); x.nonEmpty() {
			word(x, &c.Outcome)
		}
		if x := get("wait"); x.nonEmpty() {
			c.Wait, _ = x.duration()
		}
		if line, dup := first[id]; dup && id != "" {
			ps.Record(idPos, who, "id", "given twice (first at line %d)", line)
		} else {
			first[id] = rw.line
		}
		if ps.Len() == before {
			out = append(out, c)
		}
	}
	if !ps.OK() {
		return nil, ps.Err()
	}
	return out, nil
}
