package rare

import (
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// magnitude is the magnitude law of the pareto and lomax noises,
// Z = c·U·W − μ (docs/theory.md §3.2): the survival function S(w) = P(cW > w)
// of the scaled magnitude cW, its complement and its inverse, as
// noise.Pareto and noise.Lomax export them.
type magnitude interface {
	// MagnitudeSurvival returns S(w) = P(cW > w).
	MagnitudeSurvival(w float64) float64
	// MagnitudeCDF returns 1 − S(w) = P(cW ≤ w) without cancellation.
	MagnitudeCDF(w float64) float64
	// MagnitudeInverseSurvival returns the w with S(w) = v for v in (0, 1].
	MagnitudeInverseSurvival(v float64) float64
}

// piece is one interval of cW on one sign U = s, sampled by inversion:
// v uniform on (vLo, vHi) ⊂ (0, 1] and cW = S^{−1}(v), so that cW has the law
// of cW restricted to {S(cW) ∈ (vLo, vHi)}; then Z = s·cW − μ.
type piece struct {
	sign     float64 // U = ±1
	vLo, vHi float64 // the S-values of the interval's ends
	mass     float64 // P(U = s)·(vHi − vLo), computed without cancellation
}

// pairConditional samples the pareto and lomax laws conditioned on
// |Z| > x or |Z| ≤ x exactly, by inversion of the exact tail of W.
//
// Given U = s the noise is Z = s·cW − μ, so
//
//	|Z| ≤ x  ⟺  cW ∈ [lo_s, hi_s],   lo_s = sμ − x,   hi_s = sμ + x,
//
// and the tail is {cW > hi_s} ∪ {cW < lo_s}. The four tail pieces have the
// masses p_+·S(hi_+), p_+·(1 − S(lo_+)), p_−·S(hi_−), p_−·(1 − S(lo_−)), whose
// sum is exactly the H(x) of docs/theory.md §3.2 (noise.Pareto.Tail,
// noise.Lomax.Tail); the two bulk pieces have the masses p_s·(S(lo_s) −
// S(hi_s)). A draw picks a piece with probability proportional to its mass
// and inverts S on it (see piece); the bulk uses rejection from the law's
// own exact sampler instead when H(x) ≤ ½ (Bulk). For x beyond |μ| + c, the case of every
// importance sampler, only the pieces cW > hi_s carry tail mass and the tail
// draw is the classical cW = hi_s·V^{−1/α} (pareto) with V uniform.
type pairConditional struct {
	law        noise.Law
	fam        magnitude
	mu, x, h   float64
	tail, bulk []piece
	tailMass   float64
	bulkMass   float64
}

func newPairConditional(law noise.Law, fam magnitude, pPlus, mu, x float64) *pairConditional {
	c := &pairConditional{law: law, fam: fam, mu: mu, x: x, h: law.Tail(x)}
	for _, s := range []struct{ sign, p float64 }{{1, pPlus}, {-1, 1 - pPlus}} {
		lo, hi := s.sign*mu-x, s.sign*mu+x
		sHi, sLo := fam.MagnitudeSurvival(hi), fam.MagnitudeSurvival(lo)
		c.tail = append(c.tail,
			piece{sign: s.sign, vLo: 0, vHi: sHi, mass: s.p * sHi},
			piece{sign: s.sign, vLo: sLo, vHi: 1, mass: s.p * fam.MagnitudeCDF(lo)})
		c.bulk = append(c.bulk,
			piece{sign: s.sign, vLo: sHi, vHi: sLo, mass: s.p * (fam.MagnitudeCDF(hi) - fam.MagnitudeCDF(lo))})
	}
	for _, p := range c.tail {
		c.tailMass += p.mass
	}
	for _, p := range c.bulk {
		c.bulkMass += p.mass
	}
	return c
}

// Law returns the unconditional law.
func (c *pairConditional) Law() noise.Law { return c.law }

// Threshold returns x.
func (c *pairConditional) Threshold() float64 { return c.x }

// TailProb returns H(x).
func (c *pairConditional) TailProb() float64 { return c.h }

// Exact returns true.
func (c *pairConditional) Exact() bool { return true }

// Tail draws Z given |Z| > x.
func (c *pairConditional) Tail(r *rng.Rand) float64 {
	for {
		if z := c.draw(r, c.tail, c.tailMass); math.Abs(z) > c.x {
			return z
		}
		// Rounding put z on the wrong side of x (probability ~1e-16):
		// redraw, which conditions on the right side exactly.
	}
}

// Bulk draws Z given |Z| ≤ x. When H(x) ≤ ½ it draws from the law's own
// exact sampler until |Z| ≤ x (rejection: exact, acceptance 1 − H(x), and
// in an importance sampler H(x) is tiny, so this costs one Sample, about a
// quarter of the inversion's cost); otherwise by inversion (bulkInversion).
func (c *pairConditional) Bulk(r *rng.Rand) float64 {
	if c.h <= 0.5 {
		for {
			if z := c.law.Sample(r); math.Abs(z) <= c.x {
				return z
			}
		}
	}
	return c.bulkInversion(r)
}

// bulkInversion draws Z given |Z| ≤ x by inversion of S on the bulk pieces.
func (c *pairConditional) bulkInversion(r *rng.Rand) float64 {
	for {
		if z := c.draw(r, c.bulk, c.bulkMass); math.Abs(z) <= c.x {
			return z
		}
	}
}

// draw picks a piece with probability mass/total and inverts S on it.
func (c *pairConditional) draw(r *rng.Rand, ps []piece, total float64) float64 {
	u := r.Float64Open53() * total
	k := 0
	for k < len(ps)-1 && (u >= ps[k].mass || ps[k].mass == 0) {
		u -= ps[k].mass
		k++
	}
	p := ps[k]
	v := p.vLo + r.Float64Open53()*(p.vHi-p.vLo)
	return p.sign*c.fam.MagnitudeInverseSurvival(v) - c.mu
}
