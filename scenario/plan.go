package scenario

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// Plan is one experiment ready to run, in any dimension d: the truncated
// heavy-tailed SGD of docs/theory.md §2.1,
//
//	X_{n+1} = Π_K( X_n − φ_b( η (∇f(X_n) − Z_{n+1}) ) ),
//
// with its loss f (Landscape), the basins Ω_i of its minimum sets (Basins),
// the law of Z (Noise), the truncation threshold b (B), the projection set
// K (Domain), the step sizes η to run (Etas) and the starting points of the
// first-exit runs (Starts), and the sizes of the runs. It holds nothing of
// the scenario file: Build makes one from a Scenario, and a library user may
// fill one by hand with his own landscapes.Landscape, landscapes.Basins and
// noise.Vector and check it with Validate. Variants of an experiment (no
// truncation, another noise law) are made from the Plan (WithoutTruncation,
// WithLaw), not from the file.
//
// The 1-D fast paths of packages mc and theory are found by type assertion
// on these fields: a Landscape that is a landscapes.Curve with Basins a
// landscapes.Structure and Noise a noise.Scalar. Build makes exactly that
// for the 1-D kinds of the scenario file.
type Plan struct {
	// Name identifies the experiment in reports and output paths.
	Name string
	// Landscape is the loss f: R^d → R. Build gives a landscapes.Line for
	// the 1-D kinds (Paper1D, CriticalPoints, Quadratic), and a
	// landscapes.QuadraticRd, GaussianWells or HimmelblauModified on R^d.
	Landscape landscapes.Landscape
	// Basins are the basins of attraction of the minimum sets of f, in
	// the order basin indices use: a landscapes.Structure in 1-D
	// (landscapes.Discover), the QuadraticRd itself (its explicit basin),
	// or a *landscapes.BasinMap.
	Basins landscapes.Basins
	// Noise is the law of Z in R^d (Noise.Dim() = d): noise.Scalar in
	// 1-D (any p_+), noise.Radial on R^d.
	Noise noise.Vector
	// B is the truncation threshold b > 0; +Inf means no truncation
	// (φ_∞(w) = w).
	B float64
	// Domain is the projection set K; nil means none (K = R^d). Build
	// gives the interval [lo, hi] of a 1-D landscape
	// (landscapes.IntervalOf), the ball ‖x‖ ≤ domain_radius on R^d, and
	// nil for the quadratic wells, which are not projected.
	Domain landscapes.Domain
	// Etas are the step sizes η > 0, each run separately, in file order.
	Etas []float64
	// Starts are the starting points of the first-exit runs, in order
	// (and of the trajectories, replica k starting at Starts[k mod
	// len(Starts)]).
	Starts []Start
	// Run sizes the first-exit runs.
	Run RunPlan
	// Dynamics sizes the trajectory experiment (docs/theory.md §8.3); nil
	// when there is none.
	Dynamics *DynamicsPlan
	// Warnings are notes for the user that do not stop a run (step-size
	// stability, a minimum set where f is not twice differentiable, a
	// visiting radius reaching out of a basin), each starting with the key
	// it concerns ("sgd.eta[0]: …"). The package never prints them.
	Warnings []string
	// Source is the scenario the Plan was built from, for the outputs that
	// quote it; nil for a Plan built by hand. A run reads nothing from it.
	Source *Source
}

// Start is one starting point of a first-exit run: X is the initial iterate
// X_0 (d coordinates) and Basin the index of the basin Ω_Basin containing
// it, whose exit the run measures. For a start at a minimum set, X is its
// representative point (landscapes.MinimumSet.Centre: the minimizer, or
// the midpoint of a segment).
type Start struct {
	Basin int
	X     []float64
}

// RunPlan sizes the first-exit runs of a Plan.
type RunPlan struct {
	// Samples is the number of first exits per (η, start), ≥ 1.
	Samples int
	// MaxSteps caps the steps of one sample, ≥ 1; a sample reaching it is
	// censored.
	MaxSteps int64
	// Seed seeds every random stream of the experiment.
	Seed uint64
}

