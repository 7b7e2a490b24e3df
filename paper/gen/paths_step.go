package gen

import (
	"context"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// pathCheckSteps is how many steps a path runs between two looks at its
// context.
const pathCheckSteps = 1 << 16

// sampler is a noise law drawing with a generator of type R (the kernel's
// generator, whatever mc.StreamKey.Rand returns).
type sampler[R any] interface {
	Sample(r R) float64
}

// pathRecord is what one histogram path records.
type pathRecord struct {
	counts     []int64   // histogram of X_n, n = 1..steps
	basin      []int64   // steps in each basin
	tmin, tmax []float64 // per block, when traced
}

// pathArgs are the parameters of one path: start x, η, b, the projection
// interval [lo, hi], the number of steps, the saddles, the histogram bins
// [binLo + k·binW, binLo + (k+1)·binW), k < bins, and the number of traced
// blocks (0: no trace).
type pathArgs struct {
	x, eta, b, lo, hi float64
	steps             int64
	saddles           []float64
	binLo, binW       float64
	bins, blocks      int
}

// pathKernel runs X_{n+1} = Π(X_n − φ_b(η(f'(X_n) − Z_{n+1}))) (mc.Step,
// THEORY.md section 1) for steps steps from x, drawing one Z per step from
// law with r, and records the histogram of the visited locations over
// [binLo, binLo + bins·binW) (the end bins take the domain's ends), the
// steps in each basin (saddles sorted; a point on a saddle belongs to the
// basin on its right, as landscapes.Structure.Basin) and, when blocks > 0,
// min and max of X_n over consecutive blocks of steps/blocks steps.
// It is generic over the curve, the law and the generator so that the loop
// calls concrete code.
func pathKernel[C landscapes.Curve, R any, L sampler[R]](ctx context.Context, c C, law L, r R, a pathArgs) (pathRecord, error) {
	x, eta, b, lo, hi, steps, saddles := a.x, a.eta, a.b, a.lo, a.hi, a.steps, a.saddles
	binLo, binW, bins, blocks := a.binLo, a.binW, a.bins, a.blocks
	rec := pathRecord{counts: make([]int64, bins), basin: make([]int64, len(saddles)+1)}
	var blockSteps int64
	if blocks > 0 {
		blockSteps = steps / int64(blocks)
		rec.tmin, rec.tmax = make([]float64, blocks), make([]float64, blocks)
		for i := range blocks {
			rec.tmin[i], rec.tmax[i] = math.Inf(1), math.Inf(-1)
		}
	}
	for n := int64(1); n <= steps; n++ {
		x = mc.Step(x, c.Deriv(x), law.Sample(r), eta, b, lo, hi)
		k := int((x - binLo) / binW)
		k = max(0, min(bins-1, k))
		rec.counts[k]++
		j := 0
		for j < len(saddles) && saddles[j] <= x {
			j++
		}
		rec.basin[j]++
		if blockSteps > 0 {
			if bi := (n - 1) / blockSteps; bi < int64(blocks) {
				rec.tmin[bi] = math.Min(rec.tmin[bi], x)
				rec.tmax[bi] = math.Max(rec.tmax[bi], x)
			}
		}
		if n%pathCheckSteps == 0 && ctx.Err() != nil {
			return rec, ctx.Err()
		}
	}
	return rec, nil
}

// pathVariantSpec is one panel of the paper's Figure 1 (left, middle).
type pathVariantSpec struct {
	name     string
	gaussian bool
	trunc    bool
	// dynVariant is the RunDynamics variant whose random streams the
	// paths use (so that they are the same paths when mc's trajectory
	// kernel draws one Z per step as pathKernel does), or "" for none.
	dynVariant string
	// ownLabel labels the stream of a panel with no dynamics variant.
	ownLabel uint64
}

// pathVariants lists the panels in the paper's order (a)-(d).
var pathVariants = []pathVariantSpec{
	{name: "heavy-tailed, no truncation", dynVariant: pipeline.VariantUntruncated},
	{name: "heavy-tailed, b = 0.5", trunc: true, dynVariant: pipeline.VariantTruncated},
	{name: "Gaussian, no truncation", gaussian: true, ownLabel: 5},
	{name: "Gaussian, b = 0.5", gaussian: true, trunc: true, dynVariant: pipeline.VariantGaussian},
}

// runPaths simulates the location histograms and sample paths: for every
// variant, d.Replicas paths of d.Steps steps from d.Start at η = d.Eta.
// Replica k of a variant that RunDynamics also runs uses RunDynamics'
// stream for that variant and replica (pipeline.DynamicsKey at η index 0),
// the Gaussian variant without truncation its own (labels 3, 5, 0).
func runPaths(ctx context.Context, d DynamicsSize, dyn report.DynamicsReport, workers int, p *progress) (PathsFile, error) {
	base := dynamicsScenario(d)
	out := PathsFile{Eta: d.Eta, Start: d.Start, Replicas: d.Replicas, Steps: d.Steps, Seed: d.Seed, BlockSteps: d.Steps / int64(d.Blocks)}
	for _, v := range pathVariants {
		sc := base.Clone()
		if !v.trunc {
			sc = sc.WithoutTruncation()
		}
		if v.gaussian {
			g, err := sc.WithLaw(scenario.LawGaussian)
			if err != nil {
				return out, err
			}
			g.Noise.Scale = d.GaussianScale
			sc = g
		}
		b, err := sc.Build()
		if err != nil {
			return out, fmt.Errorf("paths %s: %w", v.name, err)
		}
		lo, hi := b.Line.Domain()
		out.BinLo, out.BinHi = lo, hi
		binW := (hi - lo) / float64(d.Bins)
		key := mc.StreamKey{Seed: d.Seed, Labels: []uint64{3, v.ownLabel, 0}}
		if v.dynVariant != "" {
			key = pipeline.DynamicsKey(d.Seed, v.dynVariant, 0)
		}
		pa := pathArgs{x: d.Start, eta: d.Eta, b: b.B, lo: lo, hi: hi, steps: d.Steps, saddles: b.Structure.Saddles, binLo: lo, binW: binW, bins: d.Bins}
		run := func(ctx context.Context, k int) (pathRecord, error) {
			a := pa
			if k == 0 {
				a.blocks = d.Blocks
			}
			r := key.Rand(k)
			// Concrete types for the common cases, so that the loop does
			// not call through interfaces; the interfaces otherwise.
			if line, ok := b.Line.(landscapes.Paper1D); ok {
				switch law := b.Law.(type) {
				case noise.Pareto:
					return pathKernel(ctx, line, law, r, a)
				case noise.Gaussian:
					return pathKernel(ctx, line, law, r, a)
				}
			}
			return pathKernel(ctx, b.Line, b.Law, r, a)
		}
		p.begin("paths "+v.name, d.Replicas, float64(d.Replicas)*float64(d.Steps))
		recs, done, err := mc.Replicas(ctx, 0, d.Replicas, workers, run, func(int, pathRecord) { p.add(d.Steps) })
		if err != nil {
			p.end("interrupted")
			return out, err
		}
		for _, ok := range done {
			if !ok {
				p.end("incomplete")
				return out, fmt.Errorf("paths %s: a replica did not finish", v.name)
			}
		}
		pv, err := summarisePaths(v, b, d, recs, dyn)
		if err != nil {
			p.end("failed")
			return out, err
		}
		p.end(fmt.Sprintf("time fractions per basin %s", fmtFractions(pv.Basin)))
		out.Variants = append(out.Variants, pv)
	}
	return out, nil
}
