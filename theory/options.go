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

// MaxSamples bounds Options.Samples (10^7 paths per minimum set): the
// relative standard error of C* falls like 1/√(contributing paths), so
// 10^7 resolve it far beyond the pre-asymptotic bias of any finite η, and
// the bootstrap keeps 8(n+1) bytes per contributing path (about 400 MB at
// the limit for a few minimum sets).
const MaxSamples = 10_000_000

// MaxCrossCheckSamples bounds the paths per side of CrossCheck (10^9):
// its standard error at the command's default 2·10^5 is already about
// 10^{−3} relative; beyond 10^9 a cross-check takes hours.
const MaxCrossCheckSamples = 1_000_000_000

// withDefaults fills the zero fields for dimension d and checks Level.
func (o Options) withDefaults(d int) (Options, error) {
	if o.Samples <= 0 {
		o.Samples = DefaultSamples
	}
	if o.Samples > MaxSamples {
		return o, param.Errorf("theory.Options.Samples", "must be ≤ %d (theory.MaxSamples: the error of C* is then far below any finite-η bias, and the bootstrap keeps every contributing path), got %d", MaxSamples, o.Samples)
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
