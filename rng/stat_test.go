package rng

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// alpha is the false-alarm rate of every statistical check in this package's
// tests: each check rejects a correct generator with probability 0.001
// (two-sided for the binomial bands). With the fixed seeds the outcome is
// deterministic; the rate says how unlucky a seed would have to be.
const alpha = 0.001

// kolmogorovQ is the survival function of the Kolmogorov distribution,
// Q(λ) = P(K > λ) with K = sup_t |B(t)| of a Brownian bridge:
//
//	Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}                    (fast for λ ≥ 1),
//	1 − Q(λ) = (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}       (fast for λ < 1),
//
// the two forms being related by the Jacobi theta transformation
// (Kolmogorov 1933; Feller 1948). Terms are summed until negligible.
func kolmogorovQ(lambda float64) float64 {
	switch {
	case lambda <= 0:
		return 1
	case lambda < 1:
		var s float64
		for k := 1; k <= 20; k++ {
			m := float64(2*k - 1)
			s += math.Exp(-m * m * math.Pi * math.Pi / (8 * lambda * lambda))
		}
		return 1 - math.Sqrt(2*math.Pi)/lambda*s
	default:
		var s float64
		sign := 1.0
		for k := 1; k <= 100; k++ {
			term := math.Exp(-2 * float64(k*k) * lambda * lambda)
			s += sign * term
			if term < 1e-17 {
				break
			}
			sign = -sign
		}
		return 2 * s
	}
}

// ksTest returns the Kolmogorov–Smirnov statistic D_n = sup_x |F_n(x) − F(x)|
// of the sample xs (sorted in place) against the continuous CDF F, and its
// p-value Q((√n + 0.12 + 0.11/√n)·D_n), Stephens' (1970) finite-n
// correction of the asymptotic law √n·D_n → K (Press et al., Numerical
// Recipes, §14.3.3).
func ksTest(xs []float64, cdf func(float64) float64) (d, p float64) {
	slices.Sort(xs)
	n := float64(len(xs))
	for i, x := range xs {
		f := cdf(x)
		d = max(d, float64(i+1)/n-f, f-float64(i)/n)
	}
	sn := math.Sqrt(n)
	return d, kolmogorovQ((sn + 0.12 + 0.11/sn) * d)
}

// binomialP returns the two-sided p-value of observing c successes in n
// Bernoulli(p) trials: 2·min(P(X ≤ c), P(X ≥ c)), capped at 1, from gonum's
// exact binomial CDF.
func binomialP(c, n int, p float64) float64 {
	b := distuv.Binomial{N: float64(n), P: p}
	lo := b.CDF(float64(c))
	hi := 1.0
	if c > 0 {
		hi = 1 - b.CDF(float64(c-1))
	}
	return min(1, 2*min(lo, hi))
}

// Standard CDFs used as predictions.
func expCDF(rate float64) func(float64) float64 {
	return func(x float64) float64 { return -math.Expm1(-rate * max(x, 0)) }
}

func normCDF(sigma float64) func(float64) float64 {
	return func(x float64) float64 { return 0.5 * math.Erfc(-x/(sigma*math.Sqrt2)) }
}

func uniformCDF(hi float64) func(float64) float64 {
	return func(x float64) float64 { return min(max(x/hi, 0), 1) }
}
