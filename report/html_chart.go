package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// The charts are SVG written from Go. Every coordinate is a whole number
// of tenths of a pixel of the chart's viewBox, computed from the decimals
// in integer arithmetic: no floating point, whose fused operations differ
// between processors, so a page is the same bytes on every machine.

// px is a coordinate in tenths of a pixel.
type px int

// String writes p in pixels: "12.3".
func (p px) String() string {
	s := strconv.Itoa(int(p) / 10)
	if p < 0 && p > -10 {
		s = "-0"
	}
	if r := int(p) % 10; r != 0 {
		if r < 0 {
			r = -r
		}
		s += "." + strconv.Itoa(r)
	}
	return s
}

// axis maps values lo..hi onto pixels near..far: lo to near, hi to far.
type axis struct {
	lo, hi    decimal.Decimal
	near, far px
}

// at returns the pixel of v, rounded half away from zero to a tenth.
func (a axis) at(v decimal.Decimal) px {
	span := a.hi.Sub(a.lo)
	if span.Sign() == 0 {
		return a.near
	}
	d := v.Sub(a.lo).Mul(decimal.NewFromInt(int64(a.far - a.near)))
	return a.near + px(d.DivRound(span, 0).IntPart())
}

// niceRange widens lo..hi to whole steps of 1, 2 or 5 times a power of
// ten, the smallest step that covers the range in at most n steps. An
// empty range is widened first, by a tenth of its value or by 1.
func niceRange(lo, hi decimal.Decimal, n int64) (nlo, nhi, step decimal.Decimal) {
	if lo.Cmp(hi) == 0 {
		d := lo.Abs().Shift(-1)
		if d.IsZero() {
			d = decimal.NewFromInt(1)
		}
		lo, hi = lo.Sub(d), hi.Add(d)
	}
	span := hi.Sub(lo)
	step = decimal.NewFromInt(1)
	for e := int32(-8); e < 40; e++ {
		found := false
		for _, m := range []int64{1, 2, 5} {
			if s := decimal.New(m, e); span.Cmp(s.Mul(decimal.NewFromInt(n))) <= 0 {
				step, found = s, true
				break
			}
		}
		if found {
			break
		}
	}
	return lo.DivRound(step, 20).Floor().Mul(step), hi.DivRound(step, 20).Ceil().Mul(step), step
}

// ticks returns the values lo, lo+step, ... up to hi, formatted with the
// step's places.
func ticks(lo, hi, step decimal.Decimal, ax axis) []tick {
	places := max(-step.Exponent(), 0)
	var out []tick
	for v := lo; v.Cmp(hi) <= 0; v = v.Add(step) {
		out = append(out, tick{At: ax.at(v), Label: v.StringFixed(places)})
	}
	return out
}

// tick is a labelled place on an axis.
type tick struct {
	At     px
	Label  string
	Anchor string // the text-anchor of an x axis label: start, middle or end
}

// frame is a chart's size and plot area, in tenths of a pixel.
type frame struct {
	W, H                     px
	Left, Right, Top, Bottom px
}

// slots divides the plot area's width into n months: the left edge of
// month i is starts[i], its right edge starts[i+1].
func (f frame) slots(n int) []px {
	out := make([]px, n+1)
	for i := range out {
		out[i] = f.Left + px(int(f.Right-f.Left)*i/max(n, 1))
	}
	return out
}

// points writes a polyline's points: "x,y x,y".
type points []string

func (p *points) add(x, y px) { *p = append(*p, x.String()+","+y.String()) }

func (p points) String() string { return strings.Join(p, " ") }

// trendChart is one indicator's values for one organisation against its
// TSL and MSL, month by month.
type trendChart struct {
	KPI, Name   string
	Org         string
	Direction   string // higher-is-better or lower-is-better
	Note        string
	Label, Desc string
	Frame       frame
	YTicks      []tick
	XTicks      []tick
	Zones       []string // the target side of the TSL, one polygon per run of months with thresholds
	TSL, MSL    []string // step lines, one per run of months with thresholds
	Values      []string // lines, one per run of months with values
	Markers     []marker
	Empty       bool   // no value and no threshold to draw
	Latest      string // the last thresholds drawn: "TSL 95, MSL 90"
}

