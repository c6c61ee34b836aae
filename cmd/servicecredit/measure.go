package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/csvfile"
	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/plan"
	"github.com/servicecredit/engine/measure/planfile"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
)

// monthRange is the -month flag: one month, or FROM..TO.
type monthRange struct{ from, to kpi.Month }

// String returns the range as written: 2021-06, or 2021-06..2021-10.
func (r monthRange) String() string {
	b, _ := r.MarshalText()
	return string(b)
}

func (r monthRange) MarshalText() ([]byte, error) {
	if r.from.IsZero() {
		return nil, nil
	}
	if r.from == r.to {
		return r.from.MarshalText()
	}
	return []byte(r.from.String() + ".." + r.to.String()), nil
}

func (r *monthRange) UnmarshalText(b []byte) error {
	a, z, isRange := strings.Cut(string(b), "..")
	if !isRange {
		z = a
	}
	from, err := kpi.ParseMonth(a)
	if err != nil || a == "" {
		return fmt.Errorf("%q: not a month (want 2021-06 or Jun-21, or a range 2021-06..2021-10)", b)
	}
	to, err := kpi.ParseMonth(z)
	if err != nil || z == "" {
		return fmt.Errorf("%q: not a month (want 2021-06 or Jun-21, or a range 2021-06..2021-10)", b)
	}
	if to.Before(from) {
		return fmt.Errorf("%q: the range ends before it starts", b)
	}
	*r = monthRange{from, to}
	return nil
}

// instant is the -as-of flag: an RFC 3339 instant with its offset.
type instant struct{ t time.Time }

func (i instant) MarshalText() ([]byte, error) {
	if i.t.IsZero() {
		return nil, nil
	}
	return []byte(i.t.Format(time.RFC3339)), nil
}

func (i *instant) UnmarshalText(b []byte) error {
	t, err := time.Parse(time.RFC3339, string(b))
	if err != nil {
		return fmt.Errorf("%q: not an instant (want RFC 3339 with an offset, such as 2021-11-05T00:00:00Z)", b)
	}
	i.t = t
	return nil
}

// measureFormats are the output formats of measure.
var measureFormats = []string{"csv", "json"}

// cutExplain removes "-explain KPI MONTH" (or --explain, or -explain=KPI
// MONTH) from args, which the flag package cannot read as one flag with
// two values, and returns what remains, the KPI and month, and whether
// the flag was given; a non-empty problem says it was given incompletely.
func cutExplain(args []string) (rest []string, id, month string, given bool, problem string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(rest, args[i:]...), id, month, given, problem
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "explain" {
			rest = append(rest, a)
			continue
		}
		given = true
		vals := args[i+1:]
		if hasVal {
			vals = append([]string{val}, vals...)
		}
		if len(vals) < 2 {
			return nil, "", "", true, "-explain wants a KPI and a month, such as -explain IMT_KPI_05 2021-06"
		}
		id, month = vals[0], vals[1]
		skip := 2
		if hasVal {
			skip = 1
		}
		i += skip
	}
	return rest, id, month, given, problem
}

