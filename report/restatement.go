package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/seal"
)

// The restatement's JSON structures; docs/json-output.md documents every
// field. They serve JSON (as the evaluation's "revisions" and
// "restatement"), JSON lines and the outputs of other packages.
type (
	jsonRevision struct {
		Month        string `json:"month"`
		KPI          string `json:"kpi,omitzero"`
		Organisation string `json:"organisation,omitzero"`
		What         string `json:"what"`
		Cap          string `json:"cap,omitzero"`
		Trigger      string `json:"trigger,omitzero"`
		Before       string `json:"before"`
		After        string `json:"after"`
		Adjustment   string `json:"adjustment"`
	}
	jsonSealed struct {
		Month      string   `json:"month"`
		File       string   `json:"file,omitzero"`
		State      string   `json:"state"`
		Problem    string   `json:"problem,omitzero"`
		Sealed     string   `json:"sealed,omitzero"`
		Now        string   `json:"now,omitzero"`
		Adjustment string   `json:"adjustment,omitzero"`
		Revisions  int      `json:"revisions"`
		Inputs     []string `json:"inputs_changed,omitempty"`
	}
	jsonAdjustment struct {
		Month        string `json:"month"`
		Revised      string `json:"revised"`
		KPI          string `json:"kpi,omitzero"`
		Organisation string `json:"organisation,omitzero"`
		What         string `json:"what"`
		Cap          string `json:"cap,omitzero"`
		Amount       string `json:"amount"`
		Rule         string `json:"rule"`
	}
	jsonRestatement struct {
		AdjustIn    string           `json:"adjust_in,omitzero"`
		Months      []jsonSealed     `json:"months"`
		Adjustments []jsonAdjustment `json:"adjustments"`
		Sealed      string           `json:"sealed"`
		Now         string           `json:"now"`
		Adjustment  string           `json:"adjustment"`
	}
)

func jsonRevisionOf(rv *seal.Revision, r *seal.Restatement) jsonRevision {
	return jsonRevision{Month: rv.Month.String(), KPI: rv.KPI, Organisation: rv.Org, What: rv.What.String(), Cap: rv.Cap,
		Trigger: rv.Trigger, Before: rv.Before, After: rv.After, Adjustment: r.Money.Format(rv.Adjustment)}
}

func jsonSealedOf(m *seal.MonthCheck, r *seal.Restatement) jsonSealed {
	js := jsonSealed{Month: m.Month.String(), File: m.File, State: m.State.String(), Revisions: m.Revisions, Inputs: m.Inputs}
	if m.State == seal.Untrusted {
		js.Problem = m.Problem.Error()
	} else {
		js.Sealed, js.Now, js.Adjustment = r.Money.Format(m.Sealed), r.Money.Format(m.Now), r.Money.Format(m.Adjustment)
	}
	return js
}

func jsonAdjustmentOf(a *seal.Adjustment, r *seal.Restatement) jsonAdjustment {
	return jsonAdjustment{Month: a.Month.String(), Revised: a.Revised.String(), KPI: a.KPI, Organisation: a.Org, What: a.What.String(),
		Cap: a.Cap, Amount: r.Money.Format(a.Amount), Rule: a.Rule}
}

func jsonRestatementOf(r *seal.Restatement) jsonRestatement {
	out := jsonRestatement{Months: []jsonSealed{}, Adjustments: []jsonAdjustment{},
		Sealed: r.Money.Format(r.Sealed), Now: r.Money.Format(r.Now), Adjustment: r.Money.Format(r.Total)}
	if !r.AdjustIn.IsZero() {
		out.AdjustIn = r.AdjustIn.String()
	}
	for i := range r.Months {
		out.Months = append(out.Months, jsonSealedOf(&r.Months[i], r))
	}
	for i := range r.Adjustments {
		out.Adjustments = append(out.Adjustments, jsonAdjustmentOf(&r.Adjustments[i], r))
	}
	return out
}

