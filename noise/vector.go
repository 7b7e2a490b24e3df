package noise

import "github.com/htsgd/htsgd/rng"

// Vector is the law of the noise vector Z of a system in any dimension d
// (docs/theory.md §3.3): in one dimension a Law, wrapped as Scalar (any
// p_+); in R^d a Radial law R·Θ. It is what a simulation draws from and
// what the theory reads the tail of.
//
// The simulation kernels of package mc find the concrete type (Scalar with
// a concrete Law, or Radial) by type assertion, so that a draw is a direct
// call; a user's own Vector runs on the general kernel.
type Vector interface {
	// Dim returns d.
	Dim() int
	// Name returns the law's name ("pareto", …; for Radial the angular
	// law's, "isotropic" or "finite").
	Name() string
	// Sample stores a draw of Z in dst (len d) using r and returns dst. It
	// must not allocate.
	Sample(r *rng.Rand, dst []float64) []float64
	// Tail returns H(x) = P(‖Z‖ > x) for x ≥ 0.
	Tail(x float64) float64
	// HeavyTailed reports whether H is regularly varying with index −α,
	// α > 1.
	HeavyTailed() bool
	// Alpha returns the tail index α; NaN when HeavyTailed is false.
	Alpha() float64
}

// The two laws of a noise vector.
var (
	_ Vector = Scalar{}
	_ Vector = Radial{}
)

// Scalar is a one-dimensional Law as the noise of a system on the real line.
type Scalar struct {
	Law Law
}

// Dim returns 1.
func (Scalar) Dim() int { return 1 }

// Name returns the law's name.
func (s Scalar) Name() string { return s.Law.Name() }

// Sample stores one draw of the law in dst[0] and returns dst.
func (s Scalar) Sample(r *rng.Rand, dst []float64) []float64 {
	dst[0] = s.Law.Sample(r)
	return dst
}

// Tail returns the law's H(x) = P(|Z| > x).
func (s Scalar) Tail(x float64) float64 { return s.Law.Tail(x) }

// HeavyTailed reports whether the law is heavy-tailed.
func (s Scalar) HeavyTailed() bool { return s.Law.HeavyTailed() }

// Alpha returns the law's tail index α.
func (s Scalar) Alpha() float64 { return s.Law.Alpha() }
