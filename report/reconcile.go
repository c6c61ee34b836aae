package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/shopspring/decimal"
)

// ReconcileFormat names the layout ReconcileJSON writes; it changes only
// when a field is removed or changes meaning.
const ReconcileFormat = "servicecredit/reconciliation/v1"

// ReconcileText writes a reconciliation for people: the verdict, every
// finding that does not agree with its figures and reason, the count of
// findings by check and verdict, and the published cells no check judged,
// grouped by row. Text from the input files is escaped with safetext.Term.
func ReconcileText(w io.Writer, c *contract.Contract, rep *reconcile.Report) error {
	b := bufio.NewWriter(w)
	t := safetext.Term
	fmt.Fprintf(b, "Reconciliation of %s against %s\n", t(strings.Join(rep.Packs, ", ")), t(c.Name))
	if rep.Claims != "" {
		fmt.Fprintf(b, "Claims: %s\n", t(rep.Claims))
	}
	fmt.Fprintf(b, "%s\n\n", verdictLine(rep))
	open := notAgreeing(rep)
	if len(open) > 0 {
		fmt.Fprintf(b, "Findings that do not agree (%d)\n", len(open))
		for _, f := range open {
			fmt.Fprintf(b, "%s  %s  %s\n", t(f.Pos.String()), f.Kind, t(subject(f)))
			fmt.Fprintf(b, "    %s\n", t(figures(f)))
			fmt.Fprintf(b, "    %s\n", t(f.Reason))
			for _, n := range f.Nearest {
				fmt.Fprintf(b, "    nearest possible: %s\n", t(n))
			}
			for _, r := range f.Reproduced {
				fmt.Fprintf(b, "    reproduced by %s\n", t(r))
			}
			for _, wn := range f.Warnings {
				fmt.Fprintf(b, "    warning: %s\n", t(wn))
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("Findings by check\n")
	rows := [][]string{{"check", "agrees", "disagrees", "impossible", "uncheckable"}}
	for _, k := range checkCounts(rep) {
		rows = append(rows, []string{k.kind.String(), strconv.Itoa(k.n[0]), strconv.Itoa(k.n[1]), strconv.Itoa(k.n[2]), strconv.Itoa(k.n[3])})
	}
	writeAligned(b, rows)
	b.WriteString("\n")
	groups := uncoveredGroups(rep.Uncovered)
	fmt.Fprintf(b, "Published cells no check judged (%d)\n", len(rep.Uncovered))
	if len(groups) == 0 {
		b.WriteString("none\n")
	}
	for _, g := range groups {
		fmt.Fprintf(b, "%s  %s  %s: %s\n", t(g.place()), t(g.what()), plural(len(g.cells), "cell"), t(g.why))
	}
	return b.Flush()
}

// verdictLine sums the reconciliation up in one line.
func verdictLine(rep *reconcile.Report) string {
	failing := 0
	for _, f := range rep.Findings {
		if f.Fails() {
			failing++
		}
	}
	s := fmt.Sprintf("%s: %d agree, %d disagree, %d impossible, %d uncheckable; %s no check judged.",
		plural(len(rep.Findings), "finding"), rep.Count(reconcile.Agrees), rep.Count(reconcile.Disagrees),
		rep.Count(reconcile.Impossible), rep.Count(reconcile.Uncheckable), plural(len(rep.Uncovered), "published cell"))
	switch {
	case failing == 1:
		return s + "\nResult: 1 finding of error severity disagrees or is impossible."
	case failing > 1:
		return s + fmt.Sprintf("\nResult: %d findings of error severity disagree or are impossible.", failing)
	}
	return s + "\nResult: no finding of error severity disagrees or is impossible."
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// subject names what a finding is about: "P1 Brent Oct-16 (row "P1
// Calls Resolved within SLA")".
func subject(f reconcile.Finding) string {
	var parts []string
	if f.KPI != "" {
		parts = append(parts, f.KPI)
	}
	if f.Org != "" {
		parts = append(parts, f.Org)
	}
	switch {
	case !f.Month.IsZero():
		parts = append(parts, f.Month.Pack())
	case f.Period != "":
		p := strconv.Quote(f.Period)
		if !f.From.IsZero() {
			p += fmt.Sprintf(" (%s to %s)", f.From.Pack(), f.To.Pack())
		}
		parts = append(parts, p)
	}
	if f.Row != "" && f.Row != f.Published {
		parts = append(parts, "row "+strconv.Quote(f.Row))
	}
	return strings.Join(parts, " ")
}

// figures writes a finding's figures: `published "36.36%", recomputed
// 35.71 (5/14), difference 0.6486, tolerance 0.01: impossible (error)`.
func figures(f reconcile.Finding) string {
	s := "published " + strconv.Quote(f.Published)
	if f.Published == "" {
		s = "nothing published"
	}
	if f.Recomputed != "" {
		s += ", recomputed " + f.Recomputed
	}
	if f.Numeric {
		s += ", difference " + kpi.FormatValue(f.Difference) + ", tolerance " + kpi.FormatValue(f.Tolerance)
	}
	s += ": " + f.Verdict.String()
	if f.Verdict == reconcile.Disagrees || f.Verdict == reconcile.Impossible {
		s += " (" + f.Severity.String() + ")"
	}
	return s
}

// kindCount is the findings of one check by verdict: agrees, disagrees,
// impossible, uncheckable.
type kindCount struct {
	kind reconcile.Kind
	n    [4]int
}

// checkCounts counts the findings of each check that has any, in check
// order.
func checkCounts(rep *reconcile.Report) []kindCount {
	var out []kindCount
	for _, k := range reconcile.Kinds() {
		kc := kindCount{kind: k}
		seen := false
		for _, f := range rep.Findings {
			if f.Kind == k && f.Verdict >= reconcile.Agrees && f.Verdict <= reconcile.Uncheckable {
				kc.n[f.Verdict-1]++
				seen = true
			}
		}
		if seen {
			out = append(out, kc)
		}
	}
	return out
}

// writeAligned writes rows as columns, the first left-aligned and the
// others right-aligned.
func writeAligned(b *bufio.Writer, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], len(c))
		}
	}
	for _, r := range rows {
		for i, c := range r {
			if i == 0 {
				fmt.Fprintf(b, "%-*s", widths[i], c)
			} else {
				fmt.Fprintf(b, "  %*s", widths[i], c)
			}
		}
		b.WriteString("\n")
	}
}

