package load

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	measureplan "github.com/servicecredit/engine/measure/plan"
	"github.com/servicecredit/engine/measure/planfile"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v4"
)

// The contract file's structures. Every field is a pointer so that a
// missing field is told apart from a zero one; see docs/contract-format.md.
type (
	contractDTO struct {
		Name          *yString     `yaml:"name"`
		Customer      *yString     `yaml:"customer"`
		Supplier      *yString     `yaml:"supplier"`
		Commencement  *yMonth      `yaml:"commencement"`
		Term          *yWhole      `yaml:"term"`
		Organisations []yString    `yaml:"organisations"`
		Charges       []chargeDTO  `yaml:"charges"`
		Absences      *absencesDTO `yaml:"absences"`
		KPIs          []kpiDTO     `yaml:"kpis"`
		Credits       *creditsDTO  `yaml:"credits"`
		ReportCard    *cardDTO     `yaml:"report-card"`
		Measurement   yaml.Node    `yaml:"measurement"` // read by Plan (a yaml.Node, not a pointer: the library decodes a *yaml.Node as a struct)
		Reconcile     yaml.Node    `yaml:"reconcile"`   // read by ContractRelations
	}
	cardDTO struct {
		Variance *marginDTO `yaml:"variance"`
	}
	combineDTO struct {
		How    *yCombination `yaml:"how"`
		Weight *yString      `yaml:"weight"`
	}
	chargeDTO struct {
		Organisation *yString  `yaml:"organisation"`
		From         *yMonth   `yaml:"from"`
		Amount       *yDecimal `yaml:"amount"`
		Note         *yString  `yaml:"note"`
	}
	absencesDTO struct {
		Missing     *yStatus `yaml:"missing"`
		Unavailable *yStatus `yaml:"unavailable"`
	}
	kpiDTO struct {
		ID            *yString      `yaml:"id"`
		Name          *yString      `yaml:"name"`
		Kind          *yKind        `yaml:"kind"`
		Unit          *yUnit        `yaml:"unit"`
		Direction     *yDirection   `yaml:"direction"`
		Precision     *precisionDTO `yaml:"precision"`
		levelsDTO     `yaml:",inline"`
		Relative      *yRelative  `yaml:"relative"`
		Glide         []stepDTO   `yaml:"glide"`
		Changes       []changeDTO `yaml:"changes"`
		From          *yMonth     `yaml:"from"`
		To            *yMonth     `yaml:"to"`
		Organisations []yString   `yaml:"organisations"`
		Unavailable   *yStatus    `yaml:"unavailable"`
		Pooled        []partDTO   `yaml:"pooled"`
		Combine       *combineDTO `yaml:"combine"`
		Every         *yWhole     `yaml:"every"`
		Measure       yaml.Node   `yaml:"measure"` // read by Plan
		Note          *yString    `yaml:"note"`
	}
	marginDTO struct {
		By   *yDecimal    `yaml:"by"`
		Unit *yMarginUnit `yaml:"unit"`
	}
	volumeDTO struct {
		FewerThan   *yWhole `yaml:"fewer-than"`
		TSLFailures *yWhole `yaml:"tsl-failures"`
		MSLFailures *yWhole `yaml:"msl-failures"`
	}
	partDTO struct {
		KPI    *yString `yaml:"kpi"`
		Weight *yString `yaml:"weight"`
	}
	precisionDTO struct {
		Places   *yWhole    `yaml:"places"`
		Rounding *yRounding `yaml:"rounding"`
	}
	// levelsDTO is the threshold fields a KPI, a glide step and a change
	// share, inlined in each.
	levelsDTO struct {
		TSL         *yDecimal  `yaml:"tsl"`
		MSL         *yDecimal  `yaml:"msl"`
		TSLBound    *yBound    `yaml:"tsl-bound"`
		MSLBound    *yBound    `yaml:"msl-bound"`
		MSLMargin   *marginDTO `yaml:"msl-margin"`
		SmallVolume *volumeDTO `yaml:"small-volume"`
	}
	stepDTO struct {
		Month     *yMonth `yaml:"month"`
		levelsDTO `yaml:",inline"`
	}
	changeDTO struct {
		From      *yMonth `yaml:"from"`
		levelsDTO `yaml:",inline"`
		Note      *yString `yaml:"note"`
	}
	moneyDTO struct {
		Places   *yWhole    `yaml:"places"`
		Rounding *yRounding `yaml:"rounding"`
	}
)

