package report

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
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

// CSV writes r, an evaluation of c, as one CSV table: a "credit" row for
// every KPI-month (green, PI, figure and relieved ones included, with a
// zero amount), a "withholding" row for a critical month's withholding
// and a "cap" row for every cut by a cap, month by month. The
// amounts add up to the total credit. Decimals are written as the text
// report writes them. The columns are CSVHeader's, followed by
// CSVPooledColumns' when any KPI of c is pooled, so that a contract always
// gives the same columns.
func CSV(w io.Writer, c *contract.Contract, r *contract.Result) error {
	money := c.Credits.Money
	pooled := false
	for _, k := range c.KPIs {
		pooled = pooled || len(k.Pooled) > 0
	}
	cw := csv.NewWriter(w)
	header := CSVHeader
	if pooled {
		header = append(slices.Clone(CSVHeader), CSVPooledColumns...)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, m := range r.Months {
		month, sm, yr := m.Month.String(), strconv.Itoa(m.ServiceMonth), strconv.Itoa(m.Year)
		for _, cell := range m.Cells {
			res := cell.Measured
			value, round, absence := "", "", ""
			if res.Status == kpi.Unmeasured {
				absence = res.Absent.String()
			} else {
				value, round = kpi.FormatValue(res.Value), rounded(res)
			}
			tsl, msl, from := "", "", ""
			if hasLevels(res) {
				tsl, msl, from = kpi.FormatValue(res.Thresholds.TSL), kpi.FormatValue(res.Thresholds.MSL), res.Source.String()
			}
			mit := ""
			if cell.Mitigation != nil {
				mit = cell.Mitigation.Ref
			}
			row := []string{month, sm, yr, "credit", res.KPI, res.Org, res.Kind.String(),
				value, round, absence, tsl, msl, from,
				res.Status.String(), cell.Raw.String(), cell.Status.String(), mit,
				kpi.FormatValue(cell.Credit.Points), money.Format(cell.Credit.Amount), cell.Credit.Rule}
			if pooled {
				pub, pubAbsent := "", ""
				if p := cell.Published(); p != nil && p.Absent != 0 {
					pubAbsent = p.Absent.String()
				} else if p != nil {
					pub = kpi.FormatValue(p.Value)
				}
				row = append(row, pub, pubAbsent, cell.Computation())
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		for _, l := range r.Ledger.Lines {
			if l.Kind == credits.CreditLine || l.Month != m.Month {
				continue
			}
			kind, capKind := "cap", ""
			if l.Cap != 0 {
				capKind = l.Cap.String()
			}
			if l.Kind == credits.WithholdLine {
				kind = "withholding"
			}
			row := []string{month, sm, yr, kind, "", "", capKind, "", "", "", "", "", "", "", "", "", "",
				"", money.Format(l.Amount), l.Rule}
			if pooled {
				row = append(row, "", "", "")
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	for _, m := range r.Months {
		for _, e := range r.Ledger.Events {
			if e.Month != m.Month {
				continue
			}
			pts := ""
			if e.Kind == credits.PointsInWindow {
				pts = kpi.FormatValue(e.Points)
			}
			row := []string{e.Month.String(), strconv.Itoa(m.ServiceMonth), strconv.Itoa(m.Year), "event", e.KPI, e.Org, e.Kind.String(),
				"", "", "", "", "", "", "", "", "", "", pts, "", e.Trigger + ": " + e.Detail}
			if pooled {
				row = append(row, "", "", "")
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
