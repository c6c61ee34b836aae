// Command consumer is the newcomer's first program of issue 17, rewritten
// on the API that issue smoothed: a 2-KPI contract with a glide path and
// one mitigation, evaluated from April to June 2021, printing the
// contract-year total and every ledger line with its money at the
// contract's places.
//
// The newcomer's version (69 lines, two compile attempts: Month.Add
// guessed for AddMonths, and the register's separate step) needed a From
// on every weight, a mitigation.NewRegister step with its own error
// check, a time.Time for the day the mitigation was agreed, and printed
// money as "1000". This one is 40 lines of main.go (wc -l; gofmt'd, no
// line over 140 characters, as the module's own code), compiled at the
// first attempt: weights without From apply from each KPI's first month,
// the records go straight into contract.Input.MitigationRecords, AgreedOn
// is a kpi.Date, and Result.FormatMoney prints "1000.00". Its test runs
// it and checks the output.
package main
