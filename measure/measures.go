package measure

import (
	"fmt"
	"strconv"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Call is one call to a service desk.
type Call struct {
	ID      string
	Org     string
	Queued  time.Time
	Outcome CallOutcome
	Wait    time.Duration // time in the queue before answer, abandonment or callback
	Source  Source
}

// AbandonRule says how abandoned calls are counted. The zero AbandonRule
// is invalid.
type AbandonRule struct {
	KPI string `yaml:"kpi"`
	// ShortThreshold is the short-abandon threshold: a call abandoned
	// after a wait of at most ShortThreshold is a short abandon ("within
	// 5 s" is 5s, inclusive). Zero with Short counted.
	ShortThreshold Duration      `yaml:"short-threshold"`
	Short          ShortAbandon  `yaml:"short"`
	Precision      kpi.Precision `yaml:"precision"`
}

// Abandonment returns the share of calls abandoned, 100 x abandoned /
// offered, from one organisation's calls of one month. IVR-only calls are
// never counted; callbacks are offered and not abandoned; short abandons
// count as r.Short says. No offered calls is not applicable.
func Abandonment(r AbandonRule, org string, month kpi.Month, calls []Call) (Figure, error) {
	ps := &problems{}
	if r.KPI == "" {
		ps.option("kpi", "empty")
	}
	switch {
	case !shortAbandonWords.valid(uint8(r.Short)):
		ps.option("short", "not set (want one of %s)", shortAbandonWords.list())
	case r.Short != ShortCounted && r.ShortThreshold <= 0:
		ps.option("short-threshold", "not positive (short is %s)", r.Short)
	case r.Short == ShortCounted && r.ShortThreshold != 0:
		ps.option("short-threshold", "given although short is counted")
	}
	precisionProblems(ps, r.Precision)
	for i := range calls {
		c := &calls[i]
		if !callOutcomeWords.valid(uint8(c.Outcome)) {
			ps.record(c.Source.pos(), "call "+strconv.Quote(c.ID), "outcome", "not set (want one of %s)", callOutcomeWords.list())
		}
		if c.Wait < 0 {
			ps.record(c.Source.pos(), "call "+strconv.Quote(c.ID), "wait", "negative")
		}
	}
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	t := &tally{}
	for _, c := range calls {
		l := Line{Record: c.ID, Org: c.Org}
		short := c.Outcome == Abandoned && r.Short != ShortCounted && c.Wait <= time.Duration(r.ShortThreshold)
		switch {
		case c.Outcome == IVROnly:
			l.Why = "ivr-only: never counted"
		case short && r.Short == ShortExcluded:
			l.Why = fmt.Sprintf("abandoned after %s, within %s: excluded from both", c.Wait, r.ShortThreshold)
		case short:
			l.Counted, l.Met, l.Why = true, true, fmt.Sprintf("abandoned after %s, within %s: offered, not abandoned", c.Wait, r.ShortThreshold)
		case c.Outcome == Abandoned:
			l.Counted, l.Why = true, fmt.Sprintf("abandoned after %s", c.Wait)
		default:
			l.Counted, l.Met, l.Why = true, true, c.Outcome.String()+": offered, not abandoned"
		}
		if l.Counted {
			t.counted++
			if l.Met {
				t.met++
			}
		}
		t.lines = append(t.lines, l)
	}
	// The figure is the abandoned share: the records that failed.
	abandoned := &tally{met: t.counted - t.met, counted: t.counted, lines: t.lines}
	f := proportion(r.KPI, org, month, r.Precision, abandoned)
	f.Met, f.Failed = t.met, t.counted-t.met
	return f, nil
}

// NPS returns the net promoter score of responses on the 0-10 scale:
// promoters (9-10) less detractors (0-6), as a percentage of all
// responses, computed from the counts and rounded once (scores 10, 9, 3
// give 33.33 at two places, not 66.67 - 33.33 = 33.34). A score outside
// 0..10 is an error naming its index; no responses is not applicable.
func NPS(id, org string, month kpi.Month, p kpi.Precision, scores []int) (Figure, error) {
	ps := &problems{}
	precisionProblems(ps, p)
	var promoters, detractors int
	for i, s := range scores {
		switch {
		case s < 0 || s > 10:
			ps.record(pos{}, fmt.Sprintf("response %d", i), "score", "%d outside 0..10", s)
		case s >= 9:
			promoters++
		case s <= 6:
			detractors++
		}
	}
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	f := Figure{Met: promoters, Failed: detractors, Counted: len(scores)}
	f.Measurement = kpi.Measurement{KPI: id, Org: org, Month: month}
	if len(scores) == 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, NoRecords
		return f, nil
	}
	f.Measurement.Value, _ = p.Quotient(decimal.NewFromInt(int64(100*(promoters-detractors))), decimal.NewFromInt(int64(len(scores))))
	f.Measurement.Note = fmt.Sprintf("%d promoters, %d detractors of %d responses", promoters, detractors, len(scores))
	f.Lines = []Line{{Counted: true, Why: f.Measurement.Note}}
	return f, nil
}

