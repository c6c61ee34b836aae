package load

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/csvfile"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
)

// The columns of a measurements file.
var (
	measurementColumns  = []string{"kpi", "organisation", "month", "value", "numerator", "denominator", "absence", "note", "incidents"}
	measurementRequired = []string{"kpi", "month", "value"}
)

// Measurements reads a measurements file, CSV with a header row, as
// docs/contract-format.md describes: one row per KPI, organisation and
// month, with columns kpi, organisation, month, value and optionally
// numerator, denominator, absence, note and incidents (the references of
// the incidents that caused the KPI-month's failure, separated by ";",
// each trimmed; none empty and none twice). c is the contract measured: it
// gives each KPI's unit (a value may end in "%" only for a percent KPI),
// organisations and months in force.
//
// A value is a decimal as written ("99.9", "99.9%"), or an absence:
// "UNVL" (unavailable), "N/A" (not applicable) or "not-due". A value or
// absence for a month its KPI is not due (contract.Contract.Due), and
// not-due for a month it is, are problems of the row, placed at its month
// and at its value as every other problem is. A value of a KPI whose
// month's thresholds carry a small-volume rule needs its numerator and
// denominator, whole numbers (kpi.Measurement.Check): a problem with them
// is placed at the numerator or denominator column. An empty
// value with no absence means nothing was supplied: the row is checked but
// yields no measurement, so the evaluation counts the KPI-month as missing
// under the contract's rule; an empty value with a numerator and a
// denominator is derived from them (kpi.Measurement.FromCounts), rounded
// once to the KPI's precision.
//
// It reports every problem, each as an *Error naming the file, line,
// column and field, sorted and joined; on any problem it returns no
// measurements.
func Measurements(name string, r io.Reader, c *contract.Contract) ([]kpi.Measurement, error) {
	ms, _, err := measurements(name, r, c, false)
	return ms, err
}

// MeasurementLines reads a measurements file as Measurements does, and
// returns also the line each measurement was read from: lines[i] is the
// line of the measurement at position i. InputErrors places the problems
// an evaluation finds with them at those lines.
func MeasurementLines(name string, r io.Reader, c *contract.Contract) (ms []kpi.Measurement, lines []int, err error) {
	return measurements(name, r, c, true)
}

// measurements is Measurements, keeping each measurement's line when
// withLines is set.
func measurements(name string, r io.Reader, c *contract.Contract, withLines bool) ([]kpi.Measurement, []int, error) {
	ps := &problems{file: name}
	count, counted, err := csvfile.Lines(r)
	if err != nil {
		csvSyntax(ps, err)
		return nil, nil, ps.err()
	}
	t := openCSV(ps, r, measurementColumns, measurementRequired)
	if t == nil {
		return nil, nil, ps.err()
	}
	col := measurementCols{kpi: t.column("kpi"), org: t.column("organisation"), month: t.column("month"),
		value: t.column("value"), num: t.column("numerator"), den: t.column("denominator"),
		absence: t.column("absence"), note: t.column("note"), incidents: t.column("incidents")}
	kpis := make(map[string]int, len(c.KPIs))
	for i := range c.KPIs {
		kpis[c.KPIs[i].ID] = i
	}
	orgs := make(map[string]int, len(c.Orgs))
	for i, o := range c.Orgs {
		orgs[o] = i
	}
	seen := rowsSeen{width: len(c.KPIs) * len(c.Orgs), months: map[kpi.Month][]uint64{}}
	hint := 0 // the rows that can hold a measurement: lines, less the header
	if counted {
		hint = min(count-1, seen.width*c.Term)
	}
	out := make([]kpi.Measurement, 0, hint)
	lineOf := make([]int32, 0, hint) // the line of each measurement in out
	var blank []blankRow             // the rows that supplied nothing
	values := decimalCache{}
	for t.next() {
		before := ps.n()
		id, idPos := t.field(col.kpi)
		ki, known := kpis[id]
		var k *contract.KPI
		switch {
		case id == "":
			ps.add(idPos, "kpi", "empty (want the id of one of the contract's KPIs)", nil)
		case !known:
			ps.addText(idPos, "kpi", id, "not an indicator of the contract", nil)
		default:
			k = &c.KPIs[ki]
			id = k.ID // the contract's copy: the row's line is not kept for it
		}
		org, orgPos := t.field(col.org)
		oi, orgKnown := orgs[org]
		switch {
		case org == "" && len(c.Orgs) == 1:
			org, oi = c.Orgs[0], 0
		case org == "":
			ps.add(orgPos, "organisation", "empty (want one of "+strings.Join(c.Orgs, ", ")+": the contract serves several)", nil)
		case k != nil && !slices.Contains(c.OrgsOf(k), org):
			ps.addText(orgPos, "organisation", org, "not measured for "+id+" (want one of "+strings.Join(c.OrgsOf(k), ", ")+")", nil)
		case orgKnown:
			org = c.Orgs[oi]
		}
		ms, monthPos := t.field(col.month)
		m, err := kpi.ParseMonth(ms)
		if err != nil {
			ps.addText(monthPos, "month", ms, monthWant, err)
		} else if k != nil {
			from, to := c.Window(k)
			if m.Before(from) || m.After(to) {
				ps.addText(monthPos, "month", ms, fmt.Sprintf("%s is not in force (in force %s..%s)", id, from, to), nil)
			}
		}
		meas := kpi.Measurement{KPI: id, Org: org, Month: m}
		meas.Note, _ = t.field(col.note)
		meas.Incidents = readIncidents(t, col.incidents)
		supplied := readValue(t, col, k, &meas, &values)
		if supplied && ps.n() == before {
			due(t, col, c, k, &meas, monthPos, ms)
		}
		if ps.n() > before {
			continue
		}
		// The row is clean: its KPI, organisation and month are the
		// contract's, within the term.
		if seen.add(ki*len(c.Orgs)+oi, m) {
			if ps.full() {
				ps.add(pos{t.line, 0}, "", "", nil) // counted only
			} else {
				ps.addf(pos{t.line, 0}, "", "%s %s %s: measurement repeated (first at line %d)", id, org, m, firstLine(out, lineOf, blank, id, org, m))
			}
			continue
		}
		if !supplied {
			blank = append(blank, blankRow{kpi: id, org: org, month: m, line: int32(t.line)})
			continue
		}
		if err := meas.Check(k.Definition); err != nil {
			for _, e := range joined.Split(err) {
				field, i := "value", col.value
				var ke *kpi.Error
				msg := e.Error()
				if errors.As(e, &ke) {
					msg = ke.Msg
					switch ke.Path {
					case "Numerator", "HasCounts":
						field, i = "numerator", col.num
					case "Denominator":
						field, i = "denominator", col.den
					}
				}
				_, p := t.field(i)
				if p.col == 0 {
					p = pos{t.line, 0}
				}
				ps.add(p, field, msg, e)
			}
			continue
		}
		out, lineOf = append(out, meas), append(lineOf, int32(t.line))
	}
	if !ps.ok() {
		return nil, nil, ps.err()
	}
	var lines []int
	if withLines {
		lines = make([]int, len(lineOf))
		for i, l := range lineOf {
			lines[i] = int(l)
		}
	}
	return out, lines, nil
}

