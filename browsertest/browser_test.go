package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// out is where the screenshots and PDFs are written, for people to look
// at: they are never compared.
const out = "out"

// browser returns the path of the Chromium to run: $CHROMIUM, or
// chromium or chromium-browser on the PATH.
func browser(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium: install it (apt-get install -y chromium fonts-dejavu, as .ci/run does) or set $CHROMIUM to its path")
	return ""
}

// start starts headless Chromium with a fresh profile and everything
// that would reach for the network turned off (the test machine has
// none, and Chromium stalls on refused connections otherwise).
func start(t *testing.T) context.Context {
	t.Helper()
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(browser(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", browser(t), err)
	}
	return ctx
}

// tab opens a new tab that records what a page must not do: write to the
// console, throw, log an error or a warning (a blocked request is one),
// or make any request but for its own file.
type tab struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
	requests []string
}

func newTab(t *testing.T, browserCtx context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	ctx, cancelTime := context.WithTimeout(ctx, 10*time.Minute)
	t.Cleanup(cancelTime)
	tb := &tab{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			tb.problems = append(tb.problems, fmt.Sprintf("console.%s", ev.Type))
		case *runtime.EventExceptionThrown:
			tb.problems = append(tb.problems, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				tb.problems = append(tb.problems, fmt.Sprintf("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		case *network.EventRequestWillBeSent:
			tb.requests = append(tb.requests, ev.Request.URL)
		case *network.EventLoadingFailed:
			tb.problems = append(tb.problems, "failed request: "+ev.ErrorText)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// eval evaluates a script in the page into a value of type T.
func eval[T any](t *testing.T, tb *tab, script string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("evaluating %.60q: %v", script, err)
	}
	return v
}

func do(t *testing.T, tb *tab, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func shoot(t *testing.T, tb *tab, name string, action chromedp.Action[[]byte]) {
	t.Helper()
	b, err := chromedp.Run(tb.ctx, action)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPages writes every page with the command and checks each in the
// browser: see check.
func TestPages(t *testing.T) {
	began := time.Now()
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := buildCLI(t, dir)
	pages := writePages(t, bin, dir)
	ctx := start(t)
	t.Logf("the command and %d pages written: %s", len(pages), time.Since(began).Round(10*time.Millisecond))
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel() // each page in a tab of its own
			check(t, ctx, p)
		})
	}
}

// check loads page p at the width of a laptop, 1280 pixels, writes
// screenshots of the window at the top and at its main parts, and checks
// that it makes no request and writes nothing to the console; that every
// KPI-month (or every finding) is there with the right status; that the
// explanations are reached by keyboard and by mouse; that text and status
// colours meet WCAG AA contrast; that nothing overflows the width; that
// printing to A4 landscape cuts no table row. It writes screenshots and
// the PDF to out/.
func check(t *testing.T, browserCtx context.Context, p page) {
	tb := newTab(t, browserCtx)
	url := "file://" + absolute(t, p.path)
	do(t, tb, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url))
	shoot(t, tb, p.name+"-1280.png", chromedp.CaptureScreenshot())
	parts := []string{"heatmap", "#heatmap", "trends", "#trends", "credits", "#credits"}
	if eval[bool](t, tb, `!!document.getElementById('revisions')`) {
		parts = append(parts, "revisions", "#revisions")
	}
	if p.reconcile {
		parts = []string{"table", "table.pub", "findings", "table.findings"}
	}
	for i := 0; i < len(parts); i += 2 {
		js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (el) el.scrollIntoView(); return !!el; })()`, parts[i+1])
		if eval[bool](t, tb, js) { // a reconciliation whose findings all agree lists none
			shoot(t, tb, p.name+"-"+parts[i]+".png", chromedp.CaptureScreenshot())
		}
	}
	began := time.Now()
	timed := func(name string, f func()) {
		f()
		t.Logf("%s: %s", name, time.Since(began).Round(10*time.Millisecond))
		began = time.Now()
	}
	if p.reconcile {
		timed("findings", func() { checkFindings(t, tb, p) })
	} else {
		timed("cells", func() { checkCells(t, tb, p) })
	}
	timed("keyboard", func() { checkKeyboard(t, tb, p) })
	timed("mouse", func() { checkMouse(t, tb) })
	timed("contrast", func() { checkContrast(t, tb) })
	timed("width", func() { checkWidth(t, tb, p) })
	timed("print", func() { checkPrint(t, tb, p) })
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.problems) > 0 {
		t.Errorf("the page wrote to the console or failed a request: %q", tb.problems)
	}
	for _, r := range tb.requests {
		if r != url {
			t.Errorf("the page requested %q: it must request nothing but itself", r)
		}
	}
	if len(tb.requests) == 0 {
		t.Error("no request seen for the page itself: the request log does not work")
	}
}

// limitErrors returns a t.Errorf that stops reporting after 20 problems
// and, when done is called, says how many more it found, so that one
// mistake repeated over a large page is one screen of output.
func limitErrors(t *testing.T) (errorf func(format string, args ...any), done func()) {
	n := 0
	return func(format string, args ...any) {
			t.Helper()
			if n++; n <= 20 {
				t.Errorf(format, args...)
			}
		}, func() {
			t.Helper()
			if n > 20 {
				t.Errorf("and %d more problems of the same check", n-20)
			}
		}
}

func absolute(t *testing.T, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// heatCell is a cell of a heatmap as heatJS reads it.
type heatCell struct {
	Org, KPI, Month, CellMonth, Status, Text, Tip, Described, TipText, Bg string
	PI, Blank, Tabbable                                                   bool
}

// letters is what a heatmap cell shows for each raw status.
var letters = map[string]string{"green": "G", "amber": "A", "red": "R"}

// absences is what a heatmap cell shows for each absence.
var absences = map[string]string{"unavailable": "UNVL", "not-applicable": "N/A", "not-due": "n/d", "missing": "none", "no-baseline": "n/b", "no-input": "n/i"}

// checkCells checks that every KPI-month of the evaluation is in its
// organisation's grid (or the combined grid), in its KPI's row and its
// month's column, showing its raw status by letter (or its absence, or
// a figure's value), marked when mitigated and with the status deemed;
// that PIs and figures are set apart; that every other cell of a grid is
// blank, for a month its KPI is not in force; that each status has one
// colour; and that every cell is in the tab order with its explanation.
func checkCells(t *testing.T, tb *tab, p page) {
	t.Helper()
	cells := eval[[]heatCell](t, tb, heatJS)
	errorf, done := limitErrors(t)
	defer done()
	type key struct{ org, kpi, month string }
	want := map[key]jsonCell{}
	months := map[string]bool{}
	for _, m := range p.eval.Months {
		months[m.Month] = true
		for _, c := range append(slices.Clip(m.Cells), m.Combined...) {
			want[key{c.Org, c.KPI, m.Month}] = c
		}
	}
	got := map[key]bool{}
	colour := map[string]string{}
	columns := map[string]map[string]bool{} // organisation to the months its grid shows
	for _, c := range cells {
		k := key{c.Org, c.KPI, c.Month}
		if columns[c.Org] == nil {
			columns[c.Org] = map[string]bool{}
		}
		columns[c.Org][c.Month] = true
		if c.CellMonth != c.Month {
			errorf("%v: the cell says month %q, its column %q", k, c.CellMonth, c.Month)
		}
		w, ok := want[k]
		if c.Blank {
			if ok {
				errorf("%v: blank, but the evaluation has it %s", k, w.Raw)
			}
			continue
		}
		if !ok {
			errorf("%v: shown %q, but the evaluation has no such KPI-month", k, c.Text)
			continue
		}
		if got[k] {
			errorf("%v: shown twice", k)
		}
		got[k] = true
		text := letters[w.Raw]
		switch w.Raw {
		case "unmeasured":
			text = absences[w.Absence]
		case "reported":
			text = w.Rounded
		}
		if w.Status != w.Raw {
			text += "\u2192" + letters[w.Status]
		}
		if w.Mitigation != "" {
			text += "*"
		}
		if c.Status != w.Raw || c.Text != text {
			errorf("%v: shows %q (data-status %q), want %q (%s)", k, c.Text, c.Status, text, w.Raw)
		}
		if c.PI != (w.Kind != "kpi") {
			errorf("%v: a %s, set apart %v", k, w.Kind, c.PI)
		}
		if prev, ok := colour[w.Raw]; ok && prev != c.Bg {
			errorf("%v: %s is %s here and %s elsewhere", k, w.Raw, c.Bg, prev)
		}
		colour[w.Raw] = c.Bg
		if !c.Tabbable || c.Tip == "" || c.Described != c.Tip || !strings.Contains(c.TipText, "Thresholds") {
			errorf("%v: not in the tab order with its explanation: tabbable %v, tip %q, described by %q, %q", k, c.Tabbable, c.Tip, c.Described, c.TipText)
		}
	}
	for k, w := range want {
		if !got[k] {
			errorf("%v: the evaluation has it %s; the page does not show it", k, w.Raw)
		}
	}
	for org, ms := range columns {
		for m := range months {
			if !ms[m] {
				errorf("%s: no column for %s", org, m)
			}
		}
	}
	for _, s := range []string{"green", "amber", "red"} {
		for _, o := range []string{"green", "amber", "red", "unmeasured"} {
			if s != o && colour[s] != "" && colour[s] == colour[o] {
				errorf("%s and %s have the same colour %s", s, o, colour[s])
			}
		}
	}
	if len(got) != p.eval.cellCount() || len(got) == 0 {
		errorf("%d cells shown, the evaluation has %d", len(got), p.eval.cellCount())
	}
	t.Logf("%d KPI-months in %d grids' cells, every one as evaluated", len(got), len(columns))
}

// pubCell is a marked cell of a reconciliation's table.
type pubCell struct {
	Place, Verdict, Tip, Described, TipText string
	Tabbable                                bool
}

// checkFindings checks that every finding about a table's cell is beside
// that cell: the cell is marked with the worst verdict of its findings
// and explains each of them; and that every finding that does not agree
// is listed, linked to its cell.
func checkFindings(t *testing.T, tb *tab, p page) {
	t.Helper()
	dom := eval[struct {
		Cells  []pubCell
		Listed []struct{ Place, Link string }
	}](t, tb, pubJS)
	errorf, done := limitErrors(t)
	defer done()
	cells := map[string]pubCell{}
	for _, c := range dom.Cells {
		cells[c.Place] = c
		if !c.Tabbable || c.Tip == "" || c.Described != c.Tip {
			errorf("%s: not in the tab order with its explanation", c.Place)
		}
	}
	listed := map[string]string{}
	for _, l := range dom.Listed {
		listed[l.Place] = l.Link
	}
	rank := func(severity, verdict string) (int, string) {
		switch {
		case severity == "error" && (verdict == "disagrees" || verdict == "impossible"):
			return 4, "fails"
		case verdict == "disagrees" || verdict == "impossible":
			return 3, verdict
		case verdict == "uncheckable":
			return 2, verdict
		}
		return 1, verdict
	}
	worst := map[string]int{}
	word := map[string]string{}
	pubFiles := map[string]bool{}
	for _, c := range dom.Cells {
		pubFiles[strings.Split(c.Place, ":")[0]] = true
	}
	n := 0
	for _, f := range p.recon.Findings {
		place := f.Place
		if f.Cell == 0 {
			place = fmt.Sprintf("%s:%d:1", f.File, f.Line) // a whole row's finding is beside its label
		}
		c, ok := cells[place]
		if !ok {
			if pubFiles[f.File] {
				errorf("%s: a %s finding (%s) about no marked cell", f.Place, f.Check, f.Verdict)
			}
			if f.Verdict != "agrees" && listed[f.Place] != "" {
				errorf("%s: listed with a link, but it has no cell", f.Place)
			}
			continue
		}
		n++
		if r, w := rank(f.Severity, f.Verdict); r > worst[place] {
			worst[place], word[place] = r, w
		}
		if !strings.Contains(c.TipText, f.Check) {
			errorf("%s: its explanation does not name the %s check", place, f.Check)
		}
		if f.Verdict != "agrees" && listed[f.Place] != "#"+strings.TrimSuffix(c.Tip, "-tip") {
			errorf("%s: %s, not listed with a link to its cell (%q)", f.Place, f.Verdict, listed[f.Place])
		}
	}
	for place, w := range word {
		if cells[place].Verdict != w {
			errorf("%s: marked %q, want %q", place, cells[place].Verdict, w)
		}
	}
	if n == 0 {
		t.Error("no finding beside a cell")
	}
	t.Logf("%d findings beside %d cells", n, len(word))
}

// focus describes the focused element as focusJS does.
type focus struct {
	Cell                                   bool
	Tag, ID, Place, Display                string
	Left, Right, Width, Height, InnerWidth float64
	Shown                                  []string
}

// checkKeyboard presses Tab from the top of the page until an explained
// cell has the focus, then on through the cells (all of them on a small
// page, the first 30 on a large one): each shows its explanation, alone,
// within the window. On a large page it then focuses every 211th cell
// (and the last) and checks the same.
func checkKeyboard(t *testing.T, tb *tab, p page) {
	t.Helper()
	n := eval[int](t, tb, `document.querySelectorAll('td.c[tabindex="0"]').length`)
	if n == 0 {
		t.Fatal("no explained cell")
	}
	do(t, tb, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()`))
	var f focus
	for i := 0; i < 60 && !f.Cell; i++ {
		do(t, tb, chromedp.KeyEvent("\t"))
		f = eval[focus](t, tb, focusJS)
	}
	if !f.Cell {
		t.Fatalf("60 presses of Tab from the top reach no explained cell (at %s)", f.Tag)
	}
	steps := min(n, 30)
	if n <= 150 {
		steps = n
	}
	seen := map[string]bool{}
	shown := func(f focus, how string) {
		t.Helper()
		switch {
		case f.Display == "none":
			t.Errorf("%s %s: its explanation does not show", how, f.Place)
		case len(f.Shown) != 1 || f.Shown[0] != f.ID:
			t.Errorf("%s %s: explanations showing: %v, want only %s", how, f.Place, f.Shown, f.ID)
		case f.Left < 0 || f.Right > f.InnerWidth+0.5 || f.Width < 150 || f.Height < 40:
			t.Errorf("%s %s: its explanation is at %.0f..%.0f (%.0fx%.0f), not within the window's %.0f", how, f.Place, f.Left, f.Right, f.Width, f.Height, f.InnerWidth)
		}
	}
	for i := 0; i < steps; i++ {
		if i > 0 {
			do(t, tb, chromedp.KeyEvent("\t"))
			f = eval[focus](t, tb, focusJS)
		}
		if !f.Cell {
			t.Fatalf("Tab %d from the first cell leaves the cells (at %s), with %d cells", i, f.Tag, n)
		}
		if seen[f.ID] {
			t.Fatalf("Tab %d comes back to %s", i, f.Place)
		}
		seen[f.ID] = true
		shown(f, "Tab to")
		if i == 3 {
			shoot(t, tb, p.name+"-keyboard.png", chromedp.CaptureScreenshot())
		}
	}
	if n > steps {
		for i := 0; i < n; i += 211 {
			shown(eval[focus](t, tb, fmt.Sprintf("(%s)(%d)", tipAtJS, i)), "focus()")
		}
		shown(eval[focus](t, tb, fmt.Sprintf("(%s)(%d)", tipAtJS, n-1)), "focus()")
	}
	t.Logf("%d explained cells; %d reached by Tab", n, steps)
}

