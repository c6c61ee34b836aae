// Command lincolnshire reconstructs the IMT service KPIs of Lincolnshire
// County Council's Corporate Support Services Contract with Serco, as
// reported to the council's Overview and Scrutiny Management Board in
// December 2021, and evaluates June to October 2021 (service months 75 to
// 79). It prints the report's Table 1 exactly, then the RAG table, the
// mitigations and the service-credit ledger for the period.
//
// What comes from the report: service commencement 1 April 2015; the
// period and its month numbers; thirteen KPIs in force in June and
// fourteen from July; KPI09 measured for the last time in June 2021 and
// replaced from July by KPI18 (P3 and P4 incident resolution) and KPI19
// (service request fulfilment), each with a three-month glide path of
// increasingly demanding levels and met from month one; KPI14 (devices
// patched within 21 days) with TSL 95% and MSL 90%, Amber in June and July,
// Green in August; the new PI (open tickets older than 30 days) with TSL
// <= 10% and MSL <= 15%, always within TSL; the mitigations of Table 2
// (KPI09 in June, KPI14 in June and July), which relieve Serco of service
// credits; and Table 1's counts.
//
// What is illustrative, chosen to be consistent with the report, which
// does not publish them: the ids and names of the KPIs other than 09, 12,
// 14, 18 and 19 (the report's numbering skips KPI13, which this
// reconstruction treats as outside the IMT set); every monthly value; every
// threshold other than KPI14's and the PI's; the glide-path levels; the
// term (96 months); the monthly charge; the points and the credit regime;
// and the September and October mitigations of KPI14, which Table 1 counts
// and the report's narrative explains (KPI14 fell again, and October's
// patching was halted by a faulty Microsoft patch) but Table 2 does not
// list.
package main

import (
	"io"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/servicecredit/engine/report"
	"github.com/shopspring/decimal"
)

// run evaluates the example and writes the report to w.
func run(w io.Writer) error {
	c := Contract()
	reg, err := mitigation.NewRegister(Mitigations(), c.MitigationScope())
	if err != nil {
		return err
	}
	res, err := c.Evaluate(contract.Input{
		From:         kpi.MustParseMonth("2021-06"),
		To:           kpi.MustParseMonth("2021-10"),
		Measurements: Measurements(),
		Mitigations:  reg,
	})
	if err != nil {
		return err
	}
	return report.Text(w, c, res)
}

const org = "LCC"

