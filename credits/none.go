package credits

// None is the regime of an agreement that carries no service credits, such
// as a shared service run by councils for one another: every KPI-month
// is still classified and reported, and every line costs nothing and says
// why. Choosing None is explicit; a contract with no regime at all is
// invalid.
type None struct{}

// Check accepts None: it has nothing to configure.
func (None) Check() error { return nil }

// Validate accepts every set of KPIs.
func (None) Validate([]Window) error { return nil }

// Begin starts an evaluation.
func (None) Begin(Money) Run { return noneRun{} }

type noneRun struct{}

// Assess appends one zero line per outcome to lines.
func (noneRun) Assess(p Period, lines []Line) ([]Line, error) {
	for _, o := range p.Outcomes {
		lines = append(lines, Line{Kind: CreditLine, Month: p.Month, Year: p.Year, KPI: o.KPI, Org: o.Org,
			Raw: o.Raw, Status: o.Status, Mitigation: o.Mitigation, Rule: "no service credits in this agreement"})
	}
	return lines, nil
}
