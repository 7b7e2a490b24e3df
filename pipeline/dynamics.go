package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// Variants of the trajectory experiment, run side by side so that the
// elimination of sharp minima is visible in one table (docs/theory.md
// §3.2: the light-tailed contrast).
const (
	VariantTruncated   = "truncated"   // the plan as given
	VariantUntruncated = "untruncated" // the same with b = ∞
	VariantGaussian    = "gaussian"    // the same with N(0, σ²) noise (the radius ‖Z‖ on R^d)
)

// allVariants are the variants, in the order a run without
// DynamicsOptions.Variants takes them.
var allVariants = []string{VariantTruncated, VariantUntruncated, VariantGaussian}

// dynamicsLevel is the confidence level of every interval of the
// trajectory experiment.
const dynamicsLevel = 0.95

// DynamicsOptions control RunDynamics.
type DynamicsOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// Variants lists the variants to run, in order; nil means all three.
	Variants []string
	// GaussianScale is σ of the Gaussian variant (≤ 0: the scale of the
	// plan's law; the paper uses 1).
	GaussianScale float64
	// Theory are the options of the theory's analyses (TheoryOptions).
	Theory theory.Options
	// OnReplica, if not nil, is called after each finished trajectory,
	// possibly concurrently.
	OnReplica func()
}

// variant returns the plan of a variant of p: p itself (truncated),
// p.WithoutTruncation() or p.WithGaussian(sigma). Only b or the noise
// change, so the landscape and its basins are shared.
func variant(p *scenario.Plan, name string, sigma float64) (*scenario.Plan, error) {
	switch name {
	case VariantTruncated:
		return p, nil
	case VariantUntruncated:
		return p.WithoutTruncation(), nil
	case VariantGaussian:
		g, err := p.WithGaussian(sigma)
		return g, scenario.FieldOf(err)
	}
	return nil, param.Errorf("pipeline.DynamicsOptions.Variants", "unknown variant %q (want %s, %s or %s)", name, VariantTruncated, VariantUntruncated, VariantGaussian)
}

// variantID is the stream label of a variant (mc.DynamicsKey): its fixed
// id, not its position in DynamicsOptions.Variants, so that a variant's
// paths do not depend on which other variants run.
func variantID(name string) uint64 {
	switch name {
	case VariantUntruncated:
		return mc.VariantUntruncated
	case VariantGaussian:
		return mc.VariantGaussian
	}
	return mc.VariantTruncated
}

