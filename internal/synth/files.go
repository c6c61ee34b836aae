package synth

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// WriteFiles writes p as the files the command-line tool reads, in dir:
// contract.yaml, measurements.csv and mitigations.csv (see
// docs/contract-format.md). The contract file holds the credit rules of
// every regime Generate makes, the customer's incident decisions
// included; the measurements file has an incidents column when a
// measurement names an incident. It writes what Generate makes and no
// more: a KPI with changes, strict bounds or an MSL margin, an assessment
// period, pooled or combined parts, a relative target, its own
// organisations or absence rule, a deemed mitigation, or a regime other
// than credits.Points, credits.None, credits.Pool and scheme.Scheme is an
// error, never
// left out silently.
func WriteFiles(dir string, p Portfolio) error {
	for _, f := range []struct {
		name  string
		write func(io.Writer, Portfolio) error
	}{{"contract.yaml", writeContract}, {"measurements.csv", writeMeasurements}, {"mitigations.csv", writeMitigations}} {
		if err := writeFile(filepath.Join(dir, f.name), func(w io.Writer) error { return f.write(w, p) }); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	if err := write(b); err != nil {
		f.Close()
		return err
	}
	if err := b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WriteMeasurements writes p's measurements as a measurements CSV.
func WriteMeasurements(w io.Writer, p Portfolio) error { return writeMeasurements(w, p) }

// printer writes formatted text and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// optDecimal writes the line "key: d", indented by in, when d is not
// zero: the format reads the field, left out, as zero.
func (p *printer) optDecimal(in, key string, d decimal.Decimal) {
	if !d.IsZero() {
		p.printf("%s%s: %q\n", in, key, v(d))
	}
}

// v formats d with exactly the places it holds, which the loader reads
// back as the same decimal.
func v(d decimal.Decimal) string { return kpi.FormatValue(d) }

func writeContract(w io.Writer, p Portfolio) error {
	c := p.Contract
	out := &printer{w: w}
	switch c.Credits.Regime.(type) {
	case credits.Points, credits.None, scheme.Scheme, credits.Pool:
	default:
		return fmt.Errorf("synth: contract %q: regime %T cannot be written", c.Name, c.Credits.Regime)
	}
	out.printf("name: %q\ncustomer: %q\nsupplier: %q\ncommencement: %s\nterm: %d\norganisations: [", c.Name, c.Customer, c.Supplier, c.Commencement, c.Term)
	for i, o := range c.Orgs {
		if i > 0 {
			out.printf(", ")
		}
		out.printf("%q", o)
	}
	out.printf("]\ncharges:\n")
	for _, ch := range c.Charges {
		out.printf("  - {organisation: %q, from: %s, amount: %q, note: %q}\n", ch.Org, ch.From, v(ch.Amount), ch.Note)
	}
	out.printf("absences: {missing: %s, unavailable: %s}\nkpis:\n", c.Absences.Missing, c.Absences.Unavailable)
	for _, k := range c.KPIs {
		plain := !slices.ContainsFunc(k.Schedule.Glide, func(st kpi.Step) bool { return !levelsOnly(st.Thresholds) })
		if !plain || !levelsOnly(k.Schedule.Base) || len(k.Schedule.Changes) > 0 || k.Every > 1 || len(k.Pooled) > 0 || k.Combine.How != 0 || k.Relative != 0 || k.Orgs != nil || k.Unavailable != 0 {
			return fmt.Errorf("synth: contract %q: kpi %s has parts WriteFiles does not write", c.Name, k.ID)
		}
		out.printf("  - id: %s\n    name: %q\n    kind: %s\n    unit: %s\n    direction: %s\n    precision: {places: %d, rounding: %s}\n",
			k.ID, k.Name, k.Kind, k.Unit, k.Direction, k.Precision.Places, k.Precision.Rounding)
		out.printf("    tsl: %q\n    msl: %q\n", v(k.Schedule.Base.TSL), v(k.Schedule.Base.MSL))
		if len(k.Schedule.Glide) > 0 {
			out.printf("    glide:\n")
			for _, st := range k.Schedule.Glide {
				out.printf("      - {month: %s, tsl: %q, msl: %q}\n", st.Month, v(st.Thresholds.TSL), v(st.Thresholds.MSL))
			}
		}
		if !k.From.IsZero() {
			out.printf("    from: %s\n", k.From)
		}
		if !k.To.IsZero() {
			out.printf("    to: %s\n", k.To)
		}
	}
	out.printf("credits:\n  regime:\n")
	switch rg := c.Credits.Regime.(type) {
	case credits.Points:
		writePoints(out, rg)
	case credits.None:
		out.printf("    none: {}\n")
	case scheme.Scheme:
		writeScheme(out, rg)
	case credits.Pool:
		writePool(out, rg)
	}
	writeRules(out, c.Credits)
	return out.err
}

// levelsOnly reports whether t is a TSL and an MSL, inclusive, with no
// margin: all that WriteFiles writes of thresholds.
func levelsOnly(t kpi.Thresholds) bool {
	return t.TSLBound == kpi.Inclusive && t.MSLBound == kpi.Inclusive && !t.MSLMargin.IsSet()
}

func writePoints(out *printer, pts credits.Points) {
	out.printf("    points:\n      amber: %q\n      red: %q\n      point-value: %q\n      weights:\n", v(pts.Amber), v(pts.Red), v(pts.PointValue))
	for _, wt := range pts.Weights {
		out.printf("        - {kpi: %s, points: %q", wt.KPI, v(wt.Points))
		if !wt.From.IsZero() {
			out.printf(", from: %s", wt.From)
		}
		if wt.Note != "" {
			out.printf(", note: %q", wt.Note)
		}
		out.printf("}\n")
	}
}

func writePool(out *printer, p credits.Pool) {
	out.printf("    pool:\n      at-risk: %q\n      available: %q\n      amber: %q\n      red: %q\n      categories:\n",
		v(p.AtRisk), v(p.Available), v(p.Amber), v(p.Red))
	for _, c := range p.Categories {
		out.printf("        - name: %q\n          share: %q\n          kpis:\n", c.Name, v(c.Share))
		for _, k := range c.KPIs {
			out.printf("            - {kpi: %s, share: %q}\n", k.KPI, v(k.Share))
		}
	}
}

func writeScheme(out *printer, s scheme.Scheme) {
	out.printf("    scheme:\n      scores:\n")
	for _, sc := range s.Scores {
		out.printf("        - kpis: [%s]\n", strings.Join(sc.KPIs, ", "))
		const in = "          "
		switch {
		case sc.Status != nil:
			if sc.Status.NoAmber {
				out.printf(in+"status: {red: %q}\n", v(sc.Status.Red))
			} else {
				out.printf(in+"status: {amber: %q, red: %q}\n", v(sc.Status.Amber), v(sc.Status.Red))
			}
		case sc.Bands != nil:
			b := sc.Bands
			out.printf(in + "bands:\n")
			writeBasis(out, in+"  ", b.Direction, b.Value, b.Precision)
			writeBands(out, in+"  ", b.Bands)
		case sc.Shortfall != nil:
			sf := sc.Shortfall
			out.printf(in+"shortfall:\n"+in+"  target: %q\n"+in+"  rate: %q\n", v(sf.Target), v(sf.Rate))
			out.optDecimal(in+"  ", "step", sf.Step)
			writeBasis(out, in+"  ", sf.Direction, sf.Value, sf.Precision)
		case sc.ShortfallBands != nil:
			sb := sc.ShortfallBands
			out.printf(in+"shortfall-bands:\n"+in+"  target: %q\n", v(sb.Target))
			writeBasis(out, in+"  ", sb.Direction, sb.Value, sb.Precision)
			writeBands(out, in+"  ", sb.Bands)
		case sc.Deduction != nil:
			d := sc.Deduction
			out.printf(in+"deduction:\n"+in+"  required: %q\n"+in+"  available: %q\n", v(d.Required), v(d.Available))
			writeBasis(out, in+"  ", d.Direction, d.Value, d.Precision)
		case sc.Allocation != nil:
			a := sc.Allocation
			out.printf(in+"allocation: {at-risk: %q, category: %q, category-share: %q, kpi-share: %q}\n",
				v(a.AtRisk), a.Category, v(a.CategoryShare), v(a.KPIShare))
		case sc.Curve != nil:
			c := sc.Curve
			out.printf(in+"curve:\n"+in+"  linked: %q\n", v(c.Linked))
			writeBasis(out, in+"  ", c.Direction, c.Value, c.Precision)
			out.printf(in+"  earned-precision: {places: %d, rounding: %s}\n"+in+"  points:\n", c.EarnedPrecision.Places, c.EarnedPrecision.Rounding)
			for _, pt := range c.Points {
				out.printf(in+"    - {value: %q, earned: %q}\n", v(pt.Value), v(pt.Earned))
			}
		}
	}
	if a := s.Amber; a != (scheme.AmberRule{}) {
		out.printf("      amber-rule: {nth: %d, within: %d}\n", a.Nth, a.Within)
	}
	if rp := s.Repeat; rp.Nth != 0 || rp.Within != 0 || !rp.Multiplier.IsZero() {
		out.printf("      repeat: {multiplier: %q, nth: %d, within: %d}\n", v(rp.Multiplier), rp.Nth, rp.Within)
	}
	if s.Mitigated != 0 {
		out.printf("      mitigated: %s\n", s.Mitigated)
	}
	pr := s.Price
	out.printf("      price:\n        basis: %s\n", pr.Basis)
	out.optDecimal("        ", "value", pr.Value)
	out.optDecimal("        ", "allowance", pr.Allowance)
	if len(pr.Ratchet) > 0 {
		out.printf("        ratchet:\n")
		for _, rt := range pr.Ratchet {
			out.printf("          - {above: %q, multiplier: %q}\n", v(rt.Above), v(rt.Multiplier))
		}
	}
	out.optDecimal("        ", "percent", pr.Percent)
	if len(pr.Table) > 0 {
		out.printf("        table:\n")
		for _, row := range pr.Table {
			out.printf("          - {points: %q, percent: %q}\n", v(row.Points), v(row.Percent))
		}
	}
}

// writeBasis writes a scoring part's direction, value basis and, when it
// has one, its table's precision, indented by in.
func writeBasis(out *printer, in string, dir kpi.Direction, value scheme.ValueBasis, p kpi.Precision) {
	out.printf(in+"direction: %s\n"+in+"value: %s\n", dir, value)
	if p != (kpi.Precision{}) {
		out.printf(in+"precision: {places: %d, rounding: %s}\n", p.Places, p.Rounding)
	}
}

// writeBands writes a band table, indented by in.
func writeBands(out *printer, in string, bands []scheme.Band) {
	out.printf("%sbands:\n", in)
	for _, b := range bands {
		out.printf(in+"  - {name: %q", b.Name)
		if b.Min != nil {
			out.printf(", min: %q, min-edge: %s", v(*b.Min), edgeWord(b.MinEdge))
		}
		if b.Max != nil {
			out.printf(", max: %q, max-edge: %s", v(*b.Max), edgeWord(b.MaxEdge))
		}
		out.printf(", points: %q", v(b.Points))
		if b.Material {
			out.printf(", material: true")
		}
		out.printf("}\n")
	}
}

// edgeWord returns a band edge in the contract file's words: inclusive
// or exclusive.
func edgeWord(e kpi.Bound) string {
	if e == kpi.Strict {
		return "exclusive"
	}
	return "inclusive"
}

// writeRules writes the credit rules other than the regime: caps,
// triggers, the critical and incident rules, and the money.
func writeRules(out *printer, rs credits.Rules) {
	if rs.PerOrganisation {
		out.printf("  per-organisation: true\n")
	}
	cs := rs.Caps
	if cs.Month != nil || cs.Year != nil || cs.Rolling != nil || cs.TwoLimb != nil {
		out.printf("  caps:\n")
	}
	if cs.Month != nil {
		out.printf("    month: %q\n", v(*cs.Month))
	}
	if cs.Year != nil {
		out.printf("    year: %q\n", v(*cs.Year))
	}
	if cs.Rolling != nil {
		out.printf("    rolling: %q\n", v(*cs.Rolling))
	}
	if t := cs.TwoLimb; t != nil {
		out.printf("    two-limb: {first: %q, estimate: %q, later: %q}\n", v(t.First), v(t.Estimate), v(t.Later))
	}
	if len(rs.Triggers) > 0 {
		out.printf("  triggers:\n")
	}
	for _, t := range rs.Triggers {
		out.printf("    - {name: %q, kind: %s", t.Name, t.Kind)
		if !t.Points.IsZero() {
			out.printf(", points: %q", v(t.Points))
		}
		if t.Months != 0 {
			out.printf(", months: %d", t.Months)
		}
		if t.Failures != 0 {
			out.printf(", failures: %d", t.Failures)
		}
		out.printf("}\n")
	}
	if cr := rs.Critical; len(cr.KPIs) > 0 {
		out.printf("  critical:\n    kpis:\n")
		for _, k := range cr.KPIs {
			out.printf("      - {kpi: %s", k.KPI)
			if k.Red {
				out.printf(", red: true")
			}
			if k.Level != nil {
				out.printf(", level: %q", v(*k.Level))
			}
			out.printf("}\n")
		}
		if cr.Capped {
			out.printf("    capped: true\n")
		}
	}
	if in := rs.Incidents; in.Rule != 0 {
		out.printf("  incidents:\n    rule: %s\n", in.Rule)
		if len(in.Decisions) > 0 {
			out.printf("    decisions:\n")
		}
		for _, d := range in.Decisions {
			out.printf("      - {incident: %q, month: %s, kpi: %s", d.Incident, d.Month, d.KPI)
			if d.Org != "" {
				out.printf(", organisation: %q", d.Org)
			}
			out.printf(", decided-by: %q", d.DecidedBy)
			if d.Note != "" {
				out.printf(", note: %q", d.Note)
			}
			out.printf("}\n")
		}
	}
	if eb := rs.EarnBack; len(eb.KPIs) > 0 {
		out.printf("  earn-back:\n    kpis:\n")
		for _, k := range eb.KPIs {
			out.printf("      - {kpi: %s, share: %q", k.KPI, v(k.Share))
			if k.Following != 0 {
				out.printf(", following: %d", k.Following)
			}
			if k.YearMean != nil {
				out.printf(", year-mean: %q", v(*k.YearMean))
			}
			if k.YearGreen != 0 {
				out.printf(", year-green: %d", k.YearGreen)
			}
			out.printf("}\n")
		}
	}
	out.printf("  money: {places: %d, rounding: %s}\n", rs.Money.Places, rs.Money.Rounding)
}

func writeMeasurements(w io.Writer, p Portfolio) error {
	out := &printer{w: w}
	incidents := slices.ContainsFunc(p.Measurements, func(m kpi.Measurement) bool { return len(m.Incidents) > 0 })
	out.printf("kpi,organisation,month,value")
	if incidents {
		out.printf(",incidents")
	}
	out.printf("\n")
	for _, m := range p.Measurements {
		value := kpi.FormatValue(m.Value)
		switch m.Absent {
		case kpi.Unavailable:
			value = "UNVL"
		case kpi.NotApplicable:
			value = "N/A"
		}
		out.printf("%s,%s,%s,%s", m.KPI, m.Org, m.Month, value)
		if incidents {
			out.printf(",%s", strings.Join(m.Incidents, ";"))
		}
		out.printf("\n")
	}
	return out.err
}

func writeMitigations(w io.Writer, p Portfolio) error {
	out := &printer{w: w}
	out.printf("ref,kpi,organisation,from,to,reason,effect\n")
	for _, r := range p.Mitigations {
		if r.Effect != mitigation.Relief {
			return fmt.Errorf("synth: mitigation %s: effect %s: WriteFiles writes relief only", r.Ref, r.Effect)
		}
		out.printf("%s,%s,%s,%s,%s,%s,%s\n", r.Ref, r.KPI, r.Org, r.From, r.Last(), r.Reason, r.Effect)
	}
	return out.err
}
