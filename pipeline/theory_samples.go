package pipeline

import (
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// The theory-sample policy. On R^d the theory's constants C* and landing
// laws are Monte Carlo integrals (docs/theory.md §9.3) with n paths per
// minimum set (the command line's -theory-samples; 0 means
// theory.DefaultSamples), drawn from streams seeded by the scenario seed
// alone, so a prediction is a function of (scenario, n). The records of a
// first-exit run do not depend on n but its report does: a record file
// keeps the n it was made with, and a run resumed or merged from it must
// be reported with the same effective n. On the real line the theory is
// exact and n must stay 0.

// TheorySamples returns the effective number of Monte Carlo paths per
// minimum set for the setting n: n, or theory.DefaultSamples for n ≤ 0.
func TheorySamples(n int) int {
	if n <= 0 {
		return theory.DefaultSamples
	}
	return n
}

// CheckTheorySamples reports whether n is a valid number of theory samples
// for p: n ≥ 0, and n = 0 unless p's theory is a Monte Carlo integral (a
// plan on R^d; Build's plans on the real line take the exact recursion).
// The error is a *param.Error named theory.Options.Samples, which
// scenario.FieldOf names -theory-samples.
func CheckTheorySamples(p *scenario.Plan, n int) error {
	switch {
	case n < 0:
		return param.Errorf("theory.Options.Samples", "must be ≥ 0, got %d", n)
	case n > 0 && p.Dim() == 1:
		return param.Errorf("theory.Options.Samples", "only R^d scenarios compute C* by Monte Carlo (this one is 1-D)")
	}
	return nil
}

// checkTheorySamples reports whether records made with the setting stored
// may be reported with the setting n: the same effective number of paths.
func checkTheorySamples(stored, n int) error {
	if TheorySamples(stored) != TheorySamples(n) {
		return param.Errorf("theory.Options.Samples", "the records were made with %d Monte Carlo paths per minimum set, got %d",
			TheorySamples(stored), TheorySamples(n))
	}
	return nil
}

// TheoryOptions returns the options of the theory's predictions for p with
// the setting samples (see TheorySamples): the paths per minimum set,
// intervals at the level of the exit rows (95%), and a seed that is a
// function of the scenario seed only, drawn from mc.TheoryKey, so that the
// predictions are reproducible and their streams disjoint from every
// simulation's (the prediction never sees a simulated path: DESIGN.md,
// "Walls"). The exact recursion of the real line ignores all but the level.
func TheoryOptions(p *scenario.Plan, samples int) theory.Options {
	return theory.Options{Samples: samples, Seed: mc.TheoryKey(p.Run.Seed).Rand(0).Uint64(), Level: exitLevel}
}
