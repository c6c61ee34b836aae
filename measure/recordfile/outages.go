package recordfile

import (
	"fmt"
	"io"
	"time"

	"github.com/servicecredit/engine/internal/decimaltext"
	"github.com/servicecredit/engine/measure/record"
	"github.com/shopspring/decimal"
)

// The columns of an outages file.
var (
	outageColumns  = []string{"id", "service", "organisations", "start", "end", "planned", "impact-weight", "users-affected", "exclusion"}
	outageRequired = []string{"id", "service", "start", "end", "planned"}
)

// ReadOutages reads an outages file, CSV with a header row, as
// docs/records.md describes; name and zone are as for ReadTickets. It
// checks each outage as CheckOutages does and reports every problem, each
// an *Error naming the file, line, column, outage and field and wrapping
// record.ErrInvalidRecord; on any problem it returns no outages.
func ReadOutages(name string, r io.Reader, zone *time.Location) ([]record.Outage, error) {
	ids := firstLines[string]{}
	return readFile(name, r, outageColumns, outageRequired, "", named("outage"), func(x rowOf) record.Outage {
		get := x.get
		o := record.Outage{ID: x.text("id"), Source: x.source()}
		get("id").nonEmpty()
		if c := get("service"); c.nonEmpty() {
			o.Service = c.text
		}
		o.Orgs = get("organisations").parts()
		o.Start, _ = get("start").instant(zone, true)
		o.End, _ = get("end").instant(zone, true)
		if c := get("planned"); c.text == "" {
			c.ps.Add(c.p, x.who, "planned", "empty (want yes or no)", record.ErrInvalidRecord)
		} else {
			o.Planned = c.flag()
		}
		if c := get("impact-weight"); c.text != "" {
			w, msg := parseDecimal(c.text)
			if msg != "" {
				c.bad(msg)
			}
			o.Weight, o.HasWeight = w, msg == ""
		}
		if c := get("users-affected"); c.text != "" {
			o.Users, o.HasUsers = c.whole()
		}
		o.Exclusion = x.text("exclusion")
		if o.ID != "" {
			ids.once(x, o.ID, "id", "given twice (first at line %d)")
		}
		return o
	}, record.CheckOutages)
}

// parseDecimal parses text by the one decimal grammar
// (internal/decimaltext), in this package's words. On failure it returns
// what was expected.
func parseDecimal(text string) (decimal.Decimal, string) {
	d, p := decimaltext.Parse(text)
	switch p {
	case decimaltext.OK:
		return d, ""
	case decimaltext.TooLong:
		return decimal.Decimal{}, fmt.Sprintf("longer than %d characters", decimaltext.MaxLen)
	}
	return decimal.Decimal{}, "not a decimal (want digits with an optional decimal point, such as 0.5)"
}
