// Package decimaltext holds the one grammar every input file of the
// project uses for a decimal: an optional minus sign, one or more ASCII
// digits, and optionally a decimal point followed by one or more digits,
// at most MaxLen characters in all. Exponents, thousands separators, a
// leading plus, a bare point (".5", "5."), NaN and infinities are
// rejected, so a value is always read exactly as written.
//
// Callers word their own messages from the Problem Parse returns, so each
// file format keeps its own voice while the rule itself lives here only.
package decimaltext