// JSONRestatement writes evaluation, one JSON object as JSON or Org.JSON
// wrote it, with two more fields at its end: "revisions", every revision
// of r, and "restatement", r's sealed months and adjustments
// (docs/json-output.md). The evaluation's own fields are written as they
// were, byte for byte.
func JSONRestatement(w io.Writer, evaluation []byte, r *seal.Restatement) error {
	body := bytes.TrimRight(evaluation, "\n")
	if len(body) < 2 || body[len(body)-1] != '}' {
		return errors.New("report: the evaluation is not a JSON object")
	}
	body = bytes.TrimRight(body[:len(body)-1], " \n")
	revs := []jsonRevision{}
	for i := range r.Revisions {
		revs = append(revs, jsonRevisionOf(&r.Revisions[i], r))
	}
	var tail bytes.Buffer
	enc := json.NewEncoder(&tail)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	tail.WriteString(",\n  \"revisions\": ")
	if err := enc.Encode(revs); err != nil {
		return err
	}
	tail.Truncate(tail.Len() - 1)
	tail.WriteString(",\n  \"restatement\": ")
	if err := enc.Encode(jsonRestatementOf(r)); err != nil {
		return err
	}
	tail.Truncate(tail.Len() - 1)
	tail.WriteString("\n}\n")
	if _, err := w.Write(body); err != nil {
		return err
	}
	_, err := w.Write(tail.Bytes())
	return err
}

// RestatementJSONL writes r as JSON lines, to follow an evaluation's (see
// JSONLWriter): one "sealed" record per sealed month, one "revision"
// record per revision, one "adjustment" record per adjustment, and a last
// "restatement" record with the month they go in and the totals.
func RestatementJSONL(w io.Writer, r *seal.Restatement) error {
	b := bufio.NewWriter(w)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	for i := range r.Months {
		if err := enc.Encode(struct {
			Record string `json:"record"`
			jsonSealed
		}{"sealed", jsonSealedOf(&r.Months[i], r)}); err != nil {
			return err
		}
	}
	for i := range r.Revisions {
		if err := enc.Encode(struct {
			Record string `json:"record"`
			jsonRevision
		}{"revision", jsonRevisionOf(&r.Revisions[i], r)}); err != nil {
			return err
		}
	}
	for i := range r.Adjustments {
		if err := enc.Encode(struct {
			Record string `json:"record"`
			jsonAdjustment
		}{"adjustment", jsonAdjustmentOf(&r.Adjustments[i], r)}); err != nil {
			return err
		}
	}
	all := jsonRestatementOf(r)
	if err := enc.Encode(struct {
		Record     string `json:"record"`
		AdjustIn   string `json:"adjust_in,omitzero"`
		Sealed     string `json:"sealed"`
		Now        string `json:"now"`
		Adjustment string `json:"adjustment"`
	}{"restatement", all.AdjustIn, all.Sealed, all.Now, all.Adjustment}); err != nil {
		return err
	}
	return b.Flush()
}

