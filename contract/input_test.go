package contract

import (
	"errors"
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/stretchr/testify/require"
)

// TestMitigationRecords: records given in the input are validated against
// the contract and applied exactly as a register built beforehand.
func TestMitigationRecords(t *testing.T) {
	c := fixture()
	ms := []kpi.Measurement{meas("A", jun21, "89.9"), meas("C", aug21, "84")}
	recs := []mitigation.Record{
		{Ref: "M1", KPI: "A", From: jun21, Reason: "supplier dependency", Effect: mitigation.Relief, AgreedOn: kpi.MustParseDate("2021-07-20")},
		{Ref: "M2", KPI: "C", From: aug21, Reason: "deemed green", Effect: mitigation.Deemed, Deemed: kpi.Green},
	}
	reg, err := mitigation.NewRegister(recs, c.MitigationScope())
	require.NoError(t, err)
	byReg, err := c.Evaluate(Input{From: jun21, To: aug21, Measurements: ms, Mitigations: reg})
	require.NoError(t, err)
	byRecs, err := c.Evaluate(Input{From: jun21, To: aug21, Measurements: ms, MitigationRecords: recs})
	require.NoError(t, err)
	require.Equal(t, byReg.Ledger.Total.StringFixed(2), byRecs.Ledger.Total.StringFixed(2))
	// June: A red and relieved by M1, so no credit, B missing (red): 10
	// points x 0.1% of 100000.00 = 1000.00; July: A missing (red), 10
	// points x 0.1% of 120000.00 = 1200.00, C missing (red) 1200.00;
	// August: A missing 1200.00, C amber deemed green by M2: 4600.00.
	require.Equal(t, "4600.00", byRecs.Ledger.Total.StringFixed(2))
	for i, mo := range byRecs.Months {
		for j, cell := range mo.Cells {
			want := byReg.Months[i].Cells[j]
			require.Equal(t, want.Status, cell.Status, "%s %s", mo.Month, cell.Measured.KPI)
			require.Equal(t, want.Credit.Rule, cell.Credit.Rule)
			require.Equal(t, want.Mitigation == nil, cell.Mitigation == nil)
		}
	}
	require.Equal(t, "M1", byRecs.Months[0].Cells[0].Mitigation.Ref)
	require.Equal(t, "2021-07-20", byRecs.Months[0].Cells[0].Mitigation.AgreedOn.String())

	// Stream builds the register the same way.
	var streamed []string
	tot, err := c.Stream(Input{From: jun21, To: aug21, Measurements: ms, MitigationRecords: recs}, func(m *MonthResult) error {
		streamed = append(streamed, m.Credit.Total.StringFixed(2))
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, []string{"1000.00", "2400.00", "1200.00"}, streamed)
	require.Equal(t, "4600.00", tot.Total.StringFixed(2))
}

func TestMitigationRecordsRejected(t *testing.T) {
	c := fixture()
	good := mitigation.Record{Ref: "M1", KPI: "A", From: jun21, Reason: "r", Effect: mitigation.Relief}
	tests := []struct {
		name, why string
		in        Input
		want      []string // each problem's message
		paths     []string // and its path
	}{
		{
			name: "record-problems", why: "every problem names the record, by Ref or position, and its field",
			in: Input{MitigationRecords: []mitigation.Record{
				good,
				{Ref: "M2", KPI: "Z", From: jun21, Reason: "r", Effect: mitigation.Relief},
				{KPI: "A", Reason: " ", Effect: mitigation.Relief},
			}},
			want: []string{
				"mitigation M2: kpi Z: no such kpi in the contract: invalid evaluation input",
				"mitigation record 3: kpi A: from month not set: invalid evaluation input",
				"mitigation record 3: kpi A: reason is empty: invalid evaluation input",
			},
			paths: []string{"MitigationRecords[1].KPI", "MitigationRecords[2].From", "MitigationRecords[2].Reason"},
		},
		{
			name: "outside-the-contract", why: "a record's months must lie within the contract's, and the month is named",
			in:    Input{MitigationRecords: []mitigation.Record{{Ref: "M9", KPI: "A", From: jun21, To: kpi.MustParseMonth("2022-04"), Reason: "r", Effect: mitigation.Relief}}},
			want:  []string{"mitigation M9: kpi A: 2021-06..2022-04 outside the contract's 2021-04..2022-03: invalid evaluation input"},
			paths: []string{"MitigationRecords[0].From"},
		},
		{
			name: "both-forms", why: "records beside a register: which to apply is ambiguous",
			in:    Input{MitigationRecords: []mitigation.Record{good}, Mitigations: &mitigation.Register{}},
			want:  []string{`contract "test": mitigation records given beside a register in Mitigations (give one or the other): invalid evaluation input`},
			paths: []string{"MitigationRecords"},
		},
		{
			name: "with-measurement-problems", why: "the measurements' problems and the records' are reported together",
			in:    Input{Measurements: []kpi.Measurement{meas("Z", apr21, "1")}, MitigationRecords: []mitigation.Record{{Ref: "M3", KPI: "A", From: jun21, Reason: "r"}}},
			want:  []string{"measurement Z/Org/2021-04: no such kpi in the contract: invalid evaluation input", "mitigation M3: kpi A: effect not set (want relief or deemed): invalid evaluation input"},
			paths: []string{"Measurements[0].KPI", "MitigationRecords[0].Effect"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Evaluate(tt.in)
			require.Nil(t, res, tt.why)
			require.ErrorIs(t, err, ErrInvalidInput)
			require.Equal(t, strings.Join(tt.want, "\n"), err.Error())
			var paths []string
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var ie *InputError
				require.True(t, errors.As(e, &ie))
				paths = append(paths, ie.Path)
				if strings.HasPrefix(ie.Path, "MitigationRecords[") {
					require.ErrorIs(t, e, mitigation.ErrInvalidRecord)
				}
			}
			require.Equal(t, tt.paths, paths)
			_, err = c.Stream(tt.in, func(*MonthResult) error { t.Fatal("no month before the input is valid"); return nil })
			require.Equal(t, strings.Join(tt.want, "\n"), err.Error())
		})
	}
}

