package landscapes

import (
	"errors"
	"math"
)

// brentMaxIter bounds the iterations of brentRoot. Brent's method needs at
// most about (log2((b−a)/tol))² evaluations and usually far fewer; 500 is
// never reached for a bracket of a continuous function.
const brentMaxIter = 500

// errBrentNoBracket is returned by brentRoot when f(a) and f(b) do not have
// opposite signs.
var errBrentNoBracket = errors.New("brent: f(a) and f(b) must have opposite signs")

// errBrentNoConvergence is returned by brentRoot when brentMaxIter is reached.
var errBrentNoConvergence = errors.New("brent: no convergence")

// brentRoot returns a root of f in the bracket [a, b], where fa = f(a) and
// fb = f(b) have opposite signs (or one of them is zero), by Brent's method
// (R. P. Brent, Algorithms for Minimization without Derivatives, 1973,
// chapter 4): each step takes an inverse quadratic interpolation (or a secant
// step when only two distinct points are known) if it stays well inside the
// current bracket and shrinks it fast enough, and a bisection otherwise, so
// convergence is superlinear on smooth roots and never slower than bisection.
//
// It stops when the bracket [b, c] around the best point b satisfies
// |c − b|/2 ≤ 2ε|b| + atol/2 (ε the float64 machine epsilon), that is to full
// relative precision unless the root is within atol of zero, or when f(b) is
// exactly zero.
func brentRoot(f func(float64) float64, a, b, fa, fb, atol float64) (float64, error) {
	switch {
	case fa == 0:
		return a, nil
	case fb == 0:
		return b, nil
	case (fa > 0) == (fb > 0):
		return math.NaN(), errBrentNoBracket
	}
	const eps = 0x1p-52
	// Invariant: b is the best estimate, c the contrapoint (f(b), f(c) of
	// opposite signs), a the previous b.
	c, fc := a, fa
	d := b - a // the last step
	e := d     // the step before it
	for range brentMaxIter {
		if (fb > 0) == (fc > 0) {
			// The root is between a and b: make a the contrapoint.
			c, fc = a, fa
			d = b - a
			e = d
		}
		if math.Abs(fc) < math.Abs(fb) {
			// Keep b the point with the smaller |f|.
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		tol := 2*eps*math.Abs(b) + 0.5*atol
		m := 0.5 * (c - b)
		if math.Abs(m) <= tol || fb == 0 {
			return b, nil
		}
		if math.Abs(e) < tol || math.Abs(fa) <= math.Abs(fb) {
			// The previous steps were too small or did not reduce |f|: bisect.
			d, e = m, m
		} else {
			// Interpolate: the step is p/q.
			var p, q float64
			s := fb / fa
			if a == c {
				// Secant through (a, fa) and (b, fb).
				p = 2 * m * s
				q = 1 - s
			} else {
				// Inverse quadratic through (a, fa), (b, fb), (c, fc).
				qa := fa / fc
				r := fb / fc
				p = s * (2*m*qa*(qa-r) - (b-a)*(r-1))
				q = (qa - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			// Accept the interpolation only if it lands within 3/4 of the
			// bracket and is smaller than half the step before last.
			if 2*p < 3*m*q-math.Abs(tol*q) && p < math.Abs(0.5*e*q) {
				e, d = d, p/q
			} else {
				d, e = m, m
			}
		}
		a, fa = b, fb
		if math.Abs(d) > tol {
			b += d
		} else {
			b += math.Copysign(tol, m)
		}
		fb = f(b)
		if math.IsNaN(fb) {
			return math.NaN(), errBrentNoConvergence
		}
	}
	return b, errBrentNoConvergence
}
