package mc

import (
	"context"

	"github.com/htsgd/htsgd/rng"
)

// The kernels in kernels_gen.go are copies of the kernels of
// line_kernels.go and vector_kernels.go specialised to the concrete curves,
// laws and R^d landscapes of packages landscapes and noise, so that every
// derivative, gradient, draw and projection is a direct call that the
// compiler can inline; see mc/internal/kernelgen. Each dispatcher returns
// the kernel bound to its landscape and law, called once per chunk of
// steps.
//
//go:generate go run ./internal/kernelgen -o kernels_gen.go

// lineExitFunc is lineExitKernel bound to its curve and law
// (lineExitKernelFor).
type lineExitFunc func(ctx context.Context, r *rng.Rand, p lineParams, x float64, maxSteps int64) (float64, int64, bool)

// linePairFunc is lineExitPairKernel bound to its curve and law
// (linePairKernelFor).
type linePairFunc func(ra, rb *rng.Rand, p lineParams, xa, xb float64, steps int64) (float64, float64, int64, bool, bool)

// lineWalkFunc is lineWalkKernel bound to its curve and law
// (lineWalkKernelFor).
type lineWalkFunc func(r *rng.Rand, p lineParams, x float64, xs []float64) float64

// lineTrajectoryFunc is lineTrajectoryKernel bound to its curve and law
// (lineTrajectoryKernelFor).
type lineTrajectoryFunc func(r *rng.Rand, t *lineTrajectory, p lineParams, x float64, from, to int64) float64

// lineSuppliedFunc is lineSuppliedKernel bound to its curve
// (lineSuppliedKernelFor).
type lineSuppliedFunc func(p lineParams, x float64, zs []float64) (float64, int, bool)

// lineTraceFunc is lineTraceKernel bound to its curve (lineTraceKernelFor).
type lineTraceFunc func(p lineParams, x float64, zs, xs []float64) (float64, int, bool)

// vectorExitFunc is vectorExitKernel bound to its landscape, noise and
// domain (vectorExitKernelFor).
type vectorExitFunc func(ctx context.Context, r *rng.Rand, p *vectorParams, x, g, w []float64, maxSteps int64) (int64, bool, int)

// vectorWalkFunc is vectorWalkKernel bound to its landscape, noise and
// domain (vectorWalkKernelFor).
type vectorWalkFunc func(r *rng.Rand, p *vectorParams, x, g, w []float64, xs []float64)

// vectorSuppliedFunc is vectorSuppliedKernel bound to its landscape and
// domain (vectorSuppliedKernelFor).
type vectorSuppliedFunc func(p *vectorParams, x, g []float64, zs []float64) (int, bool, int)

// vectorTraceFunc is vectorTraceKernel bound to its landscape and domain
// (vectorTraceKernelFor).
type vectorTraceFunc func(p *vectorParams, x, g []float64, zs, xs []float64) (int, bool, int)