// Contract reads a contract file: YAML, or JSON (which is read by the same
// loader, being YAML), as docs/contract-format.md describes. name is the
// file's name, used in errors only.
//
// It reports every problem it finds, each as an *Error naming the file,
// line, column and field, sorted by place and joined: syntax errors,
// unknown or repeated fields, missing required fields, values that do not
// parse, fields that exclude each other (msl and msl-margin) or that the
// KPI's kind forbids (thresholds for a figure or a relative target), and
// then everything contract.Contract.Validate finds. The
// engine's checks run once the file has been read without a problem; a
// KPI's own definition is checked as soon as its fields have been read. On
// any problem it returns no contract. A file with a measurement plan or a
// reconcile section has them checked as Plan and ContractRelations check
// them, once the rest has been read without a problem.
func Contract(name string, data []byte) (*contract.Contract, error) {
	ps := &problems{file: name}
	var dto contractDTO
	doc := decodeYAML(ps, data, &dto)
	if doc == nil {
		return nil, ps.err()
	}
	cv := &converter{doc: doc, ps: ps}
	c := cv.contract(&dto)
	if !ps.ok() {
		return nil, ps.err()
	}
	cv.validate(c, &dto)
	if !ps.ok() {
		return nil, ps.err()
	}
	if err := plan(name, data, &dto); err != nil {
		return nil, err
	}
	if err := contractRelations(name, data, c, &dto.Reconcile); err != nil {
		return nil, err
	}
	return c, nil
}

// Plan reads the measurement plan a contract file carries: the
// measurement section (record-zone and calendars, as a plan file's) and
// each KPI's measure recipe, as docs/records.md describes. It returns nil
// when the file names no recipe. Problems are reported as planfile reports
// them, at the contract file's lines and columns. Plan does not check the
// rest of the contract: Contract does, and calls Plan.
func Plan(name string, data []byte) (*measureplan.Plan, error) {
	return planfile.ReadContract(name, data)
}

// plan checks the measurement plan of data, a contract file read as dto,
// when it carries one.
func plan(name string, data []byte, dto *contractDTO) error {
	m := &dto.Measurement
	if m.Kind != 0 && m.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d:%d: measurement: want a mapping of record-zone and calendars: %w", name, m.Line, m.Column, ErrInvalid)
	}
	recipes := m.Kind != 0
	for _, k := range dto.KPIs {
		recipes = recipes || k.Measure.Kind != 0
	}
	if !recipes {
		return nil
	}
	_, err := Plan(name, data)
	return err
}

type converter struct {
	doc *document
	ps  *problems
}

func (cv *converter) str(path string, v *yString, want string) string {
	if v == nil {
		if want != "" {
			cv.doc.missing(path, want)
		}
		return ""
	}
	return v.s
}

func (cv *converter) dec(path string, v *yDecimal, want string) decimal.Decimal {
	if v == nil {
		cv.doc.missing(path, want)
		return decimal.Decimal{}
	}
	return v.d
}

func (cv *converter) month(path string, v *yMonth, want string) kpi.Month {
	if v == nil {
		if want != "" {
			cv.doc.missing(path, want)
		}
		return kpi.Month{}
	}
	return v.m
}

func (cv *converter) whole(path string, v *yWhole, want string) int {
	if v == nil {
		cv.doc.missing(path, want)
		return 0
	}
	return v.n
}

func word[T any, P textPtr[T]](cv *converter, path string, v *yWord[T, P], want string) T {
	if v == nil {
		cv.doc.missing(path, want)
		var zero T
		return zero
	}
	return v.v
}

