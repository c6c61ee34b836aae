package report

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/servicecredit/engine/seal"
)

// MaxHTMLCells is the most KPI-months one page shows: the cells of every
// indicator in force for every organisation shown in every month of the
// period, the shared service's combined cells included. Each carries its
// explanation; with the rest of the page, about 450 bytes of HTML a
// KPI-month (the page of 50 KPIs, 120 months and two organisations is
// 4.9 MB), so the limit keeps a page under about 50 MB, which a browser
// still opens. A larger evaluation is shown in parts: one organisation
// (ForOrg) or fewer months at a time.
const MaxHTMLCells = 100_000

// ErrPageTooLarge is wrapped, beside contract.ErrLimit, by the error
// HTML and HTMLFits return for a page of more than MaxHTMLCells cells.
var ErrPageTooLarge = errors.New("page too large")

//go:embed html_style.tmpl html.tmpl html_reconcile.tmpl
var htmlFiles embed.FS

// htmlTemplates holds the page templates, parsed once. The style sheet
// is shared by the evaluation's page and the reconciliation's.
var htmlTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).ParseFS(htmlFiles, "*.tmpl"))

// HTML writes r, an evaluation of c, as one self-contained web page: the
// board summary per month; a RAG heatmap of every indicator by month for
// each organisation, and for the shared service combined, each cell
// explained on hover and on keyboard focus; a trend chart of each
// indicator against its TSL and MSL; the credits per month against the
// caps; the mitigations, the credit lines and the contract-year totals.
// docs/html.md describes the page.
//
// The page needs nothing but itself: its style is inline, its charts are
// SVG, it has no script and refers to no other file, and its content
// security policy forbids the browser to fetch anything. Text from the
// input files is escaped by html/template, after safetext.Term has made
// its control and invisible characters visible. The output depends only
// on its inputs. A page of more than MaxHTMLCells cells is refused with
// an error wrapping ErrPageTooLarge and contract.ErrLimit.
func HTML(w io.Writer, c *contract.Contract, r *contract.Result) error {
	return writeHTML(w, c, whole(r), nil)
}

// HTML writes the page HTML writes for o, an evaluation of c restricted
// to one organisation: its cells, summaries and credit lines, with the
// contract's caps and totals.
func (o *Org) HTML(w io.Writer, c *contract.Contract) error {
	return writeHTML(w, c, o.view(), nil)
}

// HTMLFits reports whether the page of an evaluation of c over the months
// from..to, restricted to org when it is not empty, is within
// MaxHTMLCells, before anything is evaluated for it: nil if it is, else
// an error wrapping ErrPageTooLarge and contract.ErrLimit that says how
// many cells it would have. It counts every indicator's months in force
// within the period for each organisation it is measured for, and the
// combined cells of the indicators the contract combines.
func HTMLFits(c *contract.Contract, from, to kpi.Month, org string) error {
	var n int64
	for i := range c.KPIs {
		k := &c.KPIs[i]
		kf, kt := c.Window(k)
		if kf.Before(from) {
			kf = from
		}
		if kt.After(to) {
			kt = to
		}
		if kt.Before(kf) {
			continue
		}
		orgs := 0
		for _, o := range c.OrgsOf(k) {
			if org == "" || o == org {
				orgs++
			}
		}
		if org == "" && len(c.Orgs) > 1 && k.Combine.How != 0 {
			orgs++
		}
		n += int64(kt.Sub(kf)+1) * int64(orgs)
	}
	return pageLimit(n)
}

func pageLimit(n int64) error {
	if n > MaxHTMLCells {
		return fmt.Errorf("html page of %d kpi-months: more than the limit of %d (show one organisation with -org, or fewer months with -from and -to): %w: %w",
			n, MaxHTMLCells, ErrPageTooLarge, contract.ErrLimit)
	}
	return nil
}

func writeHTML(w io.Writer, c *contract.Contract, v *view, rs *seal.Restatement) error {
	var n int64
	for _, m := range v.months {
		n += int64(len(m.Cells))
		if v.org == "" {
			n += int64(len(m.Combined))
		}
	}
	if err := pageLimit(n); err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	if err := htmlTemplates.ExecuteTemplate(b, "page", newPage(c, v, rs)); err != nil {
		return err
	}
	return b.Flush()
}

