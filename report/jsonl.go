package report

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
)

// JSONLinesFormat names the layout JSONLWriter writes; it changes only
// when a field is removed or changes meaning.
const JSONLinesFormat = "servicecredit/evaluation-lines/v1"

// The records of JSON lines, each one object on a line with "record"
// first; docs/json-output.md documents them. They reuse JSON's
// structures, so that a field means what it means there.
type (
	jsonlHead struct {
		Record       string       `json:"record"`
		Format       string       `json:"format"`
		Contract     jsonContract `json:"contract"`
		Organisation string       `json:"organisation,omitzero"`
	}
	jsonlMonth struct {
		Record string `json:"record"`
		jsonMonthSum
		ServiceMonth int         `json:"service_month"`
		Summary      jsonSummary `json:"summary"`
	}
	jsonlCell struct {
		Record string `json:"record"`
		Month  string `json:"month"`
		jsonCell
	}
	jsonlLine struct {
		Record string `json:"record"`
		jsonLine
	}
	jsonlEvent struct {
		Record string `json:"record"`
		jsonEvent
	}
	jsonlRecord struct {
		Record string `json:"record"`
		jsonRecord
	}
	jsonlYear struct {
		Record string `json:"record"`
		jsonYear
	}
	jsonlDecision struct {
		Record string `json:"record"`
		jsonDecision
	}
	jsonlTotal struct {
		Record      string `json:"record"`
		From        string `json:"from"`
		To          string `json:"to"`
		TotalCredit string `json:"total_credit"`
	}
)

// JSONLWriter writes an evaluation as JSON lines, one object a line,
// month by month as contract.Stream hands the months over, for scripts
// that want JSON without holding it: a "evaluation" record first, then
// for each month a "month" record followed by its "cell", "combined",
// "line" (cap and withholding) and "event" records, and, from Close, the
// "mitigation", "year" and "decision" records and a last "total" record.
// It holds only the mitigation records applied until Close.
type JSONLWriter struct {
	b        *bufio.Writer
	enc      *json.Encoder
	c        *contract.Contract
	org      string
	money    credits.Money
	from, to kpi.Month
	recs     []*mitigation.Record // the records applied, in order of first use
	seen     map[*mitigation.Record]bool
}

// NewJSONLWriter writes the "evaluation" record of an evaluation of c to
// w and returns the writer of its months. A non-empty org restricts the
// cells and summaries to that organisation's, as ForOrg does.
func NewJSONLWriter(w io.Writer, c *contract.Contract, org string) (*JSONLWriter, error) {
	b := bufio.NewWriter(w)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	jw := &JSONLWriter{b: b, enc: enc, c: c, org: org, money: c.Credits.Money, seen: map[*mitigation.Record]bool{}}
	head := jsonlHead{Record: "evaluation", Format: JSONLinesFormat, Organisation: org, Contract: jsonContract{
		Name: c.Name, Customer: c.Customer, Supplier: c.Supplier, Commencement: c.Commencement.String(),
		Term: c.Term, Organisations: nonNil(c.Orgs), MoneyPlaces: c.Credits.Money.Places}}
	return jw, enc.Encode(head)
}

// Month writes the records of month m.
func (jw *JSONLWriter) Month(m *contract.MonthResult) error {
	if jw.from.IsZero() {
		jw.from = m.Month
	}
	jw.to = m.Month
	sum := m.Summary
	if jw.org != "" {
		sum = contract.Summary{}
		for i := range m.Cells {
			if m.Cells[i].Measured.Org == jw.org {
				sum.Add(&m.Cells[i])
			}
		}
	}
	month := m.Month.String()
	if err := jw.enc.Encode(jsonlMonth{Record: "month", jsonMonthSum: jsonMonthSumOf(m.Credit, jw.money, hasEarnBack(jw.c)),
		ServiceMonth: m.ServiceMonth, Summary: jsonSummaryOf(sum)}); err != nil {
		return err
	}
	for i := range m.Cells {
		cell := &m.Cells[i]
		if jw.org != "" && cell.Measured.Org != jw.org {
			continue
		}
		if rec := cell.Mitigation; rec != nil && !jw.seen[rec] {
			jw.seen[rec] = true
			jw.recs = append(jw.recs, rec)
		}
		if err := jw.enc.Encode(jsonlCell{Record: "cell", Month: month, jsonCell: jsonCellOf(cell, jw.money)}); err != nil {
			return err
		}
	}
	for i := range m.Combined {
		if err := jw.enc.Encode(jsonlCell{Record: "combined", Month: month, jsonCell: jsonCellOf(&m.Combined[i], jw.money)}); err != nil {
			return err
		}
	}
	for i := range m.Lines {
		if err := jw.enc.Encode(jsonlLine{Record: "line", jsonLine: jsonLineOf(&m.Lines[i], jw.money)}); err != nil {
			return err
		}
	}
	for _, e := range m.Events {
		if err := jw.enc.Encode(jsonlEvent{Record: "event", jsonEvent: jsonEventOf(e)}); err != nil {
			return err
		}
	}
	return nil
}

// Close writes the "mitigation" records of the records applied, the
// "year" records of t, the "decision" records of the months written and
// the "total" record, and flushes.
func (jw *JSONLWriter) Close(t *contract.Totals) error {
	for _, rec := range jw.recs {
		if err := jw.enc.Encode(jsonlRecord{Record: "mitigation", jsonRecord: jsonRecordOf(rec)}); err != nil {
			return err
		}
	}
	for _, y := range t.Years {
		if err := jw.enc.Encode(jsonlYear{Record: "year", jsonYear: jsonYearOf(y, jw.money, hasCritical(jw.c), hasEarnBack(jw.c))}); err != nil {
			return err
		}
	}
	if in := jw.c.Credits.Incidents; in.Rule == credits.CustomerChoice && !jw.from.IsZero() {
		for _, d := range in.Decisions {
			if !d.Month.Before(jw.from) && !d.Month.After(jw.to) {
				if err := jw.enc.Encode(jsonlDecision{Record: "decision", jsonDecision: jsonDecisionOf(d)}); err != nil {
					return err
				}
			}
		}
	}
	total := jsonlTotal{Record: "total", TotalCredit: jw.money.Format(t.Total)}
	if !jw.from.IsZero() {
		total.From, total.To = jw.from.String(), jw.to.String()
	}
	if err := jw.enc.Encode(total); err != nil {
		return err
	}
	return jw.b.Flush()
}