// each reads the list ds at path with read, which is given each item's
// path ("kpis[2]") and the item, and returns what read returns, in order;
// nil for no items.
func each[D, T any](path string, ds []D, read func(p string, d *D) T) []T {
	var out []T
	for i := range ds {
		out = append(out, read(fmt.Sprintf("%s[%d]", path, i), &ds[i]))
	}
	return out
}

// mapping reports a required mapping that is missing.
func (cv *converter) mapping(path string, present bool, want string) bool {
	if !present {
		cv.doc.missing(path, want)
	}
	return present
}

func (cv *converter) contract(d *contractDTO) *contract.Contract {
	c := &contract.Contract{
		Name:         cv.str("name", d.Name, "the contract's name"),
		Customer:     cv.str("customer", d.Customer, "the customer's name"),
		Supplier:     cv.str("supplier", d.Supplier, "the supplier's name"),
		Commencement: cv.month("commencement", d.Commencement, "the service commencement month, such as 2015-04"),
		Term:         cv.whole("term", d.Term, "the number of months the contract runs, such as 96"),
		Orgs:         texts(d.Organisations),
	}
	if d.Organisations == nil {
		cv.doc.missing("organisations", "a list of the organisations served, such as [LCC]")
	}
	if len(d.Charges) == 0 {
		cv.doc.missing("charges", "a list of monthly charges")
	}
	c.Charges = each("charges", d.Charges, func(p string, ch *chargeDTO) contract.Charge {
		return contract.Charge{
			Org:    cv.str(p+".organisation", ch.Organisation, "the organisation charged"),
			From:   cv.month(p+".from", ch.From, "the first month of the charge, such as 2015-04"),
			Amount: cv.dec(p+".amount", ch.Amount, "the monthly charge, such as 850000.00"),
			Note:   cv.str(p+".note", ch.Note, ""),
		}
	})
	if cv.mapping("absences", d.Absences != nil, "absences: {missing: red, unavailable: red}") {
		c.Absences = contract.Absences{
			Missing:     word(cv, "absences.missing", d.Absences.Missing, "red or unmeasured"),
			Unavailable: word(cv, "absences.unavailable", d.Absences.Unavailable, "red or unmeasured"),
		}
	}
	if len(d.KPIs) == 0 {
		cv.doc.missing("kpis", "a list of indicators")
	}
	for i := range d.KPIs {
		p := fmt.Sprintf("kpis[%d]", i)
		k := cv.kpi(p, &d.KPIs[i])
		if !cv.problemsUnder(p) {
			cv.definition(i, k)
		}
		c.KPIs = append(c.KPIs, k)
	}
	if cv.mapping("credits", d.Credits != nil, "the credit regime, caps and money rounding") {
		c.Credits = cv.credits(d.Credits)
		cv.noAmber(c)
	}
	if d.ReportCard != nil {
		c.ReportCard = &contract.ReportCard{}
	}
	if d.ReportCard != nil && d.ReportCard.Variance != nil {
		const q = "report-card.variance"
		c.ReportCard.Variance = kpi.Margin{
			By:   cv.dec(q+".by", d.ReportCard.Variance.By, "how far from the tsl a value must be to get a card, such as 5"),
			Unit: word(cv, q+".unit", d.ReportCard.Variance.Unit, "points or percent-of-tsl"),
		}
	}
	return c
}

// problemsUnder reports whether a problem was recorded in the part of the
// file at path, so that checks needing that part whole are skipped.
func (cv *converter) problemsUnder(path string) bool {
	for _, e := range cv.ps.list {
		if e.Field == path || strings.HasPrefix(e.Field, path+".") || strings.HasPrefix(e.Field, path+"[") {
			return true
		}
	}
	return false
}

