package theory

import "math"

// Pieces shared by the two Monte Carlo integrals of this package: the
// time-domain cross-check of the exact recursion (CrossCheck) and the
// constants C* off the fast path (computeMonteCarloRates).

// welford accumulates a mean and a sum of squared deviations (Welford's
// algorithm: exact 0 variance for constant data).
type welford struct {
	n, mean, m2 float64
}

func (a *welford) add(x float64) {
	a.n++
	d := x - a.mean
	a.mean += d / a.n
	a.m2 += d * (x - a.mean)
}

// meanSE returns the mean and its standard error √(s²/n).
func (a *welford) meanSE() (mean, se float64) {
	if a.n < 2 {
		return a.mean, 0
	}
	return a.mean, math.Sqrt(a.m2 / (a.n - 1) / a.n)
}

// gapShape is μT for the truncated exponential law of the gaps: the mean
// gap is about T/gapShape, favouring the short gaps that leave the path far
// from the minimum.
const gapShape = 2.0
