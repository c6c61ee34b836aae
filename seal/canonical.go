package seal

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// CanonicalFormat names the canonical form of a contract that Canonical
// writes. It changes whenever the form changes, so that a digest is only
// ever compared with one made by the same form.
const CanonicalFormat = "servicecredit/contract-canonical/v1"

// Canonical returns the canonical form of c: one JSON object, with keys
// sorted and no insignificant space (see Marshal's encoding), that says
// what the contract means and nothing about how it was written or held. It
// does not depend on the contract file's layout, comments, quoting or key
// order, on the order of lists whose order means nothing (charges, glide
// steps, changes, weights, bands), on how a decimal was written (99.50 is
// 99.5), or on the names and order of the engine's Go fields: every value
// is written under a key of its own by code that names each field, so a
// refactor of the engine leaves it as it is. docs/monthly-cycle.md lists
// every key.
//
// Defaults are written as their effect: a KPI with no From is in force from
// commencement, and its "from" says so. The contract must be valid
// (contract.Validate). A regime other than credits.Points, scheme.Scheme,
// credits.Pool and credits.None has no canonical form: Canonical returns an error
// naming its type.
func Canonical(c *contract.Contract) ([]byte, error) {
	v, err := canonicalOf(c)
	if err != nil {
		return nil, err
	}
	return encode(v, false)
}

// CanonicalDigest returns "sha256:" and the hexadecimal SHA-256 of c's
// canonical form.
func CanonicalDigest(c *contract.Contract) (string, error) {
	b, err := Canonical(c)
	if err != nil {
		return "", err
	}
	return digestOf(b), nil
}

