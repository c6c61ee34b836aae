package credits_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/words"
)

// FuzzUnmarshalText checks every enumeration's text form: unmarshalling
// never panics, an error is a *kpi.WordError wrapping kpi.ErrUnknownWord,
// and accepted text round-trips exactly.
func FuzzUnmarshalText(f *testing.F) {
	for _, s := range []string{"month", "year", "rolling-12-months", "two-limb", "points-in-window", "consecutive-failures",
		"failures-in-window", "cap-reached", "material-failure", "all", "highest", "customer-choice", "", " month", "Year"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, err := range []error{words.Check[credits.CapKind](text), words.Check[credits.TriggerKind](text),
			words.Check[credits.IncidentRule](text)} {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}
