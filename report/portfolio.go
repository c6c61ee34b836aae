package report

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/safetext"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/portfolio"
)

// PortfolioFormat names the layout PortfolioJSON writes; it changes only
// when a field is removed or changes meaning.
const PortfolioFormat = "servicecredit/portfolio/v1"

// PortfolioCSVHeader is the header row PortfolioCSV writes;
// docs/portfolio.md describes each column.
var PortfolioCSVHeader = []string{
	"record", "label", "status", "contract", "customer", "supplier", "contract_year", "from", "to",
	"contracts", "charges", "year_charges", "uncapped", "cut", "credit", "note",
}

// portfolioMonths says which months a portfolio run asked for.
func portfolioMonths(r *portfolio.Result) string {
	switch {
	case r.From.IsZero() && r.To.IsZero():
		return "each contract's months measured"
	case r.To.IsZero():
		return fmt.Sprintf("%s to each contract's last month measured, within its term", r.From)
	case r.From.IsZero():
		return fmt.Sprintf("each contract's first month measured to %s, within its term", r.To)
	}
	return fmt.Sprintf("%s to %s, within each contract's term", r.From, r.To)
}

// counts says how many contracts a run had and what became of them:
// "11 contracts: 10 evaluated, 1 failed".
func counts(r *portfolio.Result) string {
	s := plural(len(r.Contracts), "contract") + ": " + strconv.Itoa(r.Count(portfolio.Evaluated)) + " evaluated"
	if n := r.Count(portfolio.Skipped); n > 0 {
		s += fmt.Sprintf(", %d skipped", n)
	}
	if n := r.Count(portfolio.Failed); n > 0 {
		s += fmt.Sprintf(", %d failed", n)
	}
	return s
}

// money returns the five figures of f with places.
func money(f *portfolio.Figures, places int32) []string {
	return []string{f.Charges.StringFixed(places), f.YearCharges.StringFixed(places), f.Uncapped.StringFixed(places),
		f.Cut.StringFixed(places), f.Credit.StringFixed(places)}
}

// PortfolioText writes a plain-text report of r, a portfolio run of the
// manifest named manifest: a table of every contract year of every
// contract in the manifest's order (charges of the months evaluated, the
// whole year's charges, uncapped credit, cut and credit, in the
// contract's money places), the notes on clipped and skipped contracts,
// the failed contracts with their problems, then the totals by customer,
// by supplier and of the portfolio. Text from input files is escaped for
// the terminal.
func PortfolioText(w io.Writer, manifest string, r *portfolio.Result) error {
	b := bufio.NewWriter(w)
	t := &textWriter{b: b}
	t.f("Portfolio %s: %s\n", manifest, counts(r))
	t.f("Months evaluated: %s\n\n", portfolioMonths(r))
	tab := [][]string{{"Contract", "Year", "Months", "Charges", "Year charges", "Uncapped", "Cut", "Credit"}}
	var notes, failed []string
	for i := range r.Contracts {
		s := &r.Contracts[i]
		label := safetext.Term(s.Label)
		switch s.Status {
		case portfolio.Failed:
			tab = append(tab, []string{label, "failed", "", "", "", "", "", ""})
			failed = append(failed, fmt.Sprintf("%s: %s", label, plural(len(s.Problems), "problem")))
			for _, p := range s.Problems {
				for _, line := range strings.Split(p.Error(), "\n") {
					failed = append(failed, "  "+safetext.Term(line))
				}
			}
			continue
		case portfolio.Skipped:
			tab = append(tab, []string{label, "skipped", "", "", "", "", "", ""})
			notes = append(notes, fmt.Sprintf("%s: skipped: %s", label, s.Why))
			continue
		}
		if n := s.Note(); n != "" {
			notes = append(notes, label+": "+n)
		}
		for j, y := range s.Years {
			name := label
			if j > 0 {
				name = ""
			}
			tab = append(tab, append([]string{name, strconv.Itoa(y.Year), y.From.Pack() + ".." + y.To.Pack()}, money(&y.Figures, s.Money.Places)...))
		}
		if len(s.Years) > 1 {
			tab = append(tab, append([]string{"", "total", s.From.Pack() + ".." + s.To.Pack()}, money(&s.Total, s.Money.Places)...))
		}
	}
	t.table(tab)
	t.revisions(r)
	if len(notes) > 0 {
		t.f("Notes\n")
		for _, n := range notes {
			t.f("  %s\n", n)
		}
		t.f("\n")
	}
	if len(failed) > 0 {
		t.f("Failed (not evaluated, not in the totals)\n")
		for _, f := range failed {
			t.f("  %s\n", f)
		}
		t.f("\n")
	}
	t.f("Totals of the contracts evaluated (a total over contracts of different money places has the most places among them)\n")
	for _, group := range []struct {
		head   string
		totals []portfolio.Total
	}{{"Customer", r.Customers}, {"Supplier", r.Suppliers}} {
		tab := [][]string{{group.head, "Contracts", "Charges", "Year charges", "Uncapped", "Cut", "Credit"}}
		for i := range group.totals {
			tot := &group.totals[i]
			tab = append(tab, append([]string{safetext.Term(tot.Name), strconv.Itoa(tot.Contracts)}, money(&tot.Figures, tot.Places)...))
		}
		t.table(tab)
	}
	tot := &r.Total
	m := money(&tot.Figures, tot.Places)
	t.f("Portfolio total (%s): charges %s, year charges %s, uncapped %s, cut %s, credit %s\n",
		plural(tot.Contracts, "contract"), m[0], m[1], m[2], m[3], m[4])
	return b.Flush()
}

