package seal_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/seal"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func loadContract(t testing.TB, name string) *contract.Contract {
	t.Helper()
	c, err := load.ContractFile(name)
	require.NoError(t, err)
	return c
}

func canonical(t testing.TB, c *contract.Contract) string {
	t.Helper()
	b, err := seal.Canonical(c)
	require.NoError(t, err)
	return string(b)
}

// TestCanonicalGolden pins the canonical form of the Lincolnshire
// contract, indented here for a readable diff (the form itself is
// compact), and the canonical digest of every shipped example's contract:
// a refactor of the engine must leave every one of them as it is.
func TestCanonicalGolden(t *testing.T) {
	c := loadContract(t, filepath.Join(lincs, "contract.yaml"))
	var pretty bytes.Buffer
	require.NoError(t, json.Indent(&pretty, []byte(canonical(t, c)), "", "  "))
	contracttest.Golden(t, filepath.Join("testdata", "lincolnshire.canonical.golden"), append(pretty.Bytes(), '\n'))

	names, err := filepath.Glob("../examples/*/contract.yaml")
	require.NoError(t, err)
	var b strings.Builder
	for _, name := range names {
		d, err := seal.CanonicalDigest(loadContract(t, name))
		require.NoError(t, err)
		fmt.Fprintf(&b, "%s %s\n", d, filepath.ToSlash(name))
	}
	contracttest.Golden(t, filepath.Join("testdata", "examples.digests.golden"), []byte(b.String()))
}

// TestCanonicalYAMLAndJSONAgree: the same contract written in YAML and in
// JSON has one canonical form.
func TestCanonicalYAMLAndJSONAgree(t *testing.T) {
	for _, pair := range [][2]string{
		{filepath.Join(lincs, "contract.yaml"), "../load/testdata/good/contract.json"},
		{"../load/testdata/good/new-fields.yaml", "../load/testdata/good/new-fields.json"},
	} {
		require.Equal(t, canonical(t, loadContract(t, pair[0])), canonical(t, loadContract(t, pair[1])), "%s and %s", pair[0], pair[1])
	}
}

// richEdited returns the canonical form of rich's contract as edit
// changes it, which must leave it valid.
func richEdited(t testing.TB, edit func(*contract.Contract)) string {
	t.Helper()
	c := rich()
	edit(c)
	require.NoError(t, c.Validate())
	return canonical(t, c)
}

// rich returns a contract using most fields, built in Go.
func rich() *contract.Contract {
	d := decimal.RequireFromString
	m := kpi.MustParseMonth
	monthCap, yearCap, level := d("12"), d("10"), d("80")
	k1 := contract.KPI{Definition: kpi.Definition{ID: "A", Name: "Availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
		Schedule: kpi.Schedule{Base: kpi.MustLevels("99.5", "99.0"),
			Glide:   []kpi.Step{{Month: m("2021-05"), Thresholds: kpi.MustLevels("98", "97")}, {Month: m("2021-04"), Thresholds: kpi.MustLevels("97", "96")}},
			Changes: []kpi.Change{{From: m("2022-06"), Thresholds: kpi.MustLevels("99.6", "99.1"), Note: "CCN 2"}, {From: m("2022-01"), Thresholds: kpi.MustLevels("99.7", "99.2"), Note: "CCN 1"}}}}}
	k2 := contract.KPI{Definition: kpi.Definition{ID: "B", Name: "Fix time", Unit: kpi.Percent, Direction: kpi.LowerIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfEven},
		Schedule:  kpi.Constant(kpi.Thresholds{TSL: d("10"), TSLBound: kpi.Strict, MSLMargin: kpi.Margin{By: d("5"), Unit: kpi.PointsFromTSL}})}}
	return &contract.Contract{
		Name: "Rich", Customer: "C", Supplier: "S", Commencement: m("2021-04"), Term: 24, Orgs: []string{"X", "Y"},
		Charges: []contract.Charge{{Org: "Y", From: m("2021-04"), Amount: d("200.00")}, {Org: "X", From: m("2022-04"), Amount: d("150"), Note: "CCN 3"},
			{Org: "X", From: m("2021-04"), Amount: d("100.00")}},
		KPIs:     []contract.KPI{k1, k2},
		Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Unmeasured},
		Credits: credits.Rules{
			Regime: credits.Points{Amber: d("0.5"), Red: d("1"), PointValue: d("0.10"),
				Weights: []credits.Weight{{KPI: "B", From: m("2021-04"), Points: d("2")}, {KPI: "A", From: m("2022-04"), Points: d("4.0"), Note: "CCN 4"}, {KPI: "A", From: m("2021-04"), Points: d("3")}}},
			Caps:     credits.Caps{Month: &monthCap, Year: &yearCap},
			Money:    credits.Money{Places: 2, Rounding: kpi.HalfUp},
			Triggers: []credits.Trigger{{Name: "termination", Kind: credits.PointsInWindow, Points: d("40"), Months: 12}},
			Critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Level: &level}}},
		},
	}
}

