package contract

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// ErrInvalidInput is wrapped by every problem Evaluate finds in its input
// other than the contract's own: a period outside the contract,
// measurements that are duplicated, for unknown KPIs or organisations,
// outside a KPI's months in force, or invalid for their KPI, and
// mitigation records that are invalid or given beside a register.
var ErrInvalidInput = errors.New("invalid evaluation input")

// Input is what a contract is evaluated on: the months, the values
// measured and the mitigations agreed. Give the mitigations either as
// records in MitigationRecords, which Evaluate and Stream validate against
// the contract and index themselves, or as a register already built with
// mitigation.NewRegister in Mitigations; not both.
type Input struct {
	From, To     kpi.Month         // the months evaluated, inclusive; zero means commencement and the end of the term
	Measurements []kpi.Measurement // the values measured, each at most once per KPI, organisation and month
	// MitigationRecords are the mitigations agreed, as records: they are
	// checked against the contract's MitigationScope as
	// mitigation.NewRegister checks them, each problem an *InputError
	// naming the record ("MitigationRecords[1].From"); nil when none
	// were agreed or Mitigations holds them.
	MitigationRecords []mitigation.Record
	Mitigations       *mitigation.Register // the mitigations agreed, as a register already built; nil when none were agreed or MitigationRecords holds them
}

// Result is a contract's evaluation: every month's KPI-months and board
// summary, and the credit ledger with its contract-year totals.
type Result struct {
	Months []MonthResult   // the months evaluated, in order
	Ledger *credits.Ledger // the credit ledger of those months, with their contract-year totals
	// Money is the contract's money rounding, the places its amounts are
	// rounded to. Print an amount with FormatMoney ("1000.00"), never
	// with the decimal's String, which drops the places ("1000").
	Money credits.Money
}

// FormatMoney formats an amount of the result, such as a line's Amount
// or a year's Total, at the contract's money places, whatever the
// decimal package's globals say: "1000.00". A KPI's value prints with its
// cell's Measured.Format ("99.50%").
func (r *Result) FormatMoney(d decimal.Decimal) string { return r.Money.Format(d) }

// MonthResult is one evaluated month.
type MonthResult struct {
	Month        kpi.Month          // the month evaluated
	ServiceMonth int                // counted from commencement, which is 1
	Year         int                // the contract year
	Cells        []Cell             // the month's KPI-months, in the contract's order, then the combined cells of a shared service
	Summary      Summary            // the board's counts of the month's statuses
	Credit       credits.MonthTotal // the month's credit: uncapped, cut by caps, and payable
	Lines        []credits.Line     // the month's own lines: caps' cuts, a critical failure's withholding and earn-backs
	Events       []credits.Event    // the escalation and termination events the month raised, with their evidence

	// Combined holds, for a contract serving several organisations, the
	// month's cells of the KPIs the contract combines (KPI.Combine), with
	// Org Combined. They are neither counted in the Summary nor credited.
	Combined []Cell
}

// Cell is one KPI-month for one organisation: the classification as
// measured, the status the contract gives it, any mitigation, and its
// credit line. The KPI, organisation, month and kind are its Measured's.
// Its rare parts (a mitigation, a pooled computation) are held by
// pointer, nil when the cell has none, and shared, never to be modified.
type Cell struct {
	// Measured is the classification of the value as measured; an absent
	// value is Unmeasured with its reason.
	Measured kpi.Result
	// Raw is the status before mitigation, after the contract's absence
	// rule: an absence the contract counts as a failure is Red here.
	Raw kpi.Status
	// Status is the status after mitigation: Raw, or a deemed status.
	Status     kpi.Status
	Mitigation *mitigation.Record // the agreed mitigation; nil when none
	// Credit is the cell's line in the ledger, never nil: in a Result,
	// one of its Ledger's Lines; in a MonthResult that Stream hands over, one
	// of the Book's, valid while the MonthResult is; for a combined cell, which
	// is never credited, a zero Line. Its Incidents are the
	// measurement's.
	Credit *credits.Line
	Note   string // the measurement's note, if any
	// Card, when not empty, says why the cell gets a report card under
	// the contract's ReportCard rule: "red", or how far short of the TSL
	// it fell.
	Card   string
	Pooled *Pooled // a pooled or combined KPI's computation; nil for any other
}

