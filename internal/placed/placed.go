// Package placed words a problem found in a file the one way every file
// reader of the module does (load's and the measurement packages'): the
// place, the record, the field with the text found in it, and what is
// wrong,
//
//	tickets.csv:4:31: ticket "INC0042": resolved "2023-03-01T09:00:00Z": before logged 2023-03-02T09:00:00Z
//
// leaving out whatever the problem does not have.
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
	Quoted       bool
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
