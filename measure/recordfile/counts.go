package recordfile

import (
	"io"
	"strconv"

	"github.com/servicecredit/engine/kpi"
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
	type key struct {
		org   string
		month kpi.Month
	}
	months := firstLines[key]{}
	who := func(x rowOf) string { return "count " + strconv.Quote(x.text("organisation")) + " " + x.text("month") }
	return readFile(name, r, countColumns, countRequired, "", who, func(x rowOf) record.ContactCount {
		c := record.ContactCount{Org: x.text("organisation"), Source: x.source()}
		if m := x.get("month"); m.nonEmpty() {
			c.Month, _ = m.month()
		}
		if n := x.get("contacts"); n.nonEmpty() {
			v, _ := n.whole()
			c.Contacts = int64(v)
		}
		if n := x.get("users"); n.nonEmpty() {
			v, _ := n.whole()
			c.Users = int64(v)
		}
		if x.clean() {
			x.who = c.Name()
			months.once(x, key{c.Org, c.Month}, "month", "given twice (first at line %d)")
		}
		return c
	}, nil)
}
