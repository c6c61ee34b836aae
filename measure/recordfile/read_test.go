package recordfile_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/stretchr/testify/require"
)

// fileCase is a file a reader test reads: the golden's name, what the
// file shows, the file in testdata, and the zone its zone-less times are
// read in (nil: none named).
type fileCase struct {
	name, why, file string
	zone            *time.Location
}

// readFiles reads each case's file with read and checks, against
// testdata/KIND-NAME.golden, the records as format writes them, one a
// line, or the problems.
func readFiles[T any](t *testing.T, kind string, cases []fileCase, read func(string, io.Reader, *time.Location) ([]T, error), format func(T) string) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := read(tt.file, open(t, tt.file), tt.zone)
			readCase(t, kind+"-"+tt.name+".golden", rs, err, format)
		})
	}
}

// readCase checks a reader's result: on error the problems, else each
// record as format says, against the golden file testdata/name.
func readCase[T any](t *testing.T, name string, records []T, err error, format func(T) string) {
	t.Helper()
	var got string
	if err != nil {
		require.ErrorIs(t, err, record.ErrInvalidRecord)
		require.Nil(t, records, "nothing is read from a bad file")
		got = problems(t, err)
	}
	for _, r := range records {
		got += format(r) + "\n"
	}
	contracttest.Golden(t, "testdata/"+name, []byte(got))
}

func TestReadTickets(t *testing.T) {
	readFiles(t, "tickets", []fileCase{
		{"good", "every column, a named zone for the zone-less INC2", "tickets-good.csv", london},
		{"bad-no-zone", "every problem, with file:line:column, ticket and field; zone-less times refused", "tickets-bad.csv", nil},
		{"bad-london", "zone-less times read in London; 01:30 on 26 March 2023 does not exist there", "tickets-bad.csv", london},
	}, recordfile.ReadTickets, func(tk record.Ticket) string {
		return fmt.Sprintf("%s line %d: %s %s %s logged %s resolved %s holds %d reopens %d changes %d times %d first-line %t first-contact %t tool %q exclusion %q",
			tk.ID, tk.Source.Line, tk.Org, tk.Kind, tk.Priority, tk.Logged.Format(time.RFC3339), tk.Resolved.Format(time.RFC3339),
			len(tk.Holds), len(tk.Reopens), len(tk.PriorityChanges), len(tk.Times), tk.FirstLine, tk.FirstContact, tk.Tool, tk.Exclusion)
	})
}

func TestReadOutages(t *testing.T) {
	readFiles(t, "outages", []fileCase{
		{"good", "every column; u2 zone-less, read in London", "outages-good.csv", london},
		{"bad", "every problem with its place", "outages-bad.csv", nil},
	}, recordfile.ReadOutages, func(o record.Outage) string {
		return fmt.Sprintf("%s line %d: %s %v %s to %s planned %t weight %s (%t) users %d exclusion %q", o.ID, o.Source.Line, o.Service, o.Orgs,
			o.Start.Format(time.RFC3339), o.End.Format(time.RFC3339), o.Planned, o.Weight.StringFixed(2), o.HasWeight, o.Users, o.Exclusion)
	})
}

func TestReadCalls(t *testing.T) {
	readFiles(t, "calls", []fileCase{
		{"good", "every outcome; C2 zone-less, read in London; C5 of a single-organisation contract", "calls-good.csv", london},
		{"bad", "BOM and any-case headers; an unknown column, a bare number of seconds, a negative wait, an unknown outcome, empties, a short row", "calls-bad.csv", nil},
	}, recordfile.ReadCalls, func(c record.Call) string {
		return fmt.Sprintf("%s line %d: %q queued %s %s after %s", c.ID, c.Source.Line, c.Org, c.Queued.Format(time.RFC3339), c.Outcome, c.Wait)
	})
}

func TestReadResponses(t *testing.T) {
	onScale := func(scale record.Scale) func(string, io.Reader, *time.Location) ([]record.Response, error) {
		return func(name string, r io.Reader, zone *time.Location) ([]record.Response, error) {
			return recordfile.ReadResponses(name, r, zone, scale)
		}
	}
	format := func(r record.Response) string {
		return fmt.Sprintf("%s line %d: %q ticket %q responded %s ticket resolved %s score %d", r.ID, r.Source.Line, r.Org, r.Ticket,
			stampOrDash(r.Responded), stampOrDash(r.TicketResolved), r.Score)
	}
	readFiles(t, "responses", []fileCase{
		{"nps-good", "0 and 10 are on the scale; R2 zone-less, read in London", "responses-nps-good.csv", london},
		{"nps-bad", "11 and -1 off the scale, a repeated id, a bad and an empty timestamp, an empty and a fractional score", "responses-nps-bad.csv", london},
	}, onScale(record.NPSScale()), format)
	readFiles(t, "responses", []fileCase{
		{"csat-good", "the optional columns left out", "responses-csat-good.csv", london},
		{"csat-bad", "0, 6 and 10 are off a 1..5 scale", "responses-csat-bad.csv", london},
	}, onScale(record.SatisfactionScale(5)), format)
	_, err := recordfile.ReadResponses("r.csv", stringsReader(""), nil, record.Scale{})
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.EqualError(t, err, "scale: 0..0: want at least two scores from 0 upwards, such as 0..10 or 1..5")
}

