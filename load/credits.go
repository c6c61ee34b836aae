package load

import (
	"fmt"
	"slices"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	yaml "go.yaml.in/yaml/v4"
)

// The credits part of the contract file: the regime (a tagged union), the
// caps, the triggers and the money; see docs/contract-format.md.
type (
	creditsDTO struct {
		Regime    *regimeDTO    `yaml:"regime"`
		Caps      *capsDTO      `yaml:"caps"`
		Triggers  []triggerDTO  `yaml:"triggers"`
		Critical  *criticalDTO  `yaml:"critical"`
		Incidents *incidentsDTO `yaml:"incidents"`
		EarnBack  *earnBackDTO  `yaml:"earn-back"`
		Money     *moneyDTO     `yaml:"money"`
		// PerOrganisation: the regime prices each organisation's
		// outcomes on their own; absent is false.
		PerOrganisation *yBool `yaml:"per-organisation"`
	}
	earnBackDTO struct {
		KPIs []earnBackKPIDTO `yaml:"kpis"`
	}
	earnBackKPIDTO struct {
		KPI       *yString  `yaml:"kpi"`
		Share     *yDecimal `yaml:"share"`
		Following *yWhole   `yaml:"following"`
		YearMean  *yDecimal `yaml:"year-mean"`
		YearGreen *yWhole   `yaml:"year-green"`
	}
	incidentsDTO struct {
		Rule      *yIncidentRule `yaml:"rule"`
		Decisions []decisionDTO  `yaml:"decisions"`
	}
	decisionDTO struct {
		Incident  *yString `yaml:"incident"`
		Month     *yMonth  `yaml:"month"`
		KPI       *yString `yaml:"kpi"`
		Org       *yString `yaml:"organisation"`
		DecidedBy *yString `yaml:"decided-by"`
		Note      *yString `yaml:"note"`
	}
	criticalDTO struct {
		KPIs   []criticalKPIDTO `yaml:"kpis"`
		Capped *yBool           `yaml:"capped"`
	}
	criticalKPIDTO struct {
		KPI   *yString  `yaml:"kpi"`
		Red   *yBool    `yaml:"red"`
		Level *yDecimal `yaml:"level"`
	}
	// regimeDTO is a tagged union: exactly one field is set.
	regimeDTO struct {
		Points *pointsDTO `yaml:"points"`
		Scheme *schemeDTO `yaml:"scheme"`
		Pool   *poolDTO   `yaml:"pool"`
		None   *struct{}  `yaml:"none"`
	}
	pointsDTO struct {
		Amber      *yDecimal   `yaml:"amber"`
		Red        *yDecimal   `yaml:"red"`
		PointValue *yDecimal   `yaml:"point-value"`
		Weights    []weightDTO `yaml:"weights"`
	}
	weightDTO struct {
		KPI    *yString  `yaml:"kpi"`
		From   *yMonth   `yaml:"from"`
		Points *yDecimal `yaml:"points"`
		Note   *yString  `yaml:"note"`
	}
	poolDTO struct {
		AtRisk     *yDecimal         `yaml:"at-risk"`
		Available  *yDecimal         `yaml:"available"`
		Amber      *yDecimal         `yaml:"amber"`
		Red        *yDecimal         `yaml:"red"`
		Categories []poolCategoryDTO `yaml:"categories"`
	}
	poolCategoryDTO struct {
		Name  *yString     `yaml:"name"`
		Share *yDecimal    `yaml:"share"`
		KPIs  []poolKPIDTO `yaml:"kpis"`
	}
	poolKPIDTO struct {
		KPI   *yString  `yaml:"kpi"`
		Share *yDecimal `yaml:"share"`
	}
	schemeDTO struct {
		Scores    []scoreDTO  `yaml:"scores"`
		AmberRule *amberDTO   `yaml:"amber-rule"`
		Repeat    *repeatDTO  `yaml:"repeat"`
		Mitigated *yMitigated `yaml:"mitigated"`
		Price     *priceDTO   `yaml:"price"`
	}
	// scoreDTO names its KPIs and holds exactly one part.
	scoreDTO struct {
		KPIs           []yString          `yaml:"kpis"`
		Status         *statusScoreDTO    `yaml:"status"`
		Bands          *bandsDTO          `yaml:"bands"`
		Shortfall      *shortfallDTO      `yaml:"shortfall"`
		ShortfallBands *shortfallBandsDTO `yaml:"shortfall-bands"`
		Deduction      *deductionDTO      `yaml:"deduction"`
		Allocation     *allocationDTO     `yaml:"allocation"`
		Curve          *curveDTO          `yaml:"curve"`
	}
	statusScoreDTO struct {
		Amber *yDecimal `yaml:"amber"`
		Red   *yDecimal `yaml:"red"`
	}
	bandsDTO struct {
		Direction *yDirection   `yaml:"direction"`
		Value     *yValueBasis  `yaml:"value"`
		Precision *precisionDTO `yaml:"precision"`
		Bands     []bandDTO     `yaml:"bands"`
	}
	bandDTO struct {
		Name     *yString  `yaml:"name"`
		Min      *yDecimal `yaml:"min"`
		MinEdge  *yEdge    `yaml:"min-edge"`
		Max      *yDecimal `yaml:"max"`
		MaxEdge  *yEdge    `yaml:"max-edge"`
		Points   *yDecimal `yaml:"points"`
		Material *yBool    `yaml:"material"`
	}
	shortfallDTO struct {
		Direction *yDirection   `yaml:"direction"`
		Target    *yDecimal     `yaml:"target"`
		Rate      *yDecimal     `yaml:"rate"`
		Step      *yDecimal     `yaml:"step"`
		Value     *yValueBasis  `yaml:"value"`
		Precision *precisionDTO `yaml:"precision"`
	}
	shortfallBandsDTO struct {
		Direction *yDirection   `yaml:"direction"`
		Target    *yDecimal     `yaml:"target"`
		Value     *yValueBasis  `yaml:"value"`
		Precision *precisionDTO `yaml:"precision"`
		Bands     []bandDTO     `yaml:"bands"`
	}
	deductionDTO struct {
		Direction *yDirection   `yaml:"direction"`
		Required  *yDecimal     `yaml:"required"`
		Available *yDecimal     `yaml:"available"`
		Value     *yValueBasis  `yaml:"value"`
		Precision *precisionDTO `yaml:"precision"`
	}
	allocationDTO struct {
		AtRisk        *yDecimal `yaml:"at-risk"`
		Category      *yString  `yaml:"category"`
		CategoryShare *yDecimal `yaml:"category-share"`
		KPIShare      *yDecimal `yaml:"kpi-share"`
	}
	curveDTO struct {
		Direction       *yDirection     `yaml:"direction"`
		Linked          *yDecimal       `yaml:"linked"`
		Value           *yValueBasis    `yaml:"value"`
		Precision       *precisionDTO   `yaml:"precision"`
		EarnedPrecision *precisionDTO   `yaml:"earned-precision"`
		Points          []curvePointDTO `yaml:"points"`
	}
	curvePointDTO struct {
		Value  *yDecimal `yaml:"value"`
		Earned *yDecimal `yaml:"earned"`
	}
	amberDTO struct {
		Nth    *yWhole `yaml:"nth"`
		Within *yWhole `yaml:"within"`
	}
	repeatDTO struct {
		Multiplier *yDecimal `yaml:"multiplier"`
		Nth        *yWhole   `yaml:"nth"`
		Within     *yWhole   `yaml:"within"`
	}
	priceDTO struct {
		Basis     *yPriceBasis `yaml:"basis"`
		Value     *yDecimal    `yaml:"value"`
		Allowance *yDecimal    `yaml:"allowance"`
		Ratchet   []ratchetDTO `yaml:"ratchet"`
		Table     []rowDTO     `yaml:"table"`
		Percent   *yDecimal    `yaml:"percent"`
	}
	ratchetDTO struct {
		Above      *yDecimal `yaml:"above"`
		Multiplier *yDecimal `yaml:"multiplier"`
	}
	rowDTO struct {
		Points  *yDecimal `yaml:"points"`
		Percent *yDecimal `yaml:"percent"`
	}
	capsDTO struct {
		Month   *yDecimal   `yaml:"month"`
		Year    *yDecimal   `yaml:"year"`
		Rolling *yDecimal   `yaml:"rolling"`
		TwoLimb *twoLimbDTO `yaml:"two-limb"`
	}
	twoLimbDTO struct {
		First    *yDecimal `yaml:"first"`
		Estimate *yDecimal `yaml:"estimate"`
		Later    *yDecimal `yaml:"later"`
	}
	triggerDTO struct {
		Name     *yString      `yaml:"name"`
		Kind     *yTriggerKind `yaml:"kind"`
		Points   *yDecimal     `yaml:"points"`
		Months   *yWhole       `yaml:"months"`
		Failures *yWhole       `yaml:"failures"`
	}
)

