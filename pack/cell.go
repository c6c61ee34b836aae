package pack

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/servicecredit/engine/internal/decimaltext"
	"github.com/servicecredit/engine/internal/nearest"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// CellKind says what a published cell holds. The zero CellKind is invalid.
type CellKind uint8

// The kinds of published cell.
const (
	Blank      CellKind = iota + 1 // nothing printed
	Missing                        // no cell at all: the row ends before this column (a short row)
	Number                         // a number or a percentage: Value, Places, Percent
	Absent                         // "N/A", "NA", "UNVL" or a dash: Absence
	RAG                            // a RAG letter or word ("G", "Amber"): Status
	Level                          // a target, under a Target or MSL heading or in a label: Target
	Unreadable                     // anything else: Problem says why
)

var cellKindWords = []string{"cell kind", "blank", "missing", "number", "absent", "rag", "level", "unreadable"}

// String returns "blank", "missing", "number", "absent", "rag", "level" or
// "unreadable".
func (k CellKind) String() string {
	if k >= Blank && k <= Unreadable {
		return cellKindWords[k]
	}
	return fmt.Sprintf("cell kind(%d)", k)
}

// Cell is one published cell as printed: its place, its text trimmed of
// surrounding space, and what the text was read as. Value keeps the places
// written: "99.90%" is 99.90 with Places 2 and Percent set.
//
// The zero Cell is invalid: its Kind is not set.
type Cell struct {
	Pos     Pos             // where the cell was printed
	Text    string          // as printed, trimmed of surrounding space
	Kind    CellKind        // what the text was read as
	Value   decimal.Decimal // Number: the value as written
	Places  int32           // Number: the decimal places written, its precision ("81%" 0, "81.25%" 2)
	Percent bool            // Number: written with a "%" sign
	Absence kpi.Absence     // Absent: kpi.NotApplicable or kpi.Unavailable
	Status  kpi.Status      // RAG: kpi.Green, kpi.Amber or kpi.Red
	Target  Target          // Level: the target read
	Problem string          // Unreadable: why the text is not a number, a percentage, a RAG, an absence or a target

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Printed reports whether the cell holds any text.
func (c Cell) Printed() bool { return c.Kind != Blank && c.Kind != Missing && c.Kind != 0 }

// trimCell trims a cell's surrounding white space, the non-breaking space
// that spreadsheets export included.
func trimCell(s string) string { return strings.TrimFunc(s, unicode.IsSpace) }

// readCell reads a value cell's text, already trimmed.
func readCell(pos Pos, text string) Cell {
	c := Cell{Pos: pos, Text: text}
	if text == "" {
		c.Kind = Blank
		return c
	}
	if a, ok := absence(text); ok {
		c.Kind, c.Absence = Absent, a
		return c
	}
	if s, ok := rag(text); ok {
		c.Kind, c.Status = RAG, s
		return c
	}
	v, places, pct, problem := readNumber(text)
	if problem != "" {
		c.Kind, c.Problem = Unreadable, problem
		return c
	}
	c.Kind, c.Value, c.Places, c.Percent = Number, v, places, pct
	return c
}

// absence reads the packs' spellings of a value that is not there.
func absence(text string) (kpi.Absence, bool) {
	switch nearest.Normal(text) {
	case "n/a", "na", "-", "\u2013", "\u2014":
		return kpi.NotApplicable, true
	case "unvl":
		return kpi.Unavailable, true
	}
	return 0, false
}

// rag reads a RAG letter or word.
func rag(text string) (kpi.Status, bool) {
	switch nearest.Normal(text) {
	case "g", "green":
		return kpi.Green, true
	case "a", "amber":
		return kpi.Amber, true
	case "r", "red":
		return kpi.Red, true
	}
	return 0, false
}

// readNumber reads a number by internal/decimaltext's grammar, with one
// optional trailing "%" (spaces before it allowed). It returns why the text
// is not one.
func readNumber(text string) (v decimal.Decimal, places int32, pct bool, problem string) {
	body := text
	if strings.HasSuffix(body, "%") {
		pct = true
		body = trimCell(strings.TrimSuffix(body, "%"))
	}
	d, p := decimaltext.Parse(body)
	switch p {
	case decimaltext.OK:
		return d, -min(d.Exponent(), 0), pct, ""
	case decimaltext.Empty:
		return d, 0, pct, "a % sign without a number"
	case decimaltext.TooLong:
		return d, 0, pct, "a number longer than 40 characters"
	case decimaltext.Exponent:
		return d, 0, pct, "a number with an exponent (want digits with an optional point, such as 99.5)"
	case decimaltext.Thousands:
		return d, 0, pct, "a number with thousands separators (want digits only, such as 4600)"
	}
	if looksNumeric(body) {
		return d, 0, pct, "not a number in the strict grammar (want an optional minus sign, digits and an optional point followed by digits, such as 99.5; no \"+\", no \".5\" or \"5.\")"
	}
	return d, 0, pct, "not a number, percentage, RAG (G, A, R), N/A or UNVL"
}

// looksNumeric reports whether s is made of digits, signs, points and
// percent signs only, with at least one digit: a number written outside
// the grammar rather than a word.
func looksNumeric(s string) bool {
	digit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune("+-.%", r):
		default:
			return false
		}
	}
	return digit
}
