package report_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/servicecredit/engine/report"
	"github.com/servicecredit/engine/seal"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// tags are the elements a page is made of. Input text never adds one.
var tags = []string{"a", "b", "body", "br", "caption", "circle", "col", "colgroup", "dd", "defs", "div", "dl", "dt", "figcaption", "figure",
	"footer", "g", "h1", "h2", "h3", "h4", "head", "header", "html", "li", "line", "main", "meta", "nav", "p", "path",
	"pattern", "polygon", "polyline", "rect", "section", "span", "strong", "style", "svg", "table", "tbody", "td",
	"text", "th", "thead", "title", "tr", "ul"}

var (
	tagRE       = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)`)
	handlerRE   = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	referenceRE = regexp.MustCompile(`(?i)\s(src|href|action|formaction|poster|data|srcset|xlink:href|background)\s*=\s*"([^"]*)"`)
)

// selfContained fails unless page is made only of the page's own
// elements, has no event handler, refers to nothing outside itself (a
// reference is a fragment of the page: "#heatmap") and forbids the
// browser to fetch anything.
func selfContained(t *testing.T, page string) {
	t.Helper()
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		require.Contains(t, tags, strings.ToLower(m[1]), "an element the page is not made of")
	}
	require.NotRegexp(t, handlerRE, page, "an event handler")
	for _, m := range referenceRE.FindAllStringSubmatch(page, -1) {
		require.True(t, strings.HasPrefix(m[2], "#"), "%s=%q refers outside the page", m[1], m[2])
	}
	for _, s := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed", "@import"} {
		lacks(t, page, s)
	}
	require.NotRegexp(t, `url\([^#]`, page, "a CSS url other than a fragment")
	has(t, page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; form-action 'none'; base-uri 'none'">`)
	for i, r := range page {
		if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			t.Fatalf("raw %U at byte %d", r, i)
		}
	}
}

// has fails unless page contains s, without printing the page.
func has(t *testing.T, page, s string, why ...any) {
	t.Helper()
	if !strings.Contains(page, s) {
		t.Errorf("the page lacks %q %v", s, why)
	}
}

// lacks fails if page contains s, without printing the page.
func lacks(t *testing.T, page, s string, why ...any) {
	t.Helper()
	if strings.Contains(page, s) {
		t.Errorf("the page has %q %v", s, why)
	}
}

// TestHTMLSelfContained checks that the shared service's pages, whole
// and for one organisation, refer to nothing outside themselves.
func TestHTMLSelfContained(t *testing.T) {
	c, res := shared(t)
	for _, org := range []string{"", "A"} {
		page := render(t, "html", c, res, org)
		selfContained(t, page)
		lacks(t, page, "http:", "no address of any kind")
		lacks(t, page, "https:")
	}
}

// TestHTMLHostile renders the page of an evaluation with hostile text in
// every free-text field (the contract's name and parties, an
// organisation, a KPI's id, name and note, a charge's note, a
// measurement's note and incident, a mitigation's reference, reason,
// impact, path to green and who agreed it), and of a reconciliation with
// it in every field and in the pack's file name, labels and cells:
// html/template escapes the markup, safetext.Term the control and
// invisible characters, and no text is dropped.
func TestHTMLHostile(t *testing.T) {
	c, res := hostileEvaluation(t)
	for _, org := range []string{"", c.Orgs[0]} {
		page := render(t, "html", c, res, org)
		selfContained(t, page)
		lacks(t, page, "<img src=x>")
		lacks(t, page, "<b>[a]")
		for _, s := range []string{"Name=HYPERLINK(&#34;http://x&#34;)|&lt;img src=x&gt;[a](http://x)![i](x)`c`*&amp;\\x1b[31m\\u202e\\a",
			"Reason=HYPERLINK", "Impact=HYPERLINK", "Path=HYPERLINK", "Agreed=HYPERLINK", "KPI name=HYPERLINK", "Note=HYPERLINK",
			"INC=HYPERLINK", "Org=HYPERLINK", "M=HYPERLINK", "=1&#43;K|&lt;b&gt;[a](x)`c`*&amp;\\u202e"} {
			has(t, page, s, "shown, escaped, not dropped")
		}
	}
	rc, rep := reconciliation(func(s string) string { return s + hostile })
	page := renderReconcileHTML(t, rc, rep, publishedPack(t, "pack.tsv"+hostile, hostile))
	selfContained(t, page)
	lacks(t, page, "<script>")
	has(t, page, `\x1b[31mred\x1b[0m \u202eevil | &lt;script&gt;alert(1)&lt;/script&gt; [link](http://x) `, "escaped")
}