func (e *env) measure(args []string) int {
	fs := e.newFlags("measure", "CONTRACT [PLAN] RECORDS... [flags]",
		`Measure derives the measurements of the KPIs the plan measures from record
files (tickets, outages, calls, survey responses, contact counts, backlog
snapshots, device patches) and writes them as the measurements CSV that
evaluate reads: kpi,organisation,month,value,numerator,denominator,note, one
row per KPI, organisation and month, sorted by month, KPI and organisation.
Each record file's kind is told by its header row (docs/records.md); every
kind a KPI of the plan reads must be given, and every file given must be
read by a KPI. A record file with any problem is reported in full and
nothing is measured. The plan is the contract's own (its measurement
section and its KPIs' measure recipes) unless a PLAN file (.yaml, .yml or
.json) follows the contract. The plan format is described in
docs/records.md.

-explain KPI MONTH lists, instead, every record's part in that KPI-month:
counted or not, and why. -reconcile lists, instead, for each ticket-resolution
KPI, the tickets on which the ITSM tool's own met or breached differs from
ours, each with the single rule or calendar choice that explains it.`)
	months := &monthRange{}
	fs.TextVar(months, "month", monthRange{}, "the `month`s measured: 2021-06, or a range 2021-06..2021-10 (required unless -explain or -reconcile)")
	asOf := &instant{}
	fs.TextVar(asOf, "as-of", instant{}, "the `instant` records are judged at, RFC 3339 with an offset (required by ticket-resolution and patch-compliance)")
	out := format("csv")
	formatFlag(fs, &out, "output `format`: csv or json", measureFormats...)
	reconcile := fs.Bool("reconcile", false, "compare the ITSM tool's verdicts with ours, ticket by ticket")
	fs.String("explain", "", "list every record's outcome for one KPI-month: -explain `KPI MONTH`")
	args, explainID, explainMonth, explain, problem := cutExplain(args)
	if problem != "" {
		return e.usageError(fs, "%s", problem)
	}
	pos, stop := e.parse(fs, args)
	if stop != nil {
		return *stop
	}
	planFile, recordFiles := "", pos[min(1, len(pos)):]
	if len(pos) > 1 && isPlanFile(pos[1]) {
		planFile, recordFiles = pos[1], pos[2:]
	}
	if len(pos) < 2 || len(recordFiles) == 0 {
		return e.usageError(fs, "want CONTRACT [PLAN] RECORDS..., got %d file names", len(pos))
	}
	var month kpi.Month
	switch {
	case explain && *reconcile:
		return e.usageError(fs, "-explain and -reconcile: give one or the other")
	case explain:
		m, err := kpi.ParseMonth(explainMonth)
		if err != nil || explainMonth == "" {
			return e.usageError(fs, "-explain %s %q: not a month (want 2021-06 or Jun-21)", explainID, explainMonth)
		}
		month = m
		*months = monthRange{m, m}
	case !*reconcile && months.from.IsZero():
		return e.usageError(fs, "-month: required (a month such as 2021-06, or a range 2021-06..2021-10)")
	}

	c, contractData, errs := readMeasureContract(pos[0])
	if c != nil && !months.from.IsZero() && (months.from.Before(c.Commencement) || months.to.After(c.Last())) {
		what := "-month " + months.String()
		if explain {
			what = "-explain " + explainID + " " + month.String()
		}
		return e.usageError(fs, "%s: not within the contract's term %s..%s", what, c.Commencement, c.Last())
	}
	pl, cals, recs, errs := readMeasureInputs(pos[0], contractData, c, errs, planFile, recordFiles)
	if len(errs) > 0 {
		code := exitProblem
		for _, err := range errs {
			fmt.Fprintln(e.stderr, safetext.Term(err.Error()))
			if errors.Is(err, record.ErrLimit) {
				code = exitLimit // a record file past the CSV limits
			}
		}
		return code
	}
	kpis := pl.KPIs
	if explain {
		k, ok := pl.Lookup(explainID)
		if !ok {
			return e.usageError(fs, "-explain %q: not a KPI of the plan", explainID)
		}
		kpis = []plan.PlannedKPI{k}
	}
	if *reconcile {
		kpis = slices.DeleteFunc(slices.Clone(kpis), func(k plan.PlannedKPI) bool { return k.Measure.TicketResolution == nil })
		if len(kpis) == 0 {
			return e.usageError(fs, "-reconcile: the plan measures no KPI with ticket-resolution")
		}
	}
	for _, k := range kpis {
		if k.Measure.NeedsAsOf() && asOf.t.IsZero() {
			return e.usageError(fs, "-as-of: required: %s is measured with %s, which judges records at an instant", k.KPI, k.Measure.Name())
		}
	}
	if *reconcile {
		return e.reconcile(kpis, cals, recs, asOf.t)
	}
	var figs []measure.Figure
	code := exitOK
	for _, k := range kpis {
		f, err := k.Measure.Measure(subject(c, k.KPI), months.from, months.to, asOf.t, recs, cals)
		if err != nil {
			for _, x := range record.Errors(err) {
				fmt.Fprintln(e.stderr, safetext.Term(k.KPI+": "+x.Error()))
			}
			if code != exitLimit {
				code = exitProblem
			}
			if errors.Is(err, servicehours.ErrOutOfRange) {
				code = exitLimit // a deadline beyond the calendars' years
			}
			continue
		}
		figs = append(figs, f...)
	}
	if code != exitOK {
		return code // every KPI's problems reported, nothing measured
	}
	if explain {
		writeExplain(e.stdout, c, figs, month)
		return exitOK
	}
	slices.SortStableFunc(figs, func(a, b measure.Figure) int {
		if x := a.Measurement.Month.Compare(b.Measurement.Month); x != 0 {
			return x
		}
		return strings.Compare(a.Measurement.KPI, b.Measurement.KPI)
	})
	var err error
	if out == "json" {
		err = writeMeasurementsJSON(e.stdout, c, figs)
	} else {
		err = writeMeasurementsCSV(e.stdout, c, figs)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "servicecredit: writing the measurements: %v\n", err)
		return exitLimit
	}
	return exitOK
}

