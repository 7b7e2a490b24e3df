package noise

import (
	"math"

	"github.com/htsgd/htsgd/rng"
)

// Pareto is the paper's noise law (docs/theory.md §3.2; Wang, Oh & Rhee,
// ICLR 2022, Section 2):
//
//	Z = c·U·W − μ,   P(U = +1) = p_+ = 1 − P(U = −1),
//	P(W > w) = w^{−α} (w ≥ 1),   μ = c(2p_+ − 1)·α/(α − 1),
//
// with U and W independent, so that E Z = c(2p_+ − 1)·E W − μ = 0
// (E W = α/(α − 1)). Its tail is regularly varying with index −α and
// P(Z > x)/H(x) → p_+. With p_+ = ½, μ = 0 and H(x) = (x/c)^{−α} for x ≥ c.
//
// Construct it with NewPareto; the zero value is not a valid law.
type Pareto struct {
	alpha, scale, pPlus float64
	mu                  float64   // μ = c(2p_+−1)α/(α−1)
	zig                 *lomaxZig // the ziggurat of W − 1, shared by copies
	sign                signSplit // the sign U from bits 8..10 of the word
}

// NewPareto returns the Pareto law with tail index α > 1, scale c > 0 and
// asymmetry 0 < p_+ < 1. Errors are *param.Error naming
// noise.Pareto.Alpha, noise.Pareto.Scale or noise.Pareto.PPlus.
func NewPareto(alpha, scale, pPlus float64) (Pareto, error) {
	if err := checkAlpha("Pareto", alpha); err != nil {
		return Pareto{}, err
	}
	if err := checkScale("Pareto", scale); err != nil {
		return Pareto{}, err
	}
	if err := checkPPlus("Pareto", pPlus); err != nil {
		return Pareto{}, err
	}
	return Pareto{
		alpha: alpha,
		scale: scale,
		pPlus: pPlus,
		mu:    scale * (2*pPlus - 1) * alpha / (alpha - 1),
		zig:   lomaxZigFor(alpha),
		sign:  newSignSplit(pPlus),
	}, nil
}

// Name returns "pareto".
func (Pareto) Name() string { return "pareto" }

// Alpha returns the tail index α.
func (p Pareto) Alpha() float64 { return p.alpha }

// Scale returns the scale c.
func (p Pareto) Scale() float64 { return p.scale }

// PPlus returns p_+ = P(U = +1) = lim P(Z > x)/H(x).
func (p Pareto) PPlus() float64 { return p.pPlus }

// Mu returns the centring shift μ = c(2p_+ − 1)·α/(α − 1).
func (p Pareto) Mu() float64 { return p.mu }

// HeavyTailed returns true.
func (Pareto) HeavyTailed() bool { return true }

// Sample draws Z = c·U·W − μ exactly. W = 1 + Y with Y the standard
// Lomax variate of a ziggurat (see lomaxZig: P(1 + Y > w) = w^{−α} for
// w ≥ 1), and the sign U from bits 8..10 of the same word (see signSplit).
// It is
//
//	j := r.Uint64()
//	if z, ok := p.SampleFast(j); ok {
//		return z
//	}
//	return p.SampleSlow(r, j)
//
// so it consumes one Uint64, and more only on the slow path: the
// ziggurat's rejections (1 − mean k[i]/2^53: 3.7% of draws at α = 1.2,
// 3.4% at α = 1.5, 2.2% as α → ∞) and, when p_+ is not a multiple of ⅛,
// another ⅛ for the sign. It does not allocate.
func (p Pareto) Sample(r *rng.Rand) float64 {
	j := r.Uint64()
	if z, ok := p.SampleFast(j); ok {
		return z
	}
	return p.SampleSlow(r, j)
}