// due checks the current row's measurement m of KPI k, in force in its
// month, against the months k is assessed in: a value (or any absence but
// not-due) for a month k is not due is placed at the month, as a month
// outside the KPI's months in force is; not-due for a month it is due at
// the field that says it.
func due(t *csvReader, col measurementCols, c *contract.Contract, k *contract.KPI, m *kpi.Measurement, monthPos pos, month string) {
	every := "monthly"
	if k.Every > 1 {
		every = fmt.Sprintf("every %d months", k.Every)
	}
	switch d := c.Due(k, m.Month); {
	case !d && m.Absent != kpi.NotDue:
		t.ps.addText(monthPos, "month", month, fmt.Sprintf("%s is assessed %s, not in %s (write not-due, or leave the row out)", k.ID, every, m.Month), nil)
	case d && m.Absent == kpi.NotDue:
		field, i := "value", col.value
		if v, _ := t.field(col.value); v == "" {
			field, i = "absence", col.absence
		}
		text, p := t.field(i)
		t.ps.addText(p, field, text, fmt.Sprintf("given for a month %s is assessed in (%s)", k.ID, every), nil)
	}
}

// rowsSeen records which KPI, organisation and month the clean rows of a
// measurements file were for, a bit each, in one bitset per month the
// file has: its memory follows the months measured, never the term.
type rowsSeen struct {
	width  int // KPIs x organisations
	months map[kpi.Month][]uint64
	last   kpi.Month // the month of the last row, whose bits are lastBits: rows come month by month
	bits   []uint64
}

// add records the KPI and organisation at position i in month m and
// reports whether they were recorded before.
func (s *rowsSeen) add(i int, m kpi.Month) bool {
	bits := s.bits
	if m != s.last || bits == nil {
		var ok bool
		if bits, ok = s.months[m]; !ok {
			bits = make([]uint64, (s.width+63)/64)
			s.months[m] = bits
		}
		s.last, s.bits = m, bits
	}
	w, b := i/64, uint64(1)<<(i%64)
	if bits[w]&b != 0 {
		return true
	}
	bits[w] |= b
	return false
}

// blankRow is a row that supplied no measurement: an empty value.
type blankRow struct {
	kpi, org string
	month    kpi.Month
	line     int32
}

