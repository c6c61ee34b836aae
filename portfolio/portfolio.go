package portfolio

import (
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/seal"
	"github.com/shopspring/decimal"
)

// GCPercent is the garbage collector's target the command sets for a
// portfolio run (GOGC; the environment's GOGC overrides it), and the one
// its benchmark runs with: a run allocates about 500 bytes a KPI-month
// (reading the files, most of it), nearly all of it garbage within the
// contract, while what it keeps is a few megabytes a worker. With Go's
// default of 100 the collector would run almost without pause, its write
// barriers slowing every worker, and a second core would add little; at
// 400 the heap peaks at a few tens of megabytes. A Go program sets it
// with debug.SetGCPercent.
const GCPercent = 400

// Entry is one contract of a portfolio: its label and how to load it.
type Entry struct {
	// Label names the contract in every output. Empty, the contract's
	// Name is used; labels must be unique across the portfolio.
	Label string
	// Source names the entry where its contract has no name to show:
	// when Label is empty and the contract could not be loaded (a loader
	// gives its contract file's name). Empty, "contract N" is used.
	Source string
	// Place, when set, says where the entry is defined (such as
	// "portfolio.yaml:12:5: contracts[3]"); it begins the run's own
	// problems with the entry, such as a label given twice.
	Place string
	// Load loads the contract and its input. It is called once, by the
	// worker that evaluates the entry, and what it returns is dropped as
	// soon as the summary is made. An error is the loading's problems,
	// joined (errors.Join), each reported on its own.
	Load func() (*Loaded, error)
}

// Loaded is a contract loaded for a run.
type Loaded struct {
	Contract *contract.Contract // the contract, valid
	// Input holds the measurements and mitigations; its From and To are
	// ignored: the run sets them (Options).
	Input contract.Input
	// Place, when set, turns an evaluation's error into the problems to
	// report, such as load.InputErrors placing each problem with a
	// measurement at its line in the file. Nil reports the error's
	// problems as they are.
	Place func(error) []error
	// Seals, when set, are the contract's sealed months (month close):
	// each is compared with today's result (seal.Restate) and the
	// revisions summarised (Summary.Revisions).
	Seals *Sealed
}

// problems returns the problems to report of err, an error evaluating
// or restating the contract: as Place words them, or err's own.
func (l *Loaded) problems(err error) []error {
	if l.Place != nil {
		return l.Place(err)
	}
	return joined.Split(err)
}

// Sealed is a contract's sealed months, as seal.ReadDir read them, and
// the digests of its input files today.
type Sealed struct {
	Entries []seal.Entry // the seals, in month order
	Inputs  seal.Inputs  // the digests of the contract, measurements and mitigations files today
}

