package problems

import (
	"fmt"

	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
)

// Problem is a problem found in a part of the rules: the path of the field
// at fault within the part, the KPI and month it is about, and what is
// wrong.
type Problem struct {
	Path  string    // the field at fault, a structural path of Go field names within the part
	KPI   string    // the KPI it is about; may be empty
	Msg   string    // what is wrong, lower case
	Month kpi.Month // the month it is about; zero when none
}

// Newf returns a Problem at path about KPI id (empty for none).
func Newf(path, id, format string, args ...any) Problem {
	return Problem{Path: path, KPI: id, Msg: fmt.Sprintf(format, args...)}
}

// In returns p about month m.
func (p Problem) In(m kpi.Month) Problem {
	p.Month = m
	return p
}

// Under returns ps with each path within path, as JoinPath joins them
// ("Price" and "Ratchet" make "Price.Ratchet"), and msg before each
// message ("scheme: "). It changes ps in place.
func Under(ps []Problem, path, msg string) []Problem {
	for i := range ps {
		ps[i].Path = JoinPath(path, ps[i].Path)
		ps[i].Msg = msg + ps[i].Msg
	}
	return ps
}

// JoinPath joins a path and a path within it: "Regime" and "Weights[2]"
// make "Regime.Weights[2]", "Scores[1]" and "" make "Scores[1]".
func JoinPath(path, within string) string {
	switch {
	case path == "":
		return within
	case within == "":
		return path
	case within[0] == '[':
		return path + within
	}
	return path + "." + within
}

// Errors returns ps as the errors mk makes of them, sorted by message and
// joined as internal/joined does; nil for none.
func Errors[E error](ps []Problem, mk func(Problem) E) error {
	errs := make([]E, len(ps))
	for i, p := range ps {
		errs[i] = mk(p)
	}
	return joined.Sorted(errs)
}
