package planfile

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/internal/yamlpath"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure"
	"github.com/servicecredit/engine/measure/plan"
	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/ticketclock"
	"github.com/servicecredit/engine/servicehours"
	yaml "go.yaml.in/yaml/v4"
)

// ReadPlan reads a plan file: YAML (or JSON) with the fields of
// plan.Plan. name is the file's name for messages. It reports every
// problem, sorted by place: YAML that does not parse (with the line and
// column of the fault, a NUL or other control character and bytes that
// are not UTF-8 included), unknown or repeated fields, values of the
// wrong shape or words not accepted, and each problem Plan.Validate
// finds, placed at the option's line (or, for an option missing, at the
// mapping that should hold it). On any problem it returns no plan.
func ReadPlan(name string, data []byte) (*plan.Plan, error) {
	d := &doc{file: name}
	root, ok := d.load(data)
	if !ok {
		return nil, d.err()
	}
	if root.Kind == 0 || (root.Kind == yaml.DocumentNode && len(root.Content) == 0) {
		d.add(1, 0, "", "", "empty file (want a plan: calendars and kpis)")
		return nil, d.err()
	}
	return decodePlan(d, root)
}

// ReadContract reads the measurement plan a contract file carries, as
// docs/records.md describes: the contract's top-level measurement section
// (a plan's record-zone and calendars) and, under each KPI of its kpis, a
// measure key holding the KPI's recipe exactly as a plan's
// kpis[].measure does, the KPI's id being the contract's. name is the
// file's name for messages, and every problem is placed at the contract
// file's line and column, as ReadPlan places a plan file's. It returns
// nil and no error when data is not a YAML mapping (the contract's own
// reader reports why) or carries no recipe; the rest of the contract is
// not checked.
func ReadContract(name string, data []byte) (*plan.Plan, error) {
	d := &doc{file: name}
	var root yaml.Node
	if yaml.Load(data, &root) != nil || root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, nil
	}
	top := root.Content[0]
	p := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if m := valueOf(top, "measurement"); m != nil {
		if m.Kind != yaml.MappingNode {
			d.add(m.Line, m.Column, "measurement", "", "want a mapping of record-zone and calendars")
			return nil, d.err()
		}
		p.Content = append(p.Content, m.Content...)
	}
	kpis := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if seq := valueOf(top, "kpis"); seq != nil && seq.Kind == yaml.SequenceNode {
		for i, k := range seq.Content {
			recipe := valueOf(k, "measure")
			if recipe == nil {
				continue
			}
			d.kpis = append(d.kpis, i)
			id := valueOf(k, "id")
			if id == nil {
				id = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Line: k.Line, Column: k.Column}
			}
			kpis.Content = append(kpis.Content, &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: k.Line, Column: k.Column,
				Content: []*yaml.Node{keyNode("kpi", id), id, keyNode("measure", recipe), recipe}})
		}
	}
	if len(kpis.Content) == 0 && len(p.Content) == 0 {
		return nil, nil
	}
	p.Content = append(p.Content, keyNode("kpis", kpis), kpis)
	return decodePlan(d, p)
}

// valueOf returns the value of key in mapping node n, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// keyNode returns a key node reading text, placed at the node it keys.
func keyNode(text string, at *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text, Line: at.Line, Column: at.Column}
}

func decodePlan(d *doc, root *yaml.Node) (*plan.Plan, error) {
	d.index(root, "")
	var p plan.Plan
	if err := root.Load(&p, yaml.WithKnownFields()); err != nil {
		d.loadErrors(err)
	}
	d.validated(p.Validate(), "")
	if len(d.list) > 0 {
		return nil, d.err()
	}
	return &p, nil
}

// Position returns the line and column of the value at path in data, a
// plan file, such as "kpis[1].kpi"; or of its nearest ancestor present;
// 0, 0 if data does not parse. It serves callers that check a plan
// against other files and name the place of a problem.
func Position(data []byte, path string) (line, column int) {
	var root yaml.Node
	if yaml.Load(data, &root) != nil {
		return 0, 0
	}
	d := &doc{}
	d.index(&root, "")
	p := d.at(path)
	return p.line, p.col
}