// DynamicsPlan sizes the trajectory experiment of a Plan (docs/theory.md
// §8.3).
type DynamicsPlan struct {
	// Replicas is the number of independent trajectories per (variant,
	// η), ≥ 1.
	Replicas int
	// Steps is the number of steps of each trajectory, ≥ 1.
	Steps int64
	// Radius > 0 is the marker neighbourhood of a minimum in 1-D (the
	// interval m_i ± Radius, inside its basin) and the visiting distance
	// of a minimum set on R^d (less than half the distance between any
	// two sets).
	Radius float64
	// Times are the scaled times, positive and increasing, at which the
	// finite-dimensional distributions are compared with the limiting
	// chain; nil when there are none (R^d trajectories record no states
	// at fixed times).
	Times []float64
}

// Dim returns the dimension d of the landscape.
func (p *Plan) Dim() int { return p.Landscape.Dim() }

// Validate checks that p is a consistent experiment, and returns the first
// violation as a *param.Error naming the field of Plan (scenario.Plan.Etas
// with the index of the step size, scenario.RunPlan.Samples, …) or the
// error of a domain's own Validate (landscapes.Interval,
// landscapes.Ball.Radius); FieldOf maps these names to scenario keys. The
// rules:
//
//   - Landscape, Basins and Noise are set; d = Landscape.Dim() ≥ 1,
//     Noise.Dim() = d, and Basins has at least one minimum set, each of
//     dimension d.
//   - B > 0 (+Inf for no truncation), not NaN.
//   - Domain, if set, is valid (Interval.Validate, Ball.Validate(d)); for a
//     landscapes.Line it is the line's own interval (IntervalOf), and may
//     be nil only when that interval is the whole line.
//   - Etas: at least one, each finite and > 0.
//   - Starts: at least one; each Basin in [0, n) (n minimum sets), X of d
//     finite coordinates lying in that basin (Basins.Locate(X) = Basin).
//   - Run.Samples ≥ 1 and Run.MaxSteps ≥ 1.
//   - Dynamics, if set: Replicas ≥ 1, Steps ≥ 1, Radius > 0 and finite,
//     Times (if any) finite, > 0 and strictly increasing.
//
// Build's plans satisfy them; Validate is for a Plan made by hand or
// changed after Build.
func (p *Plan) Validate() error {
	const pre = "scenario.Plan."
	if p.Landscape == nil {
		return param.Errorf(pre+"Landscape", "is missing (nil)")
	}
	d := p.Landscape.Dim()
	if d < 1 {
		return param.Errorf(pre+"Landscape", "must have dimension ≥ 1, got %d", d)
	}
	if p.Basins == nil {
		return param.Errorf(pre+"Basins", "is missing (nil)")
	}
	sets := p.Basins.MinimumSets()
	if len(sets) == 0 {
		return param.Errorf(pre+"Basins", "has no minimum set")
	}
	for i, s := range sets {
		if s.Dim() != d {
			return param.ElemErrorf(pre+"Basins", i, "minimum set %d has dimension %d, want %d (the landscape's)", i, s.Dim(), d)
		}
	}
	if p.Noise == nil {
		return param.Errorf(pre+"Noise", "is missing (nil)")
	}
	if nd := p.Noise.Dim(); nd != d {
		return param.Errorf(pre+"Noise", "has dimension %d, want %d (the landscape's)", nd, d)
	}
	if !(p.B > 0) {
		return param.Errorf(pre+"B", "must be > 0 (+Inf for no truncation), got %v", p.B)
	}
	if err := validateDomain(p.Landscape, p.Domain, d); err != nil {
		return err
	}
	if len(p.Etas) == 0 {
		return param.Errorf(pre+"Etas", "must list at least one step size")
	}
	for k, eta := range p.Etas {
		if !finite(eta) || eta <= 0 {
			return param.ElemErrorf(pre+"Etas", k, "must be > 0 and finite, got %v", eta)
		}
	}
	if len(p.Starts) == 0 {
		return param.Errorf(pre+"Starts", "must list at least one start")
	}
	for k, st := range p.Starts {
		if err := validateStart(p.Basins, st, len(sets), d); err != nil {
			return &param.Error{Name: pre + "Starts", Index: k, Err: err}
		}
	}
	if err := p.Run.validate(); err != nil {
		return err
	}
	if p.Dynamics != nil {
		return p.Dynamics.validate()
	}
	return nil
}

