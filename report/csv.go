package report

import (
	"encoding/csv"
	"io"
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

// CSV writes r, an evaluation of c, as one CSV table: a "credit" row for
// every KPI-month (green, PI and relieved ones included, with a zero
// amount) and a "cap" row for every cut by a cap, month by month. The
// amounts add up to the total credit. Decimals are written as the text
// report writes them.
func CSV(w io.Writer, c *contract.Contract, r *contract.Result) error {
	money := c.Credits.Money
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, m := range r.Months {
		month, sm, yr := m.Month.String(), strconv.Itoa(m.ServiceMonth), strconv.Itoa(m.Year)
		for _, cell := range m.Cells {
			res := cell.Measured
			value, rounded, absence := "", "", ""
			if res.Status == kpi.Unmeasured {
				absence = res.Absent.String()
			} else {
				value, rounded = kpi.FormatValue(res.Value), res.Rounded.StringFixed(res.Precision.Places)
			}
			mit := ""
			if cell.Mitigated {
				mit = cell.Mitigation.Ref
			}
			if err := cw.Write([]string{month, sm, yr, "credit", res.KPI, res.Org, cell.Kind.String(),
				value, rounded, absence, kpi.FormatValue(res.Thresholds.TSL), kpi.FormatValue(res.Thresholds.MSL), res.Source.String(),
				res.Status.String(), cell.Raw.String(), cell.Status.String(), mit,
				kpi.FormatValue(cell.Credit.Points), money.Format(cell.Credit.Amount), cell.Credit.Rule}); err != nil {
				return err
			}
		}
		for _, l := range r.Ledger.Lines {
			if l.Kind != credits.CapLine || l.Month != m.Month {
				continue
			}
			if err := cw.Write([]string{month, sm, yr, "cap", "", "", "", "", "", "", "", "", "", "", "", "", "",
				"", money.Format(l.Amount), l.Rule}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
