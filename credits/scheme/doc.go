// Package scheme composes credit regimes from plain-data parts, so that a
// contract file can express the regimes real contracts use. A Scheme is a
// credits.Regime: put it in credits.Rules.Regime and the credits Book
// prices its lines, then applies the incident rule, the critical failure
// rule, the caps and the triggers, as it does for any regime.
//
// Start here: a Scheme is a credits.Regime built from Scores (each one
// scoring part: StatusScore, Bands, Shortfall, ShortfallBands, Deduction
// or Allocation) and a Price; put it in credits.Rules.Regime. The
// runnable Examples (go doc -all, or the package's page) show each part
// with a public contract's worked figures: ExampleScheme_bands,
// ExampleBands, ExampleShortfall, ExampleShortfallBands,
// ExampleDeduction, ExampleAllocation and ExamplePrice.
//
// A Scheme reads in one direction, each outcome of a month in turn:
//
//	Score       how a failed KPI-month scores, exactly one part per Score:
//	            StatusScore (Amber and Red scores), Bands (the band its
//	            value falls in, MSA Schedule 2.2 style), Shortfall (rate x
//	            shortfall below a target, Crown Commercial style),
//	            ShortfallBands (the shortfall looked up in bands of a per
//	            cent of charges), Deduction (available points x excess
//	            failure% / required%, an exact fraction priced unrounded),
//	            Allocation (a share of an at-risk pool, US state style),
//	            Curve (the share of a linked payment a payment curve of
//	            listed points leaves unearned, ASDEFCON style)
//	AmberRule   an Amber counts only from the n-th failure in a window
//	Repeat      x multiplier from the n-th failure within m periods
//	Mitigated   whether a relieved month breaks a repeat chain
//	Price       per-point money with a free allowance and Ratchets, a
//	            points table (TableRow) of the month's total to a
//	            percentage of the bill, a percentage of the outcome's
//	            charges, or a percentage of the outcome's charges per
//	            point (Model Services Agreement style)
//
// Only a credit-bearing KPI whose status (after any deemed mitigation) is
// Amber or Red scores; a PI, a figure, a Green month and an unmeasured
// month cost nothing, and a relieved month costs nothing though its line
// says what it would have scored. A month not due (a quarterly KPI
// outside its quarter's last month) is no measurement period: the AmberRule
// and Repeat windows skip it.
//
// A value-scoring part (Bands, Shortfall, ShortfallBands, Deduction, Curve) reads
// the value its ValueBasis names: as measured, rounded as the KPI
// classified it, or rounded to the part's own Precision. A month that
// counts as a failure without a value is scored at the worst its status
// allows (see Scheme).
//
// A Deduction's points are a fraction: Price carries them exactly (over
// the month's common denominator) and rounds only the money, once per
// line, or once per month for a points table; a line shows them to
// DeductionPlaces, and its Rule writes the fraction ("13/99.5 (0.130653 to
// 6 places)") and prices from it, so the money can be checked by hand.
// Every line's Rule gives the scoring, escalation and price in words:
//
//	red: value 96.5 in band severe [96.0, 96.9] scores 3; repeat: failure 2 in 2 periods, x2 = 6; month's points 0 to 6: 6 at x1 = 6 x 100.00 = 600.00
//
// # Errors
//
// Scheme.Check and Scheme.Validate report every problem at once, each a
// *credits.Error wrapping credits.ErrInvalidRules whose Path is a
// structural path of Go field names within the Scheme
// ("Scores[2].Bands.Bands[1]", "Price.Ratchet[0]"); inside credits.Rules
// the path starts "Regime.". A problem found while pricing a month (a
// value in no band, a scoring part whose direction is not its KPI's) is a
// *credits.Error naming the KPI, organisation and month; so is an Amber
// month under a StatusScore with NoAmber.
package scheme
