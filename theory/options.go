package theory

import "github.com/htsgd/htsgd/param"

// Options tune the numerical work of the Monte Carlo constants C* (docs/theory.md
// §9.3) and the level of the intervals around them. Zero fields take the
// defaults. The exact one-dimensional recursion ignores every field but
// Level.
type Options struct {
	// Samples is the number of Monte Carlo paths per minimum set for C*
	// and the landing law (default DefaultSamples).
	Samples int
	// Seed seeds the Monte Carlo streams (minimum set i uses
	// rng.New(Seed, i)).
	Seed uint64
	// Directions is the number of ray directions for the pair distances,
	// the radius r_i (when the Basins have no Radius method) and the
	// contraction check (default 720 in 2-D, 2000 otherwise).
	Directions int
	// ScanPoints is the number of points of the geometric grid of jump
	// sizes scanned along each last-jump ray (default 48).
	ScanPoints int
	// SmallJump is ε/r_i for basins whose flow is not contracting: jumps
	// smaller than ε·r_i and gaps longer than the flow's return to within
	// ε·r_i of the minimum set are neglected (default 0.05; see
	// monteCarloRates).
	SmallJump float64
	// SearchPaths is the number of random paths tried per jump count in
	// the J search of non-contracting basins (default 20000).
	SearchPaths int
	// Level is the confidence level of the intervals of PredictExit
	// (default 0.95); it must lie in (0, 1).
	Level float64
	// Resamples is the number of bootstrap resamples of the rates behind
	// the intervals of the stationary law and the time fractions
	// (Analysis.StationaryCI; default 999; negative: none, and those
	// intervals are unavailable).
	Resamples int
}

// DefaultSamples is the number of Monte Carlo paths per minimum set of
// Options.Samples when it is not set.
const DefaultSamples = 20000

// withDefaults fills the zero fields for dimension d and checks Level.
func (o Options) withDefaults(d int) (Options, error) {
	if o.Samples <= 0 {
		o.Samples = DefaultSamples
	}
	if o.Directions <= 0 {
		o.Directions = 2000
		if d == 2 {
			o.Directions = 720
		}
	}
	if o.ScanPoints <= 0 {
		o.ScanPoints = 48
	}
	if o.SmallJump <= 0 {
		o.SmallJump = 0.05
	}
	if o.SearchPaths <= 0 {
		o.SearchPaths = 20000
	}
	if o.Level <= 0 {
		o.Level = 0.95
	}
	if o.Resamples == 0 {
		o.Resamples = defaultResamples
	}
	if !(o.Level < 1) {
		return o, param.Errorf("theory.Options.Level", "must lie in (0, 1), got %v", o.Level)
	}
	return o, nil
}
