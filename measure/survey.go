package measure

import (
	"fmt"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
	"github.com/shopspring/decimal"
)

// SurveyRule says how net promoter responses make a month's score. Every
// field is required.
//
// The zero SurveyRule is invalid: Validate names every field not set.
type SurveyRule struct {
	KPI         string            `yaml:"kpi"`         // the contract's id of the KPI measured
	Attribution SurveyAttribution `yaml:"attribution"` // which month a response counts in
	Zone        string            `yaml:"zone"`        // the IANA zone whose local months are the periods
	Precision   kpi.Precision     `yaml:"precision"`   // the KPI's precision: the one rounding
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r SurveyRule) Validate() error { return validate(r.problems) }

func (r SurveyRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	surveyAttributionProblems(ps, r.Attribution)
	return loc
}

func surveyAttributionProblems(ps *problem.List, a SurveyAttribution) {
	if !surveyAttributionWords.Valid(a) {
		ps.Option("attribution", "not set (want one of %s)", surveyAttributionWords.Join())
	}
}

// responseIn reports whether r falls in p under a.
func responseIn(a SurveyAttribution, p period, r *record.Response) bool {
	if a == TicketResolvedInPeriod {
		return p.has(r.TicketResolved)
	}
	return p.has(r.Responded)
}

// NPS returns the net promoter score of org in month: promoters (9-10)
// less detractors (0-6), as a percentage of all responses, computed from
// the counts and rounded once (scores 10, 9, 3 give 33.33 at two places,
// not 66.67 - 33.33 = 33.34). responses may be a whole file: the
// responses of org attributed to the local month as r.Attribution says
// qualify, each listed. No qualifying response is not applicable, "no
// qualifying records".
//
// It fails with record.ErrInvalidOptions for an invalid rule and with
// record.ErrInvalidRecord for invalid responses, such as a score outside 0..10
// (the error names the response and the field "score").
func NPS(r SurveyRule, org string, month kpi.Month, responses []record.Response) (Figure, error) {
	ps := &problem.List{}
	per := periodFor(ps, month, r.problems(ps))
	checkResponses(ps, responses, record.NPSScale(), r.Attribution)
	if !ps.OK() {
		return Figure{}, ps.Err()
	}
	var promoters, detractors, n int
	var lines []Evidence
	for i := range responses {
		x := &responses[i]
		if x.Org != org || !responseIn(r.Attribution, per, x) {
			continue
		}
		n++
		l := Evidence{Record: x.ID, Org: x.Org, Counted: true}
		switch {
		case x.Score >= 9:
			promoters++
			l.Met, l.Why = true, fmt.Sprintf("score %d: promoter", x.Score)
		case x.Score <= 6:
			detractors++
			l.Why = fmt.Sprintf("score %d: detractor", x.Score)
		default:
			l.Why = fmt.Sprintf("score %d: passive", x.Score)
		}
		lines = append(lines, l)
	}
	f := Figure{Met: promoters, Failed: detractors, Counted: n, Evidence: lines}
	f.Measurement = kpi.Measurement{KPI: r.KPI, Org: org, Month: month}
	if n == 0 {
		f.Measurement.Absent, f.Measurement.Note = kpi.NotApplicable, NoRecords
		return f, nil
	}
	f.Measurement.Value, _ = r.Precision.Quotient(decimal.NewFromInt(int64(100*(promoters-detractors))), decimal.NewFromInt(int64(n)))
	f.Measurement.Note = fmt.Sprintf("%d promoters, %d detractors of %d responses", promoters, detractors, n)
	return f, nil
}

// SatisfactionRule says how satisfaction responses on a 1..Top scale make
// a month's mean score and share of good responses. Every field is
// required.
//
// The zero SatisfactionRule is invalid: Validate names every field not
// set.
type SatisfactionRule struct {
	MeanKPI     string            `yaml:"mean-kpi"`    // the KPI of the mean score
	ShareKPI    string            `yaml:"share-kpi"`   // the KPI of the share at or above Good
	Top         int               `yaml:"top"`         // the top of the scale, such as 5
	Good        int               `yaml:"good"`        // the lowest score that counts as good, such as 4
	Attribution SurveyAttribution `yaml:"attribution"` // which month a response counts in
	Zone        string            `yaml:"zone"`        // the IANA zone whose local months are the periods
	Precision   kpi.Precision     `yaml:"precision"`   // the KPIs' precision: the one rounding
}