// subject returns the contract's definition of KPI id as a measure
// subject; the plan was checked against the contract.
func subject(c *contract.Contract, id string) plan.Subject {
	for _, k := range c.KPIs {
		if k.ID == id {
			return plan.Subject{KPI: id, Precision: k.Precision}
		}
	}
	return plan.Subject{KPI: id}
}

// readMeasureContract reads the contract file; the contract is nil when
// it has problems.
func readMeasureContract(contractFile string) (*contract.Contract, []byte, []error) {
	data, err := os.ReadFile(contractFile)
	if err != nil {
		return nil, nil, []error{fmt.Errorf("%s: cannot read: %w", contractFile, placed.Cause(err))}
	}
	c, err := load.Contract(contractFile, data)
	if err != nil {
		return nil, data, load.Errors(err)
	}
	return c, data, nil
}

// readMeasureInputs reads the plan, its calendars and the record files,
// and checks the plan against the contract c, read from data (nil when
// it has the problems errs). It reports every problem of every file it
// can check.
func readMeasureInputs(contractFile string, data []byte, c *contract.Contract, errs []error, planFile string, recordFiles []string) (*plan.Plan, []*ticketclock.Calendar, *record.Set, []error) {
	if data == nil {
		return nil, nil, nil, errs // the contract cannot be read
	}
	var err error
	var pl *plan.Plan
	planData := data
	if planFile == "" {
		// The contract's own recipes: their problems are the contract's.
		if c == nil {
			return nil, nil, nil, errs
		}
		planFile = contractFile
		if pl, _ = load.Plan(contractFile, data); pl == nil {
			return nil, nil, nil, append(errs, fmt.Errorf("%s: no KPI has a measure recipe: give a PLAN file, or recipes in the contract (docs/records.md)", contractFile))
		}
	} else {
		if planData, err = os.ReadFile(planFile); err != nil {
			return nil, nil, nil, append(errs, fmt.Errorf("%s: cannot read: %w", planFile, placed.Cause(err)))
		}
		if pl, err = planfile.ReadPlan(planFile, planData); err != nil {
			return nil, nil, nil, append(errs, record.Errors(err)...)
		}
	}
	if c == nil {
		return nil, nil, nil, append(errs, fmt.Errorf("%s: not checked against the contract: the contract has problems", planFile))
	}
	errs = append(errs, planAgainstContract(planFile, planData, pl, c, planFile == contractFile)...)
	dir := filepath.Dir(planFile)
	cals, err := pl.BuildCalendars(func(p string) ([]byte, error) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		return os.ReadFile(p)
	})
	for _, x := range record.Errors(err) {
		errs = append(errs, inPlan(planFile, planData, x))
	}
	var zone *time.Location
	if pl.RecordZone != "" {
		zone, _ = time.LoadLocation(pl.RecordZone) // valid: the plan was validated
	}
	recs, rerrs := readRecords(pl, recordFiles, zone)
	errs = append(errs, rerrs...)
	if len(errs) > 0 {
		return nil, nil, nil, errs
	}
	return pl, cals, recs, nil
}

// isPlanFile reports whether name is a plan file rather than a records
// file, by its extension.
func isPlanFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// inPlan gives a plan problem found after reading its file the place of
// its option in the file.
func inPlan(file string, data []byte, err error) error {
	var me *record.Error
	if !errors.As(err, &me) {
		return err
	}
	x := *me
	x.File = file
	x.Line, x.Column = planfile.Position(data, me.Field)
	return &x
}