type (
	yEdge         = yWord[bandEdge, *bandEdge]
	yValueBasis   = yWord[scheme.ValueBasis, *scheme.ValueBasis]
	yPriceBasis   = yWord[scheme.PriceBasis, *scheme.PriceBasis]
	yMitigated    = yWord[scheme.Mitigated, *scheme.Mitigated]
	yTriggerKind  = yWord[credits.TriggerKind, *credits.TriggerKind]
	yIncidentRule = yWord[credits.IncidentRule, *credits.IncidentRule]
)

// creditDTOs are the credit structures whose fields an unknown-field
// error lists.
var creditDTOs = []any{creditsDTO{}, regimeDTO{}, pointsDTO{}, weightDTO{}, poolDTO{}, poolCategoryDTO{}, poolKPIDTO{}, schemeDTO{}, scoreDTO{}, statusScoreDTO{}, bandsDTO{},
	bandDTO{}, shortfallDTO{}, shortfallBandsDTO{}, deductionDTO{}, allocationDTO{}, curveDTO{}, curvePointDTO{}, amberDTO{}, repeatDTO{}, priceDTO{},
	ratchetDTO{}, rowDTO{}, capsDTO{}, twoLimbDTO{}, triggerDTO{}, criticalDTO{}, criticalKPIDTO{}, incidentsDTO{}, decisionDTO{}, earnBackDTO{}, earnBackKPIDTO{}, moneyDTO{}}

