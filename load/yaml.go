package load

import (
	"bytes"
	"encoding"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/internal/yamlpath"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	yaml "go.yaml.in/yaml/v4"
)

// document is a YAML or JSON file: the position of every node by path, so
// that problems found after decoding can name their place. Paths are
// written as "kpis[3].precision.places", with 0-based list indices. The
// positions are indexed when first asked for: a file without a problem
// seldom needs them.
type document struct {
	ps      *problems
	root    *yaml.Node           // the document as parsed
	indexed bool                 // whether the index and nulls are filled
	idx     *yamlpath.Index[pos] // the places of the fields
	nulls   map[string]bool      // paths whose value is null
}

// decodeYAML reads data, a YAML or JSON document, into out with unknown
// and repeated fields rejected, and records every problem in ps. It
// returns nil if data is not a YAML document at all.
func decodeYAML(ps *problems, data []byte, out any) *document {
	d := &document{ps: ps, root: new(yaml.Node)}
	if err := yaml.Load(data, d.root); err != nil {
		d.loadErrors(err, data)
		return nil
	}
	if err := d.root.Load(out, yaml.WithKnownFields()); err != nil {
		d.index()
		d.loadErrors(err, data)
	}
	return d
}

// index records the place of every field of the document, once.
func (d *document) index() {
	if d.indexed {
		return
	}
	d.indexed = true
	d.nulls = map[string]bool{}
	d.idx = yamlpath.NewIndex(func(line, col int) pos { return pos{line, col} })
	d.idx.Add(d.root, "", func(path string, v *yaml.Node) {
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
			d.nulls[path] = true
		}
	})
}

// parentPath returns the path of the mapping or list holding path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// at returns the position of path's value, or of its nearest ancestor
// that is present in the file.
func (d *document) at(path string) pos {
	d.index()
	for {
		if p, ok := d.idx.Place(path); ok {
			return p
		}
		if path == "" {
			return pos{}
		}
		path = parentPath(path)
	}
}

// present reports whether path has a value other than null in the file.
func (d *document) present(path string) bool {
	d.index()
	_, ok := d.idx.Place(path)
	return ok && !d.nulls[path]
}

// missing records that the required field at path is absent or null,
// unless the field is present and a problem with it was already recorded.
func (d *document) missing(path, want string) {
	if d.present(path) {
		return // present but undecodable: already reported
	}
	d.ps.add(d.at(path), path, "missing (want "+want+")", nil)
}

// loadErrors records the problems in err, an error from yaml.Load of
// data, at the places the index gives: the caller indexes a document that
// parsed. A problem the YAML library's reader finds (a NUL or other
// control character, bytes that are not UTF-8) comes with its offset in
// data only; it is placed at its line and column all the same.
func (d *document) loadErrors(err error, data []byte) {
	list, ok := yamlpath.LoadErrors(err)
	if !ok {
		d.ps.add(pos{}, "", "not valid YAML or JSON", nil)
		return
	}
	for _, e := range list {
		p := pos{e.Mark.Line, e.Mark.Column}
		if p.line == 0 && e.Stage == yaml.ReaderStage {
			p = offsetPos(data, e.Mark.Index)
		}
		var leaf *leafError
		if errors.As(e, &leaf) {
			if leaf.quoted {
				d.ps.addText(p, d.idx.ValueAt(p), leaf.text, leaf.msg, leaf.cause)
			} else {
				d.ps.add(p, d.idx.ValueAt(p), leaf.msg, leaf.cause)
			}
			continue
		}
		msg := e.Message
		if e.Stage != yaml.ConstructorStage {
			d.ps.add(p, "", "not valid YAML or JSON: "+strings.TrimPrefix(msg, "yaml: "), nil)
			continue
		}
		text, at := yamlpath.Explain(msg, dtoTypes)
		d.ps.add(p, at.Path(d.idx.KeyAt(p), d.idx.ValueAt(p)), text, nil)
	}
}

