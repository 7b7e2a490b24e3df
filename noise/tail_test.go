package noise

import (
	"math"
	"testing"
)

// binomialZ returns (k − nH)/√(nH(1−H)) for the count k of |xs| > x.
func binomialZ(xs []float64, x, h float64) float64 {
	k := 0
	for _, v := range xs {
		if math.Abs(v) > x {
			k++
		}
	}
	n := float64(len(xs))
	return (float64(k) - n*h) / math.Sqrt(n*h*(1-h))
}

// edgeLaws have |μ| > c, so that the support-edge terms of H matter on
// [0, |μ| − c) (Pareto, μ = 2.4) and [0, |μ|) (Lomax, μ = 1.6).
var edgeLaws = []Law{must(NewPareto(1.5, 1, 0.9)), must(NewLomax(1.5, 1, 0.9))}

// TestTailEmpirical checks Tail directly against the sampler, independently
// of CDF: the count of |Z| > x in n = 2·10^5 samples is Binomial(n, H(x)),
// checked by its normal z-score (nH(1−H) ≥ 60 at every point used), with
// false-alarm rate 0.001 two-sided per point (12 points: ≤ 1.2%). The
// points include x below |μ| − c, where the support-edge terms are most of
// H.
func TestTailEmpirical(t *testing.T) {
	xs := []float64{0.3, 0.5, 1.4, 2, 3.4, 30}
	for i, l := range edgeLaws {
		sample := draw(l, 200000, uint64(500+i))
		for _, x := range xs {
			h := l.Tail(x)
			z := binomialZ(sample, x, h)
			t.Logf("%s: H(%v) = %.5f, z = %.2f", describe(l), x, h, z)
			if math.Abs(z) > 3.2905 {
				t.Errorf("%s: H(%v) = %.5f disagrees with the sample, z = %.2f", describe(l), x, h, z)
			}
		}
	}
}

// TestTailEmpiricalRejectsNaiveFormula is the companion of
// TestTailEmpirical: the naive two-term H(x) = p_+·P(cW > x+μ) +
// p_−·P(cW > x−μ), which drops the support-edge terms, must fail the same
// check at x = 0.5, where it gives
// 0.9·2.9^{−1.5} + 0.1 = 0.282 (Pareto; exact 0.839) and
// 0.9·3.1^{−1.5} + 0.1 = 0.265 (Lomax; exact 0.869).
func TestTailEmpiricalRejectsNaiveFormula(t *testing.T) {
	const x = 0.5
	for i, l := range edgeLaws {
		var naive float64
		switch v := l.(type) {
		case Pareto:
			naive = v.pPlus*v.MagnitudeSurvival(x+v.mu) + (1-v.pPlus)*v.MagnitudeSurvival(x-v.mu)
		case Lomax:
			naive = v.pPlus*v.MagnitudeSurvival(x+v.mu) + (1-v.pPlus)*v.MagnitudeSurvival(x-v.mu)
		}
		sample := draw(l, 200000, uint64(500+i))
		if z := binomialZ(sample, x, naive); math.Abs(z) <= 3.2905 {
			t.Errorf("%s: naive H(%v) = %.4f not rejected (z = %.2f)", describe(l), x, naive, z)
		}
	}
}