// optDec returns an optional decimal, zero when absent.
func optDec(v *yDecimal) decimal.Decimal {
	if v == nil {
		return decimal.Zero
	}
	return v.d
}

// optDecPtr returns an optional decimal, nil when absent.
func optDecPtr(v *yDecimal) *decimal.Decimal {
	if v == nil {
		return nil
	}
	d := v.d
	return &d
}

// optWhole returns an optional whole number, zero when absent.
func optWhole(v *yWhole) int {
	if v == nil {
		return 0
	}
	return v.n
}

// optWord returns an optional word, its zero value when absent.
func optWord[T any, P textPtr[T]](v *yWord[T, P]) T {
	if v == nil {
		var zero T
		return zero
	}
	return v.v
}

func (cv *converter) credits(d *creditsDTO) credits.Rules {
	var r credits.Rules
	if cv.mapping("credits.regime", d.Regime != nil, "exactly one regime, such as points: {...}") {
		set := 0
		if d.Regime.Points != nil {
			set++
			r.Regime = cv.points(d.Regime.Points)
		}
		if d.Regime.Scheme != nil {
			set++
			r.Regime = cv.scheme(d.Regime.Scheme)
		}
		if d.Regime.Pool != nil {
			set++
			r.Regime = cv.pool(d.Regime.Pool)
		}
		if d.Regime.None != nil {
			set++
			r.Regime = credits.None{}
		}
		if set != 1 && cv.doc.present("credits.regime") {
			cv.ps.add(cv.doc.at("credits.regime"), "credits.regime", "want exactly one regime (one of points, scheme, pool, none)", nil)
		}
	}
	if c := d.Caps; c != nil {
		r.Caps = credits.Caps{Month: optDecPtr(c.Month), Year: optDecPtr(c.Year), Rolling: optDecPtr(c.Rolling)}
		if t := c.TwoLimb; t != nil {
			const q = "credits.caps.two-limb"
			r.Caps.TwoLimb = &credits.TwoLimb{
				First:    cv.dec(q+".first", t.First, "the per cent of the estimated year-1 charges year 1 may lose, such as 10"),
				Estimate: cv.dec(q+".estimate", t.Estimate, "the estimated year-1 charges, such as 6000000.00"),
				Later:    cv.dec(q+".later", t.Later, "the per cent of the 12 months' charges before a later year it may lose, such as 10"),
			}
		}
	}
	r.Triggers = each("credits.triggers", d.Triggers, func(q string, t *triggerDTO) credits.Trigger {
		return credits.Trigger{
			Name:     cv.str(q+".name", t.Name, "the trigger's name, such as termination"),
			Kind:     word(cv, q+".kind", t.Kind, "points-in-window, consecutive-failures, failures-in-window, cap-reached or material-failure"),
			Points:   optDec(t.Points),
			Months:   optWhole(t.Months),
			Failures: optWhole(t.Failures),
		}
	})
	if x := d.Critical; x != nil {
		r.Critical.Capped = x.Capped != nil && x.Capped.b
		if len(x.KPIs) == 0 {
			cv.doc.missing("credits.critical.kpis", "the KPIs whose failure is critical, such as {kpi: KPI01, red: true}")
		}
		r.Critical.KPIs = each("credits.critical.kpis", x.KPIs, func(q string, k *criticalKPIDTO) credits.CriticalKPI {
			return credits.CriticalKPI{
				KPI:   cv.str(q+".kpi", k.KPI, "the KPI's id"),
				Red:   k.Red != nil && k.Red.b,
				Level: optDecPtr(k.Level),
			}
		})
	}
	if x := d.Incidents; x != nil {
		const p = "credits.incidents"
		r.Incidents.Rule = word(cv, p+".rule", x.Rule, "all, highest or customer-choice")
		for i, dd := range x.Decisions {
			q := fmt.Sprintf("%s.decisions[%d]", p, i)
			dec := credits.Decision{
				Incident:  cv.str(q+".incident", dd.Incident, "the incident's reference, such as INC-42"),
				Month:     cv.month(q+".month", dd.Month, "the month of the KPI-months, such as 2021-06"),
				KPI:       cv.str(q+".kpi", dd.KPI, "the KPI that keeps the credit"),
				DecidedBy: cv.str(q+".decided-by", dd.DecidedBy, "who decided, such as Contract Manager"),
			}
			if dd.Org != nil {
				dec.Org = dd.Org.s
			}
			if dd.Note != nil {
				dec.Note = dd.Note.s
			}
			r.Incidents.Decisions = append(r.Incidents.Decisions, dec)
		}
	}
	if x := d.EarnBack; x != nil {
		r.EarnBack = cv.earnBack(x)
	}
	r.PerOrganisation = d.PerOrganisation != nil && d.PerOrganisation.b
	if cv.mapping("credits.money", d.Money != nil, "money: {places: 2, rounding: half-up}") {
		pr := cv.precision("credits.money", (*precisionDTO)(d.Money), "the decimal places of money, such as 2")
		r.Money = credits.Money{Places: pr.Places, Rounding: pr.Rounding}
	}
	return r
}

