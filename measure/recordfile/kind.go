package recordfile

import (
	"io"
	"strings"
	"time"

	"github.com/servicecredit/engine/measure/record"
)

// marks are the columns that tell each kind's header apart: a header is of
// the kind whose mark it has (and of no other).
var marks = []struct {
	kind record.Kind
	mark string
}{
	{record.Backlog, "snapshot"},
	{record.Outages, "service"},
	{record.Calls, "queued"},
	{record.Responses, "score"},
	{record.ContactCounts, "contacts"},
	{record.Patches, "device"},
	{record.Tickets, "priority"},
}

// KindOfHeader returns the kind of record file whose header row is
// header: the kind whose marking column it has: snapshot (backlog),
// service (outages), queued (calls), score (responses), contacts
// (contact-counts), device (patches), priority (tickets). Names are
// matched as the readers match them. It reports false when header has
// none of the marks, or more than one.
func KindOfHeader(header []string) (record.Kind, bool) {
	var found record.Kind
	for _, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for _, m := range marks {
			if name != m.mark {
				continue
			}
			if found != 0 {
				return 0, false
			}
			found = m.kind
		}
	}
	return found, found != 0
}

// Append reads r, a record file of kind kind called name, with the reader
// of its kind, and appends its records to set. zone is as for
// ReadTickets; scale is the scale of a responses file (ignored for other
// kinds). It fails as the reader does, appending nothing.
func Append(set *record.Set, kind record.Kind, name string, r io.Reader, zone *time.Location, scale record.Scale) error {
	var err error
	switch kind {
	case record.Tickets:
		var x []record.Ticket
		x, err = ReadTickets(name, r, zone)
		set.Tickets = append(set.Tickets, x...)
	case record.Outages:
		var x []record.Outage
		x, err = ReadOutages(name, r, zone)
		set.Outages = append(set.Outages, x...)
	case record.Calls:
		var x []record.Call
		x, err = ReadCalls(name, r, zone)
		set.Calls = append(set.Calls, x...)
	case record.Responses:
		var x []record.Response
		x, err = ReadResponses(name, r, zone, scale)
		set.Responses = append(set.Responses, x...)
	case record.ContactCounts:
		var x []record.ContactCount
		x, err = ReadContactCounts(name, r)
		set.Counts = append(set.Counts, x...)
	case record.Backlog:
		var x []record.BacklogEntry
		x, err = ReadBacklog(name, r, zone)
		set.Backlog = append(set.Backlog, x...)
	case record.Patches:
		var x []record.Patch
		x, err = ReadPatches(name, r, zone)
		set.Patches = append(set.Patches, x...)
	default:
		_, err = kind.MarshalText()
	}
	return err
}