// revisions writes, for the contracts whose seals were given, their
// sealed months compared with today's result.
func (t *textWriter) revisions(r *portfolio.Result) {
	head := false
	for i := range r.Contracts {
		s := &r.Contracts[i]
		rv := s.Revisions
		if rv == nil {
			continue
		}
		if !head {
			t.f("Revisions (each contract's sealed months compared with today's result)\n")
			head = true
		}
		revised := ""
		if len(rv.RevisedMonths) > 0 {
			ms := make([]string, len(rv.RevisedMonths))
			for j, m := range rv.RevisedMonths {
				ms[j] = m.Pack()
			}
			revised = " (" + strings.Join(ms, ", ") + ")"
		}
		t.f("  %s: %s sealed: %d unchanged, %d revised%s, %d untrusted; %s",
			s.Label, plural(rv.Months, "month"), rv.Unchanged, rv.Revised, revised, len(rv.Untrusted), plural(rv.Revisions, "revision"))
		if rv.Months > len(rv.Untrusted) {
			m := s.Money
			t.f("; credit as sealed %s, today %s: adjustments %s in %s", m.Format(rv.Sealed), m.Format(rv.Now), m.Format(rv.Adjustment), rv.AdjustIn.Pack())
		}
		t.f("\n")
		for _, p := range rv.Untrusted {
			t.f("    untrusted: %s\n", p.Error())
		}
	}
	if head {
		t.f("\n")
	}
}

// PortfolioRevisionColumns are the columns PortfolioCSV adds after
// PortfolioCSVHeader's when a contract's seals were given; the contract
// row of each such contract fills them.
var PortfolioRevisionColumns = []string{
	"months_sealed", "months_revised", "months_untrusted", "revisions", "credit_sealed", "credit_now", "adjustment", "adjust_in",
}

// PortfolioCSV writes r, a portfolio run, as one CSV table with the
// columns of PortfolioCSVHeader: for each contract in the manifest's
// order a "contract" row (its status, months evaluated, totals and note),
// a "year" row per contract year evaluated and a "problem" row per
// problem of a failed contract; then a "customer" row per customer, a
// "supplier" row per supplier and one "portfolio" row, over the contracts
// evaluated. Amounts have their contract's money places (a total's, the
// most places among its contracts); a cell a spreadsheet would run as a
// formula is neutralised (safetext.CSV). When a contract's seals were
// given, the columns of PortfolioRevisionColumns follow, filled on the
// contract rows of the contracts with seals, and an "untrusted" row
// follows such a contract's row for each seal that failed its checks.
func PortfolioCSV(w io.Writer, r *portfolio.Result) error {
	cw := csv.NewWriter(w)
	write := func(row []string) {
		for i := range row {
			row[i] = safetext.CSV(row[i])
		}
		cw.Write(row) // its error is the writer's, reported by Error at the end
	}
	sealed := false
	for i := range r.Contracts {
		sealed = sealed || r.Contracts[i].Revisions != nil
	}
	extra := func(row []string, rv *portfolio.Revisions, m credits.Money) []string {
		switch {
		case !sealed:
			return row
		case rv == nil:
			return append(row, make([]string, len(PortfolioRevisionColumns))...)
		}
		return append(row, strconv.Itoa(rv.Months), strconv.Itoa(rv.Revised), strconv.Itoa(len(rv.Untrusted)), strconv.Itoa(rv.Revisions),
			m.Format(rv.Sealed), m.Format(rv.Now), m.Format(rv.Adjustment), isoMonth(rv.AdjustIn))
	}
	plain := func(row []string) { write(extra(row, nil, credits.Money{})) }
	header := append([]string(nil), PortfolioCSVHeader...)
	if sealed {
		header = append(header, PortfolioRevisionColumns...)
	}
	write(header)
	for i := range r.Contracts {
		s := &r.Contracts[i]
		head := []string{s.Label, s.Status.String(), s.Name, s.Customer, s.Supplier}
		row := append([]string{"contract"}, head...)
		row = append(row, "", isoMonth(s.From), isoMonth(s.To), "")
		note := s.Note()
		switch s.Status {
		case portfolio.Evaluated:
			row = append(row, money(&s.Total, s.Money.Places)...)
		case portfolio.Skipped:
			row, note = append(row, "", "", "", "", ""), s.Why
		default:
			row, note = append(row, "", "", "", "", ""), plural(len(s.Problems), "problem")
		}
		write(extra(append(row, note), s.Revisions, s.Money))
		if rv := s.Revisions; rv != nil {
			for _, p := range rv.Untrusted {
				plain(append(append([]string{"untrusted"}, head...), "", "", "", "", "", "", "", "", "", p.Error()))
			}
		}
		for _, y := range s.Years {
			row := append(append([]string{"year"}, head...), strconv.Itoa(y.Year), y.From.String(), y.To.String(), "")
			plain(append(append(row, money(&y.Figures, s.Money.Places)...), ""))
		}
		for _, p := range s.Problems {
			plain(append(append([]string{"problem"}, head...), "", "", "", "", "", "", "", "", "", p.Error()))
		}
	}
	total := func(record, customer, supplier string, t *portfolio.Total) {
		row := []string{record, "", "", "", customer, supplier, "", "", "", strconv.Itoa(t.Contracts)}
		plain(append(append(row, money(&t.Figures, t.Places)...), ""))
	}
	for i := range r.Customers {
		total("customer", r.Customers[i].Name, "", &r.Customers[i])
	}
	for i := range r.Suppliers {
		total("supplier", "", r.Suppliers[i].Name, &r.Suppliers[i])
	}
	total("portfolio", "", "", &r.Total)
	cw.Flush()
	return cw.Error()
}