func (cv *converter) kpi(p string, d *kpiDTO) contract.KPI {
	k := contract.KPI{Definition: kpi.Definition{
		ID:        cv.str(p+".id", d.ID, "the indicator's reference, such as KPI05"),
		Name:      cv.str(p+".name", d.Name, "the indicator's description"),
		Kind:      word(cv, p+".kind", d.Kind, "kpi, pi or figure"),
		Unit:      word(cv, p+".unit", d.Unit, "percent, count, score or ratio"),
		Direction: cv.direction(p, d.Direction),
	}}
	if cv.mapping(p+".precision", d.Precision != nil, "precision: {places: 1, rounding: half-up}") {
		k.Precision = cv.precision(p+".precision", d.Precision, "the decimal places kept, such as 1")
	}
	figure := d.Kind != nil && d.Kind.v == kpi.Figure
	if figure && d.Relative != nil {
		cv.ps.add(cv.doc.at(p+".relative"), p+".relative", "given for a figure, which has no target (leave it out)", nil)
	} else if d.Relative != nil {
		k.Relative = d.Relative.v
	}
	switch {
	case figure:
		cv.noLevels(p, "a figure, which has no target")
	case d.Relative != nil:
		cv.noLevels(p, fmt.Sprintf("a relative target (%s), which has no fixed levels", d.Relative.v))
	default:
		k.Schedule.Base = cv.thresholds(p, &d.levelsDTO,
			"the target service level, such as 99.5", "the minimum service level, such as 99.0")
		k.Schedule.Glide = each(p+".glide", d.Glide, func(q string, st *stepDTO) kpi.Step {
			return kpi.Step{
				Month: cv.month(q+".month", st.Month, "the month of the glide-path step, such as 2021-07"),
				Thresholds: cv.thresholds(q, &st.levelsDTO,
					"the step's target service level", "the step's minimum service level"),
			}
		})
		k.Schedule.Changes = each(p+".changes", d.Changes, func(q string, ch *changeDTO) kpi.Change {
			return kpi.Change{
				From: cv.month(q+".from", ch.From, "the first month of the change, such as 2022-01"),
				Thresholds: cv.thresholds(q, &ch.levelsDTO,
					"the target service level from then on", "the minimum service level from then on"),
				Note: cv.str(q+".note", ch.Note, ""),
			}
		})
	}
	k.From = cv.month(p+".from", d.From, "")
	k.To = cv.month(p+".to", d.To, "")
	k.Orgs = texts(d.Organisations)
	if d.Unavailable != nil {
		k.Unavailable = d.Unavailable.v
	}
	k.Pooled = cv.pooled(p, d.Pooled)
	if d.Pooled != nil {
		cv.noVolume(p, d)
	}
	if d.Every != nil {
		k.Every = cv.whole(p+".every", d.Every, "the months each assessment covers, such as 3 for quarterly")
	}
	if d.Combine != nil {
		k.Combine = contract.Combine{
			How:    word(cv, p+".combine.how", d.Combine.How, "summed, weighted or repooled"),
			Weight: cv.str(p+".combine.weight", d.Combine.Weight, ""),
		}
	}
	k.Note = cv.str(p+".note", d.Note, "")
	return k
}

// thresholds reads the threshold fields of the mapping at p: a tsl, and
// either an msl or an msl-margin, with optional bounds and an optional
// small-volume rule.
func (cv *converter) thresholds(p string, l *levelsDTO, tslWant, mslWant string) kpi.Thresholds {
	t := kpi.Thresholds{TSL: cv.dec(p+".tsl", l.TSL, tslWant)}
	if l.TSLBound != nil {
		t.TSLBound = kpi.Bound(l.TSLBound.v)
	}
	if l.MSLBound != nil {
		t.MSLBound = kpi.Bound(l.MSLBound.v)
	}
	switch {
	case l.MSLMargin != nil && l.MSL != nil:
		cv.ps.add(cv.doc.at(p+".msl-margin"), p+".msl-margin", "given as well as msl (want one of them: an msl, or a margin from the tsl)", nil)
	case l.MSLMargin != nil && cv.problemsUnder(p+".msl-margin"):
		// not a mapping, or a field that does not parse: already reported
	case l.MSLMargin != nil:
		q := p + ".msl-margin"
		t.MSLMargin = kpi.Margin{
			By:   cv.dec(q+".by", l.MSLMargin.By, "how far the msl lies from the tsl, such as 5"),
			Unit: word(cv, q+".unit", l.MSLMargin.Unit, "points or percent-of-tsl"),
		}
	default:
		t.MSL = cv.dec(p+".msl", l.MSL, mslWant+", or an msl-margin")
	}
	if l.SmallVolume != nil && !cv.problemsUnder(p+".small-volume") {
		q := p + ".small-volume"
		t.SmallVolume = kpi.SmallVolume{
			FewerThan:   int32(cv.whole(q+".fewer-than", l.SmallVolume.FewerThan, "the volume below which the rule applies, such as 20 for \"fewer than 20 tickets\"")),
			TSLFailures: int32(cv.whole(q+".tsl-failures", l.SmallVolume.TSLFailures, "the most failures that meet the tsl, such as 1")),
			MSLFailures: int32(cv.whole(q+".msl-failures", l.SmallVolume.MSLFailures, "the most failures that meet the msl, such as 2")),
		}
	}
	return t
}