// planAgainstContract reports each planned KPI that is not an indicator
// of the contract, and each organisation a recipe measures that the
// contract does not measure for the KPI. own says the plan is the
// contract's own, whose recipes are placed at the contract's KPIs.
func planAgainstContract(file string, data []byte, pl *plan.Plan, c *contract.Contract, own bool) []error {
	var errs []error
	for i, k := range pl.KPIs {
		path := fmt.Sprintf("kpis[%d]", i)
		var def *contract.KPI
		for j := range c.KPIs {
			if c.KPIs[j].ID == k.KPI {
				def = &c.KPIs[j]
				if own {
					path = fmt.Sprintf("kpis[%d]", j)
				}
			}
		}
		if def == nil {
			errs = append(errs, inPlan(file, data, &record.Error{Record: fmt.Sprintf("kpi %q", k.KPI), Field: path + ".kpi", Msg: "not an indicator of the contract", Err: record.ErrInvalidOptions}))
			continue
		}
		for _, org := range k.Measure.Orgs() {
			if !slices.Contains(c.OrgsOf(def), org) {
				errs = append(errs, inPlan(file, data, &record.Error{Record: fmt.Sprintf("kpi %q", k.KPI), Field: path + ".measure." + k.Measure.Name(),
					Msg: fmt.Sprintf("organisation %q is not measured for %s by the contract (want %s)", org, k.KPI, strings.Join(c.OrgsOf(def), ", ")), Err: record.ErrInvalidOptions}))
			}
		}
	}
	return errs
}

// readRecords reads each record file by the kind its header row names,
// checking that every kind the plan reads is given and every file is
// read by a KPI of the plan.
func readRecords(pl *plan.Plan, files []string, zone *time.Location) (*record.Set, []error) {
	var errs []error
	needs := map[record.Kind][]string{}
	var scale record.Scale
	var scaleKPI string
	for _, k := range pl.KPIs {
		kind := k.Measure.Records()
		needs[kind] = append(needs[kind], k.KPI)
		if s, ok := k.Measure.Scale(); ok {
			if scaleKPI != "" && s != scale {
				errs = append(errs, fmt.Errorf("responses: %s reads a %s survey and %s a %s survey: which responses file is which cannot be told; measure them in separate runs with separate plans", scaleKPI, scale, k.KPI, s))
			}
			scale, scaleKPI = s, k.KPI
		}
	}
	recs := &record.Set{}
	given := map[record.Kind]bool{}
	unread := false
	for _, f := range files {
		r, err := openRecords(f)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot read: %w", f, placed.Cause(err)))
			unread = true
			continue
		}
		kind, err := recordfile.KindOf(f, r)
		if err != nil {
			errs = append(errs, record.Errors(err)...)
			unread = true
			r.Close()
			continue
		}
		given[kind] = true
		if len(needs[kind]) == 0 {
			errs = append(errs, fmt.Errorf("%s: %s records, but no KPI of the plan reads %s", f, kind, kind))
			r.Close()
			continue
		}
		errs = append(errs, record.Errors(recordfile.Append(recs, kind, f, r, zone, scale))...)
		r.Close()
	}
	for _, kind := range record.Kinds() {
		if ids := needs[kind]; len(ids) > 0 && !given[kind] && !unread {
			errs = append(errs, fmt.Errorf("no %s file given (%s measured from %s)", kind, strings.Join(ids, ", "), kind))
		}
	}
	return recs, errs
}

// recordReader is an open record file that can be read again from its
// start, as recordfile.KindOf needs.
type recordReader interface {
	io.ReadSeeker
	io.Closer
}

// openRecords opens record file name. A regular file is read as it is,
// so that the CSV reader refuses one past the size limit before reading
// it; anything else (a named pipe, a process substitution) is read into
// memory, at most one byte past the size limit, which the reader then
// refuses.
func openRecords(name string) (recordReader, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		return f, nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, csvfile.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	return nopCloser{bytes.NewReader(data)}, nil
}

// nopCloser is an in-memory record file.
type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// row is one measurement as written: the CSV's columns.
type row struct {
	KPI          string `json:"kpi"`
	Organisation string `json:"organisation,omitzero"`
	Month        string `json:"month"`
	Value        string `json:"value,omitzero"`
	Numerator    string `json:"numerator,omitzero"`
	Denominator  string `json:"denominator,omitzero"`
	Absence      string `json:"absence,omitzero"`
	Note         string `json:"note,omitzero"`
}

// rowOf returns f's measurement as written: the value at the KPI's
// places, the counts as computed, an absence as N/A.
func rowOf(c *contract.Contract, f measure.Figure) row {
	m := f.Measurement
	r := row{KPI: m.KPI, Organisation: m.Org, Month: m.Month.String(), Note: m.Note}
	if m.Absent != 0 {
		r.Absence = absenceText(m.Absent)
		return r
	}
	r.Value = m.Value.StringFixed(subject(c, m.KPI).Precision.Places)
	if m.HasCounts {
		r.Numerator, r.Denominator = kpi.FormatValue(m.Numerator), kpi.FormatValue(m.Denominator)
	}
	return r
}

