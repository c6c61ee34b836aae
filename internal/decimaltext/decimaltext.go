package decimaltext

import (
	"strings"

	"github.com/shopspring/decimal"
)

// MaxLen is the longest decimal text accepted, sign and point included.
const MaxLen = 40

// Problem says why a text is not a decimal. The zero Problem, OK, means
// the text was accepted.
type Problem uint8

// The problems Parse reports, most specific first.
const (
	OK         Problem = iota // the text is a decimal
	Empty                     // the text is empty
	TooLong                   // longer than MaxLen characters
	Exponent                  // written with an exponent, such as 1e3
	Thousands                 // written with thousands separators, such as 1,000
	NotDecimal                // anything else outside the grammar, "+5", ".5" and "5." among them
)

// Parse parses text by the grammar. It does not trim spaces or strip a
// unit: callers do that first, by their own format's rule.
func Parse(text string) (decimal.Decimal, Problem) {
	if text == "" {
		return decimal.Decimal{}, Empty
	}
	if len(text) > MaxLen {
		return decimal.Decimal{}, TooLong
	}
	s := strings.TrimPrefix(text, "-")
	whole, frac, point := strings.Cut(s, ".")
	if !Digits(whole) || (point && !Digits(frac)) {
		switch low := strings.ToLower(text); {
		case strings.ContainsAny(low, "e") && !strings.ContainsAny(low, "anf"):
			return decimal.Decimal{}, Exponent
		case strings.ContainsAny(text, ", _'") && Digits(strings.NewReplacer(",", "", " ", "", "_", "", "'", "", ".", "").Replace(s)):
			return decimal.Decimal{}, Thousands
		}
		return decimal.Decimal{}, NotDecimal
	}
	d, err := decimal.NewFromString(text)
	if err != nil { // unreachable after the grammar check; never leak the library's message
		return decimal.Decimal{}, NotDecimal
	}
	return d, OK
}

// Digits reports whether s is one or more ASCII digits.
func Digits(s string) bool {
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
