package measure

import (
	"fmt"
	"strconv"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Response is one answer to a survey: a net promoter question scored 0 to
// 10, or a satisfaction question scored 1 to the scale's top.
//
// The zero Response is invalid: it has no id and no response instant.
type Response struct {
	ID        string
	Org       string
	Ticket    string    // the ticket surveyed; may be empty
	Responded time.Time // when the response was given
	// TicketResolved is when the ticket surveyed was resolved; required
	// by the ticket-resolved-in-period attribution, zero otherwise.
	TicketResolved time.Time
	Score          int
	Source         Source
}

func (r *Response) name() string { return "response " + strconv.Quote(r.ID) }

// Scale is the range of a survey's whole-number scores, both ends
// included: 0..10 for a net promoter score, 1..5 for a five-point
// satisfaction survey.
//
// The zero Scale (0..0) is invalid.
type Scale struct {
	Min, Max int
}

// NPSScale returns the net promoter scale, 0..10.
func NPSScale() Scale { return Scale{Min: 0, Max: 10} }

// SatisfactionScale returns the satisfaction scale 1..top.
func SatisfactionScale(top int) Scale { return Scale{Min: 1, Max: top} }

// String returns the scale as "0..10".
func (s Scale) String() string { return fmt.Sprintf("%d..%d", s.Min, s.Max) }

// Validate reports a scale that is not at least two scores from zero
// upwards, wrapping ErrInvalidOptions.
func (s Scale) Validate() error {
	ps := &problems{}
	s.problems(ps, "scale")
	return ps.err()
}

func (s Scale) problems(ps *problems, field string) {
	if s.Min < 0 || s.Max <= s.Min {
		ps.option(field, "%s: want at least two scores from 0 upwards, such as 0..10 or 1..5", s)
	}
}

func (s Scale) has(score int) bool { return score >= s.Min && score <= s.Max }

// checkResponses records the problems of responses on their own against
// scale: no id, an id given twice, no response instant, a score outside
// the scale, and, when need is set, no ticket resolution instant.
func checkResponses(ps *problems, responses []Response, scale Scale, needResolved bool) {
	seen := map[string]Source{}
	for i := range responses {
		r := &responses[i]
		p, who := r.Source.pos(), r.name()
		if r.ID == "" {
			ps.record(p, who, "id", "empty")
		} else if first, dup := seen[r.ID]; dup {
			ps.record(p, who, "id", "%s", givenTwice(first))
		} else {
			seen[r.ID] = r.Source
		}
		if r.Responded.IsZero() {
			ps.record(p, who, "responded", "empty")
		}
		if needResolved && r.TicketResolved.IsZero() {
			ps.record(p, who, "ticket-resolved", "empty (attribution is ticket-resolved-in-period)")
		}
		if !scale.has(r.Score) {
			ps.record(p, who, "score", "%d outside %s", r.Score, scale)
		}
	}
}

// CheckResponses reports every problem with responses on their own on
// scale: no id, an id given twice, no response instant, a score outside
// the scale. Problems wrap ErrInvalidRecord.
func CheckResponses(responses []Response, scale Scale) error {
	ps := &problems{}
	scale.problems(ps, "scale")
	checkResponses(ps, responses, scale, false)
	return ps.err()
}

// SurveyRule says how net promoter responses make a month's score. Every
// field is required.
//
// The zero SurveyRule is invalid: Validate names every field not set.
type SurveyRule struct {
	KPI         string            `yaml:"kpi"`
	Attribution SurveyAttribution `yaml:"attribution"`
	Zone        string            `yaml:"zone"` // the IANA zone whose local months are the periods
	Precision   kpi.Precision     `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping ErrInvalidOptions.
func (r SurveyRule) Validate() error {
	ps := &problems{}
	r.problems(ps)
	return ps.err()
}

func (r SurveyRule) problems(ps *problems) *time.Location {
	loc := monthProblems(ps, "kpi", r.KPI, r.Zone, r.Precision)
	surveyAttributionProblems(ps, r.Attribution)
	return loc
}

func surveyAttributionProblems(ps *problems, a SurveyAttribution) {
	if !surveyAttributionWords.valid(uint8(a)) {
		ps.option("attribution", "not set (want one of %s)", surveyAttributionWords.list())
	}
}

// responseIn reports whether r falls in p under a.
func responseIn(a SurveyAttribution, p period, r *Response) bool {
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
// It fails with ErrInvalidOptions for an invalid rule and with
// ErrInvalidRecord for invalid responses, such as a score outside 0..10
// (the error names the response and the field "score").
func NPS(r SurveyRule, org string, month kpi.Month, responses []Response) (Figure, error) {
	ps := &problems{}
	per := periodFor(ps, month, r.problems(ps))
	checkResponses(ps, responses, NPSScale(), r.Attribution == TicketResolvedInPeriod)
	if !ps.ok() {
		return Figure{}, ps.err()
	}
	var promoters, detractors, n int
	var lines []Line
	for i := range responses {
		x := &responses[i]
		if x.Org != org || !responseIn(r.Attribution, per, x) {
			continue
		}
		n++
		l := Line{Record: x.ID, Org: x.Org, Counted: true}
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
	f := Figure{Met: promoters, Failed: detractors, Counted: n, Lines: lines}
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
	MeanKPI     string            `yaml:"mean-kpi"`  // the KPI of the mean score
	ShareKPI    string            `yaml:"share-kpi"` // the KPI of the share at or above Good
	Top         int               `yaml:"top"`       // the top of the scale, such as 5
	Good        int               `yaml:"good"`      // the lowest score that counts as good, such as 4
	Attribution SurveyAttribution `yaml:"attribution"`
	Zone        string            `yaml:"zone"` // the IANA zone whose local months are the periods
	Precision   kpi.Precision     `yaml:"precision"`
}

// Validate reports every problem with r, each wrapping ErrInvalidOptions.
func (r SatisfactionRule) Validate() error {
	ps := &problems{}
	r.problems(ps)
	return ps.err()
}

func (r SatisfactionRule) problems(ps *problems) *time.Location {
	loc := monthProblems(ps, "mean-kpi", r.MeanKPI, r.Zone, r.Precision)
	if r.ShareKPI == "" {
		ps.option("share-kpi", "empty")
	}
	if r.Top < 2 {
		ps.option("top", "%d: want the top of the scale, such as 5", r.Top)
	}
	if r.Good < 1 || r.Good > max(r.Top, 1) {
		ps.option("good", "%d outside the scale 1..%d", r.Good, r.Top)
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
// It fails with ErrInvalidOptions for an invalid rule and with
// ErrInvalidRecord for invalid responses, such as a score outside 1..Top.
func Satisfaction(r SatisfactionRule, org string, month kpi.Month, responses []Response) (mean, share Figure, err error) {
	ps := &problems{}
	per := periodFor(ps, month, r.problems(ps))
	if ps.ok() {
		checkResponses(ps, responses, SatisfactionScale(r.Top), r.Attribution == TicketResolvedInPeriod)
	}
	if !ps.ok() {
		return Figure{}, Figure{}, ps.err()
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
		l := Line{Record: x.ID, Org: x.Org, Counted: true}
		if x.Score >= r.Good {
			t.met++
			l.Met, l.Why = true, fmt.Sprintf("score %d: good (%d or above)", x.Score, r.Good)
		} else {
			l.Why = fmt.Sprintf("score %d: below good (%d)", x.Score, r.Good)
		}
		t.lines = append(t.lines, l)
	}
	share = proportion(r.ShareKPI, org, month, r.Precision, t)
	mean = Figure{Met: t.met, Failed: t.counted - t.met, Counted: t.counted, Lines: t.lines}
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
