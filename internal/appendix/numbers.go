package appendix

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Numbers are printed plainly between 10^−3 and 10^5 and as m×10^e outside,
// with a given number of significant digits; a value that does not exist
// prints as a dash. These functions are the only place where the appendix
// formats a number for text, so both output formats print the same digits.

// dash is the text of a value that does not exist.
const dash = "–"

// num formats x with sig significant digits.
func num(x float64, sig int) Inline {
	if math.IsNaN(x) {
		return prose(dash)
	}
	s, isMath := numText(x, sig)
	if isMath {
		return formula(s)
	}
	return prose(s)
}

// numText formats a number x that is not NaN with sig significant digits,
// and reports whether the result needs math (a sign, an exponent, ∞).
func numText(x float64, sig int) (string, bool) {
	switch {
	case math.IsInf(x, 1):
		return `\infty`, true
	case math.IsInf(x, -1):
		return `-\infty`, true
	case x == 0:
		return "0", false
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
		return s, x < 0
	}
	m := strconv.FormatFloat(x, 'e', sig-1, 64)
	mant, exp, _ := strings.Cut(m, "e")
	ei, _ := strconv.Atoi(exp)
	if x == math.Pow10(ei) {
		// An exact power of ten (a step size) needs no mantissa.
		return "10^{" + strconv.Itoa(ei) + "}", true
	}
	return mant + `\times10^{` + strconv.Itoa(ei) + "}", true
}

// mnum formats x with sig significant digits for use inside a formula
// (TeX math content). A formula cannot hold a missing value: NaN is an
// error.
func mnum(x float64, sig int) (string, error) {
	if math.IsNaN(x) {
		return "", fmt.Errorf("a formula needs a number, got NaN")
	}
	s, _ := numText(x, sig)
	return s, nil
}

// numP formats an optional number.
func numP(p *float64, sig int) Inline {
	if p == nil {
		return prose(dash)
	}
	return num(*p, sig)
}

// ci formats "x [lo, hi]" (a dash when x is missing).
func ci(x, lo, hi *float64, sig int) Inline {
	if x == nil {
		return prose(dash)
	}
	return join(numP(x, sig), prose(" ["), numP(lo, sig), prose(", "), numP(hi, sig), prose("]"))
}

// pval formats a p-value: two significant digits, "<0.001" below 10^−3.
func pval(p *float64) Inline {
	if p == nil {
		return prose(dash)
	}
	if *p < 0.001 {
		return formula("<0.001")
	}
	return num(*p, 2)
}

// pct formats a fraction in percent with 2 significant digits below 10%
// and one decimal above.
func pct(p *float64) Inline {
	if p == nil {
		return prose(dash)
	}
	x := 100 * *p
	switch {
	case x == 0:
		return prose("0%")
	case math.Abs(x) < 10:
		return join(num(x, 2), prose("%"))
	case x < 0:
		return join(formula(strconv.FormatFloat(x, 'f', 1, 64)), prose("%"))
	}
	return prose(strconv.FormatFloat(x, 'f', 1, 64) + "%")
}

// pctCI formats a fraction and its interval in percent.
func pctCI(x, lo, hi *float64) Inline {
	if x == nil {
		return prose(dash)
	}
	return join(pct(x), prose(" ["), pct(lo), prose(", "), pct(hi), prose("]"))
}

// exact formats a parameter of the setting exactly (4.2, 0.75).
func exact(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// bValue formats a truncation threshold (nil: none) for a table cell: "0.5"
// or ∞.
func bValue(b *float64) Inline {
	if b == nil {
		return formula(`\infty`)
	}
	return prose(exact(*b))
}

// bMath is a truncation threshold (nil: none) inside a formula: "0.5" or
// \infty.
func bMath(b *float64) string {
	if b == nil {
		return `\infty`
	}
	return exact(*b)
}

// bLabel formats "b = 0.5" or "b = ∞" as a formula.
func bLabel(b *float64) Inline { return formula("b = " + bMath(b)) }

// ptr returns &x.
func ptr(x float64) *float64 { return &x }

// contains reports whether v lies in [lo, hi] (nil ends are unbounded).
func contains(lo, hi *float64, v float64) bool {
	return (lo == nil || *lo <= v) && (hi == nil || v <= *hi)
}

// value returns *p, or def for nil.
func value(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}
