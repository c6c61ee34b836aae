// Package joined holds how the engine reports several problems at once:
// each problem is its own error, the problems are sorted so that the same
// input always gives the same message, and they are joined with
// errors.Join, so that a caller can print them one per line, test them
// with errors.Is and errors.As, or take them apart again with Split.
package joined
