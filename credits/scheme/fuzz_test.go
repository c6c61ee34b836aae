package scheme_test

import (
	"testing"

	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
)

// FuzzUnmarshalText checks the text form of every enumeration a Scheme
// holds, kpi.Bound's included: unmarshalling never panics, an error is a
// *kpi.WordError wrapping kpi.ErrUnknownWord, and accepted text
// round-trips to the same value.
func FuzzUnmarshalText(f *testing.F) {
	for _, s := range []string{"inclusive", "exclusive", "strict", "as-measured", "kpi-rounded", "table-rounded", "per-point",
		"points-table", "percent-of-charges", "breaks-chain", "counts-as-failure", "", "Inclusive", "per_point"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, err := range []error{words.Check[kpi.Bound](text), words.Check[scheme.ValueBasis](text),
			words.Check[scheme.PriceBasis](text), words.Check[scheme.Mitigated](text)} {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}
