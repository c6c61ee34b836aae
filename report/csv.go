package report

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
)

// CSVHeader is the header row CSV writes; docs/json-output.md describes
// each column.
var CSVHeader = []string{
	"month", "service_month", "contract_year", "line", "kpi", "organisation", "kind",
	"value", "rounded", "absence", "tsl", "msl", "thresholds_from",
	"measured", "raw", "status", "mitigation", "points", "amount", "rule",
}

// CSVPooledColumns are the columns CSV adds after CSVHeader's when the
// contract has a pooled KPI: the figure published for a pooled KPI-month
// (or why it is absent) beside our computed value, and the computation.
var CSVPooledColumns = []string{"published", "published_absence", "computation"}

// CSVBandColumns are the columns CSV adds, after any CSVPooledColumns,
// when the contract's regime scores by bands (a credits/scheme Scheme
// with a bands or shortfall-bands score): the band a credit row's value
// fell in, empty on any other row.
var CSVBandColumns = []string{"band"}

// CSVColumns returns the header row CSV writes for an evaluation of c:
// CSVHeader, then CSVPooledColumns when any KPI of c is pooled, then
// CSVBandColumns when its regime scores by bands.
func CSVColumns(c *contract.Contract) []string {
	pooled, banded := csvParts(c)
	header := slices.Clone(CSVHeader)
	if pooled {
		header = append(header, CSVPooledColumns...)
	}
	if banded {
		header = append(header, CSVBandColumns...)
	}
	return header
}

// csvParts reports whether CSV's table of c has the pooled columns and the
// band column.
func csvParts(c *contract.Contract) (pooled, banded bool) {
	for _, k := range c.KPIs {
		pooled = pooled || len(k.Pooled) > 0
	}
	b, ok := c.Credits.Regime.(interface{ Banded() bool })
	return pooled, ok && b.Banded()
}

// CSV writes r, an evaluation of c, as one CSV table: a "credit" row for
// every KPI-month (green, PI, figure and relieved ones included, with a
// zero amount), a "withholding" row for a critical month's withholding,
// a "cap" row for every cut by a cap and an "earn-back" row (with its
// KPI and organisation) for every credit earned back, month by month,
// then an "event"
// row for every event the triggers raised. The amounts add up to the
// total credit. Decimals are written as the text report writes them. The
// columns are CSVColumns' (CSVHeader's, followed by CSVPooledColumns' when
// any KPI of c is pooled and CSVBandColumns' when its regime scores by
// bands), so that a contract always gives the same columns. A cell a
// spreadsheet would run as a formula is neutralised (see
// docs/json-output.md); numbers stay numbers.
func CSV(w io.Writer, c *contract.Contract, r *contract.Result) error {
	return csvOf(w, c, whole(r))
}

// CSV writes CSV's table of o, an evaluation of c restricted to one
// organisation.
func (o *Org) CSV(w io.Writer, c *contract.Contract) error { return csvOf(w, c, o.view()) }

func csvOf(w io.Writer, c *contract.Contract, v *view) error {
	cw, err := NewCSVWriter(w, c, v.org)
	if err != nil {
		return err
	}
	for i := range v.months {
		if err := cw.month(&v.months[i], false); err != nil {
			return err
		}
	}
	return cw.Close()
}

// CSVWriter writes CSV's table month by month, as contract.Stream hands
// the months over, for an evaluation too large to keep: it holds only the
// months' events, whose rows come last, until Close.
type CSVWriter struct {
	cw     *csv.Writer
	c      *contract.Contract
	org    string
	money  credits.Money
	pooled bool
	banded bool
	row    []string
	events [][]string // the event rows, written by Close
	num    numbers
}

// NewCSVWriter writes the header row of CSV's table of an evaluation of c
// to w and returns the writer of its months. A non-empty org restricts
// the credit rows to that organisation's, as ForOrg does.
func NewCSVWriter(w io.Writer, c *contract.Contract, org string) (*CSVWriter, error) {
	cw := &CSVWriter{cw: csv.NewWriter(w), c: c, org: org, money: c.Credits.Money}
	cw.pooled, cw.banded = csvParts(c)
	if err := cw.cw.Write(CSVColumns(c)); err != nil {
		return nil, err
	}
	return cw, nil
}

