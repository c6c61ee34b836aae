package credits_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// reporter is what the ledger checks need of *testing.T and *rapid.T.
type reporter interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkSums checks that a ledger adds up: credit lines to each month's
// Uncapped (with any withholding line), cap lines to its Cut, earn-back
// lines to its EarnedBack, all lines to its Total; months to their
// year's totals; years to the ledger's Total; that no line, month or
// year is negative except cap and earn-back lines (and a total by its
// earn-backs); and that no earn-back line returns more than was paid.
func checkSums(t reporter, led *credits.Ledger) {
	t.Helper()
	type sums struct{ uncapped, cut, earned decimal.Decimal }
	byMonth := map[kpi.Month]*sums{}
	var all decimal.Decimal
	for _, l := range led.Lines {
		s := byMonth[l.Month]
		if s == nil {
			s = &sums{}
			byMonth[l.Month] = s
		}
		switch l.Kind {
		case credits.CreditLine:
			if l.Amount.Sign() < 0 {
				t.Fatalf("%s %s: credit line %s is negative", l.Month, l.KPI, l.Amount.StringFixed(2))
			}
			s.uncapped = s.uncapped.Add(l.Amount)
		case credits.WithholdLine:
			if l.Amount.Sign() < 0 {
				t.Fatalf("%s: withholding line %s is negative", l.Month, l.Amount.StringFixed(2))
			}
			s.uncapped = s.uncapped.Add(l.Amount)
		case credits.CapLine:
			if l.Amount.Sign() >= 0 {
				t.Fatalf("%s: cap line %s is not negative", l.Month, l.Amount.StringFixed(2))
			}
			s.cut = s.cut.Add(l.Amount)
		case credits.EarnBackLine:
			if l.Amount.Sign() >= 0 || l.Earned() == nil || l.Amount.Neg().GreaterThan(l.Earned().Paid) {
				t.Fatalf("%s %s: earn-back line %s is not negative or returns more than was paid", l.Month, l.KPI, l.Amount.StringFixed(2))
			}
			s.earned = s.earned.Add(l.Amount)
		default:
			t.Fatalf("%s: line of kind %d", l.Month, l.Kind)
		}
		all = all.Add(l.Amount)
	}
	if len(byMonth) > len(led.Months) {
		t.Fatalf("lines for %d months, %d month totals", len(byMonth), len(led.Months))
	}
	byYear := map[int]*credits.MonthTotal{}
	for _, m := range led.Months {
		s := byMonth[m.Month]
		if s == nil {
			s = &sums{}
		}
		if !s.uncapped.Equal(m.Uncapped) || !s.cut.Equal(m.Cut) || !s.earned.Equal(m.EarnedBack) || !m.Uncapped.Add(m.Cut).Add(m.EarnedBack).Equal(m.Total) {
			t.Fatalf("%s: lines %s %s, month uncapped %s cut %s total %s", m.Month,
				s.uncapped.StringFixed(2), s.cut.StringFixed(2), m.Uncapped.StringFixed(2), m.Cut.StringFixed(2), m.Total.StringFixed(2))
		}
		if m.Total.Sub(m.EarnedBack).Sign() < 0 || m.Cut.Sign() > 0 || m.EarnedBack.Sign() > 0 {
			t.Fatalf("%s: total %s, cut %s", m.Month, m.Total.StringFixed(2), m.Cut.StringFixed(2))
		}
		y := byYear[m.Year]
		if y == nil {
			y = &credits.MonthTotal{}
			byYear[m.Year] = y
		}
		y.Uncapped, y.Cut, y.Total, y.EarnedBack = y.Uncapped.Add(m.Uncapped), y.Cut.Add(m.Cut), y.Total.Add(m.Total), y.EarnedBack.Add(m.EarnedBack)
	}
	if len(byYear) != len(led.Years) {
		t.Fatalf("months in %d years, %d year totals", len(byYear), len(led.Years))
	}
	var total decimal.Decimal
	for _, y := range led.Years {
		s := byYear[y.Year]
		if s == nil || !s.Uncapped.Equal(y.Uncapped) || !s.Cut.Equal(y.Cut) || !s.Total.Equal(y.Total) || !s.EarnedBack.Equal(y.EarnedBack) {
			t.Fatalf("year %d: months do not add up to the year's totals", y.Year)
		}
		if y.Total.Sub(y.EarnedBack).Sign() < 0 {
			t.Fatalf("year %d: total %s is negative", y.Year, y.Total.StringFixed(2))
		}
		var drivers decimal.Decimal
		for _, d := range y.Drivers {
			drivers = drivers.Add(d.Amount)
		}
		if !drivers.Equal(y.Uncapped) {
			t.Fatalf("year %d: drivers add up to %s, uncapped %s", y.Year, drivers.StringFixed(2), y.Uncapped.StringFixed(2))
		}
		total = total.Add(y.Total)
	}
	if !total.Equal(led.Total) || !all.Equal(led.Total) {
		t.Fatalf("ledger total %s, years %s, lines %s", led.Total.StringFixed(2), total.StringFixed(2), all.StringFixed(2))
	}
}