// earnBack reads the earn-back rule. A condition given as 0 months is an
// error here, since the engine reads 0 as no such condition.
func (cv *converter) earnBack(d *earnBackDTO) credits.EarnBack {
	var e credits.EarnBack
	if len(d.KPIs) == 0 {
		cv.doc.missing("credits.earn-back.kpis", "the KPIs whose credits can be earned back, such as {kpi: KPI01, share: 100, following: 3}")
	}
	for i, k := range d.KPIs {
		q := fmt.Sprintf("credits.earn-back.kpis[%d]", i)
		for _, w := range []struct {
			key string
			v   *yWhole
		}{{"following", k.Following}, {"year-green", k.YearGreen}} {
			if w.v != nil && w.v.n == 0 {
				cv.ps.add(w.v.pos, q+"."+w.key, w.key+" 0 months (want 1 or more)", nil)
			}
		}
		e.KPIs = append(e.KPIs, credits.EarnBackKPI{
			KPI:       cv.str(q+".kpi", k.KPI, "the KPI's id"),
			Share:     cv.dec(q+".share", k.Share, "the per cent of each credit returned, such as 100"),
			Following: optWhole(k.Following),
			YearMean:  optDecPtr(k.YearMean),
			YearGreen: optWhole(k.YearGreen),
		})
	}
	return e
}

