package main

import (
	"errors"
	"fmt"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/rare"
	"github.com/htsgd/htsgd/scenario"
)

// rareWindows estimates the windows a rare-event run of p draws, for the
// progress line: run.samples per cell, and a pilot of a quarter of that
// before each (rare.DefaultPilotFraction; a pilot that sees too few exits
// is repeated larger, which the estimate does not foresee).
func rareWindows(p *scenario.Plan) int64 {
	cells := int64(len(p.Etas)) * int64(len(p.Starts))
	return cells * int64(float64(p.Run.Samples)*(1+rare.DefaultPilotFraction))
}

// isRefusal reports whether err is the rare-event estimator's refusal of a
// design (*rare.DesignError).
func isRefusal(err error) bool {
	var de *rare.DesignError
	return errors.As(err, &de)
}

// refusalError is the command's error for a refused design: bad input
// (exit status 2), since what the estimator needs is more of the budget
// the user gave it, named with what to change: run.samples when even a
// pilot as large as the run had too few exits to check a design, the
// step size when the start transient outlasted the largest lengthening
// of the design.
func refusalError(cmd string, p *scenario.Plan, err error) error {
	var de *rare.DesignError
	errors.As(err, &de)
	d := de.Last.Diagnostics
	switch de.Reason {
	case rare.ReasonTooFewExits:
		return badInputf("%s: no design could be checked within run.samples = %d windows: the largest pilot (%d windows) had %.3g effective exits, and a design is checked on at least %d; raise run.samples (the table shows the refused cells)",
			cmd, p.Run.Samples, de.Last.Samples, d.ESS.Value, rare.MinESS)
	case rare.ReasonTransient:
		return badInputf("%s: the start transient was not over even with the warm-up and burn-in %g times the design rule's (the largest lengthening): hazard ratio %.3g [%.3g, %.3g], transient bias %.3g; the estimator cannot be trusted at this η (a larger η, or brute force with -method bf; the table shows the refused cells)",
			cmd, de.Last.Stretch, d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High, d.TransientBias.Value)
	}
	return badInputf("%s: %v", cmd, err)
}

// rareError maps the other errors of a rare-event run: a plan the
// estimator does not apply to, or a parameter the scenario sets, is bad
// input; anything else is returned as it is.
func rareError(err error) error {
	if errors.Is(err, pipeline.ErrRareNotApplicable) {
		return badInput(fmt.Errorf("flag -method: is: %w", err))
	}
	return badInputOf(err)
}
