package main

import (
	"context"
	"errors"
	"flag"
	"io"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// runTheory implements `verify theory`: the predictions of the theory for a
// scenario, computed (never fitted), in any dimension
// (pipeline.TheoryReport). -check, the cross-check of the exact recursion
// by an independent Monte Carlo integral, applies where the rates are exact
// (the real line); elsewhere the rates are themselves Monte Carlo
// integrals, reported with their standard errors.
func runTheory(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("theory", flag.ContinueOnError)
	var sf scenarioFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	legend := fs.Bool("legend", true, "explain the terms and columns at the end (-legend=false: without)")
	check := fs.Bool("check", false, "add the independent Monte Carlo cross-check of every rate constant (exact rates only)")
	samples := fs.Int("check-samples", 200000, "Monte Carlo paths per side of each minimum for -check")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *samples < 1 {
		return badInputf("flag -check-samples: must be ≥ 1, got %d", *samples)
	}
	p, err := sf.plan(ctx)
	if err != nil {
		return err
	}
	n := 0
	if *check {
		n = *samples
	}
	rep, err := pipeline.TheoryReport(ctx, p, theoryOptions(p, sf.theorySamples), n)
	switch {
	case errors.Is(err, theory.ErrNotApplicable):
		return badInputf("flag -check: not available for this scenario: its rates are Monte Carlo integrals (C*), "+
			"reported with their standard errors (raise -theory-samples to narrow them): %v", err)
	case err != nil:
		return sf.attribute(badInputOf(err))
	}
	if rep.Analysis != nil {
		printWarnings(stderr, p)
	}
	if *asJSON {
		return report.WriteJSON(stdout, rep)
	}
	return report.WriteTheoryText(stdout, pipeline.SettingOf(p), rep, report.TextOptions{Legend: *legend})
}
