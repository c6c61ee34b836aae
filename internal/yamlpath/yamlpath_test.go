package yamlpath

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v4"
)

func TestWalk(t *testing.T) {
	var doc yaml.Node
	require.NoError(t, yaml.Load([]byte("name: x\nkpis:\n  - {id: A, tsl: 95}\n  - id: B\n"), &doc))
	var got []string
	Walk(&doc, "", func(path string, key, v *yaml.Node) {
		k := "-"
		if key != nil {
			k = key.Value
		}
		got = append(got, fmt.Sprintf("%q %s %d:%d", path, k, v.Line, v.Column))
	})
	require.Equal(t, []string{
		`"" - 1:1`, `"name" name 1:7`, `"kpis" kpis 3:3`,
		`"kpis[0]" - 3:5`, `"kpis[0].id" id 3:10`, `"kpis[0].tsl" tsl 3:18`,
		`"kpis[1]" - 4:5`, `"kpis[1].id" id 4:9`,
	}, got)
}

func TestWalkRepeatedKey(t *testing.T) {
	var doc yaml.Node
	require.NoError(t, yaml.Load([]byte("a: 1\na: 2\n"), &doc))
	var got []string
	Walk(&doc, "", func(path string, key, v *yaml.Node) {
		if key != nil {
			got = append(got, fmt.Sprintf("%s key %d:%d value %v", path, key.Line, key.Column, v != nil))
		}
	})
	require.Equal(t, []string{"a key 1:1 value true", "a key 2:1 value false"}, got)
}

func TestIndex(t *testing.T) {
	type place struct{ line, col int }
	var doc yaml.Node
	require.NoError(t, yaml.Load([]byte("name: x\nkpis:\n  - {id: A, tsl: 95}\n"), &doc))
	x := NewIndex(func(line, col int) place { return place{line, col} })
	var scalars []string
	x.Add(&doc, "", func(path string, v *yaml.Node) {
		if v.Kind == yaml.ScalarNode {
			scalars = append(scalars, path+"="+v.Value)
		}
	})
	require.Equal(t, []string{"name=x", "kpis[0].id=A", "kpis[0].tsl=95"}, scalars)
	p, ok := x.Place("kpis[0].tsl")
	require.True(t, ok)
	require.Equal(t, place{3, 18}, p)
	require.Equal(t, "kpis[0].tsl", x.ValueAt(place{3, 18}))
	require.Equal(t, "kpis[0].tsl", x.KeyAt(place{3, 13}), "the key of the field")
	require.Equal(t, "kpis", x.ValueAt(place{3, 3}), "the outermost value at a place: the list, not its first element")
	var none *Index[place]
	_, ok = none.Place("name")
	require.False(t, ok, "a nil Index knows no place")
	require.Empty(t, none.ValueAt(place{1, 1}))
	require.Empty(t, none.KeyAt(place{1, 1}))
}
