package contract

import (
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestYearEnd: a contract year ends with its 12th month, and the term's
// last month ends its year however short: a 30-month term from April 2021
// has years ending March 2022 and March 2023, and a third of six months
// ending September 2023.
func TestYearEnd(t *testing.T) {
	c := &Contract{Commencement: kpi.MustParseMonth("2021-04"), Term: 30}
	for _, tt := range []struct {
		month string
		end   bool
	}{
		{"2021-04", false},
		{"2022-02", false},
		{"2022-03", true},
		{"2022-04", false},
		{"2023-03", true},
		{"2023-08", false},
		{"2023-09", true},
	} {
		t.Run(tt.month, func(t *testing.T) {
			require.Equal(t, tt.end, c.YearEnd(kpi.MustParseMonth(tt.month)))
		})
	}
}