// noLevels reports every threshold field given in the KPI at p, which has
// none: a figure or a relative target.
func (cv *converter) noLevels(p, what string) {
	for _, f := range []string{"tsl", "msl", "tsl-bound", "msl-bound", "msl-margin", "small-volume", "glide", "changes"} {
		if cv.doc.present(p + "." + f) {
			cv.ps.add(cv.doc.at(p+"."+f), p+"."+f, "given for "+what+" (leave it out)", nil)
		}
	}
}

// noVolume reports every small-volume rule of the pooled KPI at p: its
// value is computed from its parts' values and has no counts to judge.
func (cv *converter) noVolume(p string, d *kpiDTO) {
	at := []string{p}
	for j := range d.Glide {
		at = append(at, fmt.Sprintf("%s.glide[%d]", p, j))
	}
	for j := range d.Changes {
		at = append(at, fmt.Sprintf("%s.changes[%d]", p, j))
	}
	for _, q := range at {
		if f := q + ".small-volume"; cv.doc.present(f) {
			cv.ps.add(cv.doc.at(f), f, "given for a pooled kpi, whose value is computed from its parts' values and has no counts to judge (leave it out)", nil)
		}
	}
}

// pooled reads the parts of a pooled KPI.
func (cv *converter) pooled(p string, parts []partDTO) []contract.Part {
	if parts == nil {
		return nil
	}
	if len(parts) == 0 {
		cv.ps.add(cv.doc.at(p+".pooled"), p+".pooled", "empty list (want at least one part, such as {kpi: P1, weight: P1_VOL}, or leave it out)", nil)
		return nil
	}
	out := make([]contract.Part, 0, len(parts))
	seen := map[string]int{}
	for j, part := range parts {
		q := fmt.Sprintf("%s.pooled[%d]", p, j)
		pt := contract.Part{
			KPI:    cv.str(q+".kpi", part.KPI, "the id of the percentage kpi pooled, such as P1"),
			Weight: cv.str(q+".weight", part.Weight, ""),
		}
		if first, dup := seen[pt.KPI]; dup && part.KPI != nil {
			cv.ps.addf(cv.doc.at(q+".kpi"), q+".kpi", "part %s listed twice (first as pooled[%d])", pt.KPI, first)
		} else if part.KPI != nil {
			seen[pt.KPI] = j
		}
		out = append(out, pt)
	}
	return out
}

// definition checks one KPI's definition and places each problem at the
// field it is about, by the path of the *kpi.Error: a problem with a glide
// step or a change at the step or change, any other at its field.
func (cv *converter) definition(i int, k contract.KPI) {
	at := fmt.Sprintf("KPIs[%d]", i)
	for _, err := range joined.Split(k.Definition.Validate()) {
		var ke *kpi.Error
		if !errors.As(err, &ke) {
			cv.ps.add(cv.doc.at(fileField(at, "")), fileField(at, ""), err.Error(), err)
			continue
		}
		path := ke.Path
		for _, list := range []string{"Schedule.Glide[", "Schedule.Changes["} {
			if strings.HasPrefix(path, list) {
				path = path[:strings.Index(path, "]")+1] // the step or change as a whole
			}
		}
		field := fileField(joinPath(at, path), "")
		cv.ps.add(cv.doc.at(field), field, ke.Problem(), err)
	}
}

