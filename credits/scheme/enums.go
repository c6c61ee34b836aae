package scheme

import "github.com/servicecredit/engine/internal/words"

// ValueBasis says which value a value-scoring part (Bands, Shortfall)
// reads from an outcome's measurement. The zero ValueBasis is invalid.
type ValueBasis uint8

// The value bases.
const (
	// AsMeasured scores the value as measured, unrounded.
	AsMeasured ValueBasis = iota + 1
	// KPIRounded scores the value rounded to the KPI's own precision, as
	// classified.
	KPIRounded
	// TableRounded scores the value as measured, first rounded to the
	// part's own Precision (the table's precision).
	TableRounded
)

var basisWords = words.New("value basis", AsMeasured, "as-measured", "kpi-rounded", "table-rounded")

// String returns "as-measured", "kpi-rounded" or "table-rounded".
func (v ValueBasis) String() string { return basisWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v ValueBasis) MarshalText() ([]byte, error) { return basisWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *ValueBasis) UnmarshalText(b []byte) error {
	return basisWords.Unmarshal(v, b)
}

// PriceBasis says what a Scheme's scores are worth. The zero PriceBasis is
// invalid.
type PriceBasis uint8

// The price bases.
const (
	// PerPoint: each point is worth Price.Value in money, after the
	// month's free Allowance, with Ratchet multipliers applied like tax
	// brackets.
	PerPoint PriceBasis = iota + 1
	// PointsTable: the month's total points look up a percentage of the
	// month's charges in Price.Table.
	PointsTable
	// PercentOfCharges: each score is a percentage of the outcome's
	// charges.
	PercentOfCharges
	// PercentPerPoint: each point is worth Price.Percent per cent of the
	// outcome's charges (service credit = points x Percent% x charges).
	PercentPerPoint
)

var priceWords = words.New("price basis", PerPoint, "per-point", "points-table", "percent-of-charges", "percent-per-point")

// String returns "per-point", "points-table", "percent-of-charges" or
// "percent-per-point".
func (p PriceBasis) String() string { return priceWords.String(p) }

// MarshalText implements encoding.TextMarshaler.
func (p PriceBasis) MarshalText() ([]byte, error) { return priceWords.Marshal(p) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *PriceBasis) UnmarshalText(b []byte) error {
	return priceWords.Unmarshal(p, b)
}

// Mitigated says how a KPI-month relieved by a mitigation counts in the
// history that repeat escalation and the Amber rule read. The zero
// Mitigated is invalid when a Scheme has escalation: the contract must
// choose.
type Mitigated uint8

// The ways a relieved month counts.
const (
	// MitigatedBreaks: a relieved month counts as met, so it breaks a
	// repeat chain and is not an Amber in the count.
	MitigatedBreaks Mitigated = iota + 1
	// MitigatedCounts: a relieved month costs nothing itself but still
	// counts as the failure it was, so the next failure is a repeat.
	MitigatedCounts
)

var mitigatedWords = words.New("mitigated", MitigatedBreaks, "breaks-chain", "counts-as-failure")

// String returns "breaks-chain" or "counts-as-failure".
func (m Mitigated) String() string { return mitigatedWords.String(m) }

// MarshalText implements encoding.TextMarshaler.
func (m Mitigated) MarshalText() ([]byte, error) { return mitigatedWords.Marshal(m) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Mitigated) UnmarshalText(b []byte) error {
	return mitigatedWords.Unmarshal(m, b)
}
