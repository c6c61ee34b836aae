package problems_test

import (
	"fmt"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/kpi"
)

// placed stands for *credits.Error: the error each package makes of a
// Problem.
type placed struct{ problems.Problem }

func (e placed) Error() string {
	if !e.Month.IsZero() {
		return e.Path + ": " + e.KPI + " " + e.Month.String() + ": " + e.Msg
	}
	return e.Path + ": " + e.KPI + ": " + e.Msg
}

// A part of the rules reports its problems by paths within itself; the
// part above puts its own path and message before them.
func Example() {
	ps := []problems.Problem{
		problems.Newf("Bands[1].Min", "AVAIL", "must be below %s", "99"),
		problems.Newf("Weight", "SPEED", "must be positive").In(kpi.MustParseMonth("2024-03")),
	}
	ps = problems.Under(ps, "Regime.Scores[2]", "scheme: ")
	fmt.Println(problems.Errors(ps, func(p problems.Problem) placed { return placed{p} }))
	fmt.Println(problems.JoinPath("Regime", "Weights[2]"))
	// Output:
	// Regime.Scores[2].Bands[1].Min: AVAIL: scheme: must be below 99
	// Regime.Scores[2].Weight: SPEED 2024-03: scheme: must be positive
	// Regime.Weights[2]
}
