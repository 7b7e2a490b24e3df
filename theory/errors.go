package theory

import "errors"

// Errors of this package that are not about a bad parameter (those are
// *param.Error values naming the parameter, such as "theory.Model.B"). Test
// for them with errors.Is.
var (
	// ErrNotApplicable reports that the heavy-tail theory says nothing
	// about the input: a light-tailed noise law (the Gaussian contrast has
	// no tail index α, so λ(η), J_i and every rate are undefined), or a
	// check that needs the one-dimensional fast path. The wrapping error
	// gives the reason.
	ErrNotApplicable = errors.New("the heavy-tail theory does not apply")

	// ErrNoLimitChain reports a question about the single limiting chain of
	// an analysis that has none: the typical transition graph is reducible,
	// or its only class is transient (killed). Ask the classes instead.
	ErrNoLimitChain = errors.New("no single limiting chain (reducible graph or killed chain); use the classes")

	// ErrNoResamples reports an interval asked of a Monte Carlo analysis
	// made without bootstrap resamples (Options.Resamples < 0).
	ErrNoResamples = errors.New("the analysis kept no bootstrap resamples (Options.Resamples < 0)")
)
