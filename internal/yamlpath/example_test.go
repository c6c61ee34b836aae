package yamlpath_test

import (
	"fmt"

	"go.yaml.in/yaml/v4"

	"github.com/servicecredit/engine/internal/yamlpath"
)

// A loader indexes a document's places once, then says where each
// problem it finds is.
func Example() {
	var doc yaml.Node
	src := "name: Hosting\nkpis:\n  - id: AVAIL\n    tsl: 99.9\n  - id: SPEED\n    tsl: fast\n"
	if err := yaml.Load([]byte(src), &doc); err != nil {
		panic(err)
	}
	type place struct{ line, column int }
	x := yamlpath.NewIndex(func(line, column int) place { return place{line, column} })
	x.Add(&doc, "", nil)

	p, ok := x.Place(yamlpath.Join("kpis[1]", "tsl"))
	fmt.Println(p, ok)
	fmt.Println(x.ValueAt(place{6, 10}), x.KeyAt(place{6, 5}))
	// Output:
	// {6 10} true
	// kpis[1].tsl kpis[1].tsl
}
