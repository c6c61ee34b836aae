package recordfile

import (
	"io"
	"strconv"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// The columns of a contact counts file.
var (
	countColumns  = []string{"organisation", "month", "contacts", "users"}
	countRequired = countColumns
)

// ReadContactCounts reads a contact counts file, CSV with a header row, as
// docs/records.md describes: one row per organisation and month, with the
// contacts and the users. name is the file's name for messages. It checks
// the counts as CheckContactCounts does and reports every problem, each
// an *Error naming the file, line, column, count and field and wrapping
// record.ErrInvalidRecord; on any problem it returns no counts.
func ReadContactCounts(name string, r io.Reader) ([]record.ContactCount, error) {
	ps := &problem.List{}
	t := readCSV(ps, name, r, countColumns, countRequired, "")
	if t == nil {
		return nil, ps.Err()
	}
	var out []record.ContactCount
	type key struct {
		org   string
		month kpi.Month
	}
	first := map[key]int{}
	for ri := range t.rows {
		rw := &t.rows[ri]
		before := ps.Len()
		org, _ := t.get(rw, "organisation")
		month, _ := t.get(rw, "month")
		c := record.ContactCount{Org: org, Source: record.Source{File: name, Line: rw.line}}
		who := "count " + strconv.Quote(org) + " " + month
		get := func(col string) cell { return t.cell(ps, rw, who, col) }
		if x := get("month"); x.nonEmpty() {
			c.Month, _ = x.month()
		}
		if x := get("contacts"); x.nonEmpty() {
			n, _ := x.whole()
			c.Contacts = int64(n)
		}
		if x := get("users"); x.nonEmpty() {
			n, _ := x.whole()
			c.Users = int64(n)
		}
		if ps.Len() > before {
			continue
		}
		k := key{c.Org, c.Month}
		if line, dup := first[k]; dup {
			_, p := t.get(rw, "month")
			ps.Record(p, c.Name(), "month", "given twice (first at line %d)", line)
			continue
		}
		first[k] = rw.line
		out = append(out, c)
	}
	if !ps.OK() {
		return nil, ps.Err()
	}
	return out, nil
}
