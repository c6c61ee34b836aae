package yamlpath

import (
	"strconv"

	"go.yaml.in/yaml/v4"
)

// Walk calls visit for n and every node below it, depth first, with the
// node's path (path for n itself) and, for the value of a mapping's field,
// the field's key node (nil otherwise). A document node is walked through to
// its content. Within a mapping, a key given twice is walked once: the
// first value is the one the loaders check; the repeated key is visited
// with a nil value, so that the error the YAML library reports for it can
// be placed.
func Walk(n *yaml.Node, path string, visit func(path string, key, value *yaml.Node)) {
	walk(n, path, nil, visit)
}

func walk(n *yaml.Node, path string, key *yaml.Node, visit func(path string, key, value *yaml.Node)) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) > 0 {
			walk(n.Content[0], path, key, visit)
		}
		return
	}
	visit(path, key, n)
	switch n.Kind {
	case yaml.MappingNode:
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if seen[k.Value] {
				visit(Join(path, k.Value), k, nil)
				continue
			}
			seen[k.Value] = true
			walk(n.Content[i+1], Join(path, k.Value), k, visit)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walk(c, path+"["+strconv.Itoa(i)+"]", nil, visit)
		}
	}
}

// Join returns the path of field key of the mapping at path: "kpis[3]"
// and "tsl" give "kpis[3].tsl"; the top level's path is "".
func Join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// Index is the places of a document's fields, in a loader's own type of
// place P (a line and a column): where each path's value stands, and
// which path's value and which field's key stand at each place, the first
// walked (the outermost) of those that share one. A nil Index knows no
// place.
type Index[P comparable] struct {
	vals  map[string]P // path to the place of its value
	valAt map[P]string // place to the path of the outermost value there
	keyAt map[P]string // place to the path of the field whose key is there
	at    func(line, column int) P
}

// NewIndex returns an empty Index whose places at makes from a line and a
// column.
func NewIndex[P comparable](at func(line, column int) P) *Index[P] {
	return &Index[P]{vals: map[string]P{}, valAt: map[P]string{}, keyAt: map[P]string{}, at: at}
}

// Add walks n, whose path is path, as Walk does and records the places of
// its fields; visit, when not nil, is called for each field with a value
// (a repeated key's second value is not walked).
func (x *Index[P]) Add(n *yaml.Node, path string, visit func(path string, value *yaml.Node)) {
	Walk(n, path, func(path string, key, v *yaml.Node) {
		if key != nil {
			if k := x.at(key.Line, key.Column); !hasKey(x.keyAt, k) {
				x.keyAt[k] = path
			}
		}
		if v == nil {
			return // a repeated key: its first value counts
		}
		p := x.at(v.Line, v.Column)
		x.vals[path] = p
		if !hasKey(x.valAt, p) {
			x.valAt[p] = path
		}
		if visit != nil {
			visit(path, v)
		}
	})
}

// Place returns the place of path's value, and whether the document has
// one.
func (x *Index[P]) Place(path string) (P, bool) {
	if x == nil {
		var none P
		return none, false
	}
	p, ok := x.vals[path]
	return p, ok
}

// ValueAt returns the path of the outermost value at place p; "" for none.
func (x *Index[P]) ValueAt(p P) string {
	if x == nil {
		return ""
	}
	return x.valAt[p]
}

// KeyAt returns the path of the field whose key stands at place p; "" for
// none.
func (x *Index[P]) KeyAt(p P) string {
	if x == nil {
		return ""
	}
	return x.keyAt[p]
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
