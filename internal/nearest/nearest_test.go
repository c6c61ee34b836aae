package nearest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/servicecredit/engine/internal/nearest"
	"github.com/stretchr/testify/require"
)

func TestName(t *testing.T) {
	names := []string{"Systems availability", "Calls abandoned", "P1 resolved"}
	for _, tt := range []struct{ name, why, label, want string }{
		{"misspelt", "two letters swapped are two edits", "Sytsems availability", "Systems availability"},
		{"case and spaces", "compared as Normal writes them", "  CALLS   abandoned ", "Calls abandoned"},
		{"three edits", "still a likely misspelling", "P1 resolve", "P1 resolved"},
		{"four edits", "too far to suggest", "P1 res", ""},
		{"long", "a text of more than 100 runes is near nothing, however alike", strings.Repeat("x", 101), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, nearest.Name(tt.label, names), tt.why)
		})
	}
	require.Equal(t, "a", nearest.Name("c", []string{"a", "b"}), "the first of equally near names")
	require.Equal(t, "calls abandoned", nearest.Normal("\tCalls\n  Abandoned "))
}

// A label nobody recognises is told the name it most likely misspells.
func Example() {
	fmt.Printf("%q\n", nearest.Name("Avialability", []string{"Availability", "Abandonment"}))
	fmt.Printf("%q\n", nearest.Name("Backlog", []string{"Availability", "Abandonment"}))
	// Output:
	// "Availability"
	// ""
}
