package noise

import (
	"math"

	"github.com/htsgd/htsgd/rng"
)

// Lomax is the Pareto law of the second kind, shifted to start at 0
// (docs/theory.md §3.2):
//
//	Z = c·U·W − μ,   P(U = +1) = p_+ = 1 − P(U = −1),
//	P(W > w) = (1 + w)^{−α} (w ≥ 0),   μ = c(2p_+ − 1)/(α − 1),
//
// with U and W independent, so that E Z = c(2p_+ − 1)·E W − μ = 0
// (E W = 1/(α − 1)). Unlike Pareto, |Z| has mass down to 0.
//
// Construct it with NewLomax; the zero value is not a valid law.
type Lomax struct {
	alpha, scale, pPlus float64
	mu                  float64   // μ = c(2p_+−1)/(α−1)
	zig                 *lomaxZig // the ziggurat of W, shared by copies
	sign                signSplit // the sign U from bits 8..10 of the word
}

// NewLomax returns the Lomax law with tail index α > 1, scale c > 0 and
// asymmetry 0 < p_+ < 1. Errors are *param.Error naming noise.Lomax.Alpha,
// noise.Lomax.Scale or noise.Lomax.PPlus.
func NewLomax(alpha, scale, pPlus float64) (Lomax, error) {
	if err := checkAlpha("Lomax", alpha); err != nil {
		return Lomax{}, err
	}
	if err := checkScale("Lomax", scale); err != nil {
		return Lomax{}, err
	}
	if err := checkPPlus("Lomax", pPlus); err != nil {
		return Lomax{}, err
	}
	return Lomax{
		alpha: alpha,
		scale: scale,
		pPlus: pPlus,
		mu:    scale * (2*pPlus - 1) / (alpha - 1),
		zig:   lomaxZigFor(alpha),
		sign:  newSignSplit(pPlus),
	}, nil
}

// Name returns "lomax".
func (Lomax) Name() string { return "lomax" }

// Alpha returns the tail index α.
func (l Lomax) Alpha() float64 { return l.alpha }

// Scale returns the scale c.
func (l Lomax) Scale() float64 { return l.scale }

// PPlus returns p_+ = P(U = +1) = lim P(Z > x)/H(x).
func (l Lomax) PPlus() float64 { return l.pPlus }

// Mu returns the centring shift μ = c(2p_+ − 1)/(α − 1).
func (l Lomax) Mu() float64 { return l.mu }

// HeavyTailed returns true.
func (Lomax) HeavyTailed() bool { return true }

// Sample draws Z = c·U·W − μ exactly. W is the standard Lomax variate of
// a ziggurat (see lomaxZig: P(W > w) = (1 + w)^{−α}), and the sign U comes
// from bits 8..10 of the same word (see signSplit). It is
//
//	j := r.Uint64()
//	if z, ok := l.SampleFast(j); ok {
//		return z
//	}
//	return l.SampleSlow(r, j)
//
// so it consumes one Uint64, and more only on the slow path: the
// ziggurat's rejections (1 − mean k[i]/2^53: 3.7% of draws at α = 1.2,
// 3.4% at α = 1.5, 2.2% as α → ∞) and, when p_+ is not a multiple of ⅛,
// another ⅛ for the sign. It does not allocate.
func (l Lomax) Sample(r *rng.Rand) float64 {
	j := r.Uint64()
	if z, ok := l.SampleFast(j); ok {
		return z
	}
	return l.SampleSlow(r, j)
}

// SampleFast is the fast path of Sample, a pure function of one uniform
// 64-bit word j, small enough to be inlined into a simulation loop; see
// Pareto.SampleFast for the hot-loop form. It returns c·U·y − μ with y the
// ziggurat's fast-path value; when ok is false, z is not a sample and j
// must be passed to SampleSlow. (Pointer receivers: see
// Pareto.SampleFast.)
func (l *Lomax) SampleFast(j uint64) (z float64, ok bool) {
	u, i, a := j>>11, uint8(j), j>>8&7
	y := float64(int64(u)) * l.zig.w[i] // lomaxZig.fast, inlined by hand
	return l.scale*l.sign.sgn[a]*y - l.mu, u < l.zig.k[i]&l.sign.mask[a]
}

// SampleSlow returns the Z determined by the word j and, when needed,
// further draws from r: the ziggurat's slow path for W (lomaxZig.slow:
// W = s·(1 + y) − 1, which is y when s = 1), then the sign
// (signSplit.slow). For a j accepted by SampleFast it returns the same z
// without drawing.
func (l *Lomax) SampleSlow(r *rng.Rand, j uint64) float64 {
	y, s := l.zig.slow(r, j)
	if s != 1 {
		y = s*(1+y) - 1
	}
	return l.scale*l.sign.slow(r, j)*y - l.mu
}

// MagnitudeSurvival returns S(w) = P(cW > w), the survival function of
// the scaled magnitude cW of Z = c·U·W − μ: 1 for w < 0, (1 + w/c)^{−α}
// for w ≥ 0.
func (l Lomax) MagnitudeSurvival(w float64) float64 {
	if w <= 0 {
		return 1
	}
	return math.Exp(-l.alpha * math.Log1p(w/l.scale))
}

// MagnitudeCDF returns P(cW ≤ w) = 1 − MagnitudeSurvival(w), computed
// without cancellation.
func (l Lomax) MagnitudeCDF(w float64) float64 {
	if w <= 0 {
		return 0
	}
	return -math.Expm1(-l.alpha * math.Log1p(w/l.scale))
}

// MagnitudeInverseSurvival returns the w with P(cW > w) = v, v ∈ (0, 1]:
// S^{−1}(v) = c·(v^{−1/α} − 1), computed as c·expm1(−ln(v)/α) so that a
// small w keeps its relative precision. It is the inverse-transform
// sampler of cW restricted to any interval of v (the conditional samplers
// of package rare).
func (l Lomax) MagnitudeInverseSurvival(v float64) float64 {
	return l.scale * math.Expm1(-math.Log(v)/l.alpha)
}

// CDF returns P(Z ≤ x) exactly. With y = x + μ,
//
//	P(Z ≤ x) = P(cUW ≤ y) = p_+·P(cW ≤ y) + p_−·P(cW ≥ −y).
func (l Lomax) CDF(x float64) float64 {
	y := x + l.mu
	return l.pPlus*l.MagnitudeCDF(y) + (1-l.pPlus)*l.MagnitudeSurvival(-y)
}

// Tail returns H(x) = P(|Z| > x) exactly for x ≥ 0 (and 1 for x < 0):
//
//	H(x) = P(cUW > x + μ) + P(cUW < μ − x)
//	     = p_+·P(cW > x+μ) + p_−·P(cW > x−μ)        (docs/theory.md §3.2)
//	     + p_−·P(cW < −x−μ) + p_+·P(cW < μ−x).
//
// The last two terms are the support-edge corrections: they vanish once
// x ≥ |μ|, and are needed for H to be exact on [0, |μ|).
func (l Lomax) Tail(x float64) float64 {
	if x < 0 {
		return 1
	}
	pm := 1 - l.pPlus
	return l.pPlus*l.MagnitudeSurvival(x+l.mu) + pm*l.MagnitudeSurvival(x-l.mu) +
		pm*l.MagnitudeCDF(-x-l.mu) + l.pPlus*l.MagnitudeCDF(l.mu-x)
}
