package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/internal/placed"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/mitigation"
	"github.com/servicecredit/engine/report"
	"github.com/servicecredit/engine/seal"
)

// The exit codes, one table for every command (docs/cli.md).
const (
	exitOK      = 0 // all is well
	exitProblem = 1 // an input problem: a file cannot be read or has a problem, or the evaluation failed on it
	exitUsage   = 2 // the command line is wrong
	exitFound   = 3 // a check found what it exists to find (a disagreement, a failed contract)
	exitLimit   = 4 // a documented limit was reached, or a runtime failure
)

// exitStatuses is the exit-status paragraph of every command's help.
const exitStatuses = `Exit status: 0 all is well; 1 an input problem; 2 a usage error; 3 a check
found what it exists to find; 4 a documented limit was reached or a runtime
failure (the table in docs/cli.md).
`

const usage = `usage: servicecredit COMMAND [ARGUMENTS]

Commands:
  validate  check a contract and, optionally, measurements and mitigations
  evaluate  print the RAG table, board summary, credit ledger and year totals
  explain   explain one KPI-month in plain words
  measure   derive measurements from record files (tickets, outages, ...) by a plan
  reconcile check a supplier's published pack, figure by figure, and its credit claim
  close     seal a month's results, to compare with later (evaluate -seals)
  outlook   headroom under the caps, distance to each trigger, year-end forecast
  portfolio evaluate many contracts at once, with totals per customer and supplier
  version   print the module version and VCS revision of this binary

Run "servicecredit COMMAND -h" for a command's arguments and flags.

Files: CONTRACT is YAML or JSON; MEASUREMENTS is CSV ("-" reads standard
input); MITIGATIONS is CSV, YAML or JSON, by its extension. The formats are
described in docs/contract-format.md.

Exit status: 0 all is well; 1 an input problem; 2 a usage error; 3 a check
found what it exists to find; 4 a documented limit was reached or a runtime
failure (the table in docs/cli.md). Errors go to standard error, one per
line, as FILE:LINE:COLUMN: FIELD "TEXT": PROBLEM. Output never contains
colour or other terminal escapes.
`

// env is one run of the command: its standard streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// run runs the command line args (without the program name) and returns
// the exit status. A runtime failure (a bug) is reported on one line with
// status 4, never as a goroutine dump.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "servicecredit: runtime failure: %s\n", safetext.Term(fmt.Sprint(r)))
			code = exitLimit
		}
	}()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "validate":
		return e.validate(args[1:])
	case "evaluate":
		return e.evaluate(args[1:])
	case "explain":
		return e.explain(args[1:])
	case "measure":
		return e.measure(args[1:])
	case "reconcile":
		return e.reconcilePack(args[1:])
	case "close":
		return e.closeMonths(args[1:])
	case "outlook":
		return e.outlook(args[1:])
	case "portfolio":
		return e.portfolio(args[1:])
	case "version":
		return e.version(args[1:])
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" {
			return run([]string{args[1], "-h"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "servicecredit: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// newFlags returns the flag set of a command, printing help to stdout when
// asked for with -h and to stderr on a usage error.
func (e *env) newFlags(name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("servicecredit "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "usage: servicecredit %s %s\n\n%s\n", name, synopsis, about)
		var flags bytes.Buffer
		fs.SetOutput(&flags)
		fs.PrintDefaults()
		fs.SetOutput(out)
		if flags.Len() > 0 {
			fmt.Fprintf(out, "\nFlags (before or after the file names):\n%s", flags.String())
		}
		fmt.Fprint(out, "\n"+exitStatuses)
	}
	return fs
}

// parse parses args with fs, allowing flags after the positional
// arguments, and returns the positional arguments. It returns a non-nil
// exit status when the command should stop: after -h, or on a usage error.
func (e *env) parse(fs *flag.FlagSet, args []string) ([]string, *int) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			code := exitUsage
			if errors.Is(err, flag.ErrHelp) {
				code = exitOK
				fs.SetOutput(e.stdout)
				fs.Usage()
				return nil, &code
			}
			fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
			fs.SetOutput(e.stderr)
			fs.Usage()
			return nil, &code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseFiles parses args as parse does for a command that evaluates, whose
// positional arguments are 2 or 3 file names: CONTRACT MEASUREMENTS
// [MITIGATIONS]. It returns them, the mitigations "" when not given; any
// other number is a usage error.
func (e *env) parseFiles(fs *flag.FlagSet, args []string) ([3]string, *int) {
	var files [3]string
	pos, stop := e.parse(fs, args)
	if stop == nil && (len(pos) < 2 || len(pos) > 3) {
		code := e.usageError(fs, "want 2 or 3 file names, got %d", len(pos))
		stop = &code
	}
	copy(files[:], pos)
	return files, stop
}

// usageError reports a wrong command line.
func (e *env) usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "%s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.SetOutput(e.stderr)
	fs.Usage()
	return exitUsage
}

