package servicehours_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

// refSpan is an open interval in the reference evaluator.
type refSpan struct{ start, end time.Time }

// refBound is a deliberately plain reading of the documented bound rule:
// scan the instants around the wall time for ones that show it, take the
// first; if none does (a spring-forward gap), take the first instant that
// shows a later wall time. It assumes UTC offsets in whole quarter hours.
func refBound(loc *time.Location, d kpi.Date, c servicehours.Clock) time.Time {
	wall := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Add(time.Duration(c) * time.Minute)
	shows := func(u time.Time) time.Time {
		l := u.In(loc)
		return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
	}
	for u := wall.Add(-15 * time.Hour); u.Before(wall.Add(15 * time.Hour)); u = u.Add(15 * time.Minute) {
		if shows(u).Equal(wall) {
			return u
		}
	}
	for u := wall.Add(-15 * time.Hour); ; u = u.Add(15 * time.Minute) {
		if shows(u).After(wall) {
			return u
		}
	}
}

// refWindows applies the documented precedence: override, closure, week.
func refWindows(v servicehours.Versioned, d kpi.Date) []servicehours.Window {
	c, ok := v.InForce(d)
	if !ok {
		return nil
	}
	for _, o := range c.Overrides {
		if o.Date == d {
			return o.Windows
		}
	}
	for _, x := range c.Closed {
		if x == d {
			return nil
		}
	}
	if c.ClosedIf != nil && c.ClosedIf(d) {
		return nil
	}
	return c.Weekly[d.Weekday()]
}

// refElapsed walks [from, to) minute by minute; from and to must be whole
// minutes apart.
func refElapsed(v servicehours.Versioned, from, to time.Time, minus []servicehours.Interval) time.Duration {
	loc := v[0].Calendar.Location
	var spans []refSpan
	for d := kpi.LocalDate(from.In(loc)).AddDays(-1); !d.After(kpi.LocalDate(to.In(loc)).AddDays(1)); d = d.AddDays(1) {
		for _, w := range refWindows(v, d) {
			spans = append(spans, refSpan{refBound(loc, d, w.Open), refBound(loc, d, w.Close)})
		}
	}
	var n time.Duration
	for m := from; m.Before(to); m = m.Add(time.Minute) {
		open := false
		for _, s := range spans {
			if !m.Before(s.start) && m.Before(s.end) {
				open = true
				break
			}
		}
		for _, p := range minus {
			if !m.Before(p.Start) && m.Before(p.End) {
				open = false
			}
		}
		if open {
			n += time.Minute
		}
	}
	return n
}

// randomVersioned makes a random valid history of one to three calendars
// in loc, with windows on quarter hours (some in the small hours, where
// clocks change), closed dates and overrides in 2022-2024.
func randomVersioned(r *rand.Rand, loc *time.Location) servicehours.Versioned {
	randomWindows := func() []servicehours.Window {
		var ws []servicehours.Window
		at := servicehours.Clock(0)
		for range r.IntN(4) {
			open := at + servicehours.Clock(r.IntN(8)*15)
			if r.IntN(4) == 0 {
				open = at + servicehours.Clock(r.IntN(3)*30) // crowd the small hours
			}
			cl := open + servicehours.Clock(15+r.IntN(48)*15)
			if cl > servicehours.EndOfDay || open >= servicehours.EndOfDay {
				break
			}
			if r.IntN(6) == 0 {
				cl = servicehours.EndOfDay
			}
			ws = append(ws, servicehours.Window{Open: open, Close: cl})
			at = cl
			if at == servicehours.EndOfDay {
				break
			}
		}
		return ws
	}
	randomDate := func() kpi.Date {
		return kpi.MustParseDate("2022-10-01").AddDays(r.IntN(800))
	}
	n := 1 + r.IntN(3)
	v := make(servicehours.Versioned, 0, n)
	used := map[kpi.Date]bool{}
	for i := range n {
		var c servicehours.Calendar
		c.Location = loc
		for c.Validate() != nil {
			for d := range c.Weekly {
				c.Weekly[d] = randomWindows()
			}
		}
		for range r.IntN(20) {
			c.Closed = append(c.Closed, randomDate())
		}
		seen := map[kpi.Date]bool{}
		for range r.IntN(6) {
			d := randomDate()
			if !seen[d] {
				seen[d] = true
				c.Overrides = append(c.Overrides, servicehours.Override{Date: d, Windows: randomWindows()})
			}
		}
		if r.IntN(3) == 0 {
			c.ClosedIf = func(d kpi.Date) bool { return d.Day() == 13 }
		}
		from := kpi.MustParseDate("2000-01-01")
		if i > 0 {
			from = randomDate()
		}
		if !used[from] {
			used[from] = true
			v = append(v, servicehours.Version{From: from, Calendar: c})
		}
	}
	return v
}

