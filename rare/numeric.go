package rare

import (
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// numericTol is the relative tolerance on log|z| to which numericConditional
// inverts a tail or a CDF: the returned z is within a factor 1 ± 1e-12 of
// the exact quantile of the uniform draw. Below the resolution of any
// goodness-of-fit test, but not exact; pareto and lomax use the exact
// pairConditional instead.
const numericTol = 1e-12

// numericConditional samples a law without a closed-form quantile (student-t,
// stable, gaussian, or any user law) conditioned on |Z| > x or |Z| ≤ x, by
// numerical inversion of its Tail and CDF.
//
// Tail: with L = P(Z < −x) = CDF(−x) and R = P(Z > x) = H(x) − L (each
// computed directly, never as 1 − CDF, so they keep their relative precision
// far in the tail), pick the right side with probability R/(R + L), then
// solve
//
//	right:  S(z) = U·R,   S(z) = P(Z > z) = H(z) − CDF(−z),   z > x,
//	left:   CDF(z) = U·L,                                    z < −x,
//
// for U uniform on (0, 1): the inverse-CDF method restricted to the side.
// The root is found in t = ln|z|, where a regularly varying tail is nearly
// linear (log S(e^t) ≈ −αt + const), by the Illinois variant of regula falsi
// after an expanding bracket, to |Δt| < 1e-12. For the stable law each
// evaluation is a quadrature, so a tail draw costs ~10-20 quadratures; the
// importance sampler draws only J or so per window.
//
// Bulk: when H(x) ≤ ½, by rejection from the law's own exact sampler (draw Z,
// keep it if |Z| ≤ x): exact, with acceptance 1 − H(x) ≥ ½ (in every
// importance sampler H(x) is tiny, so this costs one Sample). When
// H(x) > ½, by numerical inversion of the CDF on [−x, x].
type numericConditional struct {
	law         noise.Law
	x, h        float64
	left, right float64 // L = P(Z < −x), R = P(Z > x)
	cdfLo       float64 // CDF(−x), for the bulk inversion
	cdfHi       float64 // CDF(x)
}

func newNumericConditional(law noise.Law, x float64) *numericConditional {
	h := law.Tail(x)
	left := math.Min(law.CDF(-x), h)
	return &numericConditional{
		law: law, x: x, h: h,
		left: left, right: math.Max(h-left, 0),
		cdfLo: law.CDF(-x), cdfHi: law.CDF(x),
	}
}

// Law returns the unconditional law.
func (c *numericConditional) Law() noise.Law { return c.law }

// Threshold returns x.
func (c *numericConditional) Threshold() float64 { return c.x }

// TailProb returns H(x).
func (c *numericConditional) TailProb() float64 { return c.h }

// Exact returns false: the samplers invert numerically.
func (c *numericConditional) Exact() bool { return false }

// Tail draws Z given |Z| > x.
func (c *numericConditional) Tail(r *rng.Rand) float64 {
	for {
		var z float64
		if r.Float64Open53()*(c.left+c.right) < c.right {
			target := r.Float64Open53() * c.right
			z = invertLogTail(func(y float64) float64 { return c.law.Tail(y) - c.law.CDF(-y) }, c.x, c.right, target)
		} else {
			target := r.Float64Open53() * c.left
			z = -invertLogTail(func(y float64) float64 { return c.law.CDF(-y) }, c.x, c.left, target)
		}
		if math.Abs(z) > c.x {
			return z
		}
	}
}

// Bulk draws Z given |Z| ≤ x.
func (c *numericConditional) Bulk(r *rng.Rand) float64 {
	if c.h <= 0.5 {
		for {
			if z := c.law.Sample(r); math.Abs(z) <= c.x {
				return z
			}
		}
	}
	target := c.cdfLo + r.Float64Open53()*(c.cdfHi-c.cdfLo)
	lo, hi := -c.x, c.x
	for range 200 {
		mid := 0.5 * (lo + hi)
		if c.law.CDF(mid) < target {
			lo = mid
		} else {
			hi = mid
		}
		if hi-lo <= numericTol*math.Max(1, math.Abs(mid)) {
			break
		}
	}
	return 0.5 * (lo + hi)
}

// invertLogTail returns the y > y0 with S(y) = target, for a decreasing
// survival-type function S with S(y0) = s0 ≥ target > 0. It works in
// t = ln y: an expanding bracket from t0 = ln y0, then Illinois regula falsi
// on g(t) = ln S(e^t) − ln target (falling back to bisection whenever S
// underflows to 0 inside the bracket), until the bracket is narrower than
// numericTol.
func invertLogTail(s func(float64) float64, y0, s0, target float64) float64 {
	lt := math.Log(target)
	g := func(t float64) float64 {
		v := s(math.Exp(t))
		if !(v > 0) {
			return math.Inf(-1)
		}
		return math.Log(v) - lt
	}
	a, ga := math.Log(y0), math.Log(s0)-lt // ga ≥ 0
	if ga <= 0 {
		return y0
	}
	b, step := a+1, 1.0
	gb := g(b)
	for gb > 0 {
		a, ga = b, gb
		step *= 2
		b += step
		gb = g(b)
	}
	side := 0
	for range 300 {
		if b-a <= numericTol {
			break
		}
		var t float64
		if math.IsInf(gb, -1) {
			t = 0.5 * (a + b)
		} else {
			t = (a*gb - b*ga) / (gb - ga)
			if !(t > a && t < b) {
				t = 0.5 * (a + b)
			}
		}
		gt := g(t)
		if math.Abs(gt) <= 1e-14 { // S(e^t) = target to 1e-14 relative
			return math.Exp(t)
		}
		switch {
		case gt > 0:
			a, ga = t, gt
			if side == -1 && !math.IsInf(gb, -1) {
				gb /= 2 // Illinois: halve the stale end's value
			}
			side = -1
		case gt < 0:
			b, gb = t, gt
			if side == 1 {
				ga /= 2
			}
			side = 1
		default:
			return math.Exp(t)
		}
	}
	return math.Exp(0.5 * (a + b))
}