type capLine struct {
	Month  kpi.Month
	Amount decimal.Decimal
	Rule   string
}

type monthSum struct {
	Month                kpi.Month
	Uncapped, Cut, Total decimal.Decimal
}

type yearSum struct {
	Year                      int
	From, To                  kpi.Month
	HasCap                    bool
	Cap, Uncapped, Cut, Total decimal.Decimal
}

func TestCaps(t *testing.T) {
	G, A, R := kpi.Green, kpi.Amber, kpi.Red
	ms := func(m, uncapped, cut, total string) monthSum {
		return monthSum{month(m), dec(uncapped), dec(cut), dec(total)}
	}
	tests := []struct {
		name    string
		why     string
		caps    credits.Caps
		periods []credits.Period
		cuts    []capLine
		months  []monthSum
		years   []yearSum
	}{
		{
			name:    "no caps",
			why:     "without caps every credit is paid",
			periods: []credits.Period{period("2021-06", 1, R, R)},
			months:  []monthSum{ms("2021-06", "1500", "0", "1500")},
			years:   []yearSum{{1, month("2021-06"), month("2021-06"), false, dec("0"), dec("1500"), dec("0"), dec("1500")}},
		},
		{
			name:    "monthly cap bites",
			why:     "a month's credits above the cap are cut to it by a cap line",
			caps:    credits.Caps{Month: pct("1")},
			periods: []credits.Period{period("2021-06", 1, R, R), period("2021-07", 1, A, G)},
			cuts: []capLine{{month("2021-06"), dec("-500"),
				"monthly cap 1% of charges 100000.00 = 1000.00; credits 1500.00 cut by 500.00"}},
			months: []monthSum{ms("2021-06", "1500", "-500", "1000"), ms("2021-07", "500", "0", "500")},
			years:  []yearSum{{1, month("2021-06"), month("2021-07"), false, dec("0"), dec("2000"), dec("-500"), dec("1500")}},
		},
		{
			name:    "monthly cap met exactly",
			why:     "credits equal to the cap are not cut",
			caps:    credits.Caps{Month: pct("1.5")},
			periods: []credits.Period{period("2021-06", 1, R, R)},
			months:  []monthSum{ms("2021-06", "1500", "0", "1500")},
			years:   []yearSum{{1, month("2021-06"), month("2021-06"), false, dec("0"), dec("1500"), dec("0"), dec("1500")}},
		},
		{
			name:    "monthly cap of zero",
			why:     "a cap of 0% cuts every credit",
			caps:    credits.Caps{Month: pct("0")},
			periods: []credits.Period{period("2021-06", 1, R, A)},
			cuts: []capLine{{month("2021-06"), dec("-1250"),
				"monthly cap 0% of charges 100000.00 = 0.00; credits 1250.00 cut by 1250.00"}},
			months: []monthSum{ms("2021-06", "1250", "-1250", "0")},
			years:  []yearSum{{1, month("2021-06"), month("2021-06"), false, dec("0"), dec("1250"), dec("-1250"), dec("0")}},
		},
		{
			name: "annual cap across months",
			why:  "the annual cap's headroom shrinks month by month, then later months are cut to zero",
			caps: credits.Caps{Year: pct("0.2")},
			periods: []credits.Period{
				period("2021-06", 1, R, R), period("2021-07", 1, R, R),
				period("2021-08", 1, R, A), period("2021-09", 1, G, G),
			},
			cuts: []capLine{
				{month("2021-07"), dec("-600"), "annual cap 0.2% of year 1 charges 1200000.00 = 2400.00; 900.00 left this month; credits 1500.00 cut by 600.00"},
				{month("2021-08"), dec("-1250"), "annual cap 0.2% of year 1 charges 1200000.00 = 2400.00; 0.00 left this month; credits 1250.00 cut by 1250.00"},
			},
			months: []monthSum{
				ms("2021-06", "1500", "0", "1500"), ms("2021-07", "1500", "-600", "900"),
				ms("2021-08", "1250", "-1250", "0"), ms("2021-09", "0", "0", "0"),
			},
			years: []yearSum{{1, month("2021-06"), month("2021-09"), true, dec("2400"), dec("4250"), dec("-1850"), dec("2400")}},
		},
		{
			name:    "both caps in one month",
			why:     "the monthly cap applies first, then what is left of the annual cap, each as its own line",
			caps:    credits.Caps{Month: pct("1"), Year: pct("0.125")},
			periods: []credits.Period{period("2021-06", 1, R, R), period("2021-07", 1, R, R)},
			cuts: []capLine{
				{month("2021-06"), dec("-500"), "monthly cap 1% of charges 100000.00 = 1000.00; credits 1500.00 cut by 500.00"},
				{month("2021-07"), dec("-500"), "monthly cap 1% of charges 100000.00 = 1000.00; credits 1500.00 cut by 500.00"},
				{month("2021-07"), dec("-500"), "annual cap 0.125% of year 1 charges 1200000.00 = 1500.00; 500.00 left this month; credits 1000.00 cut by 500.00"},
			},
			months: []monthSum{ms("2021-06", "1500", "-500", "1000"), ms("2021-07", "1500", "-1000", "500")},
			years:  []yearSum{{1, month("2021-06"), month("2021-07"), true, dec("1500"), dec("3000"), dec("-1500"), dec("1500")}},
		},
		{
			name:    "annual cap resets each year",
			why:     "each contract year has its own cap",
			caps:    credits.Caps{Year: pct("0.1")},
			periods: []credits.Period{period("2022-03", 1, R, R), period("2022-04", 2, R, R)},
			cuts: []capLine{
				{month("2022-03"), dec("-300"), "annual cap 0.1% of year 1 charges 1200000.00 = 1200.00; 1200.00 left this month; credits 1500.00 cut by 300.00"},
				{month("2022-04"), dec("-300"), "annual cap 0.1% of year 2 charges 1200000.00 = 1200.00; 1200.00 left this month; credits 1500.00 cut by 300.00"},
			},
			months: []monthSum{ms("2022-03", "1500", "-300", "1200"), ms("2022-04", "1500", "-300", "1200")},
			years: []yearSum{
				{1, month("2022-03"), month("2022-03"), true, dec("1200"), dec("1500"), dec("-300"), dec("1200")},
				{2, month("2022-04"), month("2022-04"), true, dec("1200"), dec("1500"), dec("-300"), dec("1200")},
			},
		},
		{
			name: "annual cap rounded as money",
			why:  "the cap in money is rounded as the Money says",
			caps: credits.Caps{Year: pct("1")},
			periods: func() []credits.Period {
				p := period("2021-06", 1, G, G)
				p.YearCharges = dec("1234567.89")
				return []credits.Period{p}
			}(),
			months: []monthSum{ms("2021-06", "0", "0", "0")},
			years:  []yearSum{{1, month("2021-06"), month("2021-06"), true, dec("12345.68"), dec("0"), dec("0"), dec("0")}},
		},
	}
	names := caseNames{}
	for _, tt := range tests {
		names.add(t, tt.name)
		t.Run(tt.name, func(t *testing.T) {
			r := rules()
			r.Caps = tt.caps
			require.NoError(t, r.Validate(windows()))
			led, err := credits.Calculate(r, tt.periods)
			require.NoError(t, err)
			checkSums(t, led)
			var cuts []capLine
			for _, l := range led.Lines {
				if l.Kind == credits.CapLine {
					cuts = append(cuts, capLine{l.Month, l.Amount, l.Rule})
				}
			}
			if diff := cmp.Diff(tt.cuts, cuts, cmpMonth, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: cap lines (-want +got):\n%s", tt.why, diff)
			}
			var months []monthSum
			for _, m := range led.Months {
				months = append(months, monthSum{m.Month, m.Uncapped, m.Cut, m.Total})
			}
			if diff := cmp.Diff(tt.months, months, cmpMonth); diff != "" {
				t.Errorf("%s: months (-want +got):\n%s", tt.why, diff)
			}
			var years []yearSum
			for _, y := range led.Years {
				years = append(years, yearSum{y.Year, y.From, y.To, y.HasCap, y.Cap, y.Uncapped, y.Cut, y.Total})
			}
			if diff := cmp.Diff(tt.years, years, cmpMonth); diff != "" {
				t.Errorf("%s: years (-want +got):\n%s", tt.why, diff)
			}
		})
	}
}

