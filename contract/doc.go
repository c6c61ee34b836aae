// Package contract composes the engine: a Contract holds its parties, its
// term and organisations, the monthly charges, the indicators in force
// month by month, its rule for absent values and its service-credit rules;
// Evaluate turns measurements and agreed mitigations into results a board,
// a finance team and an auditor can each check.
//
// Start here: build a Contract (its KPIs embed a kpi.Definition each; a
// KPI or a points weight with no From starts at commencement or its
// KPI's first month), then res, err := c.Evaluate(contract.Input{From,
// To, Measurements, MitigationRecords}): the agreed mitigations go in as
// records, checked against the contract. Print amounts with
// res.FormatMoney ("1000.00") and a cell's value with
// cell.Measured.Format ("99.50%"); Stream evaluates month by month for
// long runs. The runnable Example (go doc -all, or the package's page) is
// a two-KPI contract end to end; examples/consumer is a whole program.
//
// # Months and years
//
// The commencement month is service month 1 and the first month of
// contract year 1; each contract year is twelve months. With commencement
// April 2015, June 2021 is service month 75 in contract year 7.
//
// # Indicators in force
//
// Each KPI is in force from its From month (zero: commencement) to its To
// month (zero: the end of the term), so a KPI replaced by a change note
// stops and its replacements start, with their own glide paths. A glide
// path month outside the KPI's months in force is an error. A KPI is
// measured for every organisation of the contract unless it names some.
//
// # Evaluation
//
// For every month of the period and every indicator in force, Evaluate
// classifies the measurement (package kpi). A KPI in force without a
// measurement is Missing. The contract's Absences rule then says whether a
// missing or unavailable value counts as a failure (Red) or stays
// unmeasured; not-applicable and not-due values never count. That status
// is the raw status. The agreed mitigations come in Input.MitigationRecords,
// which Evaluate checks against the contract's MitigationScope as
// mitigation.NewRegister does (an invalid record is an *InputError naming
// it), or as a Register already built in Input.Mitigations. An agreed
// mitigation (package mitigation) either
// relieves the KPI-month of credits, keeping the raw status, or deems it a
// status; the raw status is always kept beside it.
//
// The month's Summary counts credit-bearing KPIs by raw status, as council
// performance packs do: TSL achieved, MSL achieved, below MSL, total in
// force and mitigations agreed. PIs are reported in the cells but neither
// counted nor credited.
//
// The credit rules (package credits) then turn the months into a ledger
// whose lines add up to its monthly and contract-year totals; each cell
// carries its own line. The annual cap is a share of the whole contract
// year's charges; contract-year totals cover the months evaluated.
//
// # Memory and limits
//
// Stream hands each month over and keeps none: its memory is the
// measurement index (four bytes for each KPI, organisation and month of
// the period and the twelve months before it, never the whole term) and
// the credit Book's running year. Evaluate keeps every month: a Cell (344
// bytes on a 64-bit machine) and its credits.Line (128 bytes, held once,
// in the ledger, which the cell points at) for each KPI-month. A Cell's
// rare parts (a mitigation, a pooled computation) are shared pointers.
//
// MaxTerm, MaxKPIOrgs and MaxKPIMonths bound what a contract and an
// evaluation can make the engine allocate; each is refused before the
// allocation, with an error wrapping ErrLimit.
//
// # Errors
//
// Validate and Evaluate report every problem they find, sorted. A problem
// with the contract is an *Error, one with the input an *InputError: each
// names the KPI, organisation and month where it has them, and the field
// at fault as a structural path of Go field names ("KPIs[3].Combine.Weight",
// "Credits.Regime.Weights[2].Points", "Measurements[5].Month"), so that a
// loader places it in its file by the path, never by the message, and a
// Go caller takes it apart with errors.As. An *Error wraps
// ErrInvalidContract, and the *kpi.Error or *credits.Error it comes from;
// an *InputError wraps ErrInvalidInput, names the measurement's position
// in Input.Measurements, and wraps the *kpi.Error of a value invalid for
// its KPI. The sentinel's text ends each message. The problems of the
// measurements stop at 100 (internal/joined.Max), followed by a count of
// the rest. On any problem Evaluate returns no result: nothing is
// half-evaluated. Evaluate never modifies its inputs.
//
// Validate runs the cross-checks of the credit rules against the KPIs
// (credits.Rules.Validate); the checks the rules need no KPIs for run in
// credits.Calculate and credits.Open as well. The organisation name of the
// combined cells, Combined, is reserved.
package contract