// Month writes the rows of month m: a credit row per cell (of the
// organisation, with one), then its withholding and cap rows.
func (cw *CSVWriter) Month(m *contract.MonthResult) error { return cw.month(m, cw.org != "") }

// month writes m's rows, skipping the cells of organisations other than
// cw.org when filter is set.
func (cw *CSVWriter) month(m *contract.MonthResult, filter bool) error {
	money := cw.money
	month, sm, yr := m.Month.String(), strconv.Itoa(m.ServiceMonth), strconv.Itoa(m.Year)
	for i := range m.Cells {
		cell := &m.Cells[i]
		res := &cell.Measured
		if filter && res.Org != cw.org {
			continue
		}
		value, round, absence := "", "", ""
		if res.Status == kpi.Unmeasured {
			absence = res.Absent.String()
		} else {
			value, round = cw.num.value(res.Value), cw.num.fixed(res.Rounded, res.Precision.Places)
		}
		tsl, msl, from := "", "", ""
		if hasLevels(*res) {
			tsl, msl, from = cw.num.value(res.Thresholds.TSL), cw.num.value(res.Thresholds.MSL), res.Source.String()
		}
		mit := ""
		if cell.Mitigation != nil {
			mit = cell.Mitigation.Ref
		}
		row := append(cw.row[:0], month, sm, yr, "credit", res.KPI, res.Org, res.Kind.String(),
			value, round, absence, tsl, msl, from,
			res.Status.String(), cell.Raw.String(), cell.Status.String(), mit,
			cw.num.value(cell.Credit.Points), cw.num.fixed(cell.Credit.Amount, money.Places), cell.Credit.Rule)
		if cw.pooled {
			pub, pubAbsent := "", ""
			if p := cell.Published(); p != nil && p.Absent != 0 {
				pubAbsent = p.Absent.String()
			} else if p != nil {
				pub = kpi.FormatValue(p.Value)
			}
			row = append(row, pub, pubAbsent, cell.Computation())
		}
		if cw.banded {
			row = append(row, cell.Credit.Band())
		}
		if err := cw.write(row); err != nil {
			return err
		}
	}
	for _, l := range m.Lines {
		kind, capKind, id, org := "cap", "", "", ""
		if l.Cap != 0 {
			capKind = l.Cap.String()
		}
		if l.Kind == credits.WithholdLine {
			kind = "withholding"
		}
		if l.Kind == credits.EarnBackLine {
			kind, id, org = "earn-back", l.KPI, l.Org
		}
		row := append(cw.row[:0], month, sm, yr, kind, id, org, capKind, "", "", "", "", "", "", "", "", "", "",
			"", money.Format(l.Amount), l.Rule)
		row = cw.blank(row)
		if err := cw.write(row); err != nil {
			return err
		}
	}
	for _, e := range m.Events {
		pts := ""
		if e.Kind == credits.PointsInWindow {
			pts = kpi.FormatValue(e.Points)
		}
		row := []string{e.Month.String(), sm, yr, "event", e.KPI, e.Org, e.Kind.String(),
			"", "", "", "", "", "", "", "", "", "", pts, "", e.Trigger + ": " + e.Detail}
		cw.events = append(cw.events, cw.blank(row))
	}
	return nil
}

// blank appends the empty cells of the pooled and band columns the table
// has to a row that has none of them.
func (cw *CSVWriter) blank(row []string) []string {
	if cw.pooled {
		row = append(row, "", "", "")
	}
	if cw.banded {
		row = append(row, "")
	}
	return row
}

// write writes row with every cell neutralised for a spreadsheet.
func (cw *CSVWriter) write(row []string) error {
	for i, s := range row {
		row[i] = safetext.CSV(s)
	}
	cw.row = row
	return cw.cw.Write(row)
}

// Close writes the event rows of every month written and flushes the
// table.
func (cw *CSVWriter) Close() error {
	for _, row := range cw.events {
		if err := cw.write(row); err != nil {
			return err
		}
	}
	cw.cw.Flush()
	return cw.cw.Error()
}