// marker is a month's value, shaped by its status: a circle for green, a
// diamond for amber, a square for red, a small circle for a figure.
type marker struct {
	Class, Shape string
	X, Y         px
	D            string // a diamond's path
}

var trendFrame = frame{W: 3200, H: 1600, Left: 460, Right: 3080, Top: 100, Bottom: 1300}

// trends returns a chart per indicator of a grid, in the contract's
// order: at[k][m] is indicator k's cell in month m of v, or nil.
func trends(c *contract.Contract, v *view, at [][]*contract.Cell) []trendChart {
	var out []trendChart
	for k := range c.KPIs {
		if at[k] != nil {
			out = append(out, trendOf(&c.KPIs[k], at[k], v, len(c.Orgs)))
		}
	}
	return out
}

func trendOf(k *contract.KPI, cells []*contract.Cell, v *view, orgs int) trendChart {
	f := trendFrame
	n := len(cells)
	var org string
	for _, cell := range cells {
		if cell != nil {
			org = cell.Measured.Org
			break
		}
	}
	ch := trendChart{KPI: esc(k.ID), Name: esc(k.Name), Org: esc(org), Direction: k.Direction.String(), Frame: f}
	who := k.ID
	if orgs > 1 {
		who += " " + org
	}
	first, last := v.months[0].Month.Pack(), v.months[n-1].Month.Pack()
	ch.Label = esc(fmt.Sprintf("%s: values against TSL and MSL, %s to %s", who, first, last))
	thresholds := func(cell *contract.Cell) bool {
		return cell != nil && cell.Measured.Kind != kpi.Figure && cell.Measured.Relative == 0
	}
	valued := func(cell *contract.Cell) bool {
		return cell != nil && (cell.Measured.Status != kpi.Unmeasured || cell.Measured.Absent == kpi.NoBaseline)
	}
	var lo, hi decimal.Decimal
	seen := false
	widen := func(d decimal.Decimal) {
		if !seen || d.Cmp(lo) < 0 {
			lo = d
		}
		if !seen || d.Cmp(hi) > 0 {
			hi = d
		}
		seen = true
	}
	counts := map[kpi.Status]int{}
	for _, cell := range cells {
		if cell == nil {
			continue
		}
		counts[cell.Raw]++
		if valued(cell) {
			widen(cell.Measured.Rounded)
		}
		if thresholds(cell) {
			widen(cell.Measured.Thresholds.TSL)
			widen(cell.Measured.Thresholds.MSL)
		}
	}
	inverted := k.Direction == kpi.LowerIsBetter
	switch {
	case k.Kind == kpi.Figure:
		ch.Note = "a reported figure: no target"
	case k.Relative != 0:
		ch.Note = "relative target: " + k.Relative.String() + "; no TSL or MSL"
	case inverted:
		ch.Note = "lower is better: the scale runs downwards, so better is up"
	default:
		ch.Note = "higher is better"
	}
	ch.Desc = esc(trendDesc(who, first, last, counts, cells))
	if !seen {
		ch.Empty = true
		return ch
	}
	lo, hi, step := niceRange(lo, hi, 4)
	y := axis{lo: lo, hi: hi, near: f.Bottom, far: f.Top}
	if inverted {
		y.near, y.far = f.Top, f.Bottom
	}
	ch.YTicks = ticks(lo, hi, step, y)
	xs := f.slots(n)
	mid := func(i int) px { return (xs[i] + xs[i+1]) / 2 }
	ch.XTicks = []tick{{At: xs[0], Label: first, Anchor: "start"}}
	if n > 1 {
		ch.XTicks = append(ch.XTicks, tick{At: xs[n], Label: last, Anchor: "end"})
	}
	// The thresholds: step lines over each run of months that has them,
	// and the target side of the TSL shaded.
	for i := 0; i < n; {
		if !thresholds(cells[i]) {
			i++
			continue
		}
		var tsl, msl points
		var prevT, prevM px
		j := i
		for ; j < n && thresholds(cells[j]); j++ {
			t := cells[j].Measured.Thresholds
			yt, ym := y.at(t.TSL), y.at(t.MSL)
			if j == i {
				tsl.add(xs[j], yt)
				msl.add(xs[j], ym)
			} else {
				if yt != prevT {
					tsl.add(xs[j], prevT)
					tsl.add(xs[j], yt)
				}
				if ym != prevM {
					msl.add(xs[j], prevM)
					msl.add(xs[j], ym)
				}
			}
			prevT, prevM = yt, ym
			ch.Latest = fmt.Sprintf("TSL %s %s, MSL %s %s", operator(k.Direction, t.TSLBound), kpi.FormatValue(t.TSL),
				operator(k.Direction, t.MSLBound), kpi.FormatValue(t.MSL))
		}
		tsl.add(xs[j], prevT)
		msl.add(xs[j], prevM)
		zone := append(points{}, tsl...)
		zone.add(xs[j], f.Top)
		zone.add(xs[i], f.Top)
		ch.TSL = append(ch.TSL, tsl.String())
		ch.MSL = append(ch.MSL, msl.String())
		ch.Zones = append(ch.Zones, zone.String())
		i = j
	}
	// The values: a line over each run of months that has them, and a
	// marker for each month (for long periods, only the failures and the
	// months standing alone, where there is no line).
	for i := 0; i < n; {
		if !valued(cells[i]) {
			i++
			continue
		}
		var line points
		j := i
		for ; j < n && valued(cells[j]); j++ {
			line.add(mid(j), y.at(cells[j].Measured.Rounded))
		}
		if j-i > 1 {
			ch.Values = append(ch.Values, line.String())
		}
		for m := i; m < j; m++ {
			cell := cells[m]
			if n > 36 && j-i > 1 && (cell.Raw == kpi.Green || cell.Raw == kpi.Reported) {
				continue
			}
			ch.Markers = append(ch.Markers, markerOf(cell, mid(m), y.at(cell.Measured.Rounded)))
		}
		i = j
	}
	return ch
}