// esc makes an input text safe to show: its control and invisible
// characters become Go escapes (safetext.Term); html/template escapes
// the markup.
func esc(s string) string { return safetext.Term(s) }

// page is what the evaluation's page shows.
type page struct {
	Title        string
	Name         string
	Customer     string
	Supplier     string
	Commencement string
	Period       string
	Org          string // the organisation shown; "" for the whole contract
	Summary      []summaryBlock
	Grids        []grid
	Legend       legend
	Credits      creditView
	Revisions    *revisionsView // the restatement's; nil without one
	Mitigations  []mitigationRow
	Pooled       []pooledRow
	Decisions    []string
	Lines        []lineRow
	Events       []eventRow
	Years        []yearRow
	Total        string
	Critical     bool
	EarnBack     bool // the contract has an earn-back rule: the totals show what was earned back
}

// legend says which of the heatmap's less common marks the page uses.
type legend struct {
	Deemed, Figure, Unmeasured bool
}

// yearSpan is the months of one contract year within the period: the
// indices in the view's months of its first and last.
type yearSpan struct {
	year          int
	first, last   int
	caption       string
	monthHeads    []monthCol
	serviceMonths string
}

// monthCol is a month's column head.
type monthCol struct {
	Month string // 2021-06
	Pack  string // Jun-21
	Title string // contract year 7, service month 75
}

// yearSpans splits the months of v by contract year.
func yearSpans(v *view) []yearSpan {
	var out []yearSpan
	for i, m := range v.months {
		if n := len(out); n == 0 || out[n-1].year != m.Year {
			out = append(out, yearSpan{year: m.Year, first: i})
		}
		ys := &out[len(out)-1]
		ys.last = i
		ys.monthHeads = append(ys.monthHeads, monthCol{Month: m.Month.String(), Pack: m.Month.Pack(),
			Title: fmt.Sprintf("contract year %d, service month %d", m.Year, m.ServiceMonth)})
	}
	for i := range out {
		ys := &out[i]
		first, last := v.months[ys.first], v.months[ys.last]
		ys.caption = fmt.Sprintf("Contract year %d: %s", ys.year, first.Month.Pack())
		if ys.last > ys.first {
			ys.caption += " to " + last.Month.Pack()
		}
		ys.serviceMonths = fmt.Sprintf("service months %d to %d", first.ServiceMonth, last.ServiceMonth)
	}
	return out
}

func newPage(c *contract.Contract, v *view, rs *seal.Restatement) *page {
	p := &page{Name: esc(c.Name), Customer: esc(c.Customer), Supplier: esc(c.Supplier),
		Commencement: c.Commencement.Pack(), Org: esc(v.org), Critical: hasCritical(c), EarnBack: hasEarnBack(c)}
	p.Title = p.Name
	if n := len(v.months); n > 0 {
		first, last := v.months[0], v.months[n-1]
		p.Period = fmt.Sprintf("%s to %s: service months %d to %d", first.Month.Pack(), last.Month.Pack(), first.ServiceMonth, last.ServiceMonth)
		p.Title += ": " + first.Month.Pack() + " to " + last.Month.Pack()
	}
	if v.org != "" {
		p.Title += " (" + p.Org + ")"
	}
	spans := yearSpans(v)
	p.Summary = summaryBlocks(v, spans)
	mk := &cellMaker{c: c, legend: &p.Legend, revised: revisedCells(rs)}
	p.Grids = grids(c, v, spans, mk)
	p.Credits = creditViewOf(c, v)
	p.Revisions = revisionsOf(c, rs)
	for _, rec := range mitigationsOf(v) {
		p.Mitigations = append(p.Mitigations, mitigationRowOf(rec))
	}
	for _, pc := range pooledCells(v, len(c.Orgs)) {
		p.Pooled = append(p.Pooled, pooledRow{Month: pc.month.Pack(), Who: esc(pc.who), Computed: pc.computed,
			Published: pc.published, Status: pc.status, Computation: esc(pc.computation)})
	}
	for _, d := range decisionsOf(c, v) {
		p.Decisions = append(p.Decisions, esc(decisionText(d, len(c.Orgs))))
	}
	money := c.Credits.Money
	for _, l := range v.lines {
		if l.Kind == credits.CreditLine {
			continue // in its cell's explanation
		}
		p.Lines = append(p.Lines, lineRow{Month: l.Month.Pack(), Who: esc(lineWho(l, len(c.Orgs))), Amount: money.Format(l.Amount), Rule: esc(l.Rule)})
	}
	for _, e := range v.ledger.Events {
		p.Events = append(p.Events, eventRow{Month: e.Month.Pack(), Trigger: esc(e.Trigger), Kind: e.Kind.String(), Detail: esc(e.Detail)})
	}
	for _, y := range v.ledger.Years {
		p.Years = append(p.Years, yearRowOf(c, y))
	}
	p.Total = money.Format(v.ledger.Total)
	return p
}

