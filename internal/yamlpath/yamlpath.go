// Package yamlpath names the places of a YAML document's fields by path,
// such as "kpis[3].tsl", so that the file loaders can say where a problem
// is. Each loader keeps its own index of places; this package walks the
// document for it, by one rule, and words the YAML library's loading
// errors for it (Explain), so that every loader says the same thing.
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
