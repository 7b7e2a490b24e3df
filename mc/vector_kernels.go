package mc

import (
	"context"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// The vector kernels: the step loops of any system without the
// one-dimensional fast path (System).
//
// Each is written once, here, against the interfaces landscapes.Landscape,
// noise.Vector and landscapes.Domain; that version is the slow path for
// user-defined types (an interface call per gradient, draw and projection).
// kernelgen (go generate; see mc/internal/kernelgen) copies every body into
// kernels_gen.go once per concrete R^d landscape of package landscapes,
// with the noise a noise.Radial and the domain a landscapes.Ball, so that
// those calls are direct; the dispatchers (vectorExitKernelFor, …) pick
// the copy. The basin test calls Basins.Locate through its interface, but
// only for a point outside the core of the start basin (Basins.Core), which
// almost every step is not.

// vectorParams are the fixed inputs of a vector kernel: the step size η,
// the truncation b and, for the exit kernels, the basins, the index of the
// basin to leave, its minimum set and the square of its core radius.
type vectorParams struct {
	eta, b float64
	bs     landscapes.Basins
	basin  int
	set    landscapes.MinimumSet
	core2  float64
}

// vectorExitKernel iterates the step of StepVector on x (g and w are scratch
// of the same length) until X leaves the basin, or until maxSteps steps; it
// returns the steps taken, whether the basin was left and the basin X_τ
// lies in (NoLanding when it was not left). A point within the core of the
// basin's minimum set is inside without further work; any other point is
// located with Basins.Locate. It watches ctx every cancelCheckSteps steps.
func vectorExitKernel(ctx context.Context, l landscapes.Landscape, z noise.Vector, dom landscapes.Domain, r *rng.Rand,
	p *vectorParams, x, g, w []float64, maxSteps int64) (int64, bool, int) {
	eta, b, bs, basin, set, core2 := p.eta, p.b, p.bs, p.basin, p.set, p.core2
	var n int64
	for n < maxSteps {
		chunk := min(maxSteps-n, cancelCheckSteps)
		for i := int64(0); i < chunk; i++ {
			l.Gradient(g, x)
			z.Sample(r, w)
			stepVector(x, g, w, eta, b)
			dom.Project(x)
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

// vectorWalkKernel advances x by len(xs)/len(x) steps (g and w are
// scratch), storing the iterates one after the other in xs.
func vectorWalkKernel(l landscapes.Landscape, z noise.Vector, dom landscapes.Domain, r *rng.Rand,
	p *vectorParams, x, g, w []float64, xs []float64) {
	eta, b, d := p.eta, p.b, len(x)
	for o := 0; o+d <= len(xs); o += d {
		l.Gradient(g, x)
		z.Sample(r, w)
		stepVector(x, g, w, eta, b)
		dom.Project(x)
		copy(xs[o:o+d], x)
	}
}

// vectorSuppliedKernel advances x over the noise vectors zs (len(x)
// coordinates each, one vector per step; g is scratch) until X leaves the
// basin, as vectorExitKernel, and returns the steps taken, whether the
// basin was left and the basin X lies in then (NoLanding when it was not
// left).
func vectorSuppliedKernel(l landscapes.Landscape, dom landscapes.Domain, p *vectorParams, x, g []float64, zs []float64) (int, bool, int) {
	eta, b, bs, basin, set, core2, d := p.eta, p.b, p.bs, p.basin, p.set, p.core2, len(x)
	n := 0
	for o := 0; o+d <= len(zs); o += d {
		l.Gradient(g, x)
		stepVector(x, g, zs[o:o+d], eta, b)
		dom.Project(x)
		n++
		if set.Dist2(x) < core2 {
			continue
		}
		if lab := bs.Locate(x); lab != basin {
			return n, true, lab
		}
	}
	return n, false, NoLanding
}

// vectorTraceKernel is vectorSuppliedKernel that also stores the iterates:
// X after step k in xs[k·d : (k+1)·d] for every step k it takes (len(xs) ≥
// len(zs)).
func vectorTraceKernel(l landscapes.Landscape, dom landscapes.Domain, p *vectorParams, x, g []float64, zs, xs []float64) (int, bool, int) {
	eta, b, bs, basin, set, core2, d := p.eta, p.b, p.bs, p.basin, p.set, p.core2, len(x)
	n := 0
	for o := 0; o+d <= len(zs); o += d {
		l.Gradient(g, x)
		stepVector(x, g, zs[o:o+d], eta, b)
		dom.Project(x)
		copy(xs[o:o+d], x)
		n++
		if set.Dist2(x) < core2 {
			continue
		}
		if lab := bs.Locate(x); lab != basin {
			return n, true, lab
		}
	}
	return n, false, NoLanding
}
