package pack

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/internal/nearest"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Target is a target as a pack prints it, in a Target or MSL column, a
// Target row or a label: "95%", ">= 95%", "<= 3", "< 10%", "Decrease",
// "95% / 90%" (a TSL and an MSL). Direction and Bound are those the
// printed operator states; Direction is zero when none is printed, and
// the contract's direction is then assumed.
//
// The zero Target is a target of nothing: Relative zero and Set false.
type Target struct {
	Set       bool            // a level is printed: Value, Places, Percent, Direction, Bound
	Value     decimal.Decimal // the level as written
	Places    int32           // its written decimal places
	Percent   bool            // written with a "%" sign
	Direction kpi.Direction   // the direction the operator states; zero without one
	Bound     kpi.Bound       // kpi.Strict for "<" and ">", kpi.Inclusive otherwise
	Minimum   *Target         // the MSL printed after the TSL ("95% / 90%", "TSL 95% MSL 90%"); nil when none
	Relative  kpi.Relative    // a relative target printed as a word ("Decrease")

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// String returns the target in a canonical form: ">= 95%", "< 10", "95",
// "decrease", with " / MSL" after it when a minimum is printed.
func (t Target) String() string {
	if t.Relative != 0 {
		return t.Relative.String()
	}
	if !t.Set {
		return ""
	}
	s := kpi.FormatValue(t.Value)
	if t.Percent {
		s += "%"
	}
	if t.Direction != 0 {
		s = t.Direction.Operator(t.Bound) + " " + s
	}
	if t.Minimum != nil {
		s += " / " + t.Minimum.String()
	}
	return s
}

// operators are the printed comparisons, longest first so that "<=" is
// not read as "<".
var operators = []struct {
	text  string
	dir   kpi.Direction
	bound kpi.Bound
}{
	{"no more than", kpi.LowerIsBetter, kpi.Inclusive},
	{"no less than", kpi.HigherIsBetter, kpi.Inclusive},
	{"fewer than", kpi.LowerIsBetter, kpi.Strict},
	{"more than", kpi.HigherIsBetter, kpi.Strict},
	{"less than", kpi.LowerIsBetter, kpi.Strict},
	{"at least", kpi.HigherIsBetter, kpi.Inclusive},
	{"at most", kpi.LowerIsBetter, kpi.Inclusive},
	{"minimum", kpi.HigherIsBetter, kpi.Inclusive},
	{"maximum", kpi.LowerIsBetter, kpi.Inclusive},
	{"below", kpi.LowerIsBetter, kpi.Strict},
	{"above", kpi.HigherIsBetter, kpi.Strict},
	{"under", kpi.LowerIsBetter, kpi.Strict},
	{"over", kpi.HigherIsBetter, kpi.Strict},
	{"min", kpi.HigherIsBetter, kpi.Inclusive},
	{"max", kpi.LowerIsBetter, kpi.Inclusive},
	{">=", kpi.HigherIsBetter, kpi.Inclusive},
	{"=>", kpi.HigherIsBetter, kpi.Inclusive},
	{"<=", kpi.LowerIsBetter, kpi.Inclusive},
	{"=<", kpi.LowerIsBetter, kpi.Inclusive},
	{"\u2265", kpi.HigherIsBetter, kpi.Inclusive},
	{"\u2264", kpi.LowerIsBetter, kpi.Inclusive},
	{">", kpi.HigherIsBetter, kpi.Strict},
	{"<", kpi.LowerIsBetter, kpi.Strict},
}

// relative reads s, a Normal text, as a relative target as packs print
// it: kpi.Relative's word with spaces or hyphens between its words ("no
// worse than last year", "no-worse-than-last-year").
func relative(s string) (kpi.Relative, bool) {
	var r kpi.Relative
	return r, r.UnmarshalText([]byte(strings.ReplaceAll(s, " ", "-"))) == nil
}

// ParseTarget reads a printed target: an optional "TSL" or "Target" word,
// a level, and optionally an MSL after "/" or the word "MSL". A level is an
// optional operator (">=", ">", "<=", "<", "≥", "≤", "=>", "=<" or the words
// "at least", "min", "minimum", "no less than", "more than", "above",
// "over", "at most", "max", "maximum", "no more than", "less than",
// "fewer than", "below", "under") and a number with an optional "%". A
// relative target is one of the words "Decrease", "Increase", "No worse",
// "No worse than last year", with spaces or hyphens between its words
// ("no-worse"). Words match in any case. It returns why the
// text is not a target.
func ParseTarget(text string) (Target, error) {
	s := nearest.Normal(text)
	if r, ok := relative(s); ok {
		return Target{Relative: r}, nil
	}
	s = trimWord(s, "target:", "target", "tsl:", "tsl")
	head, tail, hasMSL := cutMSL(s)
	t, err := parseLevel(head)
	if err != nil {
		return Target{}, err
	}
	if hasMSL {
		m, err := parseLevel(trimWord(tail, "msl:", "msl"))
		if err != nil {
			return Target{}, fmt.Errorf("minimum: %w", err)
		}
		t.Minimum = &m
	}
	return t, nil
}

// cutMSL splits "95% / 90%" or "tsl 95% msl 90%" into its TSL and MSL.
func cutMSL(s string) (string, string, bool) {
	if a, b, ok := strings.Cut(s, "/"); ok {
		return strings.TrimSpace(a), strings.TrimSpace(b), true
	}
	if i := strings.Index(s, "msl"); i > 0 {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:]), true
	}
	return s, "", false
}