func (cv *converter) points(d *pointsDTO) credits.Points {
	const p = "credits.regime.points"
	pts := credits.Points{
		Amber:      cv.dec(p+".amber", d.Amber, "the fraction of a KPI's points lost when amber, such as 0.5"),
		Red:        cv.dec(p+".red", d.Red, "the fraction of a KPI's points lost when red, such as 1"),
		PointValue: cv.dec(p+".point-value", d.PointValue, "the per cent of the month's charges one point is worth, such as 0.12"),
	}
	pts.Weights = each(p+".weights", d.Weights, func(q string, w *weightDTO) credits.Weight {
		return credits.Weight{
			KPI:    cv.str(q+".kpi", w.KPI, "the KPI's id"),
			From:   cv.month(q+".from", w.From, ""), // optional: the KPI's first month in force
			Points: cv.dec(q+".points", w.Points, "the KPI's points, such as 8"),
			Note:   cv.str(q+".note", w.Note, ""),
		}
	})
	return pts
}

func (cv *converter) pool(d *poolDTO) credits.Pool {
	const p = "credits.regime.pool"
	pl := credits.Pool{
		AtRisk:    cv.dec(p+".at-risk", d.AtRisk, "the per cent of the month's charges at risk (the at-risk amount), such as 10"),
		Available: cv.dec(p+".available", d.Available, "the pool percentage available for allocation, such as 150"),
		Amber:     cv.dec(p+".amber", d.Amber, "the fraction of a KPI's allocation lost when amber, such as 0"),
		Red:       cv.dec(p+".red", d.Red, "the fraction of a KPI's allocation lost when red, such as 1"),
	}
	if d.Categories == nil {
		cv.doc.missing(p+".categories", "a list of categories, such as {name: hosting, share: 75, kpis: [{kpi: KPI01, share: 40}]}")
	}
	for i, c := range d.Categories {
		q := fmt.Sprintf("%s.categories[%d]", p, i)
		cat := credits.PoolCategory{
			Name:  cv.str(q+".name", c.Name, "the category's name, such as hosting"),
			Share: cv.dec(q+".share", c.Share, "the per cent of the at-risk amount the category gets, such as 75"),
		}
		if c.KPIs == nil {
			cv.doc.missing(q+".kpis", "a list of the category's KPIs, such as {kpi: KPI01, share: 40}")
		}
		cat.KPIs = each(q+".kpis", c.KPIs, func(r string, k *poolKPIDTO) credits.PoolKPI {
			return credits.PoolKPI{
				KPI:   cv.str(r+".kpi", k.KPI, "the KPI's id"),
				Share: cv.dec(r+".share", k.Share, "the per cent of the category's allocation the KPI gets, such as 40"),
			}
		})
		pl.Categories = append(pl.Categories, cat)
	}
	return pl
}

const schemePath = "credits.regime.scheme"

