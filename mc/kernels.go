package mc

import (
	"context"

	"github.com/htsgd/htsgd/rng"
)

// The kernels in kernels_gen.go are copies of exitKernel, exitKernelPair
// and trajectoryKernel specialised to the concrete curves and laws of packages
// landscapes and noise, so that every Deriv and Sample is a direct call
// that the compiler can inline; see mc/internal/kernelgen.
//
//go:generate go run ./internal/kernelgen -o kernels_gen.go

// exitFunc is an exit kernel bound to its curve and law (exitKernelFor).
type exitFunc func(ctx context.Context, r *rng.Rand, p exitParams, x float64, maxSteps int64) (float64, int64, bool)

// exitPairFunc is a two-replica exit kernel bound to its curve and law
// (exitPairKernelFor).
type exitPairFunc func(ra, rb *rng.Rand, p exitParams, xa, xb float64, steps int64) (float64, float64, int64, bool, bool)

// trajectoryFunc is a trajectory kernel bound to its curve and law
// (trajectoryKernelFor).
type trajectoryFunc func(r *rng.Rand, st *trajectoryState, rec *TrajectoryRecord, p *trajectoryParams, from, to int64)
