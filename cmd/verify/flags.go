package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/scenario"
)

// scenarioFlags are the flags every command uses to choose its scenario.
type scenarioFlags struct {
	path string
	b    string
	law  string
	// theorySamples is -theory-samples (R^d scenarios only; 0: the
	// theory's default; see pipeline.TheorySamples).
	theorySamples int
}

// register registers -scenario, -b, -law and -theory-samples.
func (s *scenarioFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.path, "scenario", "", "scenario `file` (TOML); the built-in default when absent")
	fs.StringVar(&s.b, "b", "", "override the truncation threshold: a positive number, or 'inf' for no truncation")
	fs.StringVar(&s.law, "law", "", "override the noise law (pareto, lomax, student-t, stable, gaussian)")
	registerTheorySamples(fs, &s.theorySamples)
}

// registerTheorySamples registers -theory-samples (pipeline.TheorySamples).
func registerTheorySamples(fs *flag.FlagSet, p *int) {
	fs.IntVar(p, "theory-samples", 0, "R^d scenarios: Monte Carlo paths per minimum set for the constants C* and the landing law (0: 20000)")
}

// load reads the scenario (the built-in default without -scenario),
// applies -b and -law, and validates it. Every error is bad input.
func (s *scenarioFlags) load() (*scenario.Scenario, error) {
	var sc *scenario.Scenario
	if s.path == "" {
		sc = scenario.Default()
	} else {
		var err error
		if sc, err = scenario.Load(s.path); err != nil {
			var fe *scenario.FieldError
			if !errors.As(err, &fe) { // the file could not be read
				err = &scenario.FieldError{Field: "-scenario", Err: err}
			}
			return nil, badInput(err)
		}
	}
	if s.b != "" {
		switch strings.ToLower(s.b) {
		case "inf", "+inf", "none":
			sc = sc.WithoutTruncation()
		default:
			b, err := strconv.ParseFloat(s.b, 64)
			if err != nil || !(b > 0) || math.IsInf(b, 0) {
				return nil, badInputf("flag -b: want a positive number or 'inf', got %q", s.b)
			}
			sc = sc.Clone()
			sc.SGD.B = &b
		}
	}
	if s.law != "" {
		var err error
		if sc, err = sc.WithLaw(s.law); err != nil {
			return nil, badInput(fmt.Errorf("flag -law: %w", err))
		}
	}
	if err := sc.Validate(); err != nil {
		return nil, s.attribute(badInput(err))
	}
	return sc, nil
}
