package noise

import (
	"math"
	"slices"
	"testing"
)

// hill returns Hill's estimator of the tail index from the k largest of
// |xs|, and the threshold u = the (k+1)-th largest |x|:
//
//	α̂ = k / Σ_{i≤k} ln(|x|_(i)/u).
//
// For an exact Pareto tail above u, Σ ln(|x|_(i)/u) is Gamma(k, α), so α̂
// is asymptotically normal with mean α and sd α/√k (Hill, Ann. Stat. 3,
// 1975; de Haan & Ferreira 2006, Thm 3.2.5). xs is not modified.
func hill(xs []float64, k int) (alphaHat, u float64) {
	a := make([]float64, len(xs))
	for i, x := range xs {
		a[i] = math.Abs(x)
	}
	slices.Sort(a)
	n := len(a)
	u = a[n-k-1]
	s := 0.0
	for _, x := range a[n-k:] {
		s += math.Log(x / u)
	}
	return float64(k) / s, u
}

// hillCentre returns the expected value of Hill's estimator when the tail
// is H(x) ≈ ((x − s)/c)^{−α} to first order in s/x, i.e. |Z| ≈ Y + s with
// Y exactly Pareto: for |Z| > u, Y = (u − s)V with V standard Pareto(α),
// so with ε = s/u, |Z|/u = V − ε(V − 1) and
//
//	E ln(|Z|/u) ≈ E ln V − ε·E[(V−1)/V] = 1/α − ε/(α+1),
//
// which gives E α̂ ≈ α·(1 + αε/(α+1)) + O(ε²).
func hillCentre(alpha, s, u float64) float64 {
	eps := s / u
	return alpha * (1 + alpha*eps/(alpha+1))
}

// hillCase is one Hill-estimator check: the law, and the first-order shift
// s with H(x) ≈ ((x − s)/c)^{−α} for large x (derived per case).
type hillCase struct {
	l Law
	s float64
}

// hillCases derive s from H(x) = p_+·S(x+μ) + p_−·S(x−μ) for large x:
//
//   - Pareto, S(w) = (w/c)^{−α}: H(x) ≈ (x/c)^{−α}·(1 − αμ(2p_+−1)/x),
//     so s = −μ(2p_+−1).
//   - Lomax, S(w) = ((w+c)/c)^{−α}: H(x) ≈ ((x+c)/c)^{−α}·(1 −
//     αμ(2p_+−1)/(x+c)), so s = −c − μ(2p_+−1).
var hillCases = []hillCase{
	{must(NewPareto(1.2, 0.1, 0.5)), 0},                   // μ = 0: |Z| is exactly Pareto
	{must(NewPareto(1.5, 1, 0.7)), -1.2 * 0.4},            // μ = 1.2
	{must(NewLomax(1.5, 1, 0.5)), -1},                     // μ = 0
	{must(NewLomax(1.2, 0.1, 0.8)), -0.1 - 0.3*(2*0.8-1)}, // μ = 0.3
}

// TestHill checks the tail index of the Pareto and Lomax samplers with
// Hill's estimator on the top 1% (k = 2000 of n = 2·10^5) of |Z|. α̂ is
// asymptotically normal with sd α/√k; its mean is α up to the
// first-order bias hillCentre derives (at most 1.5 sd here, for the Lomax
// law whose |Z| starts at 0 rather than at c). The check: |α̂ − centre| ≤
// 3.29·α/√k, false-alarm rate 0.001 two-sided per case. The test also
// reports the plain CI α̂ ± 3.29·α̂/√k.
func TestHill(t *testing.T) {
	const n, k = 200000, 2000
	const z999 = 3.2905267314918945
	for i, c := range hillCases {
		alpha := c.l.Alpha()
		a, u := hill(draw(c.l, n, uint64(400+i)), k)
		centre := hillCentre(alpha, c.s, u)
		sd := alpha / math.Sqrt(k)
		z := (a - centre) / sd
		lo, hi := a-z999*a/math.Sqrt(k), a+z999*a/math.Sqrt(k)
		t.Logf("%s: α̂ = %.4f (u = %.4g, expected %.4f, sd %.4f), z = %.2f; plain CI [%.4f, %.4f]",
			describe(c.l), a, u, centre, sd, z, lo, hi)
		if math.Abs(z) > z999 {
			t.Errorf("%s: α̂ = %.4f, expected %.4f ± %.4f (z = %.2f)", describe(c.l), a, centre, sd, z)
		}
	}
}

// TestHillRejectsWrongAlpha is the companion of TestHill: the same check
// against α − 0.2 fails, since the gap 0.2 is ≥ 5.5 sd (sd = α/√2000 ≤
// 0.034).
func TestHillRejectsWrongAlpha(t *testing.T) {
	const n, k = 200000, 2000
	for i, c := range hillCases {
		wrong := c.l.Alpha() - 0.2
		a, u := hill(draw(c.l, n, uint64(400+i)), k)
		z := (a - hillCentre(wrong, c.s, u)) / (wrong / math.Sqrt(k))
		if math.Abs(z) <= 3.2905 {
			t.Errorf("%s: α̂ = %.4f not distinguished from α = %.2f (z = %.2f)", describe(c.l), a, wrong, z)
		}
	}
}