// uncoveredGroup is the uncovered cells of one row (or column) that share
// a reason.
type uncoveredGroup struct {
	file     string
	line     int
	row, kpi string
	org      string
	why      string
	cells    []int
	lines    []int
}

// place writes "brent.tsv:2:3-7,9" for a row's cells, "brent.tsv:3-7:2"
// for a column's.
func (g uncoveredGroup) place() string {
	if len(g.lines) > 1 && len(g.cells) > 0 && allSame(g.cells) {
		return fmt.Sprintf("%s:%s:%d", g.file, ranges(g.lines), g.cells[0])
	}
	return fmt.Sprintf("%s:%d:%s", g.file, g.line, ranges(g.cells))
}

// what names the row of a group: `"Telephony" (AV-TEL) Brent`.
func (g uncoveredGroup) what() string {
	s := strconv.Quote(g.row)
	if g.kpi != "" {
		s += " (" + g.kpi + ")"
	}
	if g.org != "" {
		s += " " + g.org
	}
	return s
}

func allSame(xs []int) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return true
}

// ranges writes ascending numbers as "3-7,9".
func ranges(xs []int) string {
	xs = slices.Compact(slices.Sorted(slices.Values(xs)))
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", xs[i], xs[j]))
		} else {
			parts = append(parts, strconv.Itoa(xs[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// uncoveredGroups groups the uncovered cells by file, row label and
// reason, in the order of their first cell: a row's cells on one line, a
// column's (a table printed the other way round) on consecutive lines.
func uncoveredGroups(us []reconcile.Uncovered) []uncoveredGroup {
	var out []uncoveredGroup
	index := map[string]int{}
	for _, u := range us {
		k := fmt.Sprintf("%s\x00%d\x00%s\x00%s\x00%s", u.Pos.File, u.Pos.Line, u.Row, u.Org, u.Why)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, uncoveredGroup{file: u.Pos.File, line: u.Pos.Line, row: u.Row, kpi: u.KPI, org: u.Org, why: u.Why})
		}
		out[i].cells = append(out[i].cells, u.Pos.Cell)
		out[i].lines = append(out[i].lines, u.Pos.Line)
	}
	return out
}

// ReconcileMarkdown writes the report ReconcileText writes as
// GitHub-flavoured Markdown. Text from the input files is escaped with
// safetext.Markdown.
func ReconcileMarkdown(w io.Writer, c *contract.Contract, rep *reconcile.Report) error {
	b := bufio.NewWriter(w)
	md := safetext.Markdown
	fmt.Fprintf(b, "# Reconciliation: %s\n\n", md(c.Name))
	fmt.Fprintf(b, "Packs: %s.", md(strings.Join(rep.Packs, ", ")))
	if rep.Claims != "" {
		fmt.Fprintf(b, " Claims: %s.", md(rep.Claims))
	}
	fmt.Fprintf(b, "\n\n%s\n", strings.ReplaceAll(verdictLine(rep), "\n", "\n\n"))
	row := func(cells ...string) { fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | ")) }
	open := notAgreeing(rep)
	if len(open) > 0 {
		fmt.Fprintf(b, "\n## Findings that do not agree (%d)\n\n", len(open))
		row("Place", "Check", "About", "Published", "Recomputed", "Difference", "Tolerance", "Verdict", "Reason")
		row("---", "---", "---", "---:", "---:", "---:", "---:", "---", "---")
		for _, f := range open {
			diff, tol := "", ""
			if f.Numeric {
				diff, tol = kpi.FormatValue(f.Difference), kpi.FormatValue(f.Tolerance)
			}
			verdict := f.Verdict.String()
			if f.Verdict == reconcile.Disagrees || f.Verdict == reconcile.Impossible {
				verdict += " (" + f.Severity.String() + ")"
			}
			reason := md(f.Reason)
			for _, n := range f.Nearest {
				reason += "<br>nearest possible: " + md(n)
			}
			for _, r := range f.Reproduced {
				reason += "<br>reproduced by " + md(r)
			}
			for _, wn := range f.Warnings {
				reason += "<br>warning: " + md(wn)
			}
			row(md(f.Pos.String()), f.Kind.String(), md(subject(f)), md(f.Published), md(f.Recomputed), diff, tol, verdict, reason)
		}
	}
	b.WriteString("\n## Findings by check\n\n")
	row("Check", "Agrees", "Disagrees", "Impossible", "Uncheckable")
	row("---", "---:", "---:", "---:", "---:")
	for _, k := range checkCounts(rep) {
		row(k.kind.String(), strconv.Itoa(k.n[0]), strconv.Itoa(k.n[1]), strconv.Itoa(k.n[2]), strconv.Itoa(k.n[3]))
	}
	fmt.Fprintf(b, "\n## Published cells no check judged (%d)\n\n", len(rep.Uncovered))
	groups := uncoveredGroups(rep.Uncovered)
	if len(groups) == 0 {
		b.WriteString("None.\n")
		return b.Flush()
	}
	row("Place", "Row", "Cells", "Why")
	row("---", "---", "---:", "---")
	for _, g := range groups {
		row(md(g.place()), md(g.what()), strconv.Itoa(len(g.cells)), md(g.why))
	}
	return b.Flush()
}

// The reconciliation JSON's structures; docs/json-output.md documents
// every field.
type (
	jsonReconciliation struct {
		Format    string            `json:"format"`
		Contract  string            `json:"contract"`
		Packs     []string          `json:"packs"`
		Claims    string            `json:"claims,omitzero"`
		Fails     bool              `json:"fails"`
		Counts    jsonCounts        `json:"counts"`
		Checks    []jsonCheckCount  `json:"checks"`
		Findings  []jsonFinding     `json:"findings"`
		Uncovered []jsonUncoveredAt `json:"uncovered"`
	}
	jsonCounts struct {
		Findings int `json:"findings"`
		jsonVerdicts
		Failing   int `json:"failing"`
		Uncovered int `json:"uncovered"`
	}
	jsonCheckCount struct {
		Check string `json:"check"`
		jsonVerdicts
	}
	// jsonVerdicts are the findings of each verdict, in their order.
	jsonVerdicts struct {
		Agrees      int `json:"agrees"`
		Disagrees   int `json:"disagrees"`
		Impossible  int `json:"impossible"`
		Uncheckable int `json:"uncheckable"`
	}
	// jsonPlace is a place in a pack file: as text, and its parts.
	jsonPlace struct {
		Place string `json:"place"`
		File  string `json:"file"`
		Line  int    `json:"line"`
		Cell  int    `json:"cell"`
	}
	jsonFinding struct {
		jsonPlace
		Check        string   `json:"check"`
		KPI          string   `json:"kpi,omitzero"`
		Organisation string   `json:"organisation,omitzero"`
		Row          string   `json:"row,omitzero"`
		Month        string   `json:"month,omitzero"`
		Period       string   `json:"period,omitzero"`
		From         string   `json:"from,omitzero"`
		To           string   `json:"to,omitzero"`
		Published    string   `json:"published"`
		Recomputed   string   `json:"recomputed,omitzero"`
		Difference   string   `json:"difference,omitzero"`
		Tolerance    string   `json:"tolerance,omitzero"`
		Severity     string   `json:"severity"`
		Verdict      string   `json:"verdict"`
		Reason       string   `json:"reason"`
		Nearest      []string `json:"nearest,omitempty"`
		Reproduced   []string `json:"reproduced,omitempty"`
		Warnings     []string `json:"warnings,omitempty"`
		Inputs       []string `json:"inputs,omitempty"`
	}
	jsonUncoveredAt struct {
		jsonPlace
		Text         string `json:"text"`
		Row          string `json:"row"`
		KPI          string `json:"kpi,omitzero"`
		Organisation string `json:"organisation,omitzero"`
		Month        string `json:"month,omitzero"`
		Period       string `json:"period,omitzero"`
		Why          string `json:"why"`
	}
)

// ReconcileJSON writes a reconciliation as one JSON object, every finding
// (those that agree included) by place, and the cells no check judged.
// Decimals are strings with the places they carry; the output is the
// same bytes for the same inputs.
func ReconcileJSON(w io.Writer, c *contract.Contract, rep *reconcile.Report) error {
	out := jsonReconciliation{Format: ReconcileFormat, Contract: c.Name, Packs: rep.Packs, Claims: rep.Claims, Fails: rep.Fails(),
		Checks: []jsonCheckCount{}, Findings: []jsonFinding{}, Uncovered: []jsonUncoveredAt{}}
	if out.Packs == nil {
		out.Packs = []string{}
	}
	out.Counts = jsonCounts{Findings: len(rep.Findings), Uncovered: len(rep.Uncovered), jsonVerdicts: jsonVerdicts{Agrees: rep.Count(reconcile.Agrees),
		Disagrees: rep.Count(reconcile.Disagrees), Impossible: rep.Count(reconcile.Impossible), Uncheckable: rep.Count(reconcile.Uncheckable)}}
	for _, k := range checkCounts(rep) {
		out.Checks = append(out.Checks, jsonCheckCount{Check: k.kind.String(), jsonVerdicts: jsonVerdicts{k.n[0], k.n[1], k.n[2], k.n[3]}})
	}
	for _, f := range rep.Findings {
		if f.Fails() {
			out.Counts.Failing++
		}
		jf := jsonFinding{jsonPlace: jsonPlaceOf(f.Pos), Check: f.Kind.String(),
			KPI: f.KPI, Organisation: f.Org, Row: f.Row, Month: monthText(f.Month), Period: f.Period, From: monthText(f.From), To: monthText(f.To),
			Published: f.Published, Recomputed: f.Recomputed, Severity: f.Severity.String(), Verdict: f.Verdict.String(), Reason: f.Reason,
			Nearest: f.Nearest, Reproduced: f.Reproduced, Warnings: f.Warnings}
		if f.Numeric {
			jf.Difference, jf.Tolerance = decimalText(f.Difference), decimalText(f.Tolerance)
		}
		for _, p := range f.Inputs {
			jf.Inputs = append(jf.Inputs, p.String())
		}
		out.Findings = append(out.Findings, jf)
	}
	for _, u := range rep.Uncovered {
		out.Uncovered = append(out.Uncovered, jsonUncoveredAt{jsonPlace: jsonPlaceOf(u.Pos), Text: u.Text, Row: u.Row, KPI: u.KPI, Organisation: u.Org, Month: monthText(u.Month), Period: u.Period, Why: u.Why})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// notAgreeing returns rep's findings that do not agree, in order.
func notAgreeing(rep *reconcile.Report) []reconcile.Finding {
	var out []reconcile.Finding
	for _, f := range rep.Findings {
		if f.Verdict != reconcile.Agrees {
			out = append(out, f)
		}
	}
	return out
}

// jsonPlaceOf returns p as the reconciliation JSON writes a place.
func jsonPlaceOf(p pack.Pos) jsonPlace {
	return jsonPlace{Place: p.String(), File: p.File, Line: p.Line, Cell: p.Cell}
}

func monthText(m kpi.Month) string { return string(m.AppendISO(nil)) }

// decimalText writes d with the places it carries, "0" for zero.
func decimalText(d decimal.Decimal) string { return kpi.FormatValue(d) }