// publishedPack reads a pack of nine lines whose cells are at the places
// of reconciliation's findings, each label and heading with suffix
// after it.
func publishedPack(t *testing.T, file, suffix string) *pack.Published {
	t.Helper()
	clean := strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(suffix)
	rows := []string{
		"KPIS" + clean + "\tTARGET\tAPR-16\tMAY-16\tJUN-16\tQ1\tJUL-16\tSEP-15",
		"P1 resolved" + clean + "\t95%\t36.36%\t50%\t50%\t\t50%\t50%",
		"P2 resolved\t95%\t62.50%\t50%\t50%\t\t50%\t50%",
		"Overall SLA\t95%\t71.39%\t50%\t50%\t\t50%\t50%",
		"Calls\t\t10\t10\t11\t30\t10",
		"Total calls\t\t4600\t10\t10\t\t10\t10",
		"Telephony" + clean + "\t99%\t100%\t100%\t99%\t\t99%\t99%",
		"Logged\t\t1\t1\t1\t\t1\t1",
		"Logged\t\t2\t2\t2\t\t2\t2",
	}
	p, err := pack.ReadPublished(file, strings.NewReader(strings.Join(rows, "\n")+"\n"))
	require.NoError(t, err)
	return p
}

func renderReconcileHTML(t *testing.T, c *contract.Contract, rep *reconcile.Report, p *pack.Published) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.ReconcileHTML(&b, c, rep, []*pack.Published{p}))
	return b.String()
}

// TestReconcileHTMLGolden renders the reconciliation with a finding of
// every shape beside its pack: each finding is marked at its cell and
// listed after its table, the claim's among the other findings.
func TestReconcileHTMLGolden(t *testing.T) {
	c, rep := reconciliation(func(s string) string { return s })
	page := renderReconcileHTML(t, c, rep, publishedPack(t, "pack.tsv", ""))
	selfContained(t, page)
	contracttest.Golden(t, filepath.Join("testdata", "reconcile.html.golden"), []byte(page))
	for place, verdict := range map[string]string{"pack.tsv:1:8": "fails", "pack.tsv:2:3": "fails", "pack.tsv:3:3": "agrees",
		"pack.tsv:4:3": "disagrees", "pack.tsv:5:6": "fails", "pack.tsv:6:2": "uncheckable", "pack.tsv:7:2": "none"} {
		has(t, page, `data-place="`+place+`" data-verdict="`+verdict+`"`, place)
	}
	has(t, page, `<tr data-place="claims.csv:4:18"><th scope="row" class="id">claims.csv:4:18</th>`, "the claim, with no cell to link to")
	has(t, page, `<a href="#t1-2-3">pack.tsv:2:3</a>`, "a finding linked to its cell")
	has(t, page, `<td id="t1-7-2" class="c nj" data-place="pack.tsv:7:2"`, "a cell no check judged: explained on hover, not in the tab order")
}

// TestHTMLLimit checks that a page of more than MaxHTMLCells KPI-months
// is refused, before it is evaluated (HTMLFits) and when written, with
// an error wrapping ErrPageTooLarge and contract.ErrLimit.
func TestHTMLLimit(t *testing.T) {
	c, _ := shared(t)
	from, to := kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2022-03")
	require.NoError(t, report.HTMLFits(c, from, to, ""))
	big := *c
	big.KPIs = nil
	for range 4200 {
		big.KPIs = append(big.KPIs, c.KPIs[0])
	}
	err := report.HTMLFits(&big, from, to, "")
	require.EqualError(t, err, "html page of 100800 kpi-months: more than the limit of 100000 (show one organisation with -org, or fewer months with -from and -to): page too large: limit reached")
	require.ErrorIs(t, err, report.ErrPageTooLarge)
	require.ErrorIs(t, err, contract.ErrLimit)
	require.NoError(t, report.HTMLFits(&big, from, to, "A"), "one organisation's half")

	huge := &contract.Result{Months: []contract.MonthResult{{Month: from, Cells: make([]contract.Cell, report.MaxHTMLCells+1)}}, Ledger: &credits.Ledger{}}
	var b bytes.Buffer
	err = report.HTML(&b, c, huge)
	require.EqualError(t, err, "html page of 100001 kpi-months: more than the limit of 100000 (show one organisation with -org, or fewer months with -from and -to): page too large: limit reached")
	require.True(t, errors.Is(err, contract.ErrLimit) && b.Len() == 0, "refused before anything is written")
}

