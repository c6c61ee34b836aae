// Package problem holds the one error type of the measurement packages
// (measure and the packages below it), its sentinels, and the list that
// collects a call's problems and reports them sorted by place and joined.
// Package record makes the type and the sentinels public.
package problem
