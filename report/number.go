package report

import (
	"math"
	"strconv"
	"strings"
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

// formatG formats x with the given significant digits for tables and CSV;
// "–" stands for a value that does not exist.
func formatG(p *float64, digits int) string {
	if p == nil {
		return "–"
	}
	return strconv.FormatFloat(*p, 'g', digits, 64)
}

// csvNum formats a value for CSV: the shortest exact representation, or an
// empty field for a value that does not exist.
func csvNum(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

// fmtRange renders the interval "[lo, hi]" with the given significant
// digits, a missing upper end as ∞ (an interval open upwards), or "–" when
// both ends are missing.
func fmtRange(lo, hi *float64, digits int) string {
	if lo == nil && hi == nil {
		return "–"
	}
	h := "∞"
	if hi != nil {
		h = formatG(hi, digits)
	}
	return "[" + formatG(lo, digits) + ", " + h + "]"
}

// fmtPoint renders a point of R^d as "(x1, x2, …)" with the given
// significant digits.
func fmtPoint(x []float64, digits int) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = strconv.FormatFloat(v, 'g', digits, 64)
	}
	return "(" + strings.Join(s, ", ") + ")"
}