func TestReadContactCounts(t *testing.T) {
	readFiles(t, "counts", []fileCase{
		{"good", "both month forms; zero users read (the measure says not applicable)", "counts-good.csv", nil},
		{"bad", "a month given twice in two forms, a bad month, an exponent, thousands separators, a negative and an empty count", "counts-bad.csv", nil},
	}, func(name string, r io.Reader, _ *time.Location) ([]record.ContactCount, error) {
		return recordfile.ReadContactCounts(name, r)
	}, func(c record.ContactCount) string {
		return fmt.Sprintf("line %d: %q %s contacts %d users %d", c.Source.Line, c.Org, c.Month, c.Contacts, c.Users)
	})
}

func TestReadBacklog(t *testing.T) {
	readFiles(t, "backlog", []fileCase{
		{"good", "two snapshots; REQ1 zone-less, read in London", "backlog-good.csv", london},
		{"bad", "logged after the snapshot, a ticket twice in a snapshot, empty fields", "backlog-bad.csv", london},
	}, recordfile.ReadBacklog, func(e record.BacklogEntry) string {
		return fmt.Sprintf("line %d: at %s %s %q %s logged %s", e.Source.Line, stampOrDash(e.Snapshot), e.ID, e.Org, e.Kind, stampOrDash(e.Logged))
	})
}

func TestReadPatches(t *testing.T) {
	readFiles(t, "patches", []fileCase{
		{"good", "every column; DT001's zone-less installation read in London", "patches-good.csv", london},
		{"bad", "every problem with file:line:column, device, patch and field: an unknown column, empties, a date not RFC 3339, installed before released, a repeat, a zone-less time with no zone named", "patches-bad.csv", nil},
	}, recordfile.ReadPatches, func(p record.Patch) string {
		return fmt.Sprintf("%s %s line %d: %s %s released %s installed %s exemption %q",
			p.Device, p.Patch, p.Source.Line, p.Org, p.Class, p.Released.Format(time.RFC3339), stampOrDash(p.Installed), p.Exemption)
	})
}

// stampOrDash formats t as RFC 3339, or "-" for the zero time.
func stampOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339)
}

// TestReadOutagesWeightGrammar checks that an impact weight is read by the
// one decimal grammar, in this reader's words.
func TestReadOutagesWeightGrammar(t *testing.T) {
	for _, tt := range []struct{ weight, want string }{
		{"0.5", ""},
		{".5", `o.csv:2:50: outage "u": impact-weight ".5": not a decimal (want digits with an optional decimal point, such as 0.5)`},
		{"+0.5", `o.csv:2:50: outage "u": impact-weight "+0.5": not a decimal (want digits with an optional decimal point, such as 0.5)`},
		{"1,0", `o.csv:2:50: outage "u": impact-weight "1,0": not a decimal (want digits with an optional decimal point, such as 0.5)`},
		{"0." + strings.Repeat("1", 39), `o.csv:2:50: outage "u": impact-weight "0.` + strings.Repeat("1", 39) + `": longer than 40 characters`},
	} {
		t.Run(tt.weight, func(t *testing.T) {
			csv := "id,service,start,end,planned,impact-weight\nu,S,2021-06-10T02:00:00Z,2021-06-10T03:00:00Z,no,\"" + tt.weight + "\"\n"
			_, err := recordfile.ReadOutages("o.csv", stringsReader(csv), nil)
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, tt.want)
		})
	}
}

// TestUnknownWordSentinel checks that a record file's unknown word is a
// kpi.ErrUnknownWord, the one sentinel of every package's words, as well
// as a record.ErrInvalidRecord, and its *kpi.WordError lists the words.
func TestUnknownWordSentinel(t *testing.T) {
	_, err := recordfile.ReadCalls("calls.csv", strings.NewReader("id,organisation,queued,outcome,wait\nC3,LBH,2021-06-01T09:02:00+01:00,hung-up,1m5s\n"), nil)
	require.EqualError(t, err, `calls.csv:2:34: call "C3": outcome "hung-up": want one of answered, abandoned, callback, ivr-only`)
	require.ErrorIs(t, err, record.ErrInvalidRecord)
	require.ErrorIs(t, err, kpi.ErrUnknownWord)
	var we *kpi.WordError
	require.ErrorAs(t, err, &we)
	require.Equal(t, "hung-up", we.Text)
	require.Len(t, record.Errors(err), 1, "one problem, not its sentinel and cause")
}