// TestCanonicalIgnoresHowWritten: lists whose order means nothing,
// decimals written with more places, and defaults written out give the
// same canonical form.
func TestCanonicalIgnoresHowWritten(t *testing.T) {
	base := rich()
	require.NoError(t, base.Validate())
	want := canonical(t, base)
	d := decimal.RequireFromString
	for _, tc := range []struct {
		name string
		edit func(c *contract.Contract)
	}{
		{"charges in another order", func(c *contract.Contract) { slices.Reverse(c.Charges) }},
		{"glide steps in another order", func(c *contract.Contract) { slices.Reverse(c.KPIs[0].Schedule.Glide) }},
		{"changes in another order", func(c *contract.Contract) { slices.Reverse(c.KPIs[0].Schedule.Changes) }},
		{"weights in another order", func(c *contract.Contract) {
			p := c.Credits.Regime.(credits.Points)
			slices.Reverse(p.Weights)
		}},
		{"decimals with trailing zeros", func(c *contract.Contract) {
			c.KPIs[0].Schedule.Base = kpi.MustLevels("99.50", "99.00")
			c.Charges[0].Amount = d("200")
		}},
		{"defaults written out", func(c *contract.Contract) {
			c.KPIs[0].From, c.KPIs[0].To, c.KPIs[0].Orgs, c.KPIs[0].Every = c.Commencement, c.Last(), []string{"X", "Y"}, 1
			c.KPIs[1].Unavailable = kpi.Unmeasured
			c.Credits.Incidents.Rule = credits.AllCount
		}},
		{"regime held by pointer", func(c *contract.Contract) {
			p := c.Credits.Regime.(credits.Points)
			c.Credits.Regime = &p
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, want, richEdited(t, tc.edit))
		})
	}
}

// TestCanonicalChangesWithMeaning: any change of meaning changes the
// canonical form.
func TestCanonicalChangesWithMeaning(t *testing.T) {
	base := canonical(t, rich())
	d := decimal.RequireFromString
	for _, tc := range []struct {
		name string
		edit func(c *contract.Contract)
	}{
		{"a threshold", func(c *contract.Contract) { c.KPIs[0].Schedule.Base = kpi.MustLevels("99.6", "99.0") }},
		{"a bound", func(c *contract.Contract) { c.KPIs[0].Schedule.Base.TSLBound = kpi.Strict }},
		{"a small-volume rule", func(c *contract.Contract) {
			c.KPIs[0].Schedule.Base.SmallVolume = kpi.SmallVolume{FewerThan: 20, TSLFailures: 1, MSLFailures: 2}
		}},
		{"a weight", func(c *contract.Contract) {
			p := c.Credits.Regime.(credits.Points)
			p.Weights = slices.Clone(p.Weights)
			p.Weights[0].Points = d("3")
			c.Credits.Regime = p
		}},
		{"a cap", func(c *contract.Contract) { r := d("1"); c.Credits.Caps.Rolling = &r }},
		{"a trigger", func(c *contract.Contract) { c.Credits.Triggers[0].Points = d("41") }},
		{"a name", func(c *contract.Contract) { c.KPIs[1].Name = "Fix times" }},
		{"a charge's note", func(c *contract.Contract) { c.Charges[1].Note = "CCN 9" }},
		{"the money rounding", func(c *contract.Contract) { c.Credits.Money.Rounding = kpi.HalfEven }},
		{"a kpi's window", func(c *contract.Contract) { c.KPIs[1].From = kpi.MustParseMonth("2021-05") }},
		{"the critical rule", func(c *contract.Contract) { c.Credits.Critical.Capped = true }},
		{"per organisation", func(c *contract.Contract) { c.Credits.PerOrganisation = true }},
		{"the kpis' order", func(c *contract.Contract) { slices.Reverse(c.KPIs) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEqual(t, base, richEdited(t, tc.edit))
		})
	}
}

