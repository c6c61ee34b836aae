package plan_test

import (
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/fixture"
)

var (
	london       = fixture.London
	at           = fixture.At
	lincsOptions = fixture.LincsOptions
)

var thousandCalls = fixture.ThousandCalls

var june = kpi.MustParseMonth("2021-06")