// The portfolio JSON's structures; docs/portfolio.md documents every
// field. Money is a string with its contract's places.
type (
	jsonPortfolio struct {
		Format    string              `json:"format"`
		Manifest  string              `json:"manifest"`
		From      string              `json:"from,omitzero"`
		To        string              `json:"to,omitzero"`
		Counts    jsonPortfolioCounts `json:"counts"`
		Contracts []jsonPortfolioItem `json:"contracts"`
		Customers []jsonPortfolioSum  `json:"customers"`
		Suppliers []jsonPortfolioSum  `json:"suppliers"`
		Total     jsonPortfolioSum    `json:"total"`
	}
	jsonPortfolioCounts struct {
		Contracts int `json:"contracts"`
		Evaluated int `json:"evaluated"`
		Skipped   int `json:"skipped"`
		Failed    int `json:"failed"`
	}
	jsonPortfolioItem struct {
		Label         string              `json:"label"`
		Status        string              `json:"status"`
		Contract      *jsonPortfolioParty `json:"contract,omitempty"`
		From          string              `json:"from,omitzero"`
		To            string              `json:"to,omitzero"`
		RequestedFrom string              `json:"requested_from,omitzero"`
		RequestedTo   string              `json:"requested_to,omitzero"`
		Clipped       string              `json:"clipped,omitzero"`
		Skipped       string              `json:"skipped,omitzero"`
		Years         []jsonPortfolioYear `json:"years,omitempty"`
		Total         *jsonPortfolioMoney `json:"total,omitempty"`
		Revisions     *jsonPortfolioRevs  `json:"revisions,omitempty"`
		Problems      []string            `json:"problems,omitempty"`
	}
	jsonPortfolioRevs struct {
		Months        int      `json:"months_sealed"`
		Unchanged     int      `json:"unchanged"`
		Revised       int      `json:"revised"`
		Untrusted     int      `json:"untrusted"`
		Revisions     int      `json:"revisions"`
		RevisedMonths []string `json:"revised_months"`
		CreditSealed  string   `json:"credit_sealed"`
		CreditNow     string   `json:"credit_now"`
		Adjustment    string   `json:"adjustment"`
		AdjustIn      string   `json:"adjust_in,omitzero"`
		Problems      []string `json:"untrusted_seals,omitempty"`
	}
	jsonPortfolioParty struct {
		Name         string `json:"name"`
		Customer     string `json:"customer"`
		Supplier     string `json:"supplier"`
		Commencement string `json:"commencement"`
		Last         string `json:"last"`
		MoneyPlaces  int32  `json:"money_places"`
	}
	jsonPortfolioMoney struct {
		Charges     string `json:"charges"`
		YearCharges string `json:"year_charges"`
		Uncapped    string `json:"uncapped"`
		Cut         string `json:"cut"`
		Credit      string `json:"credit"`
		EarnedBack  string `json:"earned_back,omitzero"` // present when not zero
	}
	jsonPortfolioYear struct {
		ContractYear int    `json:"contract_year"`
		From         string `json:"from"`
		To           string `json:"to"`
		jsonPortfolioMoney
	}
	jsonPortfolioSum struct {
		Name      string `json:"name,omitzero"`
		Contracts int    `json:"contracts"`
		Places    int32  `json:"money_places"`
		jsonPortfolioMoney
	}
)