// summaryBlock is the board summary of one contract year: a column per
// month, a row per count.
type summaryBlock struct {
	Caption string
	Months  []monthCol
	Rows    []summaryRow
}

type summaryRow struct {
	Name   string
	Counts []int
}

// summaryBlocks returns the board summary by contract year, with the
// rows the text report prints: "Not measured" only when a month has one.
func summaryBlocks(v *view, spans []yearSpan) []summaryBlock {
	unmeasured := false
	for _, m := range v.months {
		unmeasured = unmeasured || m.Summary.Unmeasured != 0
	}
	var out []summaryBlock
	for _, ys := range spans {
		b := summaryBlock{Caption: ys.caption + " (" + ys.serviceMonths + ")", Months: ys.monthHeads}
		for _, row := range summaryRows {
			if row.name == "Not measured" && !unmeasured {
				continue
			}
			sr := summaryRow{Name: row.name}
			for _, m := range v.months[ys.first : ys.last+1] {
				sr.Counts = append(sr.Counts, row.get(m.Summary))
			}
			b.Rows = append(b.Rows, sr)
		}
		out = append(out, b)
	}
	return out
}

// grid is the heatmap of one organisation, or of the shared service
// combined: a table per contract year.
type grid struct {
	ID     string // the anchor of its section
	Title  string
	Org    string // the organisation, or contract.Combined
	Blocks []gridBlock
	Trends []trendChart
}

// gridBlock is one contract year of a grid: the credit-bearing KPIs'
// rows, then the PIs' and figures'.
type gridBlock struct {
	Caption string
	Months  []monthCol
	KPIs    []gridRow
	Others  []gridRow
}

// gridRow is an indicator's row: a cell per month of the block.
type gridRow struct {
	KPI   string
	Name  string
	Cells []gridCell
}

// gridCell is one KPI-month of the heatmap. A month the indicator is not
// in force is blank: InForce is false.
type gridCell struct {
	InForce bool
	Month   string // 2021-06
	Class   string // the raw status: g, a, r, u (unmeasured) or f (a reported figure)
	Status  string // the raw status's word
	Text    string // G, A, R, the absence, or a figure's value
	Deemed  string // the status a mitigation deems, when it differs from the raw one
	Mark    bool   // a mitigation applies
	Right   bool   // the explanation opens to the left: the cell is in the right half
	Tip     tip
}

// tip is a cell's explanation.
type tip struct {
	ID    string
	Head  string
	Items []tipItem
}

type tipItem struct{ Key, Value string }

// cellMaker makes the heatmap cells of a page: it numbers their
// explanations, notes the marks the legend must explain, and knows the
// revisions of the sealed KPI-months, which the explanations list.
type cellMaker struct {
	c       *contract.Contract
	n       int
	legend  *legend
	revised map[revisedKey]string
}

func (mk *cellMaker) next() string {
	mk.n++
	return "t" + strconv.Itoa(mk.n)
}

// grids returns the heatmap of each organisation shown, then of the
// shared service combined, when the contract combines indicators.
func grids(c *contract.Contract, v *view, spans []yearSpan, mk *cellMaker) []grid {
	orgs := c.Orgs
	if v.org != "" {
		orgs = []string{v.org}
	}
	var out []grid
	for i, org := range orgs {
		g := gridOf(c, v, spans, mk, org, func(m *contract.MonthResult) []contract.Cell { return m.Cells })
		if g == nil {
			continue
		}
		g.ID, g.Title = fmt.Sprintf("org%d", i+1), esc(org)
		out = append(out, *g)
	}
	if v.org == "" {
		if g := gridOf(c, v, spans, mk, contract.Combined, func(m *contract.MonthResult) []contract.Cell { return m.Combined }); g != nil {
			g.ID, g.Title = "combined", "Combined: the shared service as a whole"
			out = append(out, *g)
		}
	}
	return out
}

