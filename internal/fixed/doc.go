// Package fixed does exact arithmetic on the coefficients of decimals in
// int64, where they fit. Every operation of the decimal package makes a
// new big integer, and comparing two decimals of different exponents
// rescales one first; the engine's values (99.95 per cent, 3 incidents,
// charges in pounds and pence) nearly always fit an int64, so kpi and
// credits compare, round, divide, add and write them here, and fall back
// to the decimal package when they do not fit.
//
// It is the one home of these fast paths: Compare and Scale; Round and
// Quotient, the integer rounding behind kpi.Rounding and kpi.Precision;
// Shared, the decimals those share instead of allocating; Num, a decimal
// for the credit regimes' arithmetic; and AppendFixed and AppendValue,
// which write decimals as the decimal package would. Each is checked, by
// fuzzing, against an exact oracle in math/big and against the decimal
// package's method it stands for.
package fixed
