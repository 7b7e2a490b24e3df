package noise

import (
	"math"
	"math/rand/v2"
)

// Gaussian is the light-tailed contrast law Z ~ N(0, c²) (THEORY.md
// section 1). No heavy-tail theory applies to it: HeavyTailed is false and
// Alpha, PPlus and Lambda are NaN (reported as not applicable).
//
// Construct it with NewGaussian; the zero value is not a valid law.
type Gaussian struct {
	scale float64
}

// NewGaussian returns N(0, c²) with standard deviation c = scale > 0. The
// error names the scenario key scale.
func NewGaussian(scale float64) (Gaussian, error) {
	if err := checkScale(scale); err != nil {
		return Gaussian{}, err
	}
	return Gaussian{scale: scale}, nil
}

// Name returns "gaussian".
func (Gaussian) Name() string { return "gaussian" }

// Scale returns the standard deviation c.
func (g Gaussian) Scale() float64 { return g.scale }

// Alpha returns NaN: the law is not heavy-tailed.
func (Gaussian) Alpha() float64 { return math.NaN() }

// PPlus returns NaN: the law is not heavy-tailed (it is symmetric).
func (Gaussian) PPlus() float64 { return math.NaN() }

// HeavyTailed returns false.
func (Gaussian) HeavyTailed() bool { return false }

// Sample draws Z = c·N with N = r.NormFloat64() (one call, no allocation).
func (g Gaussian) Sample(r *rand.Rand) float64 {
	return g.scale * r.NormFloat64()
}

// CDF returns P(Z ≤ x) = ½·erfc(−x/(c√2)).
func (g Gaussian) CDF(x float64) float64 {
	return 0.5 * math.Erfc(-x/(g.scale*math.Sqrt2))
}

// Tail returns H(x) = P(|Z| > x) = erfc(x/(c√2)) for x ≥ 0 (1 for x < 0).
func (g Gaussian) Tail(x float64) float64 {
	if x < 0 {
		return 1
	}
	return math.Erfc(x / (g.scale * math.Sqrt2))
}
