package mc

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
)

// StepRd performs one step of truncated heavy-tailed SGD in R^d in place
// (THEORY.md section 1):
//
//	x ← Π_K( x − φ_b( η (g − z) ) ),   φ_b(w) = w·min(1, b/‖w‖),
//
// where g = ∇f(x) and z is the noise vector. b = +Inf means no truncation
// and a ball of radius +Inf no projection. The whole step is clipped in
// Euclidean norm (the same as clipping the stochastic gradient at norm
// b/η); Π_K is the projection onto the ball K (landscapes.Ball.Project), a
// radial clamp, not a reflection. It does not allocate.
func StepRd(x, g, z []float64, eta, b float64, dom landscapes.Ball) {
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
	dom.Project(x)
}

// TruncateRd replaces w by φ_b(w) = w·min(1, b/‖w‖) (THEORY.md section 1).
func TruncateRd(w []float64, b float64) {
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
