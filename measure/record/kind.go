package record

import "github.com/servicecredit/engine/internal/words"

// Kind names a kind of record, and of record file. The zero Kind is
// invalid.
type Kind uint8

// The kinds of record, each a field of Set.
const (
	Tickets       Kind = iota + 1 // tickets: Ticket
	Outages                       // outages: Outage
	Calls                         // calls: Call
	Responses                     // responses: Response
	ContactCounts                 // contact-counts: ContactCount
	Backlog                       // backlog: BacklogEntry
	Patches                       // patches: Patch
)

var kindWords = words.New[Kind]("record kind", 1, "tickets", "outages", "calls", "responses", "contact-counts", "backlog", "patches")

// Kinds returns every kind, in the order of the constants.
func Kinds() []Kind {
	return []Kind{Tickets, Outages, Calls, Responses, ContactCounts, Backlog, Patches}
}

// String returns the text form, such as "tickets".
func (v Kind) String() string { return kindWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Kind) MarshalText() ([]byte, error) { return kindWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than tickets, outages, calls, responses, contact-counts, backlog,
// patches with an error wrapping kpi.ErrUnknownWord.
func (v *Kind) UnmarshalText(b []byte) error {
	return kindWords.Unmarshal(v, b)
}

// Set holds records of every kind, such as those a plan measures from.
// The zero Set holds none.
type Set struct {
	Tickets   []Ticket       // ticket records
	Outages   []Outage       // outage records
	Calls     []Call         // call records
	Responses []Response     // survey response records
	Counts    []ContactCount // contact counts
	Backlog   []BacklogEntry // backlog snapshot entries
	Patches   []Patch        // patch records
}
