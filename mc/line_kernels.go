package mc

import (
	"context"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// The one-dimensional kernels: the step loops of the fast path (System).
//
// Each is written once, here, against the interfaces landscapes.Curve and
// noise.Law; that version is the slow path for user-defined curves and
// laws (two interface calls per step). kernelgen (go generate; see
// mc/internal/kernelgen) copies every body into kernels_gen.go once per
// concrete curve of package landscapes and law of package noise, changing
// only the parameter types and replacing each statement v := law.Sample(r)
// by the law's inlinable hot-loop form, which draws the same v; the
// dispatchers (lineExitKernelFor, …) pick the copy. Keep every draw a
// statement of its own, and do not name variables vWord or vOK.

// cancelCheckSteps is how many steps a replica runs between two looks at its
// context: small enough that Ctrl-C stops a run within milliseconds, large
// enough that the check costs nothing per step.
const cancelCheckSteps = 1 << 16

// lineParams are the fixed inputs of a one-dimensional kernel: the step
// size η, the truncation b, the projection interval [lo, hi] and the basin
// (left, right) to leave (±Inf on a side that cannot be crossed; unused by
// the walk).
type lineParams struct {
	eta, b, lo, hi, left, right float64
}

// lineExitKernel iterates Step from x until x < left or x ≥ right (the basin
// (left, right) is left; a point on a saddle belongs to the basin on its
// right, as in landscapes.Structure.Basin) or until maxSteps steps. It
// returns the final point, the number of steps taken and whether the basin
// was left. It watches ctx every cancelCheckSteps steps.
func lineExitKernel(ctx context.Context, c landscapes.Curve, law noise.Law, r *rng.Rand, p lineParams, x float64, maxSteps int64) (float64, int64, bool) {
	eta, b, lo, hi, left, right := p.eta, p.b, p.lo, p.hi, p.left, p.right
	var n int64
	for n < maxSteps {
		chunk := min(maxSteps-n, cancelCheckSteps)
		for i := int64(0); i < chunk; i++ {
			z := law.Sample(r)
			x = Step(x, c.Deriv(x), z, eta, b, lo, hi)
			if x < left || x >= right {
				return x, n + i + 1, true
			}
		}
		n += chunk
		if ctx.Err() != nil {
			return x, n, false
		}
	}
	return x, n, false
}

// lineExitPairKernel advances two independent replicas a and b of one
// experiment in lockstep, each exactly as lineExitKernel would (its own
// generator, the same arithmetic, so bit-identical paths): for at most
// steps steps, stopping after the first step at which either leaves the
// basin. It returns both points, the number of steps taken (by each) and
// which of them left.
//
// Why: one step of one chain is a chain of dependent floating-point
// operations (f'(x), then the step), so a single replica runs at the
// latency of that chain while most of the core idles; two independent
// chains fill it (out-of-order execution overlaps them). The gain is
// largest where f' is long (paper-1d: about 1.6×).
func lineExitPairKernel(c landscapes.Curve, law noise.Law, ra, rb *rng.Rand, p lineParams, xa, xb float64, steps int64) (float64, float64, int64, bool, bool) {
	eta, b, lo, hi, left, right := p.eta, p.b, p.lo, p.hi, p.left, p.right
	for i := int64(1); i <= steps; i++ {
		za := law.Sample(ra)
		zb := law.Sample(rb)
		xa = Step(xa, c.Deriv(xa), za, eta, b, lo, hi)
		xb = Step(xb, c.Deriv(xb), zb, eta, b, lo, hi)
		outA, outB := xa < left || xa >= right, xb < left || xb >= right
		if outA || outB {
			return xa, xb, i, outA, outB
		}
	}
	return xa, xb, steps, false, false
}

// lineWalkKernel advances x by len(xs) steps, storing the iterates in xs,
// and returns the last.
func lineWalkKernel(c landscapes.Curve, law noise.Law, r *rng.Rand, p lineParams, x float64, xs []float64) float64 {
	eta, b, lo, hi := p.eta, p.b, p.lo, p.hi
	for i := range xs {
		z := law.Sample(r)
		x = Step(x, c.Deriv(x), z, eta, b, lo, hi)
		xs[i] = x
	}
	return x
}

// lineTrajectoryKernel advances a trajectory from x over the steps
// (from, to], keeping the record of t (see lineTrajectory), and returns
// the last iterate. The bookkeeping runs in the same loop as the steps, in
// the shadow of the chain of dependent operations of the recursion
// (f'(x), then the step), where it costs almost nothing; a Walk with an
// observer doing the same work after each chunk costs about a fifth more
// per step.
func lineTrajectoryKernel(c landscapes.Curve, law noise.Law, r *rng.Rand, t *lineTrajectory, p lineParams, x float64, from, to int64) float64 {
	basin, marker, snap, nextSnap := t.basin, t.marker, t.snap, t.nextSnap
	saddles, minima, snapshots, radius, rec := t.saddles, t.minima, t.snapshots, t.radius, t.rec
	eta, b, lo, hi := p.eta, p.b, p.lo, p.hi
	for n := from + 1; n <= to; n++ {
		z := law.Sample(r)
		x = Step(x, c.Deriv(x), z, eta, b, lo, hi)
		// Basin by a linear scan: landscapes have a handful of saddles.
		nb := 0
		for nb < len(saddles) && saddles[nb] <= x {
			nb++
		}
		if nb != basin {
			rec.Crossings[basin][nb]++
			basin = nb
		}
		if nb != marker && math.Abs(x-minima[nb]) < radius {
			rec.Transitions = append(rec.Transitions, Transition{Step: n, From: marker, To: nb})
			marker = nb
		}
		rec.BasinSteps[basin]++
		rec.MarkerSteps[marker]++
		if n == nextSnap {
			for snap < len(snapshots) && snapshots[snap] == n {
				rec.SnapshotBasin[snap], rec.SnapshotMarker[snap] = basin, marker
				snap++
			}
			nextSnap = math.MaxInt64
			if snap < len(snapshots) {
				nextSnap = snapshots[snap]
			}
		}
	}
	t.basin, t.marker, t.snap, t.nextSnap = basin, marker, snap, nextSnap
	return x
}

// lineSuppliedKernel advances x over the noise values zs, one per step,
// until x < left or x ≥ right (as lineExitKernel), and returns the final
// point, the number of steps taken and whether the basin was left.
func lineSuppliedKernel(c landscapes.Curve, p lineParams, x float64, zs []float64) (float64, int, bool) {
	eta, b, lo, hi, left, right := p.eta, p.b, p.lo, p.hi, p.left, p.right
	for i, z := range zs {
		x = Step(x, c.Deriv(x), z, eta, b, lo, hi)
		if x < left || x >= right {
			return x, i + 1, true
		}
	}
	return x, len(zs), false
}

// lineTraceKernel is lineSuppliedKernel that also stores the iterates:
// X_{i+1} in xs[i] for every step i it takes (len(xs) ≥ len(zs)).
func lineTraceKernel(c landscapes.Curve, p lineParams, x float64, zs, xs []float64) (float64, int, bool) {
	eta, b, lo, hi, left, right := p.eta, p.b, p.lo, p.hi, p.left, p.right
	xs = xs[:len(zs)]
	for i, z := range zs {
		x = Step(x, c.Deriv(x), z, eta, b, lo, hi)
		xs[i] = x
		if x < left || x >= right {
			return x, i + 1, true
		}
	}
	return x, len(zs), false
}
