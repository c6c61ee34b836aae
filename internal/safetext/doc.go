// Package safetext escapes text that came from an input file for the
// place it is written to. Every text from a contract, measurement,
// mitigation, pack or claims file is hostile until it passes through here:
//
//   - Term for terminal text (text, explain, error messages): control
//     characters, invalid UTF-8 and the Unicode characters that reorder or
//     hide text are written as Go escapes (\x1b, \u202e), so no escape
//     sequence reaches the reader's terminal.
//   - Markdown for a Markdown table cell: Term, then the characters that
//     Markdown or HTML would read as markup (\ ` | < > [ ] * &) are escaped
//     with a backslash.
//   - CSV for a CSV cell: a cell a spreadsheet would run as a formula
//     (starting with =, +, -, @, a tab or a carriage return) is given a
//     leading apostrophe, OWASP's rule, unless it is a number, so numbers
//     stay numbers.
//
// HTML is escaped by html/template, never here.
package safetext