func (cv *converter) scheme(d *schemeDTO) scheme.Scheme {
	p := schemePath
	s := scheme.Scheme{Mitigated: optWord(d.Mitigated)}
	for i := range d.Scores {
		s.Scores = append(s.Scores, cv.score(fmt.Sprintf("%s.scores[%d]", p, i), &d.Scores[i]))
	}
	if a := d.AmberRule; a != nil {
		s.Amber = scheme.AmberRule{
			Nth:    cv.whole(p+".amber-rule.nth", a.Nth, "the failure from which an amber counts, such as 2"),
			Within: cv.whole(p+".amber-rule.within", a.Within, "the months the failures are counted in, such as 12"),
		}
	}
	if rp := d.Repeat; rp != nil {
		s.Repeat = scheme.Repeat{
			Multiplier: cv.dec(p+".repeat.multiplier", rp.Multiplier, "the multiplier of a repeated failure, such as 2"),
			Nth:        cv.whole(p+".repeat.nth", rp.Nth, "the failure from which the multiplier applies, such as 2"),
			Within:     cv.whole(p+".repeat.within", rp.Within, "the measurement periods the failures are counted in, such as 2"),
		}
	}
	if cv.mapping(p+".price", d.Price != nil, "price: {basis: per-point, value: 100.00}") {
		pr := d.Price
		s.Price = scheme.Price{
			Basis:     word(cv, p+".price.basis", pr.Basis, "per-point, points-table, percent-of-charges or percent-per-point"),
			Value:     optDec(pr.Value),
			Allowance: optDec(pr.Allowance),
			Percent:   optDec(pr.Percent),
		}
		s.Price.Ratchet = each(p+".price.ratchet", pr.Ratchet, func(q string, r *ratchetDTO) scheme.Ratchet {
			return scheme.Ratchet{
				Above:      cv.dec(q+".above", r.Above, "the month's points above which the multiplier applies, such as 100"),
				Multiplier: cv.dec(q+".multiplier", r.Multiplier, "the multiplier of those points, such as 1.2"),
			}
		})
		s.Price.Table = each(p+".price.table", pr.Table, func(q string, r *rowDTO) scheme.TableRow {
			return scheme.TableRow{
				Points:  cv.dec(q+".points", r.Points, "the least total points of the row, such as 50"),
				Percent: cv.dec(q+".percent", r.Percent, "the per cent of the month's charges, such as 2.5"),
			}
		})
	}
	return s
}

func (cv *converter) score(p string, d *scoreDTO) scheme.Score {
	s := scheme.Score{KPIs: texts(d.KPIs)}
	if d.KPIs == nil {
		cv.doc.missing(p+".kpis", "the KPIs scored this way, such as [KPI01, KPI02]")
	}
	if x := d.Status; x != nil {
		s.Status = &scheme.StatusScore{
			Amber:   optDec(x.Amber),
			Red:     cv.dec(p+".status.red", x.Red, "the score of a red month, such as 3"),
			NoAmber: x.Amber == nil, // checked against the KPIs' thresholds by noAmber
		}
	}
	if x := d.Bands; x != nil {
		q := p + ".bands"
		s.Bands = &scheme.Bands{
			Direction: cv.direction(q, x.Direction),
			Value:     cv.valueBasis(q, x.Value),
			Precision: cv.optPrecision(q, x.Precision),
			Bands:     cv.bands(q, x.Bands),
		}
	}
	if x := d.Shortfall; x != nil {
		q := p + ".shortfall"
		s.Shortfall = &scheme.Shortfall{
			Direction: cv.direction(q, x.Direction),
			Target:    cv.dec(q+".target", x.Target, "the level the shortfall is measured from, such as 98"),
			Rate:      cv.dec(q+".rate", x.Rate, "the score per unit of shortfall, such as 1"),
			Step:      optDec(x.Step),
			Value:     cv.valueBasis(q, x.Value),
			Precision: cv.optPrecision(q, x.Precision),
		}
	}
	if x := d.ShortfallBands; x != nil {
		q := p + ".shortfall-bands"
		s.ShortfallBands = &scheme.ShortfallBands{
			Direction: cv.direction(q, x.Direction),
			Target:    cv.dec(q+".target", x.Target, "the level the shortfall is measured from, such as 98"),
			Value:     cv.valueBasis(q, x.Value),
			Precision: cv.optPrecision(q, x.Precision),
			Bands:     cv.bands(q, x.Bands),
		}
	}
	if x := d.Deduction; x != nil {
		q := p + ".deduction"
		s.Deduction = &scheme.Deduction{
			Direction: cv.direction(q, x.Direction),
			Required:  cv.dec(q+".required", x.Required, "the required performance per cent, such as 99.5"),
			Available: cv.dec(q+".available", x.Available, "the points at risk on the KPI, such as 10"),
			Value:     cv.valueBasis(q, x.Value),
			Precision: cv.optPrecision(q, x.Precision),
		}
	}
	if x := d.Allocation; x != nil {
		q := p + ".allocation"
		s.Allocation = &scheme.Allocation{
			AtRisk:        cv.dec(q+".at-risk", x.AtRisk, "the per cent of the month's invoice at risk, such as 10"),
			Category:      cv.str(q+".category", x.Category, "the category's name, such as availability"),
			CategoryShare: cv.dec(q+".category-share", x.CategoryShare, "the per cent of the pool the category gets, such as 50"),
			KPIShare:      cv.dec(q+".kpi-share", x.KPIShare, "the per cent of the category's share each KPI gets, such as 40"),
		}
	}
	if x := d.Curve; x != nil {
		s.Curve = cv.curve(p+".curve", x)
	}
	return s
}

