// Package words holds the text form of the engine's enumerations: each
// value is a lower-case kebab word ("higher-is-better", "half-up"), and
// one set of methods gives String, MarshalText and UnmarshalText for all
// of them, rejecting an unknown word with the list of the accepted ones.
// Every enumeration of the module uses it (kpi, mitigation, credits,
// credits/scheme, contract, reconcile, the measurement packages, and the
// file words load keeps for itself); kpi exports its sentinel
// (kpi.ErrUnknownWord) and its error (kpi.WordError), so that a caller
// tests every package's unknown words with one errors.Is or errors.As.
// Check is the round trip every enumeration's fuzz target runs.
package words
