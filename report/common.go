package report

import (
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/mitigation"
)

// mitigationsOf returns the mitigation records applied in r, each once, in
// the order of the first KPI-month each covers.
func mitigationsOf(r *contract.Result) []mitigation.Record {
	seen := map[string]bool{}
	var out []mitigation.Record
	for _, m := range r.Months {
		for _, cell := range m.Cells {
			if cell.Mitigated && !seen[cell.Mitigation.Ref] {
				seen[cell.Mitigation.Ref] = true
				out = append(out, cell.Mitigation)
			}
		}
	}
	return out
}

// ragCell shows a cell's raw status, then its deemed status after ">"
// when a mitigation deems another, and "*" when a mitigation applies:
// "amber*", "red>green*".
func ragCell(c contract.Cell) string {
	s := c.Raw.String()
	if c.Status != c.Raw {
		s += ">" + c.Status.String()
	}
	if c.Mitigated {
		s += "*"
	}
	return s
}

func hasDeemed(r *contract.Result) bool {
	for _, m := range r.Months {
		for _, c := range m.Cells {
			if c.Status != c.Raw {
				return true
			}
		}
	}
	return false
}

// span returns the months a record covers: "Jun-21" or "Jun-21 to Jul-21".
func span(rec mitigation.Record) string {
	s := rec.From.Pack()
	if rec.Last() != rec.From {
		s += " to " + rec.Last().Pack()
	}
	return s
}

// effect returns "relief" or "deemed green".
func effect(rec mitigation.Record) string {
	if rec.Effect == mitigation.Deemed {
		return rec.Effect.String() + " " + rec.Deemed.String()
	}
	return rec.Effect.String()
}

// agreed returns " agreed 2021-07-20 by NAME", or the parts known.
func agreed(rec mitigation.Record) string {
	s := ""
	if !rec.AgreedOn.IsZero() {
		s = " agreed " + rec.AgreedOn.Format("2006-01-02")
	}
	if rec.AgreedBy != "" {
		s += " by " + rec.AgreedBy
	}
	return s
}
