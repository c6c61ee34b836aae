package placed

import (
	"strconv"
	"strings"
)

// Problem is a problem's parts, each optional but Msg.
type Problem struct {
	File         string // the file's name; empty when the problem is in no file
	Line, Column int    // 1-based; 0 when not known (a column only with a line)
	Record       string // the record at fault, such as `ticket "INC0042"`
	Field        string // the field at fault, such as "resolved" or "kpis[3].tsl"
	Text         string // the text found, written quoted when Quoted
	Quoted       bool   // whether Text is part of the message
	Msg          string // what is wrong and what was expected, lower case
}

// String returns the problem as one line: "file:line:column: record:
// field "text": msg".
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			b.WriteString(":" + strconv.Itoa(p.Line))
			if p.Column > 0 {
				b.WriteString(":" + strconv.Itoa(p.Column))
			}
		}
		b.WriteString(": ")
	}
	if p.Record != "" {
		b.WriteString(p.Record + ": ")
	}
	switch {
	case p.Field != "" && p.Quoted:
		b.WriteString(p.Field + " " + strconv.Quote(p.Text) + ": ")
	case p.Field != "":
		b.WriteString(p.Field + ": ")
	case p.Quoted:
		b.WriteString(strconv.Quote(p.Text) + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}
