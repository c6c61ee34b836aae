// Package exampletest holds what the examples' tests share: loading an
// example's shipped files, evaluating them as the command-line tool does,
// and checking them against the example's Go and its golden reports, on
// the public test kit, contracttest, which the examples' own tests use
// beside it.
package exampletest
