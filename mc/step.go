package mc

import "math"

// Step returns one iterate of truncated heavy-tailed SGD in one dimension
// (THEORY.md section 1):
//
//	Π_[lo,hi]( x − φ_b( η (d − z) ) ),   φ_b(w) = w·min(1, b/|w|),
//
// where d = f'(x) and z is the noise increment. b = +Inf means no truncation
// and lo = −Inf, hi = +Inf no projection. Π is a clamp, not a reflection.
func Step(x, d, z, eta, b, lo, hi float64) float64 {
	w := eta * (d - z)
	// φ_b in one dimension is a clamp of w to [−b, b].
	if w > b {
		w = b
	} else if w < -b {
		w = -b
	}
	x -= w
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