// validate runs the engine's checks on c and places each problem at the
// part of the file its path names. A KPI's own definition is checked, and
// its problems placed, by definition as soon as the KPI is read.
func (cv *converter) validate(c *contract.Contract, d *contractDTO) {
	for _, err := range joined.Split(c.Validate()) {
		if errors.Is(err, kpi.ErrInvalidDefinition) {
			continue // reported with its place by definition
		}
		var ce *contract.Error
		if !errors.As(err, &ce) {
			cv.ps.add(pos{}, "", err.Error(), err)
			continue
		}
		field := fileField(ce.Path, regimeTag(d.Credits))
		cv.ps.add(cv.doc.at(field), field, ce.Msg, err)
	}
}

// joinPath joins a Go path and a path within it.
func joinPath(path, within string) string {
	if within == "" {
		return path
	}
	return path + "." + within
}

// regimeTag returns the key that names the regime in the file: points,
// scheme, pool or none; "" when the file names none.
func regimeTag(d *creditsDTO) string {
	switch {
	case d == nil || d.Regime == nil:
		return ""
	case d.Regime.Points != nil:
		return "points"
	case d.Regime.Scheme != nil:
		return "scheme"
	case d.Regime.Pool != nil:
		return "pool"
	case d.Regime.None != nil:
		return "none"
	}
	return ""
}

// fileField maps path, a structural path of Go field names into a
// contract.Contract ("KPIs[3].Schedule.Glide[0].Thresholds.MSL",
// "Credits.Regime.Scores[1].Bands.Bands[2]"), to the path of the contract
// file's own keys ("kpis[3].glide[0].msl",
// "credits.regime.scheme.scores[1].bands.bands[2]"). The file spells each
// Go field in kebab case (MSLMargin is msl-margin), except where its shape
// differs from the Go types': a KPI's base thresholds are its own fields,
// a glide step's and a change's thresholds are the step's, the regime is
// keyed by its kind (regime, the file's key for it), a scheme's AmberRule
// is amber-rule, and organisations are spelt out. A KPI's Schedule as a
// whole is at its tsl.
func fileField(path, regime string) string {
	var out strings.Builder
	parent := "" // the Go field the current one is in
	write := func(key string) {
		if out.Len() > 0 {
			out.WriteByte('.')
		}
		out.WriteString(key)
	}
	for rest := path; rest != ""; {
		if rest[0] == '[' {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				break
			}
			out.WriteString(rest[:end+1])
			rest = strings.TrimPrefix(rest[end+1:], ".")
			continue
		}
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			end = len(rest)
		}
		name := rest[:end]
		rest = strings.TrimPrefix(rest[end:], ".")
		switch {
		case name == "Schedule" && rest == "":
			write("tsl")
		case name == "Schedule", name == "Base" && parent == "Schedule", name == "Thresholds":
			// the file's KPI, glide step and change hold their thresholds' fields
		case name == "Regime" && regime != "":
			write("regime." + regime)
		case name == "Amber" && parent == "Regime" && regime == "scheme":
			write("amber-rule")
		default:
			write(kebab(name))
		}
		parent = name
	}
	return out.String()
}

// kebab spells a Go field name as the file's key: lower case, a hyphen
// between words, an initialism one word (TSLBound is tsl-bound, KPIShare
// kpi-share).
func kebab(name string) string {
	switch name {
	case "KPIs":
		return "kpis"
	case "Orgs":
		return "organisations"
	case "Org":
		return "organisation"
	}
	var b strings.Builder
	for i, r := range name {
		upper := r >= 'A' && r <= 'Z'
		if upper && i > 0 {
			prevLower := name[i-1] >= 'a' && name[i-1] <= 'z'
			nextLower := i+1 < len(name) && name[i+1] >= 'a' && name[i+1] <= 'z'
			if prevLower || nextLower {
				b.WriteByte('-')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
