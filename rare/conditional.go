package rare

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// Conditional samples one noise law split at a threshold x > 0 into its tail
// {|Z| > x} and its bulk {|Z| ≤ x}. The importance sampler of docs/theory.md
// §13 calls a noise "big" when |ηZ| > γ, that is |Z| > x = γ/η, and
// needs both conditional laws:
//
//	tail:  P(Z ∈ · | |Z| > x),      mass H(x) = P(|Z| > x)
//	bulk:  P(Z ∈ · | |Z| ≤ x),      mass 1 − H(x)
//
// Drawing the first with probability H(x) and the second otherwise
// reproduces the law of Z exactly; that is what makes the likelihood ratio of
// the sampler exact (see Estimate).
type Conditional interface {
	// Law returns the unconditional law.
	Law() noise.Law
	// Threshold returns x.
	Threshold() float64
	// TailProb returns H(x) = P(|Z| > x), the probability that one noise is
	// big. It is the law's own Tail(x), so that the sampler, the event B and
	// its probability use one number.
	TailProb() float64
	// Tail draws Z conditioned on |Z| > x.
	Tail(r *rng.Rand) float64
	// Bulk draws Z conditioned on |Z| ≤ x.
	Bulk(r *rng.Rand) float64
	// Exact reports whether both samplers are exact by closed-form
	// inversion (pareto, lomax) rather than by numerical inversion of the
	// law's CDF to a relative tolerance of 1e-12 (every other law).
	Exact() bool
}

// NewConditional returns the conditional samplers of law at the threshold
// x > 0: exact closed-form inversion for noise.Pareto and noise.Lomax
// (pairConditional), numerical inversion of the law's Tail and CDF for every
// other law (numericConditional).
//
// The error names "gamma" (x = γ/η comes from it) when x is not positive and
// finite, and when H(x) is 0 or 1, where one of the two conditional laws does
// not exist (a light tail that underflows at x, or x below the support of
// |Z|).
func NewConditional(law noise.Law, x float64) (Conditional, error) {
	if law == nil {
		return nil, fmt.Errorf("noise: missing")
	}
	if !(x > 0) || math.IsInf(x, 0) {
		return nil, fmt.Errorf("gamma: the threshold γ/η on |Z| must be positive and finite, got %v", x)
	}
	h := law.Tail(x)
	if !(h > 0) {
		return nil, fmt.Errorf("gamma: P(|Z| > γ/η) = H(%g) is 0 for the %s law: no noise is ever big at this γ and η",
			x, law.Name())
	}
	if !(h < 1) {
		return nil, fmt.Errorf("gamma: P(|Z| > γ/η) = H(%g) is 1 for the %s law: every noise is big at this γ and η",
			x, law.Name())
	}
	switch l := law.(type) {
	case noise.Pareto:
		return newPairConditional(l, l, l.PPlus(), l.Mu(), x), nil
	case noise.Lomax:
		return newPairConditional(l, l, l.PPlus(), l.Mu(), x), nil
	}
	return newNumericConditional(law, x), nil
}