// TestCanonicalPool: an at-risk pool's categories and their KPIs are
// written in a fixed order, so listing them in another order keeps the
// form, and a changed share changes it.
func TestCanonicalPool(t *testing.T) {
	c := loadContract(t, "../examples/atrisk/contract.yaml")
	base := canonical(t, c)
	p := c.Credits.Regime.(credits.Pool)
	p.Categories = slices.Clone(p.Categories)
	slices.Reverse(p.Categories)
	for i := range p.Categories {
		p.Categories[i].KPIs = slices.Clone(p.Categories[i].KPIs)
		slices.Reverse(p.Categories[i].KPIs)
	}
	c.Credits.Regime = &p
	require.Equal(t, base, canonical(t, c), "order means nothing")
	require.Contains(t, base, `"pool":{"amber":"0","at-risk":"10","available":"150","categories":[{"kpis":[{"kpi":"BACKUP","share":"60"},{"kpi":"UPTIME","share":"40"}],"name":"hosting","share":"75"}`)
	q := p
	q.Categories = slices.Clone(p.Categories)
	q.Categories[0].Share = decimal.RequireFromString("74")
	c.Credits.Regime = q
	require.NotEqual(t, base, canonical(t, c), "a share is meaning")
}

type customRegime struct{ credits.None }

// TestCanonicalUnknownRegime: a regime the canonical form does not know
// is refused, naming its type.
func TestCanonicalUnknownRegime(t *testing.T) {
	c := rich()
	c.Credits.Regime = customRegime{}
	_, err := seal.Canonical(c)
	require.EqualError(t, err, "canonical form: regime seal_test.customRegime has none (want points, scheme, pool or none)")
}

// TestCanonicalCoversEveryField lists every field the engine's contract
// holds, walking its types (and the regimes the canonical form knows),
// and compares the list with testdata/canonical-fields.golden, which is
// the list seal/canonical.go and docs/monthly-cycle.md were written
// against. A field added to the engine fails this test: give it a key in
// the canonical form and the docs (and change CanonicalFormat if digests
// change), then run with -update. A field renamed by a refactor fails it
// too, while TestCanonicalGolden shows the form itself unchanged.
func TestCanonicalCoversEveryField(t *testing.T) {
	var paths []string
	seen := map[reflect.Type]bool{}
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || typ.PkgPath() == "github.com/shopspring/decimal" || typ == reflect.TypeOf(kpi.Month{}) {
			paths = append(paths, prefix+" "+typ.String())
			return
		}
		if seen[typ] {
			paths = append(paths, prefix+" "+typ.String()+" (above)")
			return
		}
		seen[typ] = true
		defer delete(seen, typ)
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			name := prefix + "." + f.Name
			if f.Anonymous {
				name = prefix
			}
			walk(name, f.Type)
		}
	}
	walk("Contract", reflect.TypeOf(contract.Contract{}))
	for _, r := range []any{credits.Points{}, scheme.Scheme{}, credits.Pool{}, credits.None{}} {
		walk("Contract.Credits.Regime("+reflect.TypeOf(r).Name()+")", reflect.TypeOf(r))
	}
	contracttest.Golden(t, filepath.Join("testdata", "canonical-fields.golden"), []byte(strings.Join(paths, "\n")+"\n"))
}
