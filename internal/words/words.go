package words

import (
	"encoding"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrUnknown is wrapped by every *Error.
var ErrUnknown = errors.New("unknown word")

// Error is a text that is not one of an enumeration's words
// (UnmarshalText), or a value that has no word (MarshalText, String's
// "unit(7)"). It unwraps to ErrUnknown, whose text ends its message:
//
//	unit "pct" (want one of percent, count, score, ratio): unknown word
//	unit 7: unknown word
type Error struct {
	Type    string   // the enumeration as messages name it, such as "unit" or "margin unit"
	Text    string   // the text UnmarshalText was given; empty when Marshal is set
	Marshal bool     // the error is MarshalText's: Value has no word
	Value   uint8    // with Marshal, the value without a word
	Words   []string // the accepted words, in the order of their values
}

// Error returns the problem as one line.
func (e *Error) Error() string {
	if e.Marshal {
		return e.Type + " " + strconv.Itoa(int(e.Value)) + ": " + ErrUnknown.Error()
	}
	return e.Type + " " + strconv.Quote(e.Text) + " (want one of " + strings.Join(e.Words, ", ") + "): " + ErrUnknown.Error()
}

// Unwrap returns ErrUnknown.
func (e *Error) Unwrap() error { return ErrUnknown }

// List is the words of an enumeration T, whose values run from first, one
// word each.
type List[T ~uint8] struct {
	typ     string
	first   T
	words   []string
	aliases []alias[T] // other words Unmarshal accepts
}

// alias is another word for a value, accepted beside its own.
type alias[T ~uint8] struct {
	word string
	v    T
}

// New returns the words of enumeration typ (as messages name it, such as
// "unit"): words[0] is the word of value first, words[1] of first+1, and so
// on. first is 1 for an enumeration whose zero value is invalid, 0 for one
// whose zero value has a word.
func New[T ~uint8](typ string, first T, words ...string) List[T] {
	return List[T]{typ: typ, first: first, words: words}
}

// Valid reports whether v has a word.
func (l List[T]) Valid(v T) bool { return v >= l.first && int(v-l.first) < len(l.words) }

// String returns v's word, or the type and number for a value with none:
// "unit(7)".
func (l List[T]) String(v T) string {
	if l.Valid(v) {
		return l.words[v-l.first]
	}
	return l.typ + "(" + strconv.Itoa(int(v)) + ")"
}

// Marshal returns v's word, or an *Error for a value with none.
func (l List[T]) Marshal(v T) ([]byte, error) {
	if l.Valid(v) {
		return []byte(l.words[v-l.first]), nil
	}
	return nil, &Error{Type: l.typ, Marshal: true, Value: uint8(v), Words: l.words}
}

// Alias returns l with word accepted by Unmarshal as another word for v,
// which String and Marshal still write as its own word: a file format
// that names one value two ways reads both and writes one. An unknown
// word's *Error lists the aliases after the words.
func (l List[T]) Alias(word string, v T) List[T] {
	l.aliases = append(l.aliases[:len(l.aliases):len(l.aliases)], alias[T]{word, v})
	return l
}

// Unmarshal sets *p to the value whose word (or alias) b is, matched
// exactly, or returns an *Error listing the words and the aliases and
// leaves *p as it was.
func (l List[T]) Unmarshal(p *T, b []byte) error {
	for i, w := range l.words {
		if w == string(b) {
			*p = l.first + T(i)
			return nil
		}
	}
	for _, a := range l.aliases {
		if a.word == string(b) {
			*p = a.v
			return nil
		}
	}
	accepted := l.words
	for _, a := range l.aliases {
		accepted = append(accepted[:len(accepted):len(accepted)], a.word)
	}
	return &Error{Type: l.typ, Text: string(b), Words: accepted}
}

// Words returns the words, in the order of their values.
func (l List[T]) Words() []string { return append([]string(nil), l.words...) }

// Join returns the words separated by commas, as messages list them:
// "percent, count, score, ratio".
func (l List[T]) Join() string { return strings.Join(l.words, ", ") }

// Check reports what is wrong with the text form of enumeration T for
// text, as the packages' fuzz tests check every enumeration:
// UnmarshalText's error must be an *Error wrapping ErrUnknown that quotes
// text, and a text it accepts must marshal to a word (the text itself, or
// the value's own word for an alias) that reads back as the same value.
// It returns nil when all is well.
func Check[T comparable, P interface {
	*T
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}](text string) error {
	var v T
	if err := P(&v).UnmarshalText([]byte(text)); err != nil {
		var we *Error
		if !errors.Is(err, ErrUnknown) || !errors.As(err, &we) || we.Text != text {
			return fmt.Errorf("%T %q: error %v is not an *Error wrapping ErrUnknown", v, text, err)
		}
		return nil
	}
	out, err := P(&v).MarshalText()
	if err != nil {
		return fmt.Errorf("%T %q: accepted, but MarshalText fails: %v", v, text, err)
	}
	var back T
	if err := P(&back).UnmarshalText(out); err != nil || back != v {
		return fmt.Errorf("%T %q: marshals to %q, which reads back as %v, %v", v, text, out, back, err)
	}
	return nil
}
