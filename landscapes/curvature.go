package landscapes

import "math"

// Parameters of SecondDeriv (Ridders' extrapolation).
const (
	ridSteps  = 20   // number of step sizes h_0 > h_1 > … (rows of the tableau)
	ridShrink = 1.4  // ratio h_k/h_{k+1}
	ridH0     = 0.05 // the largest step h_0
)

// SecondDeriv returns f”(x) for the curve c, computed from its analytic
// first derivative by Richardson-extrapolated central differences (Ridders'
// method, C. J. F. Ridders, Adv. Eng. Software 4(2), 1982): with
//
//	D(h) = (f'(x+h) − f'(x−h)) / (2h) = f''(x) + a_1h² + a_2h⁴ + …,
//
// D is evaluated at the 20 steps h_k = 0.05/1.4^k (down to 8·10^{−5}), and
// Neville's tableau eliminates the even powers of h successively; the entry
// whose difference from its two parents (the error estimate) is smallest is
// returned. Large steps serve smooth f', small ones features as narrow as
// ~10^{−3}; rounding, about ε·|f'|/h, stays below 10^{−11}·|f'| relative.
// For paper-1d the relative error is below 10^{−9} on the whole domain
// (see the tests).
//
// It is used for the step-size stability rule η·f”(m_i) < 2 of docs/theory.md
// §2.3 (paper-1d: f”(m) ≈ (163.4, 2.18, 446.3, 7.73)). f' is evaluated
// on [x − 0.05, x + 0.05], which must avoid singularities of f' (for
// paper-1d, the cusp at 1.65).
//
// If c has a method SecondDeriv(x float64) float64 (CriticalPoints,
// Quadratic), its exact value is returned instead.
func SecondDeriv(c Curve, x float64) float64 {
	if e, ok := c.(interface{ SecondDeriv(float64) float64 }); ok {
		return e.SecondDeriv(x)
	}
	var tab [ridSteps][ridSteps]float64 // tab[j][i]: step h_i, j eliminations
	central := func(h float64) float64 {
		return (c.Deriv(x+h) - c.Deriv(x-h)) / (2 * h)
	}
	h := ridH0
	tab[0][0] = central(h)
	best, bestErr := tab[0][0], math.Inf(1)
	for i := 1; i < ridSteps; i++ {
		h /= ridShrink
		tab[0][i] = central(h)
		fac := ridShrink * ridShrink
		for j := 1; j <= i; j++ {
			// Eliminate the h^{2j} term: D_j(h_i) = (r^{2j} D_{j−1}(h_i) −
			// D_{j−1}(h_{i−1})) / (r^{2j} − 1), r = 1.4.
			tab[j][i] = (tab[j-1][i]*fac - tab[j-1][i-1]) / (fac - 1)
			fac *= ridShrink * ridShrink
			e := math.Max(math.Abs(tab[j][i]-tab[j-1][i]), math.Abs(tab[j][i]-tab[j-1][i-1]))
			if e <= bestErr {
				best, bestErr = tab[j][i], e
			}
		}
	}
	return best
}