// firstLine returns the line of the first row for KPI id, org and month m:
// a measurement of out (whose lines are lines) or a blank row. It is
// called for a repeated row only, at most joined.Max times a file.
func firstLine(out []kpi.Measurement, lines []int32, blank []blankRow, id, org string, m kpi.Month) int32 {
	for i := range out {
		if out[i].Month == m && out[i].KPI == id && out[i].Org == org {
			return lines[i]
		}
	}
	for _, b := range blank {
		if b.month == m && b.kpi == id && b.org == org {
			return b.line
		}
	}
	return 0
}

// measurementCols are the field indexes of a measurements file's columns;
// -1 for a column the file does not have.
type measurementCols struct {
	kpi, org, month, value, num, den, absence, note, incidents int
}

// readValue reads the current row's value, absence and counts into m. It
// reports whether a measurement was supplied: false for an empty value
// with no absence.
func readValue(t *csvReader, col measurementCols, k *contract.KPI, m *kpi.Measurement, values *decimalCache) bool {
	ps := t.ps
	v, vp := t.field(col.value)
	a, ap := t.field(col.absence)
	num, np := t.field(col.num)
	den, dp := t.field(col.den)
	if word, err := absenceWord(v); err == nil {
		if a != "" {
			ps.addText(ap, "absence", a, "given with an absent value "+strconv.Quote(v)+" (give one or the other)", nil)
		}
		m.Absent = word
	} else if a != "" {
		word, err := absenceWord(a)
		switch {
		case err != nil:
			ps.addText(ap, "absence", a, "unknown absence (want UNVL, N/A or not-due, or the words unavailable, not-applicable)", err)
		case v != "":
			ps.addText(vp, "value", v, "given with absence "+strconv.Quote(a)+" (give one or the other)", nil)
		}
		m.Absent = word
	}
	if m.Absent != 0 {
		if num != "" || den != "" {
			ps.add(pos{t.line, 0}, "numerator", "given although the value is absent", nil)
		}
		return true
	}
	if v == "" {
		if num == "" && den == "" {
			return false
		}
		m.FromCounts = true // the engine derives the value from the counts, rounding once
	} else {
		text := v
		if strings.HasSuffix(text, "%") {
			text = strings.TrimSpace(strings.TrimSuffix(text, "%"))
			if k != nil && k.Unit != kpi.Percent {
				ps.addText(vp, "value", v, fmt.Sprintf("a percent sign on a %s kpi (%s is measured as %s)", k.Unit, k.ID, k.Unit), nil)
				return true
			}
		}
		d, msg := values.parse(text)
		if msg != "" {
			ps.addText(vp, "value", v, msg, nil)
			return true
		}
		m.Value = d
	}
	switch {
	case num == "" && den == "":
	case num == "" || den == "":
		p, f := np, "numerator"
		if num != "" {
			p, f = dp, "denominator"
		}
		if p.col == 0 {
			p = pos{t.line, 0}
		}
		ps.add(p, f, "empty (give both numerator and denominator, or neither)", nil)
	default:
		n, msg := values.parse(num)
		if msg != "" {
			ps.addText(np, "numerator", num, msg, nil)
		}
		dd, msg2 := values.parse(den)
		if msg2 != "" {
			ps.addText(dp, "denominator", den, msg2, nil)
		}
		m.Numerator, m.Denominator, m.HasCounts = n, dd, true
	}
	return true
}

// readIncidents reads the current row's incidents, in field i: references
// separated by ";", trimmed, none empty and none twice; nil when the
// field is empty.
func readIncidents(t *csvReader, i int) []string {
	s, p := t.field(i)
	if s == "" {
		return nil
	}
	var out []string
	for n, ref := range strings.Split(s, ";") {
		ref = strings.TrimSpace(ref)
		switch {
		case ref == "":
			t.ps.addText(p, "incidents", s, fmt.Sprintf("reference %d is empty (want references separated by \";\", such as INC-1; INC-2)", n+1), nil)
			return nil
		case slices.Contains(out, ref):
			t.ps.addText(p, "incidents", s, "incident "+strconv.Quote(ref)+" given twice", nil)
			return nil
		}
		out = append(out, ref)
	}
	return out
}

// fileAbsences are the absences a measurements file may give, in its
// value or absence column: the engine's words of the first three
// (kpi.Absence's unavailable, not-applicable and not-due), and the packs'
// UNVL and N/A.
var fileAbsences = words.New("absence", kpi.Unavailable, kpi.Unavailable.String(), kpi.NotApplicable.String(), kpi.NotDue.String()).
	Alias("unvl", kpi.Unavailable).Alias("n/a", kpi.NotApplicable)

// absenceWord maps a spelling of an absent value, in any case, to the
// engine's Absence; the error for any other is a *kpi.WordError.
func absenceWord(s string) (kpi.Absence, error) {
	var a kpi.Absence
	err := fileAbsences.Unmarshal(&a, []byte(strings.ToLower(s)))
	return a, err
}
