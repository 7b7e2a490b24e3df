package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// runDynamicsRd implements `verify dynamics` for an R^d scenario: long
// trajectories from the scenario's starts ([dynamics] replicas and steps;
// radius is the visiting distance), for each variant and η, against the
// stationary law of the limiting chain and the first-order time fractions.
func runDynamicsRd(ctx context.Context, sc *scenario.Scenario, samples int, opt pipeline.DynamicsOptions, asJSON bool, stdout, stderr io.Writer) error {
	b, err := buildRd(sc)
	if err != nil {
		return err
	}
	printWarningsRd(stderr, b)
	total := int64(sc.Dynamics.Replicas) * int64(len(b.Etas)) * int64(len(opt.Variants))
	prog := newProgress(stderr, total, "trajectories")
	opt.OnReplica = func() { prog.Add(1) }
	rep, runErr := pipeline.RunDynamicsRd(ctx, sc, b, opt, theoryOptionsRd(sc, samples))
	prog.Close()
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return fieldErrorIsBadInput(runErr)
	}
	if asJSON {
		err = report.WriteJSON(stdout, rep)
	} else {
		fmt.Fprintf(stdout, "dynamics in R^d — scenario %s (%s)\n", sc.Name, dimensionString(b))
		err = report.WriteDynamicsRdText(stdout, rep)
	}
	if err != nil {
		return err
	}
	return runErr
}
