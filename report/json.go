package report

import (
	"encoding/json"
	"io"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/servicecredit/engine/seal"
)

// JSONFormat names the layout JSON writes; it changes only when a field
// is removed or changes meaning.
const JSONFormat = "servicecredit/evaluation/v1"

// The JSON output's structures; docs/json-output.md documents every field.
// Decimals are strings: money with the contract's money places, measured
// values as given, rounded values with the KPI's places.
type (
	jsonReport struct {
		Format       string         `json:"format"`
		Contract     jsonContract   `json:"contract"`
		From         string         `json:"from"`
		To           string         `json:"to"`
		Organisation string         `json:"organisation,omitzero"`
		Months       []jsonMonth    `json:"months"`
		Mitigations  []jsonRecord   `json:"mitigations"`
		Ledger       []jsonLine     `json:"ledger"`
		MonthTotals  []jsonMonthSum `json:"month_totals"`
		Years        []jsonYear     `json:"years"`
		Events       []jsonEvent    `json:"events,omitempty"`
		Decisions    []jsonDecision `json:"incident_decisions,omitempty"`
		TotalCredit  string         `json:"total_credit"`
	}
	// jsonEvent is an event as a seal holds it, with its month first.
	jsonEvent struct {
		Month string `json:"month"`
		seal.TriggerEvent
	}
	jsonDecision struct {
		Incident     string `json:"incident"`
		Month        string `json:"month"`
		KPI          string `json:"kpi"`
		Organisation string `json:"organisation,omitzero"`
		DecidedBy    string `json:"decided_by"`
		Note         string `json:"note,omitzero"`
	}
	jsonContract struct {
		Name          string   `json:"name"`
		Customer      string   `json:"customer"`
		Supplier      string   `json:"supplier"`
		Commencement  string   `json:"commencement"`
		Term          int      `json:"term"`
		Organisations []string `json:"organisations"`
		MoneyPlaces   int32    `json:"money_places"`
	}
	jsonMonth struct {
		Month        string      `json:"month"`
		ServiceMonth int         `json:"service_month"`
		ContractYear int         `json:"contract_year"`
		Summary      jsonSummary `json:"summary"`
		Cells        []jsonCell  `json:"cells"`
		Combined     []jsonCell  `json:"combined,omitempty"`
	}
	jsonSummary struct {
		TSLAchieved      int `json:"tsl_achieved"`
		MSLAchieved      int `json:"msl_achieved"`
		BelowMSL         int `json:"below_msl"`
		NotMeasured      int `json:"not_measured"`
		Total            int `json:"total"`
		MitigationAgreed int `json:"mitigation_agreed"`
	}
	jsonCell struct {
		seal.Judged
		Computation string   `json:"computation,omitzero"`
		Card        bool     `json:"card,omitzero"`
		CardReason  string   `json:"card_reason,omitzero"`
		Published   string   `json:"published,omitzero"`
		PubAbsence  string   `json:"published_absence,omitzero"`
		Measured    string   `json:"measured"`
		Raw         string   `json:"raw"`
		Status      string   `json:"status"`
		Mitigation  string   `json:"mitigation,omitzero"`
		Points      string   `json:"points"`
		Band        string   `json:"band,omitzero"`
		Credit      string   `json:"credit"`
		Reason      string   `json:"reason"`
		Rule        string   `json:"rule"`
		Note        string   `json:"note,omitzero"`
		Incidents   []string `json:"incidents,omitempty"`
	}
	jsonRecord struct {
		Ref          string `json:"ref"`
		KPI          string `json:"kpi"`
		Organisation string `json:"organisation,omitzero"`
		From         string `json:"from"`
		To           string `json:"to"`
		Effect       string `json:"effect"`
		Deemed       string `json:"deemed,omitzero"`
		Reason       string `json:"reason"`
		Impact       string `json:"impact,omitzero"`
		PathToGreen  string `json:"path_to_green,omitzero"`
		AgreedOn     string `json:"agreed_on,omitzero"`
		AgreedBy     string `json:"agreed_by,omitzero"`
	}
	jsonLine struct {
		Month        string `json:"month"`
		ContractYear int    `json:"contract_year"`
		Kind         string `json:"kind"`
		Cap          string `json:"cap,omitzero"`
		KPI          string `json:"kpi,omitzero"`
		Organisation string `json:"organisation,omitzero"`
		Raw          string `json:"raw,omitzero"`
		Status       string `json:"status,omitzero"`
		Mitigation   string `json:"mitigation,omitzero"`
		Returns      string `json:"returns,omitzero"`         // an earn-back line's: the month of the credit it returns
		Returned     string `json:"credit_returned,omitzero"` // an earn-back line's: that credit's amount
		Paid         string `json:"paid,omitzero"`            // an earn-back line's: the part of it the caps left
		Share        string `json:"share,omitzero"`           // an earn-back line's: the per cent of paid returned
		Points       string `json:"points"`
		Band         string `json:"band,omitzero"`
		Amount       string `json:"amount"`
		Rule         string `json:"rule"`
	}
	jsonMonthSum struct {
		Month        string `json:"month"`
		ContractYear int    `json:"contract_year"`
		Charges      string `json:"charges"`
		Uncapped     string `json:"uncapped"`
		Cut          string `json:"cut"`
		Credit       string `json:"credit"`
		Critical     bool   `json:"critical,omitzero"`
		Withheld     string `json:"withheld,omitzero"`
		EarnedBack   string `json:"earned_back,omitzero"` // with an earn-back rule: the month's earn-back lines
	}
	jsonYear struct {
		ContractYear int          `json:"contract_year"`
		From         string       `json:"from"`
		To           string       `json:"to"`
		Charges      string       `json:"charges"`
		Cap          string       `json:"annual_cap,omitzero"`
		Withheld     string       `json:"withheld,omitzero"`
		Uncapped     string       `json:"uncapped"`
		Cut          string       `json:"cut"`
		EarnedBack   string       `json:"earned_back,omitzero"` // with an earn-back rule: the year's earn-back lines
		Credit       string       `json:"credit"`
		Drivers      []jsonDriver `json:"drivers"`
	}
	jsonDriver struct {
		KPI          string   `json:"kpi"`
		Organisation string   `json:"organisation"`
		Withholding  bool     `json:"withholding,omitzero"`
		Amount       string   `json:"amount"`
		Months       []string `json:"months"`
	}
)

