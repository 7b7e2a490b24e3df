package gen

import (
	"math"
	"strconv"
	"strings"
)

// Numbers are printed in the LaTeX subset of texmd.go: plainly between
// 10^−3 and 10^5, as m×10^e outside.

// num formats x with sig significant digits; "--" (a dash) for a value that
// does not exist.
func num(x float64, sig int) string {
	switch {
	case math.IsNaN(x):
		return "--"
	case math.IsInf(x, 1):
		return `$\infty$`
	case math.IsInf(x, -1):
		return `$-\infty$`
	case x == 0:
		return "0"
	}
	ax := math.Abs(x)
	if ax >= 1e-3 && ax < 1e5 {
		e := int(math.Floor(math.Log10(ax)))
		dec := max(0, sig-1-e)
		s := strconv.FormatFloat(x, 'f', dec, 64)
		// Rounding can carry into a new digit (9.99 → 10.0): re-trim.
		if r, _ := strconv.ParseFloat(s, 64); math.Abs(r) >= math.Pow(10, float64(e+1)) && dec > 0 {
			s = strconv.FormatFloat(x, 'f', dec-1, 64)
		}
		if x < 0 {
			return "$" + s + "$"
		}
		return s
	}
	m := strconv.FormatFloat(x, 'e', sig-1, 64)
	mant, exp, _ := strings.Cut(m, "e")
	ei, _ := strconv.Atoi(exp)
	if x == math.Pow10(ei) {
		// An exact power of ten (a step size) needs no mantissa.
		return "$10^{" + strconv.Itoa(ei) + "}$"
	}
	return "$" + mant + `\times10^{` + strconv.Itoa(ei) + "}$"
}

// mnum is num for use inside $…$: the same digits without the dollars.
func mnum(x float64, sig int) string { return strings.Trim(num(x, sig), "$") }

// numP formats an optional number.
func numP(p *float64, sig int) string {
	if p == nil {
		return "--"
	}
	return num(*p, sig)
}

// ci formats "x [lo, hi]".
func ci(x, lo, hi *float64, sig int) string {
	if x == nil {
		return "--"
	}
	return numP(x, sig) + " [" + numP(lo, sig) + ", " + numP(hi, sig) + "]"
}

// pval formats a p-value: two significant digits, "<0.001" below 10^−3.
func pval(p *float64) string {
	if p == nil {
		return "--"
	}
	if *p < 0.001 {
		return "$<0.001$"
	}
	return num(*p, 2)
}

// pct formats a fraction in percent with 2 significant digits below 10%
// and one decimal above.
func pct(p *float64) string {
	if p == nil {
		return "--"
	}
	x := 100 * *p
	if x == 0 {
		return `0\%`
	}
	if math.Abs(x) < 10 {
		return num(x, 2) + `\%`
	}
	if x < 0 {
		return "$" + strconv.FormatFloat(x, 'f', 1, 64) + `$\%`
	}
	return strconv.FormatFloat(x, 'f', 1, 64) + `\%`
}

// pctCI formats a fraction and its interval in percent.
func pctCI(x, lo, hi *float64) string {
	if x == nil {
		return "--"
	}
	return pct(x) + " [" + pct(lo) + ", " + pct(hi) + "]"
}

// bLabel formats a truncation threshold for text: "b = 0.5" or "b = ∞".
func bLabel(b *float64) string {
	if b == nil {
		return `$b = \infty$`
	}
	return "$b = " + strconv.FormatFloat(*b, 'g', -1, 64) + "$"
}

// bValue formats a truncation threshold for a table cell.
func bValue(b *float64) string {
	if b == nil {
		return `$\infty$`
	}
	return strconv.FormatFloat(*b, 'g', -1, 64)
}

// ptr returns &x.
func ptr(x float64) *float64 { return &x }

// contains reports whether v lies in [lo, hi] (nil ends are unbounded).
func contains(lo, hi *float64, v float64) bool {
	return (lo == nil || *lo <= v) && (hi == nil || v <= *hi)
}