// gridOf returns the grid of org's cells (cellsOf picks a month's cells
// or combined cells), or nil when the period has none.
func gridOf(c *contract.Contract, v *view, spans []yearSpan, mk *cellMaker, org string, cellsOf func(*contract.MonthResult) []contract.Cell) *grid {
	index := map[string]int{}
	for i := range c.KPIs {
		index[c.KPIs[i].ID] = i
	}
	// at[k][m] is the cell of KPI k in month m, or nil.
	at := make([][]*contract.Cell, len(c.KPIs))
	found := false
	for mi := range v.months {
		cells := cellsOf(&v.months[mi])
		for j := range cells {
			cell := &cells[j]
			if cell.Measured.Org != org {
				continue
			}
			k, ok := index[cell.Measured.KPI]
			if !ok {
				continue
			}
			if at[k] == nil {
				at[k] = make([]*contract.Cell, len(v.months))
			}
			at[k][mi] = cell
			found = true
		}
	}
	if !found {
		return nil
	}
	g := &grid{Org: esc(org)}
	for _, ys := range spans {
		b := gridBlock{Caption: ys.caption, Months: ys.monthHeads}
		for k := range c.KPIs {
			if at[k] == nil {
				continue
			}
			row := gridRow{KPI: esc(c.KPIs[k].ID), Name: esc(c.KPIs[k].Name)}
			shown := false
			width := ys.last - ys.first + 1
			for mi := ys.first; mi <= ys.last; mi++ {
				cell := at[k][mi]
				if cell == nil {
					row.Cells = append(row.Cells, gridCell{Month: v.months[mi].Month.String()})
					continue
				}
				shown = true
				gc := mk.cell(cell)
				gc.Right = 2*(mi-ys.first) >= width && width > 1
				row.Cells = append(row.Cells, gc)
			}
			if !shown {
				continue
			}
			if c.KPIs[k].Kind == kpi.KPI {
				b.KPIs = append(b.KPIs, row)
			} else {
				b.Others = append(b.Others, row)
			}
		}
		g.Blocks = append(g.Blocks, b)
	}
	g.Trends = trends(c, v, at)
	return g
}

// statusClass returns the heatmap's class and letter of a status.
func statusClass(s kpi.Status) (class, letter string) {
	switch s {
	case kpi.Green:
		return "g", "G"
	case kpi.Amber:
		return "a", "A"
	case kpi.Red:
		return "r", "R"
	case kpi.Reported:
		return "f", ""
	}
	return "u", ""
}

// absenceText is an absence as the heatmap prints it: as the packs write
// it where they have a word for it.
func absenceText(a kpi.Absence) string {
	switch a {
	case kpi.Unavailable:
		return "UNVL"
	case kpi.NotApplicable:
		return "N/A"
	case kpi.NotDue:
		return "n/d"
	case kpi.Missing:
		return "none"
	case kpi.NoBaseline:
		return "n/b"
	case kpi.NoInput:
		return "n/i"
	}
	return "?"
}

// cell returns the heatmap cell of a KPI-month.
func (mk *cellMaker) cell(cell *contract.Cell) gridCell {
	lg := mk.legend
	r := cell.Measured
	gc := gridCell{InForce: true, Month: r.Month.String(), Status: cell.Raw.String(), Mark: cell.Mitigation != nil}
	gc.Class, gc.Text = statusClass(cell.Raw)
	switch cell.Raw {
	case kpi.Reported:
		gc.Text = rounded(r)
		lg.Figure = true
	case kpi.Unmeasured:
		gc.Text = absenceText(r.Absent)
		lg.Unmeasured = true
	}
	if cell.Status != cell.Raw {
		_, gc.Deemed = statusClass(cell.Status)
		if gc.Deemed == "" {
			gc.Deemed = cell.Status.String()
		}
		lg.Deemed = true
	}
	gc.Tip = explanation(mk.c, cell, mk.next())
	if rv := mk.revised[revisedKey{r.Month, r.KPI, r.Org}]; rv != "" {
		gc.Tip.Items = append(gc.Tip.Items, tipItem{"Since sealed", esc(rv)})
	}
	return gc
}

