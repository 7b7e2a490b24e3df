package estimators

import (
	"fmt"

	"gonum.org/v1/gonum/stat/distuv"
)

// binomBand returns the acceptance region [lo, hi] of a two-sided test at
// false-alarm rate alpha for a Binomial(n, p) count: P(X < lo) ≤ alpha/2 and
// P(X > hi) ≤ alpha/2.
func binomBand(n int, p, alpha float64) (lo, hi int) {
	b := distuv.Binomial{N: float64(n), P: p}
	for lo < n && b.CDF(float64(lo)) <= alpha/2 {
		lo++
	}
	hi = n
	for hi > 0 && 1-b.CDF(float64(hi-1)) <= alpha/2 {
		hi--
	}
	return lo, hi
}

// binomUpper returns the upper end of a one-sided test at false-alarm rate
// alpha for a Binomial(n, p) count: P(X > hi) ≤ alpha.
func binomUpper(n int, p, alpha float64) int {
	_, hi := binomBand(n, p, 2*alpha)
	return hi
}

// checkTwoSided reports an error unless count lies in the two-sided band.
func checkTwoSided(what string, count, n int, p, alpha float64) error {
	lo, hi := binomBand(n, p, alpha)
	if count < lo || count > hi {
		return fmt.Errorf("%s: %d of %d, outside the band [%d, %d] of Binomial(%d, %v) at α = %v", what, count, n, lo, hi, n, p, alpha)
	}
	return nil
}

// checkAtMost reports an error if count exceeds the one-sided band.
func checkAtMost(what string, count, n int, p, alpha float64) error {
	hi := binomUpper(n, p, alpha)
	if count > hi {
		return fmt.Errorf("%s: %d of %d, above %d, the one-sided %v-level bound of Binomial(%d, %v)", what, count, n, hi, alpha, n, p)
	}
	return nil
}

// checkAtLeast reports an error if count is below the one-sided band of
// Binomial(n, p) at false-alarm rate alpha: P(X < lo) ≤ alpha.
func checkAtLeast(what string, count, n int, p, alpha float64) error {
	lo, _ := binomBand(n, p, 2*alpha)
	if count < lo {
		return fmt.Errorf("%s: %d of %d, below %d, the one-sided %v-level bound of Binomial(%d, %v)", what, count, n, lo, alpha, n, p)
	}
	return nil
}