// validateDomain checks the projection set of a Plan (see Plan.Validate).
func validateDomain(l landscapes.Landscape, dom landscapes.Domain, d int) error {
	const name = "scenario.Plan.Domain"
	switch k := dom.(type) {
	case landscapes.Interval:
		if d != 1 {
			return param.Errorf(name, "is an interval, for a landscape of dimension %d", d)
		}
		if err := k.Validate(); err != nil {
			return err
		}
	case landscapes.Ball:
		if err := k.Validate(d); err != nil {
			return err
		}
	}
	line, ok := l.(landscapes.Line)
	if !ok {
		return nil
	}
	own := landscapes.IntervalOf(line)
	iv, isInterval := dom.(landscapes.Interval)
	switch {
	case dom == nil && math.IsInf(own.Lo, -1) && math.IsInf(own.Hi, 1):
		return nil
	case !isInterval || iv != own:
		return param.Errorf(name, "must be the landscape's own interval %v (its basins are those of that projection), got %v", own, dom)
	}
	return nil
}

// validateStart checks one start of a Plan: a basin index in [0, n), d
// finite coordinates, and X in that basin. Its error is the cause of the
// Plan's scenario.Plan.Starts error.
func validateStart(b landscapes.Basins, st Start, n, d int) error {
	if st.Basin < 0 || st.Basin >= n {
		return fmt.Errorf("basin %d is not in [0, %d), the basins of the minimum sets", st.Basin, n)
	}
	if len(st.X) != d {
		return fmt.Errorf("has %d coordinates, want %d (the landscape's dimension)", len(st.X), d)
	}
	for k, c := range st.X {
		if !finite(c) {
			return fmt.Errorf("coordinate %d must be finite, got %v", k, c)
		}
	}
	if got := b.Locate(st.X); got != st.Basin {
		return fmt.Errorf("%s lies in basin %d, not in its basin %d", fmtVec(st.X), got, st.Basin)
	}
	return nil
}

// validate checks the sizes of the first-exit runs.
func (r *RunPlan) validate() error {
	switch {
	case r.Samples < 1:
		return param.Errorf("scenario.RunPlan.Samples", "must be ≥ 1, got %d", r.Samples)
	case r.MaxSteps < 1:
		return param.Errorf("scenario.RunPlan.MaxSteps", "must be ≥ 1, got %d", r.MaxSteps)
	}
	return nil
}

// validate checks the sizes of the trajectory experiment.
func (g *DynamicsPlan) validate() error {
	const pre = "scenario.DynamicsPlan."
	switch {
	case g.Replicas < 1:
		return param.Errorf(pre+"Replicas", "must be ≥ 1, got %d", g.Replicas)
	case g.Steps < 1:
		return param.Errorf(pre+"Steps", "must be ≥ 1, got %d", g.Steps)
	case !finite(g.Radius) || g.Radius <= 0:
		return param.Errorf(pre+"Radius", "must be > 0 and finite, got %v", g.Radius)
	}
	for k, t := range g.Times {
		if !finite(t) || t <= 0 {
			return param.ElemErrorf(pre+"Times", k, "must be > 0 and finite, got %v", t)
		}
		if k > 0 && t <= g.Times[k-1] {
			return param.ElemErrorf(pre+"Times", k, "must be strictly increasing, got %v then %v", g.Times[k-1], t)
		}
	}
	return nil
}
