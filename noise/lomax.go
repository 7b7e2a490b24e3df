package noise

import (
	"math"
	"math/rand/v2"
)

// Lomax is the Pareto law of the second kind, shifted to start at 0
// (THEORY.md section 1):
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
	mu                  float64 // μ = c(2p_+−1)/(α−1)
	invAlpha            float64 // 1/α
	signBelow           uint64  // U = +1 iff a uniform word is < signBelow
}

// NewLomax returns the Lomax law with tail index α > 1, scale c > 0 and
// asymmetry 0 < p_+ < 1. Errors name the offending scenario key: alpha,
// scale or p_plus.
func NewLomax(alpha, scale, pPlus float64) (Lomax, error) {
	if err := checkAlpha(alpha); err != nil {
		return Lomax{}, err
	}
	if err := checkScale(scale); err != nil {
		return Lomax{}, err
	}
	if err := checkPPlus(pPlus); err != nil {
		return Lomax{}, err
	}
	return Lomax{
		alpha:     alpha,
		scale:     scale,
		pPlus:     pPlus,
		mu:        scale * (2*pPlus - 1) / (alpha - 1),
		invAlpha:  1 / alpha,
		signBelow: signThreshold(pPlus),
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

// Sample draws Z = c·U·W − μ exactly. W = exp(E/α) − 1 (computed as
// expm1) with E = r.ExpFloat64() standard exponential, since
// P(exp(E/α) − 1 > w) = P(E > α ln(1+w)) = (1+w)^{−α}; the sign U comes
// from one r.Uint64(). It consumes exactly one ExpFloat64 and then one
// Uint64 call, and does not allocate.
func (l Lomax) Sample(r *rand.Rand) float64 {
	m := l.scale * math.Expm1(r.ExpFloat64()*l.invAlpha)
	var neg uint64 // the sign bit of −m; a conditional move, not a branch
	if r.Uint64() >= l.signBelow {
		neg = 1 << 63
	}
	return math.Float64frombits(math.Float64bits(m)^neg) - l.mu
}

// surv returns P(cW > w): 1 for w < 0, (1 + w/c)^{−α} for w ≥ 0.
func (l Lomax) surv(w float64) float64 {
	if w <= 0 {
		return 1
	}
	return math.Exp(-l.alpha * math.Log1p(w/l.scale))
}

// survC returns P(cW ≤ w) = 1 − surv(w), without cancellation.
func (l Lomax) survC(w float64) float64 {
	if w <= 0 {
		return 0
	}
	return -math.Expm1(-l.alpha * math.Log1p(w/l.scale))
}

// CDF returns P(Z ≤ x) exactly. With y = x + μ,
//
//	P(Z ≤ x) = P(cUW ≤ y) = p_+·P(cW ≤ y) + p_−·P(cW ≥ −y).
func (l Lomax) CDF(x float64) float64 {
	y := x + l.mu
	return l.pPlus*l.survC(y) + (1-l.pPlus)*l.surv(-y)
}

// Tail returns H(x) = P(|Z| > x) exactly for x ≥ 0 (and 1 for x < 0):
//
//	H(x) = P(cUW > x + μ) + P(cUW < μ − x)
//	     = p_+·P(cW > x+μ) + p_−·P(cW > x−μ)        (THEORY.md section 1)
//	     + p_−·P(cW < −x−μ) + p_+·P(cW < μ−x).
//
// The last two terms are the support-edge corrections: they vanish once
// x ≥ |μ|, and are needed for H to be exact on [0, |μ|).
func (l Lomax) Tail(x float64) float64 {
	if x < 0 {
		return 1
	}
	pm := 1 - l.pPlus
	return l.pPlus*l.surv(x+l.mu) + pm*l.surv(x-l.mu) +
		pm*l.survC(-x-l.mu) + l.pPlus*l.survC(l.mu-x)
}
