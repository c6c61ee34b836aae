package yamlpath

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v4"
)

type explainDoc struct {
	Name  string        `yaml:"name"`
	Items []explainItem `yaml:"items"`
	Count int           `yaml:"count"`
	On    bool          `yaml:"on"`
	Inner `yaml:",inline"`
	Plain string
}

type explainItem struct {
	ID string `yaml:"id"`
}

// Inner is inlined into explainDoc: its keys are the document's.
type Inner struct {
	Extra string `yaml:"extra"`
	Gone  string `yaml:"-"`
}

// TestExplain loads documents with each kind of problem and checks the
// words and place Explain gives the library's error.
func TestExplain(t *testing.T) {
	types := []any{explainDoc{}, explainItem{}}
	for _, tc := range []struct {
		name, doc string
		want      string
		at        Place
	}{
		{"empty", "", "empty file (want a mapping of fields, such as name: ...)", AtFile},
		{"two documents", "name: a\n---\nname: b\n", "more than one YAML document (want exactly one)", AtFile},
		{"unknown field", "name: a\nnmae: b\n", "unknown field (want one of name, items, count, on, extra, plain)", AtKey},
		{"unknown field of a list item", "items:\n  - idd: x\n", "unknown field (want one of id)", AtKey},
		{"repeated field", "name: a\nname: b\n", "field given twice (first at line 1)", AtKey},
		{"a mapping for a list", "items: {id: x}\n", "want a list, not a mapping", AtValue},
		{"a word for a number", "count: many\n", `want a whole number, not "many"`, AtValue},
		{"a word for true or false", "on: maybe\n", `want true or false, not "maybe"`, AtValue},
		{"a list for a value", "name: [a]\n", "want a single value, not a list", AtValue},
		{"a value for a mapping", "items: [x]\n", `want a mapping of fields, not "x"`, AtValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v explainDoc
			err := yaml.Load([]byte(tc.doc), &v, yaml.WithKnownFields())
			var many *yaml.LoadErrors
			var one *yaml.LoadError
			var e *yaml.LoadError
			switch {
			case errors.As(err, &many):
				e = many.Errors[0]
			case errors.As(err, &one):
				e = one
			default:
				t.Fatalf("no load error: %v", err)
			}
			got, at := Explain(e.Message, types)
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.at, at)
		})
	}
}

func TestExplainUnknown(t *testing.T) {
	got, at := Explain("yaml: something new", nil)
	require.Equal(t, "not understood: something new", got)
	require.Equal(t, AtValue, at)
	got, _ = Explain("field x not found in type other.T", nil)
	require.Equal(t, "unknown field (want one of the documented fields)", got)
	got, _ = Explain("no documents in stream", nil)
	require.Equal(t, "empty file (want a mapping of fields)", got)
}

func TestPlacePath(t *testing.T) {
	require.Equal(t, "k", AtKey.Path("k", "v"))
	require.Equal(t, "v", AtValue.Path("k", "v"))
	require.Empty(t, AtFile.Path("k", "v"))
}
