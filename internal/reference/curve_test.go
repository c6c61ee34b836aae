package reference_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/servicecredit/engine/internal/synth"
)

// TestCurvesMatchEngine evaluates generated contracts whose every score is
// a payment curve (synth.Curves), and their variants, and compares the
// engine's ledger with the reference's figure by figure; then it checks
// that the months compared read the curves every way the documentation
// names, so that agreement is not agreement on nothing.
func TestCurvesMatchEngine(t *testing.T) {
	seen := coverage{}
	read := map[string]int{}
	ways := []struct{ name, text string }{
		{"between two points", ") and point "},
		{"at a point", ": earned "},
		{"at a step", " at the step from "},
		{"below the first point", ", the first of curve"},
		{"above the last point", ", the last of curve"},
		{"a red month without a value", "scored at the worst end, "},
		{"an amber month without a value", "scored at the msl "},
		{"all earned", "scores 0: no credit"},
	}
	for n := range 60 {
		shape := synth.Shape{KPIs: 1 + n%8, Months: 1 + (n*7)%40, Orgs: 1 + n%3, Failures: []int{0, 10, 30, 60}[n%4]}
		for i, p := range variants(synth.Curves(2026, n, shape), n, synth.ShortfallBands) {
			t.Run(fmt.Sprintf("%d/%d", n, i), func(t *testing.T) {
				res := compare(t, p, seen)
				for _, mo := range res.Months {
					for _, cell := range mo.Cells {
						for _, w := range ways {
							if strings.Contains(cell.Credit.Rule, w.text) {
								read[w.name]++
							}
						}
					}
				}
			})
		}
	}
	var missed []string
	for _, w := range ways {
		if read[w.name] == 0 {
			missed = append(missed, w.name)
		}
	}
	for _, what := range []string{"amber rule counts", "repeat escalates", "relieved failure", "deemed failure", "cut month", "cut year"} {
		if seen[what] == 0 {
			missed = append(missed, what)
		}
	}
	if len(missed) > 0 {
		t.Errorf("the curves compared never reached: %s", strings.Join(missed, "; "))
	}
}
