// Package browsertest loads the web pages servicecredit writes (`evaluate
// -format html`, `reconcile -format html`) in a real browser, headless
// Chromium driven by chromedp, and checks what a person relies on.
//
// It is a module of its own, github.com/servicecredit/engine/browsertest,
// so that a program that imports the engine never inherits chromedp. Run
// it from this directory, with Chromium installed (`apt-get install -y
// chromium fonts-dejavu`; $CHROMIUM names another binary):
//
//	cd browsertest && go test ./...
//
// .ci/run does, after the engine's own tests.
//
// TestPages builds the command and writes, with it, the page of every
// shipped example's evaluation, the Lincolnshire example's with its
// sealed months revised (`-seals`), the pages of the reconciliations the
// README shows, and the page of a generated contract of 50 KPIs over 120
// months for two organisations (internal/synth). It loads each at the
// width of a laptop, 1280 pixels, and checks:
//
//   - the page writes nothing to the console, throws nothing, and
//     requests nothing but its own file (the page's content security
//     policy would refuse, and log, any other request);
//   - every KPI-month of the evaluation, read from the command's JSON of
//     the same evaluation, is in its organisation's grid (or the combined
//     grid), its KPI's row and its month's column, showing its raw status
//     by letter, marked when mitigated, PIs set apart, and every other
//     cell blank; for a reconciliation, every finding is beside its cell,
//     which shows the worst verdict of its findings and explains each;
//   - pressing Tab from the top reaches the explained cells, and each
//     shows its explanation, alone and within the window; so does the
//     mouse over a cell;
//   - every piece of text the page shows meets WCAG AA contrast against
//     what is behind it, and the status colours 3:1 against the page;
//   - neither the page nor any box in it needs a horizontal scroll bar at
//     1280 pixels, and the page does not at a phone's 390;
//   - printed to PDF (A4 landscape, tagged), no table row is cut by a
//     page break: every TR of the PDF's structure tree lies on one page,
//     or, for a table's head repeated on every page, whole on each.
//
// It writes screenshots and the PDFs to out/ for people to look at;
// they are never compared. TestPrintCheck and TestFaultsFound show the
// checks pages made to fail them, so that a check that finds nothing
// cannot pass unnoticed.
package browsertest