// checkMouse moves the mouse over the first, a middle and the last
// explained cell: each shows its explanation.
func checkMouse(t *testing.T, tb *tab) {
	t.Helper()
	do(t, tb, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
	n := eval[int](t, tb, `document.querySelectorAll('td.c[tabindex="0"]').length`)
	for _, i := range []int{0, n / 2, n - 1} {
		at := eval[struct {
			X, Y float64
			ID   string
		}](t, tb, fmt.Sprintf("(%s)(%d)", centreJS, i))
		do(t, tb, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at.X, at.Y))
		if !eval[bool](t, tb, fmt.Sprintf("(%s)(%q)", tipShownJS, at.ID)) {
			t.Errorf("cell %d: the mouse over it does not show its explanation %s", i, at.ID)
		}
	}
	do(t, tb, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 0, 0))
}

// checkContrast checks the contrast of all the page shows (contrastJS),
// then again with an explanation showing.
func checkContrast(t *testing.T, tb *tab) {
	t.Helper()
	type result struct {
		Texts, Colours int
		Fails          []map[string]any
	}
	do(t, tb, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	for _, how := range []string{"", "with an explanation showing"} {
		if how != "" {
			eval[focus](t, tb, fmt.Sprintf("(%s)(0)", tipAtJS))
		}
		r := eval[result](t, tb, contrastJS)
		if len(r.Fails) > 0 {
			t.Errorf("contrast below WCAG AA %s: %v", how, r.Fails)
		}
		if r.Texts < 50 || r.Colours < 1 {
			t.Errorf("contrast %s: only %d texts and %d colours checked", how, r.Texts, r.Colours)
		}
	}
}

// checkWidth checks that at 1280 pixels neither the page nor any box in
// it needs a horizontal scroll bar, and at the width of a phone, 390
// pixels, that the page does not (wide tables scroll within their box).
// It writes screenshots of the phone's view.
func checkWidth(t *testing.T, tb *tab, p page) {
	t.Helper()
	type width struct {
		Page, Window int
		Boxes        []string
	}
	w := eval[width](t, tb, overflowJS)
	if w.Page > w.Window || len(w.Boxes) > 0 {
		t.Errorf("at 1280 pixels: the page is %d wide in a window of %d; boxes that scroll sideways: %q", w.Page, w.Window, w.Boxes)
	}
	do(t, tb, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	do(t, tb, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()`))
	w = eval[width](t, tb, overflowJS)
	if w.Page > w.Window {
		t.Errorf("at 390 pixels: the page is %d wide in a window of %d", w.Page, w.Window)
	}
	shoot(t, tb, p.name+"-390.png", chromedp.CaptureScreenshot())
	do(t, tb, chromedp.EmulateViewport(1280, 900))
}

// checkPrint prints the page to PDF, A4 landscape as its style asks,
// tagged, and checks that no table row is cut by a page break: each TR
// element of the PDF's structure tree has its content on one page, or,
// for a table's head, which is repeated at the top of every page the
// table runs over, each of its cells is printed whole on every page the
// row is. The PDF's TR elements must be the page's rows, one for one, so
// that the check covers every row.
//
// The explanations are taken out of the page first: its print style
// leaves them out (display: none), so the printed pages are the same, and
// Chromium tags a page of 10,000 hidden explanations, each describing its
// cell, several times slower. It is the last check, as the page is not
// the same after it.
func checkPrint(t *testing.T, tb *tab, p page) {
	t.Helper()
	do(t, tb, chromedp.Evaluate[chromedp.Void](`for (const tip of document.querySelectorAll('.tip')) {
  tip.parentElement.removeAttribute('aria-describedby');
  tip.remove();
}`))
	tagged, outline := true, false
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFLandscape(),
		chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground(),
		func(pp *cdppage.PrintToPDFParams) {
			pp.GenerateTaggedPDF, pp.GenerateDocumentOutline = &tagged, &outline
		}))
	if err != nil {
		t.Fatalf("printing: %v", err)
	}
	if err := os.WriteFile(filepath.Join(out, p.name+".pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	cut := cutRows(t, pdf, eval[[]domRow](t, tb, rowsJS))
	for _, c := range cut {
		t.Errorf("printing cuts a row: %s", c)
	}
}

// domRow is a table row of the page, as rowsJS reads it.
type domRow struct {
	Text string
	Head bool
}

// cutRows returns the rows of the tagged PDF that a page break cuts,
// named by the page's rows, in order: a row of a table's body printed
// over more than one page, or a row of a table's head with a cell not
// printed on every page the row is.
func cutRows(t *testing.T, pdf []byte, dom []domRow) []string {
	t.Helper()
	f, err := readPDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.rows()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(dom) {
		t.Fatalf("the PDF has %d table rows, the page %d", len(rows), len(dom))
	}
	var cut []string
	pages := 0
	for i, r := range rows {
		whole := len(r.pages) <= 1
		if dom[i].Head {
			whole = true
			for _, c := range r.cells {
				whole = whole && (len(c) == 0 || len(c) == len(r.pages))
			}
		}
		if !whole {
			cut = append(cut, fmt.Sprintf("row %d %q on pages %v", i+1, dom[i].Text, r.pages))
		}
		for _, n := range r.pages {
			pages = max(pages, n)
		}
	}
	t.Logf("%d table rows printed on %d pages", len(rows), pages)
	return cut
}