// JSON writes r, an evaluation of c, as one indented JSON object whose
// fields docs/json-output.md documents. The output depends only on its
// inputs and ignores the decimal package's globals.
func JSON(w io.Writer, c *contract.Contract, r *contract.Result) error {
	return jsonOf(w, c, whole(r))
}

// JSON writes JSON's object of o, an evaluation of c restricted to one
// organisation: with "organisation" set, the organisation's cells,
// summaries and credit lines, and the whole contract's cap and
// withholding lines and totals.
func (o *Org) JSON(w io.Writer, c *contract.Contract) error { return jsonOf(w, c, o.view()) }

func jsonOf(w io.Writer, c *contract.Contract, v *view) error {
	org := v.org
	money := c.Credits.Money
	out := jsonReport{
		Format: JSONFormat,
		Contract: jsonContract{
			Name: c.Name, Customer: c.Customer, Supplier: c.Supplier, Commencement: c.Commencement.String(),
			Term: c.Term, Organisations: nonNil(c.Orgs), MoneyPlaces: money.Places,
		},
		Organisation: org,
		Months:       []jsonMonth{},
		Mitigations:  []jsonRecord{},
		Ledger:       []jsonLine{},
		MonthTotals:  []jsonMonthSum{},
		Years:        []jsonYear{},
		TotalCredit:  money.Format(v.ledger.Total),
	}
	if len(v.months) > 0 {
		out.From, out.To = v.months[0].Month.String(), v.months[len(v.months)-1].Month.String()
	}
	for i := range v.months {
		m := &v.months[i]
		jm := jsonMonth{Month: m.Month.String(), ServiceMonth: m.ServiceMonth, ContractYear: m.Year, Cells: []jsonCell{},
			Summary: jsonSummaryOf(m.Summary)}
		for j := range m.Cells {
			jm.Cells = append(jm.Cells, jsonCellOf(&m.Cells[j], money))
		}
		for j := range m.Combined {
			jm.Combined = append(jm.Combined, jsonCellOf(&m.Combined[j], money))
		}
		out.Months = append(out.Months, jm)
	}
	for _, rec := range mitigationsOf(v) {
		out.Mitigations = append(out.Mitigations, jsonRecordOf(&rec))
	}
	for i := range v.lines {
		out.Ledger = append(out.Ledger, jsonLineOf(&v.lines[i], money))
	}
	for _, m := range v.ledger.Months {
		out.MonthTotals = append(out.MonthTotals, jsonMonthSumOf(m, money, hasEarnBack(c)))
	}
	for _, y := range v.ledger.Years {
		out.Years = append(out.Years, jsonYearOf(y, money, hasCritical(c), hasEarnBack(c)))
	}
	for _, e := range v.ledger.Events {
		out.Events = append(out.Events, jsonEventOf(e))
	}
	for _, d := range decisionsOf(c, v) {
		out.Decisions = append(out.Decisions, jsonDecisionOf(d))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func jsonSummaryOf(s contract.Summary) jsonSummary {
	return jsonSummary{TSLAchieved: s.TSL, MSLAchieved: s.MSL, BelowMSL: s.BelowMSL,
		NotMeasured: s.Unmeasured, Total: s.Total, MitigationAgreed: s.Mitigated}
}

func jsonRecordOf(rec *mitigation.Record) jsonRecord {
	jr := jsonRecord{Ref: rec.Ref, KPI: rec.KPI, Organisation: rec.Org, From: rec.From.String(), To: rec.Last().String(),
		Effect: rec.Effect.String(), Reason: rec.Reason, Impact: rec.Impact, PathToGreen: rec.PathToGreen, AgreedBy: rec.AgreedBy}
	if rec.Deemed != 0 {
		jr.Deemed = rec.Deemed.String()
	}
	if !rec.AgreedOn.IsZero() {
		jr.AgreedOn = rec.AgreedOn.String()
	}
	return jr
}

func jsonLineOf(l *credits.Line, money credits.Money) jsonLine {
	jl := jsonLine{Month: l.Month.String(), ContractYear: l.Year, Kind: "cap", Points: kpi.FormatValue(l.Points),
		Amount: money.Format(l.Amount), Rule: l.Rule}
	if l.Kind == credits.CapLine && l.Cap != 0 {
		jl.Cap = l.Cap.String()
	}
	if l.Kind == credits.WithholdLine {
		jl.Kind = "withholding"
	}
	if l.Kind == credits.CreditLine {
		jl.Kind, jl.KPI, jl.Organisation, jl.Raw, jl.Status, jl.Mitigation = "credit", l.KPI, l.Org, l.Raw.String(), l.Status.String(), l.Mitigation
		jl.Band = l.Band()
	}
	if e := l.Earned(); l.Kind == credits.EarnBackLine && e != nil {
		jl.Kind, jl.KPI, jl.Organisation = "earn-back", l.KPI, l.Org
		jl.Returns, jl.Returned, jl.Paid, jl.Share = e.Month.String(), money.Format(e.Credit), money.Format(e.Paid), kpi.FormatValue(e.Share)
	}
	return jl
}

func jsonMonthSumOf(m credits.MonthTotal, money credits.Money, earnBack bool) jsonMonthSum {
	jm := jsonMonthSum{Month: m.Month.String(), ContractYear: m.Year,
		Charges: money.Format(m.Charges), Uncapped: money.Format(m.Uncapped), Cut: money.Format(m.Cut), Credit: money.Format(m.Total)}
	if m.Critical {
		jm.Critical, jm.Withheld = true, money.Format(m.Withheld)
	}
	if earnBack {
		jm.EarnedBack = money.Format(m.EarnedBack)
	}
	return jm
}

func jsonYearOf(y credits.YearTotal, money credits.Money, critical, earnBack bool) jsonYear {
	jy := jsonYear{ContractYear: y.Year, From: y.From.String(), To: y.To.String(), Charges: money.Format(y.Charges),
		Uncapped: money.Format(y.Uncapped), Cut: money.Format(y.Cut), Credit: money.Format(y.Total), Drivers: []jsonDriver{}}
	if y.HasCap {
		jy.Cap = money.Format(y.Cap)
	}
	if critical {
		jy.Withheld = money.Format(y.Withheld)
	}
	if earnBack {
		jy.EarnedBack = money.Format(y.EarnedBack)
	}
	for _, d := range y.Drivers {
		jd := jsonDriver{KPI: d.KPI, Organisation: d.Org, Withholding: d.Withholding, Amount: money.Format(d.Amount), Months: []string{}}
		for _, m := range d.Months {
			jd.Months = append(jd.Months, m.String())
		}
		jy.Drivers = append(jy.Drivers, jd)
	}
	return jy
}

func jsonEventOf(e credits.Event) jsonEvent {
	return jsonEvent{Month: e.Month.String(), TriggerEvent: seal.EventOf(e)}
}

func jsonDecisionOf(d credits.Decision) jsonDecision {
	return jsonDecision{Incident: d.Incident, Month: d.Month.String(), KPI: d.KPI,
		Organisation: d.Org, DecidedBy: d.DecidedBy, Note: d.Note}
}

// hasLevels reports whether r was judged against fixed thresholds: not a
// figure, and not a relative target.
func hasLevels(r kpi.Result) bool { return r.Kind != kpi.Figure && r.Relative == 0 }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// jsonCellOf returns a cell's JSON form.
func jsonCellOf(cell *contract.Cell, money credits.Money) jsonCell {
	res := cell.Measured
	jc := jsonCell{
		Judged:   seal.JudgedOf(&cell.Measured),
		Measured: res.Status.String(), Raw: cell.Raw.String(),
		Status: cell.Status.String(), Points: kpi.FormatValue(cell.Credit.Points), Band: cell.Credit.Band(),
		Credit: money.Format(cell.Credit.Amount), Reason: cell.Reason(), Rule: cell.Credit.Rule, Note: note(*cell),
		Computation: cell.Computation(), Incidents: cell.Credit.Incidents(),
	}
	if pub := cell.Published(); pub != nil {
		if pub.Absent != 0 {
			jc.PubAbsence = pub.Absent.String()
		} else {
			jc.Published = kpi.FormatValue(pub.Value)
		}
	}
	if cell.Mitigation != nil {
		jc.Mitigation = cell.Mitigation.Ref
	}
	if cell.Card != "" {
		jc.Card, jc.CardReason = true, cell.Card
	}
	return jc
}