// absenceText spells an absence as the measurements file does.
func absenceText(a kpi.Absence) string {
	switch a {
	case kpi.Unavailable:
		return "UNVL"
	case kpi.NotDue:
		return "not-due"
	}
	return "N/A"
}

func writeMeasurementsCSV(w io.Writer, c *contract.Contract, figs []measure.Figure) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"kpi", "organisation", "month", "value", "numerator", "denominator", "note"})
	for _, f := range figs {
		r := rowOf(c, f)
		v := r.Value
		if r.Absence != "" {
			v = r.Absence
		}
		_ = cw.Write([]string{safetext.CSV(r.KPI), safetext.CSV(r.Organisation), r.Month, v, r.Numerator, r.Denominator, safetext.CSV(r.Note)})
	}
	cw.Flush()
	return cw.Error()
}

func writeMeasurementsJSON(w io.Writer, c *contract.Contract, figs []measure.Figure) error {
	doc := struct {
		Measurements []row `json:"measurements"`
	}{Measurements: []row{}}
	for _, f := range figs {
		doc.Measurements = append(doc.Measurements, rowOf(c, f))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// writeExplain lists every record's part in each figure.
func writeExplain(w io.Writer, c *contract.Contract, figs []measure.Figure, month kpi.Month) {
	for _, f := range figs {
		r := rowOf(c, f)
		org := r.Organisation
		if org == "" {
			org = "(single organisation)"
		}
		v := r.Value
		switch {
		case r.Absence != "":
			v = r.Absence
		case r.Numerator != "":
			v += " (" + r.Numerator + "/" + r.Denominator + ")"
		}
		fmt.Fprintln(w, safetext.Term(fmt.Sprintf("%s %s %s: %s", r.KPI, org, month, v)))
		if r.Note != "" {
			fmt.Fprintln(w, "  "+safetext.Term(r.Note))
		}
		counted, listed := 0, 0
		for _, l := range f.Evidence {
			word := "not counted"
			if l.Counted {
				word = "counted"
				counted++
			} else {
				listed++
			}
			fmt.Fprintln(w, safetext.Term(fmt.Sprintf("  %s [%s]: %s", l.Record, word, l.Why)))
		}
		fmt.Fprintf(w, "  %d records counted, %d listed and not counted\n", counted, listed)
	}
}

// reconcile writes, for each ticket-resolution KPI, the tickets on which
// the tool's verdict differs from ours, with their causes. It returns
// exitFound when there is any such ticket: the check found what it exists
// to find.
func (e *env) reconcile(kpis []plan.PlannedKPI, cals []*ticketclock.Calendar, recs *record.Set, asOf time.Time) int {
	byName := map[string]*ticketclock.Calendar{}
	for _, c := range cals {
		byName[c.Name()] = c
	}
	code := exitOK
	for _, k := range kpis {
		t := k.Measure.TicketResolution
		var clockCals, alts []*ticketclock.Calendar
		for _, c := range cals {
			if !slices.Contains(t.Alternatives, c.Name()) {
				clockCals = append(clockCals, c)
			}
		}
		for _, a := range t.Alternatives {
			alts = append(alts, byName[a])
		}
		clock, err := t.NewClock(clockCals)
		if err == nil {
			var rec ticketclock.Reconciliation
			rec, err = clock.Reconcile(recs.Tickets, asOf, alts...)
			if err == nil {
				fmt.Fprintf(e.stdout, "%s: %d tickets compared, %d agreed, %d differ, %d not compared (excluded or not measured), as of %s\n",
					safetext.Term(k.KPI), rec.Compared, rec.Agreed, len(rec.Differences), rec.Uncompared, asOf.Format(time.RFC3339))
				for _, d := range rec.Differences {
					fmt.Fprintln(e.stdout, "  "+safetext.Term(d.Explain()))
				}
				if len(rec.Differences) > 0 {
					code = exitFound
				}
				continue
			}
		}
		for _, x := range record.Errors(err) {
			fmt.Fprintln(e.stderr, safetext.Term(k.KPI+": "+x.Error()))
		}
		if errors.Is(err, servicehours.ErrOutOfRange) {
			return exitLimit // a deadline beyond the calendars' years
		}
		return exitProblem
	}
	return code
}
