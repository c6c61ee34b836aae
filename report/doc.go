// Package report renders a contract's evaluation (a *contract.Result) for
// people and for scripts. It reads results and never changes them; it
// knows nothing of file formats for input, which live in package load.
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
//
// ForOrg restricts a result to one organisation of a shared service.
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