// Cap lines follow the month's credit lines and carry the month and year
// but no KPI.
func TestCapLineFields(t *testing.T) {
	r := rules()
	r.Caps.Month = pct("1")
	led, err := credits.Calculate(r, []credits.Period{period("2021-06", 3, kpi.Red, kpi.Red)})
	require.NoError(t, err)
	require.Len(t, led.Lines, 3)
	want := credits.Line{Kind: credits.CapLine, Month: month("2021-06"), Year: 3, Amount: dec("-500"), Cap: credits.MonthCap,
		Rule: "monthly cap 1% of charges 100000.00 = 1000.00; credits 1500.00 cut by 500.00"}
	if diff := cmp.Diff(want, led.Lines[2], cmpMonth); diff != "" {
		t.Errorf("cap line (-want +got):\n%s", diff)
	}
}

func TestDrivers(t *testing.T) {
	o := func(id, org string, s kpi.Status) credits.Outcome {
		out := kpiOutcome(id, s)
		out.Org = org
		return out
	}
	p := func(m string, year int, outcomes ...credits.Outcome) credits.Period {
		return credits.Period{Month: month(m), Year: year, Charges: dec("200000"), YearCharges: dec("2400000"), Outcomes: outcomes}
	}
	G, A, R := kpi.Green, kpi.Amber, kpi.Red
	r := rules()
	r.Caps.Month = pct("0.5") // 1000.00 a month: drivers are uncapped
	led, err := credits.Calculate(r, []credits.Period{
		p("2021-06", 1, o("B", "NCC", G), o("B", "LCC", R), o("A", "NCC", R), o("A", "LCC", A)),
		p("2021-07", 1, o("B", "NCC", A), o("B", "LCC", R), o("A", "NCC", G), o("A", "LCC", A)),
		p("2021-08", 1, o("B", "NCC", R), o("B", "LCC", G), o("A", "NCC", G), o("A", "LCC", G)),
		p("2021-09", 1, o("B", "NCC", R), o("B", "LCC", G), o("A", "NCC", G), o("A", "LCC", G)),
		p("2022-04", 2, o("B", "NCC", G), o("B", "LCC", G), o("A", "NCC", G), o("A", "LCC", R)),
	})
	require.NoError(t, err)
	checkSums(t, led)
	ms := func(s ...string) []kpi.Month {
		var out []kpi.Month
		for _, m := range s {
			out = append(out, month(m))
		}
		return out
	}
	want := [][]credits.Driver{
		{
			{KPI: "B", Org: "NCC", Amount: dec("1250"), Months: ms("2021-07", "2021-08", "2021-09")},
			{KPI: "A", Org: "LCC", Amount: dec("1000"), Months: ms("2021-06", "2021-07")},
			{KPI: "A", Org: "NCC", Amount: dec("1000"), Months: ms("2021-06")},
			{KPI: "B", Org: "LCC", Amount: dec("1000"), Months: ms("2021-06", "2021-07")},
		},
		{
			{KPI: "A", Org: "LCC", Amount: dec("1000"), Months: ms("2022-04")},
		},
	}
	require.Len(t, led.Years, 2)
	for i, y := range led.Years {
		if diff := cmp.Diff(want[i], y.Drivers, cmpMonth); diff != "" {
			t.Errorf("year %d drivers, by amount then kpi then organisation (-want +got):\n%s", y.Year, diff)
		}
	}
}