// offsetPos returns the line and column, both 1-based and the column in
// characters as the YAML library counts them (a byte order mark is not
// one), of the byte at offset in data; the zero pos when offset is outside
// it.
func offsetPos(data []byte, offset int) pos {
	if offset < 0 || offset > len(data) {
		return pos{}
	}
	before := data[:offset]
	start := bytes.LastIndexByte(before, '\n') + 1
	if start == 0 && bytes.HasPrefix(before, []byte("\ufeff")) {
		start = len("\ufeff") // a byte order mark, which the library does not count
	}
	return pos{bytes.Count(before, []byte{'\n'}) + 1, utf8.RuneCount(before[start:]) + 1}
}

// dtoTypes are the file structures whose fields an unknown-field error
// lists.
var dtoTypes = append([]any{contractDTO{}, chargeDTO{}, absencesDTO{}, kpiDTO{}, marginDTO{}, volumeDTO{}, partDTO{}, precisionDTO{}, stepDTO{}, changeDTO{},
	mitigationsDTO{}, recordDTO{}}, append(append(append([]any(nil), creditDTOs...), relationDTOs...), manifestDTOs...)...)

// leafError is a problem with one scalar, returned from UnmarshalYAML; the
// YAML library adds its position.
type leafError struct {
	text   string
	quoted bool
	msg    string
	cause  error
}

func (e *leafError) Error() string { return strconv.Quote(e.text) + ": " + e.msg }
func (e *leafError) Unwrap() error { return e.cause }

// scalar returns the text of n, or an error if n is a list or mapping.
func scalar(n *yaml.Node) (pos, string, error) {
	if n.Kind != yaml.ScalarNode {
		kind := "a mapping"
		if n.Kind == yaml.SequenceNode {
			kind = "a list"
		}
		return pos{}, "", &leafError{msg: "want a single value, not " + kind}
	}
	return pos{n.Line, n.Column}, n.Value, nil
}

// readScalar reads n as one scalar and parses its text with parse, which
// returns the value, what is wrong with the text ("" when nothing is) and
// the error behind that, if any: the common part of the scalar types'
// UnmarshalYAML. A problem with the text is a *leafError quoting it.
func readScalar[T any](n *yaml.Node, parse func(s string) (T, string, error)) (pos, string, T, error) {
	var zero T
	p, s, err := scalar(n)
	if err != nil {
		return p, s, zero, err
	}
	v, msg, cause := parse(s)
	if msg != "" {
		return p, s, zero, &leafError{text: s, quoted: true, msg: msg, cause: cause}
	}
	return p, s, v, nil
}

// noCause adapts a parser that says only what is wrong to readScalar.
func noCause[T any](parse func(s string) (T, string)) func(s string) (T, string, error) {
	return func(s string) (T, string, error) {
		v, msg := parse(s)
		return v, msg, nil
	}
}

// yString is any scalar, read as text.
type yString struct {
	pos
	s string
}

func (v *yString) UnmarshalYAML(n *yaml.Node) error {
	p, s, err := scalar(n)
	*v = yString{p, s}
	return err
}

// yDecimal is a decimal, plain or quoted, read exactly from its text.
type yDecimal struct {
	pos
	text string
	d    decimal.Decimal
}

func (v *yDecimal) UnmarshalYAML(n *yaml.Node) error {
	p, s, d, err := readScalar(n, noCause(parseDecimal))
	if err == nil {
		*v = yDecimal{p, s, d}
	}
	return err
}

// yWhole is a whole number of 0 or more.
type yWhole struct {
	pos
	n int
}

func (v *yWhole) UnmarshalYAML(n *yaml.Node) error {
	p, _, i, err := readScalar(n, noCause(parseWhole))
	if err == nil {
		*v = yWhole{p, i}
	}
	return err
}

// yMonth is a month, "2021-06" or "Jun-21".
type yMonth struct {
	pos
	m kpi.Month
}

