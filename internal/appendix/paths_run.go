package appendix

import (
	"context"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// pathVariant is one panel of the paper's Figure 1 (left, middle): a noise
// law and a threshold, and the random streams its paths draw from.
type pathVariant struct {
	name     string
	gaussian bool
	trunc    bool
	// dynVariant is the dynamics run whose random streams the paths use
	// (so that they are that run's paths: a walk draws what a trajectory
	// draws), or "" for none; variant is its stream id (mc.Variant…).
	dynVariant string
	variant    uint64
}

// pathVariants lists the panels in the paper's order (a)–(d). The Gaussian
// panel without truncation, which the dynamics table does not run, has a
// stream of its own.
var pathVariants = []pathVariant{
	{name: "heavy-tailed, no truncation", dynVariant: pipeline.VariantUntruncated, variant: mc.VariantUntruncated},
	{name: "heavy-tailed, b = 0.5", trunc: true, dynVariant: pipeline.VariantTruncated, variant: mc.VariantTruncated},
	{name: "Gaussian, no truncation", gaussian: true, variant: mc.VariantGaussianUntruncated},
	{name: "Gaussian, b = 0.5", gaussian: true, trunc: true, dynVariant: pipeline.VariantGaussian, variant: mc.VariantGaussian},
}

// plan returns the variant's plan: the dynamics scenario's, without
// truncation or with Gaussian noise of scale σ as the variant says.
func (v pathVariant) plan(d DynamicsSize) (*scenario.Plan, error) {
	sc := dynamicsScenario(d)
	if !v.trunc {
		sc = sc.WithoutTruncation()
	}
	if v.gaussian {
		g, err := sc.WithLaw(scenario.LawGaussian)
		if err != nil {
			return nil, err
		}
		g.Noise.Scale = d.GaussianScale
		sc = g
	}
	p, _, _, _, err := paperPlan(sc)
	return p, err
}

// pathRecord is what one histogram path records.
type pathRecord struct {
	counts     []int64   // histogram of X_n, n = 1..steps
	basin      []int64   // steps in each basin
	tmin, tmax []float64 // per block, when traced
}

// pathObserver records a path of the SGD recursion (mc.Walk) as the
// histogram of the visited locations over [binLo, binLo + bins·binW) (the
// end bins take the domain's ends), the steps in each basin (saddles
// sorted; a point on a saddle belongs to the basin on its right, as
// landscapes.Structure.Basin does) and, when blockSteps > 0, min and max of
// X_n over consecutive blocks of blockSteps steps.
type pathObserver struct {
	rec         pathRecord
	saddles     []float64
	binLo, binW float64
	blockSteps  int64
}

// newPathObserver returns an observer of a path of steps steps; blocks > 0
// traces it in that many blocks.
func newPathObserver(saddles []float64, binLo, binW float64, bins, blocks int, steps int64) *pathObserver {
	o := &pathObserver{saddles: saddles, binLo: binLo, binW: binW,
		rec: pathRecord{counts: make([]int64, bins), basin: make([]int64, len(saddles)+1)}}
	if blocks > 0 {
		o.blockSteps = steps / int64(blocks)
		o.rec.tmin, o.rec.tmax = make([]float64, blocks), make([]float64, blocks)
		for i := range blocks {
			o.rec.tmin[i], o.rec.tmax[i] = math.Inf(1), math.Inf(-1)
		}
	}
	return o
}

// Observe implements mc.Observer: X_first, X_{first+1}, … (one coordinate
// each).
func (o *pathObserver) Observe(first int64, xs []float64) error {
	r, bins := &o.rec, len(o.rec.counts)
	for k, x := range xs {
		n := first + int64(k)
		b := int((x - o.binLo) / o.binW)
		b = max(0, min(bins-1, b))
		r.counts[b]++
		j := 0
		for j < len(o.saddles) && o.saddles[j] <= x {
			j++
		}
		r.basin[j]++
		if o.blockSteps > 0 {
			if bi := (n - 1) / o.blockSteps; bi < int64(len(r.tmin)) {
				r.tmin[bi] = math.Min(r.tmin[bi], x)
				r.tmax[bi] = math.Max(r.tmax[bi], x)
			}
		}
	}
	return nil
}

// runPaths simulates the location histograms and sample paths: for every
// variant, d.Replicas walks of d.Steps steps from d.Start at η = d.Eta,
// replica k drawing from mc.DynamicsKey(d.Seed, variant, 0).Rand(k), the
// stream of replica k of the dynamics run of that variant.
func runPaths(ctx context.Context, d DynamicsSize, dyn report.DynamicsReport, workers int, p *progress) (PathsFile, error) {
	out := PathsFile{Eta: d.Eta, Start: d.Start, Replicas: d.Replicas, Steps: d.Steps, Seed: d.Seed, BlockSteps: d.Steps / int64(d.Blocks)}
	for _, v := range pathVariants {
		plan, err := v.plan(d)
		if err != nil {
			return out, fmt.Errorf("paths %s: %w", v.name, err)
		}
		st := plan.Basins.(landscapes.Structure)
		lo, hi := plan.Landscape.(landscapes.Line).Domain()
		out.BinLo, out.BinHi = lo, hi
		binW := (hi - lo) / float64(d.Bins)
		key := mc.DynamicsKey(d.Seed, v.variant, 0)
		walk := mc.Walk{
			System: mc.System{Landscape: plan.Landscape, Basins: plan.Basins, Noise: plan.Noise, Eta: d.Eta, B: plan.B, Domain: plan.Domain},
			Start:  []float64{d.Start}, Steps: d.Steps,
		}
		if err := walk.Validate(); err != nil {
			return out, fmt.Errorf("paths %s: %w", v.name, scenario.FieldOf(err))
		}
		run := func(ctx context.Context, k int) (pathRecord, error) {
			blocks := 0
			if k == 0 {
				blocks = d.Blocks
			}
			o := newPathObserver(st.Saddles, lo, binW, d.Bins, blocks, d.Steps)
			err := walk.Run(ctx, key.Rand(k), o)
			return o.rec, err
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
		pv, err := summarisePaths(ctx, v, plan, d, recs, dyn)
		if err != nil {
			p.end("failed")
			return out, err
		}
		p.end(fmt.Sprintf("time fractions per basin %s", fmtFractions(pv.Basin)))
		out.Variants = append(out.Variants, pv)
	}
	return out, nil
}
