package report_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/portfolio"
	"github.com/servicecredit/engine/report"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// mixedPortfolio is a portfolio of two contracts of one customer whose
// money places differ (2 and 0), and a failed one.
func mixedPortfolio() *portfolio.Result {
	dec := decimal.RequireFromString
	m := kpi.MustParseMonth
	fig := func(charges, year, uncapped, cut string) portfolio.Figures {
		u, c := dec(uncapped), dec(cut)
		return portfolio.Figures{Charges: dec(charges), YearCharges: dec(year), Uncapped: u, Cut: c, Credit: u.Add(c)}
	}
	a := portfolio.Summary{Label: "desk", Status: portfolio.Evaluated, Name: "Service desk", Customer: "Council", Supplier: "Supplier",
		Commencement: m("2021-04"), Last: m("2024-03"), Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		From: m("2021-04"), To: m("2022-05")}
	a.Requested.From, a.Requested.To, a.Clipped = m("2021-01"), m("2022-05"), true
	a.Years = []portfolio.Year{
		{Year: 1, From: m("2021-04"), To: m("2022-03"), Figures: fig("1200000.10", "1200000.10", "3500.55", "-500.05")},
		{Year: 2, From: m("2022-04"), To: m("2022-05"), Figures: fig("200000.02", "1200000.12", "100.01", "0.00")},
	}
	a.Total = fig("1400000.12", "2400000.22", "3600.56", "-500.05")
	b := portfolio.Summary{Label: "hosting", Status: portfolio.Evaluated, Name: "Hosting", Customer: "Council", Supplier: "Other",
		Commencement: m("2020-01"), Last: m("2029-12"), Money: credits.Money{Places: 0, Rounding: kpi.HalfUp},
		From: m("2021-01"), To: m("2022-05")}
	b.Requested.From, b.Requested.To = m("2021-01"), m("2022-05")
	b.Years = []portfolio.Year{{Year: 2, From: m("2021-01"), To: m("2021-12"), Figures: fig("960000", "960000", "1201", "0")},
		{Year: 3, From: m("2022-01"), To: m("2022-05"), Figures: fig("400000", "960000", "7", "0")}}
	b.Total = fig("1360000", "1920000", "1208", "0")
	c := portfolio.Summary{Label: "broken", Status: portfolio.Failed, Problems: []error{errors.New("c.yaml:1:1: name: missing")}}
	tot := func(name string, n int, places int32, f portfolio.Figures) portfolio.Total {
		return portfolio.Total{Name: name, Contracts: n, Places: places, Figures: f}
	}
	return &portfolio.Result{From: m("2021-01"), To: m("2022-05"), Contracts: []portfolio.Summary{a, b, c},
		Customers: []portfolio.Total{tot("Council", 2, 2, fig("2760000.12", "4320000.22", "4808.56", "-500.05"))},
		Suppliers: []portfolio.Total{tot("Other", 1, 0, b.Total), tot("Supplier", 1, 2, a.Total)},
		Total:     tot("", 2, 2, fig("2760000.12", "4320000.22", "4808.56", "-500.05"))}
}

// TestPortfolioMixedPlaces checks that each contract's amounts keep its
// own money places and a total over mixed places has the most of them.
func TestPortfolioMixedPlaces(t *testing.T) {
	r := mixedPortfolio()
	for _, tc := range []struct {
		format string
		write  func(*bytes.Buffer) error
	}{
		{"text", func(b *bytes.Buffer) error { return report.PortfolioText(b, "p.yaml", r) }},
		{"csv", func(b *bytes.Buffer) error { return report.PortfolioCSV(b, r) }},
		{"json", func(b *bytes.Buffer) error { return report.PortfolioJSON(b, "p.yaml", r) }},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tc.write(&b))
			contracttest.Golden(t, filepath.Join("testdata", "portfolio-mixed."+tc.format+".golden"), b.Bytes())
		})
	}
}
