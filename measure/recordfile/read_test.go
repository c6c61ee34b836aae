package recordfile_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/servicecredit/engine/internal/golden"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/stretchr/testify/require"
)

func TestReadTickets(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
		zone *time.Location
	}{
		{"good", "every column, a named zone for the zone-less INC2", "tickets-good.csv", london},
		{"bad-no-zone", "every problem, with file:line:column, ticket and field; zone-less times refused", "tickets-bad.csv", nil},
		{"bad-london", "zone-less times read in London; 01:30 on 26 March 2023 does not exist there", "tickets-bad.csv", london},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts, err := recordfile.ReadTickets(tt.file, open(t, tt.file), tt.zone)
			readCase(t, "tickets-"+tt.name+".golden", ts, err, func(tk record.Ticket) string {
				return fmt.Sprintf("%s line %d: %s %s %s logged %s resolved %s holds %d reopens %d changes %d times %d first-line %t first-contact %t tool %q exclusion %q",
					tk.ID, tk.Source.Line, tk.Org, tk.Kind, tk.Priority, tk.Logged.Format(time.RFC3339), tk.Resolved.Format(time.RFC3339),
					len(tk.Holds), len(tk.Reopens), len(tk.PriorityChanges), len(tk.Times), tk.FirstLine, tk.FirstContact, tk.Tool, tk.Exclusion)
			})
		})
	}
}

func TestReadOutages(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
		zone *time.Location
	}{
		{"good", "every column; u2 zone-less, read in London", "outages-good.csv", london},
		{"bad", "every problem with its place", "outages-bad.csv", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			os, err := recordfile.ReadOutages(tt.file, open(t, tt.file), tt.zone)
			readCase(t, "outages-"+tt.name+".golden", os, err, func(o record.Outage) string {
				return fmt.Sprintf("%s line %d: %s %v %s to %s planned %t weight %s (%t) users %d exclusion %q", o.ID, o.Source.Line, o.Service, o.Orgs,
					o.Start.Format(time.RFC3339), o.End.Format(time.RFC3339), o.Planned, o.Weight.StringFixed(2), o.HasWeight, o.Users, o.Exclusion)
			})
		})
	}
}

// readCase runs a reader case: on error the problems, else each record
// as format says, into the golden file.
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
	golden.Check(t, "testdata/"+name, []byte(got))
}

func TestReadCalls(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
		zone *time.Location
	}{
		{"good", "every outcome; C2 zone-less, read in London; C5 of a single-organisation contract", "calls-good.csv", london},
		{"bad", "BOM and any-case headers; an unknown column, a bare number of seconds, a negative wait, an unknown outcome, empties, a short row", "calls-bad.csv", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := recordfile.ReadCalls(tt.file, open(t, tt.file), tt.zone)
			readCase(t, "calls-"+tt.name+".golden", cs, err, func(c record.Call) string {
				return fmt.Sprintf("%s line %d: %q queued %s %s after %s", c.ID, c.Source.Line, c.Org, c.Queued.Format(time.RFC3339), c.Outcome, c.Wait)
			})
		})
	}
}

func TestReadResponses(t *testing.T) {
	for _, tt := range []struct {
		name  string
		why   string
		file  string
		scale record.Scale
	}{
		{"nps-good", "0 and 10 are on the scale; R2 zone-less, read in London", "responses-nps-good.csv", record.NPSScale()},
		{"nps-bad", "11 and -1 off the scale, a repeated id, a bad and an empty timestamp, an empty and a fractional score", "responses-nps-bad.csv", record.NPSScale()},
		{"csat-good", "the optional columns left out", "responses-csat-good.csv", record.SatisfactionScale(5)},
		{"csat-bad", "0, 6 and 10 are off a 1..5 scale", "responses-csat-bad.csv", record.SatisfactionScale(5)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := recordfile.ReadResponses(tt.file, open(t, tt.file), london, tt.scale)
			readCase(t, "responses-"+tt.name+".golden", rs, err, func(r record.Response) string {
				return fmt.Sprintf("%s line %d: %q ticket %q responded %s ticket resolved %s score %d", r.ID, r.Source.Line, r.Org, r.Ticket,
					stampOrDash(r.Responded), stampOrDash(r.TicketResolved), r.Score)
			})
		})
	}
	_, err := recordfile.ReadResponses("r.csv", stringsReader(""), nil, record.Scale{})
	require.ErrorIs(t, err, record.ErrInvalidOptions)
	require.EqualError(t, err, "scale: 0..0: want at least two scores from 0 upwards, such as 0..10 or 1..5")
}

func TestReadContactCounts(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
	}{
		{"good", "both month forms; zero users read (the measure says not applicable)", "counts-good.csv"},
		{"bad", "a month given twice in two forms, a bad month, an exponent, thousands separators, a negative and an empty count", "counts-bad.csv"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := recordfile.ReadContactCounts(tt.file, open(t, tt.file))
			readCase(t, "counts-"+tt.name+".golden", cs, err, func(c record.ContactCount) string {
				return fmt.Sprintf("line %d: %q %s contacts %d users %d", c.Source.Line, c.Org, c.Month, c.Contacts, c.Users)
			})
		})
	}
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
