package recordfile_test

import (
	"strings"

	"github.com/servicecredit/engine/measure/internal/fixture"
)

var (
	london   = fixture.London
	open     = fixture.Open
	problems = fixture.Problems
)

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
