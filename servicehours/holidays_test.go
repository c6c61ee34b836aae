package servicehours_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

func TestParseBankHolidays(t *testing.T) {
	ew := bankHolidays(t, "england-and-wales")
	for _, s := range []string{"2021-05-31", "2021-08-30", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2022-09-19"} {
		if !slices.Contains(ew, kpi.MustParseDate(s)) {
			t.Errorf("england-and-wales lacks %s", s)
		}
	}
	if !slices.IsSortedFunc(ew, kpi.Date.Compare) {
		t.Error("dates not sorted")
	}
	sc := bankHolidays(t, "scotland")
	if slices.Contains(sc, kpi.MustParseDate("2023-04-10")) || !slices.Contains(sc, kpi.MustParseDate("2023-11-30")) {
		t.Error("scotland has the wrong holidays")
	}
}

func TestParseBankHolidaysErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		division string
		sentinel error
		want     string
	}{
		{
			name: "unknown-division", data: `{"scotland": {"events": []}, "england-and-wales": {"events": []}}`, division: "wales",
			sentinel: servicehours.ErrUnknownDivision,
			want:     `bank holidays: division "wales": not in the feed; it has "england-and-wales", "scotland"`,
		},
		{
			name: "empty-feed", data: `{}`, division: "scotland", sentinel: servicehours.ErrUnknownDivision,
			want: `bank holidays: division "scotland": not in the feed; it has none`,
		},
		{
			name: "not-json", data: ``, division: "scotland", sentinel: servicehours.ErrSyntax,
			want: `bank holidays: not the GOV.UK bank holidays json: malformed at byte 0`,
		},
		{
			name: "array", data: `[]`, division: "scotland", sentinel: servicehours.ErrSyntax,
			want: `bank holidays: not the GOV.UK bank holidays json: top level at byte 1: want object, have array`,
		},
		{
			name: "date-number", data: `{"x": {"events": [{"date": 5}]}}`, division: "x", sentinel: servicehours.ErrSyntax,
			want: `bank holidays: not the GOV.UK bank holidays json: events.date at byte 28: want string, have number`,
		},
		{
			name: "bad-dates", data: `{"x": {"division": "y", "events": [{"date": "2023-13-01"}, {"date": ""}]}}`, division: "x",
			sentinel: servicehours.ErrSyntax,
			want: "bank holidays x: division \"y\": names another division\n" +
				"bank holidays x: events[0]: date \"2023-13-01\": no such date\n" +
				"bank holidays x: events[1]: date: empty; want YYYY-MM-DD",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := servicehours.ParseBankHolidays([]byte(tt.data), tt.division)
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("error %v, want %v", err, tt.sentinel)
			}
			if err.Error() != tt.want {
				t.Errorf("message\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}
