// Package joined holds how the engine reports several problems at once:
// each problem is its own error, the problems are sorted so that the same
// input always gives the same message, and they are joined with
// errors.Join, so that a caller can print them one per line, test them
// with errors.Is and errors.As, or take them apart again with Split.
package joined

import (
	"cmp"
	"errors"
	"slices"
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
