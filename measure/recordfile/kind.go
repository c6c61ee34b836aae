package recordfile

import (
	"io"
	"strings"
	"time"

	"github.com/servicecredit/engine/internal/csvfile"
	"github.com/servicecredit/engine/measure/internal/problem"
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

// KindOf reads the header row of r, a record file called name, through
// the reader every record file is read with, and returns the kind
// KindOfHeader gives it, having put r back at its start for Append. A file
// past the size or line limits (refused by its size and its lines before
// they are read when r is an *os.File of a regular file or an in-memory
// reader), separated by semicolons or tabs, or with a quote never closed
// in its header is refused as Append would refuse it; a header of no
// known kind is a *record.Error on line 1, field "header", wrapping
// record.ErrInvalidRecord.
func KindOf(name string, r io.ReadSeeker) (record.Kind, error) {
	var ps problem.List
	_, _, err := csvfile.Lines(r)
	var header []string
	if err == nil {
		header, err = csvfile.NewReader(r).Read()
	}
	if err != nil && err != io.EOF {
		csvSyntax(&ps, name, err)
		return 0, ps.Err()
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		ps.Record(problem.Pos{File: name}, "", "", "cannot read: %s", err.Error())
		return 0, ps.Err()
	}
	kind, ok := KindOfHeader(header)
	if !ok {
		ps.Record(problem.Pos{File: name, Line: 1}, "", "header", "not a record file of a known kind (want the header of tickets, outages, calls, responses, contact-counts, backlog or patches: docs/records.md)")
		return 0, ps.Err()
	}
	return kind, nil
}

// Append reads r, a record file of kind kind called name, with the reader
// of its kind, and appends its records to set. zone is as for
// ReadTickets; scale is the scale of a responses file (ignored for other
// kinds). It fails as the reader does, appending nothing.
func Append(set *record.Set, kind record.Kind, name string, r io.Reader, zone *time.Location, scale record.Scale) error {
	switch kind {
	case record.Tickets:
		return appendTo(&set.Tickets, func() ([]record.Ticket, error) { return ReadTickets(name, r, zone) })
	case record.Outages:
		return appendTo(&set.Outages, func() ([]record.Outage, error) { return ReadOutages(name, r, zone) })
	case record.Calls:
		return appendTo(&set.Calls, func() ([]record.Call, error) { return ReadCalls(name, r, zone) })
	case record.Responses:
		return appendTo(&set.Responses, func() ([]record.Response, error) { return ReadResponses(name, r, zone, scale) })
	case record.ContactCounts:
		return appendTo(&set.Counts, func() ([]record.ContactCount, error) { return ReadContactCounts(name, r) })
	case record.Backlog:
		return appendTo(&set.Backlog, func() ([]record.BacklogEntry, error) { return ReadBacklog(name, r, zone) })
	case record.Patches:
		return appendTo(&set.Patches, func() ([]record.Patch, error) { return ReadPatches(name, r, zone) })
	}
	_, err := kind.MarshalText()
	return err
}

// appendTo appends what read reads to list.
func appendTo[T any](list *[]T, read func() ([]T, error)) error {
	x, err := read()
	*list = append(*list, x...)
	return err
}
