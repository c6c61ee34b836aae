// Package report renders a contract's evaluation (a *contract.Result) for
// people and for scripts. It reads results and never changes them; it
// knows nothing of file formats for input, which live in package load.
//
// Start here: report.Text(os.Stdout, c, res) after contract.Evaluate;
// Markdown, JSON, CSV and HTML take the same arguments, Explain one
// KPI-month. The runnable Examples (go doc -all, or the package's page)
// are Example (the text report), ExampleNewCSVWriter and ExampleHTML.
//
// # Renderers
//
//   - Text writes a plain-text report: the board's summary table (raw
//     outcomes, as council packs print them), the RAG table of every
//     indicator month by month, pooled indicators with our computed value
//     beside the published one, the mitigations agreed, the credit ledger
//     and the contract-year totals.
//   - Markdown writes the same report as GitHub-flavoured Markdown.
//   - JSON writes one object whose stable fields docs/json-output.md
//     documents; JSONFormat names its layout.
//   - CSV writes one row per KPI-month and per cap cut, whose amounts add
//     up to the total credit; CSVHeader is its header row.
//   - Explain writes the whole reasoning for one KPI-month in plain words.
//   - RestatementText, RestatementMarkdown, RestatementCSV, JSONRestatement
//     and RestatementJSONL write sealed months compared with today's result
//     (package seal): their states, revisions and adjustments, to follow
//     an evaluation's report in its format.
//   - HTML writes one self-contained web page for a board: the summary, a
//     RAG heatmap per organisation whose every cell explains itself on
//     hover and on keyboard focus, trend charts against the TSL and MSL,
//     the credits against the caps, the mitigations and the contract
//     years; docs/html.md describes it. ReconcileHTML writes a
//     reconciliation in the same style, each finding beside the
//     published cell it is about.
//   - OutlookText and OutlookJSON write an outlook (package outlook).
//   - PortfolioText, PortfolioCSV and PortfolioJSON write a portfolio run's
//     summary (package portfolio), whose stable fields docs/json-output.md
//     documents.
//
// # Month by month
//
// TextWriter (NewTextWriter, NewMarkdownWriter), CSVWriter and JSONLWriter
// are fed the months contract.Stream hands over, for an evaluation too
// large to keep: CSVWriter and JSONLWriter write each month as it comes
// (JSONLWriter one JSON object a line, as docs/json-output.md documents);
// TextWriter keeps of each KPI-month only its cell of the RAG table and of
// the ledger only the lines the report lists. Their output is the same as
// Text's, Markdown's and CSV's on the kept Result.
//
// # One organisation
//
// ForOrg returns an Org: one organisation's cells, with its summaries
// recounted, its own ledger, whose lines add up to its totals, and the
// whole contract's beside it; its methods render it as the functions
// render a Result, with the contract's caps and totals, since caps apply
// to the contract as a whole.
//
// # Safe output
//
// Text from input files is escaped for where it goes
// (internal/safetext): control and invisible characters as Go escapes in
// text, pack and explain; Markdown's markup characters too in Markdown;
// CSV cells a spreadsheet would run as formulas get a leading apostrophe,
// numbers excepted; HTML is written by html/template, which escapes the
// text for where it goes after safetext.Term has made its control and
// invisible characters visible, and never marks input text as safe.
//
// # Cells
//
// The RAG table shows each cell's raw status (before mitigation, after the
// contract's absence rule): green, amber, red or unmeasured. A mitigation
// marks the cell with "*"; a mitigation that deems another status shows
// both, "red>green*". A figure (kpi.Figure) has no target: its cell shows
// its value, and its status is "reported". A relative target's reason says
// what it was compared with.
//
// # Determinism
//
// Every renderer's output depends only on its inputs: slices are walked in
// order, maps only through fixed orders, decimals are formatted with
// StringFixed or kpi.FormatValue and never through the decimal package's
// globals, and nothing reads the clock.
package report
