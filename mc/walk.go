package mc

import (
	"context"

	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
)

// walkChunk is the number of steps a walk hands to its observer at a time:
// large enough that the observer's call costs nothing per step, small
// enough that the iterates stay in the first-level cache, and a divisor of
// cancelCheckSteps.
const walkChunk = 1 << 10

// Observer sees the iterates of a Walk, one chunk of consecutive steps at
// a time: the way to run a long path of the SGD recursion with bookkeeping
// of one's own (histograms, occupation times, sample-path replays) on the
// kernels of the experiments, with one interface call per chunk instead of
// one per step.
type Observer interface {
	// Observe receives the iterates X_n, X_{n+1}, …, X_{n+m−1}, n = first,
	// as m consecutive points of d coordinates each (len(xs) = m·d,
	// 1 ≤ m ≤ 1024). xs is reused once Observe returns. A non-nil error
	// stops the walk, which returns it.
	Observe(first int64, xs []float64) error
}

// ObserverFunc is an Observer written as a function.
type ObserverFunc func(first int64, xs []float64) error

// Observe calls f(first, xs).
func (f ObserverFunc) Observe(first int64, xs []float64) error { return f(first, xs) }

// Walk is a path of Steps steps of the SGD recursion from Start, X_1, …,
// X_Steps, seen by an Observer. Its draws and arithmetic are those of
// FirstExit and Trajectory: for the same generator a walk visits the
// points a trajectory visits.
type Walk struct {
	System
	// Start is X_0 (d coordinates).
	Start []float64
	// Steps is the number of steps N.
	Steps int64
}

// Validate reports whether the walk can run. Errors are *param.Error
// (System.Validate, "mc.Walk.Steps", "mc.Walk.Start").
func (w Walk) Validate() error {
	if err := w.System.Validate(); err != nil {
		return err
	}
	if w.Steps < 1 {
		return param.Errorf("mc.Walk.Steps", "must be ≥ 1, got %d", w.Steps)
	}
	return w.checkStart("mc.Walk.Start", w.Start, false)
}

// Run runs the walk with the randomness of r, handing the iterates to obs
// in chunks of at most 1024 steps. It watches ctx every 2^16 steps and
// returns ctx.Err() when it is cancelled before the last step, or the
// first error of obs. It does not validate w (see Validate).
func (w Walk) Run(ctx context.Context, r *rng.Rand, obs Observer) error {
	next := w.walker(r)
	d := w.Dim()
	buf := make([]float64, min(w.Steps, walkChunk)*int64(d))
	for done := int64(0); done < w.Steps; {
		m := min(w.Steps-done, walkChunk)
		xs := buf[:m*int64(d)]
		next(xs)
		if err := obs.Observe(done+1, xs); err != nil {
			return err
		}
		done += m
		if done%cancelCheckSteps == 0 && done < w.Steps {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// walker returns the function that advances the walk by len(xs)/d steps,
// storing the iterates in xs: the walk kernel of the system's path.
func (w Walk) walker(r *rng.Rand) func(xs []float64) {
	if l, ok := w.line(); ok {
		kernel, _ := lineWalkKernelFor(l.curve, l.law)
		p := lineParams{eta: w.Eta, b: w.B, lo: l.lo, hi: l.hi}
		x := w.Start[0]
		return func(xs []float64) { x = kernel(r, p, x, xs) }
	}
	dom, p := w.vector(-1)
	kernel, _ := vectorWalkKernelFor(w.Landscape, w.Noise, dom)
	d := w.Dim()
	x, g, z := append([]float64(nil), w.Start...), make([]float64, d), make([]float64, d)
	return func(xs []float64) { kernel(r, p, x, g, z, xs) }
}
