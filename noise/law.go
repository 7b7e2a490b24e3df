// Package noise provides the noise laws of truncated heavy-tailed SGD: exact
// samplers, exact tails H(x) = P(|Z| > x), the tail index α and the
// asymmetry p_+ (docs/theory.md §3.1).
//
// The laws are the value types Pareto, Lomax, StudentT, Stable and
// Gaussian, built by their constructors or by New from a law name and parameters.
// Their Sample methods draw from the simulation's generator (package rng)
// and do not allocate, so a hot loop can type-switch once to a concrete law
// instead of calling through the Law interface. Pareto, Lomax and Gaussian
// also offer the hot-loop form of rng (SampleFast, inlinable, and
// SampleSlow), which draws the same values as Sample; Pareto and Lomax
// draw W from a ziggurat rather than by exp (lomaxzig.go). Lambda gives the
// scale function λ(η) = η^{−1}H(η^{−1}).
package noise

import "github.com/htsgd/htsgd/rng"

// Law is the law of one noise increment Z in one dimension, centred so that
// E Z = 0.
type Law interface {
	// Name returns the law's name ("pareto", "lomax", "student-t",
	// "stable", "gaussian"; the names New accepts).
	Name() string
	// Sample draws one Z using r, exactly (no approximation of the law).
	// r is the simulation kernel's xoshiro256++ generator (package rng).
	Sample(r *rng.Rand) float64
	// CDF returns P(Z ≤ x): in closed form (to rounding), or for the
	// stable law by numerical integration to a relative error below 1e-10.
	CDF(x float64) float64
	// Tail returns H(x) = P(|Z| > x) for x ≥ 0 (and 1 for x < 0),
	// computed directly rather than as 1 − CDF so that it keeps its
	// relative precision for large x.
	Tail(x float64) float64
	// HeavyTailed reports whether H is regularly varying with index −α,
	// α > 1, so that the heavy-tail theory applies. It is false for the
	// Gaussian law.
	HeavyTailed() bool
	// Alpha returns the tail index α; NaN when HeavyTailed is false.
	Alpha() float64
	// PPlus returns p_+ = lim P(Z > x)/H(x); NaN when HeavyTailed is false.
	PPlus() float64
}

// The five laws satisfy Law as values.
var (
	_ Law = Pareto{}
	_ Law = Lomax{}
	_ Law = StudentT{}
	_ Law = Stable{}
	_ Law = Gaussian{}
)
