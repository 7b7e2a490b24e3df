package estimators

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// ReplicaMean returns the mean of independent replicas x and its t confidence
// interval at the given level,
//
//	x̄ ± t_{n−1}(1−a/2) · s/√n,   s² = Σ(x_i − x̄)²/(n−1),
//
// exact for Gaussian replicas and asymptotically valid otherwise (docs/theory.md
// §12.5: time fractions per basin, one value per independent trajectory).
// With bounded or skewed replicas (fractions near 0) use enough of them that
// x̄ is near Gaussian; the tests measure coverage at n = 20.
//
// With one replica the CI is undefined: lo = hi = NaN. With no replicas, a
// non-finite x_i or a level outside (0, 1) all three are NaN.
func ReplicaMean(x []float64, level float64) (mean, lo, hi float64) {
	nan := math.NaN()
	if len(x) == 0 || !validLevel(level) {
		return nan, nan, nan
	}
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nan, nan, nan
		}
	}
	if len(x) == 1 {
		return x[0], nan, nan
	}
	m, v := stat.MeanVariance(x, nil) // unbiased variance, divisor n − 1
	n := float64(len(x))
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(1 - (1-level)/2)
	h := q * math.Sqrt(v/n)
	return m, m - h, m + h
}

// ProportionCI returns the proportion k/n and its exact (Clopper–Pearson)
// confidence interval at the given level,
//
//	lo = Beta(k, n−k+1) quantile a/2     (0 when k = 0),
//	hi = Beta(k+1, n−k) quantile 1−a/2   (1 when k = n),
//
// which inverts the two one-sided binomial tests, so the coverage is at least
// level for every p (conservative because k is discrete). Use it for landing
// probabilities such as P(left) (docs/theory.md §12.3).
//
// For n < 1, k outside [0, n] or a level outside (0, 1) all three are NaN.
func ProportionCI(k, n int, level float64) (p, lo, hi float64) {
	if n < 1 || k < 0 || k > n || !validLevel(level) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	a := 1 - level
	kf, nf := float64(k), float64(n)
	lo, hi = 0, 1
	if k > 0 {
		lo = distuv.Beta{Alpha: kf, Beta: nf - kf + 1}.Quantile(a / 2)
	}
	if k < n {
		hi = distuv.Beta{Alpha: kf + 1, Beta: nf - kf}.Quantile(1 - a/2)
	}
	return kf / nf, lo, hi
}