// RestatementCSV writes r's rows, to follow an evaluation's CSV table
// (CSV, CSVWriter) with the same columns: one "sealed" row per sealed
// month (kind its state, rule its figures or problem), one "revision" row
// per revision (month the month revised, kind what changed, rule the
// sealed and current text), and one "adjustment" row per adjustment
// (month the month it goes in, amount the adjustment, rule what it
// restates). The adjustment rows' amounts add up to the restatement's
// total; no other row of these has an amount. Cells are neutralised for
// spreadsheets as CSV's are.
func RestatementCSV(w io.Writer, c *contract.Contract, r *seal.Restatement) error {
	cw := csv.NewWriter(w)
	n := len(CSVColumns(c))
	at := map[string]int{}
	for i, h := range CSVHeader {
		at[h] = i
	}
	write := func(m kpi.Month, line string, cells map[string]string) error {
		row := make([]string, n)
		row[at["month"]], row[at["line"]] = m.String(), line
		if !m.Before(c.Commencement) {
			row[at["service_month"]], row[at["contract_year"]] = strconv.Itoa(c.ServiceMonth(m)), strconv.Itoa(c.Year(m))
		}
		for k, v := range cells {
			row[at[k]] = v
		}
		for i := range row {
			row[i] = safetext.CSV(row[i])
		}
		return cw.Write(row)
	}
	for i := range r.Months {
		m := &r.Months[i]
		rule := fmt.Sprintf("sealed %s, now %s, adjustment %s; %d revisions", r.Money.Format(m.Sealed), r.Money.Format(m.Now), r.Money.Format(m.Adjustment), m.Revisions)
		if m.State == seal.Untrusted {
			rule = m.Problem.Error()
		} else if len(m.Inputs) > 0 {
			rule += "; inputs changed: " + strings.Join(m.Inputs, ", ")
		}
		if m.File != "" {
			rule += "; " + m.File
		}
		if err := write(m.Month, "sealed", map[string]string{"kind": m.State.String(), "rule": rule}); err != nil {
			return err
		}
	}
	for i := range r.Revisions {
		rv := &r.Revisions[i]
		if err := write(rv.Month, "revision", map[string]string{"kpi": rv.KPI, "organisation": rv.Org, "kind": revisionKind(rv),
			"rule": "sealed: " + rv.Before + "; now: " + rv.After}); err != nil {
			return err
		}
	}
	for i := range r.Adjustments {
		a := &r.Adjustments[i]
		kind := a.What.String()
		if a.Cap != "" {
			kind += " " + a.Cap
		}
		if err := write(a.Month, "adjustment", map[string]string{"kpi": a.KPI, "organisation": a.Org, "kind": kind,
			"amount": r.Money.Format(a.Amount), "rule": a.Rule}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// revisionKind is a revision's what, with the cap or trigger it is about:
// "value", "cap year", "event termination".
func revisionKind(rv *seal.Revision) string {
	switch {
	case rv.Cap != "":
		return rv.What.String() + " " + rv.Cap
	case rv.Trigger != "":
		return rv.What.String() + " " + rv.Trigger
	}
	return rv.What.String()
}

// RestatementText writes r for people, to follow an evaluation's text
// report: each sealed month's state and figures (a month with no change
// says so), every revision, and the adjustments as ledger lines of the
// month they go in. Text from input files is escaped for the terminal.
func RestatementText(w io.Writer, c *contract.Contract, r *seal.Restatement) error {
	return writeRestatement(w, c, r, safetext.Term, false)
}

// RestatementMarkdown writes RestatementText's report as Markdown, text
// from input files escaped for Markdown.
func RestatementMarkdown(w io.Writer, c *contract.Contract, r *seal.Restatement) error {
	return writeRestatement(w, c, r, safetext.Markdown, true)
}

func writeRestatement(w io.Writer, c *contract.Contract, r *seal.Restatement, esc func(string) string, md bool) error {
	b := bufio.NewWriter(w)
	money := r.Money
	heading := func(s string) {
		if md {
			fmt.Fprintf(b, "## %s\n\n", s)
		} else {
			fmt.Fprintf(b, "%s\n", s)
		}
	}
	who := func(k, org string) string {
		if k == "" {
			return "month"
		}
		return esc(k) + orgSuffix(esc(org), len(c.Orgs))
	}
	where := "adjustments in " + r.AdjustIn.Pack() + ", outside its caps"
	if r.AdjustIn.IsZero() {
		where = "no month sealed"
	}
	heading("Restatements (sealed months against today's result; " + where + ")")
	tab := [][]string{{"Month", "State", "Sealed", "Now", "Adjustment", "Seal"}}
	var notes []string
	for i := range r.Months {
		m := &r.Months[i]
		row := []string{m.Month.Pack(), m.State.String(), "", "", "", esc(m.File)}
		switch m.State {
		case seal.Untrusted:
			notes = append(notes, fmt.Sprintf("%s: untrusted, not compared: %s", m.Month.Pack(), esc(m.Problem.Error())))
		case seal.Unchanged:
			row[2], row[3], row[4] = money.Format(m.Sealed), money.Format(m.Now), money.Format(m.Adjustment)
			notes = append(notes, fmt.Sprintf("%s: no change since it was sealed", m.Month.Pack()))
		default:
			row[2], row[3], row[4] = money.Format(m.Sealed), money.Format(m.Now), money.Format(m.Adjustment)
			notes = append(notes, fmt.Sprintf("%s: %s", m.Month.Pack(), plural(m.Revisions, "revision")))
		}
		if len(m.Inputs) > 0 && m.State != seal.Untrusted {
			notes[len(notes)-1] += "; input files changed since: " + strings.Join(m.Inputs, ", ")
		}
		tab = append(tab, row)
	}
	writeTable(b, tab, md, 2, 3, 4)
	if md {
		fmt.Fprintln(b)
	}
	for _, n := range notes {
		if md {
			fmt.Fprintf(b, "- %s\n", n)
		} else {
			fmt.Fprintf(b, "%s\n", n)
		}
	}
	fmt.Fprintln(b)
	if len(r.Revisions) > 0 {
		heading("Revisions (sealed -> now)")
		tab := [][]string{{"Month", "Indicator", "What", "Sealed", "Now", "Adjustment"}}
		var long []string
		for i := range r.Revisions {
			rv := &r.Revisions[i]
			before, after := esc(rv.Before), esc(rv.After)
			if rv.What == seal.Rule || rv.What == seal.Event || rv.What == seal.Contract {
				long = append(long, fmt.Sprintf("%s %s %s:", rv.Month.Pack(), who(rv.KPI, rv.Org), esc(revisionKind(rv))),
					"    sealed: "+before, "    now:    "+after)
				before, after = "(below)", "(below)"
			}
			adj := ""
			if !rv.Adjustment.IsZero() {
				adj = money.Format(rv.Adjustment)
			}
			tab = append(tab, []string{rv.Month.Pack(), who(rv.KPI, rv.Org), esc(revisionKind(rv)), before, after, adj})
		}
		writeTable(b, tab, md, 5)
		if md && len(long) > 0 {
			fmt.Fprintln(b)
		}
		for _, l := range long {
			if md {
				l = strings.TrimLeft(l, " ")
				if strings.HasPrefix(l, "sealed:") || strings.HasPrefix(l, "now:") {
					l = "  - " + l
				} else {
					l = "- " + l
				}
			}
			fmt.Fprintln(b, l)
		}
		fmt.Fprintln(b)
	}
	if len(r.Adjustments) > 0 {
		heading("Adjustments in " + r.AdjustIn.Pack() + " (ledger lines of their own, outside " + r.AdjustIn.Pack() + "'s caps)")
		tab := [][]string{{"Month", "Indicator", "Amount", "Rule"}}
		for i := range r.Adjustments {
			a := &r.Adjustments[i]
			tab = append(tab, []string{a.Month.Pack(), who(a.KPI, a.Org), money.Format(a.Amount), esc(a.Rule)})
		}
		writeTable(b, tab, md, 2)
		fmt.Fprintln(b)
	}
	fmt.Fprintf(b, "Total adjustment: %s (the trusted sealed months' credit %s as sealed, %s today)\n", money.Format(r.Total), money.Format(r.Sealed), money.Format(r.Now))
	return b.Flush()
}

// writeTable writes rows, already escaped, as an aligned text table (the
// columns numbered in right right-aligned, the others left-aligned) or a
// Markdown table.
func writeTable(b *bufio.Writer, rows [][]string, md bool, right ...int) {
	if md {
		for i, r := range rows {
			fmt.Fprintf(b, "| %s |\n", strings.Join(r, " | "))
			if i == 0 {
				seps := make([]string, len(r))
				for j := range seps {
					seps[j] = "---"
				}
				fmt.Fprintf(b, "| %s |\n", strings.Join(seps, " | "))
			}
		}
		return
	}
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		var sb strings.Builder
		for i, c := range r {
			if i > 0 {
				sb.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if slices.Contains(right, i) {
				sb.WriteString(pad + c)
			} else {
				sb.WriteString(c + pad)
			}
		}
		fmt.Fprintln(b, strings.TrimRight(sb.String(), " "))
	}
}
