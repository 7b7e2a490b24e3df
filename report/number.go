package report

import (
	"math"
	"strconv"
	"strings"
)

// How numbers are written (docs/formats.md, "Numbers in text output"):
//
//   - A column of a table uses one notation for all its numbers: plain
//     decimals, or scientific notation d.ddd·e±XX as soon as one number of
//     the column needs it (|x| ≥ 10⁵ or 0 < |x| < 10⁻³). An interval is
//     written in the notation of its column, both ends alike.
//   - Measured quantities, and the predictions and ratios printed next to
//     them, have 4 significant digits (sigDigits); the theory's constants
//     in `verify theory` have 6 (constDigits). Trailing zeros are kept:
//     they are significant.
//   - Probabilities of a law (landing laws, P(Y_t = k)) have 3 decimals,
//     percentages 2.
//   - p-values have 2 significant digits, and are written "<0.001" below
//     0.001 (the shape test resolves 0.001).
//   - Counts and step numbers are integers; "–" is a value that does not
//     exist (no exits, no prediction).
//   - Numbers written inline in prose, points and lists of constants
//     ("time unit 500 steps", "(-1, 1.5)") drop trailing zeros.
//
// CSV and JSON carry every number at full precision (csvFloat, Num).

// Significant digits of measured and compared quantities, and of the
// theory's constants.
const (
	sigDigits   = 4
	constDigits = 6
)

// Num returns a pointer to x, or nil when x is NaN or ±Inf, so that values
// which do not exist marshal as JSON null.
func Num(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// Value returns *p, or NaN for nil.
func Value(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// needsExponent reports whether x is written in scientific notation under
// the rule above (|x| ≥ 10⁵ or 0 < |x| < 10⁻³), once rounded to digits
// significant digits.
func needsExponent(x float64, digits int) bool {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return false
	}
	e := exponent(x, digits)
	return e >= 5 || e < -3
}

// exponent returns the decimal exponent of x after rounding to digits
// significant digits (9.9996 at 4 digits rounds to 10.00: exponent 1).
func exponent(x float64, digits int) int {
	s := strconv.FormatFloat(x, 'e', digits-1, 64)
	e, _ := strconv.Atoi(s[strings.IndexByte(s, 'e')+1:])
	return e
}

// fmtSig writes x with digits significant digits, in scientific notation
// when sci is set and as a plain decimal otherwise; 0 is "0".
func fmtSig(x float64, digits int, sci bool) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "−∞"
	case x == 0:
		return "0"
	case sci:
		return strconv.FormatFloat(x, 'e', digits-1, 64)
	}
	return strconv.FormatFloat(x, 'f', max(0, digits-1-exponent(x, digits)), 64)
}

// formatG writes one number inline (not in a table column) with the
// given significant digits, in the notation it needs and without trailing
// zeros ("time unit 500 steps"); "–" stands for a value that does not
// exist.
func formatG(p *float64, digits int) string {
	if p == nil {
		return "–"
	}
	return trimZeros(fmtSig(*p, digits, needsExponent(*p, digits)))
}

// fmtPValue writes a p-value with 2 significant digits, "<0.001" below
// 0.001, "–" when there is none.
func fmtPValue(p *float64) string {
	switch {
	case p == nil:
		return "–"
	case *p < 0.001:
		return "<0.001"
	}
	return fmtSig(*p, 2, false)
}

// fmtProb writes a probability with 3 decimals.
func fmtProb(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

// fmtRange renders inline the interval "[lo, hi]", a missing upper end as
// ∞ (an interval open upwards), or "–" when both ends are missing; both
// ends in scientific notation when one needs it, without trailing zeros.
// In tables use numRange, which follows its column.
func fmtRange(lo, hi *float64, digits int) string {
	c := numRange(lo, hi).withDigits(digits)
	return c.renderInline()
}

// fmtPoint renders a point of R^d as "(x1, x2, …)" with the given
// significant digits, each coordinate in the notation it needs and without
// trailing zeros (a point is a location, not a measurement: "(2.9, 1)").
func fmtPoint(x []float64, digits int) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = trimZeros(formatG(&v, digits))
	}
	return "(" + strings.Join(s, ", ") + ")"
}

// trimZeros drops the trailing zeros of the mantissa of a decimal number
// (and a trailing point): "1.500" → "1.5", "2.000e-05" → "2e-05".
func trimZeros(s string) string {
	mant, exp := s, ""
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant, exp = s[:i], s[i:]
	}
	if strings.IndexByte(mant, '.') >= 0 {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	return mant + exp
}

// csvFloat writes a number for CSV at full precision (the shortest
// representation that reads back exactly): "inf" and "-inf" for infinite
// values (b = ∞, an interval open upwards), an empty field for a value
// that does not exist (NaN).
func csvFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return ""
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// csvNum writes *p for CSV (csvFloat), or an empty field for nil.
func csvNum(p *float64) string { return csvFloat(Value(p)) }

// CSVFloat is csvFloat for other writers of htsgd's CSV files (the
// appendix's results files): full precision, "inf"/"-inf" for infinite
// values such as b = ∞, an empty field for NaN (a value that does not
// exist).
func CSVFloat(x float64) string { return csvFloat(x) }
