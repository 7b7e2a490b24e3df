package report

import (
	"math"
	"strconv"
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