// markerOf returns the marker of a cell at x, y.
func markerOf(cell *contract.Cell, x, y px) marker {
	mk := marker{X: x, Y: y}
	switch cell.Raw {
	case kpi.Green:
		mk.Class, mk.Shape = "mg", "circle"
	case kpi.Amber:
		mk.Class, mk.Shape = "ma", "diamond"
		mk.D = fmt.Sprintf("M%s %sL%s %sL%s %sL%s %sZ", x, y-45, x+45, y, x, y+45, x-45, y)
	case kpi.Red:
		mk.Class, mk.Shape = "mr", "square"
	default:
		mk.Class, mk.Shape = "mf", "dot"
	}
	return mk
}

// trendDesc describes a chart in words, for those who cannot see it.
func trendDesc(who, first, last string, counts map[kpi.Status]int, cells []*contract.Cell) string {
	var parts []string
	for _, s := range []kpi.Status{kpi.Green, kpi.Amber, kpi.Red, kpi.Unmeasured, kpi.Reported} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	s := fmt.Sprintf("%s, %s to %s: %s.", who, first, last, strings.Join(parts, ", "))
	for i := len(cells) - 1; i >= 0; i-- {
		cell := cells[i]
		if cell == nil || cell.Measured.Status == kpi.Unmeasured {
			continue
		}
		s += fmt.Sprintf(" Latest %s: %s", cell.Measured.Month.Pack(), rounded(cell.Measured))
		if cell.Measured.Kind != kpi.Figure && cell.Measured.Relative == 0 {
			t := cell.Measured.Thresholds
			s += fmt.Sprintf(" against TSL %s and MSL %s", kpi.FormatValue(t.TSL), kpi.FormatValue(t.MSL))
		}
		s += ", " + cell.Raw.String() + "."
		break
	}
	return s
}

// creditView is the page's credits: the charts, and the month by month
// figures they draw.
type creditView struct {
	Bars       moneyChart
	Cumulative moneyChart
	Months     []monthTotalRow
	AnyCap     bool
	AnyCredit  bool
}

