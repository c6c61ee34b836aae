package credits

// None is the regime of an agreement that carries no service credits, such
// as a shared service run by councils for one another: every KPI-month
// is still classified and reported, and every line costs nothing and says
// why. Choosing None is explicit; a contract with no regime at all is
// invalid.
type None struct{}

// Validate accepts every set of KPIs.
func (None) Validate([]Window) error { return nil }

// Begin starts an evaluation.
func (None) Begin(Money) Run { return noneRun{} }

type noneRun struct{}

// Assess returns one zero line per outcome.
func (noneRun) Assess(p Period) ([]Line, error) {
	lines := make([]Line, len(p.Outcomes))
	for i, o := range p.Outcomes {
		lines[i] = Line{Kind: CreditLine, Month: p.Month, Year: p.Year, KPI: o.KPI, Org: o.Org,
			Raw: o.Raw, Status: o.Status, Mitigation: o.Mitigation, Rule: "no service credits in this agreement"}
	}
	return lines, nil
}