func jsonFigures(f *portfolio.Figures, places int32) jsonPortfolioMoney {
	m := money(f, places)
	out := jsonPortfolioMoney{Charges: m[0], YearCharges: m[1], Uncapped: m[2], Cut: m[3], Credit: m[4]}
	if !f.EarnedBack.IsZero() {
		out.EarnedBack = f.EarnedBack.StringFixed(places)
	}
	return out
}

func jsonSums(ts []portfolio.Total) []jsonPortfolioSum {
	out := make([]jsonPortfolioSum, len(ts))
	for i := range ts {
		out[i] = jsonSum(&ts[i])
	}
	return out
}

func jsonSum(t *portfolio.Total) jsonPortfolioSum {
	return jsonPortfolioSum{Name: t.Name, Contracts: t.Contracts, Places: t.Places, jsonPortfolioMoney: jsonFigures(&t.Figures, t.Places)}
}

// isoMonth returns m as "2021-06", or "" for the zero Month.
func isoMonth(m kpi.Month) string {
	if m.IsZero() {
		return ""
	}
	return m.String()
}

// PortfolioJSON writes r, a portfolio run of the manifest named manifest,
// as one JSON object whose stable fields docs/portfolio.md documents:
// every contract in the manifest's order with its status, months, years
// and totals (or its problems), then the totals by customer, by supplier
// and of the portfolio.
func PortfolioJSON(w io.Writer, manifest string, r *portfolio.Result) error {
	out := jsonPortfolio{Format: PortfolioFormat, Manifest: manifest, From: isoMonth(r.From), To: isoMonth(r.To),
		Counts: jsonPortfolioCounts{Contracts: len(r.Contracts), Evaluated: r.Count(portfolio.Evaluated),
			Skipped: r.Count(portfolio.Skipped), Failed: r.Count(portfolio.Failed)},
		Contracts: make([]jsonPortfolioItem, len(r.Contracts)),
		Customers: jsonSums(r.Customers), Suppliers: jsonSums(r.Suppliers), Total: jsonSum(&r.Total)}
	for i := range r.Contracts {
		s := &r.Contracts[i]
		item := jsonPortfolioItem{Label: s.Label, Status: s.Status.String(), From: isoMonth(s.From), To: isoMonth(s.To),
			Clipped: s.Note(), Skipped: s.Why}
		if s.Name != "" {
			item.Contract = &jsonPortfolioParty{Name: s.Name, Customer: s.Customer, Supplier: s.Supplier,
				Commencement: s.Commencement.String(), Last: s.Last.String(), MoneyPlaces: s.Money.Places}
		}
		if s.Status != portfolio.Failed {
			item.RequestedFrom, item.RequestedTo = isoMonth(s.Requested.From), isoMonth(s.Requested.To)
		}
		for _, y := range s.Years {
			item.Years = append(item.Years, jsonPortfolioYear{ContractYear: y.Year, From: y.From.String(), To: y.To.String(),
				jsonPortfolioMoney: jsonFigures(&y.Figures, s.Money.Places)})
		}
		if s.Status == portfolio.Evaluated {
			m := jsonFigures(&s.Total, s.Money.Places)
			item.Total = &m
		}
		for _, p := range s.Problems {
			item.Problems = append(item.Problems, p.Error())
		}
		if rv := s.Revisions; rv != nil {
			m := s.Money
			item.Revisions = &jsonPortfolioRevs{Months: rv.Months, Unchanged: rv.Unchanged, Revised: rv.Revised, Untrusted: len(rv.Untrusted),
				Revisions: rv.Revisions, RevisedMonths: []string{}, CreditSealed: m.Format(rv.Sealed), CreditNow: m.Format(rv.Now),
				Adjustment: m.Format(rv.Adjustment), AdjustIn: isoMonth(rv.AdjustIn)}
			for _, mo := range rv.RevisedMonths {
				item.Revisions.RevisedMonths = append(item.Revisions.RevisedMonths, mo.String())
			}
			for _, p := range rv.Untrusted {
				item.Revisions.Problems = append(item.Revisions.Problems, p.Error())
			}
		}
		out.Contracts[i] = item
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
