package joined_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/servicecredit/engine/internal/joined"
	"github.com/stretchr/testify/require"
)

var errBase = errors.New("base")

func TestSorted(t *testing.T) {
	require.NoError(t, joined.Sorted([]error(nil)))
	errs := []error{errors.New("b"), fmt.Errorf("a: %w", errBase), errors.New("c")}
	err := joined.Sorted(errs)
	require.EqualError(t, err, "a: base\nb\nc")
	require.ErrorIs(t, err, errBase)
}

type placed struct {
	file      string
	line, col int
	msg       string
}

func (p placed) Error() string { return fmt.Sprintf("%s:%d:%d: %s", p.file, p.line, p.col, p.msg) }

func TestPlaced(t *testing.T) {
	where := func(p placed) (string, int, int) { return p.file, p.line, p.col }
	require.NoError(t, joined.Placed([]placed(nil), where))
	list := []placed{{"b.csv", 1, 1, "x"}, {"a.csv", 10, 2, "y"}, {"a.csv", 2, 5, "z"}, {"a.csv", 2, 5, "z"}, {"a.csv", 2, 1, "w"}}
	err := joined.Placed(list, where)
	require.EqualError(t, err, "a.csv:2:1: w\na.csv:2:5: z\na.csv:10:2: y\nb.csv:1:1: x", "by file, line, column; a repeat once")
	require.Equal(t, "b.csv", list[0].file, "the list is left as it is")
}

func TestSplit(t *testing.T) {
	require.Nil(t, joined.Split(nil))
	one := errors.New("one")
	two := fmt.Errorf("two: %w: %w", one, errBase) // wraps two causes: one problem
	list := errors.Join(one, errors.Join(two, errBase))
	require.Equal(t, []error{one, two, errBase}, joined.Split(list))
	require.Equal(t, []error{two}, joined.Split(two))
}
