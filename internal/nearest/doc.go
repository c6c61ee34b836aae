// Package nearest holds the one rule pack and reconcile share for a label
// they do not recognise: how a label is compared (Normal: case and runs of
// space ignored), and which known name it most likely misspells (Name).
package nearest