// digestOf returns "sha256:" and the hexadecimal SHA-256 of b.
func digestOf(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// obj is a JSON object of the canonical form or a seal; encoding/json
// writes its keys sorted.
type obj = map[string]any

// canonDecimal writes d in its shortest exact form: no exponent, no
// trailing zeros after the point, no point when whole, and 0 for any zero.
func canonDecimal(d decimal.Decimal) string {
	s := d.StringFixed(max(-d.Exponent(), 0))
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// optDecimal adds d to o under key when it is not nil.
func optDecimal(o obj, key string, d *decimal.Decimal) {
	if d != nil {
		o[key] = canonDecimal(*d)
	}
}

// optString adds s to o under key when it is not empty.
func optString(o obj, key, s string) {
	if s != "" {
		o[key] = s
	}
}

// words writes an enumeration's value as the canonical form's own word,
// from a table of the canonical form, never from the engine's String: a
// renamed Go constant leaves the word as it is. A value missing from the
// table (an invalid one) is an error.
func word[T comparable](what string, v T, table map[T]string) (string, error) {
	w, ok := table[v]
	if !ok {
		return "", fmt.Errorf("canonical form: %s %v has no word", what, v)
	}
	return w, nil
}

var (
	unitWords      = map[kpi.Unit]string{kpi.Percent: "percent", kpi.Count: "count", kpi.Score: "score", kpi.Ratio: "ratio"}
	directionWords = map[kpi.Direction]string{kpi.HigherIsBetter: "higher-is-better", kpi.LowerIsBetter: "lower-is-better"}
	kindWords      = map[kpi.Kind]string{kpi.KPI: "kpi", kpi.PI: "pi", kpi.Figure: "figure"}
	statusWords    = map[kpi.Status]string{kpi.Green: "green", kpi.Amber: "amber", kpi.Red: "red", kpi.Unmeasured: "unmeasured", kpi.Reported: "reported"}
	roundingWords  = map[kpi.Rounding]string{kpi.HalfUp: "half-up", kpi.HalfEven: "half-even", kpi.Up: "up", kpi.Down: "down", kpi.Ceiling: "ceiling", kpi.Floor: "floor"}
	boundWords     = map[kpi.Bound]string{kpi.Inclusive: "inclusive", kpi.Strict: "strict"}
	marginWords    = map[kpi.MarginUnit]string{kpi.PointsFromTSL: "points", kpi.PercentOfTSL: "percent-of-tsl"}
	relativeWords  = map[kpi.Relative]string{kpi.Decrease: "decrease", kpi.Increase: "increase", kpi.NoWorse: "no-worse", kpi.NoWorseThanLastYear: "no-worse-than-last-year"}
	combineWords   = map[contract.Combination]string{contract.Summed: "summed", contract.Weighted: "weighted", contract.Repooled: "repooled"}
	edgeWords      = map[kpi.Bound]string{kpi.Inclusive: "inclusive", kpi.Strict: "exclusive"}
	basisWords     = map[scheme.ValueBasis]string{scheme.AsMeasured: "as-measured", scheme.KPIRounded: "kpi-rounded", scheme.TableRounded: "table-rounded"}
	priceWords     = map[scheme.PriceBasis]string{scheme.PerPoint: "per-point", scheme.PointsTable: "points-table", scheme.PercentOfCharges: "percent-of-charges", scheme.PercentPerPoint: "percent-per-point"}
	mitigatedWords = map[scheme.Mitigated]string{scheme.MitigatedBreaks: "breaks-chain", scheme.MitigatedCounts: "counts-as-failure"}
	incidentWords  = map[credits.IncidentRule]string{credits.AllCount: "all", credits.HighestOnly: "highest", credits.CustomerChoice: "customer-choice"}
	triggerWords   = map[credits.TriggerKind]string{credits.PointsInWindow: "points-in-window", credits.ConsecutiveFailures: "consecutive-failures",
		credits.FailuresInWindow: "failures-in-window", credits.CapReached: "cap-reached", credits.MaterialFailure: "material-failure"}
)

// canon builds the canonical form, remembering the first problem.
type canon struct{ err error }

func (w *canon) word(s string, err error) string {
	if err != nil && w.err == nil {
		w.err = err
	}
	return s
}

func canonicalOf(c *contract.Contract) (obj, error) {
	w := &canon{}
	o := obj{
		"format":       CanonicalFormat,
		"name":         c.Name,
		"customer":     c.Customer,
		"supplier":     c.Supplier,
		"commencement": c.Commencement.String(),
		"term":         c.Term,
		"organisations": func() []any {
			out := []any{}
			for _, org := range c.Orgs {
				out = append(out, org)
			}
			return out
		}(),
		"absences": obj{
			"missing":     w.word(word("status", c.Absences.Missing, statusWords)),
			"unavailable": w.word(word("status", c.Absences.Unavailable, statusWords)),
		},
	}
	o["charges"] = sortedList(c.Charges, func(a, b contract.Charge) int {
		return cmp.Or(cmp.Compare(a.Org, b.Org), a.From.Compare(b.From))
	}, func(ch contract.Charge) obj {
		co := obj{"organisation": ch.Org, "from": ch.From.String(), "amount": canonDecimal(ch.Amount)}
		optString(co, "note", ch.Note)
		return co
	})
	var ks []any
	for i := range c.KPIs {
		ks = append(ks, w.kpi(c, &c.KPIs[i]))
	}
	o["kpis"] = orEmpty(ks)
	o["credits"] = w.credits(c.Credits)
	if rc := c.ReportCard; rc != nil {
		r := obj{}
		if rc.Variance.IsSet() {
			r["variance"] = w.margin(rc.Variance)
		}
		o["report-card"] = r
	}
	if w.err != nil {
		return nil, w.err
	}
	return o, nil
}

// sortedList writes xs in the order order gives them, each as write
// writes it: the canonical form of a list whose order means nothing. An
// empty or nil list is written as [].
func sortedList[T any](xs []T, order func(a, b T) int, write func(T) obj) []any {
	sorted := slices.Clone(xs)
	slices.SortFunc(sorted, order)
	out := []any{}
	for _, x := range sorted {
		out = append(out, write(x))
	}
	return out
}

func orEmpty(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

func (w *canon) precision(p kpi.Precision) obj {
	return obj{"places": int(p.Places), "rounding": w.word(word("rounding", p.Rounding, roundingWords))}
}

func (w *canon) margin(m kpi.Margin) obj {
	return obj{"by": canonDecimal(m.By), "unit": w.word(word("margin unit", m.Unit, marginWords))}
}

// thresholds writes a set of thresholds as given: the MSL, or the margin
// it is derived by, and its small-volume rule when it has one.
func (w *canon) thresholds(t kpi.Thresholds) obj {
	o := obj{
		"tsl":       canonDecimal(t.TSL),
		"tsl-bound": w.word(word("bound", t.TSLBound, boundWords)),
		"msl-bound": w.word(word("bound", t.MSLBound, boundWords)),
	}
	if t.MSLMargin.IsSet() {
		o["msl-margin"] = w.margin(t.MSLMargin)
	} else {
		o["msl"] = canonDecimal(t.MSL)
	}
	if v := t.SmallVolume; v.IsSet() {
		o["small-volume"] = obj{"fewer-than": int(v.FewerThan), "tsl-failures": int(v.TSLFailures), "msl-failures": int(v.MSLFailures)}
	}
	return o
}

func (w *canon) kpi(c *contract.Contract, k *contract.KPI) obj {
	d := k.Definition
	from, to := c.Window(k)
	o := obj{
		"id":        d.ID,
		"name":      d.Name,
		"unit":      w.word(word("unit", d.Unit, unitWords)),
		"direction": w.word(word("direction", d.Direction, directionWords)),
		"kind":      w.word(word("kind", d.Kind, kindWords)),
		"precision": w.precision(d.Precision),
		"from":      from.String(),
		"to":        to.String(),
		"every":     max(k.Every, 1),
	}
	var orgs []any
	for _, org := range c.OrgsOf(k) {
		orgs = append(orgs, org)
	}
	o["organisations"] = orEmpty(orgs)
	optString(o, "note", k.Note)
	unavailable := c.Absences.Unavailable
	if k.Unavailable != 0 {
		unavailable = k.Unavailable
	}
	o["unavailable"] = w.word(word("status", unavailable, statusWords))
	if d.Relative != 0 {
		o["relative"] = w.word(word("relative target", d.Relative, relativeWords))
	}
	if d.Kind != kpi.Figure && d.Relative == 0 {
		s := obj{"base": w.thresholds(d.Schedule.Base)}
		s["glide"] = sortedList(d.Schedule.Glide, func(a, b kpi.Step) int { return a.Month.Compare(b.Month) }, func(st kpi.Step) obj {
			g := w.thresholds(st.Thresholds)
			g["month"] = st.Month.String()
			return g
		})
		s["changes"] = sortedList(d.Schedule.Changes, func(a, b kpi.Change) int { return a.From.Compare(b.From) }, func(ch kpi.Change) obj {
			g := w.thresholds(ch.Thresholds)
			g["from"] = ch.From.String()
			optString(g, "note", ch.Note)
			return g
		})
		o["schedule"] = s
	}
	if len(k.Pooled) > 0 {
		var ps []any
		for _, p := range k.Pooled {
			po := obj{"kpi": p.KPI}
			optString(po, "weight", p.Weight)
			ps = append(ps, po)
		}
		o["pooled"] = ps
	}
	if k.Combine.How != 0 {
		co := obj{"how": w.word(word("combination", k.Combine.How, combineWords))}
		optString(co, "weight", k.Combine.Weight)
		o["combine"] = co
	}
	return o
}

func (w *canon) credits(r credits.Rules) obj {
	o := obj{"money": obj{"places": int(r.Money.Places), "rounding": w.word(word("rounding", r.Money.Rounding, roundingWords))}}
	switch reg := r.Regime.(type) {
	case credits.Points:
		o["regime"] = obj{"points": w.points(reg)}
	case *credits.Points:
		o["regime"] = obj{"points": w.points(*reg)}
	case scheme.Scheme:
		o["regime"] = obj{"scheme": w.scheme(reg)}
	case *scheme.Scheme:
		o["regime"] = obj{"scheme": w.scheme(*reg)}
	case credits.Pool:
		o["regime"] = obj{"pool": pool(reg)}
	case *credits.Pool:
		o["regime"] = obj{"pool": pool(*reg)}
	case credits.None, *credits.None:
		o["regime"] = obj{"none": obj{}}
	default:
		if w.err == nil {
			w.err = fmt.Errorf("canonical form: regime %T has none (want points, scheme, pool or none)", r.Regime)
		}
	}
	caps := obj{}
	optDecimal(caps, "month", r.Caps.Month)
	optDecimal(caps, "year", r.Caps.Year)
	optDecimal(caps, "rolling", r.Caps.Rolling)
	if t := r.Caps.TwoLimb; t != nil {
		caps["two-limb"] = obj{"first": canonDecimal(t.First), "estimate": canonDecimal(t.Estimate), "later": canonDecimal(t.Later)}
	}
	o["caps"] = caps
	var ts []any
	for _, t := range r.Triggers {
		to := obj{"name": t.Name, "kind": w.word(word("trigger kind", t.Kind, triggerWords))}
		if t.Kind == credits.PointsInWindow {
			to["points"] = canonDecimal(t.Points)
		}
		if t.Months != 0 {
			to["months"] = t.Months
		}
		if t.Failures != 0 {
			to["failures"] = t.Failures
		}
		ts = append(ts, to)
	}
	o["triggers"] = orEmpty(ts)
	crit := obj{"capped": r.Critical.Capped}
	var cks []any
	for _, k := range r.Critical.KPIs {
		ko := obj{"kpi": k.KPI, "red": k.Red}
		optDecimal(ko, "level", k.Level)
		cks = append(cks, ko)
	}
	crit["kpis"] = orEmpty(cks)
	o["critical"] = crit
	rule := r.Incidents.Rule
	if rule == 0 {
		rule = credits.AllCount
	}
	inc := obj{"rule": w.word(word("incident rule", rule, incidentWords))}
	var ds []any
	for _, d := range r.Incidents.Decisions {
		do := obj{"incident": d.Incident, "month": d.Month.String(), "kpi": d.KPI, "decided-by": d.DecidedBy}
		optString(do, "organisation", d.Org)
		optString(do, "note", d.Note)
		ds = append(ds, do)
	}
	inc["decisions"] = orEmpty(ds)
	o["incidents"] = inc
	if len(r.EarnBack.KPIs) > 0 { // written only when set, so that every other contract's form is as it was
		var eks []any
		for _, k := range r.EarnBack.KPIs {
			ko := obj{"kpi": k.KPI, "share": canonDecimal(k.Share)}
			if k.Following != 0 {
				ko["following"] = k.Following
			}
			optDecimal(ko, "year-mean", k.YearMean)
			if k.YearGreen != 0 {
				ko["year-green"] = k.YearGreen
			}
			eks = append(eks, ko)
		}
		o["earn-back"] = obj{"kpis": eks}
	}
	if r.PerOrganisation {
		o["per-organisation"] = true // written only when set, so that the forms of contracts before it are as they were
	}
	return o
}

func (w *canon) points(p credits.Points) obj {
	ws := sortedList(p.Weights, func(a, b credits.Weight) int {
		return cmp.Or(cmp.Compare(a.KPI, b.KPI), a.From.Compare(b.From))
	}, func(wt credits.Weight) obj {
		wo := obj{"kpi": wt.KPI, "from": wt.From.String(), "points": canonDecimal(wt.Points)}
		optString(wo, "note", wt.Note)
		return wo
	})
	return obj{"amber": canonDecimal(p.Amber), "red": canonDecimal(p.Red), "point-value": canonDecimal(p.PointValue), "weights": ws}
}

// pool is an at-risk pool's canonical form: its categories sorted by
// name, each category's KPIs by id.
func pool(p credits.Pool) obj {
	cs := sortedList(p.Categories, func(a, b credits.PoolCategory) int { return cmp.Compare(a.Name, b.Name) }, func(c credits.PoolCategory) obj {
		ko := sortedList(c.KPIs, func(a, b credits.PoolKPI) int { return cmp.Compare(a.KPI, b.KPI) }, func(k credits.PoolKPI) obj {
			return obj{"kpi": k.KPI, "share": canonDecimal(k.Share)}
		})
		return obj{"name": c.Name, "share": canonDecimal(c.Share), "kpis": ko}
	})
	return obj{"at-risk": canonDecimal(p.AtRisk), "available": canonDecimal(p.Available), "amber": canonDecimal(p.Amber),
		"red": canonDecimal(p.Red), "categories": cs}
}

func (w *canon) scheme(s scheme.Scheme) obj {
	var scores []any
	for _, sc := range s.Scores {
		var ids []any
		for _, id := range sc.KPIs {
			ids = append(ids, id)
		}
		so := obj{"kpis": orEmpty(ids)}
		switch {
		case sc.Status != nil:
			st := obj{"red": canonDecimal(sc.Status.Red)}
			if !sc.Status.NoAmber {
				st["amber"] = canonDecimal(sc.Status.Amber)
			}
			so["status"] = st
		case sc.Bands != nil:
			b := w.valuePart(sc.Bands.Direction, sc.Bands.Value, sc.Bands.Precision)
			b["bands"] = w.bands(sc.Bands.Bands)
			so["bands"] = b
		case sc.Shortfall != nil:
			f := sc.Shortfall
			b := w.valuePart(f.Direction, f.Value, f.Precision)
			b["target"], b["rate"], b["step"] = canonDecimal(f.Target), canonDecimal(f.Rate), canonDecimal(f.Step)
			so["shortfall"] = b
		case sc.ShortfallBands != nil:
			f := sc.ShortfallBands
			b := w.valuePart(f.Direction, f.Value, f.Precision)
			b["target"], b["bands"] = canonDecimal(f.Target), w.bands(f.Bands)
			so["shortfall-bands"] = b
		case sc.Deduction != nil:
			f := sc.Deduction
			b := w.valuePart(f.Direction, f.Value, f.Precision)
			b["required"], b["available"] = canonDecimal(f.Required), canonDecimal(f.Available)
			so["deduction"] = b
		case sc.Allocation != nil:
			a := sc.Allocation
			so["allocation"] = obj{"at-risk": canonDecimal(a.AtRisk), "category": a.Category,
				"category-share": canonDecimal(a.CategoryShare), "kpi-share": canonDecimal(a.KPIShare)}
		case sc.Curve != nil:
			f := sc.Curve
			b := w.valuePart(f.Direction, f.Value, f.Precision)
			var ps []any // in the curve's order, which is the values' order
			for _, p := range f.Points {
				ps = append(ps, obj{"value": canonDecimal(p.Value), "earned": canonDecimal(p.Earned)})
			}
			b["linked"], b["earned-precision"], b["points"] = canonDecimal(f.Linked), w.precision(f.EarnedPrecision), orEmpty(ps)
			so["curve"] = b
		}
		scores = append(scores, so)
	}
	o := obj{"scores": orEmpty(scores)}
	if s.Amber.Nth != 0 || s.Amber.Within != 0 {
		o["amber-rule"] = obj{"nth": s.Amber.Nth, "within": s.Amber.Within}
	}
	if !s.Repeat.Multiplier.IsZero() || s.Repeat.Nth != 0 || s.Repeat.Within != 0 {
		o["repeat"] = obj{"multiplier": canonDecimal(s.Repeat.Multiplier), "nth": s.Repeat.Nth, "within": s.Repeat.Within}
	}
	if s.Mitigated != 0 {
		o["mitigated"] = w.word(word("mitigated", s.Mitigated, mitigatedWords))
	}
	p := s.Price
	po := obj{"basis": w.word(word("price basis", p.Basis, priceWords))}
	switch p.Basis {
	case scheme.PerPoint:
		po["value"], po["allowance"] = canonDecimal(p.Value), canonDecimal(p.Allowance)
		var rs []any
		for _, r := range p.Ratchet {
			rs = append(rs, obj{"above": canonDecimal(r.Above), "multiplier": canonDecimal(r.Multiplier)})
		}
		po["ratchet"] = orEmpty(rs)
	case scheme.PointsTable:
		var rs []any
		for _, r := range p.Table {
			rs = append(rs, obj{"points": canonDecimal(r.Points), "percent": canonDecimal(r.Percent)})
		}
		po["table"] = orEmpty(rs)
	case scheme.PercentPerPoint:
		po["percent"] = canonDecimal(p.Percent)
	}
	o["price"] = po
	return o
}

func (w *canon) valuePart(dir kpi.Direction, v scheme.ValueBasis, p kpi.Precision) obj {
	o := obj{"direction": w.word(word("direction", dir, directionWords)), "value": w.word(word("value basis", v, basisWords))}
	if v == scheme.TableRounded {
		o["precision"] = w.precision(p)
	}
	return o
}

// bands writes a band table in the order of the bands' names, which are
// unique: the table's order means nothing.
func (w *canon) bands(bs []scheme.Band) []any {
	return sortedList(bs, func(a, b scheme.Band) int { return cmp.Compare(a.Name, b.Name) }, func(b scheme.Band) obj {
		bo := obj{"name": b.Name, "points": canonDecimal(b.Points), "material": b.Material}
		if b.Min != nil {
			bo["min"], bo["min-edge"] = canonDecimal(*b.Min), w.word(word("edge", b.MinEdge, edgeWords))
		}
		if b.Max != nil {
			bo["max"], bo["max-edge"] = canonDecimal(*b.Max), w.word(word("edge", b.MaxEdge, edgeWords))
		}
		return bo
	})
}
