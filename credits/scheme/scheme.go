package scheme

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Score says how the KPI-months of some KPIs score: exactly one of its
// parts is set. The zero Score is invalid: it names no KPI and no part.
type Score struct {
	KPIs           []string        // the credit-bearing KPIs scored this way; each KPI in one Score of a Scheme
	Status         *StatusScore    // by status: Amber and Red scores
	Bands          *Bands          // by the band the value falls in
	Shortfall      *Shortfall      // by how far the value falls short of a target
	ShortfallBands *ShortfallBands // by the band the shortfall falls in, a per cent of charges
	Deduction      *Deduction      // by a performance-percentage deduction of the points available
	Allocation     *Allocation     // by a share of an at-risk pool
	Curve          *Curve          // by the share of a linked payment a payment curve earns

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// scorer is a Score's part: it reports the problems of its own
// configuration, by paths within itself, and it scores a failed outcome
// and appends the arithmetic, in words, to why.
type scorer interface {
	problems() []problems.Problem
	score(o credits.Outcome, why []byte) (scored, []byte, error)
}

// part returns the Score's one part, its name in messages and its field,
// and how many parts are set.
func (s Score) part() (p scorer, name, field string, n int) {
	for _, c := range [...]struct {
		p           scorer // nil when not set
		name, field string
	}{
		{partOf(s.Status), "status", "Status"},
		{partOf(s.Bands), "bands", "Bands"},
		{partOf(s.Shortfall), "shortfall", "Shortfall"},
		{partOf(s.ShortfallBands), "shortfall bands", "ShortfallBands"},
		{partOf(s.Deduction), "deduction", "Deduction"},
		{partOf(s.Allocation), "allocation", "Allocation"},
		{partOf(s.Curve), "curve", "Curve"},
	} {
		if c.p != nil {
			p, name, field, n = c.p, c.name, c.field, n+1
		}
	}
	return p, name, field, n
}

// partOf returns the part x points to, or nil when x is nil.
func partOf[T scorer](x *T) scorer {
	if x == nil {
		return nil
	}
	return *x
}

// Banded reports whether a score of s places a failed month's value in a
// band (Bands, ShortfallBands), so that its lines can name the band
// (credits.Line.Band). Reports give such a contract a band column.
func (s Scheme) Banded() bool {
	for _, sc := range s.Scores {
		if sc.Bands != nil || sc.ShortfallBands != nil {
			return true
		}
	}
	return false
}

// Repeat escalates a failure that repeats: a KPI-month that fails (scores
// above zero) and is at least the Nth failure of the same KPI, for the
// same organisation, within the last Within measurement periods (this one
// included) has its score multiplied by Multiplier. Multipliers never
// compound: a third failure in a row is multiplied once, like the second.
// "x2 when the KPI also failed in the previous measurement period" is
// Multiplier 2, Nth 2, Within 2.
//
// Within counts the KPI's measurement periods, not calendar months: a
// month whose outcome is Unmeasured because the KPI is not due (a
// quarterly KPI outside its quarter's last month, kpi.NotDue) is skipped,
// neither breaking nor extending a chain, so a quarterly KPI's previous
// period is the previous quarter. Any other month counts: Green, and
// Unmeasured for any other reason, as a period without a failure. A month
// relieved by a mitigation counts as the Scheme's Mitigated says.
//
// The zero Repeat escalates nothing.
type Repeat struct {
	Multiplier decimal.Decimal // 1 or more
	Nth        int             // 2 or more
	Within     int             // measurement periods, Nth to 24

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (r Repeat) isZero() bool { return r.Multiplier.IsZero() && r.Nth == 0 && r.Within == 0 }

func (r Repeat) problems() []problems.Problem {
	if r.isZero() {
		return nil
	}
	var out []problems.Problem
	if fixed.Compare(r.Multiplier, one) < 0 {
		out = append(out, problems.Newf("Multiplier", "", "repeat: multiplier %s below 1", kpi.FormatValue(r.Multiplier)))
	}
	if r.Nth < 2 {
		out = append(out, problems.Newf("Nth", "", "repeat: nth %d below 2", r.Nth))
	}
	if r.Within < max(r.Nth, 2) || r.Within > 24 {
		out = append(out, problems.Newf("Within", "", "repeat: within %d periods outside %d..24", r.Within, max(r.Nth, 2)))
	}
	return out
}

// AmberRule makes an Amber month a default only from the Nth failure of
// the KPI (for the organisation) within the last Within calendar months,
// this one included; an earlier Amber costs nothing and is no failure for
// Repeat. A Red month counts towards the Nth as an Amber would: counting
// only Ambers would let a Red improving to Amber make a later Amber cost
// money. Months not due are never failures. A month relieved by a
// mitigation counts as the Scheme's Mitigated says.
//
// The zero AmberRule makes every Amber a default.
type AmberRule struct {
	Nth    int // 2 or more
	Within int // calendar months, 1 to 24, usually 12
}

func (a AmberRule) isZero() bool { return a == AmberRule{} }

func (a AmberRule) problems() []problems.Problem {
	if a.isZero() {
		return nil
	}
	var out []problems.Problem
	if a.Nth < 2 {
		out = append(out, problems.Newf("Nth", "", "amber rule: nth %d below 2", a.Nth))
	}
	if a.Within < 1 || a.Within > 24 {
		out = append(out, problems.Newf("Within", "", "amber rule: within %d months outside 1..24", a.Within))
	}
	return out
}

// Scheme is a credit regime composed of parts, each plain data: Scores say
// how each KPI's failed months score (StatusScore, Bands, Shortfall,
// ShortfallBands, Deduction,
// Allocation, Curve); an optional AmberRule forgives early Ambers; an optional
// Repeat multiplies repeated failures; and Price turns the scores into
// money. Each outcome gives one line:
//
//	PI or figure             no credit, whatever its status
//	Green                    no credit
//	Unmeasured               no credit; if not due, outside the history
//	Amber or Red             score -> amber rule -> repeat -> price
//	relieved (mitigation)    no credit (the line says what it would have scored)
//
// A part scores only a month whose status (after any deemed mitigation)
// is Amber or Red: a Green month costs nothing, whatever its value. A
// value-scoring part (Bands, Shortfall) scores the measured value even
// when a deemed mitigation moved the status from Red to Amber; a deemed
// Green costs nothing.
//
// A month without a value that counts as a failure (the contract counts
// an absence as Red or Amber, or a mitigation deems it so) has no value
// to score. A part that scores the status (StatusScore, Allocation)
// scores it as usual. A value-scoring part scores it at the worst its
// status allows, and the line says so: a Red month in the worst band of
// Bands or ShortfallBands (the one with the most points), or, for
// Shortfall and Deduction, at the worst value of its unit (0 when higher
// is better, 100 per cent when lower is better; a lower-is-better count or
// ratio has no worst value, and scoring one is an error naming the KPI and
// month); an Amber month at its MSL, the worst value an Amber can have.
//
// Mitigated says how a relieved month counts in the history the
// AmberRule and Repeat read; it must be set when either is. Either way a
// relieved month never costs anything, and relieving a month never raises
// any other month's score. A third choice, skipping relieved months as
// not-due months are skipped, is deliberately not offered: skipping a
// month can bring an older failure back into a Repeat window, so relief
// could raise a later credit.
//
// The zero Scheme is invalid: it has no scores and no price.
type Scheme struct {
	Scores    []Score   // each credit-bearing KPI in exactly one
	Amber     AmberRule // zero: every Amber is a default
	Repeat    Repeat    // zero: no escalation
	Mitigated Mitigated // how relieved months count in the history; required with Amber or Repeat
	Price     Price     // what scores are worth

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Check checks the scheme's own configuration: it has scores, each score
// names KPIs (none named by two scores) and has exactly one valid part,
// an Allocation, ShortfallBands or Curve is priced as a percentage of charges and
// the allocations fit their pool, the Price, AmberRule and Repeat are
// valid, and Mitigated is set exactly when an AmberRule or Repeat is. It
// reports every problem, each a *credits.Error wrapping credits.ErrInvalidRules whose
// Path is within s, sorted and joined with errors.Join; nil if there are
// none.
func (s Scheme) Check() error {
	out, _ := s.problems()
	return problems.Errors(out, rulesError)
}

// Validate checks the scheme (see Check) and checks it against the
// contract's indicators: each KPI a Score names is a credit-bearing KPI
// of kpis (a PI, a figure or an unknown indicator is an error that says
// which), and every credit-bearing KPI is in a Score. It reports every
// problem as Check does.
func (s Scheme) Validate(kpis []credits.Window) error {
	out, scoredBy := s.problems()
	credited := make(map[string]bool, len(kpis)) // each indicator: whether it is credit-bearing
	for _, w := range kpis {
		credited[w.KPI] = !w.Uncredited
	}
	for i, sc := range s.Scores {
		for j, id := range sc.KPIs {
			at := func() string { return fmt.Sprintf("Scores[%d].KPIs[%d]", i, j) } // written only for a problem
			switch credited, known := credited[id]; {
			case !known:
				out = append(out, problems.Newf(at(), id, "scheme: score %d: kpi %s is unknown (not an indicator of the contract)", i+1, id))
			case !credited:
				out = append(out, problems.Newf(at(), id, "scheme: score %d: kpi %s is not credit-bearing in the contract", i+1, id))
			}
		}
	}
	for _, w := range kpis {
		if _, ok := scoredBy[w.KPI]; !ok && !w.Uncredited {
			out = append(out, problems.Newf("Scores", w.KPI, "scheme: kpi %s: in no score", w.KPI))
		}
	}
	return problems.Errors(out, rulesError)
}

// problems reports every problem with the scheme that needs no KPI list,
// and the score (its index) that scores each KPI.
func (s Scheme) problems() ([]problems.Problem, map[string]int) {
	var out []problems.Problem
	bad := func(path, id, format string, args ...any) {
		out = append(out, problems.Newf(path, id, "scheme: "+format, args...))
	}
	scoredBy := map[string]int{}
	type cat struct {
		share decimal.Decimal
		kpis  fixed.Num // the KPIs' shares, added up
		first int
	}
	cats := map[string]*cat{}
	var catOrder []string
	var atRisk *decimal.Decimal
	if len(s.Scores) == 0 {
		bad("Scores", "", "no scores")
	}
	for i, sc := range s.Scores {
		at := func(rest string) string { return fmt.Sprintf("Scores[%d]%s", i, rest) } // written only for a problem
		where := i + 1                                                                 // the score's number in messages
		if len(sc.KPIs) == 0 {
			bad(at(".KPIs"), "", "score %d: no kpis", where)
		}
		for j, id := range sc.KPIs {
			if k, ok := scoredBy[id]; ok {
				bad(at(fmt.Sprintf(".KPIs[%d]", j)), id, "score %d: kpi %s already scored by score %d", where, id, k+1)
			} else {
				scoredBy[id] = i
			}
		}
		p, name, field, n := sc.part()
		if n != 1 {
			bad(at(""), "", "score %d: %d parts set (want exactly one of status, bands, shortfall, shortfall-bands, deduction, allocation, curve)", where, n)
			continue
		}
		in := func(rest string) string { return at("." + field + rest) }
		switch p.(type) {
		case ShortfallBands, Allocation, Curve: // a per cent of the charges
			if s.Price.Basis != PercentOfCharges {
				bad(in(""), "", "score %d: %s: priced %s, not percent-of-charges", where, name, s.Price.Basis)
			}
		}
		if x, ok := p.(Allocation); ok {
			if atRisk == nil {
				atRisk = &x.AtRisk
			} else if fixed.Compare(*atRisk, x.AtRisk) != 0 {
				bad(in(".AtRisk"), "", "score %d: allocation: at risk %s%% differs from %s%%", where, kpi.FormatValue(x.AtRisk), kpi.FormatValue(*atRisk))
			}
			c, ok := cats[x.Category]
			if !ok {
				c = &cat{share: x.CategoryShare, first: i}
				cats[x.Category] = c
				catOrder = append(catOrder, x.Category)
			} else if fixed.Compare(c.share, x.CategoryShare) != 0 {
				bad(in(".CategoryShare"), "", "score %d: allocation: category %s share %s%% differs from %s%% in score %d", where, x.Category,
					kpi.FormatValue(x.CategoryShare), kpi.FormatValue(c.share), c.first+1)
			}
			c.kpis = c.kpis.Add(fixed.Of(x.KPIShare).Mul(fixed.Int(int64(len(sc.KPIs)))))
		}
		if probs := p.problems(); len(probs) > 0 {
			out = append(out, problems.Under(probs, in(""), fmt.Sprintf("scheme: score %d: %s: ", where, name))...)
		}
	}
	var pool fixed.Num
	for _, name := range catOrder {
		c := cats[name]
		pool = pool.Add(fixed.Of(c.share))
		if c.kpis.Cmp(fixed.Int(100)) > 0 {
			bad("Scores", "", "allocation: category %s: kpi shares add up to %s%%, above 100%%", name, c.kpis.AppendTo(nil))
		}
	}
	if pool.Cmp(fixed.Int(100)) > 0 {
		bad("Scores", "", "allocation: category shares add up to %s%%, above 100%%", pool.AppendTo(nil))
	}
	out = append(out, problems.Under(s.Price.problems(), "Price", "scheme: ")...)
	out = append(out, problems.Under(s.Amber.problems(), "Amber", "scheme: ")...)
	out = append(out, problems.Under(s.Repeat.problems(), "Repeat", "scheme: ")...)
	escalates := !s.Amber.isZero() || !s.Repeat.isZero()
	switch {
	case escalates && !mitigatedWords.Valid(s.Mitigated):
		bad("Mitigated", "", "mitigated not set (want one of %s)", mitigatedWords.Join())
	case !escalates && s.Mitigated != 0:
		bad("Mitigated", "", "mitigated %s set without an amber rule or repeat", s.Mitigated)
	}
	return out, scoredBy
}

// Begin starts an evaluation. The Run keeps, for each KPI and
// organisation, only the history its AmberRule and Repeat windows need,
// and reuses its working memory from one month to the next.
func (s Scheme) Begin(money credits.Money) credits.Run {
	r := &schemeRun{s: s, money: money, scorers: map[string]scorer{}, hist: map[[2]string]*history{},
		one: decimal.NewFromInt(1), reported: map[kpi.Kind]string{}, unmeasured: map[kpi.Absence]string{}, bands: map[bandKey]*credits.LineExtra{}}
	for _, sc := range s.Scores {
		p, _, _, _ := sc.part()
		if a, ok := p.(Allocation); ok {
			got, why, _ := a.score(credits.Outcome{}, nil)
			p = constScore{got: got, why: string(why)}
		}
		for _, id := range sc.KPIs {
			r.scorers[id] = p
		}
	}
	if s.Price.Basis == PerPoint {
		r.segs = s.Price.segments()
	}
	return r
}

// constScore is a part whose every failed month scores the same, such as
// an Allocation, scored once when a Run begins.
type constScore struct {
	got scored
	why string
}

// problems reports none: a constScore is made from a part already
// checked.
func (c constScore) problems() []problems.Problem { return nil }

func (c constScore) score(_ credits.Outcome, why []byte) (scored, []byte, error) {
	return c.got, append(why, c.why...), nil
}

// history is what a Scheme's run remembers of one KPI for one
// organisation: the months of its recent failures (for the AmberRule) and
// whether each of its last measurement periods failed (for Repeat), most
// recent last.
type history struct {
	statusFails []kpi.Month
	scoreFails  []bool
}

// schemeRun is one evaluation of a Scheme.
type schemeRun struct {
	s       Scheme
	money   credits.Money
	scorers map[string]scorer      // each KPI's part
	hist    map[[2]string]*history // each KPI's history, for each organisation, with an AmberRule or Repeat
	one     decimal.Decimal        // 1: the denominator of a month without Deductions
	segs    []segment              // PerPoint: the price's runs of points

	// slots holds what the Run knows of the outcome at each position of
	// the last month. Outcomes come in the same order month after month,
	// so a position's slot is nearly always still its outcome's, which
	// saves looking up its part and history by KPI and organisation.
	slots []slot

	reported   map[kpi.Kind]string            // the rule of a PI's or figure's line
	unmeasured map[kpi.Absence]string         // the rule of an unmeasured line
	bands      map[bandKey]*credits.LineExtra // a band's LineExtra, shared by its lines

	// Working memory, reused month after month.
	pend    []pending         // the month's lines being assessed
	text    []byte            // the month's scorings, in words, one after another: pending.why indexes it
	rule    []byte            // the rule being written
	head    []byte            // PointsTable: the month's row and credit, in words
	total   []byte            // PointsTable: the month's points, in words
	dens    []decimal.Decimal // the month's distinct denominators
	weights []decimal.Decimal // PointsTable: each line's points, times the month's denominator
	parts   splitScratch      // PointsTable: the month's credit split over its lines

	// PointsTable: the last month's charges and row, and the credit they
	// came to. Charges seldom change, so most months reuse it.
	table struct {
		set     bool
		charges decimal.Decimal
		row     int
		whole   decimal.Decimal
	}
}

// slot is a KPI and organisation with its part and its history (nil
// without an AmberRule or Repeat).
type slot struct {
	kpi, org string
	sc       scorer
	h        *history
}

// at returns the slot of outcome o, at position i of its month; false if
// o's KPI is in no Score.
func (r *schemeRun) at(i int, o *credits.Outcome) (*slot, bool) {
	if i < len(r.slots) {
		if x := &r.slots[i]; x.sc != nil && x.kpi == o.KPI && x.org == o.Org {
			return x, true
		}
	}
	sc, ok := r.scorers[o.KPI]
	if !ok {
		return nil, false
	}
	var h *history
	if !r.s.Amber.isZero() || !r.s.Repeat.isZero() {
		key := [2]string{o.KPI, o.Org}
		if h = r.hist[key]; h == nil {
			h = &history{}
			r.hist[key] = h
		}
	}
	for len(r.slots) <= i {
		r.slots = append(r.slots, slot{})
	}
	r.slots[i] = slot{kpi: o.KPI, org: o.Org, sc: sc, h: h}
	return &r.slots[i], true
}

// pending is a line being assessed, with the score it will be priced at.
type pending struct {
	score   decimal.Decimal // escalated, 0 or more; zero when the line costs nothing; the numerator when den is set
	den     decimal.Decimal // the score's denominator (a Deduction's); zero: 1
	why     [2]int          // the scoring, in words: the run's text from why[0] to why[1]
	restate bool            // the scoring does not end with the score alone (an amber rule or a deemed status follows it, or a fraction's points to DeductionPlaces), so a price that reads on from the score states it again
}

// Assess appends one line per outcome of period to out.
func (r *schemeRun) Assess(period credits.Period, out []credits.Line) ([]credits.Line, error) {
	base := len(out)
	out = append(out, make([]credits.Line, len(period.Outcomes))...)
	lines := out[base:]
	pend := slices.Grow(r.pend[:0], len(period.Outcomes))[:len(period.Outcomes)]
	clear(pend)
	r.pend, r.text = pend, r.text[:0]
	for i := range period.Outcomes {
		o, l := &period.Outcomes[i], &lines[i]
		*l = credits.Line{Kind: credits.CreditLine, Month: period.Month, Year: period.Year, KPI: o.KPI, Org: o.Org,
			Raw: o.Raw, Status: o.Status, Mitigation: o.Mitigation, Absent: o.Absent}
		if o.Kind != kpi.KPI {
			if o.Kind == 0 {
				return nil, outcomeError(*o, i, "Kind", credits.ErrInvalidPeriod, "kind not set")
			}
			if l.Rule = r.reported[o.Kind]; l.Rule == "" {
				if _, err := o.Kind.MarshalText(); err != nil {
					return nil, outcomeError(*o, i, "Kind", credits.ErrInvalidPeriod, "%s unknown", o.Kind)
				}
				l.Rule = o.Kind.String() + ": reported only, never credited"
				r.reported[o.Kind] = l.Rule
			}
			continue
		}
		if o.Relief && o.Mitigation == "" {
			return nil, outcomeError(*o, i, "Mitigation", credits.ErrInvalidPeriod, "relief without a mitigation ref")
		}
		x, ok := r.at(i, o)
		if !ok {
			return nil, outcomeError(*o, 0, "", credits.ErrInvalidRules, "in no score")
		}
		deemed := ""
		if o.Mitigation != "" && !o.Relief {
			deemed = fmt.Sprintf(" (deemed %s by mitigation %s)", o.Status, o.Mitigation)
		}
		switch o.Status {
		case kpi.Green:
			l.Rule = "green: no credit"
			if o.Relief {
				l.Rule += fmt.Sprintf(" (relief by mitigation %s not needed)", o.Mitigation)
			}
			l.Rule += deemed
			r.record(x.h, period.Month, false, false)
			continue
		case kpi.Unmeasured:
			if o.Absent == kpi.NotDue {
				l.Rule = "not due: no credit; not a measurement period"
				continue
			}
			if l.Rule = r.unmeasured[o.Absent]; l.Rule == "" {
				l.Rule = fmt.Sprintf("unmeasured (%s): no credit", o.Absent)
				r.unmeasured[o.Absent] = l.Rule
			}
			r.record(x.h, period.Month, false, false)
			continue
		case kpi.Amber, kpi.Red:
		default:
			return nil, outcomeError(*o, i, "Status", credits.ErrInvalidPeriod, "status %s cannot be credited", o.Status)
		}
		start := len(r.text)
		r.text = append(append(r.text, o.Status.String()...), ": "...)
		scoring := len(r.text) // where the scoring starts, after the status
		got, text, err := scoreOutcome(x.sc, *o, r.text)
		r.text = text
		if err != nil {
			return nil, err
		}
		counts := !o.Relief || r.s.Mitigated == MitigatedCounts
		h := x.h
		score := got.score
		restate := false
		if a := r.s.Amber; !a.isZero() && o.Status == kpi.Amber {
			n := 1
			if h != nil {
				for _, m := range h.statusFails {
					if period.Month.Sub(m) < a.Within {
						n++
					}
				}
			}
			r.text = strconv.AppendInt(append(r.text, "; failure "...), int64(n), 10)
			if n < a.Nth {
				r.text = strconv.AppendInt(append(r.text, " of the "...), int64(a.Nth), 10)
				r.text = strconv.AppendInt(append(r.text, " needed in "...), int64(a.Within), 10)
				r.text = append(r.text, " months for an amber to count: not a default"...)
				score = decimal.Zero
			} else {
				r.text = strconv.AppendInt(append(r.text, " in "...), int64(a.Within), 10)
				r.text = strconv.AppendInt(append(r.text, " months (from "...), int64(a.Nth), 10)
				r.text = append(r.text, " an amber counts)"...)
				restate = true
			}
		}
		failed := score.Sign() > 0
		if rp := r.s.Repeat; !rp.isZero() && failed {
			n := 1
			if h != nil {
				for _, f := range h.scoreFails[max(0, len(h.scoreFails)-(rp.Within-1)):] {
					if f {
						n++
					}
				}
			}
			if n >= rp.Nth {
				score = score.Mul(rp.Multiplier)
				r.text = strconv.AppendInt(append(r.text, "; repeat: failure "...), int64(n), 10)
				r.text = strconv.AppendInt(append(r.text, " in "...), int64(rp.Within), 10)
				r.text = fixed.AppendValue(append(r.text, " periods, x"...), rp.Multiplier)
				r.text = appendPoints(append(r.text, " = "...), score, got.den)
				restate = false
			}
		}
		r.record(h, period.Month, counts, counts && failed)
		if o.Relief {
			l.Rule = fmt.Sprintf("%s relieved by mitigation %s: no credit (would have scored %s)", o.Status, o.Mitigation, r.text[scoring:])
			if counts {
				l.Rule += "; still a failure for the history"
			} else if !r.s.Amber.isZero() || !r.s.Repeat.isZero() {
				l.Rule += "; breaks the chain"
			}
			r.text = r.text[:start]
			continue
		}
		l.Failed = failed
		if got.band != "" {
			l.Extra = r.band(got.band, failed && got.material)
		}
		r.text = append(r.text, deemed...)
		pend[i] = pending{score: score, den: got.den, why: [2]int{start, len(r.text)}, restate: restate || deemed != "" || !isOne(got.den)}
	}
	return out, r.price(period, lines, pend)
}

// band returns the LineExtra of a line in band name, shared by every line
// in that band: a line's Extra is never modified.
func (r *schemeRun) band(name string, material bool) *credits.LineExtra {
	k := bandKey{name, material}
	x, ok := r.bands[k]
	if !ok {
		x = &credits.LineExtra{Band: name, Material: material}
		r.bands[k] = x
	}
	return x
}

// bandKey is a band's name and whether a line in it is Material.
type bandKey struct {
	name     string
	material bool
}

// scoreOutcome scores a failed outcome with sc, appending the arithmetic
// to why; an outcome without a value as the Scheme's documentation says.
func scoreOutcome(sc scorer, o credits.Outcome, why []byte) (scored, []byte, error) {
	if o.Result().Status != kpi.Unmeasured {
		return sc.score(o, why)
	}
	switch sc.(type) {
	case StatusScore, Allocation, constScore:
		return sc.score(o, why)
	}
	absent := fmt.Sprintf("no value (%s) counted as %s", o.Result().Absent, o.Status)
	if c, ok := sc.(Curve); ok && o.Status == kpi.Red {
		return c.scoreWorst(o, append(why, absent...))
	}
	if o.Status == kpi.Red {
		var bands []Band
		switch s := sc.(type) {
		case Bands:
			bands = s.Bands
		case ShortfallBands:
			bands = s.Bands
		}
		if len(bands) > 0 {
			w := 0
			for i, b := range bands {
				if b.Points.Cmp(bands[w].Points) > 0 {
					w = i
				}
			}
			b := bands[w]
			return scored{score: b.Points, band: b.Name, material: b.Material},
				fmt.Appendf(why, "%s: the worst band, %s %s, scores %s", absent, b.Name, b, kpi.FormatValue(b.Points)), nil
		}
	}
	m := *o.Result()
	v, as := m.Thresholds.MSL, "the msl"
	if o.Status == kpi.Red {
		var ok bool
		if v, ok = m.Unit.Worst(m.Direction); !ok {
			return scored{}, why, outcomeError(o, 0, "", credits.ErrInvalidRules, "%s, and a lower-is-better %s has no worst value to score", absent, m.Unit)
		}
		as = "the worst value"
	}
	m.Value, m.Rounded = v, v
	o.Measured = &m // a copy: the caller's classification is never modified
	return sc.score(o, fmt.Appendf(why, "%s, scored at %s %s: ", absent, as, kpi.FormatValue(v)))
}

// record adds a measurement period to a KPI's history h (nil without an
// AmberRule or Repeat, when there is nothing to keep): statusFail says
// whether it counts as an Amber-or-Red month, scoreFail whether as a
// failure for Repeat. The history keeps only what the windows need.
func (r *schemeRun) record(h *history, m kpi.Month, statusFail, scoreFail bool) {
	if h == nil {
		return
	}
	a, rp := r.s.Amber, r.s.Repeat
	if !a.isZero() {
		keep := h.statusFails[:0]
		for _, f := range h.statusFails {
			if m.Sub(f) < a.Within-1 {
				keep = append(keep, f)
			}
		}
		h.statusFails = keep
		if statusFail {
			h.statusFails = append(h.statusFails, m)
		}
	}
	if !rp.isZero() {
		h.scoreFails = append(h.scoreFails, scoreFail)
		if n := len(h.scoreFails); n > rp.Within-1 {
			h.scoreFails = append(h.scoreFails[:0], h.scoreFails[n-(rp.Within-1):]...)
		}
	}
}

// why starts the rule of pending line x in the run's rule buffer with its
// scoring and returns the buffer.
func (r *schemeRun) why(x pending) []byte {
	return append(r.rule[:0], r.text[x.why[0]:x.why[1]]...)
}

// price turns the pending scores into the lines' points, amounts and
// rules. A month whose scores have denominators (Deductions) is priced on
// their common denominator, so that the money is rounded once from the
// exact points.
func (r *schemeRun) price(period credits.Period, lines []credits.Line, pend []pending) error {
	p, money := r.s.Price, r.money
	den := r.commonDen(pend)
	switch p.Basis {
	case PerPoint:
		var before decimal.Decimal // the month's points so far, times den
		for i, x := range pend {
			if x.score.Sign() <= 0 {
				continue
			}
			n := r.scaled(x)
			b := appendFrac(append(r.why(x), "; month's points "...), before, den)
			b = append(appendFrac(append(b, " to "...), before.Add(n), den), ": "...)
			weighted, b := p.perPoint(b, r.segs, before, n, den)
			amount := quotient(money, weighted.Mul(p.Value), den)
			b = appendFrac(append(b, " = "...), weighted, den)
			b = fixed.AppendFixed(append(b, " x "...), p.Value, money.Places)
			b = fixed.AppendFixed(append(b, " = "...), amount, money.Places)
			l := &lines[i]
			l.Points, l.Amount, l.Rule = fracValue(x.score, x.den), amount, string(b)
			r.rule = b
			before = before.Add(n)
		}
	case PointsTable:
		var sum fixed.Num // times den
		weights := slices.Grow(r.weights[:0], len(pend))[:len(pend)]
		clear(weights)
		r.weights = weights
		for i, x := range pend {
			if x.score.Sign() > 0 {
				weights[i] = r.scaled(x)
				sum = sum.Add(fixed.Of(weights[i]))
			}
		}
		if sum.Sign() <= 0 {
			break
		}
		total := sum.Decimal()
		pct, row := p.row(total, den)
		whole := r.tableCredit(period.Charges, pct, row)
		var parts []decimal.Decimal
		if whole.Sign() > 0 {
			parts = r.parts.split(whole, weights, money.Places)
		}
		r.total = appendFrac(r.total[:0], total, den)
		h := append(append(r.head[:0], "month's "...), r.total...)
		if row > 0 {
			h = strconv.AppendInt(append(h, " points: row "...), int64(row), 10)
			h = fixed.AppendValue(append(h, ", "...), pct)
			h = fixed.AppendFixed(append(h, "% of charges "...), period.Charges, money.Places)
			h = fixed.AppendFixed(append(h, " = "...), whole, money.Places)
		} else {
			h = append(h, " points: no table row, no credit"...)
		}
		r.head = h
		for i, x := range pend {
			if x.score.Sign() <= 0 {
				continue
			}
			l := &lines[i]
			l.Points = fracValue(x.score, x.den)
			if parts != nil {
				l.Amount = parts[i]
			}
			b := append(append(r.why(x), "; "...), r.head...)
			b = appendFrac(append(b, "; share for "...), x.score, x.den)
			b = append(append(append(b, " of "...), r.total...), " points = "...)
			b = fixed.AppendFixed(b, l.Amount, money.Places)
			l.Rule, r.rule = string(b), b
		}
	case PercentOfCharges, PercentPerPoint:
		perPoint := p.Basis == PercentPerPoint
		for i, x := range pend {
			if x.score.Sign() <= 0 {
				continue
			}
			l := &lines[i]
			o := period.Outcomes[i]
			l.Points = fracValue(x.score, x.den)
			pct := x.score // the per cent of the charges lost, times den
			b := r.why(x)
			if perPoint || x.restate {
				b = appendFrac(append(b, "; "...), x.score, x.den)
			}
			if perPoint {
				pct = pct.Mul(p.Percent)
				b = fixed.AppendValue(append(b, " points x "...), p.Percent)
			}
			l.Amount = percentOf(money, o.Charges, pct, x.den)
			b = fixed.AppendFixed(append(b, "% of charges "...), o.Charges, money.Places)
			b = fixed.AppendFixed(append(b, " = "...), l.Amount, money.Places)
			l.Rule, r.rule = string(b), b
		}
	default:
		return &credits.Error{Path: "Price.Basis", Msg: fmt.Sprintf("scheme: price basis %s", p.Basis), Err: credits.ErrInvalidRules}
	}
	for i, x := range pend {
		if l := &lines[i]; l.Rule == "" {
			b := append(r.why(x), ": no credit"...)
			l.Rule, r.rule = string(b), b
		}
	}
	return nil
}

// tableCredit returns the month's credit under a points table: pct per
// cent (the table's row) of charges, rounded once as money. The last
// month's is reused when its charges and row were the same: the rounded
// credit, its exponent included, depends on nothing else.
func (r *schemeRun) tableCredit(charges, pct decimal.Decimal, row int) decimal.Decimal {
	t := &r.table
	if !t.set || t.row != row || fixed.Compare(t.charges, charges) != 0 {
		t.set, t.charges, t.row = true, charges, row
		t.whole = r.money.Round(charges.Mul(pct).Shift(-2))
	}
	return t.whole
}

// commonDen returns the month's common denominator, the product of the
// distinct denominators of the scores above zero (1 when there are none),
// and keeps those denominators for scaled.
func (r *schemeRun) commonDen(pend []pending) decimal.Decimal {
	r.dens = r.dens[:0]
	for _, x := range pend {
		if x.score.Sign() <= 0 || isOne(x.den) {
			continue
		}
		seen := false
		for _, d := range r.dens {
			seen = seen || d.Equal(x.den)
		}
		if !seen {
			r.dens = append(r.dens, x.den)
		}
	}
	den := r.one
	for _, d := range r.dens {
		den = den.Mul(d)
	}
	return den
}

// scaled returns x's score times the month's common denominator over its
// own, exactly.
func (r *schemeRun) scaled(x pending) decimal.Decimal {
	if len(r.dens) == 0 {
		return x.score
	}
	f := r.one
	skipped := isOne(x.den)
	for _, d := range r.dens {
		if !skipped && d.Equal(x.den) {
			skipped = true
			continue
		}
		f = f.Mul(d)
	}
	return x.score.Mul(f)
}

// percentOf returns pct/den per cent of charges, rounded once as money
// says; den is as quotient takes it.
func percentOf(money credits.Money, charges, pct, den decimal.Decimal) decimal.Decimal {
	if isOne(den) {
		return money.Round(fixed.Of(charges).Mul(fixed.Of(pct)).Shift(-2).Decimal())
	}
	return quotient(money, charges.Mul(pct).Shift(-2), den)
}

// quotient returns num/den as money, rounded once as money says.
func quotient(money credits.Money, num, den decimal.Decimal) decimal.Decimal {
	if isOne(den) {
		return money.Round(num)
	}
	q, _ := kpi.Precision{Places: money.Places, Rounding: money.Rounding}.Quotient(num, den)
	return q
}
