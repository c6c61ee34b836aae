package measure

import (
	"io"
	"strconv"

	"github.com/servicecredit/engine/kpi"
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
// ErrInvalidRecord; on any problem it returns no counts.
func ReadContactCounts(name string, r io.Reader) ([]ContactCount, error) {
	ps := &problems{}
	t := readCSV(ps, name, r, countColumns, countRequired, "")
	if t == nil {
		return nil, ps.err()
	}
	var out []ContactCount
	type key struct {
		org   string
		month kpi.Month
	}
	first := map[key]int{}
	for ri := range t.rows {
		rw := &t.rows[ri]
		before := len(ps.list)
		org, _ := t.get(rw, "organisation")
		month, _ := t.get(rw, "month")
		c := ContactCount{Org: org, Source: Source{File: name, Line: rw.line}}
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
		if len(ps.list) > before {
			continue
		}
		k := key{c.Org, c.Month}
		if line, dup := first[k]; dup {
			_, p := t.get(rw, "month")
			ps.record(p, c.name(), "month", "given twice (first at line %d)", line)
			continue
		}
		first[k] = rw.line
		out = append(out, c)
	}
	if !ps.ok() {
		return nil, ps.err()
	}
	return out, nil
}