// RunDynamics runs the trajectory experiment of a plan (p.Dynamics:
// replicas of a number of steps, the visiting distance of the minimum sets
// and the scaled times of the state law) for every variant and η, and
// compares it with the limiting Markov jump process of the theory
// (docs/theory.md §8.3 and §12.5), in any dimension: per minimum set the
// fraction of time in its basin (and, on the vector kernel, near it and as
// the marker's state) against the stationary law of the limiting chain on
// the wide minima and the first-order finite-η fractions; the generator of
// the collapsed marker process and its jump law; the state law at the
// scaled times; for a start in a transient class, the time to leave it.
//
// Replica k of the (variant, η index ei) run starts from p.Starts[k mod
// len(p.Starts)] and draws from mc.DynamicsKey(seed, variant id, ei).Rand(k)
// only, so the report does not depend on the number of workers. Replicas
// are analysed per communication class of their start (one group when the
// graph is irreducible or the theory does not apply). The sharp minima are
// the narrow minima of the plan's own (truncated) dynamics: the set whose
// time fraction the theory says vanishes.
//
// On cancellation it returns the runs completed so far (the one under way
// with the replicas that finished) with ctx.Err(); the report is marked
// Interrupted and names the runs that never started (NotStarted).
func RunDynamics(ctx context.Context, p *scenario.Plan, opt DynamicsOptions) (report.DynamicsReport, error) {
	rep := report.DynamicsReport{Scenario: p.Source, Dimension: p.Dim(), Minima: p.Basins.MinimumSets(),
		Runs: []report.DynamicsRun{}, Warnings: append([]string{}, p.Warnings...)}
	if p.Dynamics == nil {
		return rep, &scenario.FieldError{Field: "dynamics", Err: errors.New("the scenario has no [dynamics] table (replicas, steps, radius)")}
	}
	variants := opt.Variants
	if variants == nil {
		variants = allVariants
	}
	for k, name := range variants {
		if !slices.Contains(allVariants, name) {
			return rep, param.ElemErrorf("pipeline.DynamicsOptions.Variants", k, "unknown variant %q (want %s, %s or %s)",
				name, VariantTruncated, VariantUntruncated, VariantGaussian)
		}
	}
	// interrupted marks rep after a cancellation: the runs of variants[v:]
	// from η index e on (of variant v; all η of the later ones) never
	// started.
	interrupted := func(v, e int, err error) (report.DynamicsReport, error) {
		rep.Interrupted = true
		for k := v; k < len(variants); k++ {
			for ei, eta := range p.Etas {
				if k > v || ei >= e {
					rep.NotStarted = append(rep.NotStarted, fmt.Sprintf("%s at η = %g", variants[k], eta))
				}
			}
		}
		return rep, err
	}
	base, baseNotes, err := Analyse(ctx, p, opt.Theory)
	if err != nil && ctx.Err() != nil {
		return interrupted(0, 0, err)
	}
	if err != nil {
		return rep, err
	}
	all := make([]int, len(rep.Minima))
	for i := range all {
		all[i] = i
	}
	if err := CheckExitable(p, base, all); err != nil {
		return rep, err
	}
	sharp := make([]bool, len(rep.Minima))
	if base != nil {
		for _, c := range base.Classes {
			for _, j := range c.Narrow {
				sharp[j] = true
			}
		}
	}
	for vi, name := range variants {
		v, err := variant(p, name, opt.GaussianScale)
		if err != nil {
			return rep, err
		}
		if name == VariantUntruncated && math.IsInf(p.B, 1) {
			rep.Warnings = append(rep.Warnings, "variants: the scenario is already untruncated; the untruncated run repeats it")
		}
		a, notes := base, baseNotes
		if name != VariantTruncated {
			if a, notes, err = Analyse(ctx, v, opt.Theory); err != nil && ctx.Err() != nil {
				return interrupted(vi, 0, err)
			} else if err != nil {
				return rep, err
			}
		}
		for ei := range v.Etas {
			runs, err := runDynamicsCell(ctx, dynamicsCell{plan: v, a: a, notes: notes, variant: name, etaIndex: ei, sharp: sharp}, opt)
			rep.Runs = append(rep.Runs, runs...)
			if err != nil && ctx.Err() != nil {
				return interrupted(vi, ei+1, err)
			}
			if err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
}

// dynamicsCell is one (variant, η) cell of the trajectory experiment.
type dynamicsCell struct {
	plan     *scenario.Plan
	a        *theory.Analysis // nil: the theory does not apply (notes say why)
	notes    []string
	variant  string
	etaIndex int
	sharp    []bool
}

// startGroup is the replicas of a cell whose starts lie in one class.
type startGroup struct {
	// class is the index of the class in the analysis (−1 without one).
	class int
	// unit is the class's time unit in steps (0 without an analysis).
	unit float64
	// replicas are the replica indices, ascending, and points the
	// distinct starting points among them.
	replicas []int
	points   [][]float64
}

// classOf returns the index of the class holding minimum j, or −1.
func classOf(classes []theory.Class, j int) int {
	for c, cl := range classes {
		if slices.Contains(cl.Members, j) {
			return c
		}
	}
	return -1
}

// groups returns the replicas of the cell grouped by the class of their
// start, in the order of first appearance, with the time unit of each.
func (c dynamicsCell) groups() ([]*startGroup, error) {
	p := c.plan
	var out []*startGroup
	byClass := map[int]*startGroup{}
	for k := range p.Dynamics.Replicas {
		st := p.Starts[k%len(p.Starts)]
		class := -1
		if c.a != nil {
			class = classOf(c.a.Classes, st.Basin)
		}
		g := byClass[class]
		if g == nil {
			g = &startGroup{class: class}
			if c.a != nil {
				u, err := c.a.ClassTimeUnit(class, p.Etas[c.etaIndex])
				if err != nil {
					return nil, err
				}
				g.unit = u
			}
			byClass[class] = g
			out = append(out, g)
		}
		g.replicas = append(g.replicas, k)
		if k < len(p.Starts) {
			g.points = append(g.points, slices.Clone(st.X))
		}
	}
	return out, nil
}

// snapshots returns the steps round(t·unit) ≤ steps at which the state law
// is compared, over the scaled times of the experiment and the time units
// of the groups, sorted and without repeats.
func snapshots(groups []*startGroup, times []float64, steps int64) []int64 {
	var out []int64
	for _, g := range groups {
		if g.unit == 0 {
			continue
		}
		for _, t := range times {
			if s := int64(math.Round(t * g.unit)); s <= steps {
				out = append(out, s)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// runDynamicsCell simulates one (variant, η) cell and analyses it per class
// of the starts.
func runDynamicsCell(ctx context.Context, c dynamicsCell, opt DynamicsOptions) ([]report.DynamicsRun, error) {
	p, d := c.plan, c.plan.Dynamics
	groups, err := c.groups()
	if err != nil {
		return nil, err
	}
	exps := make([]mc.Trajectory, len(p.Starts))
	for s, st := range p.Starts {
		exps[s] = mc.Trajectory{
			System:       mc.System{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, Eta: p.Etas[c.etaIndex], B: p.B, Domain: p.Domain},
			Start:        st.X,
			Steps:        d.Steps,
			Radius:       d.Radius,
			Snapshots:    snapshots(groups, d.Times, d.Steps),
			RecordBasins: true,
		}
		if err := exps[s].Validate(); err != nil {
			return nil, scenario.FieldOfEta(err, c.etaIndex)
		}
	}
	// Replica k runs exps[k mod S] with the stream key.Rand(k).
	key := mc.DynamicsKey(p.Run.Seed, variantID(c.variant), c.etaIndex)
	run := func(ctx context.Context, k int) (mc.TrajectoryRecord, error) {
		rec, err := exps[k%len(exps)].Run(ctx, key.Rand(k))
		rec.Replica = k
		return rec, err
	}
	var onDone func(int, mc.TrajectoryRecord)
	if opt.OnReplica != nil {
		onDone = func(int, mc.TrajectoryRecord) { opt.OnReplica() }
	}
	results, done, runErr := mc.Replicas(ctx, 0, d.Replicas, opt.Workers, run, onDone)
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return nil, runErr
	}
	var out []report.DynamicsRun
	for _, g := range groups {
		var recs []mc.TrajectoryRecord
		var starts []int
		for _, k := range g.replicas {
			if done[k] {
				recs = append(recs, results[k])
				starts = append(starts, p.Starts[k%len(p.Starts)].Basin)
			}
		}
		r, err := c.analyse(g, recs, starts)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, runErr
}
