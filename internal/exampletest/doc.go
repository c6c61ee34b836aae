// Package exampletest holds what the examples' tests share: loading an
// example's shipped files, evaluating them as the command-line tool does,
// and checking them against the example's Go and its golden reports.
package exampletest
