package reconcile

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/nearest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/servicecredit/engine/pack"
)

// Input is what a reconciliation checks: the contract, the packs as
// published, what their figures are declared to mean, and optionally the
// measurements, mitigations and a supplier's credit claim to check them
// against.
type Input struct {
	Contract  *contract.Contract // the contract the packs report on
	Packs     []*pack.Published  // read with pack.ReadPublished
	Relations Relations          // the zero Relations declares nothing
	// Measurements, when given, are evaluated with Mitigations over the
	// months they cover, as servicecredit evaluate does: the board counts,
	// the RAGs no printed value judges, the printed values and the claims
	// are checked against that evaluation. Without them those checks are
	// uncheckable.
	Measurements []kpi.Measurement
	Mitigations  *mitigation.Register // nil when none were agreed
	Claims       []ClaimLine          // the supplier's claim, read with load.Claims; nil for none
	ClaimsFile   string               // the claims file's name, for the places of what is not claimed
}

// ErrInvalidInput is wrapped by the errors Check returns about its input
// as a whole: an invalid contract, relations that do not fit it, or
// measurements the contract cannot evaluate.
var ErrInvalidInput = errors.New("invalid reconciliation input")

// Check reconciles the packs with the contract: it reads every table's
// labels and headings, runs every check that applies to every published
// cell, and returns the findings, by place, and the cells no check
// judged. docs/reconcile.md describes each check.
//
// A flaw in a pack is a finding, never an error. Check returns an error
// only when the input as a whole cannot be checked: the contract is
// invalid, the relations do not fit it, or the evaluation of the
// measurements fails; each wraps ErrInvalidInput.
func Check(in Input) (*Report, error) {
	c := in.Contract
	if c == nil {
		return nil, fmt.Errorf("no contract: %w", ErrInvalidInput)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	if err := in.Relations.Validate(c); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	m := newModel(in)
	if len(in.Measurements) > 0 {
		from, to := in.Measurements[0].Month, in.Measurements[0].Month
		for _, x := range in.Measurements {
			from, to = minMonth(from, x.Month), maxMonth(to, x.Month)
		}
		res, err := c.Evaluate(contract.Input{From: from, To: to, Measurements: in.Measurements, Mitigations: in.Mitigations})
		if err != nil {
			return nil, fmt.Errorf("%w: evaluating the measurements: %w", ErrInvalidInput, err)
		}
		m.eval(res)
	}
	for _, p := range in.Packs {
		m.read(p)
	}
	m.layout()
	m.cells()
	m.targets()
	m.shares()
	m.complements()
	m.totals()
	m.periods()
	m.overall()
	m.combined()
	m.rags()
	m.values()
	m.boards()
	m.claims(in.Claims, in.ClaimsFile)
	rep := &Report{Claims: in.ClaimsFile, Findings: m.findings, Uncovered: m.uncovered()}
	for _, p := range in.Packs {
		rep.Packs = append(rep.Packs, p.File)
	}
	sortFindings(rep.Findings)
	return rep, nil
}

func minMonth(a, b kpi.Month) kpi.Month {
	if b.Before(a) {
		return b
	}
	return a
}

func maxMonth(a, b kpi.Month) kpi.Month {
	if b.After(a) {
		return b
	}
	return a
}

// seriesKind says what a label names.
type seriesKind uint8

const (
	unknownSeries  seriesKind = iota // a label not understood
	kpiSeries                        // a KPI of the contract
	declaredSeries                   // an id the relations declare
	boardSeries                      // a board summary count
	totalSeries                      // a total, subtotal or grand total of the rows above
)

// series is what a table's row (or column) is read as.
type series struct {
	kind  seriesKind
	id    string // the KPI, declared id or board word; empty for a total row or a label not understood
	def   *contract.KPI
	unit  kpi.Unit // zero when not known
	board BoardCount
	level int // a total row: 1 subtotal, 2 total, 3 grand total

	target    pack.Target // a target printed in the label
	hasTarget bool
	repeated  bool // the same indicator was printed on an earlier row of the table with figures
}

// rounding returns the rounding the series' printed figures are taken to
// use: its KPI's, or half-up.
func (s *series) rounding() kpi.Rounding {
	if s.def != nil {
		return s.def.Precision.Rounding
	}
	return kpi.HalfUp
}

// countLike reports whether the series' figures are counts.
func (s *series) countLike() bool { return s.unit == kpi.Count }

// tview is a table as the checks see it: its organisation and what each
// of its series is.
type tview struct {
	pub    *pack.Published
	t      *pack.Table
	org    string // an organisation, contract.Combined, or empty for the contract as a whole
	series []series
	board  bool // the table prints board counts
}

// ref is one published cell: a table's series under one of its periods.
type ref struct {
	tv     *tview
	si, pi int
}

func (r ref) cell() *pack.Cell     { return &r.tv.t.Series[r.si].Cells[r.pi] }
func (r ref) period() *pack.Period { return &r.tv.t.Periods[r.pi] }
func (r ref) series() *series      { return &r.tv.series[r.si] }
func (r ref) label() string        { return r.tv.t.Series[r.si].Label }
func (r ref) month() kpi.Month     { return r.tv.t.Periods[r.pi].Month }
func (r ref) at(pi int) ref        { return ref{r.tv, r.si, pi} }
func (r ref) number() bool         { return r.cell().Kind == pack.Number }
func (r ref) isMonth() bool        { return r.period().Kind == pack.OneMonth }
func (r ref) isTotalPeriod() bool  { return r.period().Kind.IsTotal() }

// key finds a published cell of one indicator of one organisation in one
// month.
type key struct {
	org, id string
	month   kpi.Month
}

// model is one reconciliation in progress.
type model struct {
	c        *contract.Contract
	rel      Relations
	kpis     map[string]*contract.KPI
	declared map[string]kpi.Unit
	rows     map[string]Row // by normalised label
	severity map[Kind]Severity
	shareOf  map[string]Share
	ruleOf   map[string]Rule
	// declaredTotal holds the ids the relations declare totals, which a
	// total row does not add up again.
	declaredTotal map[string]bool

	tables []*tview
	index  map[key]ref // the first printed cell of each indicator, organisation and month

	meas   map[key]kpi.Measurement
	res    *contract.Result
	cellOf map[key]contract.Cell // the engine's cells, by KPI, organisation and month
	summ   map[key]contract.Summary

	findings   []Finding
	covered    map[pack.Pos]bool
	why        map[pack.Pos]string // why the checks that tried a cell could not judge it
	impossible map[pack.Pos]string // cells found impossible, in words, for the warnings of what is built from them
	suggested  int                 // the unknown labels a name was looked for, up to maxSuggestions
}

// maxSuggestions bounds the unknown labels a likely name is looked for,
// an edit distance against every name: a hostile pack of many unknown
// labels costs no more than a real one.
const maxSuggestions = 100

func newModel(in Input) *model {
	m := &model{c: in.Contract, rel: in.Relations, kpis: map[string]*contract.KPI{}, declared: map[string]kpi.Unit{},
		rows: map[string]Row{}, severity: map[Kind]Severity{}, shareOf: map[string]Share{}, ruleOf: map[string]Rule{}, declaredTotal: map[string]bool{},
		index: map[key]ref{}, meas: map[key]kpi.Measurement{}, covered: map[pack.Pos]bool{}, why: map[pack.Pos]string{},
		impossible: map[pack.Pos]string{}}
	for i := range m.c.KPIs {
		m.kpis[m.c.KPIs[i].ID] = &m.c.KPIs[i]
	}
	for _, r := range in.Relations.Rows {
		m.rows[nearest.Normal(r.Label)] = r
		if r.ID != "" {
			m.declared[r.ID] = unitOr(r.Unit)
		}
	}
	for _, s := range in.Relations.Severity {
		m.severity[s.Kind] = s.Severity
	}
	for _, s := range in.Relations.Shares {
		m.shareOf[s.KPI] = s
	}
	for _, t := range in.Relations.Totals {
		m.declaredTotal[t.Total] = true
	}
	for _, p := range in.Relations.Periods {
		m.ruleOf[p.KPI] = p.Rule
	}
	for _, x := range in.Measurements {
		org := x.Org
		if org == "" && len(m.c.Orgs) == 1 {
			org = m.c.Orgs[0]
		}
		m.meas[key{org, x.KPI, x.Month}] = x
	}
	return m
}

// eval keeps the engine's evaluation: its cells and board summaries.
func (m *model) eval(res *contract.Result) {
	m.res, m.cellOf, m.summ = res, map[key]contract.Cell{}, map[key]contract.Summary{}
	for _, mo := range res.Months {
		m.summ[key{month: mo.Month}] = mo.Summary
		for _, cell := range mo.Cells {
			org := cell.Measured.Org
			m.cellOf[key{org, cell.Measured.KPI, mo.Month}] = cell
			s := m.summ[key{org: org, month: mo.Month}]
			s.Add(&cell)
			m.summ[key{org: org, month: mo.Month}] = s
		}
		for _, cell := range mo.Combined {
			m.cellOf[key{contract.Combined, cell.Measured.KPI, mo.Month}] = cell
		}
	}
}

// orgOf returns the organisation the relations give a table, or the
// default: the contract's only organisation, or the contract as a whole.
func (m *model) orgOf(p *pack.Published, t *pack.Table) string {
	for _, to := range m.rel.Tables {
		if (to.File == p.File || to.File == filepath.Base(p.File)) && (to.Title == "" || nearest.Normal(to.Title) == nearest.Normal(t.Title)) {
			return to.Org
		}
	}
	if len(m.c.Orgs) == 1 {
		return m.c.Orgs[0]
	}
	return ""
}

// read reads a pack's tables: each table's organisation and what each of
// its labels names, and indexes its cells.
func (m *model) read(p *pack.Published) {
	defer m.notes(p)
	for _, t := range p.Tables {
		tv := &tview{pub: p, t: t, org: m.orgOf(p, t)}
		tv.series = make([]series, len(t.Series))
		for i := range t.Series {
			tv.series[i] = m.resolve(t.Series[i].Label)
			tv.board = tv.board || (tv.series[i].kind == boardSeries && tv.series[i].board != BoardTotal)
		}
		seen := map[string]int{}
		for i := range t.Series {
			s := &tv.series[i]
			if s.kind == totalSeries && s.level == 2 && tv.board {
				*s = series{kind: boardSeries, id: BoardTotal.String(), unit: kpi.Count, board: BoardTotal}
			}
			if s.kind == unknownSeries {
				m.unknownLabel(tv, i)
				continue
			}
			if s.id == "" || !hasNumber(t.Series[i].Cells) {
				continue
			}
			if j, dup := seen[s.id]; dup {
				s.repeated = true
				m.add(Finding{Pos: t.Series[i].Pos, Kind: LabelCheck, KPI: s.id, Org: tv.org, Row: t.Series[i].Label, Published: t.Series[i].Label,
					Verdict: Disagrees, Reason: fmt.Sprintf("%s is printed with figures on %s already; this one is not checked", s.id, t.Series[j].Pos)})
				continue
			}
			seen[s.id] = i
		}
		m.tables = append(m.tables, tv)
		for si := range t.Series {
			if tv.series[si].id == "" || tv.series[si].repeated {
				continue
			}
			for pi, per := range t.Periods {
				r := ref{tv, si, pi}
				if per.Kind != pack.OneMonth || !valueKind(r.cell().Kind) {
					continue
				}
				k := key{tv.org, tv.series[si].id, per.Month}
				if _, dup := m.index[k]; !dup {
					m.index[k] = r
				}
			}
		}
	}
}

// valueKind reports whether a cell of kind k prints a value or its
// absence, as opposed to a RAG or a target.
func valueKind(k pack.CellKind) bool {
	return k == pack.Number || k == pack.Absent || k == pack.Unreadable
}

// notes reports the layout flaws the reader found in p, each with the
// organisation, indicator and month of its heading or row.
func (m *model) notes(p *pack.Published) {
	type heading struct {
		tv  *tview
		per *pack.Period
	}
	type row struct {
		tv *tview
		si int
	}
	headings, rows := map[pack.Pos]heading{}, map[int]row{}
	for _, tv := range m.tables {
		if tv.pub != p {
			continue
		}
		for i := range tv.t.Periods {
			headings[tv.t.Periods[i].Pos] = heading{tv, &tv.t.Periods[i]}
		}
		for si, s := range tv.t.Series {
			if _, ok := rows[s.Pos.Line]; !ok && !tv.t.Transposed {
				rows[s.Pos.Line] = row{tv, si}
			}
		}
	}
	for _, n := range p.Notes {
		f := Finding{Pos: n.Pos, Kind: HeadingCheck, Row: n.Text, Published: n.Text, Verdict: Disagrees, Reason: n.Msg}
		if n.Kind == pack.ShapeNote {
			f.Kind = ShapeCheck
		}
		if strings.HasPrefix(n.Msg, "heading not understood") {
			f.Verdict = Uncheckable
		}
		if h, ok := headings[n.Pos]; ok {
			f.Org, f.Row = h.tv.org, ""
			if h.per.Kind == pack.OneMonth {
				f.Month, f.Recomputed = h.per.Month, h.per.Month.Pack()
			}
		} else if r, ok := rows[n.Pos.Line]; ok && n.Pos.Cell == 0 {
			f.Org, f.KPI = r.tv.org, r.tv.series[r.si].id
		}
		m.add(f)
	}
}

func hasNumber(cells []pack.Cell) bool {
	return slices.ContainsFunc(cells, func(c pack.Cell) bool { return c.Kind == pack.Number })
}

// boardLabels are the board summary rows as packs print them.
var boardLabels = map[string]BoardCount{
	"tsl achieved": TSLAchieved, "msl achieved": MSLAchieved, "below msl": BelowMSL,
	"not measured": NotMeasured, "mitigation agreed": MitigationAgreed, "mitigations agreed": MitigationAgreed,
}

// totalLabels are the labels of total rows, by level.
var totalLabels = map[string]int{
	"subtotal": 1, "sub-total": 1, "sub total": 1,
	"total": 2, "totals": 2,
	"grand total": 3, "grand-total": 3,
}

// resolve says what a label names: a row the relations declare, a KPI of
// the contract by name or id, a board count, a total row, or, with a
// target in brackets at its end taken off, either of the first two.
func (m *model) resolve(label string) series {
	if s, ok := m.named(label); ok {
		return s
	}
	l := strings.TrimSuffix(nearest.Normal(label), ":")
	if b, ok := boardLabels[l]; ok {
		return series{kind: boardSeries, id: b.String(), unit: kpi.Count, board: b}
	}
	if lv, ok := totalLabels[l]; ok {
		return series{kind: totalSeries, unit: kpi.Count, level: lv}
	}
	if rest, t, ok := pack.SplitTarget(label); ok {
		if s, ok := m.named(rest); ok {
			s.target, s.hasTarget = t, true
			return s
		}
	}
	for _, suffix := range ratingSuffixes {
		if rest, ok := strings.CutSuffix(l, suffix); ok && rest != "" {
			if s, ok := m.named(rest); ok && s.kind == kpiSeries {
				return s
			}
		}
	}
	return series{}
}

// ratingSuffixes end the label of a row (or column) of a KPI's RAGs:
// "Telephony RAG", "Telephony (RAG)", "Telephony status".
var ratingSuffixes = []string{" (rag)", " rag", " status", " rating"}

// named resolves a label through the relations' rows and the contract's
// KPIs.
func (m *model) named(label string) (series, bool) {
	l := nearest.Normal(label)
	if r, ok := m.rows[l]; ok {
		switch {
		case r.KPI != "":
			k := m.kpis[r.KPI]
			return series{kind: kpiSeries, id: k.ID, def: k, unit: k.Unit}, true
		case r.ID != "":
			return series{kind: declaredSeries, id: r.ID, unit: unitOr(r.Unit)}, true
		default:
			return series{kind: boardSeries, id: r.Board.String(), unit: kpi.Count, board: r.Board}, true
		}
	}
	for i := range m.c.KPIs {
		k := &m.c.KPIs[i]
		if nearest.Normal(k.Name) == l || nearest.Normal(k.ID) == l {
			return series{kind: kpiSeries, id: k.ID, def: k, unit: k.Unit}, true
		}
	}
	return series{}, false
}

// unknownLabel reports a label that names nothing known, suggesting the
// nearest name.
func (m *model) unknownLabel(tv *tview, si int) {
	s := tv.t.Series[si]
	if !slices.ContainsFunc(s.Cells, pack.Cell.Printed) && len(s.Extra) == 0 {
		return // a label with nothing under it: a caption
	}
	names := make([]string, 0, len(m.c.KPIs)+len(m.rel.Rows))
	for _, k := range m.c.KPIs {
		names = append(names, k.Name)
	}
	for _, r := range m.rel.Rows {
		names = append(names, r.Label)
	}
	names = append(names, "TSL achieved", "MSL achieved", "Below MSL", "Not measured", "Mitigation agreed", "Subtotal", "Grand Total")
	reason := "not a kpi of the contract (by name or id), a row the relations declare, a board count or a total"
	m.suggested++
	if near := nearest.Name(s.Label, names); near != "" && m.suggested <= maxSuggestions {
		reason += fmt.Sprintf(" (did you mean %q?)", near)
	}
	m.add(Finding{Pos: s.Pos, Kind: LabelCheck, Org: tv.org, Row: s.Label, Published: s.Label, Verdict: Disagrees, Reason: reason})
}

// add records a finding: its severity as the relations set it unless the
// check set one, and which cells it judged.
func (m *model) add(f Finding) {
	if f.Severity == 0 {
		f.Severity = Error
		if s, ok := m.severity[f.Kind]; ok {
			f.Severity = s
		}
	}
	if f.Verdict == Uncheckable {
		if !m.covered[f.Pos] {
			m.why[f.Pos] = f.Reason
		}
	} else {
		m.covered[f.Pos] = true
		for _, p := range f.Inputs {
			m.covered[p] = true
		}
	}
	m.findings = append(m.findings, f)
}

// untried records why a check could not judge the cell at pos, without a
// finding: the cell is listed as uncovered with the reason.
func (m *model) untried(pos pack.Pos, why string) {
	if !m.covered[pos] {
		m.why[pos] = why
	}
}

// finding starts a finding about the cell r.
func (m *model) finding(kind Kind, r ref) Finding {
	f := Finding{Pos: r.cell().Pos, Kind: kind, KPI: r.series().id, Org: r.tv.org, Row: r.label(), Published: r.cell().Text}
	per := r.period()
	switch {
	case per.Kind == pack.OneMonth:
		f.Month = per.Month
	case per.Kind.IsTotal():
		f.Period = per.Text
		if n := len(per.Covers); n > 0 {
			f.From, f.To = r.tv.t.Periods[per.Covers[0]].Month, r.tv.t.Periods[per.Covers[n-1]].Month
		}
	}
	return f
}

// lookup returns the first printed cell of id for org in month mo.
func (m *model) lookup(org, id string, mo kpi.Month) (ref, bool) {
	r, ok := m.index[key{org, id, mo}]
	return r, ok
}

// each calls fn for every cell of the series named id in every table.
func (m *model) each(id string, fn func(r ref)) {
	m.eachCell(func(_ *tview, s *series) bool { return s.id == id && !s.repeated }, func(r ref, _ *series) { fn(r) })
}

// uncovered lists the published cells no finding judged.
func (m *model) uncovered() []Uncovered {
	var out []Uncovered
	for _, tv := range m.tables {
		for si, s := range tv.t.Series {
			for pi := range s.Cells {
				r := ref{tv, si, pi}
				c := r.cell()
				if !c.Printed() || m.covered[c.Pos] {
					continue
				}
				u := Uncovered{Pos: c.Pos, Text: c.Text, Row: s.Label, KPI: tv.series[si].id, Org: tv.org, Period: r.period().Text}
				if r.isMonth() {
					u.Month = r.month()
				}
				u.Why = m.whyNot(r)
				out = append(out, u)
			}
			for _, c := range s.Extra {
				out = append(out, Uncovered{Pos: c.Pos, Text: c.Text, Row: s.Label, KPI: tv.series[si].id, Org: tv.org,
					Why: "beyond the table's last heading"})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Uncovered) int { return a.Pos.Compare(b.Pos) })
	return out
}

// whyNot says why no check judged the cell r.
func (m *model) whyNot(r ref) string {
	if w, ok := m.why[r.cell().Pos]; ok {
		return w
	}
	s := r.series()
	switch {
	case s.kind == unknownSeries:
		return "its label is not understood"
	case s.repeated:
		return "its indicator is printed on an earlier row"
	case r.period().Kind == pack.Unknown:
		return "its heading is not understood"
	case r.cell().Kind == pack.Unreadable:
		return "it cannot be read"
	case m.res == nil:
		return "no relation or printed RAG covers it, and without measurements it is not checked against them"
	}
	return "no check covers it"
}
