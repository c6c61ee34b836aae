// Package golden compares a test's output with a golden file and, when the
// test binary runs with -update, rewrites the file instead: the standard
// library's own pattern, and the one helper every test of the module that
// keeps its expected output in a file uses (the examples', the renderers',
// the command's, the loaders' expected messages).
//
// Review the diff of every rewritten file before committing it: a golden
// file is the published figure an auditor checks. FlipDecimalGlobals lets
// a test show its output ignores the decimal package's globals.
package golden
