package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// tuning holds the numerical options of builds and predictions. The zero
// value, which the command always uses, means the packages' defaults (the
// basin map of scenario.Build, the ray directions of theory.Options); tests
// make them coarse so that the modified Himmelblau scenario builds in a
// fraction of a second.
var tuning struct {
	build      scenario.BuildOptions
	directions int
}

// plan reads, overrides and validates the scenario the flags choose
// (scenarioFlags.load) and builds its plan, checking -theory-samples
// against it. Every error is bad input (an error of sgd.b names the flag
// -b when -b set it), but an interruption (ctx cancelled while a basin map
// is built).
func (s *scenarioFlags) plan(ctx context.Context) (*scenario.Plan, error) {
	sc, err := s.load()
	if err != nil {
		return nil, err
	}
	p, err := buildPlan(ctx, sc, s.theorySamples)
	return p, s.attribute(err)
}

// analyse is analyse for the plan of the flags: an error of sgd.b names
// the flag -b when -b set it.
func (s *scenarioFlags) analyse(ctx context.Context, p *scenario.Plan) (*theory.Analysis, []string, error) {
	a, notes, err := analyse(ctx, p, s.theorySamples)
	return a, notes, s.attribute(err)
}

// attribute returns err with an error of the key sgd.b turned into one of
// the flag -b when the flag set b (so the user sees what to change).
func (s *scenarioFlags) attribute(err error) error {
	var fe *scenario.FieldError
	if s.b == "" || !errors.As(err, &fe) || fe.Field != "sgd.b" {
		return err
	}
	return badInput(&scenario.FieldError{Field: "-b", Err: fe.Err})
}

// buildPlan builds the plan of sc (with tuning's basin-map options) for a
// run reported with theorySamples (pipeline.CheckTheorySamples). Every
// error is bad input, but an interruption (ctx cancelled while a basin map
// is built), returned as ctx.Err().
func buildPlan(ctx context.Context, sc *scenario.Scenario, theorySamples int) (*scenario.Plan, error) {
	p, err := sc.BuildContext(ctx, tuning.build)
	if err != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, badInput(err)
	}
	if err := pipeline.CheckTheorySamples(p, theorySamples); err != nil {
		return nil, badInputOf(err)
	}
	return p, nil
}

// theoryOptions returns the options of the theory's predictions for p with
// -theory-samples samples (pipeline.TheoryOptions) and tuning's ray
// directions.
func theoryOptions(p *scenario.Plan, samples int) theory.Options {
	opt := pipeline.TheoryOptions(p, samples)
	opt.Directions = tuning.directions
	return opt
}

// analyse returns the theory's analysis of p (pipeline.Analyse), or nil
// and a note when the theory does not apply. An error that names a
// scenario key or a flag is bad input; cancelling ctx stops the analysis.
func analyse(ctx context.Context, p *scenario.Plan, samples int) (*theory.Analysis, []string, error) {
	a, notes, err := pipeline.Analyse(ctx, p, theoryOptions(p, samples))
	return a, notes, badInputOf(err)
}

// badInputOf returns err in the vocabulary of scenario files
// (scenario.FieldOf), marked as bad input when it names a scenario key or
// a flag; other errors (a failed run, an interruption) are returned as
// they are.
func badInputOf(err error) error {
	err = scenario.FieldOf(err)
	var fe *scenario.FieldError
	if errors.As(err, &fe) {
		return badInput(err)
	}
	return err
}

// printWarnings writes a plan's warnings to stderr.
func printWarnings(stderr io.Writer, p *scenario.Plan) {
	for _, w := range p.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
}