// Satisfaction returns, for responses on a 1..top scale, the mean score
// and the share of responses at or above good, each rounded once as p
// says. A score outside 1..top is an error; no responses makes both not
// applicable.
func Satisfaction(meanID, shareID, org string, month kpi.Month, p kpi.Precision, top, good int, scores []int) (mean, share Figure, err error) {
	ps := &problems{}
	precisionProblems(ps, p)
	if top < 2 {
		ps.option("top", "%d: want the top of the scale, such as 5", top)
	}
	if good < 1 || good > top {
		ps.option("good", "%d outside the scale 1..%d", good, top)
	}
	sum, atLeast := 0, 0
	for i, s := range scores {
		if s < 1 || s > top {
			ps.record(pos{}, fmt.Sprintf("response %d", i), "score", "%d outside 1..%d", s, top)
			continue
		}
		sum += s
		if s >= good {
			atLeast++
		}
	}
	if !ps.ok() {
		return Figure{}, Figure{}, ps.err()
	}
	mean.Measurement = kpi.Measurement{KPI: meanID, Org: org, Month: month}
	share = proportion(shareID, org, month, p, &tally{met: atLeast, counted: len(scores)})
	if len(scores) == 0 {
		mean.Measurement.Absent, mean.Measurement.Note = kpi.NotApplicable, NoRecords
		return mean, share, nil
	}
	n := decimal.NewFromInt(int64(len(scores)))
	total := decimal.NewFromInt(int64(sum))
	mean.Measurement.Value, _ = p.Quotient(total, n)
	mean.Measurement.Numerator, mean.Measurement.Denominator, mean.Measurement.HasCounts = total, n, true
	mean.Counted = len(scores)
	return mean, share, nil
}

// PerUser returns contacts per user, contacts / users, rounded once, with
// the user basis (such as "licensed users" or "headcount") in its note.
// No users is not applicable, as is an empty basis an error.
func PerUser(id, org string, month kpi.Month, p kpi.Precision, contacts, users int64, basis string) (Figure, error) {
	ps := &problems{}
	precisionProblems(ps, p)
	if basis == "" {
		ps.option("basis", "empty (want the user basis, such as licensed users)")
	}
	if contacts < 0 || users < 0 {
		ps.record(pos{}, "", "contacts", "negative counts %d contacts, %d users", contacts, users)
	}
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	f := Figure{}
	f.Measurement = kpi.Measurement{KPI: id, Org: org, Month: month}
	if users == 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, "no users"
		return f, nil
	}
	c, u := decimal.NewFromInt(contacts), decimal.NewFromInt(users)
	f.Measurement.Value, _ = p.Quotient(c, u)
	f.Measurement.Numerator, f.Measurement.Denominator, f.Measurement.HasCounts = c, u, true
	f.Measurement.Note = fmt.Sprintf("%d contacts for %d users (%s)", contacts, users, basis)
	return f, nil
}

// Resolution names a ticket flag measured as a share.
type Resolution uint8

// The resolution measures: distinct, and often confused.
const (
	// FirstLineFix: resolved by the first line (the service desk) without
	// referral, however many contacts it took (Ticket.FirstLine).
	FirstLineFix Resolution = iota + 1
	// FirstContactResolution: resolved during the first contact with the
	// user (Ticket.FirstContact).
	FirstContactResolution
)

// Resolved returns the share of tickets resolved by the first line, or at
// the first contact, as which says: 100 x flagged / tickets. tickets are
// the month's qualifying tickets, already selected; excluded ones are
// listed, not counted. No tickets is not applicable.
func Resolved(id, org string, month kpi.Month, p kpi.Precision, which Resolution, tickets []Ticket) (Figure, error) {
	ps := &problems{}
	precisionProblems(ps, p)
	if which != FirstLineFix && which != FirstContactResolution {
		ps.option("resolution", "not set (want first-line fix or first-contact resolution)")
	}
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	t := &tally{}
	for i := range tickets {
		tk := &tickets[i]
		flag, what := tk.FirstLine, "resolved by the first line"
		if which == FirstContactResolution {
			flag, what = tk.FirstContact, "resolved at the first contact"
		}
		l := Line{Record: tk.ID, Org: tk.Org}
		switch {
		case tk.Exclusion != "":
			l.Why = "not counted, excluded: " + tk.Exclusion
		case flag:
			l.Counted, l.Met, l.Why = true, true, what
			t.counted++
			t.met++
		default:
			l.Counted, l.Why = true, "not "+what
			t.counted++
		}
		t.lines = append(t.lines, l)
	}
	return proportion(id, org, month, p, t), nil
}
