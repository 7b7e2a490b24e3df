package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// rdTuning holds the numerical options of R^d builds and predictions. The
// zero value, which the command always uses, means the packages' defaults
// (scenario.BuildRd's basin map, theory.RdOptions' ray directions); tests
// make them coarse so that the modified Himmelblau scenario builds in a
// fraction of a second.
var rdTuning struct {
	basins     landscapes.BasinMapOptions
	directions int
}

// registerTheorySamples registers -theory-samples.
func registerTheorySamples(fs *flag.FlagSet, p *int) {
	fs.IntVar(p, "theory-samples", 0, "R^d scenarios: Monte Carlo paths per minimum set for the constants C* and the landing law (0: 20000)")
}

// checkTheorySamples validates -theory-samples n for scenario sc.
func checkTheorySamples(n int, sc *scenario.Scenario) error {
	switch {
	case n < 0:
		return badInputf("flag -theory-samples: must be ≥ 0, got %d", n)
	case n > 0 && !sc.IsRd():
		return badInputf("flag -theory-samples: only R^d scenarios compute C* by Monte Carlo (this one is 1-D)")
	}
	return nil
}

// buildRd builds an R^d scenario (with rdTuning's basin-map options); a
// build error is bad input.
func buildRd(sc *scenario.Scenario) (*scenario.BuiltRd, error) {
	b, err := sc.BuildRdWith(rdTuning.basins)
	if err != nil {
		return nil, badInput(err)
	}
	return b, nil
}

// theoryOptionsRd returns the options of the R^d predictions: samples paths
// per minimum set, seeded from the scenario (pipeline.TheoryOptionsRd).
func theoryOptionsRd(sc *scenario.Scenario, samples int) theory.RdOptions {
	opt := pipeline.TheoryOptionsRd(sc, samples)
	opt.Directions = rdTuning.directions
	return opt
}

// analyseRd computes the theory's analysis of an R^d scenario, or nil and a
// note when it does not apply (light-tailed noise). An error that names a
// scenario key is bad input.
func analyseRd(sc *scenario.Scenario, b *scenario.BuiltRd, samples int) (*theory.AnalysisRd, []string, error) {
	a, notes, err := pipeline.AnalyseRd(b, theoryOptionsRd(sc, samples))
	return a, notes, fieldErrorIsBadInput(err)
}

// fieldErrorIsBadInput marks err as bad input when it is a
// *scenario.FieldError (it names a scenario key).
func fieldErrorIsBadInput(err error) error {
	var fe *scenario.FieldError
	if errors.As(err, &fe) {
		return badInput(err)
	}
	return err
}

// printWarningsRd writes a built R^d scenario's warnings to stderr.
func printWarningsRd(stderr io.Writer, b *scenario.BuiltRd) {
	for _, w := range b.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
}

// dimensionString renders "d = 2".
func dimensionString(b *scenario.BuiltRd) string {
	return fmt.Sprintf("d = %d", b.Landscape.Dim())
}
