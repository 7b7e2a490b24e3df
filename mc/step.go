package mc

import "math"

// Step returns one iterate of truncated heavy-tailed SGD in one dimension
// (THEORY.md section 1):
//
//	Π_[lo,hi]( x − φ_b( η (d − z) ) ),   φ_b(w) = w·min(1, b/|w|),
//
// where d = f'(x) and z is the noise increment. b = +Inf means no truncation
// and lo = −Inf, hi = +Inf no projection. Π is a clamp, not a reflection.
//
// It is computed as w = η·d − η·z; when |w| ≤ b (almost every step),
// x' = (x + η·z) − η·d, and otherwise x' = x ∓ b (φ_b in one dimension is a
// clamp of w to [−b, b]). The sum is arranged for speed, not changed in
// value beyond rounding: in a simulation d depends on the previous step
// and z does not, so x + η·z is computed while d is, and only a product and
// a subtraction follow f'(x) on the chain of dependent operations that
// bounds the speed of a replica (three fewer cycles than x − η·(d − z);
// the truncation test runs beside it as a well-predicted branch).
func Step(x, d, z, eta, b, lo, hi float64) float64 {
	ez := eta * z
	ed := eta * d
	w := ed - ez
	if w > b {
		x -= b
	} else if w < -b {
		x += b
	} else {
		x = (x + ez) - ed
	}
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// Truncate returns φ_b(w) = w·min(1, b/|w|) in one dimension.
func Truncate(w, b float64) float64 {
	return math.Max(-b, math.Min(b, w))
}
