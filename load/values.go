package load

import (
	"strconv"
	"strings"

	"github.com/servicecredit/engine/internal/decimaltext"
	"github.com/shopspring/decimal"
)

// wantDecimal is the expectation every decimal error states.
const wantDecimal = "want digits with an optional decimal point, such as 99.5"

// parseDecimal parses text with the grammar every file uses for decimals
// (internal/decimaltext). On failure it returns what was expected.
func parseDecimal(text string) (decimal.Decimal, string) {
	d, p := decimaltext.Parse(text)
	switch p {
	case decimaltext.OK:
		return d, ""
	case decimaltext.Empty:
		return d, "empty (" + wantDecimal + ")"
	case decimaltext.TooLong:
		return d, "longer than " + strconv.Itoa(decimaltext.MaxLen) + " characters (" + wantDecimal + ")"
	case decimaltext.Exponent:
		return d, "exponents are not accepted (" + wantDecimal + ")"
	case decimaltext.Thousands:
		return d, "thousands separators are not accepted (" + wantDecimal + ")"
	}
	return d, "not a decimal (" + wantDecimal + ")"
}

// decimalCache parses decimals, keeping the value of each distinct text
// so that a value that recurs down a file, as measurements do, is parsed
// and allocated once. A decimal never changes, so the values can be
// shared. It keeps at most maxCached texts. The zero decimalCache is
// empty and ready.
type decimalCache struct {
	m map[string]decimal.Decimal
}

const maxCached = 4096

// parse is parseDecimal, remembering the values it gives.
func (c *decimalCache) parse(text string) (decimal.Decimal, string) {
	if d, ok := c.m[text]; ok {
		return d, ""
	}
	d, msg := parseDecimal(text)
	if msg != "" {
		return d, msg
	}
	if c.m == nil {
		c.m = map[string]decimal.Decimal{}
	}
	if len(c.m) < maxCached {
		c.m[strings.Clone(text)] = d // not a slice of the row, which is then freed
	}
	return d, ""
}

// parseWhole parses a whole number of up to nine ASCII digits.
func parseWhole(text string) (int, string) {
	if !decimaltext.Digits(text) || len(text) > 9 {
		return 0, "not a whole number (want digits only, such as 96)"
	}
	n, _ := strconv.Atoi(text)
	return n, ""
}
