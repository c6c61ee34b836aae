package kpi_test

import (
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

func TestResultFormat(t *testing.T) {
	pct := kpi.Definition{ID: "AVAIL", Name: "Availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99.5", "99"))}
	count := kpi.Definition{ID: "P1", Name: "P1 incidents", Unit: kpi.Count, Direction: kpi.LowerIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("3", "5"))}
	m := kpi.MustParseMonth("2021-06")
	tests := []struct {
		name, why string
		def       kpi.Definition
		in        kpi.Measurement
		want      string
	}{
		{name: "percent-pads", why: "99.5 at two places prints 99.50, with a per cent sign", def: pct,
			in: kpi.Measurement{KPI: "AVAIL", Month: m, Value: decimal.RequireFromString("99.5")}, want: "99.50%"},
		{name: "percent-rounds", why: "the value printed is the one compared: 99.949 half-up at two places is 99.95", def: pct,
			in: kpi.Measurement{KPI: "AVAIL", Month: m, Value: decimal.RequireFromString("99.949")}, want: "99.95%"},
		{name: "count", why: "a count has no per cent sign", def: count,
			in: kpi.Measurement{KPI: "P1", Month: m, Value: decimal.RequireFromString("3")}, want: "3"},
		{name: "absent", why: "no value prints its absence, never 0", def: pct,
			in: kpi.Measurement{KPI: "AVAIL", Month: m, Absent: kpi.Unavailable}, want: "unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kpi.Classify(tt.def, tt.in).Format(); got != tt.want {
				t.Errorf("Format() = %q, want %q (%s)", got, tt.want, tt.why)
			}
		})
	}
}
