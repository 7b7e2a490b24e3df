package report

import "strconv"

// Interval is an estimate with its confidence interval; a value that does
// not exist (NaN, ±Inf) is nil and marshals as JSON null.
type Interval struct {
	Estimate *float64 `json:"estimate"`
	Low      *float64 `json:"low"`
	High     *float64 `json:"high"`
}

// NewInterval returns the interval (x, lo, hi) with non-finite values as null.
func NewInterval(x, lo, hi float64) Interval { return Interval{Num(x), Num(lo), Num(hi)} }

// fmtInterval renders inline "x [lo, hi]" with the given significant
// digits, the three numbers in one notation (scientific when one needs it),
// without trailing zeros.
func fmtInterval(iv Interval, digits int) string {
	if iv.Estimate == nil {
		return "–"
	}
	return numCI(iv.Estimate, iv.Low, iv.High).withDigits(digits).renderInline()
}

// fmtProbInterval renders a probability with its interval, "x [lo, hi]",
// with 3 decimals each.
func fmtProbInterval(iv Interval) string {
	if iv.Estimate == nil {
		return "–"
	}
	s := fmtProb(*iv.Estimate)
	if iv.Low != nil && iv.High != nil {
		s += " [" + fmtProb(*iv.Low) + ", " + fmtProb(*iv.High) + "]"
	}
	return s
}

// fmtPercent renders a fraction interval in percent, "x% [lo, hi]".
func fmtPercent(iv Interval) string {
	if iv.Estimate == nil {
		return "–"
	}
	pct := func(p *float64) string {
		if p == nil {
			return "–"
		}
		return strconv.FormatFloat(100**p, 'f', 2, 64)
	}
	return pct(iv.Estimate) + "% [" + pct(iv.Low) + ", " + pct(iv.High) + "]"
}

// pctOf renders a fraction in percent, "x%", or "–" when it does not exist.
func pctOf(p *float64) string {
	if p == nil {
		return "–"
	}
	return strconv.FormatFloat(100**p, 'f', 2, 64) + "%"
}

// fmtPctCI renders an estimate and its interval in percent,
// "x% [lo, hi]" (as fmtPercent), or "x%" when the interval is absent.
func fmtPctCI(est, lo, hi *float64) string {
	if est == nil {
		return "–"
	}
	if lo == nil || hi == nil {
		return pctOf(est)
	}
	return fmtPercent(Interval{Estimate: est, Low: lo, High: hi})
}
