package joined

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Sorted returns errs sorted by message and joined, or nil when there are
// none. It sorts errs in place.
func Sorted[E error](errs []E) error {
	if len(errs) == 0 {
		return nil
	}
	slices.SortStableFunc(errs, func(a, b E) int { return strings.Compare(a.Error(), b.Error()) })
	return join(errs)
}

// Placed returns list sorted by the place of each problem (file, line,
// column), then by message, each message once, and joined; nil when there
// are none. It leaves list as it is.
func Placed[E error](list []E, place func(E) (file string, line, column int)) error {
	if len(list) == 0 {
		return nil
	}
	list = slices.Clone(list)
	slices.SortStableFunc(list, func(a, b E) int {
		af, al, ac := place(a)
		bf, bl, bc := place(b)
		return cmp.Or(cmp.Compare(af, bf), cmp.Compare(al, bl), cmp.Compare(ac, bc), strings.Compare(a.Error(), b.Error()))
	})
	list = slices.CompactFunc(list, func(a, b E) bool { return a.Error() == b.Error() })
	return join(list)
}

func join[E error](list []E) error {
	errs := make([]error, len(list))
	for i, e := range list {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// Split returns the problems in err: the parts of a list errors.Join
// made, its lists flattened, and any other error whole, one that wraps
// several causes (fmt.Errorf with two %w verbs) included. It returns nil
// for nil.
func Split(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok && isJoin(err) {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Split(e)...)
		}
		return out
	}
	return []error{err}
}

// isJoin reports whether err, which has parts, is a list from
// errors.Join: its message is its parts' messages, one per line.
func isJoin(err error) bool {
	parts := err.(interface{ Unwrap() []error }).Unwrap()
	msgs := make([]string, len(parts))
	for i, e := range parts {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n") == err.Error()
}

// Max is the number of problems a Capped list keeps: past it, problems are
// only counted, so that a file with millions of problems costs no more
// memory than one with Max, and its report ends "and N more problems".
const Max = 100

// Capped collects problems, keeping the first Max and counting the rest.
// The zero Capped is empty and ready to use.
type Capped struct {
	list []error
	more int
}

// Add adds a problem: kept while fewer than Max are, counted after.
func (c *Capped) Add(err error) {
	if len(c.list) < Max {
		c.list = append(c.list, err)
		return
	}
	c.more++
}

// Len returns the number of problems added, kept or counted.
func (c *Capped) Len() int { return len(c.list) + c.more }

// Err returns the problems kept, sorted as Sorted sorts them, followed by
// a More counting the rest when there are any, joined; nil when there are
// none.
func (c *Capped) Err() error {
	if c.more == 0 {
		return Sorted(c.list)
	}
	slices.SortStableFunc(c.list, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errors.Join(append(c.list, More{N: c.more, Of: c.list[len(c.list)-1]})...)
}

// More stands for the problems a capped list counted but did not keep:
// "and 12 more problems". It unwraps to Of, a problem of the same list,
// so that errors.Is finds the list's sentinel in it too.
type More struct {
	N  int   // the problems left out
	Of error // a problem kept, whose sentinels the left-out ones share
}

// Error returns "and N more problems" ("and 1 more problem").
func (m More) Error() string {
	if m.N == 1 {
		return "and 1 more problem"
	}
	return "and " + strconv.Itoa(m.N) + " more problems"
}

// Unwrap returns Of.
func (m More) Unwrap() error { return m.Of }
