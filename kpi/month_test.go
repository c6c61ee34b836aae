package kpi

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseMonth(t *testing.T) {
	tests := []struct {
		name, in string
		want     Month
		err      string
	}{
		{name: "iso", in: "2021-06", want: MonthOf(2021, time.June)},
		{name: "pack", in: "Jun-21", want: MonthOf(2021, time.June)},
		{name: "pack upper case", in: "AUG-16", want: MonthOf(2016, time.August)},
		{name: "pack lower case", in: "sep-15", want: MonthOf(2015, time.September)},
		{name: "pack year 00", in: "Jan-00", want: MonthOf(2000, time.January)},
		{name: "pack year 99", in: "Dec-99", want: MonthOf(2099, time.December)},
		{name: "iso january", in: "2015-01", want: MonthOf(2015, time.January)},
		{name: "month 13", in: "2021-13", err: `month "2021-13" (want 2021-06 or Jun-21): not a month`},
		{name: "month 00", in: "2021-00", err: `month "2021-00" (want 2021-06 or Jun-21): not a month`},
		{name: "year 0000", in: "0000-05", err: `month "0000-05" (want 2021-06 or Jun-21): not a month`},
		{name: "empty", in: "", err: `month "" (want 2021-06 or Jun-21): not a month`},
		{name: "short year", in: "21-06", err: `month "21-06" (want 2021-06 or Jun-21): not a month`},
		{name: "full month name", in: "June-21", err: `month "June-21" (want 2021-06 or Jun-21): not a month`},
		{name: "signed month", in: "2021-+6", err: `month "2021-+6" (want 2021-06 or Jun-21): not a month`},
		{name: "space", in: " 2021-06", err: `month " 2021-06" (want 2021-06 or Jun-21): not a month`},
		{name: "with day", in: "2021-06-01", err: `month "2021-06-01" (want 2021-06 or Jun-21): not a month`},
		{name: "bad abbreviation", in: "Jux-21", err: `month "Jux-21" (want 2021-06 or Jun-21): not a month`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMonth(tt.in)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				require.ErrorIs(t, err, ErrMonth)
				require.True(t, got.IsZero())
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestMonthArithmetic(t *testing.T) {
	jun21 := MustParseMonth("2021-06")
	require.Equal(t, MustParseMonth("2022-01"), jun21.AddMonths(7))
	require.Equal(t, MustParseMonth("2020-12"), jun21.AddMonths(-6))
	require.Equal(t, 7, jun21.AddMonths(7).Sub(jun21))
	require.Equal(t, -7, jun21.Sub(jun21.AddMonths(7)))
	require.Equal(t, 2021, jun21.Year())
	require.Equal(t, time.June, jun21.Month())
	require.True(t, jun21.Before(jun21.AddMonths(1)))
	require.True(t, jun21.After(jun21.AddMonths(-1)))
	require.False(t, jun21.Before(jun21))
	require.Equal(t, 0, jun21.Compare(MustParseMonth("Jun-21")))
	require.Equal(t, -1, jun21.Compare(jun21.AddMonths(1)))
	require.Equal(t, 1, jun21.Compare(jun21.AddMonths(-1)))
	require.Equal(t, -1, Month{}.Compare(jun21), "the zero Month sorts first")
	require.True(t, jun21.AddMonths(12*10000).IsZero(), "past year 9999")
	require.True(t, MustParseMonth("0001-01").AddMonths(-1).IsZero(), "before year 1")
	require.True(t, Month{}.AddMonths(1).IsZero())
	require.Equal(t, 0, Month{}.Year())
	require.Equal(t, time.Month(0), Month{}.Month())
	require.True(t, MonthOf(2021, 13).IsZero())
	require.True(t, MonthOf(10000, 1).IsZero())
}

func TestMonthText(t *testing.T) {
	jun21 := MustParseMonth("Jun-21")
	require.Equal(t, "2021-06", jun21.String())
	require.Equal(t, "Jun-21", jun21.Pack())
	require.Equal(t, "Jan-05", MustParseMonth("2105-01").Pack(), "Pack keeps two digits")
	require.Equal(t, "<none>", Month{}.String())
	require.Equal(t, "", Month{}.Pack())

	type doc struct {
		M    Month           `json:"m"`
		Z    Month           `json:"z"`
		Keys map[Month]int   `json:"keys"`
		List []Month         `json:"list"`
		Opt  map[string]bool `json:"opt,omitempty"`
	}
	in := doc{M: jun21, Keys: map[Month]int{jun21: 1, jun21.AddMonths(1): 2}, List: []Month{jun21}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.Equal(t, `{"m":"2021-06","z":"","keys":{"2021-06":1,"2021-07":2},"list":["2021-06"]}`, string(b))
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	require.Equal(t, in, out)

	var m Month
	err = json.Unmarshal([]byte(`"2021-13"`), &m)
	require.ErrorIs(t, err, ErrMonth)
	require.NoError(t, m.UnmarshalText([]byte("Oct-21")))
	require.Equal(t, MustParseMonth("2021-10"), m)
	b, err = m.AppendText([]byte("x="))
	require.NoError(t, err)
	require.Equal(t, "x=2021-10", string(b))
}

func TestMustParseMonthPanics(t *testing.T) {
	defer func() {
		r := recover()
		err, ok := r.(error)
		require.True(t, ok, "panics with an error")
		require.True(t, errors.Is(err, ErrMonth))
	}()
	MustParseMonth("2021-13")
}

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2021-06", "Jun-21", "AUG-16", "2021-13", "", "9999-12", "0001-01", "Jan-00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMonth(s)
		if err != nil {
			if !m.IsZero() {
				t.Fatalf("ParseMonth(%q) failed but returned %v", s, m)
			}
			return
		}
		if m.IsZero() {
			t.Fatalf("ParseMonth(%q) returned the zero Month without error", s)
		}
		texts := []string{m.String()}
		if y := m.Year(); y >= 2000 && y <= 2099 {
			texts = append(texts, m.Pack())
		}
		for _, text := range texts {
			back, err := ParseMonth(text)
			if err != nil || back != m {
				t.Fatalf("ParseMonth(%q) = %v; %q round-trips to %v, %v", s, m, text, back, err)
			}
		}
	})
}
