package browsertest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The tests below check the checks: each is shown a page made to fail
// it, and must find the fault.

// TestPrintCheck checks the check of printing on a page made to fail it:
// a table whose second row is taller than an A4 page is printed over
// two pages (after its first page, since the row is kept whole where it
// can be), and only that row is reported; the rows before and after it
// are not.
func TestPrintCheck(t *testing.T) {
	lines := strings.Repeat("a line of the tall row<br>", 60)
	html := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>@page { size: A4 landscape; margin: 10mm; } td { border: 1px solid #000; } tr { break-inside: avoid; }</style></head>
<body><table><tr><td>first row</td></tr><tr><td>` + lines + `</td></tr><tr><td>last row</td></tr></table></body></html>`
	path := filepath.Join(t.TempDir(), "tall.html")
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	tb := newTab(t, start(t))
	do(t, tb, chromedp.Navigate("file://"+path))
	tagged := true
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFLandscape(),
		chromedp.PDFPreferCSSPageSize(), func(pp *cdppage.PrintToPDFParams) { pp.GenerateTaggedPDF = &tagged }))
	if err != nil {
		t.Fatal(err)
	}
	cut := cutRows(t, pdf, eval[[]domRow](t, tb, rowsJS))
	if len(cut) != 1 || !strings.HasPrefix(cut[0], `row 2 "a line of the tall row`) || !strings.HasSuffix(cut[0], "on pages [2 3]") {
		t.Fatalf("cut rows: %q, want row 2 alone, on pages 2 and 3", cut)
	}
	f, err := readPDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.rows()
	if !slices.Equal(rows[0].pages, []int{1}) || !slices.Equal(rows[2].pages, []int{3}) {
		t.Fatalf("the rows' pages: %v, want the first on page 1 and the last on page 3", rows)
	}
}

// openPage writes html to a file and opens it in a new tab of a new
// browser, at 1280 pixels.
func openPage(t *testing.T, html string) *tab {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.html")
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	tb := newTab(t, start(t))
	do(t, tb, chromedp.EmulateViewport(1280, 900), chromedp.Navigate("file://"+path))
	return tb
}

// TestFaultsFound checks that the checks find what they look for: a
// request for another file and a failed one, a script's console error,
// text below WCAG AA contrast, a status colour too pale against the page,
// and a box wider than the window.
func TestFaultsFound(t *testing.T) {
	tb := openPage(t, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
<p style="color:#bbb">pale text on white</p>
<table class="heat"><tr><td class="c" style="background:#d9ffd9">G</td></tr></table>
<div style="width:2000px">wide</div>
<img src="http://127.0.0.1:9/x.png" alt="">
<script>console.error("a script's error")</script>
</body></html>`)
	tb.mu.Lock()
	problems, requests := strings.Join(tb.problems, "\n"), strings.Join(tb.requests, "\n")
	tb.mu.Unlock()
	if !strings.Contains(problems, "console.error") || !strings.Contains(problems, "failed request") {
		t.Errorf("the console error and the failed request not seen: %q", problems)
	}
	if !strings.Contains(requests, "http://127.0.0.1:9/x.png") {
		t.Errorf("the request for another file not seen: %q", requests)
	}
	type result struct {
		Texts, Colours int
		Fails          []struct {
			What string
			Need float64
		}
	}
	r := eval[result](t, tb, contrastJS)
	var what []string
	for _, f := range r.Fails {
		what = append(what, f.What)
	}
	if !slices.Contains(what, "pale text on white") || !slices.ContainsFunc(what, func(s string) bool { return strings.HasPrefix(s, "status colour of c") }) {
		t.Errorf("contrast failures found: %q, want the pale text and the pale status colour", what)
	}
	w := eval[struct{ Page, Window int }](t, tb, overflowJS)
	if w.Page <= w.Window {
		t.Errorf("the 2000-pixel box not found: page %d, window %d", w.Page, w.Window)
	}
}