func (v *yMonth) UnmarshalYAML(n *yaml.Node) error {
	p, _, m, err := readScalar(n, func(s string) (kpi.Month, string, error) {
		m, err := kpi.ParseMonth(s)
		if err != nil {
			return m, monthWant, err
		}
		return m, "", nil
	})
	if err == nil {
		*v = yMonth{p, m}
	}
	return err
}

const monthWant = "not a month (want 2021-06 or Jun-21)"

// yDate is a calendar date, "2021-07-20".
type yDate struct {
	pos
	d kpi.Date
}

func (v *yDate) UnmarshalYAML(n *yaml.Node) error {
	p, _, d, err := readScalar(n, noCause(parseDate))
	if err == nil {
		*v = yDate{p, d}
	}
	return err
}

func parseDate(s string) (kpi.Date, string) {
	d, err := kpi.ParseDate(s)
	if err != nil {
		return kpi.Date{}, "not a date (want 2021-07-20)"
	}
	return d, ""
}

// textPtr is a pointer to an enumeration of the engine.
type textPtr[T any] interface {
	*T
	encoding.TextUnmarshaler
}

// yWord is one word of an engine enumeration, such as "half-up".
type yWord[T any, P textPtr[T]] struct {
	pos
	v T
}

// UnmarshalYAML reads the word, as the enumeration's UnmarshalText reads it.
func (v *yWord[T, P]) UnmarshalYAML(n *yaml.Node) error {
	p, _, w, err := readScalar(n, func(s string) (T, string, error) {
		var w T
		if err := P(&w).UnmarshalText([]byte(s)); err != nil {
			return w, wordProblem(err), err
		}
		return w, "", nil
	})
	if err == nil {
		*v = yWord[T, P]{p, w}
	}
	return err
}

// wordProblem says what is wrong with text, a word of an enumeration,
// from its UnmarshalText error err: "unknown word (want one of percent,
// count, score, ratio)". Every enumeration, the engine's and
// reconcile's, gives a *kpi.WordError, whose words it lists.
func wordProblem(err error) string {
	var we *kpi.WordError
	if errors.As(err, &we) {
		return "unknown word (want one of " + strings.Join(we.Words, ", ") + ")"
	}
	return err.Error()
}

type (
	yUnit        = yWord[kpi.Unit, *kpi.Unit]
	yDirection   = yWord[kpi.Direction, *kpi.Direction]
	yKind        = yWord[kpi.Kind, *kpi.Kind]
	yRounding    = yWord[kpi.Rounding, *kpi.Rounding]
	yStatus      = yWord[kpi.Status, *kpi.Status]
	yBound       = yWord[thresholdBound, *thresholdBound]
	yMarginUnit  = yWord[kpi.MarginUnit, *kpi.MarginUnit]
	yRelative    = yWord[kpi.Relative, *kpi.Relative]
	yCombination = yWord[contract.Combination, *contract.Combination]
)

// strings returns the texts of a list of strings.
func texts(vs []yString) []string {
	if vs == nil {
		return nil
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.s
	}
	return out
}

// thresholdBound and bandEdge are a kpi.Bound in a file's own words: a
// threshold's bound (tsl-bound, msl-bound) is inclusive or strict, a
// band's edge (min-edge, max-edge) inclusive or exclusive, as the formats
// have always written them; each refuses the other's word.
type (
	thresholdBound kpi.Bound
	bandEdge       kpi.Bound
)

var (
	thresholdBoundWords = words.New("bound", kpi.Inclusive, "inclusive", "strict")
	bandEdgeWords       = words.New("edge", kpi.Inclusive, "inclusive", "exclusive")
)

func (b *thresholdBound) UnmarshalText(text []byte) error {
	return thresholdBoundWords.Unmarshal((*kpi.Bound)(b), text)
}

func (b *bandEdge) UnmarshalText(text []byte) error {
	return bandEdgeWords.Unmarshal((*kpi.Bound)(b), text)
}
