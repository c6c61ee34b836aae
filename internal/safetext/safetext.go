package safetext

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/servicecredit/engine/internal/decimaltext"
)

// Term returns s with every character a terminal would act on escaped:
// C0 and C1 control characters (newline and tab included, since a field
// is one line), DEL, invalid UTF-8 bytes, the line and paragraph
// separators, and the bidirectional and other invisible format characters
// (Unicode category Cf). A backslash is left alone; a text without such
// characters is returned unchanged.
func Term(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case escaped(r):
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\u202e', '\n'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// clean reports whether Term would return s unchanged.
func clean(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || escaped(r) {
			return false
		}
		i += size
	}
	return true
}

// escaped reports whether Term writes r as an escape.
func escaped(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

// markup lists the characters Markdown escapes with a backslash.
const markup = "\\`|<>[]*&"

// Markdown returns s escaped for a Markdown table cell: Term's escapes,
// then a backslash before each of \ ` | < > [ ] * &, so the text can
// neither end the cell, open a link, image, code span or HTML tag, nor
// form an entity.
func Markdown(s string) string {
	s = Term(s)
	if !strings.ContainsAny(s, markup) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(markup, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// CSV returns s made safe for a spreadsheet: a cell starting with =, +,
// -, @, a tab or a carriage return gets a leading apostrophe, unless the
// whole cell is a number (decimaltext's grammar, optionally followed by a
// % sign), which is left as it is. Quoting is encoding/csv's job.
func CSV(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, p := decimaltext.Parse(strings.TrimSuffix(s, "%")); p == decimaltext.OK {
		return s
	}
	return "'" + s
}
