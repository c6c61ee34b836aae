// Package words holds the text forms of the measurement packages'
// enumerations: lower-case kebab words, an invalid zero value, and
// unknown words rejected with the list of accepted ones, wrapping
// kpi.ErrUnknownWord.
package words

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
)

// Words holds the text forms of an enumeration; index 0 is the noun used
// in messages for the invalid zero value.
type Words []string

// Name returns the word of v, or "noun(v)" for an invalid v.
func (w Words) Name(v uint8) string {
	if int(v) < len(w) && v != 0 {
		return w[v]
	}
	return fmt.Sprintf("%s(%d)", w[0], v)
}

// Valid reports whether v has a word.
func (w Words) Valid(v uint8) bool { return v != 0 && int(v) < len(w) }

// Marshal returns the word of v, failing for an invalid v.
func (w Words) Marshal(v uint8) ([]byte, error) {
	if w.Valid(v) {
		return []byte(w[v]), nil
	}
	return nil, &problem.Error{Field: w[0], Msg: fmt.Sprintf("%d is not a valid value", v), Err: kpi.ErrUnknownWord}
}

// Parse returns the value of word b, failing with the accepted words.
func (w Words) Parse(b []byte) (uint8, error) {
	s := string(b)
	for i := 1; i < len(w); i++ {
		if w[i] == s {
			return uint8(i), nil
		}
	}
	return 0, &problem.Error{Field: w[0], Text: s, Quoted: true, Msg: "unknown (want " + w.List() + ")", Err: kpi.ErrUnknownWord}
}

// List returns the accepted words, comma separated.
func (w Words) List() string { return strings.Join(w[1:], ", ") }

// NotSet names v in a message: "not set" for the zero value, its word
// otherwise.
func (w Words) NotSet(v uint8) string {
	if v == 0 {
		return "not set"
	}
	return w.Name(v)
}
