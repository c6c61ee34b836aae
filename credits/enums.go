package credits

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownWord is wrapped by the UnmarshalText errors of this package's
// enumerations when the text is not one of the accepted words.
var ErrUnknownWord = errors.New("unknown word")

// words holds the text forms of an enumeration; index 0 names the type and
// stands for the invalid zero value.
type words []string

func (w words) name(v uint8) string {
	if int(v) < len(w) && v != 0 {
		return w[v]
	}
	return fmt.Sprintf("%s(%d)", w[0], v)
}

func (w words) marshal(v uint8) ([]byte, error) {
	if int(v) < len(w) && v != 0 {
		return []byte(w[v]), nil
	}
	return nil, fmt.Errorf("%s %d: %w", w[0], v, ErrUnknownWord)
}

func (w words) parse(b []byte) (uint8, error) {
	s := string(b)
	for i := 1; i < len(w); i++ {
		if w[i] == s {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("%s %q: %w (want one of %s)", w[0], s, ErrUnknownWord, strings.Join(w[1:], ", "))
}

func (w words) valid(v uint8) bool { return v != 0 && int(v) < len(w) }

func (w words) list() string { return strings.Join(w[1:], ", ") }

// Edge says whether a band's bound belongs to the band. The zero Edge is
// invalid: a band table names each bound.
type Edge uint8

// The edges of a band.
const (
	Inclusive Edge = iota + 1 // a value equal to the bound is in the band ("98.0 - 98.9")
	Exclusive                 // a value equal to the bound is not ("below 96")
)

var edgeWords = words{"edge", "inclusive", "exclusive"}

// String returns "inclusive" or "exclusive".
func (e Edge) String() string { return edgeWords.name(uint8(e)) }

// MarshalText implements encoding.TextMarshaler.
func (e Edge) MarshalText() ([]byte, error) { return edgeWords.marshal(uint8(e)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (e *Edge) UnmarshalText(b []byte) error {
	v, err := edgeWords.parse(b)
	*e = Edge(v)
	return err
}

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

var basisWords = words{"value basis", "as-measured", "kpi-rounded", "table-rounded"}

// String returns "as-measured", "kpi-rounded" or "table-rounded".
func (v ValueBasis) String() string { return basisWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v ValueBasis) MarshalText() ([]byte, error) { return basisWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *ValueBasis) UnmarshalText(b []byte) error {
	x, err := basisWords.parse(b)
	*v = ValueBasis(x)
	return err
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
)

var priceWords = words{"price basis", "per-point", "points-table", "percent-of-charges"}

// String returns "per-point", "points-table" or "percent-of-charges".
func (p PriceBasis) String() string { return priceWords.name(uint8(p)) }

// MarshalText implements encoding.TextMarshaler.
func (p PriceBasis) MarshalText() ([]byte, error) { return priceWords.marshal(uint8(p)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *PriceBasis) UnmarshalText(b []byte) error {
	x, err := priceWords.parse(b)
	*p = PriceBasis(x)
	return err
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

var mitigatedWords = words{"mitigated", "breaks-chain", "counts-as-failure"}

// String returns "breaks-chain" or "counts-as-failure".
func (m Mitigated) String() string { return mitigatedWords.name(uint8(m)) }

// MarshalText implements encoding.TextMarshaler.
func (m Mitigated) MarshalText() ([]byte, error) { return mitigatedWords.marshal(uint8(m)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Mitigated) UnmarshalText(b []byte) error {
	x, err := mitigatedWords.parse(b)
	*m = Mitigated(x)
	return err
}
