// Package noise provides the noise laws of truncated heavy-tailed SGD: exact
// samplers, exact tails H(x) = P(|Z| > x), the tail index α and the
// asymmetry p_+ (THEORY.md section 1).
package noise

import "math/rand/v2"

// Law is the law of one noise increment Z in one dimension, centred so that
// E Z = 0.
type Law interface {
	// Name returns the law's name as used in scenario files ("pareto",
	// "lomax", "student-t", "stable", "gaussian").
	Name() string
	// Sample draws one Z using r.
	Sample(r *rand.Rand) float64
	// CDF returns P(Z ≤ x), exactly or to near machine precision.
	CDF(x float64) float64
	// Tail returns H(x) = P(|Z| > x) for x ≥ 0.
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
