package estimators

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// TrendTest is the monotone-trend test of a quantity along a step-size
// ladder: does it rise or fall as λ(η) falls? It needs no model of the bias,
// only that the bias is monotone in λ on the rungs tested, which is what
// "R(η) tends to 1" means in practice once the ladder is in the asymptotic
// regime (docs/theory.md §11.2).
//
// Statistic. The slope b of the weighted least-squares line of y_k on
// x_k = −log λ_k (iteratively reweighted with the family's variances, as
// LimitTest), standardised by its SE with the dispersion φ of the line:
//
//	Z = b / (SE(b)·√φ),   PUp = P(N(0,1) ≥ Z),   PDown = P(N(0,1) ≤ Z).
//
// PUp small: y rises as λ falls; PDown small: y falls as λ falls.
//
// Error rates. Under a flat mean Z is asymptotically N(0, 1) (φ ≥ 1 only
// makes it smaller), so each one-sided p-value is valid. Under any mean that
// is monotone in λ the one-sided test against the direction of the
// monotonicity is conservative: b is a fixed linear combination Σ c_k y_k
// with Σ c_k = 0 and c_k increasing in x_k, so by Chebyshev's sum inequality
// E b has the sign of the trend (or is 0), and the false-alarm rate is at
// most that of the flat case.
type TrendTest struct {
	Rungs      int     // rungs tested (the ladder minus the dropped top rungs)
	Dropped    int     // largest-η rungs left out
	Slope      Number  // b = dy/d(−log λ); NaN with fewer than two distinct λ
	SlopeSE    Number  // SE(b)·√φ
	Z          Number  // b/(SE·√φ); NaN when not computed
	PUp, PDown float64 // one-sided p-values; 1 when not computed
	Dispersion float64 // φ = max(1, χ²/(n − 2)) of the line
}

// trendTest is TrendTest on the series (already cut to its window).
func trendTest(s series, dropped int) TrendTest {
	nan := Number(math.NaN())
	t := TrendTest{Rungs: s.len(), Dropped: dropped, Slope: nan, SlopeSE: nan, Z: nan, PUp: 1, PDown: 1, Dispersion: 1}
	if s.len() < 2 || !s.distinctLambda() {
		return t
	}
	x := make([]float64, s.len())
	for k, l := range s.lambda {
		x[k] = -math.Log(l)
	}
	l, err := s.fitLine(x)
	if err != nil {
		return t
	}
	t.Dispersion = dispersion(l.ChiSq, l.DF)
	se := l.SlopeSE * math.Sqrt(t.Dispersion)
	t.Slope, t.SlopeSE = Number(l.Slope), Number(se)
	z := l.Slope / se
	if math.IsNaN(z) {
		return t
	}
	t.Z = Number(z)
	t.PUp, t.PDown = distuv.UnitNormal.Survival(z), distuv.UnitNormal.CDF(z)
	return t
}
