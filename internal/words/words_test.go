package words_test

import (
	"errors"
	"testing"

	"github.com/servicecredit/engine/internal/words"
	"github.com/stretchr/testify/require"
)

type unit uint8

type bound uint8

var (
	units  = words.New[unit]("unit", 1, "percent", "count")
	bounds = words.New[bound]("bound", 0, "inclusive", "strict")
)

func TestList(t *testing.T) {
	for _, tt := range []struct {
		name, why string
		v         unit
		word      string
		valid     bool
	}{
		{"zero", "the zero value of an enumeration from 1 has no word", 0, "unit(0)", false},
		{"first", "", 1, "percent", true},
		{"last", "", 2, "count", true},
		{"past the end", "", 3, "unit(3)", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.word, units.String(tt.v), tt.why)
			require.Equal(t, tt.valid, units.Valid(tt.v), tt.why)
			b, err := units.Marshal(tt.v)
			if !tt.valid {
				require.EqualError(t, err, "unit "+string('0'+rune(tt.v))+": unknown word")
				require.ErrorIs(t, err, words.ErrUnknown)
				return
			}
			require.NoError(t, err)
			var got unit
			require.NoError(t, units.Unmarshal(&got, b))
			require.Equal(t, tt.v, got, "round trip")
		})
	}
	require.Equal(t, "inclusive", bounds.String(0), "an enumeration from 0 has a word for its zero value")
	require.Equal(t, "percent, count", units.Join())
	require.Equal(t, []string{"percent", "count"}, units.Words())
}

func TestAlias(t *testing.T) {
	bs := bounds.Alias("exclusive", 1)
	var b bound
	require.NoError(t, bs.Unmarshal(&b, []byte("exclusive")))
	require.Equal(t, bound(1), b, "an alias reads as its value")
	require.Equal(t, "strict", bs.String(b), "and is written as the value's own word")
	require.NoError(t, bs.Unmarshal(&b, []byte("inclusive")))
	require.Equal(t, bound(0), b)
	require.EqualError(t, bs.Unmarshal(&b, []byte("open")), `bound "open" (want one of inclusive, strict, exclusive): unknown word`,
		"the aliases are listed after the words")
	require.EqualError(t, bounds.Unmarshal(&b, []byte("exclusive")), `bound "exclusive" (want one of inclusive, strict): unknown word`,
		"Alias leaves the list it was called on as it was")
	require.Equal(t, []string{"inclusive", "strict"}, bs.Words(), "Words are the values' own words")
}

func TestUnknownWord(t *testing.T) {
	u := unit(2)
	err := units.Unmarshal(&u, []byte("Percent"))
	require.EqualError(t, err, `unit "Percent" (want one of percent, count): unknown word`, "matched exactly, case included")
	require.Equal(t, unit(2), u, "an unknown word leaves the value as it was")
	var we *words.Error
	require.True(t, errors.As(err, &we))
	require.Equal(t, words.Error{Type: "unit", Text: "Percent", Words: []string{"percent", "count"}}, *we)
	require.EqualError(t, units.Unmarshal(&u, []byte("a\x1b[31m")), `unit "a\x1b[31m" (want one of percent, count): unknown word`, "text is quoted, escapes and all")
}

// FuzzUnmarshal checks that every text either is a word that round-trips
// or is an *Error wrapping ErrUnknown.
func FuzzUnmarshal(f *testing.F) {
	f.Add("percent")
	f.Add("")
	f.Add("strict")
	f.Fuzz(func(t *testing.T, s string) {
		var u unit
		if err := units.Unmarshal(&u, []byte(s)); err != nil {
			var we *words.Error
			if !errors.As(err, &we) || !errors.Is(err, words.ErrUnknown) || we.Text != s {
				t.Fatalf("Unmarshal(%q) = %v, want an *Error with the text", s, err)
			}
			return
		}
		if b, err := units.Marshal(u); err != nil || string(b) != s {
			t.Fatalf("Marshal(Unmarshal(%q)) = %q, %v", s, b, err)
		}
	})
}
