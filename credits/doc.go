// Package credits turns a contract's KPI outcomes into service credits:
// money off the supplier's invoice when service levels are missed. It
// reads in one direction:
//
// Start here: a contract names its Rules (a Regime such as Points with
// its Weights, the Caps, and Money{Places: 2, Rounding: kpi.HalfUp}: the
// rounding has no default), and contract.Evaluate applies them; on their
// own, Calculate prices Periods into a Ledger, and Open gives a Book fed a
// Period at a time. Money.Format prints an amount at its places. The
// runnable Examples (go doc -all, or the package's page) are Example, a
// points regime under a monthly cap, ExampleCritical and
// ExampleIncidents.
//
//	Rules     a Regime (how a KPI-month's outcome is priced), the Caps,
//	          how Money rounds, and the rules every regime shares:
//	          Triggers, a Critical failure rule and an Incidents rule
//	Period    one month as a regime sees it: its charges and its
//	          Outcomes, the KPI-months with their statuses and mitigations
//	Calculate the Rules applied to the Periods in month order (or a Book
//	          fed one Period at a time, for evaluations too long to keep)
//	Ledger    every Line, the MonthTotals and YearTotals they add up to,
//	          and the Events the triggers raised
//
// Within a month the Book applies the rules in this order: the regime
// gives one credit line per outcome; the Incidents rule zeroes the lines
// one incident must not pay twice for; a critical month replaces its
// credits by a WithholdLine; the caps cut what is left, each cut a
// CapLine; the triggers read the result; last, any credits of earlier
// months (or of this one) that the EarnBack rule returns are each an
// EarnBackLine. Every line's Rule says, in words, what produced its
// amount.
//
// Three regimes are here: None, for an agreement without credits;
// Points, the regime most public-sector contracts use; and Pool, the
// at-risk pool of US state contracts (the Texas DIR model). The regimes
// composed of scoring parts (banded values, shortfalls, deductions, an
// at-risk pool, with amber rules, repeat escalation and prices per point,
// by table or as a percentage of charges) are package credits/scheme's
// Scheme, which implements Regime as any regime outside this package may.
//
// # The points regime
//
// Points is the regime most public-sector contracts use. Each
// credit-bearing KPI carries points (a Weight, from a month onwards, or,
// with no From, from the KPI's own first month in force; a later Weight
// replaces an earlier one, which is how a change note redistributes a
// retired KPI's points). Each KPI-month gives one line:
//
//	Green                 no credit
//	Amber                 Amber fraction of the points lost
//	Red                   Red fraction of the points lost
//	Unmeasured            no credit (the line says why the value is absent)
//	relieved (mitigation) no credit (the line says what it would have cost)
//	PI or figure          no credit, whatever its status: only a KPI is credited
//
// and a point lost is worth PointValue per cent of the month's charges
// for the outcome's organisation:
//
//	amount = round(charges x PointValue/100 x points x fraction)
//
// The amount is rounded once, per line, to Money.Places in Money.Rounding
// (half-up is Excel's ROUND, ties away from zero; half-even is banker's
// rounding); totals are sums of rounded lines, never rounded again. A
// deemed mitigation has already replaced the outcome's Status, and the
// line is priced at the deemed status and says so. Every line's Rule
// gives the arithmetic in words, such as
//
//	amber: 0.5 of 10 points = 5.0 points x 0.2% of charges 100000.00 = 1000.00
//
// # The at-risk pool regime
//
// Pool puts AtRisk per cent of each month's charges at risk (the At-Risk
// Amount) and allocates Available per cent of it (the Pool Percentage
// Available for Allocation, often 150 or more) over Performance
// Categories: the categories' shares add up to Available exactly, and
// within each category its KPIs' shares add up to 100 exactly. A Red
// KPI-month (a Service Level Default) loses the Red fraction of its
// allocation, an Amber one the Amber fraction:
//
//	lost (per cent of charges) = AtRisk x category share/100 x KPI share/100 x fraction
//	amount = round(charges x lost/100)
//
// With 10% at risk, a category of 75% and a KPI of 40% of it, a Red month
// on charges of 100000.00 costs 3% of them, 3000.00. Because the shares
// add up to more than the whole At-Risk Amount, several defaults can
// exceed it in one month; the Rules must cap each month (Caps.Month) at
// exactly AtRisk per cent, and the monthly cap's CapLine cuts the rest.
//
// # Each organisation on its own
//
// By default a regime prices each month's outcomes of every organisation
// together. With Rules.PerOrganisation each organisation's outcomes form
// a month of their own, on that organisation's charges, priced by a Run
// of the regime kept for it alone: a scheme's free allowance and ratchet
// bands apply to each organisation's points (as PFI deduction schedules
// apply them to each facility), and a points table looks up each
// organisation's points. The lines go back in outcome order, each
// organisation's adding up to what its own month cost; the caps, the
// critical rule, the incident rule and the triggers read the whole month.
//
// # Caps
//
// Calculate feeds the periods to the regime in month order. Each month's
// credit lines add up to its uncapped credit. If the contract has a
// monthly cap (a percentage of the month's charges, rounded as money) and
// the month's credits exceed it, a CapLine cuts them to the cap. Then, if
// the contract has an annual cap (a percentage of the contract year's
// charges, rounded as money), the month may pay at most what the year's
// earlier months have left of it; another CapLine cuts the rest. So the
// annual cap's headroom shrinks month by month, and once it is used up
// later months of the year pay nothing. A new contract year starts with
// its whole cap. The annual cap counts only the months evaluated: months
// of the year before the first period are not known to Calculate.
//
// Cap lines carry negative amounts and follow the month's credit lines, so
// the lines of a month always add up to its total, the months of a year
// to the year's total, and the years to the ledger's total, exactly. No
// total is ever negative, except by earn-back lines (see Earn-back); a month never pays more than its cap, nor a
// year more than its cap. Each YearTotal lists its Drivers, the KPIs (per
// organisation) whose uncapped credits make up the year's, largest first,
// ties by KPI then organisation.
//
// Because the annual cap is shared by the months of a year, a better
// outcome in one month never raises that month's credit, the year's or
// the ledger's, but can leave more of the annual cap to a later month of
// the same year.
//
// # Caps, rolling and two-limb; triggers
//
// Besides the monthly and annual caps, Caps.Rolling caps every 12 months'
// credits at a percentage of their charges, and Caps.TwoLimb caps year 1
// at a percentage of the estimated year-1 charges and later years at a
// percentage of the 12 months' charges before them. They apply in that
// order, each cut a CapLine naming its Cap. The rolling cap shares its
// headroom across months as the annual cap does, so a better month can
// leave more to a later one; the year's and the ledger's totals never
// rise without a rolling cap. Rules.Triggers report Events (points in a
// window, consecutive failures, j of k failures, a cap reached, a Material
// failure) with their evidence: Book.Events after each month, and
// Ledger.Events.
//
// # Critical service level failures
//
// Rules.Critical names the KPIs whose failure is critical: when Red, or
// when the value (rounded to the KPI's precision) is worse than a
// critical level; a value exactly at the level meets it. In a month with
// a critical failure the month's credits are replaced by withholding its
// whole charges: each credit line that would have cost money is zeroed,
// its Rule saying what it would have cost and why, and a WithholdLine
// follows the credit lines:
//
//	critical service level failure (kpi A: red): the month's charges 100000.00 withheld in place of its credits 1500.00; caps do not apply to it
//
// The withholding is part of the month's Uncapped (MonthTotal.Withheld
// says how much) and of the year's Drivers (a Driver with Withholding).
// Unless Critical.Capped is set no cap cuts it and it uses none of a
// cap's headroom; the lines still add up to the totals exactly.
//
// # Earn-back
//
// Rules.EarnBack lets the supplier earn back a KPI's credits: when each of
// the N KPI-months due after the credit's month is Green (Following), or
// when the KPI's contract-year mean value (YearMean) or count of Green
// KPI-months (YearGreen) reaches a level, judged in the year's last month
// (Period.YearEnd). What is earned back is an EarnBackLine of its own in
// the month it is earned, with a negative amount, naming the credit's
// month and amount (Line.Earned):
//
//	earn-back of the 2021-05 credit 2000.00: green in each of the 3 KPI-months due after it (to 2021-08); 100% of 1500.00 paid after that month's cap cuts of 500.00 = 1500.00 returned; outside the caps
//
// It returns Share per cent of the credit's paid part: its amount less
// its month's whole cut by the caps, never below zero; so the earn-backs
// of a month's credits never exceed what the month paid. It is outside
// the caps (neither cut nor using or giving back headroom) and lowers the
// month's Total, which can then fall below zero: MonthTotal.EarnedBack
// and YearTotal.EarnedBack sum the lines, and Total is Uncapped + Cut +
// EarnedBack. A month's lines depend only on the months up to it, so a
// month closed and sealed is reproduced exactly by any later evaluation.
//
// # One incident, several KPIs
//
// Outcome.Incidents links a KPI-month to the incidents that caused its
// failure. Rules.Incidents says how the credits of one incident that
// breaches several KPIs in a month count: all of them (the default), the
// highest only (ties to the first by KPI id, then organisation), or the
// one the customer's Decision names; the others are zeroed, their Rule
// naming the incident, the line that kept the credit and the decision. It
// is applied before a critical month's withholding, and never raises a
// credit.
//
// # Errors
//
// Every problem is an *Error: the field at fault as a structural path of
// Go field names (Path: "Regime.Weights[2].Points" in the Rules, or
// "Outcomes[3].Charges" in a Period), the KPI, organisation and month
// where it has them, and the message, which ends with the text of its
// sentinel. Rules.Validate reports every problem with the rules at once,
// each wrapping ErrInvalidRules, sorted and joined with errors.Join, one
// per line:
//
//	points regime: kpi KPI05: no points from 2021-07, its first month in force: invalid credit rules
//
// Rules.Validate needs the contract's indicators (Window), to check that
// every credit-bearing KPI is priced and that no rule names an unknown
// indicator or one that carries no credits. Everything else it checks
// needs no such list, and Rules.Check, Calculate and Open run it all,
// the regime's own Check included (signs, ranges, order), so that no
// ledger is ever made on rules Validate would refuse: a negative score
// never gives a negative credit. Calculate also checks the periods: months
// in order, no month twice, contract years that never go backwards, the
// same year charges in every month of a year, no negative charges.
// Problems with the periods wrap ErrInvalidPeriod and name the month.
package credits