func TestCalculateEmpty(t *testing.T) {
	led, err := credits.Calculate(rules(), nil)
	require.NoError(t, err)
	want := &credits.Ledger{}
	if diff := cmp.Diff(want, led, cmpMonth); diff != "" {
		t.Errorf("ledger (-want +got):\n%s", diff)
	}
}

// brokenRegime returns what it is told to, whatever the period.
type brokenRegime struct {
	lines []credits.Line
	err   error
}

func (b brokenRegime) Check() error                    { return nil }
func (b brokenRegime) Validate([]credits.Window) error { return nil }
func (b brokenRegime) Begin(credits.Money) credits.Run { return b }
func (b brokenRegime) Assess(_ credits.Period, lines []credits.Line) ([]credits.Line, error) {
	return append(lines, b.lines...), b.err
}

func TestCalculateErrors(t *testing.T) {
	G, R := kpi.Green, kpi.Red
	with := func(p credits.Period, f func(*credits.Period)) credits.Period {
		f(&p)
		return p
	}
	money := credits.Money{Places: 2, Rounding: kpi.HalfUp}
	tests := []struct {
		name     string
		why      string
		rules    credits.Rules
		periods  []credits.Period
		sentinel error  // nil when the error wraps no sentinel
		untyped  bool   // the error is not a *credits.Error (a regime's own)
		want     string // each problem's path and message, one a line
	}{
		{
			name:     "nil regime",
			why:      "rules without a regime cannot price anything",
			rules:    credits.Rules{Money: money},
			sentinel: credits.ErrInvalidRules,
			want:     "Regime: regime not set: invalid credit rules",
		},
		{
			name:     "bad money",
			why:      "money that cannot round would panic",
			rules:    credits.Rules{Regime: regime(), Money: credits.Money{Places: 7}},
			sentinel: credits.ErrInvalidRules,
			want: "Money.Places: money: places 7 outside 0..6: invalid credit rules\n" +
				"Money.Rounding: money: rounding not set (no default: set Money to the contract's, such as Money{Places: 2, Rounding: kpi.HalfUp} for pence rounded half-up; modes: half-up, half-even, up, down, ceiling, floor): invalid credit rules",
		},
		{
			name:     "cap outside 0..100",
			why:      "caps are checked as Validate checks them",
			rules:    credits.Rules{Regime: regime(), Money: money, Caps: credits.Caps{Month: pct("101")}},
			sentinel: credits.ErrInvalidRules,
			want:     "Caps.Month: monthly cap 101% outside 0..100: invalid credit rules",
		},
		{
			name:     "negative red fraction",
			why:      "the regime's own checks run without the contract's KPIs: a negative fraction would pay the supplier",
			rules:    credits.Rules{Regime: func() credits.Points { p := regime(); p.Amber, p.Red = dec("-1"), dec("-1"); return p }(), Money: money},
			periods:  []credits.Period{period("2021-06", 1, kpi.Red, G)},
			sentinel: credits.ErrInvalidRules,
			want: "Regime.Amber: points regime: amber fraction -1 outside 0..1: invalid credit rules\n" +
				"Regime.Red: points regime: red fraction -1 outside 0..1: invalid credit rules",
		},
		{
			name: "negative score",
			why:  "a negative score must never give a negative deduction",
			rules: credits.Rules{Money: money, Regime: scheme.Scheme{
				Scores: []scheme.Score{{KPIs: []string{"A", "B"}, Status: &scheme.StatusScore{Amber: dec("-2"), Red: dec("-1")}}},
				Price:  scheme.Price{Basis: scheme.PerPoint, Value: dec("100.00")},
			}},
			periods:  []credits.Period{period("2021-06", 1, kpi.Red, G)},
			sentinel: credits.ErrInvalidRules,
			want: "Regime.Scores[0].Status.Amber: scheme: score 1: status: amber score -2 is negative: invalid credit rules\n" +
				"Regime.Scores[0].Status.Red: scheme: score 1: status: red score -1 is negative: invalid credit rules",
		},
		{
			name: "falling ratchet",
			why:  "the order of a regime's bands is checked without the contract's KPIs",
			rules: credits.Rules{Money: money, Regime: scheme.Scheme{
				Scores: []scheme.Score{{KPIs: []string{"A", "B"}, Status: &scheme.StatusScore{Amber: dec("1"), Red: dec("2")}}},
				Price: scheme.Price{Basis: scheme.PerPoint, Value: dec("100.00"),
					Ratchet: []scheme.Ratchet{{Above: dec("10"), Multiplier: dec("2")}, {Above: dec("5"), Multiplier: dec("1.5")}}},
			}},
			periods:  []credits.Period{period("2021-06", 1, kpi.Red, G)},
			sentinel: credits.ErrInvalidRules,
			want: "Regime.Price.Ratchet[1]: scheme: price: ratchet 2: above 5 points not above 10: invalid credit rules\n" +
				"Regime.Price.Ratchet[1]: scheme: price: ratchet 2: multiplier 1.5 below 2: invalid credit rules",
		},
		{
			name:     "periods out of order",
			why:      "months must increase",
			rules:    rules(),
			periods:  []credits.Period{period("2021-07", 1, G, G), period("2021-06", 1, G, G)},
			sentinel: credits.ErrInvalidPeriod,
			want:     "Month: month 2021-06: periods out of order after 2021-07: invalid credit period",
		},
		{
			name:     "month twice",
			why:      "a month may not be priced twice",
			rules:    rules(),
			periods:  []credits.Period{period("2021-06", 1, G, G), period("2021-06", 1, G, G)},
			sentinel: credits.ErrInvalidPeriod,
			want:     "Month: month 2021-06: periods out of order after 2021-06: invalid credit period",
		},
		{
			name:     "month not set",
			why:      "the zero Month is not a month",
			rules:    rules(),
			periods:  []credits.Period{with(period("2021-06", 1, G, G), func(p *credits.Period) { p.Month = kpi.Month{} })},
			sentinel: credits.ErrInvalidPeriod,
			want:     "Month: month <none>: month not set: invalid credit period",
		},
		{
			name:     "year goes backwards",
			why:      "a contract year that reappears would get a second annual cap",
			rules:    rules(),
			periods:  []credits.Period{period("2021-06", 2, G, G), period("2021-07", 1, G, G)},
			sentinel: credits.ErrInvalidPeriod,
			want:     "Year: month 2021-07: contract year 1 after year 2: invalid credit period",
		},
		{
			name:  "year charges change within a year",
			why:   "the annual cap is computed once per year, so every month must agree on the year's charges",
			rules: rules(),
			periods: []credits.Period{
				period("2021-06", 1, G, G),
				period("2021-07", 1, G, G),
				with(period("2021-08", 1, G, G), func(p *credits.Period) { p.YearCharges = dec("1300000") }),
			},
			sentinel: credits.ErrInvalidPeriod,
			want:     "YearCharges: month 2021-08: year 1 charges 1300000 differ from 1200000 in 2021-06: invalid credit period",
		},
		{
			name:  "negative charges",
			why:   "negative charges would make negative credits and caps",
			rules: rules(),
			periods: []credits.Period{with(period("2021-06", 1, G, G), func(p *credits.Period) {
				p.Charges, p.YearCharges = dec("-1"), dec("-12")
				p.Outcomes = []credits.Outcome{kpiOutcome("A", G), kpiOutcome("B", G)}
				p.Outcomes[1].Org, p.Outcomes[1].Charges = "NCC", dec("-0.5")
			})},
			sentinel: credits.ErrInvalidPeriod,
			want: "Charges: month 2021-06: charges -1 are negative: invalid credit period\n" +
				"Outcomes[1].Charges: month 2021-06: kpi B: org NCC: charges -0.5 are negative: invalid credit period\n" +
				"YearCharges: month 2021-06: year 1 charges -12 are negative: invalid credit period",
		},
		{
			name:  "status not set",
			why:   "a KPI-month without a status cannot be priced",
			rules: rules(),
			periods: []credits.Period{with(period("2021-06", 1, G, G), func(p *credits.Period) {
				p.Outcomes = []credits.Outcome{kpiOutcome("A", 0)}
			})},
			sentinel: credits.ErrInvalidPeriod,
			want:     "Outcomes[0].Status: month 2021-06: kpi A: status status(0) cannot be credited: invalid credit period",
		},
		{
			name:  "kind not set",
			why:   "an outcome must say whether it is a KPI or a PI",
			rules: rules(),
			periods: []credits.Period{with(period("2021-06", 1, G, G), func(p *credits.Period) {
				p.Outcomes = []credits.Outcome{kpiOutcome("A", R)}
				p.Outcomes[0].Kind, p.Outcomes[0].Org = 0, "LCC"
			})},
			sentinel: credits.ErrInvalidPeriod,
			want:     "Outcomes[0].Kind: month 2021-06: kpi A: org LCC: kind not set: invalid credit period",
		},
		{
			name:  "kind unknown",
			why:   "an outcome's kind must be one the kpi package knows",
			rules: rules(),
			periods: []credits.Period{with(period("2021-06", 1, G, G), func(p *credits.Period) {
				p.Outcomes = []credits.Outcome{kpiOutcome("A", R)}
				p.Outcomes[0].Kind = 99
			})},
			sentinel: credits.ErrInvalidPeriod,
			want:     "Outcomes[0].Kind: month 2021-06: kpi A: kind(99) unknown: invalid credit period",
		},
		{
			name:  "relief without ref",
			why:   "a relief must cite its mitigation",
			rules: rules(),
			periods: []credits.Period{with(period("2021-06", 1, G, G), func(p *credits.Period) {
				p.Outcomes = []credits.Outcome{kpiOutcome("A", R)}
				p.Outcomes[0].Relief = true
			})},
			sentinel: credits.ErrInvalidPeriod,
			want:     "Outcomes[0].Mitigation: month 2021-06: kpi A: relief without a mitigation ref: invalid credit period",
		},
		{
			name:     "no points in force",
			why:      "a failure before the KPI's first weight is a problem with the rules",
			rules:    rules(),
			periods:  []credits.Period{period("2021-03", 1, R, G)},
			sentinel: credits.ErrInvalidRules,
			want:     ": month 2021-03: kpi A: no points in force in 2021-03: invalid credit rules",
		},
		{
			name:    "regime gives too few lines",
			why:     "a regime must give one line per outcome",
			rules:   credits.Rules{Regime: brokenRegime{}, Money: money},
			periods: []credits.Period{period("2021-06", 1, G, G)},
			want:    "Regime: month 2021-06: regime gave 0 lines for 2 outcomes: invalid credit rules",
		},
		{
			name:  "regime gives a negative line",
			why:   "a credit is never negative",
			rules: credits.Rules{Regime: brokenRegime{lines: []credits.Line{{Kind: credits.CreditLine, KPI: "A", Amount: dec("-1")}}}, Money: money},
			periods: []credits.Period{with(period("2021-06", 1, G, G), func(p *credits.Period) {
				p.Outcomes = p.Outcomes[:1]
			})},
			want: "Regime: month 2021-06: kpi A: regime gave a line that is not a credit of zero or more: invalid credit rules",
		},
		{
			name:    "regime error",
			why:     "a regime's error is returned with the month",
			rules:   credits.Rules{Regime: brokenRegime{err: errors.New("boom")}, Money: money},
			periods: []credits.Period{period("2021-06", 1, G, G)},
			untyped: true,
			want:    "month 2021-06: boom",
		},
	}
	names := caseNames{}
	for _, tt := range tests {
		names.add(t, tt.name)
		t.Run(tt.name, func(t *testing.T) {
			led, err := credits.Calculate(tt.rules, tt.periods)
			require.Nil(t, led, "no ledger on any problem")
			require.Error(t, err, tt.why)
			if tt.sentinel != nil {
				require.ErrorIs(t, err, tt.sentinel, tt.why)
			}
			if tt.untyped {
				require.EqualError(t, err, tt.want, tt.why)
				return
			}
			require.Equal(t, tt.want, placed(t, err), tt.why)
		})
	}
}

