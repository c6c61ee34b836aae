package contract

import (
	"errors"
	"fmt"
	"strings"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
)

// ErrInvalidContract is wrapped by every problem Validate finds.
var ErrInvalidContract = errors.New("invalid contract")

// Error is one problem Validate finds with a contract: the field at
// fault, the KPI, organisation and month where it has them, and what is
// wrong. It unwraps to ErrInvalidContract and, for a problem with a KPI's
// definition or the credit rules, to the *kpi.Error or *credits.Error it
// is (and so to kpi.ErrInvalidDefinition or credits.ErrInvalidRules).
// ErrInvalidContract's text ends its message:
//
//	contract "IT services": kpi KPI05: assessed every 13 months: want 1 to 12: invalid contract
//	contract "IT services": charges: LCC: from 2021-05: amount -1 is negative: invalid contract
type Error struct {
	Contract string // the contract's name
	// Path is the field at fault, a structural path of Go field names into
	// the Contract, as encoding/json's UnmarshalTypeError.Field names one:
	// "KPIs[3].Combine.Weight", "Charges[1].Amount",
	// "Credits.Regime.Weights[2].Points"; empty for the contract as a
	// whole.
	Path  string
	KPI   string    // the KPI at fault; may be empty
	Org   string    // the organisation at fault; may be empty
	Month kpi.Month // the month at fault; zero when the problem is not about one month
	// Msg is what is wrong, lower case, with its context ("kpi KPI05:
	// assessed every 13 months: want 1 to 12"), but without the part of
	// the contract that Path's first field names for the charges and the
	// absences ("charges: ", "absences: "), which Error adds.
	Msg string
	Err error // the *kpi.Error or *credits.Error the problem is; ErrLimit for a limit reached; nil for the contract's own
}

// Error returns the problem: the contract, the part for a problem with
// the charges or absences, Msg, and ErrInvalidContract's text.
func (e *Error) Error() string {
	return fmt.Sprintf("contract %q: %s%s: %s", e.Contract, part(e.Path), e.Msg, ErrInvalidContract)
}

// part returns the part of the contract a problem at path is in, as the
// message names it apart from Msg: "charges: " or "absences: "; "" for
// any other.
func part(path string) string {
	for _, p := range []string{"Charges", "Absences"} {
		if rest, ok := strings.CutPrefix(path, p); ok && (rest == "" || rest[0] == '.' || rest[0] == '[') {
			return strings.ToLower(p) + ": "
		}
	}
	return ""
}

// Unwrap returns ErrInvalidContract and, when the problem is a KPI
// definition's or the credit rules', that problem; for a limit reached,
// ErrLimit.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalidContract}
	}
	return []error{ErrInvalidContract, e.Err}
}

// InputError is one problem Evaluate or Stream finds in its Input: a
// measurement for an unknown KPI or organisation, duplicated, outside its
// KPI's months in force, for a month its KPI is not due (or not-due for
// one it is), or invalid for its KPI; a mitigation record that
// mitigation.NewRegister would refuse; or a period outside the contract.
// It names the measurement by its position in Input.Measurements, and a
// record by its Ref and its position in Path, so that a loader can name
// the file and line it came from, and unwraps to ErrInvalidInput, whose
// text ends its message:
//
//	measurement KPI05/LCC/2021-07: kpi assessed every 3 months, not in 2021-07: invalid evaluation input
//	mitigation MIT-2: kpi AVAIL: reason is empty: invalid evaluation input
type InputError struct {
	Contract string // the contract's name
	Index    int    // the measurement's position in Input.Measurements, 0-based; -1 for a problem with the period or a mitigation record
	// Path is the field at fault, a structural path of Go field names into
	// the Input: "Measurements[5].Month", "Measurements[2].Value",
	// "From" and "To" for the period, "MitigationRecords[1].From" for a
	// mitigation record (whose position is in the path).
	Path  string
	KPI   string    // the measurement's KPI; empty for the period
	Org   string    // the measurement's organisation
	Month kpi.Month // the measurement's month
	Msg   string    // what is wrong, lower case: "kpi assessed every 3 months, not in 2021-07"
	Err   error     // for a value invalid for its KPI, the *kpi.Error Measurement.Check gives; for a mitigation record, the *mitigation.Error; ErrLimit for a period past MaxKPIMonths; nil otherwise
}

// Error returns the problem: for a measurement, "measurement
// KPI/ORG/MONTH: " and Msg (a value invalid for its KPI as its *kpi.Error
// says it); for a mitigation record, as its *mitigation.Error says it
// ("mitigation MIT-3: kpi KPI09: from month not set"); for the period and
// the input as a whole, the contract and Msg; then ErrInvalidInput's text.
func (e *InputError) Error() string {
	var ke *kpi.Error
	var me *mitigation.Error
	switch {
	case errors.As(e.Err, &ke):
		return ke.Problem() + ": " + ErrInvalidInput.Error()
	case errors.As(e.Err, &me):
		return me.Problem() + ": " + ErrInvalidInput.Error()
	case e.Index < 0:
		return fmt.Sprintf("contract %q: %s: %s", e.Contract, e.Msg, ErrInvalidInput)
	}
	return fmt.Sprintf("measurement %s/%s/%s: %s: %s", e.KPI, e.Org, e.Month, e.Msg, ErrInvalidInput)
}

// Unwrap returns ErrInvalidInput and, for a value invalid for its KPI,
// the *kpi.Error (and so kpi.ErrInvalidMeasurement); for a mitigation
// record, the *mitigation.Error (and so mitigation.ErrInvalidRecord); for
// a limit reached, ErrLimit.
func (e *InputError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalidInput}
	}
	return []error{ErrInvalidInput, e.Err}
}
