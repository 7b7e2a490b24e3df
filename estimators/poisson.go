package estimators

import "math"

// PoissonCI returns the exact (Garwood 1936) confidence interval at the given
// level for the mean μ of a Poisson count n:
//
//	lo = χ²_{2n}(a/2)/2   (0 when n = 0),   hi = χ²_{2n+2}(1−a/2)/2,
//
// a = 1 − level. It inverts the two one-sided tests P(N ≥ n) ≤ a/2 and
// P(N ≤ n) ≤ a/2 (using P(N ≤ n | μ) = P(χ²_{2n+2} > 2μ)), so its coverage is
// at least level for every μ: exact in the sense of never undercovering,
// conservative because N is discrete.
//
// For n < 0 or a level outside (0, 1) it returns (NaN, NaN); validate a
// user-supplied level with CheckLevel.
func PoissonCI(n int, level float64) (lo, hi float64) {
	if n < 0 || !validLevel(level) {
		return math.NaN(), math.NaN()
	}
	a := 1 - level
	if n > 0 {
		lo = chi2Quantile(2*float64(n), a/2) / 2
	}
	hi = chi2Quantile(2*float64(n)+2, 1-a/2) / 2
	return lo, hi
}

// RateCI returns the rate estimate n/exposure and its Garwood CI
// PoissonCI(n, level)/exposure. This is the generator MLE of docs/theory.md
// §12.5, q̂_ij = N_ij/T_i: N_ij transitions i → j observed during a time
// T_i spent in i (in the chain's scaled time). Given T_i the count is Poisson
// with mean q_ij·T_i when T_i is fixed in advance; when T_i is itself random
// (total sojourn time of a trajectory) the interval is the conventional one
// and its coverage is checked by simulation in the tests.
//
// For n < 0, exposure not finite and > 0, or a level outside (0, 1) it returns
// NaN for all three.
func RateCI(n int, exposure, level float64) (rate, lo, hi float64) {
	if n < 0 || !(exposure > 0) || math.IsInf(exposure, 1) || !validLevel(level) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	lo, hi = PoissonCI(n, level)
	return float64(n) / exposure, lo / exposure, hi / exposure
}