// explanation returns the explanation of a cell: its value and rounding,
// the thresholds and whether they were met, the status the contract
// gives it, the mitigation and the credit line.
func explanation(c *contract.Contract, cell *contract.Cell, id string) tip {
	r := cell.Measured
	head := r.KPI
	if len(c.Orgs) > 1 {
		head += " " + r.Org
	}
	head += " " + r.Month.Pack() + ": " + cell.Raw.String()
	if cell.Status != cell.Raw {
		head += ", deemed " + cell.Status.String()
	}
	t := tip{ID: id, Head: esc(head)}
	add := func(k, v string) { t.Items = append(t.Items, tipItem{k, esc(v)}) }
	if r.Status == kpi.Unmeasured && r.Absent != kpi.NoBaseline {
		add("Value", "none ("+r.Absent.String()+")")
	} else {
		value := kpi.FormatValue(r.Value)
		if r.Derived {
			times := ""
			if r.Unit == kpi.Percent {
				times = "100 x "
			}
			value = times + kpi.FormatValue(r.Numerator) + "/" + kpi.FormatValue(r.Denominator) + " = " + value
			if r.Inexact {
				value += "..."
			}
		}
		add("Value", value+" rounds to "+rounded(r)+" ("+r.Precision.String()+")")
	}
	if pub := cell.Published(); pub != nil {
		add("Published", published(*cell))
	}
	if comp := cell.Computation(); comp != "" {
		add("Computed", comp)
	}
	add("Thresholds", thresholdText(r))
	add("Status", statusText(cell))
	if rec := cell.Mitigation; rec != nil {
		add("Mitigation", rec.Ref+" ("+effect(*rec)+", "+span(*rec)+"): "+rec.Reason)
	}
	if l := cell.Credit; l != nil && r.Org != contract.Combined {
		add("Credit", c.Credits.Money.Format(l.Amount)+": "+l.Rule)
	}
	if cell.Card != "" {
		add("Report card", cell.Card)
	}
	if n := note(*cell); n != "" {
		add("Note", n)
	}
	if l := cell.Credit; l != nil && l.Extra != nil && len(l.Extra.Incidents) > 0 {
		add("Incidents", strings.Join(l.Extra.Incidents, ", "))
	}
	return t
}

// thresholdText describes the thresholds a cell was judged by and
// whether its value met them: "TSL >= 95 missed, MSL >= 90 met (glide
// path step 2 of 3)", a relative target and its baseline, or none; under
// a small-volume rule, which rule judged it: "fewer than 20 measured
// (19): 2 failed: TSL at most 1 missed, MSL at most 2 met (base)".
func thresholdText(r kpi.Result) string {
	switch {
	case r.Kind == kpi.Figure:
		return "none: a reported figure has no target"
	case r.Relative != 0:
		s := "relative target " + r.Relative.String() + ", compared with " + r.BaseMonth.Pack()
		switch {
		case r.Absent == kpi.NoBaseline:
			return s + ": no value then (" + r.BaseAbsent.String() + ")"
		case r.Status == kpi.Green:
			return s + " (" + kpi.FormatValue(r.Base) + "): met"
		case r.Status == kpi.Red:
			return s + " (" + kpi.FormatValue(r.Base) + "): not met"
		}
		return s
	}
	t := r.Thresholds
	tsl := fmt.Sprintf("TSL %s %s", operator(r.Direction, t.TSLBound), kpi.FormatValue(t.TSL))
	msl := fmt.Sprintf("MSL %s %s", operator(r.Direction, t.MSLBound), kpi.FormatValue(t.MSL))
	if t.MSLMargin.IsSet() {
		msl += " (TSL " + map[bool]string{true: "less", false: "plus"}[r.Direction == kpi.HigherIsBetter] + " " + t.MSLMargin.String() + ")"
	}
	var s string
	if v := t.SmallVolume; v.IsSet() {
		switch {
		case r.ByVolume && r.Status == kpi.Unmeasured:
			return "small-volume rule " + v.String() + ": no counts to judge by (" + r.Source.String() + ")"
		case r.ByVolume:
			s = fmt.Sprintf("fewer than %d measured (%s): %s failed: ", v.FewerThan, kpi.FormatValue(r.Denominator), kpi.FormatValue(r.Failures()))
			tsl, msl = fmt.Sprintf("TSL at most %d", v.TSLFailures), fmt.Sprintf("MSL at most %d", v.MSLFailures)
		case r.Status != kpi.Unmeasured:
			s = fmt.Sprintf("%s measured, not fewer than %d: ", kpi.FormatValue(r.Denominator), v.FewerThan)
		}
	}
	switch r.Status {
	case kpi.Green:
		s += tsl + " met, " + msl
	case kpi.Amber:
		s += tsl + " missed, " + msl + " met"
	case kpi.Red:
		s += tsl + " missed, " + msl + " missed"
	default:
		s += tsl + ", " + msl
	}
	return s + " (" + r.Source.String() + ")"
}

