package contract

import (
	"errors"
	"fmt"
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestLimits checks each limit is refused with its message, wrapping
// ErrLimit, before anything is allocated for it.
func TestLimits(t *testing.T) {
	wide := func(kpis, orgs int) *Contract {
		c, _ := benchContract(kpis, 12)
		c.Orgs = nil
		for i := range orgs {
			c.Orgs = append(c.Orgs, fmt.Sprintf("O%d", i))
			c.Charges = append(c.Charges, Charge{Org: c.Orgs[i], From: c.Commencement, Amount: dec("100.00")})
		}
		c.Charges = c.Charges[1:]
		return c
	}
	long, _ := benchContract(1, 12)
	long.Term = MaxTerm + 1
	for _, tc := range []struct {
		name string
		err  func() error
		want string
	}{
		{"term", long.Validate, `contract "bench": term 1201 months: more than the limit of 1200: invalid contract`},
		{"kpis x organisations", wide(101, 1000).Validate,
			`contract "bench": 101 kpis x 1000 organisations = 101000: more than the limit of 100000: invalid contract`},
		{"kpi-months", func() error {
			c := wide(100, 1000)
			c.Term = 240
			_, err := c.Stream(Input{}, func(*MonthResult) error { return nil })
			return err
		}, `contract "bench": period 2015-04..2035-03: 100 kpis x 1000 organisations x 240 months = 24000000: more than the limit of 20000000: invalid evaluation input`},
		{"kpi-months with their baselines", func() error {
			c := wide(100, 1000)
			c.Term = 240
			_, err := c.Evaluate(Input{From: kpi.MustParseMonth("2016-04")})
			return err
		}, `contract "bench": period 2016-04..2035-03: 100 kpis x 1000 organisations x 240 months (with the 12 before it, where relative targets find their baselines) = 24000000: more than the limit of 20000000: invalid evaluation input`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			require.EqualError(t, err, tc.want)
			require.True(t, errors.Is(err, ErrLimit))
		})
	}
}