type pos struct{ line, col int }

// load parses data, recording its problems when it does not parse. A
// character YAML does not allow, or a byte that is not UTF-8, is placed
// at its line and column, which the YAML library does not give.
func (d *doc) load(data []byte) (*yaml.Node, bool) {
	var root yaml.Node
	if err := yaml.Load(data, &root); err != nil {
		if line, col, what, ok := badChar(data); ok {
			d.add(line, col, "", "", "not valid YAML: "+what)
			return nil, false
		}
		d.loadErrors(err)
		return nil, false
	}
	return &root, true
}

// badChar returns the line and column (1-based, counting characters) of
// the first character of data that YAML does not allow anywhere (a
// control character other than tab, line feed and carriage return; DEL;
// a C1 control other than NEL; U+FFFE or U+FFFF) or the first byte that
// is not UTF-8, and says what it is. A file starting with a UTF-16 byte
// order mark is the YAML library's to judge: it reports false.
func badChar(data []byte) (line, col int, what string, ok bool) {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return 0, 0, "", false
	}
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return line, col, fmt.Sprintf("byte 0x%02X is not UTF-8", data[i]), true
		case r == '\n', r == '\r' && (i+1 == len(data) || data[i+1] != '\n'):
			line, col = line+1, 1
		case r == '\r':
		case r < 0x20 && r != '\t', r == 0x7F, r >= 0x80 && r <= 0x9F && r != 0x85, r == 0xFFFE, r == 0xFFFF:
			return line, col, fmt.Sprintf("control character %U is not allowed", r), true
		default:
			col++
		}
		i += n
	}
	return 0, 0, "", false
}

// doc is a file being read: the position of every node by path, and the
// problems found.
type doc struct {
	file    string
	idx     *yamlpath.Index[pos] // the places of the fields
	scalars map[string]string    // path to a scalar's text
	list    []*record.Error
	kpis    []int // for a contract file: the contract's index of each KPI planned
}

// index records the place of every field of the document below n.
func (d *doc) index(n *yaml.Node, path string) {
	if d.idx == nil {
		d.idx, d.scalars = yamlpath.NewIndex(func(line, col int) pos { return pos{line, col} }), map[string]string{}
	}
	d.idx.Add(n, path, func(path string, v *yaml.Node) {
		if v.Kind == yaml.ScalarNode {
			d.scalars[path] = v.Value
		}
	})
}

// at returns the position of path's value, or of its nearest ancestor
// present in the file.
func (d *doc) at(path string) pos {
	for {
		if p, ok := d.idx.Place(path); ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			p, _ := d.idx.Place("")
			return p
		}
		path = path[:i]
	}
}

var reKPI = regexp.MustCompile(`^kpis\[\d+\]`)
var reCalendar = regexp.MustCompile(`^calendars\[\d+\]`)

// record names the KPI or calendar holding path, from the file's text.
func (d *doc) record(path string) string {
	if m := reKPI.FindString(path); m != "" {
		if id, ok := d.scalars[m+".kpi"]; ok && id != "" {
			return "kpi " + strconv.Quote(id)
		}
	}
	if m := reCalendar.FindString(path); m != "" {
		if name, ok := d.scalars[m+".name"]; ok && name != "" {
			return "calendar " + strconv.Quote(name)
		}
	}
	return ""
}

// add records a problem with the options at line and col and returns it,
// for the caller to set its cause.
func (d *doc) add(line, col int, path, text, msg string) *record.Error {
	e := &record.Error{File: d.file, Line: line, Column: col, Record: d.record(path), Field: path, Msg: msg, Err: record.ErrInvalidOptions}
	if text != "" {
		e.Text, e.Quoted = text, true
	}
	d.list = append(d.list, e)
	return e
}

