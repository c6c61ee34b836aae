package nearest

import "strings"

// maxRunes is the longest text Name compares: comparing two texts costs
// the product of their lengths, and a label that long is no misspelling.
const maxRunes = 100

// Normal returns s lower-cased, with its runs of white space one space
// and none at either end: how labels and names are compared.
func Normal(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Name returns the name of names nearest to s by edit distance (both
// compared as Normal writes them), when it is fewer than four edits away,
// near enough to be a likely misspelling; the first of equally near names;
// "" when none is near. A text of more than 100 runes is near nothing.
func Name(s string, names []string) string {
	best, dist := "", 4
	for _, n := range names {
		if d := distance(Normal(s), Normal(n)); d < dist {
			best, dist = n, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, or more than
// either's length when one is longer than maxRunes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > maxRunes || len(rb) > maxRunes {
		return len(ra) + len(rb)
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
