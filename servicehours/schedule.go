package servicehours

import (
	"cmp"
	"fmt"
	"iter"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/servicecredit/engine/kpi"
)

// The years a Schedule covers. Instants before the start of FirstYear or
// from the start of LastYear+1 (local time) are outside its range.
const (
	FirstYear = 1900
	LastYear  = 2199
	numYears  = LastYear - FirstYear + 1
)

// Interval is the span of time [Start, End): it includes Start and excludes
// End. An Interval whose End is not after its Start is empty. The zero
// Interval is empty.
type Interval struct {
	Start, End time.Time // the first instant in the interval, and the first after it
}

// Schedule answers questions about service hours: how much open time lies
// between two instants, when a target is reached, which days are working
// days. Build one with New or NewVersioned; it is safe for concurrent use.
//
// A Schedule covers the local years FirstYear through LastYear. It
// precomputes, one local year at a time on first use, the open intervals of
// that year as instants with a running total of open time, so Elapsed and
// Deadline cost two binary searches per year touched, whatever the span.
//
// The zero Schedule is not usable; a Schedule must not be copied.
type Schedule struct {
	loc    *time.Location
	zones  []zone
	rules  []rules // by from, ascending
	starts []int64 // starts[k]: local midnight on 1 January of FirstYear+k, unix ns; numYears+1 of them
	minSec int64   // starts[0] in seconds
	maxSec int64   // starts[numYears] in seconds
	years  []yearSlot
}

// zone is a period of constant UTC offset, [start, end) in unix seconds.
type zone struct {
	start, end, off int64
}

// rules is one compiled calendar version.
type rules struct {
	from      int64 // first day (days since 1970-01-01) in force
	weekly    [7][]Window
	closed    map[kpi.Date]bool
	closedIf  func(kpi.Date) bool
	overrides map[kpi.Date][]Window
}

// span is an open interval [start, end) in unix nanoseconds.
type span struct {
	start, end int64
}

type yearSlot struct {
	once sync.Once
	y    *year
}

// year is the open time of one local calendar year.
type year struct {
	first   int64   // the year's first day, days since 1970-01-01
	spans   []span  // open intervals, sorted, disjoint, touching ones merged
	cum     []int64 // cum[i]: open ns in spans[:i]; len(spans)+1 of them
	working []bool  // working[d]: day first+d has open time
}

func (y *year) total() int64 { return y.cum[len(y.spans)] }

// New validates cal and returns its Schedule, in force on every date. It
// returns the problems Calendar.Validate reports.
func New(cal Calendar) (*Schedule, error) {
	if err := cal.Validate(); err != nil {
		return nil, err
	}
	return build(cal.Location, []rules{compile(math.MinInt64, cal)}), nil
}

// NewVersioned validates v and returns a Schedule that, on each local date,
// follows the version in force on that date (see Versioned). It returns
// the problems Versioned.Validate reports.
func NewVersioned(v Versioned) (*Schedule, error) {
	if err := v.Validate(); err != nil {
		return nil, err
	}
	rs := make([]rules, len(v))
	for i, x := range v {
		rs[i] = compile(days(x.From), x.Calendar)
	}
	slices.SortFunc(rs, func(a, b rules) int { return cmp.Compare(a.from, b.from) })
	return build(v[0].Calendar.Location, rs), nil
}

func compile(from int64, c Calendar) rules {
	r := rules{from: from, closedIf: c.ClosedIf}
	for d, ws := range c.Weekly {
		r.weekly[d] = sortedWindows(ws)
	}
	if len(c.Closed) > 0 {
		r.closed = make(map[kpi.Date]bool, len(c.Closed))
		for _, d := range c.Closed {
			r.closed[d] = true
		}
	}
	if len(c.Overrides) > 0 {
		r.overrides = make(map[kpi.Date][]Window, len(c.Overrides))
		for _, o := range c.Overrides {
			r.overrides[o.Date] = sortedWindows(o.Windows)
		}
	}
	return r
}

func sortedWindows(ws []Window) []Window {
	out := slices.Clone(ws)
	slices.SortFunc(out, func(a, b Window) int { return int(a.Open) - int(b.Open) })
	return out
}

func build(loc *time.Location, rs []rules) *Schedule {
	s := &Schedule{loc: loc, zones: zonesOf(loc), rules: rs, years: make([]yearSlot, numYears)}
	s.starts = make([]int64, numYears+1)
	for k := range s.starts {
		s.starts[k] = s.resolve(days(kpi.DateOf(FirstYear+k, time.January, 1))*86400) * 1e9
	}
	s.minSec, s.maxSec = s.starts[0]/1e9, s.starts[numYears]/1e9
	return s
}