// Revisions summarises a contract's sealed months compared with today's
// result (seal.Restate): how many were sealed and what became of them,
// and the credit as sealed and today, whose difference the adjustments
// add up to.
type Revisions struct {
	Months    int // the months sealed
	Unchanged int // sealed months today's result agrees with
	Revised   int // sealed months with revisions
	Revisions int // the revisions found, in all
	// RevisedMonths are the months with revisions, in order.
	RevisedMonths []kpi.Month
	// Untrusted are the seals that failed their checks (edited, or not
	// authenticated), never compared: each an error naming its file.
	Untrusted []error
	// AdjustIn is the month the adjustments go in: the month after the
	// last sealed month.
	AdjustIn kpi.Month
	// Sealed and Now are the trusted months' credit as sealed and today;
	// Adjustment, their difference, is the sum of the adjustments.
	Sealed, Now, Adjustment decimal.Decimal

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// revisionsOf summarises r.
func revisionsOf(r *seal.Restatement) *Revisions {
	out := &Revisions{Months: len(r.Months), AdjustIn: r.AdjustIn, Sealed: r.Sealed, Now: r.Now, Adjustment: r.Total, Revisions: len(r.Revisions)}
	for _, m := range r.Months {
		switch m.State {
		case seal.Unchanged:
			out.Unchanged++
		case seal.Revised:
			out.Revised++
			out.RevisedMonths = append(out.RevisedMonths, m.Month)
		default:
			out.Untrusted = append(out.Untrusted, m.Problem)
		}
	}
	return out
}

// Of returns an entry for a contract and input already in memory,
// labelled label (empty: the contract's name). The run sets in's From and
// To.
func Of(label string, c *contract.Contract, in contract.Input) Entry {
	return Entry{Label: label, Load: func() (*Loaded, error) { return &Loaded{Contract: c, Input: in}, nil }}
}

// Options are how a portfolio is run. The zero Options evaluates every
// contract over its months measured, on as many workers as Go may run
// goroutines at once (runtime.GOMAXPROCS).
type Options struct {
	// From and To are the months evaluated, clipped to each contract's
	// term; a zero month is the contract's first (or last) month
	// measured.
	From, To kpi.Month
	// Workers is how many contracts are evaluated at once; 0 or less
	// means runtime.GOMAXPROCS(0).
	Workers int
	// Progress, when set, is called after each contract is summarised,
	// from one goroutine at a time (never two at once), with how many are
	// done and how many of those failed.
	Progress func(Progress)
}

// Progress is how far a run has gone.
type Progress struct {
	Done, Failed, Total int // the contracts summarised, those of them that failed, and all the run's contracts
}

// Status is what became of a contract in a run. The zero Status is
// invalid.
type Status uint8

// The statuses of a contract.
const (
	Evaluated Status = iota + 1 // evaluated: its figures are summarised and totalled
	Skipped                     // not evaluated: the months asked for lie outside its term or its months measured
	Failed                      // not evaluated: its files or its evaluation have problems (Summary.Problems)
)

var statusWords = words.New("status", Evaluated, "evaluated", "skipped", "failed")

// String returns "evaluated", "skipped" or "failed".
func (s Status) String() string { return statusWords.String(s) }

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) { return statusWords.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler. A text that is not
// one of the words is a *kpi.WordError wrapping kpi.ErrUnknownWord.
func (s *Status) UnmarshalText(b []byte) error { return statusWords.Unmarshal(s, b) }

// Figures are the money of a contract year, of a contract or of a total.
// The zero Figures is all zero.
type Figures struct {
	Charges     decimal.Decimal // the charges of the months evaluated
	YearCharges decimal.Decimal // the whole contract years' charges (the annual cap's base), as credits.YearTotal.Charges
	Uncapped    decimal.Decimal // the credit and withholding lines, before caps
	Cut         decimal.Decimal // the caps' cut, zero or negative
	Credit      decimal.Decimal // Uncapped + Cut + EarnedBack: what comes off the invoices
	EarnedBack  decimal.Decimal // the earn-back lines (credits.EarnBack), zero or negative

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// add adds o to f.
func (f *Figures) add(o *Figures) {
	f.Charges = f.Charges.Add(o.Charges)
	f.YearCharges = f.YearCharges.Add(o.YearCharges)
	f.Uncapped = f.Uncapped.Add(o.Uncapped)
	f.Cut = f.Cut.Add(o.Cut)
	f.Credit = f.Credit.Add(o.Credit)
	f.EarnedBack = f.EarnedBack.Add(o.EarnedBack)
}

// Year is one contract year of a contract, over the months evaluated.
type Year struct {
	Year     int       // the contract year, 1-based
	From, To kpi.Month // the first and last months evaluated in it
	Figures
}

// Summary is what a run keeps of one contract.
type Summary struct {
	Label  string // the entry's label, or the contract's name
	Status Status // evaluated, skipped or failed
	// The contract's parties and term, and how it rounds money; zero
	// when the contract could not be loaded.
	Name, Customer, Supplier string
	Commencement, Last       kpi.Month
	Money                    credits.Money
	// From and To are the months evaluated, after clipping; zero unless
	// Evaluated.
	From, To kpi.Month
	// Requested is the period asked for (Options, or the months
	// measured) before it was clipped to the term; Clipped reports
	// whether clipping changed it.
	Requested struct{ From, To kpi.Month }
	Clipped   bool
	// Why says, for a Skipped contract, why it was not evaluated.
	Why   string
	Years []Year  // one per contract year evaluated, in order
	Total Figures // the sum of the Years
	// Revisions, for a contract whose seals were given, summarises its
	// sealed months compared with today's result; nil without seals.
	Revisions *Revisions
	// Problems are a Failed contract's problems, in the order found:
	// each file's sorted by place, then the evaluation's.
	Problems []error
}

// Note says how the contract's months were clipped to its term, or ""
// when they were not: "clipped to the term: 2015-01..2021-12 asked, the
// term is 2015-04..2023-03".
func (s *Summary) Note() string {
	if !s.Clipped {
		return ""
	}
	return fmt.Sprintf("clipped to the term: %s..%s asked, the term is %s..%s",
		s.Requested.From, s.Requested.To, s.Commencement, s.Last)
}

// Total is the sum of the figures of the contracts evaluated of one
// customer, of one supplier, or of the whole portfolio.
type Total struct {
	Name      string // the customer or supplier; empty for the whole portfolio
	Contracts int    // the contracts evaluated summed
	// Places are the most money places among the contracts summed: each
	// sum is exact with them.
	Places int32
	Figures
}

// Result is a portfolio's run: every contract's summary, in the entries'
// order, and the totals of the contracts evaluated.
type Result struct {
	From, To  kpi.Month // the months asked for (Options.From and To); zero: each contract's months measured
	Contracts []Summary // one per entry, in the entries' order
	Customers []Total   // by customer, in order of name
	Suppliers []Total   // by supplier, in order of name
	Total     Total     // the whole portfolio
}

// Untrusted returns the number of seals, over every contract, that failed
// their checks.
func (r *Result) Untrusted() int {
	n := 0
	for i := range r.Contracts {
		if rv := r.Contracts[i].Revisions; rv != nil {
			n += len(rv.Untrusted)
		}
	}
	return n
}

// Count returns the number of contracts with status s.
func (r *Result) Count(s Status) int {
	n := 0
	for i := range r.Contracts {
		if r.Contracts[i].Status == s {
			n++
		}
	}
	return n
}

// ErrLabel is wrapped by the problem of a contract whose label, its
// contract's name, already names an earlier contract of the portfolio.
var ErrLabel = errors.New("label already used")

// ErrNoMonths is wrapped by the problem of a contract with nothing
// measured when the months to evaluate were not given.
var ErrNoMonths = errors.New("no month measured")

// PanicError is the problem of a contract whose loading or evaluation
// failed at run time (a bug): the run goes on with the others.
type PanicError struct {
	Value any // what was recovered
}

// Error returns "runtime failure: " and the value recovered.
func (e *PanicError) Error() string { return fmt.Sprintf("runtime failure: %v", e.Value) }

// Run evaluates every entry, on opt.Workers workers, and returns their
// summaries and totals. It never stops at a failed contract: each is
// summarised with its problems and the others are evaluated all the same.
func Run(entries []Entry, opt Options) *Result {
	res := &Result{From: opt.From, To: opt.To, Contracts: make([]Summary, len(entries))}
	workers := opt.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(min(workers, len(entries)), 1)
	jobs := make(chan int)
	done := make(chan int)
	for range workers {
		go func() {
			for i := range jobs {
				res.Contracts[i] = summarise(&entries[i], opt)
				done <- i
			}
		}()
	}
	go func() {
		for i := range entries {
			jobs <- i
		}
		close(jobs)
	}()
	var p Progress
	p.Total = len(entries)
	for range entries {
		i := <-done
		p.Done++
		if res.Contracts[i].Status == Failed {
			p.Failed++
		}
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	label(entries, res.Contracts)
	res.total()
	return res
}

// label gives each summary its label, the entry's or its contract's name,
// and fails every contract whose name-given label an earlier contract
// already has; it runs once every contract is summarised, so that which
// one fails depends on the entries' order alone.
func label(entries []Entry, sums []Summary) {
	seen := make(map[string]int, len(sums))
	for i := range sums {
		s, e := &sums[i], &entries[i]
		s.Label = cmp.Or(e.Label, s.Name, e.Source, fmt.Sprintf("contract %d", i+1))
		if j, ok := seen[s.Label]; ok {
			place := ""
			if e.Place != "" {
				place = e.Place + ": "
			}
			*s = Summary{Label: s.Label, Status: Failed, Name: s.Name, Customer: s.Customer, Supplier: s.Supplier,
				Commencement: s.Commencement, Last: s.Last, Money: s.Money,
				Problems: []error{fmt.Errorf("%slabel %q, the contract's name, already names contract %d: give this contract a label: %w",
					place, s.Label, j+1, ErrLabel)}}
			continue
		}
		seen[s.Label] = i
	}
}

// summarise loads and evaluates e. A panic while doing so fails the
// contract with a *PanicError.
func summarise(e *Entry, opt Options) (s Summary) {
	defer func() {
		if r := recover(); r != nil {
			s = Summary{Status: Failed, Name: s.Name, Customer: s.Customer, Supplier: s.Supplier,
				Commencement: s.Commencement, Last: s.Last, Money: s.Money, Problems: []error{&PanicError{Value: r}}}
		}
	}()
	l, err := e.Load()
	if err != nil {
		return Summary{Status: Failed, Problems: joined.Split(err)}
	}
	c := l.Contract
	s = Summary{Name: c.Name, Customer: c.Customer, Supplier: c.Supplier,
		Commencement: c.Commencement, Last: c.Last(), Money: c.Credits.Money}
	from, to, err := requested(l.Input.Measurements, opt)
	if err != nil {
		s.Status, s.Problems = Failed, []error{err}
		return s
	}
	s.Requested.From, s.Requested.To = from, to
	if to.Before(from) {
		s.Status, s.Why = Skipped, fmt.Sprintf("nothing to evaluate: %s..%s asked", from, to)
		return s
	}
	if to.Before(s.Commencement) || from.After(s.Last) {
		s.Status, s.Why = Skipped, fmt.Sprintf("outside the term: %s..%s asked, the term is %s..%s", from, to, s.Commencement, s.Last)
		return s
	}
	if from.Before(s.Commencement) {
		from, s.Clipped = s.Commencement, true
	}
	if to.After(s.Last) {
		to, s.Clipped = s.Last, true
	}
	in := l.Input
	in.From, in.To = from, to
	var charges []decimal.Decimal // the months evaluated's charges, by contract year from the first
	first := c.Year(from)
	tot, err := c.Stream(in, func(m *contract.MonthResult) error {
		for len(charges) <= m.Year-first {
			charges = append(charges, decimal.Zero)
		}
		charges[m.Year-first] = charges[m.Year-first].Add(m.Credit.Charges)
		return nil
	})
	if err != nil {
		s.Status, s.Problems = Failed, l.problems(err)
		return s
	}
	if l.Seals != nil {
		r, err := seal.Restate(c, l.Input, l.Seals.Inputs, l.Seals.Entries, kpi.Month{})
		if err != nil {
			s.Status, s.Problems = Failed, l.problems(err)
			return s
		}
		s.Revisions = revisionsOf(r)
	}
	s.Status, s.From, s.To = Evaluated, from, to
	s.Years = make([]Year, len(tot.Years))
	for i, y := range tot.Years {
		s.Years[i] = Year{Year: y.Year, From: y.From, To: y.To, Figures: Figures{
			Charges: charges[y.Year-first], YearCharges: y.Charges, Uncapped: y.Uncapped, Cut: y.Cut, Credit: y.Total, EarnedBack: y.EarnedBack}}
		s.Total.add(&s.Years[i].Figures)
	}
	return s
}

// requested returns the months asked for: opt's, or the first and last
// months measured where opt gives none.
func requested(ms []kpi.Measurement, opt Options) (from, to kpi.Month, err error) {
	from, to = opt.From, opt.To
	if !from.IsZero() && !to.IsZero() {
		return from, to, nil
	}
	var first, last kpi.Month
	for i := range ms {
		m := ms[i].Month
		if first.IsZero() || m.Before(first) {
			first = m
		}
		if m.After(last) {
			last = m
		}
	}
	if first.IsZero() {
		return from, to, fmt.Errorf("evaluation: %w: give the months to evaluate (-from and -to)", ErrNoMonths)
	}
	return cmp.Or(from, first), cmp.Or(to, last), nil
}

// total adds up the contracts evaluated by customer, by supplier and in
// all.
func (r *Result) total() {
	customers, suppliers := map[string]*Total{}, map[string]*Total{}
	for i := range r.Contracts {
		s := &r.Contracts[i]
		if s.Status != Evaluated {
			continue
		}
		for _, t := range []*Total{at(customers, s.Customer), at(suppliers, s.Supplier), &r.Total} {
			t.Contracts++
			t.Places = max(t.Places, s.Money.Places)
			t.add(&s.Total)
		}
	}
	r.Customers, r.Suppliers = sorted(customers), sorted(suppliers)
}

// at returns the total named name in m, adding it when new.
func at(m map[string]*Total, name string) *Total {
	t, ok := m[name]
	if !ok {
		t = &Total{Name: name}
		m[name] = t
	}
	return t
}

// sorted returns m's totals in order of name.
func sorted(m map[string]*Total) []Total {
	out := make([]Total, 0, len(m))
	for _, t := range m {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b Total) int { return cmp.Compare(a.Name, b.Name) })
	return out
}