// TestWeightWithoutFrom is docs/contract-format.md's worked example: a KPI
// in force from 2021-07 whose first weight has no From carries its points
// from 2021-07, and a weight from 2022-04 takes over: a red 2021-07 costs
// 8 x 0.12% x 100000.00 = 960.00, a red 2022-04 6 x 0.12% x 100000.00 =
// 720.00.
func TestWeightWithoutFrom(t *testing.T) {
	k := percentKPI("K", kpi.HigherIsBetter, "95", "90")
	k.From = jul21
	c := &Contract{
		Name: "weights", Customer: "Council", Supplier: "Supplier", Commencement: apr21, Term: 24, Orgs: []string{"Org"},
		Charges: []Charge{{Org: "Org", From: apr21, Amount: dec("100000.00")}}, KPIs: []KPI{k},
		Absences: Absences{Missing: kpi.Unmeasured, Unavailable: kpi.Unmeasured},
		Credits: credits.Rules{
			Regime: credits.Points{Weights: []credits.Weight{{KPI: "K", Points: dec("8")}, {KPI: "K", From: kpi.MustParseMonth("2022-04"), Points: dec("6")}},
				Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.12")},
			Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		},
	}
	res, err := c.Evaluate(Input{Measurements: []kpi.Measurement{meas("K", jul21, "80"), meas("K", kpi.MustParseMonth("2022-04"), "80")}})
	require.NoError(t, err)
	var got []string
	for _, l := range res.Ledger.Lines {
		if l.Failed {
			got = append(got, l.Month.String()+" "+res.FormatMoney(l.Amount))
		}
	}
	require.Equal(t, []string{"2021-07 960.00", "2022-04 720.00"}, got)
}

// TestMoneyNotNamed: the zero Money is refused, and the message says what
// to set.
func TestMoneyNotNamed(t *testing.T) {
	c := fixture()
	c.Credits.Money = credits.Money{}
	_, err := c.Evaluate(Input{})
	require.EqualError(t, err, `contract "test": money: rounding not set (no default: set Money to the contract's, such as Money{Places: 2, Rounding: kpi.HalfUp} for pence rounded half-up; modes: half-up, half-even, up, down, ceiling, floor): invalid contract`)
	var ce *Error
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "Credits.Money.Rounding", ce.Path)
}