// TestCalculateLeavesCrossChecks: Calculate runs every check of the rules
// that needs no list of the contract's KPIs, and leaves the cross-checks
// against them to Rules.Validate: a weight for a KPI the contract does not
// have is priced by no outcome, so Calculate cannot know it is wrong.
func TestCalculateLeavesCrossChecks(t *testing.T) {
	r := rules()
	p := regime()
	p.Weights = append(p.Weights, credits.Weight{KPI: "Z", From: month("2021-04"), Points: dec("1")})
	r.Regime = p
	_, err := credits.Calculate(r, []credits.Period{period("2021-06", 1, kpi.Red, kpi.Green)})
	require.NoError(t, err)
	require.NoError(t, r.Check())
	require.Equal(t, "Regime.Weights[2]: points regime: kpi Z: weight for an unknown kpi (not an indicator of the contract): invalid credit rules",
		placed(t, r.Validate(windows())))
	_, err = credits.Open(credits.Rules{Regime: credits.Points{}, Money: r.Money})
	require.Equal(t, "Regime.PointValue: points regime: point value 0% is not positive: invalid credit rules", placed(t, err),
		"Open checks the regime as Calculate does")
	var ce *credits.Error
	require.ErrorAs(t, err, &ce)
	require.Equal(t, credits.Error{Path: "Regime.PointValue", Msg: "points regime: point value 0% is not positive", Err: credits.ErrInvalidRules}, *ce)
}