// curve reads a payment curve at p: every field but precision is
// required, and each point needs its value and share.
func (cv *converter) curve(p string, x *curveDTO) *scheme.Curve {
	c := &scheme.Curve{
		Direction: cv.direction(p, x.Direction),
		Linked:    cv.dec(p+".linked", x.Linked, "the per cent of the charges linked to the kpi, such as 8"),
		Value:     cv.valueBasis(p, x.Value),
		Precision: cv.optPrecision(p, x.Precision),
	}
	if cv.mapping(p+".earned-precision", x.EarnedPrecision != nil, "earned-precision: {places: 2, rounding: half-up}") {
		c.EarnedPrecision = cv.precision(p+".earned-precision", x.EarnedPrecision, "the decimal places of the share earned, such as 2")
	}
	if len(x.Points) == 0 {
		cv.doc.missing(p+".points", "a list of points, such as {value: 95, earned: 60}")
	}
	c.Points = each(p+".points", x.Points, func(q string, pt *curvePointDTO) scheme.CurvePoint {
		return scheme.CurvePoint{
			Value:  cv.dec(q+".value", pt.Value, "the measured value of the point, such as 95"),
			Earned: cv.dec(q+".earned", pt.Earned, "the per cent of the linked payment earned at the value, such as 60"),
		}
	})
	return c
}

// noAmber reports each KPI named by a status score with no amber score
// whose thresholds leave room for an amber month: a TSL other than its
// MSL (or an MSL derived by a margin above 0), or equal levels whose TSL must be
// beaten while the MSL need only be met. A KPI that is not a credit-bearing
// KPI of c is left to the engine's checks.
func (cv *converter) noAmber(c *contract.Contract) {
	s, ok := c.Credits.Regime.(scheme.Scheme)
	if !ok {
		return
	}
	for i, sc := range s.Scores {
		if sc.Status == nil || !sc.Status.NoAmber {
			continue
		}
		for j, id := range sc.KPIs {
			k := slices.IndexFunc(c.KPIs, func(k contract.KPI) bool { return k.ID == id && k.Kind == kpi.KPI })
			if k < 0 {
				continue
			}
			if when := amberRoom(c.KPIs[k].Schedule); when != "" {
				q := fmt.Sprintf("%s.scores[%d].kpis[%d]", schemePath, i, j)
				cv.ps.addf(cv.doc.at(q), q, "scheme: score %d: status: no amber score, but kpi %s can be amber: %s (want status.amber, such as 1)", i+1, id, when)
			}
		}
	}
}

