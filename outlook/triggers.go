package outlook

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// failures returns "1 failure" or "N failures".
func failures(n int) string {
	if n == 1 {
		return "1 failure"
	}
	return fmt.Sprintf("%d failures", n)
}

// firedThisYear returns the events of trigger name (for KPI id and
// organisation org, when id is not empty) raised in the contract year to
// AsOf. The year's events are indexed once.
func (w *work) firedThisYear(name, id, org string) []credits.Event {
	if w.fired == nil {
		w.fired = map[[3]string][]credits.Event{}
		for _, e := range w.res.Ledger.Events {
			if !e.Month.Before(w.o.YearFrom) {
				w.fired[[3]string{e.Trigger, "", ""}] = append(w.fired[[3]string{e.Trigger, "", ""}], e)
				if e.KPI != "" {
					k := [3]string{e.Trigger, e.KPI, e.Org}
					w.fired[k] = append(w.fired[k], e)
				}
			}
		}
	}
	if id == "" {
		org = ""
	}
	return w.fired[[3]string{name, id, org}]
}

// triggers works out each trigger's state and distance.
func (w *work) triggers() {
	c, o := w.c, w.o
	for _, t := range c.Credits.Triggers {
		switch t.Kind {
		case credits.PointsInWindow:
			o.Triggers = append(o.Triggers, w.pointsTrigger(t))
		case credits.CapReached:
			o.Triggers = append(o.Triggers, w.capTrigger(t))
		case credits.ConsecutiveFailures, credits.FailuresInWindow, credits.MaterialFailure:
			for j, s := range w.slots {
				o.Triggers = append(o.Triggers, w.failureTrigger(t, j, s))
			}
		}
	}
}

// pointsTrigger: the points of all KPIs in the window.
func (w *work) pointsTrigger(t credits.Trigger) Trigger {
	o := w.o
	tr := Trigger{Name: t.Name, Kind: t.Kind, Fired: w.firedThisYear(t.Name, "", "")}
	for _, l := range w.res.Ledger.Lines {
		if l.Kind != credits.CreditLine || !l.Failed {
			continue
		}
		if d := o.AsOf.Sub(l.Month); d >= 0 && d < t.Months {
			tr.Points = tr.Points.Add(l.Points)
			if !o.Next.IsZero() && o.Next.Sub(l.Month) < t.Months {
				tr.Carried = tr.Carried.Add(l.Points)
			}
		}
	}
	tr.Needed = t.Points.Sub(tr.Carried)
	tr.State = fmt.Sprintf("%s points in the %d months to %s, at least %s fire it", kpi.FormatValue(tr.Points), t.Months, o.AsOf, kpi.FormatValue(t.Points))
	if o.Next.IsZero() {
		tr.Distance.Why = "the term ends with " + o.AsOf.String()
		return tr
	}
	tr.State += fmt.Sprintf("; %s of them stay in the window of the %d months to %s, so %s more points fire it then",
		kpi.FormatValue(tr.Carried), t.Months, o.Next, kpi.FormatValue(decimal.Max(tr.Needed, decimal.Zero)))
	tr.Distance = w.pointsFewest[t.Name]
	if d := &tr.Distance; d.Reachable {
		if d.Failures == 0 {
			d.Why = fmt.Sprintf("it fires in %s with no further failure: the points still in its window reach %s", o.Next, kpi.FormatValue(t.Points))
		} else {
			d.Why = fmt.Sprintf("%s in %s, the most points first (%s), bring the window's points to %s or more",
				failures(d.Failures), o.Next, strings.Join(d.Failing, ", "), kpi.FormatValue(t.Points))
		}
	}
	return tr
}

