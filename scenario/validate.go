package scenario

import (
	"fmt"
	"math"
	"regexp"
)

// Validate checks every rule of the format that does not need the landscape's
// critical-point structure (or, on R^d, its basin map), and returns the
// first violation in file order as a *FieldError (nil if none):
//
//   - name: non-empty, letters, digits, '.', '_', '-' only (it names output
//     files).
//   - landscape.kind: one of paper-1d, critical-points, quadratic,
//     gaussian-wells, himmelblau-modified; keys of another kind (points,
//     scale or basin for paper-1d, basin for critical-points, points or
//     domain for quadratic, any R^d key for a 1-D kind, any 1-D key on R^d,
//     centers for quadratic, …) are errors.
//   - landscape.points (critical-points, required): finite, an odd number,
//     strictly increasing, strictly inside the domain.
//   - landscape.scale: k > 0 and finite.
//   - landscape.domain: two finite numbers lo < hi; for paper-1d hi < 1.65
//     (the formula's cusp, docs/theory.md §4.2). Required for
//     critical-points.
//   - landscape.basin (quadratic, required): a < 0 < c, no NaN, at most one
//     end infinite.
//   - landscape.dimension: 1 (or absent) for the 1-D kinds; ≥ 2 on R^d,
//     2 for himmelblau-modified, and equal to the size of hessian and of
//     every centre.
//   - landscape.hessian (quadratic on R^d, required): d×d (a row of the
//     wrong length is landscape.hessian[i]), finite, symmetric (to 1e-12
//     relative), positive definite.
//   - landscape.basin_radius R > 0 finite, or the box landscape.basin_lo,
//     landscape.basin_hi (d numbers each, lo_k < 0 < hi_k, some side
//     finite): exactly one of the two, for the quadratic on R^d.
//   - landscape.centers, depths, widths, confinement (gaussian-wells, all
//     required): d ≥ 2 finite coordinates per centre (landscape.centers[i]),
//     one depth and one width per centre, each > 0 and finite
//     (landscape.depths[k]); confinement > 0 and finite.
//   - landscape.domain_radius: > 0 and finite; required for
//     gaussian-wells, default 4.2 for himmelblau-modified, an error for
//     quadratic (not projected).
//   - noise.law: one of pareto, lomax, student-t, stable, gaussian.
//   - noise.alpha: required and > 1 for the heavy-tailed laws, < 2 as well
//     for stable (docs/theory.md §3.2); an error for gaussian.
//   - noise.scale: c > 0 and finite.
//   - noise.p_plus: in (0, 1) for pareto and lomax; an error for the
//     symmetric laws (student-t, stable, gaussian); on R^d only 0.5.
//   - noise.angular, directions, weights: R^d only. angular is isotropic
//     (default) or finite; directions (required for finite, an error for
//     isotropic) have d finite coordinates and are not zero
//     (noise.directions[k]); weights (optional, equal by default) one per
//     direction, > 0 and finite; and Σ_k p_k θ_k/‖θ_k‖ = 0 (E Z = 0).
//   - sgd.b: b > 0, not NaN; +Inf means no truncation.
//   - sgd.eta: non-empty; every η finite and > 0 (field sgd.eta[k]).
//   - sgd.start ≥ 0 (its upper bound is checked by Build); sgd.start and
//     sgd.start_x not both; sgd.start_x finite and in the domain (for
//     quadratic: strictly inside the basin). In 1-D start_x is one number;
//     on R^d it is d numbers in the projection ball (for quadratic:
//     strictly inside the ball or box basin).
//   - run.samples ≥ 1, run.max_steps ≥ 1, run.seed ≥ 0.
//   - dynamics (when present): replicas ≥ 1, steps ≥ 1, radius > 0 finite,
//     times non-empty, each finite and > 0, strictly increasing (on R^d
//     times may be omitted).
func (s *Scenario) Validate() error {
	if err := s.validateName(); err != nil {
		return err
	}
	if err := s.Landscape.validate(); err != nil {
		return err
	}
	if err := s.Noise.validate(); err != nil {
		return err
	}
	if err := s.validateNoiseRd(); err != nil {
		return err
	}
	if err := s.validateSGD(); err != nil {
		return err
	}
	if err := s.Run.validate(); err != nil {
		return err
	}
	if s.Dynamics != nil {
		if err := s.Dynamics.validate(s.isRd()); err != nil {
			return err
		}
	}
	return nil
}