// amberRoom describes the first thresholds of sched, in its base, glide
// path or changes, that leave room for an amber value; "" when none do.
func amberRoom(sched kpi.Schedule) string {
	room := func(t kpi.Thresholds) (bool, string) {
		tsl, msl := kpi.FormatValue(t.TSL), kpi.FormatValue(t.MSL)
		if t.MSLMargin.IsSet() {
			msl = t.MSLMargin.String() + " from it"
		}
		switch {
		case t.MSLMargin.IsSet() && t.MSLMargin.By.Sign() != 0, !t.MSLMargin.IsSet() && t.TSL.Cmp(t.MSL) != 0:
			return true, fmt.Sprintf("tsl %s, msl %s", tsl, msl)
		case t.TSLBound == kpi.Strict && t.MSLBound == kpi.Inclusive:
			return true, fmt.Sprintf("tsl %s strict, msl %s inclusive", tsl, msl)
		}
		return false, ""
	}
	if ok, levels := room(sched.Base); ok {
		return levels
	}
	for _, st := range sched.Glide {
		if ok, levels := room(st.Thresholds); ok {
			return levels + " in " + st.Month.String()
		}
	}
	for _, ch := range sched.Changes {
		if ok, levels := room(ch.Thresholds); ok {
			return levels + " from " + ch.From.String()
		}
	}
	return ""
}

// optPrecision reads an optional precision: required in full when given.
func (cv *converter) optPrecision(p string, d *precisionDTO) kpi.Precision {
	if d == nil {
		return kpi.Precision{}
	}
	return cv.precision(p+".precision", d, "the decimal places kept, such as 1")
}

// precision reads the precision at p, both fields required; placesWant
// says what its places are, as a missing-field error asks for them.
func (cv *converter) precision(p string, d *precisionDTO, placesWant string) kpi.Precision {
	return kpi.Precision{
		Places:   int32(cv.whole(p+".places", d.Places, placesWant)),
		Rounding: word(cv, p+".rounding", d.Rounding, "half-up, half-even, up, down, ceiling or floor"),
	}
}

// direction reads the direction of the mapping at p.
func (cv *converter) direction(p string, v *yDirection) kpi.Direction {
	return word(cv, p+".direction", v, "higher-is-better or lower-is-better")
}

// valueBasis reads the value basis of the scoring part at p.
func (cv *converter) valueBasis(p string, v *yValueBasis) scheme.ValueBasis {
	return word(cv, p+".value", v, "as-measured, kpi-rounded or table-rounded")
}

func (cv *converter) bands(p string, ds []bandDTO) []scheme.Band {
	if len(ds) == 0 {
		cv.doc.missing(p+".bands", "a list of bands, such as {name: minor, min: 98, min-edge: inclusive, points: 1}")
	}
	var out []scheme.Band
	for i, b := range ds {
		q := fmt.Sprintf("%s.bands[%d]", p, i)
		out = append(out, scheme.Band{
			Name:     cv.str(q+".name", b.Name, "the band's name, such as minor"),
			Min:      optDecPtr(b.Min),
			MinEdge:  cv.edge(q, "min", b.Min != nil, b.MinEdge),
			Max:      optDecPtr(b.Max),
			MaxEdge:  cv.edge(q, "max", b.Max != nil, b.MaxEdge),
			Points:   cv.dec(q+".points", b.Points, "the score of a value in the band, such as 1"),
			Material: b.Material != nil && b.Material.b,
		})
	}
	return out
}

// edge reads the edge of a band's bound, side "min" or "max", of the band
// at p: given exactly when the bound is, as the format requires, although
// the engine reads a missing edge as inclusive.
func (cv *converter) edge(p, side string, bound bool, e *yEdge) kpi.Bound {
	key := p + "." + side + "-edge"
	switch {
	case bound:
		return kpi.Bound(word(cv, key, e, "inclusive or exclusive, whether "+side+" is in the band"))
	case e != nil:
		cv.ps.add(cv.doc.at(key), key, "given without a "+side+" (want an edge only with its bound)", nil)
	}
	return kpi.Inclusive
}

// yBool is true or false.
type yBool struct {
	pos
	b bool
}

func (v *yBool) UnmarshalYAML(n *yaml.Node) error {
	p, _, b, err := readScalar(n, func(s string) (bool, string, error) {
		if s != "true" && s != "false" {
			return false, "not true or false", nil
		}
		return s == "true", "", nil
	})
	if err == nil {
		*v = yBool{p, b}
	}
	return err
}
