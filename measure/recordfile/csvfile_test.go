package recordfile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/stretchr/testify/require"
)

// TestFilesPeopleKeep checks that a record file is read by the one CSV
// reader of the module (internal/csvfile), with its hints and limits, in
// the readers' words: a spreadsheet's export separated by semicolons is
// one problem at its header, a quote never closed is placed at the line
// that opened it, and a field past the limit is refused, wrapping
// record.ErrLimit instead of record.ErrInvalidRecord.
func TestFilesPeopleKeep(t *testing.T) {
	for _, tt := range []struct {
		name, why, file, want string
		sentinel              error
	}{
		{"semicolons", "one problem with a hint, not one for every row",
			"id;organisation;kind;priority;logged\nINC1;LCC;incident;P2;2021-06-01T09:00:00Z\nINC2;LCC;incident;P2;2021-06-02T09:00:00Z\n",
			`t.csv:1: columns separated by ";", not commas: save or export the file as comma-separated CSV`, record.ErrInvalidRecord},
		{"open quote", "at the line where the quote opened, not at the end of the file",
			"id,organisation,kind,priority,logged\nINC1,\"LCC,incident,P2,2021-06-01T09:00:00Z\nINC2,LCC,incident,P2,2021-06-02T09:00:00Z\n",
			`t.csv:2: a quoted field opened on this line is never closed (a field that starts with " must end with ")`, record.ErrInvalidRecord},
		{"field limit", "a field of more than 64 KiB is refused before the row is kept",
			"id,organisation,kind,priority,logged\nINC1,LCC,incident,P2," + strings.Repeat("9", 70000) + "\n",
			"t.csv:2:22: field of 70000 bytes: more than the limit of 65536", record.ErrLimit},
		{"byte order mark", "Excel's mark is skipped, not read as part of the first column's name",
			"\ufeffid,organisation,kind,priority,logged,colour\nINC1,LCC,incident,P2,2021-06-01T09:00:00Z,red\n",
			`t.csv:1:38: header "colour": unknown column (want id, organisation, kind, request-type, priority, priority-changes, logged, resolved, closed, holds, reopens, first-line, first-contact, channel, exclusion, tool-outcome, at-<name>)`, record.ErrInvalidRecord},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts, err := recordfile.ReadTickets("t.csv", stringsReader(tt.file), nil)
			require.Nil(t, ts)
			require.EqualError(t, err, tt.want, tt.why)
			require.ErrorIs(t, err, tt.sentinel)
			if tt.sentinel == record.ErrLimit {
				require.False(t, errors.Is(err, record.ErrInvalidRecord), "a limit is not a bad record")
			}
		})
	}
}

// TestKindOf checks that a record file's kind is told from its header,
// read as the file readers read it, and that the file is put back at its
// start for Append.
func TestKindOf(t *testing.T) {
	r := stringsReader("\ufeffID,Service,Start,End,Planned\nu1,S,2021-06-01T00:00:00Z,2021-06-01T01:00:00Z,no\n")
	kind, err := recordfile.KindOf("o.csv", r)
	require.NoError(t, err)
	require.Equal(t, record.Outages, kind)
	var set record.Set
	require.NoError(t, recordfile.Append(&set, kind, "o.csv", r, nil, record.Scale{}))
	require.Len(t, set.Outages, 1, "the file is read from its start")

	for _, tt := range []struct{ name, why, file, want string }{
		{"no kind", "a header with none of the marking columns",
			"kpi,month,value\nA,2021-06,99\n",
			"m.csv:1: header: not a record file of a known kind (want the header of tickets, outages, calls, responses, contact-counts, backlog or patches: docs/records.md)"},
		{"two kinds", "a header with two marking columns is no one kind",
			"id,service,priority\n",
			"m.csv:1: header: not a record file of a known kind (want the header of tickets, outages, calls, responses, contact-counts, backlog or patches: docs/records.md)"},
		{"empty", "an empty file has no header",
			"",
			"m.csv:1: header: not a record file of a known kind (want the header of tickets, outages, calls, responses, contact-counts, backlog or patches: docs/records.md)"},
		{"tabs", "a header separated by tabs is told so",
			"id\tservice\tstart\tend\n",
			`m.csv:1: columns separated by "\t", not commas: save or export the file as comma-separated CSV`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := recordfile.KindOf("m.csv", stringsReader(tt.file))
			require.EqualError(t, err, tt.want, tt.why)
			require.ErrorIs(t, err, record.ErrInvalidRecord)
		})
	}
}