var propertyZones = []string{"Europe/London", "America/New_York", "Australia/Sydney", "UTC"}

func loadZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// randomMinute returns a whole minute in or around 2023.
func randomMinute(r *rand.Rand) time.Time {
	base := time.Date(2022, time.November, 1, 0, 0, 0, 0, time.UTC)
	return base.Add(time.Duration(r.IntN(500*24*60)) * time.Minute)
}

func randomPauses(r *rand.Rand, from, to time.Time) []servicehours.Interval {
	var ps []servicehours.Interval
	span := int(to.Sub(from) / time.Minute)
	for range r.IntN(4) {
		a := from.Add(time.Duration(r.IntN(span+120)-60) * time.Minute)
		ps = append(ps, servicehours.Interval{Start: a, End: a.Add(time.Duration(r.IntN(3*24*60)) * time.Minute)})
	}
	return ps
}

func TestElapsedMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(20230407, 1))
	cases := 60
	if testing.Short() {
		cases = 10
	}
	for _, zone := range propertyZones {
		loc := loadZone(t, zone)
		for i := range cases {
			v := randomVersioned(r, loc)
			s, err := servicehours.NewVersioned(v)
			if err != nil {
				t.Fatalf("%s case %d: %v", zone, i, err)
			}
			from := randomMinute(r)
			to := from.Add(time.Duration(r.IntN(60*24*60)) * time.Minute)
			if r.IntN(10) == 0 {
				to = from.Add(time.Duration(r.IntN(3*24*60)) * time.Minute) // short spans too
			}
			minus := randomPauses(r, from, to)
			got := s.Elapsed(from, to, minus)
			want := refElapsed(v, from, to, minus)
			if got != want {
				t.Fatalf("%s case %d: Elapsed(%v, %v, %d pauses) = %v, reference %v\nversions: %+v", zone, i, from, to, len(minus), got, want, v)
			}
		}
	}
}

func TestElapsedProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(20210628, 2))
	for _, zone := range propertyZones {
		loc := loadZone(t, zone)
		for i := range 200 {
			v := randomVersioned(r, loc)
			s, err := servicehours.NewVersioned(v)
			if err != nil {
				t.Fatal(err)
			}
			// Instants to the nanosecond, not just whole minutes.
			a := randomMinute(r).Add(time.Duration(r.Int64N(int64(time.Minute))))
			b := a.Add(time.Duration(r.Int64N(int64(30 * 24 * time.Hour))))
			c := b.Add(time.Duration(r.Int64N(int64(30 * 24 * time.Hour))))
			minus := randomPauses(r, a, c)

			if ab, bc, ac := s.Elapsed(a, b, minus), s.Elapsed(b, c, minus), s.Elapsed(a, c, minus); ab+bc != ac {
				t.Fatalf("%s case %d: not additive: %v + %v != %v", zone, i, ab, bc, ac)
			}
			if more := append(minus[:len(minus):len(minus)], randomPauses(r, a, c)...); s.Elapsed(a, c, more) > s.Elapsed(a, c, minus) {
				t.Fatalf("%s case %d: a pause increased Elapsed", zone, i)
			}
			target := time.Duration(r.Int64N(int64(200 * time.Hour)))
			d, err := s.Deadline(a, target, minus)
			if err != nil {
				t.Fatalf("%s case %d: %v", zone, i, err)
			}
			if got := s.Elapsed(a, d, minus); got != target {
				t.Fatalf("%s case %d: Elapsed(start, Deadline(start, %v)) = %v", zone, i, target, got)
			}
			if target > 0 && s.Elapsed(a, d.Add(-1), minus) >= target {
				t.Fatalf("%s case %d: Deadline(start, %v) = %v is not the earliest", zone, i, target, d)
			}
			var sum time.Duration
			for iv := range s.OpenIntervals(a, c) {
				sum += iv.End.Sub(iv.Start)
			}
			if want := s.Elapsed(a, c, nil); sum != want {
				t.Fatalf("%s case %d: OpenIntervals sum %v, Elapsed %v", zone, i, sum, want)
			}
		}
	}
}