// monthTotalRow is a month of the ledger with the contract year's credit
// so far.
type monthTotalRow struct {
	Month, Charges, Withheld, Uncapped, Cut, EarnedBack, Credit, YearToDate, Cap string
}

// moneyChart is the bars of the credits per month, or the line of the
// contract year's credit so far against its annual cap.
type moneyChart struct {
	Label, Desc string
	Hatch       bool // the chart defines the pattern of the caps' cuts
	Frame       frame
	YTicks      []tick
	XTicks      []tick
	Years       []tick // the contract years' boundaries, labelled
	Bars        []bar
	Lines       []string
	Caps        []capLine
}

// bar is a month's credit (solid) and, above it, the cut the caps made
// (hatched): together the uncapped amount.
type bar struct {
	X, W             px
	CreditY, CreditH px
	CutY, CutH       px
	Month, Title     string
}

// capLine is a contract year's annual cap across its months, labelled
// when the label fits above it (it is always its title, and in the
// table).
type capLine struct {
	X1, X2, Y px
	Title     string
	Label     string
}

var moneyFrame = frame{W: 9600, H: 2600, Left: 900, Right: 9500, Top: 250, Bottom: 2150}

func creditViewOf(c *contract.Contract, v *view) creditView {
	money := c.Credits.Money
	totals := v.ledger.Months
	cv := creditView{}
	caps := map[int]struct {
		has bool
		cap decimal.Decimal
	}{}
	for _, y := range v.ledger.Years {
		caps[y.Year] = struct {
			has bool
			cap decimal.Decimal
		}{y.HasCap, y.Cap}
		cv.AnyCap = cv.AnyCap || y.HasCap
	}
	n := len(totals)
	if n == 0 {
		return cv
	}
	// The figures, and the largest amount each chart must show.
	cum := make([]decimal.Decimal, n)
	var maxBar, maxCum decimal.Decimal
	// The charts show each month's credit after the caps and before any
	// earn-back (paid): earn-backs are outside the caps, and would take a
	// bar below zero.
	paid := func(mt credits.MonthTotal) decimal.Decimal { return mt.Total.Sub(mt.EarnedBack) }
	for i, mt := range totals {
		cum[i] = paid(mt)
		if i > 0 && totals[i-1].Year == mt.Year {
			cum[i] = cum[i-1].Add(paid(mt))
		}
		maxBar = decimal.Max(maxBar, mt.Uncapped, paid(mt))
		maxCum = decimal.Max(maxCum, cum[i])
		if yc := caps[mt.Year]; yc.has {
			maxCum = decimal.Max(maxCum, yc.cap)
		}
		cv.AnyCredit = cv.AnyCredit || !mt.Uncapped.IsZero()
		row := monthTotalRow{Month: mt.Month.Pack(), Charges: money.Format(mt.Charges), Withheld: money.Format(mt.Withheld),
			Uncapped: money.Format(mt.Uncapped), Cut: money.Format(mt.Cut), EarnedBack: money.Format(mt.EarnedBack), Credit: money.Format(mt.Total),
			YearToDate: money.Format(cum[i]), Cap: "none"}
		if yc := caps[mt.Year]; yc.has {
			row.Cap = money.Format(yc.cap)
		}
		cv.Months = append(cv.Months, row)
	}
	f := moneyFrame
	xs := f.slots(n)
	xticks := func() []tick {
		every := (n + 11) / 12
		var out []tick
		for i, mt := range totals {
			if i%every == 0 {
				out = append(out, tick{At: (xs[i] + xs[i+1]) / 2, Label: mt.Month.Pack(), Anchor: "middle"})
			}
		}
		return out
	}
	var years []tick
	for i, mt := range totals {
		if i == 0 || totals[i-1].Year != mt.Year {
			years = append(years, tick{At: xs[i], Label: "Yr " + strconv.Itoa(mt.Year), Anchor: "start"})
		}
	}
	first, last := totals[0].Month.Pack(), totals[n-1].Month.Pack()
	yOf := func(top decimal.Decimal) (axis, []tick) {
		if top.Sign() <= 0 {
			top = decimal.NewFromInt(1)
		}
		lo, hi, step := niceRange(decimal.Zero, top, 4)
		ax := axis{lo: lo, hi: hi, near: f.Bottom, far: f.Top}
		return ax, ticks(lo, hi, step, ax)
	}
	// The bars.
	var uncapped, cut, earned, total decimal.Decimal
	for _, mt := range totals {
		uncapped, cut, earned, total = uncapped.Add(mt.Uncapped), cut.Add(mt.Cut), earned.Add(mt.EarnedBack), total.Add(mt.Total)
	}
	earnedText := ""
	if earned.Sign() != 0 {
		earnedText = fmt.Sprintf(", earned back %s (not drawn)", money.Format(earned))
	}
	ax, yt := yOf(maxBar)
	cv.Bars = moneyChart{Hatch: true, Frame: f, YTicks: yt, XTicks: xticks(), Years: years,
		Label: fmt.Sprintf("Credits per month, %s to %s", first, last),
		Desc:  fmt.Sprintf("Over %d months: uncapped %s, cut by caps %s%s, credit %s.", n, money.Format(uncapped), money.Format(cut), earnedText, money.Format(total))}
	zero := ax.at(decimal.Zero)
	for i, mt := range totals {
		slot := xs[i+1] - xs[i]
		b := bar{X: xs[i] + slot*15/100, W: max(slot*70/100, 1), Month: mt.Month.String(),
			Title: fmt.Sprintf("%s: uncapped %s, cut %s, credit %s", mt.Month.Pack(), money.Format(mt.Uncapped), money.Format(mt.Cut), money.Format(mt.Total))}
		if mt.EarnedBack.Sign() != 0 {
			b.Title = fmt.Sprintf("%s: uncapped %s, cut %s, earned back %s, credit %s", mt.Month.Pack(), money.Format(mt.Uncapped), money.Format(mt.Cut),
				money.Format(mt.EarnedBack), money.Format(mt.Total))
		}
		yc, yu := ax.at(paid(mt)), ax.at(mt.Uncapped)
		b.CreditY, b.CreditH = yc, zero-yc
		if yu < yc {
			b.CutY, b.CutH = yu, yc-yu
		}
		cv.Bars.Bars = append(cv.Bars.Bars, b)
	}
	// The contract year's credit so far, against its annual cap.
	ax, yt = yOf(maxCum)
	cv.Cumulative = moneyChart{Frame: f, YTicks: yt, XTicks: xticks(), Years: years,
		Label: fmt.Sprintf("Contract-year credit so far against the annual cap, %s to %s", first, last)}
	var desc []string
	for i := 0; i < n; {
		j := i
		var line points
		line.add(xs[i], zero)
		for ; j < n && totals[j].Year == totals[i].Year; j++ {
			line.add(xs[j+1], ax.at(cum[j]))
		}
		cv.Cumulative.Lines = append(cv.Cumulative.Lines, line.String())
		d := fmt.Sprintf("contract year %d: %s by %s", totals[i].Year, money.Format(cum[j-1]), totals[j-1].Month.Pack())
		if yc := caps[totals[i].Year]; yc.has {
			cl := capLine{X1: xs[i], X2: xs[j], Y: ax.at(yc.cap),
				Title: fmt.Sprintf("contract year %d: annual cap %s", totals[i].Year, money.Format(yc.cap))}
			// A label fits when its characters, about 7 pixels each at
			// the chart's 11, do.
			if label := "annual cap " + money.Format(yc.cap); px(len(label)*70) < xs[j]-xs[i] {
				cl.Label = label
			}
			cv.Cumulative.Caps = append(cv.Cumulative.Caps, cl)
			d += " against an annual cap of " + money.Format(yc.cap)
		} else {
			d += ", no annual cap"
		}
		desc = append(desc, d)
		i = j
	}
	cv.Cumulative.Desc = "Credit so far in " + strings.Join(desc, "; ") + "."
	return cv
}