// inputs are the files a command reads.
type inputs struct {
	contract     *contract.Contract
	measurements []kpi.Measurement
	file         string // the measurements file's name
	lines        []int  // the line each measurement was read from
	register     *mitigation.Register
}

// read reads the files named; measurements and mitigations may be "". It
// reports every problem in every file it can check: measurements and
// mitigations are checked against the contract, so only when it is valid.
func (e *env) read(contractFile, measurementsFile, mitigationsFile string) (*inputs, []error) {
	var errs []error
	in := &inputs{}
	data, err := os.ReadFile(contractFile)
	if err != nil {
		return nil, []error{fmt.Errorf("%s: cannot read: %w", contractFile, placed.Cause(err))}
	}
	in.contract, err = load.Contract(contractFile, data)
	if err != nil {
		errs = append(errs, load.Errors(err)...)
		for _, f := range []string{measurementsFile, mitigationsFile} {
			if f != "" {
				errs = append(errs, fmt.Errorf("%s: not checked: the contract has problems", f))
			}
		}
		return nil, errs
	}
	if measurementsFile != "" {
		var r io.Reader = e.stdin
		if measurementsFile != "-" {
			f, err := os.Open(measurementsFile)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: cannot read: %w", measurementsFile, placed.Cause(err)))
			} else {
				defer f.Close()
				r = f
			}
		}
		if r != nil && (measurementsFile == "-" || len(errs) == 0) {
			in.file = measurementsFile
			in.measurements, in.lines, err = load.MeasurementLines(measurementsFile, r, in.contract)
			errs = append(errs, load.Errors(err)...)
		}
	}
	if mitigationsFile != "" {
		data, err := os.ReadFile(mitigationsFile)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot read: %w", mitigationsFile, placed.Cause(err)))
		} else {
			in.register, err = load.Register(mitigationsFile, data, in.contract)
			errs = append(errs, load.Errors(err)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return in, nil
}

// period returns the months to evaluate: from and to if given, else the
// first and last months measured. A period that ends before it starts is
// a usage error, reported in usage.
func period(ms []kpi.Measurement, from, to kpi.Month) (_, _ kpi.Month, usage string, err error) {
	var first, last kpi.Month
	for _, m := range ms {
		if first.IsZero() || m.Month.Before(first) {
			first = m.Month
		}
		if m.Month.After(last) {
			last = m.Month
		}
	}
	givenFrom, givenTo := !from.IsZero(), !to.IsZero()
	if from.IsZero() {
		from = first
	}
	if to.IsZero() {
		to = last
	}
	if from.IsZero() || to.IsZero() {
		return from, to, "", errors.New("no month measured: give -from and -to")
	}
	if to.Before(from) {
		switch {
		case givenFrom && givenTo:
			return from, to, fmt.Sprintf("-from %s is after -to %s", from, to), nil
		case givenFrom:
			return from, to, fmt.Sprintf("-from %s is after the last month measured, %s (give -to)", from, to), nil
		default:
			return from, to, fmt.Sprintf("-to %s is before the first month measured, %s (give -from)", to, from), nil
		}
	}
	return from, to, "", nil
}

// input returns the evaluation input of in over from..to.
func (in *inputs) input(from, to kpi.Month) contract.Input {
	return contract.Input{From: from, To: to, Measurements: in.measurements, Mitigations: in.register}
}

// maxMessage is the longest line of an error message written whole: a
// longer one, such as one quoting a huge field, is cut, saying how much
// was left out.
const maxMessage = 1000

// clip cuts s to maxMessage bytes, at a character's start, saying how
// many bytes were left out.
func clip(s string) string {
	if len(s) <= maxMessage {
		return s
	}
	n := maxMessage
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%s... (%d more bytes)", s[:n], len(s)-n)
}

// problems writes each problem of errs on standard error, one line each,
// the first prefixed with prefix (such as "evaluation: "), escaped for the
// terminal and cut to maxMessage bytes, and returns the exit status:
// exitLimit when a problem is a documented limit reached, else
// exitProblem.
func (e *env) problems(prefix string, errs ...error) int {
	code := exitProblem
	for _, err := range errs {
		if errors.Is(err, contract.ErrLimit) {
			code = exitLimit
		}
		for i, line := range strings.Split(err.Error(), "\n") {
			if i == 0 {
				line = prefix + line
			}
			fmt.Fprintln(e.stderr, clip(safetext.Term(line)))
		}
	}
	return code
}

// evaluation writes the problems an evaluation of in found, as problems
// does: those with a measurement at the measurements file's line it came
// from (load.InputErrors), the others after "evaluation: ".
func (e *env) evaluation(in *inputs, err error) int {
	code := exitProblem
	for _, p := range load.InputErrors(in.file, in.lines, err) {
		prefix := "evaluation: "
		var le *load.Error
		if errors.As(p, &le) {
			prefix = ""
		}
		if e.problems(prefix, p) == exitLimit {
			code = exitLimit
		}
	}
	return code
}

// count returns the number of problems errs stands for: a joined.More
// stands for the problems it counts.
func count(errs []error) int {
	n := 0
	for _, err := range errs {
		var m joined.More
		if errors.As(err, &m) {
			n += m.N
			continue
		}
		n++
	}
	return n
}

func (e *env) validate(args []string) int {
	fs := e.newFlags("validate", "CONTRACT [MEASUREMENTS] [MITIGATIONS]",
		`Validate checks a contract file and, when given, a measurements file and a
mitigations file against it, and reports every problem found, one per line on
standard error. When all the files are valid and measurements are given, it
also evaluates the months measured. On success it prints one line per file.`)
	pos, stop := e.parse(fs, args)
	if stop != nil {
		return *stop
	}
	if len(pos) < 1 || len(pos) > 3 {
		return e.usageError(fs, "want 1 to 3 file names, got %d", len(pos))
	}
	pos = append(pos, "", "")
	in, errs := e.read(pos[0], pos[1], pos[2])
	if len(errs) > 0 {
		code := e.problems("", errs...)
		word := "problems"
		if count(errs) == 1 {
			word = "problem"
		}
		fmt.Fprintf(e.stderr, "%d %s found\n", count(errs), word)
		return code
	}
	c := in.contract
	fmt.Fprintf(e.stdout, "%s: ok: %q, %d indicators, %s to %s, %s\n", pos[0], c.Name, len(c.KPIs), c.Commencement, c.Last(), plural(len(c.Orgs), "organisation"))
	if pos[1] != "" {
		from, to, _, _ := period(in.measurements, kpi.Month{}, kpi.Month{})
		fmt.Fprintf(e.stdout, "%s: ok: %s, %s to %s\n", pos[1], plural(len(in.measurements), "measurement"), from, to)
	}
	if pos[2] != "" {
		fmt.Fprintf(e.stdout, "%s: ok: %s\n", pos[2], plural(len(in.register.Records()), "mitigation record"))
	}
	if pos[1] != "" {
		from, to, _, err := period(in.measurements, kpi.Month{}, kpi.Month{})
		var tot *contract.Totals
		if err == nil {
			tot, err = c.Stream(in.input(from, to), func(*contract.MonthResult) error { return nil })
		}
		if err != nil {
			errs := load.InputErrors(in.file, in.lines, err)
			code := e.evaluation(in, err)
			word := "problems"
			if count(errs) == 1 {
				word = "problem"
			}
			fmt.Fprintf(e.stderr, "%d %s found\n", count(errs), word)
			return code
		}
		fmt.Fprintf(e.stdout, "evaluation: ok: %s to %s, total credit %s\n", from, to, c.Credits.Money.Format(tot.Total))
	}
	return exitOK
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// format is an output format of a command.
type format string

// formats are the output formats of evaluate.
var formats = []string{"text", "csv", "json", "jsonl", "markdown", "pack", "html"}

// formatFlag adds -format to fs: it sets *p, whose value is the default,
// to one of words, and refuses any other word, listing them.
func formatFlag(fs *flag.FlagSet, p *format, usage string, words ...string) {
	fs.Var(formatValue{p, words}, "format", usage)
}

// formatValue is a -format flag's value.
type formatValue struct {
	p     *format
	words []string
}

func (f formatValue) String() string {
	if f.p == nil {
		return ""
	}
	return string(*f.p)
}

func (f formatValue) Set(s string) error {
	if !slices.Contains(f.words, s) {
		return fmt.Errorf("format %q: unknown (want one of %s)", s, strings.Join(f.words, ", "))
	}
	*f.p = format(s)
	return nil
}

// periodFlags adds -from, -to and -org to fs.
func periodFlags(fs *flag.FlagSet) (from, to *kpi.Month, org *string) {
	from, to = new(kpi.Month), new(kpi.Month)
	fs.TextVar(from, "from", kpi.Month{}, "first `month` evaluated, 2021-06 or Jun-21 (default: the first month measured)")
	fs.TextVar(to, "to", kpi.Month{}, "last `month` evaluated (default: the last month measured)")
	org = fs.String("org", "", "show only `organisation` ORG (money totals and caps stay the whole contract's)")
	return from, to, org
}

func (e *env) evaluate(args []string) int {
	fs := e.newFlags("evaluate", "CONTRACT MEASUREMENTS [MITIGATIONS] [flags]",
		`Evaluate prints, for the months evaluated, the board summary per month (TSL
achieved, MSL achieved, below MSL, mitigation agreed, total), the RAG table of
every indicator (raw status; * where a mitigation is agreed; raw>deemed where
a mitigation deems another status), the mitigations applied, the credit ledger
and the contract-year totals. The json, jsonl and csv formats are documented
in docs/json-output.md; their field names are stable. Every format but json
and pack is written from the months as they are evaluated, keeping only what
it shows (csv and jsonl: nothing), so that memory follows the output. The html
format is one self-contained web page (docs/html.md).
With -seals DIR it then compares every month sealed in DIR (servicecredit
close) with today's result and lists each revision, and the adjustments they
imply as ledger lines of the month -adjust-in names (docs/monthly-cycle.md);
the exit status is 3 when a seal was edited or fails its HMAC.`)
	from, to, org := periodFlags(fs)
	out := format("text")
	formatFlag(fs, &out, "output `format`: text, csv, json, jsonl (one JSON object a line), markdown, pack (a pack's tables: indicators by month) or html (a web page)", formats...)
	seals := sealingFlags(fs)
	files, stop := e.parseFiles(fs, args)
	if stop != nil {
		return *stop
	}
	if !from.IsZero() && !to.IsZero() && to.Before(*from) {
		return e.usageError(fs, "-from %s is after -to %s", *from, *to)
	}
	if u := seals.usage(out); u != "" {
		return e.usageError(fs, "%s", u)
	}
	digests := e.hashInputs(files)
	in, errs := e.read(files[0], files[1], files[2])
	if len(errs) > 0 {
		return e.problems("", errs...)
	}
	c := in.contract
	if *org != "" && !contains(c.Orgs, *org) {
		return e.usageError(fs, "-org %q: not an organisation of the contract (want one of %s)", *org, strings.Join(c.Orgs, ", "))
	}
	first, last, usage, err := period(in.measurements, *from, *to)
	if usage != "" {
		return e.usageError(fs, "%s", usage)
	}
	if err != nil {
		return e.problems("evaluation: ", err)
	}
	if out == "html" {
		if err := report.HTMLFits(c, first, last, *org); err != nil {
			return e.problems("evaluation: ", err)
		}
	}
	var rs *seal.Restatement
	if *seals.dir != "" {
		var code int
		if rs, code = e.restate(fs, seals, in, digests); rs == nil {
			return code
		}
	}
	if out != "json" && out != "pack" && out != "html" {
		code := e.stream(in, in.input(first, last), out, *org)
		if code != exitOK || rs == nil {
			return code
		}
		return e.writeRestatement(out, c, rs)
	}
	res, err := c.Evaluate(in.input(first, last))
	if err != nil {
		return e.evaluation(in, err)
	}
	w := e.stdout
	var buf bytes.Buffer
	if rs != nil {
		w = &buf
	}
	switch {
	case out == "json" && *org != "":
		err = report.ForOrg(res, *org).JSON(w, c)
	case out == "json":
		err = report.JSON(w, c, res)
	case out == "html" && *org != "" && rs != nil:
		err = report.ForOrg(res, *org).HTMLRestatement(e.stdout, c, rs)
	case out == "html" && *org != "":
		err = report.ForOrg(res, *org).HTML(e.stdout, c)
	case out == "html" && rs != nil:
		err = report.HTMLRestatement(e.stdout, c, res, rs)
	case out == "html":
		err = report.HTML(e.stdout, c, res)
	case *org != "":
		err = report.ForOrg(res, *org).Pack(w, c)
	default:
		err = report.Pack(w, c, res)
	}
	if err == nil && rs != nil && out == "json" {
		err = report.JSONRestatement(e.stdout, buf.Bytes(), rs)
	}
	if err != nil {
		return e.problems("servicecredit: writing the report: ", err)
	}
	if rs != nil {
		return e.untrusted(rs)
	}
	return exitOK
}

// stream evaluates in and writes it as it goes, in format csv, jsonl,
// text or markdown, restricted to org when it is not empty.
func (e *env) stream(files *inputs, in contract.Input, out format, org string) int {
	c := files.contract
	var month func(*contract.MonthResult) error
	var end func(*contract.Totals) error
	var err error
	switch out {
	case "csv":
		var cw *report.CSVWriter
		cw, err = report.NewCSVWriter(e.stdout, c, org)
		if cw != nil {
			month, end = cw.Month, func(*contract.Totals) error { return cw.Close() }
		}
	case "jsonl":
		var jw *report.JSONLWriter
		jw, err = report.NewJSONLWriter(e.stdout, c, org)
		month, end = jw.Month, jw.Close
	case "markdown":
		tw := report.NewMarkdownWriter(e.stdout, c, org)
		month, end = tw.Month, tw.Close
	default:
		tw := report.NewTextWriter(e.stdout, c, org)
		month, end = tw.Month, tw.Close
	}
	if err != nil {
		return e.problems("servicecredit: writing the report: ", err)
	}
	written := true
	tot, err := c.Stream(in, func(m *contract.MonthResult) error {
		if err := month(m); err != nil {
			written = false
			return err
		}
		return nil
	})
	if err == nil {
		err = end(tot)
		written = err == nil
	}
	switch {
	case err != nil && !written:
		return e.problems("servicecredit: writing the report: ", err)
	case err != nil:
		// A problem found as the months are credited: the months written
		// before it stand on standard output, and the run fails.
		return e.evaluation(files, err)
	}
	return exitOK
}

func (e *env) explain(args []string) int {
	fs := e.newFlags("explain", "CONTRACT MEASUREMENTS [MITIGATIONS] KPI MONTH [flags]",
		`Explain prints the whole reasoning for one KPI-month in plain words: the
measured value and its rounding, the thresholds in force and where they come
from (base levels, glide path step or change note), the status, the absence
rule, the mitigation, the points and money, and the month's caps. The months
evaluated are those evaluate would use with the same flags, so that caps agree.`)
	from, to, org := periodFlags(fs)
	pos, stop := e.parse(fs, args)
	if stop != nil {
		return *stop
	}
	if len(pos) < 4 || len(pos) > 5 {
		return e.usageError(fs, "want CONTRACT MEASUREMENTS [MITIGATIONS] KPI MONTH, got %d arguments", len(pos))
	}
	if !from.IsZero() && !to.IsZero() && to.Before(*from) {
		return e.usageError(fs, "-from %s is after -to %s", *from, *to)
	}
	id, monthText := pos[len(pos)-2], pos[len(pos)-1]
	files := append(pos[:len(pos)-2:len(pos)-2], "")
	month, err := kpi.ParseMonth(monthText)
	if err != nil {
		return e.usageError(fs, "%v", err)
	}
	in, errs := e.read(files[0], files[1], files[2])
	if len(errs) > 0 {
		return e.problems("", errs...)
	}
	known := false
	for _, k := range in.contract.KPIs {
		known = known || k.ID == id
	}
	if !known {
		return e.usageError(fs, "kpi %q: not an indicator of the contract", id)
	}
	first, last, usage, err := period(in.measurements, *from, *to)
	if usage != "" {
		return e.usageError(fs, "%s", usage)
	}
	if err != nil {
		return e.problems("evaluation: ", err)
	}
	res, err := monthOf(in.contract, in.input(first, last), month)
	if err != nil {
		return e.evaluation(in, err)
	}
	if err := report.Explain(e.stdout, in.contract, res, id, *org, month); err != nil {
		return e.problems("explain: ", err)
	}
	return exitOK
}

// monthOf evaluates in and returns a Result holding month m alone, with
// its cells, lines and total: what Explain reads, kept without keeping
// the other months. It holds no month when m is not evaluated.
func monthOf(c *contract.Contract, in contract.Input, m kpi.Month) (*contract.Result, error) {
	res := &contract.Result{Ledger: &credits.Ledger{}, Money: c.Credits.Money}
	_, err := c.Stream(in, func(mo *contract.MonthResult) error {
		if mo.Month != m {
			return nil
		}
		kept := *mo
		kept.Cells = make([]contract.Cell, len(mo.Cells))
		for i, cell := range mo.Cells {
			line := *cell.Credit // the Book's, reused next month
			cell.Credit = &line
			kept.Cells[i] = cell
		}
		kept.Lines = slices.Clone(mo.Lines)
		res.Months = append(res.Months, kept)
		res.Ledger.Lines = kept.Lines
		res.Ledger.Months = append(res.Ledger.Months, mo.Credit)
		return nil
	})
	return res, err
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