// trimWord removes the first of words that s starts with, and the space
// after it.
func trimWord(s string, words ...string) string {
	for _, w := range words {
		if rest, ok := strings.CutPrefix(s, w); ok && (rest == "" || rest[0] == ' ' || !isLetter(w[len(w)-1])) {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// parseLevel reads an optional operator and a number.
func parseLevel(s string) (Target, error) {
	var t Target
	for _, op := range operators {
		rest, ok := strings.CutPrefix(s, op.text)
		if !ok || (isLetter(op.text[len(op.text)-1]) && rest != "" && rest[0] != ' ') {
			continue
		}
		t.Direction, t.Bound, s = op.dir, op.bound, strings.TrimSpace(rest)
		break
	}
	v, places, pct, problem := readNumber(s)
	if problem != "" {
		return Target{}, fmt.Errorf("not a target (want a level such as 95%%, >= 95%%, <= 3 or < 10%%, or a word such as Decrease): %s", problem)
	}
	t.Set, t.Value, t.Places, t.Percent = true, v, places, pct
	return t, nil
}

// readTarget reads a cell under a Target or MSL heading.
func readTarget(pos Pos, text string) Cell {
	c := Cell{Pos: pos, Text: text}
	switch {
	case text == "":
		c.Kind = Blank
		return c
	case nearest.Normal(text) == "n/a" || nearest.Normal(text) == "na" || nearest.Normal(text) == "-":
		c.Kind, c.Absence = Absent, kpi.NotApplicable
		return c
	}
	t, err := ParseTarget(text)
	if err != nil {
		c.Kind, c.Problem = Unreadable, err.Error()
		return c
	}
	c.Kind, c.Target = Level, t
	return c
}

// SplitTarget splits a label that ends in a target in brackets, "P1
// resolved in 4 hours (95%)" or "Calls abandoned (target < 10%)", into
// the label and the target. The bracket must hold a percentage, an
// operator, or the word "target" or "TSL" before its level, so that
// "Calls (2016)" or "Process Success Index (out of 9)" keep their
// brackets. It reports false when the label has no such ending.
func SplitTarget(label string) (string, Target, bool) {
	s := strings.TrimSpace(label)
	if !strings.HasSuffix(s, ")") {
		return label, Target{}, false
	}
	open := strings.LastIndex(s, "(")
	if open <= 0 {
		return label, Target{}, false
	}
	inner := nearest.Normal(s[open+1 : len(s)-1])
	t, err := ParseTarget(inner)
	named := strings.HasPrefix(inner, "target") || strings.HasPrefix(inner, "tsl")
	if err != nil || t.Relative != 0 || !(t.Percent || t.Direction != 0 || named) {
		return label, Target{}, false
	}
	return strings.TrimSpace(s[:open]), t, true
}
