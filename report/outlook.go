package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/outlook"
)

// OutlookFormat names the layout OutlookJSON writes; it changes only when
// a field is removed or changes meaning.
const OutlookFormat = "servicecredit/outlook/v1"

// The outlook's JSON structures; docs/json-output.md documents every
// field.
type (
	jsonOutlook struct {
		Format   string              `json:"format"`
		Contract jsonContract        `json:"contract"`
		AsOf     string              `json:"as_of"`
		From     string              `json:"from"`
		Next     string              `json:"next,omitzero"`
		Year     int                 `json:"contract_year"`
		YearFrom string              `json:"year_from"`
		YearTo   string              `json:"year_to"`
		ToDate   jsonToDate          `json:"to_date"`
		Caps     []jsonHeadroom      `json:"caps"`
		Triggers []jsonTriggerState  `json:"triggers"`
		Critical []jsonCriticalState `json:"critical"`
		KPIs     []jsonKPIState      `json:"kpis"`
		Forecast jsonForecast        `json:"forecast"`
	}
	jsonToDate struct {
		From     string `json:"from"`
		To       string `json:"to"`
		Charges  string `json:"charges"`
		Uncapped string `json:"uncapped"`
		Cut      string `json:"cut"`
		Credit   string `json:"credit"`
		Withheld string `json:"withheld"`
		// EarnedBack is present only when the contract has an earn-back rule.
		EarnedBack string `json:"earned_back,omitzero"`
	}
	jsonDistance struct {
		Reachable bool     `json:"reachable"`
		Failures  int      `json:"failures"`
		By        string   `json:"by,omitzero"`
		Failing   []string `json:"failing,omitempty"`
		Why       string   `json:"why"`
	}
	jsonHeadroom struct {
		Cap   string       `json:"cap"`
		Month string       `json:"month"`
		Known bool         `json:"known"`
		Limit string       `json:"limit,omitzero"`
		Used  string       `json:"used,omitzero"`
		Left  string       `json:"left,omitzero"`
		Rule  string       `json:"rule"`
		Binds jsonDistance `json:"binds"`
	}
	jsonTriggerState struct {
		Name         string       `json:"name"`
		Kind         string       `json:"kind"`
		KPI          string       `json:"kpi,omitzero"`
		Organisation string       `json:"organisation,omitzero"`
		Points       string       `json:"points,omitzero"`
		Carried      string       `json:"carried,omitzero"`
		Needed       string       `json:"needed,omitzero"`
		Failed       *int         `json:"failed,omitempty"`
		State        string       `json:"state"`
		Distance     jsonDistance `json:"distance"`
		Fired        []jsonEvent  `json:"fired"`
	}
	jsonFired struct {
		Month    string `json:"month"`
		Evidence string `json:"evidence"`
	}
	jsonCriticalState struct {
		KPI       string       `json:"kpi"`
		Red       bool         `json:"red"`
		Level     string       `json:"level,omitzero"`
		Withholds string       `json:"withholds,omitzero"`
		Distance  jsonDistance `json:"distance"`
		Fired     []jsonFired  `json:"fired"`
	}
	jsonNextFailure struct {
		Month    string `json:"month,omitzero"`
		Status   string `json:"status,omitzero"`
		Points   string `json:"points,omitzero"`
		Amount   string `json:"amount,omitzero"`
		Counts   bool   `json:"counts"`
		Material bool   `json:"material"`
		Critical bool   `json:"critical"`
		Rule     string `json:"rule,omitzero"`
		Problem  string `json:"problem,omitzero"`
	}
	jsonKPIState struct {
		KPI          string          `json:"kpi"`
		Organisation string          `json:"organisation"`
		Credit       string          `json:"credit"`
		Failed       []string        `json:"failed"`
		Next         jsonNextFailure `json:"next"`
	}
	jsonProjection struct {
		Monthly  string `json:"monthly"`
		Uncapped string `json:"uncapped"`
		Capped   string `json:"capped"`
		YearEnd  string `json:"year_end"`
	}
	jsonBasis struct {
		Month  string `json:"month"`
		Credit string `json:"credit"`
	}
	jsonForecast struct {
		Rule       string         `json:"rule"`
		ToDate     string         `json:"to_date"`
		Basis      []jsonBasis    `json:"basis"`
		MonthsLeft []string       `json:"months_left"`
		Least      jsonProjection `json:"least"`
		Mean       jsonProjection `json:"mean"`
		Greatest   jsonProjection `json:"greatest"`
	}
)

