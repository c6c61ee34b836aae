package load

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// wantDecimal is the expectation every decimal error states.
const wantDecimal = "want digits with an optional decimal point, such as 99.5"

// maxDecimal is the longest decimal text accepted, sign and point included.
const maxDecimal = 40

// parseDecimal parses text with the grammar every file uses for decimals:
// an optional minus sign, one or more ASCII digits, and optionally a
// decimal point followed by one or more digits. Exponents, thousands
// separators, a leading plus, NaN and infinities are rejected, so a value
// is always read exactly as written. On failure it returns what was
// expected.
func parseDecimal(text string) (decimal.Decimal, string) {
	if text == "" {
		return decimal.Decimal{}, "empty (" + wantDecimal + ")"
	}
	if len(text) > maxDecimal {
		return decimal.Decimal{}, "longer than " + strconv.Itoa(maxDecimal) + " characters (" + wantDecimal + ")"
	}
	s := strings.TrimPrefix(text, "-")
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if !allDigits(intPart) || (hasPoint && !allDigits(frac)) {
		switch low := strings.ToLower(text); {
		case strings.ContainsAny(low, "e") && !strings.ContainsAny(low, "anf"):
			return decimal.Decimal{}, "exponents are not accepted (" + wantDecimal + ")"
		case strings.ContainsAny(text, ", _'") && allDigits(strings.NewReplacer(",", "", " ", "", "_", "", "'", "", ".", "").Replace(s)):
			return decimal.Decimal{}, "thousands separators are not accepted (" + wantDecimal + ")"
		}
		return decimal.Decimal{}, "not a decimal (" + wantDecimal + ")"
	}
	d, err := decimal.NewFromString(text)
	if err != nil { // unreachable after the grammar check; never leak the library's message
		return decimal.Decimal{}, "not a decimal (" + wantDecimal + ")"
	}
	return d, ""
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
	if !allDigits(text) || len(text) > 9 {
		return 0, "not a whole number (want digits only, such as 96)"
	}
	n, _ := strconv.Atoi(text)
	return n, ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
