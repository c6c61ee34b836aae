package measure_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/record"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func rapidAvailability(tt *testing.T) {
	lbhCal, c24Cal := lbh(tt), c24(tt)
	rapid.Check(tt, func(t *rapid.T) {
		cal := rapid.SampledFrom([]string{"LBH", "C24"}).Draw(t, "calendar")
		r := measure.AvailabilityRule{
			KPI: "AV", Services: []measure.Service{{Name: "S", Calendar: cal, Users: 100}},
			Planned:   rapid.SampledFrom([]measure.Planned{measure.PlannedExcluded, measure.PlannedDown, measure.PlannedIgnored}).Draw(t, "planned"),
			Minutes:   rapid.SampledFrom([]measure.Minutes{measure.RealMinutes, measure.DaysTimes1440}).Draw(t, "minutes"),
			Weighting: rapid.SampledFrom([]measure.Weighting{measure.Unweighted, measure.UserMinutes}).Draw(t, "weighting"),
			Combine:   measure.NoCombined,
			Precision: kpiPrecision(6),
		}
		month := time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)
		draw := func(i int, planned bool) record.Outage {
			a := month.Add(time.Duration(rapid.Int64Range(-86400, 32*86400).Draw(t, "start")) * time.Second)
			b := a.Add(time.Duration(rapid.Int64Range(1, 3*86400).Draw(t, "length")) * time.Second)
			return record.Outage{ID: fmt.Sprint(i), Service: "S", Start: a, End: b, Planned: planned, Users: rapid.IntRange(0, 100).Draw(t, "users"), HasUsers: true}
		}
		var os []record.Outage
		for i := range rapid.IntRange(0, 5).Draw(t, "n") {
			os = append(os, draw(i, rapid.Bool().Draw(t, "is-planned")))
		}
		value := func(os []record.Outage) decimal.Decimal {
			fs, err := measure.Availability(r, kpi.MonthOf(2021, time.March), os, lbhCal, c24Cal)
			if err != nil {
				t.Fatal(err)
			}
			return fs[0].Measurement.Value
		}
		before := value(os)
		after := value(append(os, draw(99, false)))
		if after.Cmp(before) > 0 {
			t.Fatalf("an unplanned outage raised availability from %s to %s", before, after)
		}
	})
}

func kpiPrecision(places int32) kpi.Precision {
	return kpi.Precision{Places: places, Rounding: kpi.HalfUp}
}