// validated places the problems of a Validate under prefix, leaving out
// those about an option whose value was already reported as not
// decodable (it decoded as not set).
func (d *doc) validated(err error, prefix string) {
	bad := make([]string, 0, len(d.list))
	for _, e := range d.list {
		if e.Field != "" {
			bad = append(bad, e.Field)
		}
	}
	for _, e := range record.Errors(err) {
		var me *record.Error
		if !errors.As(e, &me) {
			d.add(0, 0, prefix, "", e.Error())
			continue
		}
		c := *me
		c.File = d.file
		c.Field = yamlpath.Join(prefix, me.Field)
		if me.Field == "" {
			c.Field = prefix
		}
		if slices.ContainsFunc(bad, func(b string) bool {
			return c.Field == b || strings.HasPrefix(c.Field, b+".") || strings.HasPrefix(c.Field, b+"[") || strings.HasPrefix(b, c.Field+"[")
		}) {
			continue
		}
		p := d.at(c.Field)
		c.Line, c.Column = p.line, p.col
		d.list = append(d.list, &c)
	}
}

// loadErrors records the problems in err, an error from the YAML library,
// in our words.
func (d *doc) loadErrors(err error) {
	list, ok := yamlpath.LoadErrors(err)
	if !ok {
		d.add(0, 0, "", "", "not valid YAML")
		return
	}
	for _, e := range list {
		line, col := e.Mark.Line, e.Mark.Column
		p := pos{line, col}
		var me *record.Error
		var we *kpi.WordError
		var ke *kpi.Error
		var se *servicehours.Error
		var de *kpi.DateError
		msg := e.Message
		switch {
		case errors.As(e, &me):
			d.add(line, col, d.idx.ValueAt(p), me.Text, me.Msg)
		case errors.As(e, &we):
			d.add(line, col, d.idx.ValueAt(p), we.Text, "unknown (want "+strings.Join(we.Words, ", ")+")").Cause = we
		case errors.As(e, &se):
			d.add(line, col, d.idx.ValueAt(p), "", se.Error())
		case errors.As(e, &de):
			d.add(line, col, d.idx.ValueAt(p), "", de.Error())
		case errors.As(e, &ke):
			d.add(line, col, d.idx.ValueAt(p), "", ke.Error())
		case e.Stage != yaml.ConstructorStage:
			d.add(line, col, "", "", "not valid YAML: "+strings.TrimPrefix(msg, "yaml: "))
		default:
			text, at := yamlpath.Explain(msg, planTypes)
			d.add(line, col, at.Path(d.idx.KeyAt(p), d.idx.ValueAt(p)), "", text)
		}
	}
}

// planTypes are the types whose fields an unknown-field error lists.
var planTypes = []any{plan.Plan{}, plan.PlannedKPI{}, plan.Recipe{}, plan.TicketResolutionRecipe{}, plan.AvailabilityRecipe{},
	plan.AbandonmentRecipe{}, plan.NPSRecipe{}, plan.SatisfactionRecipe{}, plan.PerUserRecipe{}, plan.ResolvedRecipe{},
	plan.CountRecipe{}, plan.BacklogRecipe{}, plan.PatchRecipe{}, ticketclock.Options{}, ticketclock.Target{}, measure.Service{},
	plan.CalendarSpec{}, plan.CalendarVersion{}, plan.WeekSpec{}, plan.BankHolidays{}, plan.OverrideSpec{}, kpi.Precision{}}

// err returns the problems sorted by place, each once, joined; a
// contract's KPIs named by their index in the contract.
func (d *doc) err() error {
	if d.kpis != nil {
		for _, e := range d.list {
			e.Field = d.contractIndex(reKPI, e.Field)
			e.Msg = d.contractIndex(reFirstKPI, e.Msg)
		}
	}
	return joined.Placed(d.list, func(e *record.Error) (string, int, int) { return e.File, e.Line, e.Column })
}

var reFirstKPI = regexp.MustCompile(`first kpis\[\d+\]`)

// contractIndex rewrites the index of kpis[N] where re matches in s from
// the plan's to the contract's.
func (d *doc) contractIndex(re *regexp.Regexp, s string) string {
	return re.ReplaceAllStringFunc(s, func(m string) string {
		i := strings.LastIndex(m, "[")
		n, err := strconv.Atoi(m[i+1 : len(m)-1])
		if err != nil || n < 0 || n >= len(d.kpis) {
			return m
		}
		return m[:i+1] + strconv.Itoa(d.kpis[n]) + "]"
	})
}