// zonesOf lists loc's periods of constant offset from before FirstYear to
// after LastYear; the first reaches back and the last forward forever.
func zonesOf(loc *time.Location) []zone {
	stop := time.Date(LastYear+2, time.January, 1, 0, 0, 0, 0, time.UTC)
	t := time.Date(FirstYear-1, time.January, 1, 0, 0, 0, 0, time.UTC).In(loc)
	zs := []zone{{start: math.MinInt64, end: math.MaxInt64, off: offset(t)}}
	for t.Before(stop) {
		_, end := t.ZoneBounds()
		if end.IsZero() {
			break // this offset goes on forever
		}
		exact := true
		if !end.After(t) {
			// ZoneBounds can report the instant itself as the end, as it
			// does for Europe/London at 2040-12-31 with Go 1.26: step on
			// and find any change by bisection.
			end, exact = t.Add(time.Hour), false
		}
		off := offset(end)
		if off != zs[len(zs)-1].off {
			at := end.Unix()
			if !exact {
				at = firstWithOffset(loc, t.Unix(), at, off)
			}
			zs[len(zs)-1].end = at
			zs = append(zs, zone{start: at, end: math.MaxInt64, off: off})
		}
		t = end
	}
	return zs
}

func offset(t time.Time) int64 {
	_, off := t.Zone()
	return int64(off)
}

// firstWithOffset returns the first second in (lo, hi] at which loc has
// offset off, given that it has it at hi and not at lo.
func firstWithOffset(loc *time.Location, lo, hi, off int64) int64 {
	for hi-lo > 1 {
		m := lo + (hi-lo)/2
		if offset(time.Unix(m, 0).In(loc)) == off {
			hi = m
		} else {
			lo = m
		}
	}
	return hi
}