// TestHTMLCells checks the heatmap of the shared service against its
// evaluation: every KPI-month is a cell of its organisation's grid (the
// combined cells of the combined grid) showing its raw status, and
// nothing else is. (The browser test checks the cells one by one, and the
// shared service's combined grid of the Brent-Lewisham example.)
func TestHTMLCells(t *testing.T) {
	c, res := shared(t)
	page := render(t, "html", c, res, "")
	n := 0
	for _, m := range res.Months {
		n += len(m.Cells) + len(m.Combined)
		for _, cell := range slices.Concat(m.Cells, m.Combined) {
			has(t, page, `data-month="`+m.Month.String()+`" data-status="`+cell.Raw.String()+`"`)
		}
	}
	require.Equal(t, n, strings.Count(page, `tabindex="0" data-month=`), "one explained cell per KPI-month")
	require.Equal(t, n, strings.Count(page, `role="tooltip"`))
	has(t, page, `<table class="heat" data-org="A"`, "organisation A's grid")
	has(t, page, `<table class="heat" data-org="B"`, "organisation B's grid")
	has(t, page, `R&rarr;G*`, "a red deemed green, mitigated")
}

// TestHTMLRevisionsHostile renders a restatement with hostile text in
// every text a seal brings (its file's name, a problem, a revision's
// texts as sealed and today, an adjustment's rule), beside the hostile
// evaluation: all of it is escaped, none dropped.
func TestHTMLRevisionsHostile(t *testing.T) {
	c, res := hostileEvaluation(t)
	jun, jul := kpi.MustParseMonth("2021-06"), kpi.MustParseMonth("2021-07")
	d := decimal.RequireFromString
	rs := &seal.Restatement{AdjustIn: jul.AddMonths(1), Money: c.Credits.Money, Sealed: d("1000.00"), Now: d("0.00"), Total: d("-1000.00"),
		Months: []seal.MonthCheck{
			{Month: jun, File: "File" + evil, State: seal.Revised, Sealed: d("1000.00"), Now: d("0.00"), Adjustment: d("-1000.00"), Revisions: 1, Inputs: []string{"measurements"}},
			{Month: jul, File: "Other" + evil, State: seal.Untrusted, Problem: errors.New("Problem" + evil)},
		},
		Revisions:   []seal.Revision{{Month: jun, KPI: c.KPIs[0].ID, Org: c.Orgs[0], What: seal.Credit, Before: "Before" + evil, After: "After" + evil, Adjustment: d("-1000.00")}},
		Adjustments: []seal.Adjustment{{Month: jul.AddMonths(1), Revised: jun, KPI: c.KPIs[0].ID, Org: c.Orgs[0], What: seal.Credit, Amount: d("-1000.00"), Rule: "Rule" + evil}},
	}
	var b bytes.Buffer
	require.NoError(t, report.HTMLRestatement(&b, c, res, rs))
	page := b.String()
	selfContained(t, page)
	lacks(t, page, "<img src=x>")
	for _, s := range []string{"File=HYPERLINK", "Other=HYPERLINK", "Problem=HYPERLINK", "Before=HYPERLINK", "After=HYPERLINK", "Rule=HYPERLINK",
		"&lt;img src=x&gt;[a](http://x)![i](x)`c`*&amp;\\x1b[31m\\u202e\\a", `<td class="bad nw"><span aria-hidden="true">✗ </span>untrusted</td>`,
		"<dt>Since sealed</dt><dd>credit Before="} {
		has(t, page, s)
	}
	b.Reset()
	require.NoError(t, report.ForOrg(res, c.Orgs[0]).HTMLRestatement(&b, c, rs))
	has(t, b.String(), `<section id="revisions"`, "one organisation's page has the contract's revisions")
}

// TestHTMLNoMonths checks that a result with no month evaluated still
// gives a whole page, with nothing to show in its grids and charts.
func TestHTMLNoMonths(t *testing.T) {
	c, _ := shared(t)
	var b bytes.Buffer
	require.NoError(t, report.HTML(&b, c, &contract.Result{Ledger: &credits.Ledger{}}))
	selfContained(t, b.String())
	has(t, b.String(), "</html>\n")
	lacks(t, b.String(), `<table class="heat"`)
}
