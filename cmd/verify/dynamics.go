package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"strings"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
)

// runDynamics implements `verify dynamics`: long trajectories against the
// limiting Markov jump process, truncated, untruncated and Gaussian side by
// side (pipeline.RunDynamics), in any dimension.
func runDynamics(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dynamics", flag.ContinueOnError)
	var sf scenarioFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of tables")
	legend := fs.Bool("legend", true, "explain the terms and columns at the end (-legend=false: without)")
	workers := fs.Int("workers", 0, "number of worker goroutines (0: GOMAXPROCS)")
	variants := fs.String("variants", "truncated,untruncated,gaussian", "comma-separated variants to run side by side")
	sigma := fs.Float64("gaussian-scale", 1, "standard deviation σ of the Gaussian variant (the paper uses 1)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *workers < 0 {
		return badInputf("flag -workers: must be ≥ 0, got %d", *workers)
	}
	if !(*sigma > 0) {
		return badInputf("flag -gaussian-scale: must be positive, got %v", *sigma)
	}
	var vs []string
	for _, v := range strings.Split(*variants, ",") {
		v = strings.TrimSpace(v)
		switch v {
		case pipeline.VariantTruncated, pipeline.VariantUntruncated, pipeline.VariantGaussian:
			vs = append(vs, v)
		default:
			return badInputf("flag -variants: unknown variant %q (want truncated, untruncated, gaussian)", v)
		}
	}
	sc, err := sf.load()
	if err != nil {
		return err
	}
	if sc.Dynamics == nil {
		return badInputf("scenario: dynamics: the scenario has no [dynamics] table (replicas, steps, radius, times)")
	}
	p, err := buildPlan(ctx, sc, sf.theorySamples)
	if err != nil {
		return sf.attribute(err)
	}
	printWarnings(stderr, p)
	// Every trajectory runs the same number of steps at every η: progress
	// counts trajectories, each predicted to take one unit.
	prog := newProgress(stderr, "trajectories", []workCell{{Units: int64(p.Dynamics.Replicas) * int64(len(p.Etas)) * int64(len(vs)), Predicted: 1}})
	rep, runErr := pipeline.RunDynamics(ctx, p, pipeline.DynamicsOptions{
		Workers: *workers, Variants: vs, GaussianScale: *sigma, Theory: theoryOptions(p, sf.theorySamples),
		OnReplica: func() { prog.Done(0, 1) },
	})
	prog.Close()
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return sf.attribute(badInputOf(runErr))
	}
	if *asJSON {
		err = report.WriteJSON(stdout, rep)
	} else {
		err = report.WriteDynamicsText(stdout, pipeline.SettingOf(p), rep, report.TextOptions{Legend: *legend})
	}
	if err != nil {
		return err
	}
	return runErr
}