// Validate reports every problem with r, each wrapping record.ErrInvalidOptions.
func (r SatisfactionRule) Validate() error { return validate(r.problems) }

func (r SatisfactionRule) problems(ps *problem.List) *time.Location {
	loc := monthProblems(ps, "mean-kpi", r.MeanKPI, r.Zone, r.Precision)
	if r.ShareKPI == "" {
		ps.Option("share-kpi", "empty")
	}
	if r.Top < 2 {
		ps.Option("top", "%d: want the top of the scale, such as 5", r.Top)
	}
	if r.Good < 1 || r.Good > max(r.Top, 1) {
		ps.Option("good", "%d outside the scale 1..%d", r.Good, r.Top)
	}
	surveyAttributionProblems(ps, r.Attribution)
	return loc
}

// Satisfaction returns, for org in month, the mean score and the share of
// responses at or above r.Good, each rounded once. responses may be a
// whole file: the responses of org attributed to the local month as
// r.Attribution says qualify, each listed. No qualifying response makes
// both not applicable, "no qualifying records".
//
// It fails with record.ErrInvalidOptions for an invalid rule and with
// record.ErrInvalidRecord for invalid responses, such as a score outside 1..Top.
func Satisfaction(r SatisfactionRule, org string, month kpi.Month, responses []record.Response) (mean, share Figure, err error) {
	ps := &problem.List{}
	per := periodFor(ps, month, r.problems(ps))
	if ps.OK() {
		checkResponses(ps, responses, record.SatisfactionScale(r.Top), r.Attribution)
	}
	if !ps.OK() {
		return Figure{}, Figure{}, ps.Err()
	}
	sum := 0
	t := &tally{}
	for i := range responses {
		x := &responses[i]
		if x.Org != org || !responseIn(r.Attribution, per, x) {
			continue
		}
		sum += x.Score
		t.counted++
		l := Evidence{Record: x.ID, Org: x.Org, Counted: true}
		if x.Score >= r.Good {
			t.met++
			l.Met, l.Why = true, fmt.Sprintf("score %d: good (%d or above)", x.Score, r.Good)
		} else {
			l.Why = fmt.Sprintf("score %d: below good (%d)", x.Score, r.Good)
		}
		t.lines = append(t.lines, l)
	}
	share = proportion(r.ShareKPI, org, month, r.Precision, t)
	mean = Figure{Met: t.met, Failed: t.counted - t.met, Counted: t.counted, Evidence: t.lines}
	mean.Measurement = kpi.Measurement{KPI: r.MeanKPI, Org: org, Month: month}
	if t.counted == 0 {
		mean.Measurement.Absent, mean.Measurement.Note = kpi.NotApplicable, NoRecords
		return mean, share, nil
	}
	n, total := decimal.NewFromInt(int64(t.counted)), decimal.NewFromInt(int64(sum))
	mean.Measurement.Value, _ = r.Precision.Quotient(total, n)
	mean.Measurement.Numerator, mean.Measurement.Denominator, mean.Measurement.HasCounts = total, n, true
	mean.Measurement.Note = fmt.Sprintf("%d points over %d responses", sum, t.counted)
	return mean, share, nil
}

// checkResponses records the problems of responses on their own on scale
// (record.CheckResponses) and, under the ticket-resolved-in-period
// attribution, each response with no ticket resolution instant.
func checkResponses(ps *problem.List, responses []record.Response, scale record.Scale, a SurveyAttribution) {
	ps.Merge(record.CheckResponses(responses, scale))
	if a != TicketResolvedInPeriod {
		return
	}
	for i := range responses {
		r := &responses[i]
		if r.TicketResolved.IsZero() {
			ps.Record(problem.At(r.Source.File, r.Source.Line), r.Name(), "ticket-resolved", "empty (attribution is ticket-resolved-in-period)")
		}
	}
}
