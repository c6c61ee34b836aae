package record

import (
	"fmt"
	"strconv"
	"time"

	"github.com/servicecredit/engine/measure/internal/problem"
)

// Response is one answer to a survey: a net promoter question scored 0 to
// 10, or a satisfaction question scored 1 to the scale's top.
//
// The zero Response is invalid: it has no id and no response instant.
type Response struct {
	ID        string    // the response's id
	Org       string    // the organisation surveyed
	Ticket    string    // the ticket surveyed; may be empty
	Responded time.Time // when the response was given
	// TicketResolved is when the ticket surveyed was resolved; required
	// by the ticket-resolved-in-period attribution, zero otherwise.
	TicketResolved time.Time
	Score          int
	Source         Source
}

// Name returns the response as messages name it: response "R1".
func (r *Response) Name() string { return "response " + strconv.Quote(r.ID) }

// Scale is the range of a survey's whole-number scores, both ends
// included: 0..10 for a net promoter score, 1..5 for a five-point
// satisfaction survey.
//
// The zero Scale (0..0) is invalid.
type Scale struct {
	Min, Max int // the lowest and highest score
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
	ps := &problem.List{}
	if s.Min < 0 || s.Max <= s.Min {
		ps.Option("scale", "%s: want at least two scores from 0 upwards, such as 0..10 or 1..5", s)
	}
	return ps.Err()
}

// Has reports whether score is on the scale.
func (s Scale) Has(score int) bool { return score >= s.Min && score <= s.Max }

// CheckResponses reports every problem with responses on their own on
// scale: an invalid scale, no id, an id given twice, no response instant,
// a score outside the scale. Problems wrap ErrInvalidRecord
// (ErrInvalidOptions for the scale).
func CheckResponses(responses []Response, scale Scale) error {
	ps := &problem.List{}
	ps.Merge(scale.Validate())
	seen := firsts[string]{}
	for i := range responses {
		r := &responses[i]
		p, who := r.Source.pos(), r.Name()
		seen.id(ps, p, who, r.ID, r.Source)
		if r.Responded.IsZero() {
			ps.Record(p, who, "responded", "empty")
		}
		if !scale.Has(r.Score) {
			ps.Record(p, who, "score", "%d outside %s", r.Score, scale)
		}
	}
	return ps.Err()
}
