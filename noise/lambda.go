package noise

import "math"

// Lambda returns the scale function of docs/theory.md §3.4,
//
//	λ(η) = η^{−1}·H(η^{−1}),
//
// the rate (per unit time η) of a noise increment large enough that ηZ
// exceeds 1 in size. For the Pareto law with p_+ = ½, λ(η) = c^α·η^{α−1}
// once η ≤ 1/c. Lambda returns NaN when l is nil, when l is not heavy
// tailed (Gaussian: not applicable) and when η is not a positive number.
func Lambda(l Law, eta float64) float64 {
	if l == nil || !l.HeavyTailed() || !(eta > 0) {
		return math.NaN()
	}
	return l.Tail(1/eta) / eta
}
