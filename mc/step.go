package mc

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
)

// Step returns one iterate of truncated heavy-tailed SGD in one dimension
// (docs/theory.md §2.1):
//
//	Π_[lo,hi]( x − φ_b( η (d − z) ) ),   φ_b(w) = w·min(1, b/|w|),
//
// where d = f'(x) and z is the noise increment. b = +Inf means no truncation
// and lo = −Inf, hi = +Inf no projection. Π is a clamp, not a reflection.
// It is the step of the one-dimensional kernels.
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

// StepVector performs one step of truncated heavy-tailed SGD in R^d in
// place (docs/theory.md §2.1):
//
//	x ← Π_K( x − φ_b( η (g − z) ) ),   φ_b(w) = w·min(1, b/‖w‖),
//
// where g = ∇f(x) and z is the noise vector. b = +Inf means no truncation
// and a nil dom no projection. The whole step is clipped in Euclidean norm
// (the same as clipping the stochastic gradient at norm b/η); Π_K is the
// projection dom.Project, a clamp, not a reflection. It is the step of the
// vector kernels and does not allocate.
func StepVector(x, g, z []float64, eta, b float64, dom landscapes.Domain) {
	stepVector(x, g, z, eta, b)
	if dom != nil {
		dom.Project(x)
	}
}

// stepVector is StepVector without the projection: with
// w = η(g − z) and s = ‖w‖², x ← x − f·(g − z) where f = η when s ≤ b²
// and f = η·b/√s otherwise, so that f·(g − z) = φ_b(w).
//
// It is kept out of line: inlined into the vector kernels next to an
// inlined gradient it made the 2-D quadratic kernel about 5% slower
// (register pressure; measured with benchstat, CPU time per step).
//
//go:noinline
func stepVector(x, g, z []float64, eta, b float64) {
	s := 0.0
	for k := range x {
		w := eta * (g[k] - z[k])
		s += w * w
	}
	f := eta
	if s > b*b {
		f = eta * b / math.Sqrt(s)
	}
	for k := range x {
		x[k] -= f * (g[k] - z[k])
	}
}

// TruncateVector replaces w by φ_b(w) = w·min(1, b/‖w‖) (docs/theory.md
// §2.1).
func TruncateVector(w []float64, b float64) {
	s := 0.0
	for _, v := range w {
		s += v * v
	}
	if s > b*b {
		f := b / math.Sqrt(s)
		for k := range w {
			w[k] *= f
		}
	}
}
