package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// Variants of the trajectory experiment, run side by side so that the
// elimination of sharp minima is visible in one table.
const (
	VariantTruncated   = "truncated"   // the scenario as given
	VariantUntruncated = "untruncated" // the same with b = ∞
	VariantGaussian    = "gaussian"    // the same with N(0, σ²) noise
)

// dynamicsLevel is the confidence level of every interval of the
// trajectory experiment.
const dynamicsLevel = 0.95

// DynamicsOptions control RunDynamics.
type DynamicsOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// Variants lists the variants to run, in order; nil means all three.
	Variants []string
	// GaussianScale is σ of the Gaussian variant (the paper uses 1).
	GaussianScale float64
	// OnReplica, if not nil, is called after each finished trajectory.
	OnReplica func()
}

// variantScenario returns the scenario of a variant.
func variantScenario(sc *scenario.Scenario, variant string, sigma float64) (*scenario.Scenario, error) {
	switch variant {
	case VariantTruncated:
		return sc.Clone(), nil
	case VariantUntruncated:
		return sc.WithoutTruncation(), nil
	case VariantGaussian:
		g, err := sc.WithLaw(scenario.LawGaussian)
		if err != nil {
			return nil, err
		}
		if sigma > 0 {
			g.Noise.Scale = sigma
		}
		return g, g.Validate()
	}
	return nil, fmt.Errorf("variants: unknown variant %q (want %s, %s or %s)", variant, VariantTruncated, VariantUntruncated, VariantGaussian)
}

// DynamicsKey returns the random streams of a (variant, η) trajectory run
// of RunDynamics and RunDynamicsRd: replica k draws from .Rand(k), so a
// caller can replay any replica. The variant enters by its fixed id
// (variantID), not by its position in DynamicsOptions.Variants, so that a
// variant's paths do not depend on which other variants were requested.
func DynamicsKey(seed uint64, variant string, etaIndex int) mc.StreamKey {
	return mc.StreamKey{Seed: seed, Labels: []uint64{3, variantID(variant), uint64(etaIndex)}}
}

// variantID is the stream label of a variant: its position in the default
// list (truncated, untruncated, gaussian), which keeps the streams of the
// default run unchanged.
func variantID(variant string) uint64 {
	switch variant {
	case VariantTruncated:
		return 0
	case VariantUntruncated:
		return 1
	case VariantGaussian:
		return 2
	}
	panic("pipeline: unknown dynamics variant " + variant) // validated by the callers
}

// RunDynamics runs the trajectory experiment of a scenario's [dynamics]
// table for every variant and η and compares it with the limiting Markov
// jump process (THEORY.md sections 4 and 7). Replica k starts from the
// scenario's start k mod (number of starts). On cancellation it returns the
// runs completed so far with ctx.Err().
func RunDynamics(ctx context.Context, sc *scenario.Scenario, opt DynamicsOptions) (report.DynamicsReport, error) {
	rep := report.DynamicsReport{Scenario: sc, Runs: []report.DynamicsRun{}, Warnings: []string{}}
	if sc.Dynamics == nil {
		return rep, &scenario.FieldError{Field: "dynamics", Msg: "the scenario has no [dynamics] table"}
	}
	variants := opt.Variants
	if variants == nil {
		variants = []string{VariantTruncated, VariantUntruncated, VariantGaussian}
	}
	base, err := sc.Build()
	if err != nil {
		return rep, err
	}
	rep.Warnings = append(rep.Warnings, base.Warnings...)
	// The sharp minima are the narrow minima of the scenario's own
	// (truncated) dynamics: the set whose time fraction the theory says
	// vanishes. Without truncation or without heavy tails there are none.
	sharp := make([]bool, base.Structure.N())
	if a, _, err := Analyse(base); err == nil && a != nil {
		for _, c := range a.Classes {
			for _, j := range c.Narrow {
				sharp[j] = true
			}
		}
	}
	for _, v := range variants {
		vsc, err := variantScenario(sc, v, opt.GaussianScale)
		if err != nil {
			return rep, err
		}
		if v == VariantUntruncated && sc.SGD.BOf() == math.Inf(1) {
			rep.Warnings = append(rep.Warnings, "variants: the scenario is already untruncated; the untruncated run repeats it")
		}
		built, err := vsc.Build()
		if err != nil {
			return rep, err
		}
		a, notes, err := Analyse(built)
		if err != nil {
			return rep, err
		}
		for ei, eta := range built.Etas {
			runs, err := runDynamicsCell(ctx, vsc, built, a, notes, v, ei, eta, sharp, opt)
			rep.Runs = append(rep.Runs, runs...)
			if err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
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

// runDynamicsCell simulates one (variant, η) cell and analyses it per class
// of the starts.
func runDynamicsCell(ctx context.Context, sc *scenario.Scenario, b *scenario.Built, a *theory.Analysis, notes []string,
	variant string, ei int, eta float64, sharp []bool, opt DynamicsOptions) ([]report.DynamicsRun, error) {
	d := sc.Dynamics
	// Group the replicas by the class of their start (one group when the
	// graph is irreducible or the theory does not apply).
	type group struct {
		class    int
		replicas []int
	}
	var groups []*group
	byClass := map[int]*group{}
	for k := range d.Replicas {
		st := b.Starts[k%len(b.Starts)]
		c := -1
		if a != nil {
			c = classOf(a.Classes, st.Basin)
		}
		g := byClass[c]
		if g == nil {
			g = &group{class: c}
			byClass[c] = g
			groups = append(groups, g)
		}
		g.replicas = append(g.replicas, k)
	}
	// The time unit of each group's class fixes the snapshot steps.
	units := map[int]float64{}
	var snapshots []int64
	for _, g := range groups {
		if a == nil {
			continue
		}
		u, err := theory.TimeUnit(b.Law, eta, wideJump(a.Classes[g.class], a.JumpNumber))
		if err != nil {
			return nil, err
		}
		units[g.class] = u
		for _, t := range d.Times {
			if s := int64(math.Round(t * u)); s <= d.Steps {
				snapshots = append(snapshots, s)
			}
		}
	}
	slices.Sort(snapshots)
	snapshots = slices.Compact(snapshots)
	exp := mc.Trajectory{
		System:    mc.System{Line: b.Line, Structure: b.Structure, Law: b.Law, Eta: eta, B: b.B},
		Steps:     d.Steps,
		Radius:    d.Radius,
		Snapshots: snapshots,
	}
	key := DynamicsKey(uint64(sc.Run.Seed), variant, ei)
	run := func(ctx context.Context, k int) (mc.TrajectoryRecord, error) {
		e := exp
		e.Start = b.Starts[k%len(b.Starts)].X
		if err := e.Validate(); err != nil {
			return mc.TrajectoryRecord{}, err
		}
		rec, err := e.Run(ctx, key.Rand(k))
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
				starts = append(starts, b.Starts[k%len(b.Starts)].Basin)
			}
		}
		r, err := analyseDynamics(b, a, notes, variant, eta, g.class, units[g.class], recs, starts, sharp, d.Times)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, runErr
}

// wideJump returns the jump number J of the class's limiting chain, the
// largest J_i over its wide minima (THEORY.md section 4): its time unit is
// 1/(η λ(η)^J).
func wideJump(cl theory.Class, jump []int) int {
	J := 0
	for _, i := range cl.Wide {
		J = max(J, jump[i])
	}
	return J
}