// maxNameLength bounds the length of a scenario name: it names output
// files, and file names are limited to 255 bytes on common file systems.
const maxNameLength = 128

// nameRE is the allowed form of a scenario name.
var nameRE = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// validateName checks the top-level key name.
func (s *Scenario) validateName() error {
	if !nameRE.MatchString(s.Name) {
		return fieldErr("name", "must be non-empty and use only letters, digits, '.', '_' and '-', got %q", s.Name)
	}
	if len(s.Name) > maxNameLength {
		return fieldErr("name", "must have at most %d characters (it names output files), got %d", maxNameLength, len(s.Name))
	}
	return nil
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func (r *Run) validate() error {
	switch {
	case r.Samples < 1:
		return fieldErr("run.samples", "must be ≥ 1, got %d", r.Samples)
	case r.Samples > MaxSamples:
		return fieldErr("run.samples", "must be ≤ %d (scenario.MaxSamples: the CI of the mean is then already within 6·10^{−5}, far below any finite-η bias; split the run with -shard if you need more), got %d", MaxSamples, r.Samples)
	case r.MaxSteps < 1:
		return fieldErr("run.max_steps", "must be ≥ 1, got %d", r.MaxSteps)
	case r.MaxSteps > MaxSteps:
		return fieldErr("run.max_steps", "must be ≤ %d (scenario.MaxSteps: two months of one core per replica), got %d", int64(MaxSteps), r.MaxSteps)
	case r.Seed < 0:
		return fieldErr("run.seed", "must be ≥ 0, got %d", r.Seed)
	}
	return nil
}

// validate checks the [dynamics] table; on R^d (rd) times may be absent
// (nil).
func (d *Dynamics) validate(rd bool) error {
	switch {
	case d.Replicas < 1:
		return fieldErr("dynamics.replicas", "must be ≥ 1, got %d", d.Replicas)
	case d.Replicas > MaxReplicas:
		return fieldErr("dynamics.replicas", "must be ≤ %d (scenario.MaxReplicas: every trajectory's record is kept until the report), got %d", MaxReplicas, d.Replicas)
	case d.Steps < 1:
		return fieldErr("dynamics.steps", "must be ≥ 1, got %d", d.Steps)
	case d.Steps > MaxSteps:
		return fieldErr("dynamics.steps", "must be ≤ %d (scenario.MaxSteps: two months of one core per replica), got %d", int64(MaxSteps), d.Steps)
	case !finite(d.Radius) || d.Radius <= 0:
		return fieldErr("dynamics.radius", "must be > 0 and finite, got %g", d.Radius)
	case d.Radius > MaxMagnitude:
		return checkCoordinate("dynamics.radius", d.Radius)
	case len(d.Times) > MaxTimes:
		return checkCount("dynamics.times", len(d.Times), MaxTimes, "MaxTimes", "a column of the finite-dimensional-distribution check each")
	case rd && d.Times == nil:
		return nil
	case len(d.Times) == 0:
		return fieldErr("dynamics.times", "must list at least one time")
	}
	for k, t := range d.Times {
		if !finite(t) || t <= 0 {
			return fieldErr(index("dynamics.times", k), "must be > 0 and finite, got %g", t)
		}
		if err := checkScale(index("dynamics.times", k), t); err != nil {
			return err
		}
	}
	for k := 1; k < len(d.Times); k++ {
		if d.Times[k] <= d.Times[k-1] {
			return fieldErr("dynamics.times", "must be strictly increasing, got %g then %g", d.Times[k-1], d.Times[k])
		}
	}
	return nil
}

// numbers returns "1 number" or "n numbers".
func numbers(n int) string {
	if n == 1 {
		return "1 number"
	}
	return fmt.Sprintf("%d numbers", n)
}

// fmtVec formats a vector as "(x, y, …)" with %.6g coordinates.
func fmtVec(x []float64) string {
	out := "("
	for k, c := range x {
		if k > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%.6g", c)
	}
	return out + ")"
}
