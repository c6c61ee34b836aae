package synth

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
)

// WriteFiles writes p as the files the command-line tool reads, in dir:
// contract.yaml, measurements.csv and mitigations.csv (see
// docs/contract-format.md). The contract must use the Points regime, as
// Generate's do.
func WriteFiles(dir string, p Portfolio) error {
	for _, f := range []struct {
		name  string
		write func(io.Writer, Portfolio) error
	}{{"contract.yaml", writeContract}, {"measurements.csv", writeMeasurements}, {"mitigations.csv", writeMitigations}} {
		if err := writeFile(filepath.Join(dir, f.name), func(w io.Writer) error { return f.write(w, p) }); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	if err := write(b); err != nil {
		f.Close()
		return err
	}
	if err := b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WriteMeasurements writes p's measurements as a measurements CSV.
func WriteMeasurements(w io.Writer, p Portfolio) error { return writeMeasurements(w, p) }

func writeContract(w io.Writer, p Portfolio) error {
	c := p.Contract
	pts, ok := c.Credits.Regime.(credits.Points)
	if !ok {
		return fmt.Errorf("synth: contract %q: regime %T is not Points", c.Name, c.Credits.Regime)
	}
	v := kpi.FormatValue
	fmt.Fprintf(w, "name: %q\ncustomer: %q\nsupplier: %q\ncommencement: %s\nterm: %d\norganisations: [", c.Name, c.Customer, c.Supplier, c.Commencement, c.Term)
	for i, o := range c.Orgs {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%q", o)
	}
	fmt.Fprint(w, "]\ncharges:\n")
	for _, ch := range c.Charges {
		fmt.Fprintf(w, "  - {organisation: %q, from: %s, amount: %q, note: %q}\n", ch.Org, ch.From, v(ch.Amount), ch.Note)
	}
	fmt.Fprintf(w, "absences: {missing: %s, unavailable: %s}\nkpis:\n", c.Absences.Missing, c.Absences.Unavailable)
	for _, k := range c.KPIs {
		fmt.Fprintf(w, "  - id: %s\n    name: %q\n    kind: %s\n    unit: %s\n    direction: %s\n    precision: {places: %d, rounding: %s}\n",
			k.ID, k.Name, k.Kind, k.Unit, k.Direction, k.Precision.Places, k.Precision.Rounding)
		fmt.Fprintf(w, "    tsl: %q\n    msl: %q\n", v(k.Schedule.Base.TSL), v(k.Schedule.Base.MSL))
		if len(k.Schedule.Glide) > 0 {
			fmt.Fprint(w, "    glide:\n")
			for _, st := range k.Schedule.Glide {
				fmt.Fprintf(w, "      - {month: %s, tsl: %q, msl: %q}\n", st.Month, v(st.Thresholds.TSL), v(st.Thresholds.MSL))
			}
		}
		if !k.From.IsZero() {
			fmt.Fprintf(w, "    from: %s\n", k.From)
		}
		if !k.To.IsZero() {
			fmt.Fprintf(w, "    to: %s\n", k.To)
		}
	}
	fmt.Fprintf(w, "credits:\n  regime:\n    points:\n      amber: %q\n      red: %q\n      point-value: %q\n      weights:\n",
		v(pts.Amber), v(pts.Red), v(pts.PointValue))
	for _, wt := range pts.Weights {
		fmt.Fprintf(w, "        - {kpi: %s, from: %s, points: %q}\n", wt.KPI, wt.From, v(wt.Points))
	}
	fmt.Fprint(w, "  caps:\n")
	if c.Credits.Caps.Month != nil {
		fmt.Fprintf(w, "    month: %q\n", v(*c.Credits.Caps.Month))
	}
	if c.Credits.Caps.Year != nil {
		fmt.Fprintf(w, "    year: %q\n", v(*c.Credits.Caps.Year))
	}
	_, err := fmt.Fprintf(w, "  money: {places: %d, rounding: %s}\n", c.Credits.Money.Places, c.Credits.Money.Rounding)
	return err
}

func writeMeasurements(w io.Writer, p Portfolio) error {
	if _, err := io.WriteString(w, "kpi,organisation,month,value\n"); err != nil {
		return err
	}
	for _, m := range p.Measurements {
		value := kpi.FormatValue(m.Value)
		switch m.Absent {
		case kpi.Unavailable:
			value = "UNVL"
		case kpi.NotApplicable:
			value = "N/A"
		}
		if _, err := fmt.Fprintf(w, "%s,%s,%s,%s\n", m.KPI, m.Org, m.Month, value); err != nil {
			return err
		}
	}
	return nil
}

func writeMitigations(w io.Writer, p Portfolio) error {
	if _, err := io.WriteString(w, "ref,kpi,organisation,from,to,reason,effect\n"); err != nil {
		return err
	}
	for _, r := range p.Mitigations {
		if _, err := fmt.Fprintf(w, "%s,%s,%s,%s,%s,%s,%s\n", r.Ref, r.KPI, r.Org, r.From, r.Last(), r.Reason, r.Effect); err != nil {
			return err
		}
	}
	return nil
}
