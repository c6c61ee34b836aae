package credits_test

import (
	"encoding"
	"errors"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
)

// enum is a pointer to one of the package's enumerations.
type enum interface {
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}

// FuzzUnmarshalText checks every enumeration's text form: unmarshalling
// never panics, an error is a *kpi.WordError wrapping kpi.ErrUnknownWord, and accepted text
// round-trips exactly.
func FuzzUnmarshalText(f *testing.F) {
	for _, s := range []string{"inclusive", "exclusive", "as-measured", "kpi-rounded", "table-rounded", "per-point",
		"points-table", "percent-of-charges", "breaks-chain", "counts-as-failure", "month", "year", "rolling-12-months",
		"two-limb", "points-in-window", "consecutive-failures", "failures-in-window", "cap-reached", "material-failure",
		"", "Inclusive", " month", "per_point"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, v := range []enum{new(scheme.Edge), new(scheme.ValueBasis), new(scheme.PriceBasis), new(scheme.Mitigated),
			new(credits.CapKind), new(credits.TriggerKind), new(credits.IncidentRule)} {
			err := v.UnmarshalText([]byte(text))
			if err != nil {
				var we *kpi.WordError
				if !errors.Is(err, kpi.ErrUnknownWord) || !errors.As(err, &we) || we.Text != text {
					t.Fatalf("%T %q: error %v is not a *kpi.WordError wrapping kpi.ErrUnknownWord", v, text, err)
				}
				continue
			}
			out, err := v.MarshalText()
			if err != nil || string(out) != text {
				t.Fatalf("%T %q: round trip gave %q, %v", v, text, out, err)
			}
		}
	})
}
