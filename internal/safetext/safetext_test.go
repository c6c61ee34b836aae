package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestTerm(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text is unchanged", "Serco Ltd", "Serco Ltd"},
		{"non-ASCII letters are kept", "Café £5 – ok", "Café £5 – ok"},
		{"an escape sequence is shown, not sent", "a\x1b[31mred", `a\x1b[31mred`},
		{"newline and tab stay on one line", "a\nb\tc\r", `a\nb\tc\r`},
		{"DEL and C1 controls", "a\x7fb\u009bc", `a\x7fb\u009bc`},
		{"bidi override (trojan source)", "abc\u202edcba", `abc\u202edcba`},
		{"zero width space", "a\u200bb", `a\u200bb`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"invalid UTF-8 byte", "a\xffb", `a\xffb`},
		{"a backslash alone is left", `a\b`, `a\b`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, Term(tc.in))
		})
	}
}

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text and ids are unchanged", "IMT_KPI_01 99.5%", "IMT_KPI_01 99.5%"},
		{"a pipe cannot end the cell", "a|b", `a\|b`},
		{"no HTML", "<script>x</script>", `\<script\>x\</script\>`},
		{"no link or image", "![x](http://e)", `!\[x\](http://e)`},
		{"no code span", "`rm`", "\\`rm\\`"},
		{"no emphasis or entity", "*a* &amp;", `\*a\* \&amp;`},
		{"a backslash is itself escaped", `a\|`, `a\\\|`},
		{"controls escaped first, then their backslash", "a\x1bb", `a\\x1bb`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, Markdown(tc.in))
		})
	}
}

func TestCSV(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text", "Serco", "Serco"},
		{"empty", "", ""},
		{"a formula", "=HYPERLINK(\"http://e\")", "'=HYPERLINK(\"http://e\")"},
		{"plus", "+1+2", "'+1+2"},
		{"minus that is not a number", "-2+3", "'-2+3"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"a negative number stays a number", "-1250.00", "-1250.00"},
		{"a negative percentage stays a number", "-5%", "-5%"},
		{"a leading plus is no number of ours", "+5", "'+5"},
		{"an equals sign later is harmless", "a=b", "a=b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, CSV(tc.in))
		})
	}
}

func FuzzTerm(f *testing.F) {
	for _, s := range []string{"plain", "a\x1b[2J", "\u202e", "\xff\xfe", "a\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Term(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Term(%q) = %q is not valid UTF-8", s, got)
		}
		for _, r := range got {
			if escaped(r) {
				t.Fatalf("Term(%q) = %q keeps %U", s, got, r)
			}
		}
		if clean(s) != (got == s) {
			t.Fatalf("Term(%q) = %q, clean says %v", s, got, clean(s))
		}
		md := Markdown(s)
		for i := 0; i < len(md); i++ {
			if strings.IndexByte(markup, md[i]) >= 0 {
				if md[i] != '\\' || i+1 >= len(md) || strings.IndexByte(markup, md[i+1]) < 0 {
					t.Fatalf("Markdown(%q) = %q leaves %q unescaped at %d", s, md, md[i], i)
				}
				i++ // the escaped character
			}
		}
	})
}