// operator returns the comparison a bound asks of a value, as
// mathematics writes it: "≥", ">", "≤" or "<".
func operator(d kpi.Direction, b kpi.Bound) string {
	return strings.NewReplacer(">=", "\u2265", "<=", "\u2264").Replace(d.Operator(b))
}

// statusText says what status the contract gives a cell: its raw
// status, why an absence counts as it does, and what a mitigation did.
func statusText(cell *contract.Cell) string {
	r := cell.Measured
	s := cell.Raw.String()
	switch {
	case r.Status == kpi.Unmeasured && cell.Raw == kpi.Red:
		s += ": the contract counts " + r.Absent.String() + " as red"
	case cell.Raw == kpi.Unmeasured:
		s += ": not counted as a failure"
	case cell.Raw == kpi.Reported:
		s += ": a figure, never judged"
	}
	if rec := cell.Mitigation; rec != nil {
		if rec.Effect == mitigation.Deemed {
			s += "; deemed " + rec.Deemed.String() + " by mitigation " + rec.Ref
		} else {
			s += "; relieved by mitigation " + rec.Ref
		}
	}
	return s
}

// mitigationRow is a mitigation record as the page lists it.
type mitigationRow struct {
	Ref, KPI, Org, Months, Effect, Reason, Impact, PathToGreen, Agreed string
}

func mitigationRowOf(rec mitigation.Record) mitigationRow {
	org := rec.Org
	if org == "" {
		org = "all"
	}
	return mitigationRow{Ref: esc(rec.Ref), KPI: esc(rec.KPI), Org: esc(org), Months: span(rec), Effect: effect(rec),
		Reason: esc(rec.Reason), Impact: esc(rec.Impact), PathToGreen: esc(rec.PathToGreen), Agreed: esc(strings.TrimSpace(agreed(rec)))}
}

type pooledRow struct {
	Month, Who, Computed, Published, Status, Computation string
}

type lineRow struct {
	Month, Who, Amount, Rule string
}

type eventRow struct {
	Month, Trigger, Kind, Detail string
}

// yearRow is a contract year's totals, with the KPIs that drove them.
type yearRow struct {
	Year                           int
	Months, Charges, Cap, Withheld string
	Uncapped, Cut, EarnedBack      string
	Credit                         string
	Drivers                        []string
}

func yearRowOf(c *contract.Contract, y credits.YearTotal) yearRow {
	money := c.Credits.Money
	r := yearRow{Year: y.Year, Months: y.From.Pack() + " to " + y.To.Pack(), Charges: money.Format(y.Charges), Cap: "none",
		Withheld: money.Format(y.Withheld), Uncapped: money.Format(y.Uncapped), Cut: money.Format(y.Cut), EarnedBack: money.Format(y.EarnedBack), Credit: money.Format(y.Total)}
	if y.HasCap {
		r.Cap = money.Format(y.Cap)
	}
	for _, d := range y.Drivers {
		ms := make([]string, len(d.Months))
		for i, m := range d.Months {
			ms[i] = m.Pack()
		}
		r.Drivers = append(r.Drivers, esc(fmt.Sprintf("%s: %s (%s)", driverWho(d, len(c.Orgs)), money.Format(d.Amount), strings.Join(ms, ", "))))
	}
	return r
}
