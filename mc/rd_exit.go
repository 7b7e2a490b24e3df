package mc

import (
	"context"
	"fmt"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// FirstExitRd is the first-exit experiment in R^d (THEORY.md sections 3
// and 5): from Start, run until X leaves the basin Ω_i containing Start,
// τ = min{n : X_n ∉ Ω_i}, or until MaxSteps.
type FirstExitRd struct {
	SystemRd
	// Start is X_0.
	Start []float64
	// MaxSteps is the step cap; a replica reaching it is censored.
	MaxSteps int64
}

// Basin returns the index of the basin the experiment exits.
func (e FirstExitRd) Basin() int { return e.Basins.Locate(e.Start) }

// Validate reports whether the experiment can run.
func (e FirstExitRd) Validate() error {
	if err := e.SystemRd.Validate(); err != nil {
		return err
	}
	if e.MaxSteps < 1 {
		return fmt.Errorf("max_steps: must be ≥ 1, got %d", e.MaxSteps)
	}
	if err := e.checkStart(e.Start); err != nil {
		return err
	}
	if e.Basin() == landscapes.NoBasin {
		return fmt.Errorf("start_x: %v is outside every basin", e.Start)
	}
	return nil
}

// Run simulates one replica with the randomness of r: per step one
// gradient, one radius and one direction draw (noise.Radial.Sample), the
// clipped projected step (StepRd), and the basin test: a point within
// Basins.Core(i) of the start basin's minimum set is inside without further
// work, any other point is located with Basins.Locate. It watches ctx
// every 2^16 steps and returns ctx.Err() when cancelled. Landing is the
// basin of X_τ (landscapes.NoBasin outside every basin).
func (e FirstExitRd) Run(ctx context.Context, r *rng.Rand) (ExitRecord, error) {
	basin := e.Basin()
	st := newRdState(e.Start)
	var (
		n       int64
		out     bool
		landing int
	)
	// Instantiate the kernel on the concrete landscape types, so that the
	// gradient is not an interface call (the general path makes one per
	// step).
	switch l := e.Landscape.(type) {
	case landscapes.QuadraticRd:
		n, out, landing = rdExitKernel(ctx, l, e.Basins, e.Noise, r, st, e.Eta, e.B, e.domain(), basin, e.MaxSteps)
	case landscapes.HimmelblauModified:
		n, out, landing = rdExitKernel(ctx, l, e.Basins, e.Noise, r, st, e.Eta, e.B, e.domain(), basin, e.MaxSteps)
	case landscapes.GaussianWells:
		n, out, landing = rdExitKernel(ctx, l, e.Basins, e.Noise, r, st, e.Eta, e.B, e.domain(), basin, e.MaxSteps)
	default:
		n, out, landing = rdExitKernel(ctx, e.Landscape, e.Basins, e.Noise, r, st, e.Eta, e.B, e.domain(), basin, e.MaxSteps)
	}
	if err := ctx.Err(); err != nil && !out && n < e.MaxSteps {
		return ExitRecord{}, err
	}
	if !out {
		return ExitRecord{Steps: n, Censored: true, Landing: NoLanding}, nil
	}
	return ExitRecord{Steps: n, Landing: landing}, nil
}

// rdExitKernel iterates StepRd from st.x until it leaves basin or until
// maxSteps; it returns the steps taken, whether the basin was left and the
// landing basin.
func rdExitKernel[L landscapes.Landscape](ctx context.Context, l L, bs landscapes.Basins, z noise.Radial, r *rng.Rand,
	st *rdState, eta, b float64, dom landscapes.Ball, basin int, maxSteps int64) (int64, bool, int) {
	set := bs.MinimumSets()[basin]
	core := bs.Core(basin)
	core2 := core * core
	x, g, w := st.x, st.g, st.z
	var n int64
	for n < maxSteps {
		chunk := min(maxSteps-n, cancelCheckSteps)
		for i := int64(0); i < chunk; i++ {
			l.Gradient(g, x)
			z.Sample(r, w)
			StepRd(x, g, w, eta, b, dom)
			if set.Dist2(x) < core2 {
				continue
			}
			if lab := bs.Locate(x); lab != basin {
				return n + i + 1, true, lab
			}
		}
		n += chunk
		if ctx.Err() != nil {
			return n, false, NoLanding
		}
	}
	return n, false, NoLanding
}

// RunExitsRd runs replicas [first, last) of e with the streams of key on
// workers goroutines (replica k uses key.Rand(k), so results do not depend
// on scheduling). On cancellation it returns the finished replicas with
// ctx.Err(). onDone, if not nil, is called after each replica.
func RunExitsRd(ctx context.Context, e FirstExitRd, key StreamKey, first, last, workers int, onDone func(ExitRecord)) (ExitResult, error) {
	indices := make([]int, max(0, last-first))
	for i := range indices {
		indices[i] = first + i
	}
	return RunExitsRdOf(ctx, e, key, indices, workers, onDone)
}

// RunExitsRdOf runs the replicas of e whose indices are listed (strictly
// increasing, non-negative), with the streams of key; replica k draws the
// same numbers as in RunExitsRd, so a resumed run, which lists the replicas
// it does not have yet, reproduces the uninterrupted one. It returns the
// finished ones in replica order, and ctx.Err() when cancelled.
func RunExitsRdOf(ctx context.Context, e FirstExitRd, key StreamKey, indices []int, workers int, onDone func(ExitRecord)) (ExitResult, error) {
	if err := checkIndices(indices); err != nil {
		return ExitResult{}, err
	}
	if err := e.Validate(); err != nil {
		return ExitResult{}, err
	}
	run := func(ctx context.Context, i int) (ExitRecord, error) {
		rec, err := e.Run(ctx, key.Rand(indices[i]))
		rec.Replica = indices[i]
		return rec, err
	}
	var cb func(int, ExitRecord)
	if onDone != nil {
		cb = func(_ int, r ExitRecord) { onDone(r) }
	}
	results, done, err := Replicas(ctx, 0, len(indices), workers, run, cb)
	out := ExitResult{Requested: len(indices)}
	for i, r := range results {
		if done[i] {
			out.Records = append(out.Records, r)
		}
	}
	return out, err
}