// resolve returns the instant, in unix seconds, of local wall time wall
// (seconds since 1970-01-01 00:00 local). A wall time in a spring-forward
// gap resolves to the first instant after the gap; one in a fall-back
// overlap to its first occurrence.
func (s *Schedule) resolve(wall int64) int64 {
	zs := s.zones
	// i: the last zone whose local start is at or before wall.
	lo, hi := 1, len(zs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if zs[m].start+zs[m].off <= wall {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo - 1
	if i > 0 {
		if u := wall - zs[i-1].off; u >= zs[i-1].start && u < zs[i-1].end {
			return u // overlap: the earlier occurrence
		}
	}
	if u := wall - zs[i].off; u < zs[i].end {
		return u
	}
	return zs[i].end // gap: the instant the clocks jump
}

// rulesOn returns the rules in force on day n, or nil before the first.
func (s *Schedule) rulesOn(n int64) *rules {
	for i := len(s.rules) - 1; i >= 0; i-- {
		if s.rules[i].from <= n {
			return &s.rules[i]
		}
	}
	return nil
}

func (r *rules) windows(d kpi.Date) []Window {
	if ws, ok := r.overrides[d]; ok {
		return ws
	}
	if r.closed[d] || (r.closedIf != nil && r.closedIf(d)) {
		return nil
	}
	return r.weekly[d.Weekday()]
}

// year returns year k (FirstYear+k), computing it on first use.
func (s *Schedule) year(k int) *year {
	slot := &s.years[k]
	slot.once.Do(func() { slot.y = s.buildYear(FirstYear + k) })
	return slot.y
}

func (s *Schedule) buildYear(y int) *year {
	first := days(kpi.DateOf(y, time.January, 1))
	last := days(kpi.DateOf(y+1, time.January, 1))
	out := &year{first: first, working: make([]bool, last-first), spans: make([]span, 0, 400)}
	for n := first; n < last; n++ {
		r := s.rulesOn(n)
		if r == nil {
			continue
		}
		wall := n * 86400
		for _, w := range r.windows(dateFromDays(n)) {
			a := s.resolve(wall+int64(w.Open)*60) * 1e9
			b := s.resolve(wall+int64(w.Close)*60) * 1e9
			if b <= a {
				continue // swallowed by a spring-forward gap
			}
			out.working[n-first] = true
			if k := len(out.spans) - 1; k >= 0 && out.spans[k].end == a {
				out.spans[k].end = b
				continue
			}
			out.spans = append(out.spans, span{a, b})
		}
	}
	out.cum = make([]int64, len(out.spans)+1)
	for i, sp := range out.spans {
		out.cum[i+1] = out.cum[i] + sp.end - sp.start
	}
	return out
}

// before returns the open time in y before instant t.
func (y *year) before(t int64) int64 {
	lo, hi := 0, len(y.spans)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if y.spans[m].end <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	r := y.cum[lo]
	if lo < len(y.spans) && t > y.spans[lo].start {
		r += t - y.spans[lo].start
	}
	return r
}

// reach returns the instant at which the open time in y since its start
// reaches goal, 0 < goal <= y.total().
func (y *year) reach(goal int64) int64 {
	lo, hi := 0, len(y.spans)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if y.cum[m+1] < goal {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return y.spans[lo].end - (y.cum[lo+1] - goal)
}

// ns returns t in unix nanoseconds, clamped to the Schedule's range.
func (s *Schedule) ns(t time.Time) int64 {
	sec := t.Unix()
	switch {
	case sec < s.minSec:
		return s.starts[0]
	case sec >= s.maxSec:
		return s.starts[numYears]
	}
	return t.UnixNano()
}

// index returns the year k holding instant t, which is within range.
func (s *Schedule) index(t int64) int {
	k := dateFromDays(floorDiv(t, 86400e9)).Year() - FirstYear
	k = max(0, min(k, numYears-1))
	for k > 0 && t < s.starts[k] {
		k--
	}
	for k < numYears-1 && t >= s.starts[k+1] {
		k++
	}
	return k
}

// open returns the open time in [a, b), both in range.
func (s *Schedule) open(a, b int64) int64 {
	if b <= a {
		return 0
	}
	ka, kb := s.index(a), s.index(b)
	ya := s.year(ka)
	if ka == kb {
		return ya.before(b) - ya.before(a)
	}
	r := ya.total() - ya.before(a)
	for k := ka + 1; k < kb; k++ {
		r += s.year(k).total()
	}
	return r + s.year(kb).before(b)
}

// Location returns the location the Schedule reads its calendars in.
func (s *Schedule) Location() *time.Location { return s.loc }

// At returns the instant of clock c on local date d: in a spring-forward
// gap the first instant after the gap, in a fall-back overlap the first
// occurrence. It returns the zero Time if d is zero or c invalid.
func (s *Schedule) At(d kpi.Date, c Clock) time.Time {
	if d.IsZero() || !c.Valid() {
		return time.Time{}
	}
	return time.Unix(s.resolve(days(d)*86400+int64(c)*60), 0).In(s.loc)
}

// Elapsed returns the open time in [from, to) that no interval in minus
// covers. The intervals in minus (pauses, such as time awaiting the
// customer) may overlap one another; time they cover is subtracted once.
// Elapsed is zero when to is not after from, and counts only time within
// the Schedule's range.
func (s *Schedule) Elapsed(from, to time.Time, minus []Interval) time.Duration {
	a, b := s.ns(from), s.ns(to)
	if b <= a {
		return 0
	}
	r := s.open(a, b)
	if len(minus) > 0 {
		var buf [8]span
		for _, p := range s.pauses(buf[:0], minus, a, b) {
			r -= s.open(p.start, p.end)
		}
	}
	return time.Duration(r)
}

// pauses appends to buf the intervals of minus clipped to [lo, hi), sorted
// and merged, and returns it.
func (s *Schedule) pauses(buf []span, minus []Interval, lo, hi int64) []span {
	for _, p := range minus {
		a, b := max(s.ns(p.Start), lo), min(s.ns(p.End), hi)
		if b > a {
			buf = append(buf, span{a, b})
		}
	}
	if len(buf) < 2 {
		return buf
	}
	slices.SortFunc(buf, func(x, y span) int { return cmp.Compare(x.start, y.start) })
	out := buf[:1]
	for _, p := range buf[1:] {
		last := &out[len(out)-1]
		if p.start <= last.end {
			last.end = max(last.end, p.end)
			continue
		}
		out = append(out, p)
	}
	return out
}

// Deadline returns the earliest instant at which the open time since start,
// less the time covered by minus, reaches target. If start is in closed
// time the clock starts at the next opening; a target reached exactly as a
// window closes gives that closing instant, not the next opening. A zero
// target gives start.
//
// Deadline fails with ErrInvalidTarget for a negative target, and with
// ErrOutOfRange if start is outside the Schedule's range or the target is
// not reached before its end.
func (s *Schedule) Deadline(start time.Time, target time.Duration, minus []Interval) (time.Time, error) {
	if target < 0 {
		return time.Time{}, &Error{Where: "deadline", Msg: fmt.Sprintf("target %s is negative", target), Err: ErrInvalidTarget}
	}
	if sec := start.Unix(); sec < s.minSec || sec >= s.maxSec {
		return time.Time{}, &Error{Where: "deadline", Msg: fmt.Sprintf("start %s outside years %d..%d", start.Format(time.RFC3339), FirstYear, LastYear), Err: ErrOutOfRange}
	}
	cur := start.UnixNano()
	if target == 0 {
		return start.In(s.loc), nil
	}
	need := int64(target)
	if len(minus) > 0 {
		var buf [8]span
		for _, p := range s.pauses(buf[:0], minus, cur, s.starts[numYears]) {
			if p.start > cur {
				avail := s.open(cur, p.start)
				if avail >= need {
					break
				}
				need -= avail
			}
			cur = p.end
		}
	}
	t, ok := s.reach(cur, need)
	if !ok {
		return time.Time{}, &Error{Where: "deadline", Msg: fmt.Sprintf("target %s from %s not reached by the end of %d", target, start.Format(time.RFC3339), LastYear), Err: ErrOutOfRange}
	}
	return time.Unix(0, t).In(s.loc), nil
}

// reach returns the instant at which the open time since cur reaches need,
// need > 0, or false if that is beyond the range.
func (s *Schedule) reach(cur, need int64) (int64, bool) {
	if cur >= s.starts[numYears] {
		return 0, false
	}
	k := s.index(cur)
	y := s.year(k)
	goal := y.before(cur) + need
	for goal > y.total() {
		goal -= y.total()
		k++
		if k == numYears {
			return 0, false
		}
		y = s.year(k)
	}
	return y.reach(goal), true
}

// OpenIntervals yields the open intervals within [from, to), in order,
// clipped to it; intervals that touch are yielded as one.
func (s *Schedule) OpenIntervals(from, to time.Time) iter.Seq[Interval] {
	return func(yield func(Interval) bool) {
		a, b := s.ns(from), s.ns(to)
		if b <= a {
			return
		}
		var pending span
		have := false
		for k := s.index(a); k <= s.index(b) && k < numYears; k++ {
			y := s.year(k)
			for _, sp := range y.spans {
				if sp.end <= a {
					continue
				}
				if sp.start >= b {
					break
				}
				sp = span{max(sp.start, a), min(sp.end, b)}
				if have && pending.end == sp.start {
					pending.end = sp.end
					continue
				}
				if have && !yield(s.interval(pending)) {
					return
				}
				pending, have = sp, true
			}
		}
		if have {
			yield(s.interval(pending))
		}
	}
}

func (s *Schedule) interval(sp span) Interval {
	return Interval{Start: time.Unix(0, sp.start).In(s.loc), End: time.Unix(0, sp.end).In(s.loc)}
}

// OpenTime returns the open time on local date d, from its midnight to the
// next: on the day clocks go forward a 00:00-24:00 window gives 23 hours,
// on the day they go back 25.
func (s *Schedule) OpenTime(d kpi.Date) time.Duration {
	if k := d.Year() - FirstYear; d.IsZero() || k < 0 || k >= numYears {
		return 0
	}
	a := s.resolve(days(d)*86400) * 1e9
	b := s.resolve((days(d)+1)*86400) * 1e9
	return time.Duration(s.open(a, min(b, s.starts[numYears])))
}

// IsWorkingDay reports whether local date d has any open time. Dates
// outside the Schedule's range have none.
func (s *Schedule) IsWorkingDay(d kpi.Date) bool {
	k := d.Year() - FirstYear
	if d.IsZero() || k < 0 || k >= numYears {
		return false
	}
	y := s.year(k)
	return y.working[days(d)-y.first]
}

// AddWorkingDays returns the n-th working day after d, or before d when n
// is negative; d itself is not counted, and n = 0 gives d. It fails with
// ErrOutOfRange if d is zero or the count passes the Schedule's range.
func (s *Schedule) AddWorkingDays(d kpi.Date, n int) (kpi.Date, error) {
	if k := d.Year() - FirstYear; d.IsZero() || k < 0 || k >= numYears {
		return kpi.Date{}, &Error{Where: "working days", Input: d.String(), Msg: fmt.Sprintf("date outside years %d..%d", FirstYear, LastYear), Err: ErrOutOfRange}
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	cur := d
	for n > 0 {
		cur = cur.AddDays(step)
		if k := cur.Year() - FirstYear; cur.IsZero() || k < 0 || k >= numYears {
			return kpi.Date{}, &Error{Where: "working days", Input: d.String(), Msg: fmt.Sprintf("count passes years %d..%d", FirstYear, LastYear), Err: ErrOutOfRange}
		}
		if s.IsWorkingDay(cur) {
			n--
		}
	}
	return cur, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
