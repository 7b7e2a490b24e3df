// Package landscapes provides the loss functions htsgd simulates on: a
// general interface for differentiable losses on R^d, a fast one-dimensional
// path for the simulation kernel, the paper's test functions, and discovery
// of the critical points and basins of attraction of a 1-D loss.
//
// The 1-D landscapes are small value types (structs, not pointers) so that a
// generic simulation kernel instantiated with one of them calls its
// derivative directly, without an interface dispatch per step.
package landscapes

// Landscape is a differentiable loss f: R^d → R.
type Landscape interface {
	// Dim returns the dimension d of the domain.
	Dim() int
	// Value returns f(x); len(x) must be Dim().
	Value(x []float64) float64
	// Gradient stores ∇f(x) in dst and returns dst; len(dst) = len(x) = Dim().
	Gradient(dst, x []float64) []float64
}

// Curve is a differentiable loss on the real line: the 1-D fast path that the
// simulation kernel calls once per step.
type Curve interface {
	// F returns f(x).
	F(x float64) float64
	// Deriv returns f'(x).
	Deriv(x float64) float64
}

// Line is a 1-D landscape together with its projection interval [Lo, Hi]
// (the set K of docs/theory.md §2.2 onto which every iterate is clamped).
// Every Line is also a Landscape of dimension 1.
type Line interface {
	Landscape
	Curve
	// Domain returns the projection interval [lo, hi]. An unbounded side is
	// ±Inf.
	Domain() (lo, hi float64)
	// Name returns the landscape's kind ("paper-1d", "critical-points",
	// "quadratic", …).
	Name() string
}
