package scenario

import (
	"fmt"
	"math"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// BuiltRd holds the objects a validated scenario on R^d describes
// (THEORY.md sections 1 and 5).
type BuiltRd struct {
	// Landscape is the loss: a landscapes.QuadraticRd, GaussianWells or
	// HimmelblauModified.
	Landscape landscapes.Landscape
	// Basins are its basins of attraction: the QuadraticRd itself (its
	// explicit basin) or a *landscapes.BasinMap.
	Basins landscapes.Basins
	// Minima are the minimum sets, in the order basin indices use
	// (Basins.Minima()).
	Minima []landscapes.MinimumSet
	// Noise is the law of Z = R·Θ in R^d: the radial law of [noise] and the
	// angular law (isotropic or finite).
	Noise noise.Radial
	// B is the truncation threshold; +Inf means no truncation.
	B float64
	// Domain is the projection ball K centred at the origin; Radius +Inf
	// when there is none (quadratic).
	Domain landscapes.Ball
	// Etas are the step sizes, in file order.
	Etas []float64
	// Starts are the starting points of the first-exit runs, in order.
	Starts []StartRd
	// Warnings are human-readable notes that do not stop a run (step-size
	// stability, a minimum set where f is not twice differentiable, a
	// visiting radius reaching out of a basin). The package never prints
	// them.
	Warnings []string
}

// StartRd is one starting point of a run on R^d: Basin is the index of the
// basin whose exit is measured and X the initial iterate. For a minimum set
// X is its representative point (MinimumSet.Centre: the minimizer, or the
// midpoint of a segment); for sgd.start_x, X is that point and Basin the
// basin containing it.
type StartRd struct {
	Basin int
	X     []float64
}

// BuildRd validates s and builds the objects of a scenario on R^d (IsRd;
// for a 1-D scenario it returns a *FieldError naming landscape.dimension:
// use Build). It is BuildRdWith with the default basin-map options, which
// takes about 4 s for himmelblau-modified on one core (the search for minima
// from a 41×41 grid and the radial bisection of 720 directions per minimum
// set); see BuildRdWith for the rest.
func (s *Scenario) BuildRd() (*BuiltRd, error) {
	return s.BuildRdWith(landscapes.BasinMapOptions{})
}

// BuildRdWith validates s and builds its objects on R^d:
//
//   - Landscape: landscapes.NewQuadraticRd(hessian, basin_radius) or
//     NewQuadraticRdBox(hessian, basin_lo, basin_hi) for quadratic,
//     NewGaussianWells(centers, depths, widths, confinement), or
//     NewHimmelblauModified(PaperHimmelblau()).
//   - Basins: the QuadraticRd itself; otherwise landscapes.NewBasinMap with
//     the options opt and Domain = the projection ball of domain_radius
//     (opt.Domain is ignored). Zero options are the landscapes defaults;
//     smaller Grid, Directions and CacheCells make it faster and coarser.
//     A basin map is built once per process for each landscape, domain and
//     options: later builds of the same reuse it (it is immutable after
//     construction and safe for concurrent use).
//   - Minima = Basins.Minima(); Domain the projection ball (Radius +Inf for
//     quadratic, which is not projected).
//   - Noise: noise.NewRadial(d, noise.New(law, α, c, ½), angular), the
//     angular law nil (isotropic) or noise.Angular{directions, weights}.
//   - B = sgd.b, or +Inf when absent; Etas = sgd.eta.
//   - Starts: every minimum set at its representative point when neither
//     sgd.start nor sgd.start_x is given; minimum set sgd.start, which must
//     be < the number of minimum sets (error field "sgd.start"); for
//     sgd.start_x the basin Basins.Locate(x) containing it (error field
//     "sgd.start_x" if it lies in no basin).
//   - Step-size stability (THEORY.md section 2, in R^d with f″ replaced by
//     λ_max, the largest eigenvalue of the Hessian at the minimum set): for
//     every η_k and every minimum set a run starts from (every set when
//     [dynamics] is present), an error with field "sgd.eta[k]" if
//     η_k·λ_max ≥ 2 and a warning if η_k·λ_max > 1. λ_max is exact for the
//     quadratic and otherwise that of a numerical Hessian at the
//     representative point (see maxCurvature); where f is not twice
//     differentiable (the cut of himmelblau-modified along its segment of
//     minimizers) the rule does not apply, and a warning says so.
//   - dynamics.radius, the visiting distance of mc.TrajectoryRd, must be
//     smaller than half the distance between any two minimum sets (error);
//     a radius not smaller than r_i, the distance from minimum set i to the
//     boundary of its basin, is a warning.
//
// Errors are *FieldError; those of the landscapes and noise constructors
// carry the key they name ("landscape.hessian", "noise.angular", …) or the
// table name ("landscape" for a landscape without a minimum in the domain).
func (s *Scenario) BuildRdWith(opt landscapes.BasinMapOptions) (*BuiltRd, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if !s.IsRd() {
		return nil, fieldErr("landscape.dimension", "is 1: a 1-D landscape (kind %q) is built by Build, not BuildRd", s.Landscape.Kind)
	}
	l := &s.Landscape
	b := &BuiltRd{
		Domain: l.DomainBall(),
		B:      s.SGD.BOf(),
		Etas:   append([]float64(nil), s.SGD.Eta...),
	}
	if err := s.buildLandscapeRd(b, opt); err != nil {
		return nil, err
	}
	b.Minima = b.Basins.Minima()
	if len(b.Minima) == 0 { // NewBasinMap reports this; a user Basins might not
		return nil, fieldErr("landscape", "has no minimum inside the domain")
	}
	var err error
	if b.Noise, err = s.buildNoiseRd(); err != nil {
		return nil, err
	}
	if b.Starts, err = s.startsRd(b); err != nil {
		return nil, err
	}
	if err := s.checkStabilityRd(b); err != nil {
		return nil, err
	}
	if err := s.checkRadiusRd(b); err != nil {
		return nil, err
	}
	return b, nil
}

// buildLandscapeRd sets b.Landscape and b.Basins.
func (s *Scenario) buildLandscapeRd(b *BuiltRd, opt landscapes.BasinMapOptions) error {
	l := &s.Landscape
	var err error
	switch l.Kind {
	case KindQuadratic:
		var q landscapes.QuadraticRd
		if l.BasinRadius != nil {
			q, err = landscapes.NewQuadraticRd(l.Hessian, *l.BasinRadius)
		} else {
			q, err = landscapes.NewQuadraticRdBox(l.Hessian, l.BasinLo, l.BasinHi)
		}
		if err != nil {
			return sectionErr("landscape", err)
		}
		b.Landscape, b.Basins = q, q
		return nil
	case KindGaussianWells:
		b.Landscape, err = landscapes.NewGaussianWells(l.Centers, l.Depths, l.Widths, *l.Confinement)
	case KindHimmelblau:
		b.Landscape, err = landscapes.NewHimmelblauModified(landscapes.PaperHimmelblau())
	default: // unreachable after Validate
		return fieldErr("landscape.kind", "unknown kind %q on R^d", l.Kind)
	}
	if err != nil {
		return sectionErr("landscape", err)
	}
	opt.Domain = b.Domain
	bm, err := cachedBasinMap(l, b.Landscape, opt)
	if err != nil {
		return sectionErr("landscape", err)
	}
	b.Basins = bm
	return nil
}

// buildNoiseRd builds Z = R·Θ: the radial law R = |Z₁| from noise.New with
// p_+ = ½ (Validate has checked that p_plus is absent or ½) and the angular
// law.
func (s *Scenario) buildNoiseRd() (noise.Radial, error) {
	n := &s.Noise
	alpha := math.NaN()
	if n.Alpha != nil {
		alpha = *n.Alpha
	}
	law, err := noise.New(n.Law, alpha, n.Scale, DefaultPPlus, false)
	if err != nil {
		return noise.Radial{}, sectionErr("noise", err)
	}
	var ang *noise.Angular
	if n.AngularOf() == AngularFinite {
		ang = &noise.Angular{Directions: cloneRows(n.Directions), Weights: slices.Clone(n.Weights)}
	}
	z, err := noise.NewRadial(s.Dimension(), law, ang)
	if err != nil {
		return noise.Radial{}, sectionErr("noise", err)
	}
	return z, nil
}

// startsRd lists the starting points of the [sgd] table on R^d.
func (s *Scenario) startsRd(b *BuiltRd) ([]StartRd, error) {
	g := &s.SGD
	switch {
	case g.Start != nil:
		i := *g.Start
		if i >= len(b.Minima) {
			return nil, fieldErr("sgd.start", "must be < %d, the number of minimum sets, got %d", len(b.Minima), i)
		}
		return []StartRd{{Basin: i, X: b.Minima[i].Centre()}}, nil
	case g.StartX != nil:
		x := append([]float64(nil), g.StartX...)
		i := b.Basins.Locate(x)
		if i < 0 || i >= len(b.Minima) {
			return nil, fieldErr("sgd.start_x", "%s lies in no basin (the gradient flow from it reaches no minimum set: it is on a boundary between basins)", fmtVec(x))
		}
		return []StartRd{{Basin: i, X: x}}, nil
	}
	out := make([]StartRd, len(b.Minima))
	for i, m := range b.Minima {
		out[i] = StartRd{Basin: i, X: m.Centre()}
	}
	return out, nil
}

// checkStabilityRd applies the step-size rule η·λ_max < 2 of THEORY.md
// section 2 (λ_max the largest Hessian eigenvalue, the curvature of the
// stiffest direction) to every η and every minimum set a run starts from
// (every set when [dynamics] is present, since a trajectory visits them
// all), and records a warning when η·λ_max > 1.
func (s *Scenario) checkStabilityRd(b *BuiltRd) error {
	var check []int
	if s.Dynamics != nil {
		for i := range b.Minima {
			check = append(check, i)
		}
	} else {
		seen := map[int]bool{}
		for _, st := range b.Starts {
			if !seen[st.Basin] {
				seen[st.Basin] = true
				check = append(check, st.Basin)
			}
		}
	}
	for _, i := range check {
		set := fmtSet(b.Minima[i])
		c := maxCurvature(b.Landscape, b.Minima[i])
		if !c.Smooth {
			b.Warnings = append(b.Warnings, fmt.Sprintf(
				"landscape: f is not twice differentiable at the minimum set %d = %s: the largest curvature estimated from ∇f grows from %.4g to %.4g as the difference step shrinks from %.2g to %.2g, so the step-size rule η·λ_max < 2 (THEORY.md section 2) is not checked there",
				i, set, c.Coarse, c.Fine, c.Step, c.Step/curvatureRefine))
			continue
		}
		for k, eta := range b.Etas {
			prod := eta * c.Max
			switch {
			case prod >= stabilityError:
				return fieldErr(index("sgd.eta", k),
					"η·λ_max = %g·%.4g = %.4g ≥ 2 at the minimum set %d = %s (λ_max the largest eigenvalue of the Hessian): the gradient step is unstable there (THEORY.md section 2); use η < %.3g",
					eta, c.Max, prod, i, set, stabilityError/c.Max)
			case prod > stabilityWarning:
				b.Warnings = append(b.Warnings, fmt.Sprintf(
					"sgd.eta[%d]: η·λ_max = %g·%.4g = %.4g > 1 at the minimum set %d = %s: the step oscillates about the minimum (stable only below 2; THEORY.md section 2)",
					k, eta, c.Max, prod, i, set))
			}
		}
	}
	return nil
}

// checkRadiusRd checks dynamics.radius, the visiting distance ρ of
// mc.TrajectoryRd: the balls of radius ρ around the minimum sets must be
// disjoint, 2ρ < dist(S_i, S_j) for i ≠ j (error), and should lie in their
// basins, ρ < r_i (a warning otherwise; r_i from BasinMap.Radius, or the
// quadratic's exact Core).
func (s *Scenario) checkRadiusRd(b *BuiltRd) error {
	d := s.Dynamics
	if d == nil {
		return nil
	}
	if len(d.Times) > 0 {
		b.Warnings = append(b.Warnings,
			"dynamics.times: not used in R^d: the trajectories record time fractions and transitions, no states at fixed times")
	}
	for i := range b.Minima {
		for j := i + 1; j < len(b.Minima); j++ {
			if dist := b.Minima[i].DistanceTo(b.Minima[j]); 2*d.Radius >= dist {
				return fieldErr("dynamics.radius",
					"must be < %.4g, half the distance %.4g between the minimum sets %d = %s and %d = %s (the visiting neighbourhoods must be disjoint), got %g",
					dist/2, dist, i, fmtSet(b.Minima[i]), j, fmtSet(b.Minima[j]), d.Radius)
			}
		}
	}
	for i := range b.Minima {
		r := b.Basins.Core(i)
		if rb, ok := b.Basins.(interface{ Radius(int) float64 }); ok {
			r = rb.Radius(i)
		}
		if d.Radius >= r {
			b.Warnings = append(b.Warnings, fmt.Sprintf(
				"dynamics.radius: %g ≥ %.4g, the distance from the minimum set %d = %s to the boundary of its basin: its visiting neighbourhood reaches out of the basin",
				d.Radius, r, i, fmtSet(b.Minima[i])))
		}
	}
	return nil
}

// fmtSet formats a minimum set: "(x, y)" for a point, "[(…), (…)]" for a
// segment.
func fmtSet(m landscapes.MinimumSet) string {
	if m.IsPoint() {
		return fmtVec(m.A)
	}
	return "[" + fmtVec(m.A) + ", " + fmtVec(m.B) + "]"
}