// capTrigger: any cap binding.
func (w *work) capTrigger(t credits.Trigger) Trigger {
	o := w.o
	tr := Trigger{Name: t.Name, Kind: t.Kind, Fired: w.firedThisYear(t.Name, "", "")}
	var best *Headroom
	var parts []string
	for i := range o.Caps {
		h := &o.Caps[i]
		if !h.Known {
			parts = append(parts, h.Cap.String()+" unknown")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s left", h.Cap, o.Money.Format(h.Left)))
		if h.Binds.Reachable && (best == nil || h.Binds.Failures < best.Binds.Failures) {
			best = h
		}
	}
	tr.State = "headroom next month: " + strings.Join(parts, ", ")
	switch {
	case o.Next.IsZero():
		tr.State, tr.Distance.Why = "no headroom: the term ends with "+o.AsOf.String(), "the term ends with "+o.AsOf.String()
	case len(o.Caps) == 0:
		tr.State, tr.Distance.Why = "the contract has no cap", "the contract has no cap to reach"
	case best == nil:
		tr.Distance.Why = "no cap binds next month, even with every KPI-month that can fail next month failing"
	default:
		tr.Distance = best.Binds
		tr.Distance.Why = "the " + best.Cap.String() + " cap: " + best.Binds.Why
	}
	return tr
}

// failureTrigger: one KPI-month's failures.
func (w *work) failureTrigger(t credits.Trigger, j int, s slot) Trigger {
	o := w.o
	id := w.c.KPIs[s.ki].ID
	tr := Trigger{Name: t.Name, Kind: t.Kind, KPI: id, Org: s.org, Fired: w.firedThisYear(t.Name, id, s.org)}
	h := w.hist[j]
	switch t.Kind {
	case credits.FailuresInWindow:
		for _, f := range h[max(0, len(h)-t.Months):] {
			if f {
				tr.Failed++
			}
		}
		tr.State = fmt.Sprintf("%s failed %d of its last %d measurement periods to %s; %d fire it", w.who(s), tr.Failed, min(t.Months, len(h)), o.AsOf, t.Failures)
	case credits.ConsecutiveFailures:
		for i := len(h) - 1; i >= 0 && h[i]; i-- {
			tr.Failed++
		}
		tr.State = fmt.Sprintf("%s failed its last %d measurement periods in a row to %s; %d in a row fire it", w.who(s), tr.Failed, o.AsOf, t.Months)
	case credits.MaterialFailure:
		tr.State = fmt.Sprintf("%s: a failure scored in a material band fires it", w.who(s))
		tr.Distance = w.materialDistance(j, s)
		return tr
	}
	a := &w.alone[j]
	switch {
	case o.Next.IsZero():
		tr.Distance.Why = "the term ends with " + o.AsOf.String()
		return tr
	case a.problem != "":
		tr.Distance.Why = "cannot be worked out: " + a.problem
		return tr
	}
	n := 0
	counts := true
	for i, m := range a.months {
		if !a.due[i] {
			continue
		}
		n++
		counts = counts && a.lines[i].Failed
		for _, e := range a.events[i] {
			if e.Trigger == t.Name && e.KPI == id && e.Org == s.org {
				window := fmt.Sprintf("%d failures in its last %d measurement periods to %s", t.Failures, t.Months, m)
				if t.Kind == credits.ConsecutiveFailures {
					window = fmt.Sprintf("%d failures in a row to %s", t.Months, m)
				}
				tr.Distance = Distance{Reachable: true, Failures: n, By: m,
					Why: fmt.Sprintf("%s of %s (%s, each measurement period from %s) fire it in %s: %s", failures(n), w.who(s), a.status, o.Next, m, window)}
				return tr
			}
		}
	}
	switch {
	case n == 0:
		tr.Distance.Why = fmt.Sprintf("%s has no measurement period left in the term or its months in force", w.who(s))
	case !counts:
		tr.Distance.Why = fmt.Sprintf("a %s month of %s next would not be a failure that counts (it scores nothing)", a.status, w.who(s))
	default:
		tr.Distance.Why = fmt.Sprintf("failing every measurement period from %s (%s) before its months in force or the term end, %s would not fire it", o.Next, failures(n), w.who(s))
	}
	return tr
}

// materialDistance: one failure in a material band fires a
// material-failure trigger. The next red (or amber) failure's band says
// whether it would be one; otherwise the KPI's bands say whether any
// failure can be.
func (w *work) materialDistance(j int, s slot) Distance {
	o := w.o
	if o.Next.IsZero() {
		return Distance{Why: "the term ends with " + o.AsOf.String()}
	}
	next := w.o.KPIs[j].Next
	if next.Month.IsZero() {
		return Distance{Why: fmt.Sprintf("%s has no measurement period left in the term or its months in force", w.who(s))}
	}
	if next.Material {
		return Distance{Reachable: true, Failures: 1, By: next.Month,
			Why: fmt.Sprintf("1 failure of %s in %s fires it: a %s month scores in a material band (%s)", w.who(s), next.Month, next.Status, next.Rule)}
	}
	bands := materialBands(w.c.Credits.Regime, w.c.KPIs[s.ki].ID)
	if len(bands) == 0 {
		return Distance{Why: fmt.Sprintf("no failure of %s can fire it: its score has no material band", w.who(s))}
	}
	return Distance{Reachable: true, Failures: 1, By: next.Month,
		Why: fmt.Sprintf("1 failure of %s in %s with its value in a material band (%s) fires it", w.who(s), next.Month, strings.Join(bands, ", "))}
}

// materialBands returns the names of the material bands that score
// points in the Scheme score of KPI id.
func materialBands(r credits.Regime, id string) []string {
	var s scheme.Scheme
	switch x := r.(type) {
	case scheme.Scheme:
		s = x
	case *scheme.Scheme:
		s = *x
	default:
		return nil
	}
	var out []string
	for _, sc := range s.Scores {
		found := false
		for _, k := range sc.KPIs {
			found = found || k == id
		}
		if !found {
			continue
		}
		var bands []scheme.Band
		if sc.Bands != nil {
			bands = sc.Bands.Bands
		}
		if sc.ShortfallBands != nil {
			bands = sc.ShortfallBands.Bands
		}
		for _, b := range bands {
			if b.Material && b.Points.Sign() > 0 {
				out = append(out, b.Name)
			}
		}
	}
	return out
}

// critical works out the critical service level failure rule's state.
func (w *work) critical() {
	c, o, money := w.c, w.o, w.c.Credits.Money
	var fired []Fired
	for _, l := range w.res.Ledger.Lines {
		if l.Kind == credits.WithholdLine && !l.Month.Before(o.YearFrom) {
			fired = append(fired, Fired{Month: l.Month, Evidence: l.Rule})
		}
	}
	for _, k := range c.Credits.Critical.KPIs {
		cr := Critical{KPI: k.KPI, Red: k.Red, Level: k.Level}
		var when []string
		if k.Red {
			when = append(when, "a red month")
		}
		if k.Level != nil {
			when = append(when, "a value worse than "+kpi.FormatValue(*k.Level))
		}
		for _, f := range fired {
			if strings.Contains(f.Evidence, "kpi "+k.KPI+":") {
				cr.Fired = append(cr.Fired, f)
			}
		}
		if o.Next.IsZero() {
			cr.Distance.Why = "the term ends with " + o.AsOf.String()
		} else {
			cr.Withholds = money.Round(monthCharges(c, o.Next))
			cr.Distance = Distance{Reachable: true, Failures: 1, By: o.Next,
				Why: fmt.Sprintf("1 failure of %s in %s (%s) withholds the month's charges, %s, in place of its credits",
					k.KPI, o.Next, strings.Join(when, " or "), money.Format(cr.Withholds))}
		}
		o.Critical = append(o.Critical, cr)
	}
}