// SampleFast is the fast path of Sample, a pure function of one uniform
// 64-bit word j, small enough to be inlined into a simulation loop (the
// hot-loop form of package rng):
//
//	j := r.Uint64()
//	z, ok := p.SampleFast(j)
//	if !ok {
//		z = p.SampleSlow(r, j)
//	}
//
// draws the same Z as p.Sample(r). It returns c·U·(1 + y) − μ with y the
// ziggurat's fast-path value and U from bits 8..10 of j; ok is false when
// the ziggurat rejects y or the sign needs more bits, and then z is not a
// sample and j must be passed to SampleSlow (drawing again instead would
// bias the law). Its cost for the inliner is 62 of 80.
//
// SampleFast and SampleSlow have pointer receivers although Pareto is a
// value type: an inlined method with a value receiver copies the receiver
// at every call, and a Pareto (with its sign tables) is 200 bytes.
func (p *Pareto) SampleFast(j uint64) (z float64, ok bool) {
	u, i, a := j>>11, uint8(j), j>>8&7
	y := float64(int64(u)) * p.zig.w[i] // lomaxZig.fast, inlined by hand
	return p.scale*p.sign.sgn[a]*(1+y) - p.mu, u < p.zig.k[i]&p.sign.mask[a]
}

// SampleSlow returns the Z determined by the word j and, when needed,
// further draws from r: the ziggurat's slow path for W (lomaxZig.slow,
// which gives 1 + Y = s·(1 + y)), then the sign (signSplit.slow). For a j
// accepted by SampleFast it returns the same z without drawing.
func (p *Pareto) SampleSlow(r *rng.Rand, j uint64) float64 {
	y, s := p.zig.slow(r, j)
	return p.scale*p.sign.slow(r, j)*(s*(1+y)) - p.mu
}

// MagnitudeSurvival returns S(w) = P(cW > w), the survival function of
// the scaled magnitude cW of Z = c·U·W − μ: 1 for w < c, (w/c)^{−α} for
// w ≥ c.
func (p Pareto) MagnitudeSurvival(w float64) float64 {
	if w <= p.scale {
		return 1
	}
	return math.Exp(-p.alpha * math.Log(w/p.scale))
}

// MagnitudeCDF returns P(cW ≤ w) = 1 − MagnitudeSurvival(w), computed
// without cancellation.
func (p Pareto) MagnitudeCDF(w float64) float64 {
	if w <= p.scale {
		return 0
	}
	return -math.Expm1(-p.alpha * math.Log(w/p.scale))
}

// MagnitudeInverseSurvival returns the w with P(cW > w) = v, v ∈ (0, 1]:
// S^{−1}(v) = c·v^{−1/α}. It is the inverse-transform sampler of cW
// restricted to any interval of v (the conditional samplers of package
// rare).
func (p Pareto) MagnitudeInverseSurvival(v float64) float64 {
	return p.scale * math.Exp(-math.Log(v)/p.alpha)
}

// CDF returns P(Z ≤ x) exactly. With y = x + μ,
//
//	P(Z ≤ x) = P(cUW ≤ y) = p_+·P(cW ≤ y) + p_−·P(cW ≥ −y).
func (p Pareto) CDF(x float64) float64 {
	y := x + p.mu
	return p.pPlus*p.MagnitudeCDF(y) + (1-p.pPlus)*p.MagnitudeSurvival(-y)
}

// Tail returns H(x) = P(|Z| > x) exactly for x ≥ 0 (and 1 for x < 0):
//
//	H(x) = P(cUW > x + μ) + P(cUW < μ − x)
//	     = p_+·P(cW > x+μ) + p_−·P(cW > x−μ)        (docs/theory.md §3.2)
//	     + p_−·P(cW < −x−μ) + p_+·P(cW < μ−x).
//
// The last two terms are the support-edge corrections: they vanish once
// x ≥ |μ| − c, i.e. for every x that matters to the heavy-tail theory, but
// are needed for H to be exact near 0 when |μ| > c.
func (p Pareto) Tail(x float64) float64 {
	if x < 0 {
		return 1
	}
	pm := 1 - p.pPlus
	return p.pPlus*p.MagnitudeSurvival(x+p.mu) + pm*p.MagnitudeSurvival(x-p.mu) +
		pm*p.MagnitudeCDF(-x-p.mu) + p.pPlus*p.MagnitudeCDF(p.mu-x)
}