var (
	jun21 = kpi.MustParseMonth("2021-06")
	jul21 = kpi.MustParseMonth("2021-07")
	aug21 = kpi.MustParseMonth("2021-08")
	sep21 = kpi.MustParseMonth("2021-09")
	oct21 = kpi.MustParseMonth("2021-10")
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func pct(places int32) kpi.Precision { return kpi.Precision{Places: places, Rounding: kpi.HalfUp} }

// indicator returns a percentage KPI with constant thresholds.
func indicator(id, name string, dir kpi.Direction, tsl, msl string) contract.KPI {
	return contract.KPI{Definition: kpi.Definition{
		ID: id, Name: name, Unit: kpi.Percent, Direction: dir, Kind: kpi.KPI,
		Precision: pct(1), Schedule: kpi.Constant(kpi.MustLevels(tsl, msl)),
	}}
}

// glide returns the three-month glide path from July 2021 for a KPI
// replacing KPI09, ending at base levels from October.
func glide(id, name string) contract.KPI {
	k := indicator(id, name, kpi.HigherIsBetter, "90", "85")
	k.From = jul21
	k.Note = "replaces IMT_KPI_09 from Jul-21"
	k.Schedule.Glide = []kpi.Step{
		{Month: jul21, Thresholds: kpi.MustLevels("80", "75")},
		{Month: aug21, Thresholds: kpi.MustLevels("85", "80")},
		{Month: sep21, Thresholds: kpi.MustLevels("88", "83")},
	}
	return k
}

// Contract returns the reconstructed contract.
func Contract() *contract.Contract {
	hi, lo := kpi.HigherIsBetter, kpi.LowerIsBetter
	kpis := []contract.KPI{
		indicator("IMT_KPI_01", "Availability of the core network", hi, "99.5", "99.0"),
		indicator("IMT_KPI_02", "Availability of critical business applications", hi, "99.5", "99.0"),
		indicator("IMT_KPI_03", "Availability of data centre hosting", hi, "99.8", "99.5"),
		indicator("IMT_KPI_04", "Priority 1 incidents resolved within 4 hours", hi, "95", "90"),
		indicator("IMT_KPI_05", "Priority 2 incidents resolved within 8 hours", hi, "95", "90"),
		indicator("IMT_KPI_06", "Service desk calls answered within 30 seconds", hi, "85", "80"),
		indicator("IMT_KPI_07", "Service desk calls abandoned", lo, "5", "8"),
		indicator("IMT_KPI_08", "Contacts resolved at first contact", hi, "70", "65"),
		indicator("IMT_KPI_09", "% Achievement of Service Request Fulfilment within Service Request Fulfilment Time", hi, "90", "85"),
		{Definition: kpi.Definition{
			ID: "IMT_KPI_10", Name: "Priority 1 incidents in the month", Unit: kpi.Count, Direction: lo, Kind: kpi.KPI,
			Precision: pct(0), Schedule: kpi.Constant(kpi.MustLevels("3", "5")),
		}},
		indicator("IMT_KPI_11", "Scheduled backups completed successfully", hi, "99", "98"),
		indicator("IMT_KPI_12", "Users surveyed in the month who score the IT service as good or above", hi, "85", "80"),
		indicator("IMT_KPI_14", "% of Windows end user devices patched within 21 days of release of critical operating system updates", hi, "95", "90"),
		glide("IMT_KPI_18", "Priority 3 and 4 incidents resolved within target time"),
		glide("IMT_KPI_19", "Service requests fulfilled within target time"),
		{Definition: kpi.Definition{
			ID: "IMT_PI_01", Name: "Open incidents and service requests open for more than 30 days", Unit: kpi.Percent,
			Direction: lo, Kind: kpi.PI, Precision: pct(1), Schedule: kpi.Constant(kpi.MustLevels("10", "15")),
		}, From: jul21, Note: "new PI agreed with the replacement of IMT_KPI_09"},
	}
	kpis[8].To = jun21
	kpis[8].Note = "measured for the last time in Jun-21; replaced by IMT_KPI_18 and IMT_KPI_19"

	commencement := kpi.MustParseMonth("2015-04")
	var weights []credits.Weight
	for _, k := range kpis {
		if k.Kind != kpi.KPI {
			continue
		}
		w := credits.Weight{KPI: k.ID, From: commencement, Points: dec("8")}
		switch k.ID {
		case "IMT_KPI_14":
			w.Points = dec("4")
		case "IMT_KPI_18", "IMT_KPI_19":
			w = credits.Weight{KPI: k.ID, From: jul21, Points: dec("4"), Note: "IMT_KPI_09's 8 points split"}
		}
		weights = append(weights, w)
	}
	monthCap, yearCap := dec("12"), dec("10")
	return &contract.Contract{
		Name:         "Lincolnshire County Council Corporate Support Services Contract: IMT service KPIs",
		Customer:     "Lincolnshire County Council",
		Supplier:     "Serco",
		Commencement: commencement,
		Term:         96,
		Orgs:         []string{org},
		Charges:      []contract.Charge{{Org: org, From: commencement, Amount: dec("850000.00")}},
		KPIs:         kpis,
		Absences:     contract.Absences{Missing: kpi.Red, Unavailable: kpi.Red},
		Credits: credits.Rules{
			Regime: credits.Points{Weights: weights, Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.12")},
			Caps:   credits.Caps{Month: &monthCap, Year: &yearCap},
			Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
		},
	}
}

// values holds each KPI's value for June to October 2021; "" where the
// KPI is not in force.
var values = []struct {
	id     string
	months [5]string
}{
	{"IMT_KPI_01", [5]string{"99.96", "99.91", "99.98", "99.496", "99.90"}},
	{"IMT_KPI_02", [5]string{"99.82", "99.87", "99.93", "99.79", "99.71"}},
	{"IMT_KPI_03", [5]string{"100", "99.99", "100", "99.97", "100"}},
	{"IMT_KPI_04", [5]string{"100", "96.3", "100", "95.0", "97.1"}},
	{"IMT_KPI_05", [5]string{"96.8", "97.4", "96.1", "95.9", "95.2"}},
	{"IMT_KPI_06", [5]string{"88.4", "87.1", "89.0", "86.2", "85.3"}},
	{"IMT_KPI_07", [5]string{"3.1", "3.4", "2.9", "4.2", "4.96"}},
	{"IMT_KPI_08", [5]string{"74.2", "73.8", "75.1", "72.6", "71.0"}},
	{"IMT_KPI_09", [5]string{"86.4", "", "", "", ""}},
	{"IMT_KPI_10", [5]string{"1", "0", "2", "3", "2"}},
	{"IMT_KPI_11", [5]string{"99.6", "99.7", "99.5", "99.4", "99.6"}},
	{"IMT_KPI_12", [5]string{"91.3", "90.8", "92.0", "88.5", "86.9"}},
	{"IMT_KPI_14", [5]string{"93.1", "92.4", "96.2", "94.0", "87.5"}},
	{"IMT_KPI_18", [5]string{"", "91.2", "92.5", "93.0", "92.8"}},
	{"IMT_KPI_19", [5]string{"", "90.6", "91.8", "92.4", "93.1"}},
	{"IMT_PI_01", [5]string{"", "4.2", "5.1", "6.3", "7.9"}},
}

// Measurements returns the illustrative monthly values.
func Measurements() []kpi.Measurement {
	months := [5]kpi.Month{jun21, jul21, aug21, sep21, oct21}
	var out []kpi.Measurement
	for _, v := range values {
		for i, s := range v.months {
			if s != "" {
				out = append(out, kpi.Measurement{KPI: v.id, Org: org, Month: months[i], Value: dec(s)})
			}
		}
	}
	return out
}

// Mitigations returns the agreed mitigations: Table 2's two records and
// the illustrative September-October record for KPI14.
func Mitigations() []mitigation.Record {
	return []mitigation.Record{
		{
			Ref: "T2-1", KPI: "IMT_KPI_09", From: jun21, Effect: mitigation.Relief,
			Reason: "Covid-19 business continuity prioritised incidents over service requests; " +
				"closing old requests before the replacement KPIs measured the backlog in one month",
			Impact:      "service delivered, fault fixing prioritised over service requests",
			PathToGreen: "KPI replaced from Jul-21 by IMT_KPI_18 and IMT_KPI_19",
			AgreedOn:    kpi.MustParseDate("2021-07-20"), AgreedBy: "LCC ICT contract management (illustrative)",
		},
		{
			Ref: "T2-2", KPI: "IMT_KPI_14", From: jun21, To: jul21, Effect: mitigation.Relief,
			Reason:      "Modern Device Management rollout changes how Microsoft patches are installed",
			Impact:      "devices not yet on MDM continue to be patched",
			PathToGreen: "above MSL in Jun-21 and Jul-21, green again in Aug-21; retirement by change note",
			AgreedOn:    kpi.MustParseDate("2021-08-17"), AgreedBy: "LCC ICT contract management (illustrative)",
		},
		{
			Ref: "ILL-3", KPI: "IMT_KPI_14", From: sep21, To: oct21, Effect: mitigation.Relief,
			Reason:      "patching halted on 19 Oct 2021 after a Microsoft patch crashed explorer.exe (illustrative record)",
			Impact:      "devices patched without the faulty update",
			PathToGreen: "Microsoft fix in the November update",
			AgreedOn:    kpi.MustParseDate("2021-11-16"), AgreedBy: "LCC ICT contract management (illustrative)",
		},
	}
}

func main() { cli.Main("lincolnshire", run) }
