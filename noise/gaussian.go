package noise

import (
	"math"

	"github.com/htsgd/htsgd/rng"
)

// Gaussian is the light-tailed contrast law Z ~ N(0, c²) (docs/theory.md
// §3.2). No heavy-tail theory applies to it: HeavyTailed is false and
// Alpha, PPlus and Lambda are NaN (reported as not applicable).
//
// Construct it with NewGaussian; the zero value is not a valid law.
type Gaussian struct {
	scale float64
}

// NewGaussian returns N(0, c²) with standard deviation c = scale > 0. The
// error is a *param.Error naming noise.Gaussian.Scale.
func NewGaussian(scale float64) (Gaussian, error) {
	if err := checkScale("Gaussian", scale); err != nil {
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

// Sample draws Z = c·N with N = r.NormFloat64(), written in the hot-loop
// form of package rng (see SampleFast) so that only the normal ziggurat's
// rare slow path is a call. It consumes one Uint64 (more on the slow path,
// 1.5% of draws) and does not allocate.
func (g Gaussian) Sample(r *rng.Rand) float64 {
	j := r.Uint64()
	if z, ok := g.SampleFast(j); ok {
		return z
	}
	return g.SampleSlow(r, j)
}

// SampleFast is the fast path of Sample, c·rng.NormFast(j), a pure
// function of one uniform 64-bit word j small enough to be inlined into a
// simulation loop. As for Pareto.SampleFast,
//
//	j := r.Uint64()
//	z, ok := g.SampleFast(j)
//	if !ok {
//		z = g.SampleSlow(r, j)
//	}
//
// draws the same Z as g.Sample(r); when ok is false, z is not a sample and
// j must be passed to SampleSlow.
func (g Gaussian) SampleFast(j uint64) (z float64, ok bool) {
	n, ok := rng.NormFast(j)
	return g.scale * n, ok
}

// SampleSlow returns c·r.NormSlow(j): the Z determined by the word j and,
// when needed, further draws from r. For a j accepted by SampleFast it
// returns the same z without drawing.
func (g Gaussian) SampleSlow(r *rng.Rand, j uint64) float64 {
	return g.scale * r.NormSlow(j)
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
