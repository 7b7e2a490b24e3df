package noise

import (
	"math"
	"math/rand/v2"
)

// Pareto is the paper's noise law (THEORY.md section 1; Wang, Oh & Rhee,
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
	mu                  float64 // μ = c(2p_+−1)α/(α−1)
	invAlpha            float64 // 1/α
	signBelow           uint64  // U = +1 iff a uniform word is < signBelow
}

// NewPareto returns the Pareto law with tail index α > 1, scale c > 0 and
// asymmetry 0 < p_+ < 1. Errors name the offending scenario key: alpha,
// scale or p_plus.
func NewPareto(alpha, scale, pPlus float64) (Pareto, error) {
	if err := checkAlpha(alpha); err != nil {
		return Pareto{}, err
	}
	if err := checkScale(scale); err != nil {
		return Pareto{}, err
	}
	if err := checkPPlus(pPlus); err != nil {
		return Pareto{}, err
	}
	return Pareto{
		alpha:     alpha,
		scale:     scale,
		pPlus:     pPlus,
		mu:        scale * (2*pPlus - 1) * alpha / (alpha - 1),
		invAlpha:  1 / alpha,
		signBelow: signThreshold(pPlus),
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

// Sample draws Z = c·U·W − μ exactly. W = exp(E/α) with E = r.ExpFloat64()
// standard exponential, since P(exp(E/α) > w) = P(E > α ln w) = w^{−α};
// the sign U comes from one r.Uint64(). It consumes exactly one ExpFloat64
// and then one Uint64 call, and does not allocate.
func (p Pareto) Sample(r *rand.Rand) float64 {
	m := p.scale * math.Exp(r.ExpFloat64()*p.invAlpha)
	var neg uint64 // the sign bit of −m; a conditional move, not a branch
	if r.Uint64() >= p.signBelow {
		neg = 1 << 63
	}
	return math.Float64frombits(math.Float64bits(m)^neg) - p.mu
}

// surv returns P(cW > w): 1 for w < c, (w/c)^{−α} for w ≥ c.
func (p Pareto) surv(w float64) float64 {
	if w <= p.scale {
		return 1
	}
	return math.Exp(-p.alpha * math.Log(w/p.scale))
}

// survC returns P(cW ≤ w) = 1 − surv(w), without cancellation.
func (p Pareto) survC(w float64) float64 {
	if w <= p.scale {
		return 0
	}
	return -math.Expm1(-p.alpha * math.Log(w/p.scale))
}

// CDF returns P(Z ≤ x) exactly. With y = x + μ,
//
//	P(Z ≤ x) = P(cUW ≤ y) = p_+·P(cW ≤ y) + p_−·P(cW ≥ −y).
func (p Pareto) CDF(x float64) float64 {
	y := x + p.mu
	return p.pPlus*p.survC(y) + (1-p.pPlus)*p.surv(-y)
}

// Tail returns H(x) = P(|Z| > x) exactly for x ≥ 0 (and 1 for x < 0):
//
//	H(x) = P(cUW > x + μ) + P(cUW < μ − x)
//	     = p_+·P(cW > x+μ) + p_−·P(cW > x−μ)        (THEORY.md section 1)
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
	return p.pPlus*p.surv(x+p.mu) + pm*p.surv(x-p.mu) +
		pm*p.survC(-x-p.mu) + p.pPlus*p.survC(p.mu-x)
}
