package landscapes

// NoBasin is the basin index of a point that lies in no basin: outside the
// explicit basin of a QuadraticRd, beyond an open lower end of a 1-D
// Structure (Below), or a point whose gradient flow ends nowhere near a
// known minimum set (on a saddle's stable manifold, or beyond the region a
// BasinMap was built for).
const NoBasin = -1

// Basins partitions the domain of a loss into the basins of attraction
// (attraction fields) Ω_i of its minimum sets (docs/theory.md
// §4.1 and §9.1): x ∈ Ω_i when the gradient flow dy/dt = −∇f(y) from x converges to the
// i-th minimum set. It is all that the first-exit and trajectory
// experiments of package mc and the jump numbers and rates of package theory
// need to know about the landscape's geometry, in any dimension:
//
//   - on the real line, a Structure (minima and saddles, found by Discover);
//   - in R^d, a BasinMap (minima found by descent, basins by the flow), or
//     the explicit basin of a QuadraticRd.
//
// A Structure is also the one-dimensional fast path: packages mc and theory
// find it by type assertion and then use its intervals directly (exact
// exit tests, the exact recursion of docs/theory.md §7.3).
type Basins interface {
	// MinimumSets returns the minimum sets, one per basin, in basin order.
	MinimumSets() []MinimumSet
	// Locate returns the index in [0, n) of the basin containing x, or a
	// label of the outside: NoBasin, or for a Structure with an open upper
	// end, Above() = n beyond it.
	Locate(x []float64) int
	// Core returns a radius ρ_i ≥ 0 such that every x with
	// dist(x, MinimumSets()[i]) < ρ_i lies in Ω_i: a cheap sufficient test that
	// hot loops use before calling Locate (0: no such guarantee).
	Core(i int) float64
}

// Structure is a Basins.
var _ Basins = Structure{}