// Pooled is what a pooled KPI's cell (KPI.Pooled), or a combined cell
// (MonthResult.Combined), holds beside its value: how the value was computed,
// and the figure the measurements supplied for it.
type Pooled struct {
	// Computation explains the value: its parts and the sums, or why
	// there is no value.
	Computation string
	// Published is the figure supplied for a pooled KPI, as measured,
	// shown beside the computed one; nil when none was supplied (and
	// always for a combined cell: the pack publishes no combined figure).
	Published *kpi.Measurement
}

// Computation returns the cell's Pooled.Computation, or "" when it has
// none.
func (c *Cell) Computation() string {
	if c.Pooled == nil {
		return ""
	}
	return c.Pooled.Computation
}

// Published returns the figure supplied for a pooled KPI-month, or nil.
func (c *Cell) Published() *kpi.Measurement {
	if c.Pooled == nil {
		return nil
	}
	return c.Pooled.Published
}

// Reason explains the cell in words: the classification, the absence rule
// if it applied, and the mitigation if there is one.
func (c *Cell) Reason() string {
	s := c.Measured.Reason()
	if comp := c.Computation(); comp != "" {
		s = comp + "; " + s
	}
	if c.Measured.Status == kpi.Unmeasured && c.Raw == kpi.Red {
		s += "; the contract counts " + c.Measured.Absent.String() + " as red"
	}
	if rec := c.Mitigation; rec != nil {
		s += fmt.Sprintf("; mitigated by %s (%s", rec.Ref, rec.Effect)
		if rec.Effect == mitigation.Deemed {
			s += " " + rec.Deemed.String()
		}
		s += ")"
	}
	return s
}

// Summary is the month's line of a board's summary table, counting the
// credit-bearing KPI-months only (PIs are reported but not counted) by
// their raw status.
type Summary struct {
	TSL        int // met the target (Green)
	MSL        int // met the minimum only (Amber)
	BelowMSL   int // below the minimum (Red), including absences the contract counts as failures
	Unmeasured int // without a value and not counted as a failure
	Total      int // in force
	Mitigated  int // with an agreed mitigation
}

type mkey struct {
	kpi, org string
	month    kpi.Month
}

// mindex finds measurements. The contract's own measurements are found
// through a dense table by the KPI's and the organisation's positions in
// the contract and the month, so the cells of the main loop need no
// hashing; the table covers only the months evaluated and the twelve
// before them, where relative targets find their baselines, never the
// whole term. The shared service's combined measurements, built month by
// month, are found through a map.
type mindex struct {
	ms []kpi.Measurement

	dense  []int32 // 1 + the index into ms; 0 for none
	kpiAt  map[string]int
	orgAt  map[string]int
	start  kpi.Month // the table's first month
	months int       // the table's months
	norgs  int

	keys map[mkey]int // for an index without a dense table
}

// find returns the index of KPI id's measurement for org in month m.
func (x *mindex) find(id, org string, m kpi.Month) (int, bool) {
	if x.dense == nil {
		i, ok := x.keys[mkey{id, org, m}]
		return i, ok
	}
	ki, ok := x.kpiAt[id]
	if !ok {
		return 0, false
	}
	oi, ok := x.orgAt[org]
	if !ok {
		return 0, false
	}
	return x.at(ki, oi, m)
}

// at returns the index of the measurement of the KPI at position ki for
// the organisation at position oi in month m, through the dense table.
func (x *mindex) at(ki, oi int, m kpi.Month) (int, bool) {
	mo := m.Sub(x.start)
	if mo < 0 || mo >= x.months {
		return 0, false
	}
	v := x.dense[(mo*len(x.kpiAt)+ki)*x.norgs+oi]
	return int(v) - 1, v > 0
}

// pos is a cell's place in the dense table: the KPI's and the
// organisation's positions in the contract; ki < 0 when the cell has none
// (the shared service's combined cells).
type pos struct{ ki, oi int }