func TestCalculateDoesNotModifyInput(t *testing.T) {
	build := func() (credits.Rules, []credits.Period) {
		r := rules()
		r.Caps = credits.Caps{Month: pct("1"), Year: pct("0.1")}
		ps := []credits.Period{period("2021-06", 1, kpi.Red, kpi.Amber), period("2021-07", 1, kpi.Red, kpi.Red)}
		ps[1].Outcomes[0].Mitigation, ps[1].Outcomes[0].Relief = "M1", true
		return r, ps
	}
	r, ps := build()
	_, err := credits.Calculate(r, ps)
	require.NoError(t, err)
	r2, ps2 := build()
	if diff := cmp.Diff(ps2, ps, cmpMonth); diff != "" {
		t.Errorf("periods changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(r2, r, cmpMonth); diff != "" {
		t.Errorf("rules changed (-before +after):\n%s", diff)
	}
}

// TestBookMatchesCalculate feeds a Book month by month and expects exactly
// the lines, month totals, years and total that Calculate gives.
func TestBookMatchesCalculate(t *testing.T) {
	r := rules()
	r.Caps = credits.Caps{Month: pct("1.2"), Year: pct("0.15")}
	periods := []credits.Period{
		period("2022-02", 1, kpi.Red, kpi.Amber),
		period("2022-03", 1, kpi.Red, kpi.Red),
		period("2022-04", 2, kpi.Amber, kpi.Green),
		period("2022-05", 2, kpi.Red, kpi.Red),
	}
	led, err := credits.Calculate(r, periods)
	require.NoError(t, err)
	caps := 0
	for _, l := range led.Lines {
		if l.Kind == credits.CapLine {
			caps++
		}
	}
	require.Positive(t, caps, "the scenario must make a cap bite")
	require.Len(t, led.Years, 2)
	book, err := credits.Open(r)
	require.NoError(t, err)
	var lines []credits.Line
	var months []credits.MonthTotal
	for _, p := range periods {
		ls, mt, err := book.Add(p)
		require.NoError(t, err)
		lines = append(lines, ls...)
		months = append(months, mt)
	}
	require.Empty(t, cmp.Diff(led.Lines, lines))
	require.Empty(t, cmp.Diff(led.Months, months))
	require.Empty(t, cmp.Diff(led.Years, book.Years()))
	require.True(t, led.Total.Equal(book.Total()))
}

// TestBookSpoiledByError: after a period out of order, the book refuses
// every later period with the same error.
func TestBookSpoiledByError(t *testing.T) {
	book, err := credits.Open(rules())
	require.NoError(t, err)
	_, _, err = book.Add(period("2021-05", 7, kpi.Green, kpi.Green))
	require.NoError(t, err)
	_, _, err = book.Add(period("2021-04", 7, kpi.Green, kpi.Green))
	require.ErrorIs(t, err, credits.ErrInvalidPeriod)
	require.EqualError(t, err, "month 2021-04: periods out of order after 2021-05: invalid credit period")
	_, _, again := book.Add(period("2021-06", 7, kpi.Green, kpi.Green))
	require.Equal(t, err, again)

	_, err = credits.Open(credits.Rules{})
	require.ErrorIs(t, err, credits.ErrInvalidRules)
}

// TestTally checks the integer sum against decimal addition, including
// amounts of other exponents and sums past the integer's range.
func TestTally(t *testing.T) {
	cases := [][]string{
		{"1.10", "2.25", "-0.35"},
		{"1.1", "2.25", "3"},
		{"9000000000000000.00", "9000000000000000.00", "0.01"},
		{"-5.00", "5.00"},
		{},
	}
	for _, amounts := range cases {
		var want decimal.Decimal
		var got credits.TallyForTest
		for _, a := range amounts {
			want = want.Add(dec(a))
			got.Add(dec(a))
		}
		require.True(t, got.Value().Equal(want), "%v: %s, want %s", amounts, got.Value(), want)
	}
}
