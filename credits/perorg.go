package credits

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// begin starts the rules' regime: once for the whole service, or, with
// PerOrganisation, once for each organisation (see Rules.PerOrganisation).
func (r Rules) begin() Run {
	if !r.PerOrganisation {
		return r.Regime.Begin(r.Money)
	}
	return &orgRun{regime: r.Regime, money: r.Money, runs: map[string]Run{}}
}

// orgRun applies a regime to each organisation's outcomes on their own:
// one Run of the regime for each organisation, fed that organisation's
// part of each month.
type orgRun struct {
	regime Regime
	money  Money
	runs   map[string]Run // each organisation's run, begun at its first month

	// Working memory, reused month after month.
	orgs  []string         // the month's organisations, in the order of their first outcome
	index map[string][]int // each organisation's outcomes, as positions in the month
	sub   []Line           // an organisation's lines
}

// Assess appends one line per outcome of p to lines, each organisation's
// priced by its own Run on a Period of its outcomes only, in their order,
// whose Charges are that organisation's (every one of its outcomes must
// carry the same charges).
func (r *orgRun) Assess(p Period, lines []Line) ([]Line, error) {
	if r.index == nil {
		r.index = map[string][]int{}
	}
	for _, org := range r.orgs {
		r.index[org] = r.index[org][:0]
	}
	r.orgs = r.orgs[:0]
	for i, o := range p.Outcomes {
		at, ok := r.index[o.Org]
		if !ok || len(at) == 0 {
			r.orgs = append(r.orgs, o.Org)
		}
		r.index[o.Org] = append(at, i)
	}
	base := len(lines)
	lines = append(lines, make([]Line, len(p.Outcomes))...)
	for _, org := range r.orgs {
		at := r.index[org]
		sub := Period{Month: p.Month, Year: p.Year, YearCharges: p.YearCharges, Charges: p.Outcomes[at[0]].Charges,
			Outcomes: make([]Outcome, len(at))}
		for k, i := range at {
			o := p.Outcomes[i]
			if !o.Charges.Equal(sub.Charges) {
				return nil, outcomeError(o, i, "Charges", ErrInvalidPeriod, "charges %s differ from %s on the organisation's first outcome (kpi %s): an organisation has one month's charges",
					r.money.Format(o.Charges), r.money.Format(sub.Charges), p.Outcomes[at[0]].KPI)
			}
			sub.Outcomes[k] = o
		}
		run, ok := r.runs[org]
		if !ok {
			run = r.regime.Begin(r.money)
			r.runs[org] = run
		}
		got, err := run.Assess(sub, r.sub[:0])
		if err != nil {
			return nil, outcomesAt(err, at)
		}
		r.sub = got
		if len(got) != len(at) {
			return nil, &Error{Path: "Regime", Org: org, Err: ErrInvalidRules,
				Msg: fmt.Sprintf("regime gave %d lines for organisation %q's %d outcomes", len(got), org, len(at))}
		}
		for k, i := range at {
			l := got[k]
			if org != "" && (l.Points.Sign() > 0 || l.Amount.Sign() > 0) {
				l.Rule += "; priced on organisation " + org + "'s own month"
			}
			lines[base+i] = l
		}
	}
	return lines, nil
}

// outcomesAt returns err, a problem a Run found in a Period of some of a
// month's outcomes, with its path's outcome position, "Outcomes[k]",
// made the position in the month, at[k].
func outcomesAt(err error, at []int) error {
	var ce *Error
	if !errors.As(err, &ce) {
		return err
	}
	const prefix = "Outcomes["
	rest, ok := strings.CutPrefix(ce.Path, prefix)
	if !ok {
		return err
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return err
	}
	k, convErr := strconv.Atoi(rest[:end])
	if convErr != nil || k < 0 || k >= len(at) {
		return err
	}
	c := *ce
	c.Path = prefix + strconv.Itoa(at[k]) + rest[end:]
	return &c
}