// Evaluate classifies every KPI in force in every month of the input's
// period for every organisation it is measured for, applies the contract's
// absence rule and the agreed mitigations, and computes the credits. A KPI
// in force without a measurement is Missing, never guessed. It is Stream
// with every month kept: its memory grows with the KPI-months evaluated
// (a few hundred bytes each); Stream's does not.
//
// Evaluate validates the contract and the input first and reports every
// problem it finds; on any problem it returns no result.
func (c *Contract) Evaluate(in Input) (*Result, error) {
	res := &Result{Ledger: &credits.Ledger{}, Money: c.Credits.Money}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	var cells []Cell // every month's cells, allocated at once
	if from, to, err := c.period(in); err == nil {
		n := 0
		for m := from; !m.After(to); m = m.AddMonths(1) {
			n += c.cellsIn(m)
		}
		months := to.Sub(from) + 1
		res.Months = make([]MonthResult, 0, months)
		cells = make([]Cell, n)
		// Room for every cell's line and the most month lines a month can
		// have (a withholding and four caps): the cells' Credit point into
		// it, so it must not move.
		res.Ledger.Lines = make([]credits.Line, 0, n+5*months)
		res.Ledger.Months = make([]credits.MonthTotal, 0, months)
	}
	tot, err := c.stream(in, &kept{ledger: res.Ledger, cells: cells}, func(m *MonthResult) error {
		res.Ledger.Months = append(res.Ledger.Months, m.Credit)
		res.Ledger.Events = append(res.Ledger.Events, m.Events...)
		res.Months = append(res.Months, *m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Ledger.Years, res.Ledger.Total = tot.Years, tot.Total
	return res, nil
}

// Totals are what an evaluation adds up to over all its months. Print an
// amount with the contract's Credits.Money.Format ("1000.00").
type Totals struct {
	Years []credits.YearTotal // one per contract year evaluated, with the KPIs that drove it
	Total decimal.Decimal     // the credit over every month evaluated
}

// Stream evaluates as Evaluate does, but hands each month to each as soon
// as it is complete, with its cells, credit total and month lines, and
// keeps none of them: memory does not grow with the results. (The
// measurement index covers the KPIs and organisations over the months
// evaluated and the twelve before them, and a shared service's combined
// values are kept month by month for relative targets.) The MonthResult, its
// Cells and its Lines are reused for the next month: each must copy what
// it keeps of them. Stream stops at the first error each returns and
// returns that error.
//
// The contract and input are validated first, as for Evaluate, before any
// month is handed over. A few problems can only be found as the months are
// credited (a customer's decision missing for an incident, a two-limb cap
// without its twelve months of history): Stream then returns the error
// after handing over the months before it, which the caller must discard.
func (c *Contract) Stream(in Input, each func(*MonthResult) error) (*Totals, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c.stream(in, nil, each)
}

// period returns the months in evaluates, or an error when they are not
// within the contract's term or exceed the limit on the KPI-months
// evaluated.
func (c *Contract) period(in Input) (from, to kpi.Month, err error) {
	from, to = in.From, in.To
	if from.IsZero() {
		from = c.Commencement
	}
	if to.IsZero() {
		to = c.Last()
	}
	if from.Before(c.Commencement) || to.After(c.Last()) || to.Before(from) {
		path := "To" // past the end
		if from.Before(c.Commencement) || to.Before(from) {
			path = "From"
		}
		return from, to, &InputError{Contract: c.Name, Index: -1, Path: path,
			Msg: fmt.Sprintf("period %s..%s not within the contract's %s..%s", from, to, c.Commencement, c.Last())}
	}
	if err := c.periodLimit(from, to); err != nil {
		return from, to, err
	}
	return from, to, nil
}

// kept is where an evaluation that keeps its months puts them: each
// month's cells are taken from cells, zero and never reused, and its
// lines are appended to ledger.Lines.
type kept struct {
	ledger *credits.Ledger
	cells  []Cell
}

// stream is Stream on a valid contract; with keep, for a caller that keeps
// every month, each month's cells and lines are kept's.
func (c *Contract) stream(in Input, keep *kept, each func(*MonthResult) error) (*Totals, error) {
	from, to, err := c.period(in)
	if err != nil {
		return nil, err
	}
	index, err := c.index(in.Measurements, from, to)
	reg, rerr := c.register(in)
	if err != nil || rerr != nil {
		return nil, errors.Join(append(joined.Split(err), joined.Split(rerr)...)...)
	}
	book, err := credits.Open(c.Credits)
	if err != nil {
		return nil, fmt.Errorf("contract %q: %w", c.Name, err)
	}
	comb := &mindex{keys: map[mkey]int{}}
	at := c.positions(reg)
	recs := records{reg: reg}
	yearCharges := map[int]decimal.Decimal{}
	var p credits.Period
	var cells []Cell // reused month after month, as is the MonthResult, unless kept
	mo := new(MonthResult)
	for m := from; !m.After(to); m = m.AddMonths(1) {
		n := c.cellsIn(m)
		if keep != nil && len(keep.cells) >= n {
			cells, keep.cells = keep.cells[:n:n], keep.cells[n:] // zero, as cell needs them
		} else if keep != nil {
			cells = make([]Cell, n)
		} else {
			cells = slices.Grow(cells[:0], n)[:n]
			clear(cells)
		}
		*mo = MonthResult{Month: m, ServiceMonth: c.ServiceMonth(m), Year: c.Year(m), Cells: cells[:0]}
		p = credits.Period{Month: m, Year: mo.Year, YearCharges: c.yearCharges(mo.Year, yearCharges), Outcomes: slices.Grow(p.Outcomes[:0], n),
			YearEnd: c.YearEnd(m)}
		for _, o := range c.Orgs {
			ch, _ := c.charge(o, m)
			p.Charges = p.Charges.Add(ch)
		}
		for i := range c.KPIs {
			k := &c.KPIs[i]
			kf, kt := c.Window(k)
			if m.Before(kf) || m.After(kt) {
				continue
			}
			reg := &recs
			if !at.mitigated[i] {
				reg = nil // no record for this KPI: no need to ask
			}
			for j, org := range c.OrgsOf(k) {
				mo.Cells = mo.Cells[:len(mo.Cells)+1] // zero already, and never moved: the month has room for every cell
				cell := &mo.Cells[len(mo.Cells)-1]
				incidents := c.cell(cell, k, pos{i, at.orgs[i][j]}, org, m, index, reg)
				mo.Summary.Add(cell)
				ch, _ := c.charge(org, m)
				o := credits.Outcome{KPI: k.ID, Org: org, Kind: k.Kind, Raw: cell.Raw, Status: cell.Status,
					Absent: cell.Measured.Absent, Charges: ch, Measured: &cell.Measured, Incidents: incidents}
				if rec := cell.Mitigation; rec != nil {
					o.Mitigation, o.Relief = rec.Ref, rec.Effect == mitigation.Relief
				}
				p.Outcomes = append(p.Outcomes, o)
			}
		}
		if len(c.Orgs) > 1 {
			mo.Combined = c.combined(m, index, comb)
		}
		var lines []credits.Line
		var total credits.MonthTotal
		if keep != nil {
			led := keep.ledger
			base := len(led.Lines)
			led.Lines, total, err = book.AddTo(led.Lines, p)
			if err == nil {
				lines = led.Lines[base:]
			}
		} else {
			lines, total, err = book.Add(p)
		}
		if err != nil {
			return nil, fmt.Errorf("contract %q: %w", c.Name, err)
		}
		for i := range mo.Cells {
			mo.Cells[i].Credit = &lines[i]
		}
		mo.Lines, mo.Credit, mo.Events = lines[len(mo.Cells):len(lines):len(lines)], total, book.Events()
		if err := each(mo); err != nil {
			return nil, err
		}
	}
	return &Totals{Years: book.Years(), Total: book.Total()}, nil
}

// register returns the input's mitigation register: Mitigations, or one
// built from MitigationRecords against the contract's scope, whose
// problems are *InputErrors naming each record by its position and Ref.
func (c *Contract) register(in Input) (*mitigation.Register, error) {
	if len(in.MitigationRecords) == 0 {
		return in.Mitigations, nil
	}
	if in.Mitigations != nil {
		return nil, &InputError{Contract: c.Name, Index: -1, Path: "MitigationRecords",
			Msg: "mitigation records given beside a register in Mitigations (give one or the other)"}
	}
	reg, err := mitigation.NewRegister(in.MitigationRecords, c.MitigationScope())
	if err == nil {
		return reg, nil
	}
	var errs []error
	for _, e := range joined.Split(err) {
		me, ok := e.(*mitigation.Error)
		if !ok {
			return nil, err // NewRegister reports *mitigation.Error only
		}
		path := fmt.Sprintf("MitigationRecords[%d]", me.Index)
		if me.Path != "" {
			path += "." + me.Path
		}
		errs = append(errs, &InputError{Contract: c.Name, Index: -1, Path: path, KPI: me.KPI, Org: me.Org, Month: me.Month, Msg: me.Msg, Err: me})
	}
	return nil, errors.Join(errs...)
}

// records finds the agreed mitigation records, one shared copy of each
// for all the cells it covers.
type records struct {
	reg  *mitigation.Register
	seen map[recordKey]*mitigation.Record
}

// recordKey identifies a record of a register, where records of one KPI
// and organisation never overlap.
type recordKey struct {
	ref, kpi, org string
	from          kpi.Month
}

// lookup returns the record covering KPI id for org in month m, or nil.
func (r *records) lookup(id, org string, m kpi.Month) *mitigation.Record {
	if r == nil {
		return nil
	}
	rec, ok := r.reg.Lookup(id, org, m)
	if !ok {
		return nil
	}
	k := recordKey{rec.Ref, rec.KPI, rec.Org, rec.From}
	if p, ok := r.seen[k]; ok {
		return p
	}
	if r.seen == nil {
		r.seen = map[recordKey]*mitigation.Record{}
	}
	r.seen[k] = &rec
	return &rec
}

// positions holds, for each KPI of the contract, the positions of the
// organisations it is measured for and whether any mitigation record names
// it.
type positions struct {
	orgs      [][]int
	mitigated []bool
}

func (c *Contract) positions(reg *mitigation.Register) positions {
	orgAt := make(map[string]int, len(c.Orgs))
	for i, o := range c.Orgs {
		orgAt[o] = i
	}
	named := map[string]bool{}
	for _, r := range reg.Records() {
		named[r.KPI] = true
	}
	at := positions{orgs: make([][]int, len(c.KPIs)), mitigated: make([]bool, len(c.KPIs))}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		for _, o := range c.OrgsOf(k) {
			at.orgs[i] = append(at.orgs[i], orgAt[o])
		}
		at.mitigated[i] = named[k.ID]
	}
	return at
}

// cellsIn returns the number of KPI-organisation cells in force in m.
func (c *Contract) cellsIn(m kpi.Month) int {
	n := 0
	for i := range c.KPIs {
		k := &c.KPIs[i]
		if kf, kt := c.Window(k); !m.Before(kf) && !m.After(kt) {
			n += len(c.OrgsOf(k))
		}
	}
	return n
}

// cell evaluates one KPI-month for one organisation into cell, which must
// be zero: filled in its place, a cell (large) is not copied into the
// month. It returns the measurement's incidents.
func (c *Contract) cell(cell *Cell, k *KPI, at pos, org string, m kpi.Month, x *mindex, reg *records) []string {
	meas, found := kpi.Measurement{KPI: k.ID, Org: org, Month: m, Absent: kpi.Missing}, false
	switch {
	case !c.Due(k, m):
		meas.Absent = kpi.NotDue
	case at.ki >= 0:
		if i, ok := x.at(at.ki, at.oi, m); ok {
			meas, found = x.ms[i], true
		}
	default:
		meas, found = lookup(k.ID, org, m, x)
	}
	incidents := meas.Incidents
	if len(k.Pooled) > 0 {
		pooled := &Pooled{}
		if found {
			pub := meas.Resolved(k.Definition)
			pooled.Published = &pub
		}
		meas, pooled.Computation = c.pool(k, org, m, x)
		cell.Pooled = pooled
	}
	cell.Note = meas.Note
	if k.Relative != 0 {
		base, _ := lookup(k.ID, org, k.Relative.Baseline(m), x)
		cell.Measured = kpi.ClassifyAgainst(k.Definition, meas, base)
	} else {
		cell.Measured = kpi.Classify(k.Definition, meas)
	}
	cell.Raw = cell.Measured.Status
	switch cell.Measured.Absent {
	case kpi.Missing:
		cell.Raw = c.Absences.Missing
	case kpi.Unavailable:
		cell.Raw = c.Absences.Unavailable
		if k.Unavailable != 0 {
			cell.Raw = k.Unavailable
		}
	}
	if k.Kind == kpi.Figure && cell.Raw == kpi.Red {
		cell.Raw = kpi.Unmeasured // a figure has no target to fail
	}
	cell.Card = c.card(cell)
	cell.Status = cell.Raw
	if rec := reg.lookup(k.ID, org, m); rec != nil {
		cell.Mitigation = rec
		if rec.Effect == mitigation.Deemed {
			cell.Status = rec.Deemed
		}
	}
	return incidents
}

// combined returns month m's combined cells. The combined measurements of
// every month so far are kept in comb, where relative
// targets find their baselines.
func (c *Contract) combined(m kpi.Month, x, comb *mindex) []Cell {
	how := map[string]string{}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		kf, kt := c.Window(k)
		if k.Combine.How == 0 || k.Combine.How == Repooled || m.Before(kf) || m.After(kt) {
			continue
		}
		v, why := c.combine(k, m, x)
		comb.keys[mkey{k.ID, Combined, m}] = len(comb.ms)
		comb.ms = append(comb.ms, v)
		how[k.ID] = why
	}
	var cells []Cell
	none := &credits.Line{} // combined cells are never credited
	for i := range c.KPIs {
		k := &c.KPIs[i]
		kf, kt := c.Window(k)
		if k.Combine.How == 0 || m.Before(kf) || m.After(kt) {
			continue
		}
		cell := Cell{Credit: none}
		c.cell(&cell, k, pos{ki: -1}, Combined, m, comb, nil)
		if cell.Pooled == nil {
			cell.Pooled = &Pooled{Computation: how[k.ID]}
		} else {
			cell.Pooled.Published = nil // the pack publishes no combined figure
		}
		cells = append(cells, cell)
	}
	return cells
}

// combine computes a Summed or Weighted KPI's combined measurement and
// explains it.
func (c *Contract) combine(k *KPI, m kpi.Month, x *mindex) (kpi.Measurement, string) {
	out := kpi.Measurement{KPI: k.ID, Org: Combined, Month: m}
	if k.Combine.How != Summed {
		var acc weighted
		for _, org := range c.OrgsOf(k) {
			v, _ := c.resolved(k.ID, org, m, x)
			w, _ := c.resolved(k.Combine.Weight, org, m, x)
			if why := acc.add(org, v, k.Combine.Weight, w); why != "" {
				out.Absent = kpi.NoInput
				return out, "combined: " + why
			}
		}
		return acc.result(out, k.Precision, "combined", "combine")
	}
	var sum decimal.Decimal
	var parts []string
	applicable := false
	for _, org := range c.OrgsOf(k) {
		v, _ := c.resolved(k.ID, org, m, x)
		switch v.Absent {
		case 0:
			applicable = true
			sum = sum.Add(v.Value)
			parts = append(parts, org+" "+kpi.FormatValue(v.Value))
		case kpi.NotApplicable:
			parts = append(parts, org+" not applicable")
		default:
			out.Absent = kpi.NoInput
			return out, fmt.Sprintf("combined: no value for %s (%s)", org, v.Absent)
		}
	}
	if !applicable {
		out.Absent = kpi.NotApplicable
		return out, "combined: nothing to combine (" + strings.Join(parts, ", ") + ")"
	}
	out.Value = sum
	return out, "combined: " + strings.Join(parts, " + ") + " = " + kpi.FormatValue(sum)
}

// weighted pools percentages, each weighted by another indicator's value
// (or by its own counts), by the rule pooled and combined values share: a
// part that is not applicable with no weight (absent or zero) adds
// nothing, as when there were no calls of that priority; any other absent
// value or weight leaves the result without input, never guessed.
type weighted struct {
	num, den decimal.Decimal
	parts    []string
}

// add adds part name's value v weighted by weight's value w. It returns,
// when the result can have no value, why.
func (a *weighted) add(name string, v kpi.Measurement, weight string, w kpi.Measurement) string {
	switch {
	case v.Absent == kpi.NotApplicable && (w.Absent != 0 || w.Value.IsZero()):
		a.parts = append(a.parts, name+" not applicable")
		return ""
	case v.Absent != 0:
		return fmt.Sprintf("no value for %s (%s)", name, v.Absent)
	case w.Absent != 0:
		return fmt.Sprintf("no weight %s for %s (%s)", weight, name, w.Absent)
	}
	a.num, a.den = a.num.Add(v.Value.Mul(w.Value)), a.den.Add(w.Value)
	a.parts = append(a.parts, fmt.Sprintf("%s %s%% x %s", name, kpi.FormatValue(v.Value), kpi.FormatValue(w.Value)))
	return ""
}

// addCounts adds part name's counts: its numerator as a percentage of its
// denominator. It returns, when the result can have no value, why.
func (a *weighted) addCounts(name string, v kpi.Measurement) string {
	switch {
	case v.Absent == kpi.NotApplicable:
		a.parts = append(a.parts, name+" not applicable")
		return ""
	case v.Absent != 0:
		return fmt.Sprintf("no value for %s (%s)", name, v.Absent)
	case !v.HasCounts:
		return fmt.Sprintf("%s has no counts to weight it", name)
	}
	a.num, a.den = a.num.Add(v.Numerator.Shift(2)), a.den.Add(v.Denominator)
	a.parts = append(a.parts, fmt.Sprintf("%s %s/%s", name, kpi.FormatValue(v.Numerator), kpi.FormatValue(v.Denominator)))
	return ""
}

// result returns out with the pooled value rounded once to p, or not
// applicable when there was nothing to pool, and explains it: "pooled: P1
// 62.50% x 8, P2 56.16% x 86 = 5329.76/94".
func (a *weighted) result(out kpi.Measurement, p kpi.Precision, label, verb string) (kpi.Measurement, string) {
	q, ok := p.Quotient(a.num, a.den)
	if !ok {
		out.Absent = kpi.NotApplicable
		return out, label + ": nothing to " + verb + " (" + strings.Join(a.parts, ", ") + ")"
	}
	out.Value = q
	return out, fmt.Sprintf("%s: %s = %s/%s", label, strings.Join(a.parts, ", "), kpi.FormatValue(a.num), kpi.FormatValue(a.den))
}

// card applies the contract's report-card rule to a classified cell: why
// it gets a card, or "" when it does not.
func (c *Contract) card(cell *Cell) string {
	if c.ReportCard == nil {
		return ""
	}
	if cell.Raw == kpi.Red {
		return "red"
	}
	r, v := &cell.Measured, c.ReportCard.Variance
	if !v.IsSet() || r.Kind == kpi.Figure || r.Relative != 0 || r.Status == kpi.Unmeasured {
		return ""
	}
	limit := v.By
	if v.Unit == kpi.PercentOfTSL {
		limit = r.Thresholds.TSL.Abs().Mul(v.By).Shift(-2)
	}
	worse := r.Thresholds.TSL.Sub(r.Rounded) // how far short of the target
	if r.Direction == kpi.LowerIsBetter {
		worse = worse.Neg()
	}
	if worse.Cmp(limit) < 0 {
		return ""
	}
	return fmt.Sprintf("short of tsl %s by %s, at least %s (%s)", kpi.FormatValue(r.Thresholds.TSL),
		kpi.FormatValue(worse), kpi.FormatValue(limit), v)
}

// resolved returns lookup's measurement with a value derived from counts
// resolved at its KPI's precision, for code that reads its Value.
func (c *Contract) resolved(id, org string, m kpi.Month, x *mindex) (kpi.Measurement, bool) {
	meas, ok := lookup(id, org, m, x)
	if ok && meas.FromCounts {
		for i := range c.KPIs {
			if c.KPIs[i].ID == id {
				return meas.Resolved(c.KPIs[i].Definition), true
			}
		}
	}
	return meas, ok
}

// lookup returns the measurement of KPI id for org in month m, or a
// Missing one.
func lookup(id, org string, m kpi.Month, x *mindex) (kpi.Measurement, bool) {
	if i, ok := x.find(id, org, m); ok {
		return x.ms[i], true
	}
	return kpi.Measurement{KPI: id, Org: org, Month: m, Absent: kpi.Missing}, false
}

// pool computes a pooled KPI's measurement and explains it.
func (c *Contract) pool(k *KPI, org string, m kpi.Month, x *mindex) (kpi.Measurement, string) {
	out := kpi.Measurement{KPI: k.ID, Org: org, Month: m}
	var acc weighted
	for _, p := range k.Pooled {
		v, _ := c.resolved(p.KPI, org, m, x)
		var why string
		if p.Weight == "" {
			why = acc.addCounts(p.KPI, v)
		} else {
			w, _ := c.resolved(p.Weight, org, m, x)
			why = acc.add(p.KPI, v, p.Weight, w)
		}
		if why != "" {
			out.Absent = kpi.NoInput
			return out, "pooled: " + why
		}
	}
	return acc.result(out, k.Precision, "pooled", "pool")
}

// Add counts cell c in s as Evaluate does: credit-bearing KPIs only, by
// raw status, and whether a mitigation was agreed.
func (s *Summary) Add(c *Cell) {
	if c.Measured.Kind != kpi.KPI {
		return
	}
	s.Total++
	switch c.Raw {
	case kpi.Green:
		s.TSL++
	case kpi.Amber:
		s.MSL++
	case kpi.Red:
		s.BelowMSL++
	default:
		s.Unmeasured++
	}
	if c.Mitigation != nil {
		s.Mitigated++
	}
}

// yearCharges returns the sum of every organisation's charges over the
// months of contract year y within the term, memoised in memo.
func (c *Contract) yearCharges(y int, memo map[int]decimal.Decimal) decimal.Decimal {
	if v, ok := memo[y]; ok {
		return v
	}
	var sum decimal.Decimal
	start := c.Commencement.AddMonths((y - 1) * 12)
	for i := 0; i < 12; i++ {
		m := start.AddMonths(i)
		if m.After(c.Last()) {
			break
		}
		for _, o := range c.Orgs {
			ch, _ := c.charge(o, m)
			sum = sum.Add(ch)
		}
	}
	memo[y] = sum
	return sum
}

// index checks every measurement and indexes the ones of the months
// from-12..to (the months evaluated and their baselines) by KPI,
// organisation and month. Duplicates outside those months are found by
// sorting, so that memory follows the months evaluated, never the term.
// Each problem is an *InputError naming the measurement's position; past
// joined.Max they are counted.
func (c *Contract) index(ms []kpi.Measurement, from, to kpi.Month) (*mindex, error) {
	var errs joined.Capped
	i := 0 // the measurement checked
	bad := func(m kpi.Measurement, field, format string, args ...any) {
		errs.Add(&InputError{Contract: c.Name, Index: i, Path: fmt.Sprintf("Measurements[%d].%s", i, field),
			KPI: m.KPI, Org: m.Org, Month: m.Month, Msg: fmt.Sprintf(format, args...)})
	}
	start := from.AddMonths(-12)
	if start.Before(c.Commencement) {
		start = c.Commencement
	}
	x := &mindex{ms: ms, kpiAt: make(map[string]int, len(c.KPIs)), orgAt: make(map[string]int, len(c.Orgs)),
		start: start, months: to.Sub(start) + 1, norgs: len(c.Orgs)}
	for i := range c.KPIs {
		x.kpiAt[c.KPIs[i].ID] = i
	}
	for i, o := range c.Orgs {
		x.orgAt[o] = i
	}
	x.dense = make([]int32, x.months*len(c.KPIs)*len(c.Orgs))
	var outside []outsider // the measurements of other months, for their duplicates
	for i = range ms {
		m := &ms[i]
		ki, ok := x.kpiAt[m.KPI]
		if !ok {
			bad(*m, "KPI", "no such kpi in the contract")
			continue
		}
		k := &c.KPIs[ki]
		oi, ok := x.orgAt[m.Org]
		if !ok || !slices.Contains(c.OrgsOf(k), m.Org) {
			bad(*m, "Org", "organisation %q is not measured for this kpi", m.Org)
			continue
		}
		from, to := c.Window(k)
		if m.Month.Before(from) || m.Month.After(to) {
			bad(*m, "Month", "kpi not in force (in force %s..%s)", from, to)
			continue
		}
		if due := c.Due(k, m.Month); !due && m.Absent != kpi.NotDue {
			bad(*m, "Month", "kpi assessed every %d months, not in %s", k.Every, m.Month)
			continue
		} else if due && m.Absent == kpi.NotDue {
			bad(*m, "Absent", "not-due given for a month the kpi is assessed in")
			continue
		}
		if err := m.Check(k.Definition); err != nil {
			for _, e := range joined.Split(err) {
				var ke *kpi.Error
				if errors.As(e, &ke) {
					errs.Add(&InputError{Contract: c.Name, Index: i, Path: fmt.Sprintf("Measurements[%d].%s", i, ke.Path),
						KPI: m.KPI, Org: m.Org, Month: m.Month, Msg: ke.Msg, Err: ke})
				}
			}
			continue
		}
		mo := m.Month.Sub(x.start)
		if mo < 0 || mo >= x.months {
			outside = append(outside, outsider{slot: (int64(m.Month.Sub(c.Commencement))*int64(len(c.KPIs))+int64(ki))*int64(x.norgs) + int64(oi), i: int32(i)})
			continue
		}
		slot := &x.dense[(mo*len(c.KPIs)+ki)*x.norgs+oi]
		if *slot != 0 {
			bad(*m, "Month", "duplicate of measurement %d", *slot)
			continue
		}
		*slot = int32(i + 1)
	}
	slices.SortFunc(outside, func(a, b outsider) int { return cmp.Or(cmp.Compare(a.slot, b.slot), cmp.Compare(a.i, b.i)) })
	for j, first := 1, 0; j < len(outside); j++ {
		if outside[j].slot != outside[first].slot {
			first = j
			continue
		}
		i = int(outside[j].i)
		bad(ms[i], "Month", "duplicate of measurement %d", outside[first].i+1)
	}
	return x, errs.Err()
}

// outsider is a measurement outside the dense table: its place in the
// term, by month, KPI and organisation, and its index.
type outsider struct {
	slot int64
	i    int32
}
