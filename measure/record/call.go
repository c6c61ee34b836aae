package record

import (
	"strconv"
	"time"

	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/measure/internal/problem"
)

// Call is one call to a service desk queue.
type Call struct {
	ID      string        // the call's id
	Org     string        // the organisation served
	Queued  time.Time     // when the call was offered to the queue; the month it counts in
	Outcome CallOutcome   // answered, abandoned, a callback or IVR only
	Wait    time.Duration // time in the queue before answer, abandonment or callback
	Source  Source        // where the call was read
}

// Name returns the call as messages name it: call "C1".
func (c *Call) Name() string { return "call " + strconv.Quote(c.ID) }

// CheckCalls reports every problem with calls on their own: no id, an id
// given twice, no queued instant, no outcome, a negative wait. Problems
// wrap ErrInvalidRecord.
func CheckCalls(calls []Call) error {
	ps := &problem.List{}
	seen := firsts[string]{}
	for i := range calls {
		c := &calls[i]
		p, who := c.Source.pos(), c.Name()
		seen.id(ps, p, who, c.ID, c.Source)
		if c.Queued.IsZero() {
			ps.Record(p, who, "queued", "empty")
		}
		if !callOutcomeWords.Valid(c.Outcome) {
			ps.Record(p, who, "outcome", "not set (want one of %s)", callOutcomeWords.Join())
		}
		if c.Wait < 0 {
			ps.Record(p, who, "wait", "negative")
		}
	}
	return ps.Err()
}

// CallOutcome is what became of a queued call. The zero CallOutcome is
// invalid.
type CallOutcome uint8

// The values of CallOutcome.
const (
	Answered  CallOutcome = iota + 1 // answered: answered by an agent
	Abandoned                        // abandoned: the caller hung up in the queue
	Callback                         // callback: the caller took a callback: not abandoned
	IVROnly                          // ivr-only: handled in the IVR, never queued: never counted
)

var callOutcomeWords = words.New[CallOutcome]("call outcome", 1, "answered", "abandoned", "callback", "ivr-only")

// String returns the text form, such as "answered".
func (v CallOutcome) String() string { return callOutcomeWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v CallOutcome) MarshalText() ([]byte, error) { return callOutcomeWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than answered, abandoned, callback, ivr-only with an error
// wrapping kpi.ErrUnknownWord.
func (v *CallOutcome) UnmarshalText(b []byte) error {
	return callOutcomeWords.Unmarshal(v, b)
}