func monthsText(ms []kpi.Month) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.String())
	}
	return out
}

func jsonDistanceOf(d outlook.Distance) jsonDistance {
	jd := jsonDistance{Reachable: d.Reachable, Failures: d.Failures, Failing: d.Failing, Why: d.Why}
	if d.Reachable {
		jd.By = d.By.String()
	} else {
		jd.Failures = 0
	}
	return jd
}

// OutlookJSON writes o, an outlook of c, as one indented JSON object whose
// fields docs/json-output.md documents. The output depends only on its
// inputs and ignores the decimal package's globals.
func OutlookJSON(w io.Writer, c *contract.Contract, o *outlook.Outlook) error {
	money := o.Money
	out := jsonOutlook{Format: OutlookFormat,
		Contract: jsonContract{Name: c.Name, Customer: c.Customer, Supplier: c.Supplier, Commencement: c.Commencement.String(),
			Term: c.Term, Organisations: nonNil(c.Orgs), MoneyPlaces: money.Places},
		AsOf: o.AsOf.String(), From: o.From.String(), Year: o.Year, YearFrom: o.YearFrom.String(), YearTo: o.YearTo.String(),
		ToDate: jsonToDate{From: o.ToDate.From.String(), To: o.ToDate.To.String(), Charges: money.Format(o.ToDate.Charges),
			Uncapped: money.Format(o.ToDate.Uncapped), Cut: money.Format(o.ToDate.Cut), Credit: money.Format(o.ToDate.Credit),
			Withheld: money.Format(o.ToDate.Withheld)},
		Caps: []jsonHeadroom{}, Triggers: []jsonTriggerState{}, Critical: []jsonCriticalState{}, KPIs: []jsonKPIState{},
	}
	if !o.Next.IsZero() {
		out.Next = o.Next.String()
	}
	if hasEarnBack(c) {
		out.ToDate.EarnedBack = money.Format(o.ToDate.EarnedBack)
	}
	for _, h := range o.Caps {
		jh := jsonHeadroom{Cap: h.Cap.String(), Month: h.Month.String(), Known: h.Known, Rule: h.Rule, Binds: jsonDistanceOf(h.Binds)}
		if h.Known {
			jh.Limit, jh.Used, jh.Left = money.Format(h.Limit), money.Format(h.Used), money.Format(h.Left)
		}
		out.Caps = append(out.Caps, jh)
	}
	for _, t := range o.Triggers {
		jt := jsonTriggerState{Name: t.Name, Kind: t.Kind.String(), KPI: t.KPI, Organisation: t.Org, State: t.State,
			Distance: jsonDistanceOf(t.Distance), Fired: []jsonEvent{}}
		switch t.Kind {
		case credits.PointsInWindow:
			jt.Points, jt.Carried, jt.Needed = kpi.FormatValue(t.Points), kpi.FormatValue(t.Carried), kpi.FormatValue(t.Needed)
		case credits.FailuresInWindow, credits.ConsecutiveFailures:
			n := t.Failed
			jt.Failed = &n
		}
		for _, e := range t.Fired {
			jt.Fired = append(jt.Fired, jsonEventOf(e))
		}
		out.Triggers = append(out.Triggers, jt)
	}
	for _, cr := range o.Critical {
		jc := jsonCriticalState{KPI: cr.KPI, Red: cr.Red, Distance: jsonDistanceOf(cr.Distance), Fired: []jsonFired{}}
		if cr.Level != nil {
			jc.Level = kpi.FormatValue(*cr.Level)
		}
		if cr.Distance.Reachable {
			jc.Withholds = money.Format(cr.Withholds)
		}
		for _, f := range cr.Fired {
			jc.Fired = append(jc.Fired, jsonFired{Month: f.Month.String(), Evidence: f.Evidence})
		}
		out.Critical = append(out.Critical, jc)
	}
	for _, k := range o.KPIs {
		jk := jsonKPIState{KPI: k.KPI, Organisation: k.Org, Credit: money.Format(k.Credit), Failed: monthsText(k.Failed),
			Next: jsonNextFailure{Problem: k.Next.Problem}}
		if n := k.Next; !n.Month.IsZero() {
			jk.Next = jsonNextFailure{Month: n.Month.String(), Status: n.Status.String(), Points: kpi.FormatValue(n.Points),
				Amount: money.Format(n.Amount), Counts: n.Counts, Material: n.Material, Critical: n.Critical, Rule: n.Rule, Problem: n.Problem}
		}
		out.KPIs = append(out.KPIs, jk)
	}
	f := o.Forecast
	proj := func(p outlook.Projection) jsonProjection {
		return jsonProjection{Monthly: money.Format(p.Monthly), Uncapped: money.Format(p.Uncapped), Capped: money.Format(p.Capped), YearEnd: money.Format(p.YearEnd)}
	}
	out.Forecast = jsonForecast{Rule: f.Rule, ToDate: money.Format(f.ToDate), Basis: []jsonBasis{}, MonthsLeft: monthsText(f.Left),
		Least: proj(f.Least), Mean: proj(f.Mean), Greatest: proj(f.Greatest)}
	for _, b := range f.Basis {
		out.Forecast.Basis = append(out.Forecast.Basis, jsonBasis{Month: b.Month.String(), Credit: money.Format(b.Credit)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// OutlookText writes o, an outlook of c, for people: the contract year to
// date, the headroom under each cap, each trigger's state with its
// distance and evidence, the critical KPIs, each KPI's next failure and
// the forecast with its rule. Text from input files is escaped for the
// terminal.
func OutlookText(w io.Writer, c *contract.Contract, o *outlook.Outlook) error {
	b := bufio.NewWriter(w)
	money := o.Money
	t := &textWriter{b: b, c: c}
	orgs := len(c.Orgs)
	t.f("%s\n", c.Name)
	t.f("Outlook as of %s. Evaluated %s to %s; contract year %d runs %s to %s.\n", o.AsOf.Pack(), o.From.Pack(), o.AsOf.Pack(), o.Year, o.YearFrom.Pack(), o.YearTo.Pack())
	if o.Next.IsZero() {
		t.f("The term ends with %s: nothing lies ahead.\n", o.AsOf.Pack())
	} else {
		t.f("Headroom and distances are for the next month, %s.\n", o.Next.Pack())
	}
	d := o.ToDate
	t.f("\nContract year %d to date (%s to %s evaluated): charges %s, uncapped %s, cut %s", o.Year, d.From.Pack(), d.To.Pack(),
		money.Format(d.Charges), money.Format(d.Uncapped), money.Format(d.Cut))
	if hasEarnBack(c) {
		t.f(", earned back %s", money.Format(d.EarnedBack))
	}
	t.f(", credit %s", money.Format(d.Credit))
	if hasCritical(c) {
		t.f(" (withheld %s)", money.Format(d.Withheld))
	}
	t.f("\n\n")
	distance := func(d outlook.Distance) string {
		if !d.Reachable {
			return "cannot: " + d.Why
		}
		return d.Why
	}
	if len(o.Caps) > 0 {
		t.f("Headroom in %s (what the month can pay before each cap binds)\n", o.Next.Pack())
		tab := [][]string{{"Cap", "Limit", "Used", "Left", "Binds with"}}
		for _, h := range o.Caps {
			row := []string{h.Cap.String(), "unknown", "", "", ""}
			if h.Known {
				row = []string{h.Cap.String(), money.Format(h.Limit), money.Format(h.Used), money.Format(h.Left), "never next month"}
				if h.Binds.Reachable {
					row[4] = failureCount(h.Binds.Failures)
				}
			}
			tab = append(tab, row)
		}
		t.table(tab)
		for _, h := range o.Caps {
			t.f("%s: %s\n", h.Cap, h.Rule)
			if h.Known {
				t.f("  binds: %s\n", distance(h.Binds))
			}
		}
		t.f("\n")
	} else if !o.Next.IsZero() {
		t.f("No caps: the contract caps no credit.\n\n")
	}
	if len(o.Triggers) > 0 {
		t.f("Triggers (the state as of %s; how many more failures fire each; the events of contract year %d)\n", o.AsOf.Pack(), o.Year)
		for _, tr := range o.Triggers {
			t.f("%s (%s): %s\n  next: %s\n", tr.Name, tr.Kind, tr.State, distance(tr.Distance))
			fired := make([]outlook.Fired, len(tr.Fired))
			for i, e := range tr.Fired {
				fired[i] = outlook.Fired{Month: e.Month, Evidence: e.Detail}
			}
			t.fired(fired)
		}
		t.f("\n")
	}
	if len(o.Critical) > 0 {
		t.f("Critical service level failures (the month's charges withheld in place of its credits)\n")
		for _, cr := range o.Critical {
			t.f("%s: %s\n", cr.KPI, distance(cr.Distance))
			t.fired(cr.Fired)
		}
		t.f("\n")
	}
	if len(o.KPIs) > 0 {
		t.f("KPIs (credit this contract year before caps; the next measurement period failing alone, before caps)\n")
		tab := [][]string{{"Indicator", "Credit", "Failed", "Next", "As", "Points", "Amount"}}
		for _, k := range o.KPIs {
			row := []string{k.KPI + orgSuffix(k.Org, orgs), money.Format(k.Credit), fmt.Sprint(len(k.Failed)), "none", "", "", ""}
			if n := k.Next; !n.Month.IsZero() {
				row[3], row[4], row[5], row[6] = n.Month.Pack(), n.Status.String(), kpi.FormatValue(n.Points), money.Format(n.Amount)
				if n.Material {
					row[4] += " (material)"
				}
				if n.Critical {
					row[4] += " (critical)"
				}
			} else if n.Problem != "" {
				row[3] = "cannot be worked out"
			}
			tab = append(tab, row)
		}
		t.table(tab)
		for _, k := range o.KPIs {
			if k.Next.Problem != "" && k.Next.Month.IsZero() {
				t.f("%s: %s\n", k.KPI+orgSuffix(k.Org, orgs), k.Next.Problem)
			}
		}
	}
	f := o.Forecast
	t.f("Forecast of contract year %d's credit\n", o.Year)
	t.f("Rule: %s.\n", f.Rule)
	for _, s := range f.Statements {
		t.f("%s\n", s)
	}
	tab := [][]string{{"Monthly credit", "A month", "Uncapped", "Capped", "Year end"}}
	for _, p := range []struct {
		name string
		p    outlook.Projection
	}{{"least", f.Least}, {"mean", f.Mean}, {"greatest", f.Greatest}} {
		tab = append(tab, []string{p.name, money.Format(p.p.Monthly), money.Format(p.p.Uncapped), money.Format(p.p.Capped), money.Format(p.p.YearEnd)})
	}
	t.table(tab)
	return b.Flush()
}

func failureCount(n int) string {
	switch n {
	case 0:
		return "no failure"
	case 1:
		return "1 failure"
	}
	return fmt.Sprintf("%d failures", n)
}

// fired writes the months a rule fired in this contract year, each with
// its evidence, or that it never did.
func (t *textWriter) fired(fs []outlook.Fired) {
	if len(fs) == 0 {
		t.f("  fired this year: never\n")
	}
	for _, f := range fs {
		t.f("  fired %s: %s\n", f.Month.Pack(), f.Evidence)
	}
}
