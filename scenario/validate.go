package scenario

import (
	"math"
	"regexp"

	"github.com/htsgd/htsgd/landscapes"
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
//     (the formula's cusp, THEORY.md section 2). Required for
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
//     for stable (THEORY.md section 1); an error for gaussian.
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
		if err := s.Dynamics.validate(s.IsRd()); err != nil {
			return err
		}
	}
	return nil
}

// nameRE is the allowed form of a scenario name.
var nameRE = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

func (s *Scenario) validateName() error {
	if !nameRE.MatchString(s.Name) {
		return fieldErr("name", "must be non-empty and use only letters, digits, '.', '_' and '-', got %q", s.Name)
	}
	return nil
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// DomainOf returns the projection interval [lo, hi] that the landscape table
// describes, with the kind's default when Domain is nil: [−1.6, 1.6] for
// paper-1d, and NaNs for critical-points (whose domain is required). For
// quadratic, which is not projected, it is (−∞, ∞). It does not validate.
func (l *Landscape) DomainOf() (lo, hi float64) {
	if l.Kind == KindQuadratic {
		return math.Inf(-1), math.Inf(1)
	}
	if len(l.Domain) == 2 {
		return l.Domain[0], l.Domain[1]
	}
	if l.Kind == KindPaper1D {
		return landscapes.Paper1DLo, landscapes.Paper1DHi
	}
	return math.NaN(), math.NaN()
}

// ScaleOf returns k: *Scale, or DefaultLandscapeScale when Scale is nil.
func (l *Landscape) ScaleOf() float64 {
	if l.Scale != nil {
		return *l.Scale
	}
	return DefaultLandscapeScale
}

func (l *Landscape) validate() error {
	switch l.Kind {
	case KindPaper1D, KindCriticalPoints, KindQuadratic, KindGaussianWells, KindHimmelblau:
	case "":
		return fieldErr("landscape.kind", "required (%s)", kindList)
	default:
		return fieldErr("landscape.kind", "unknown kind %q (want %s)", l.Kind, kindList)
	}
	if l.isRd() {
		return l.validateRd()
	}
	// Keys of another kind.
	if l.Points != nil && l.Kind != KindCriticalPoints {
		return fieldErr("landscape.points", "not used by kind %q (critical-points only)", l.Kind)
	}
	if l.Scale != nil && l.Kind == KindPaper1D {
		return fieldErr("landscape.scale", "not used by kind %q (critical-points and quadratic only)", l.Kind)
	}
	if l.Basin != nil && l.Kind != KindQuadratic {
		return fieldErr("landscape.basin", "not used by kind %q (quadratic only)", l.Kind)
	}
	if l.Domain != nil && l.Kind == KindQuadratic {
		return fieldErr("landscape.domain", "not used by kind %q (it is not projected; its basin is landscape.basin)", l.Kind)
	}
	if err := l.reject1DForeign(); err != nil {
		return err
	}
	if l.Kind == KindCriticalPoints && l.Domain == nil {
		return fieldErr("landscape.domain", "required for kind %q", l.Kind)
	}
	if err := l.validateDomain(); err != nil {
		return err
	}
	lo, hi := l.DomainOf()
	if l.Kind == KindCriticalPoints {
		if err := validatePoints(l.Points, lo, hi); err != nil {
			return err
		}
	}
	if l.Scale != nil {
		if k := *l.Scale; !finite(k) || k <= 0 {
			return fieldErr("landscape.scale", "must be > 0 and finite, got %g", k)
		}
	}
	if l.Kind == KindQuadratic {
		return validateBasin(l.Basin)
	}
	return nil
}

// validateDomain checks landscape.domain when given.
func (l *Landscape) validateDomain() error {
	if l.Domain == nil {
		return nil
	}
	const f = "landscape.domain"
	if len(l.Domain) != 2 {
		return fieldErr(f, "must be [lo, hi], got %d numbers", len(l.Domain))
	}
	lo, hi := l.Domain[0], l.Domain[1]
	switch {
	case math.IsNaN(lo) || math.IsNaN(hi):
		return fieldErr(f, "must not be NaN, got [%g, %g]", lo, hi)
	case lo >= hi:
		return fieldErr(f, "must satisfy lo < hi (non-empty, not reversed), got [%g, %g]", lo, hi)
	case math.IsInf(lo, 0) || math.IsInf(hi, 0):
		return fieldErr(f, "must be finite, got [%g, %g]", lo, hi)
	case l.Kind == KindPaper1D && hi >= landscapes.Paper1DCusp:
		return fieldErr(f, "upper end must be < %g (cusp of the paper-1d formula), got %g", landscapes.Paper1DCusp, hi)
	}
	return nil
}

// validatePoints checks the critical points c_1 < … < c_n of critical-points.
func validatePoints(p []float64, lo, hi float64) error {
	const f = "landscape.points"
	if len(p) == 0 {
		return fieldErr(f, "required for kind %q (an odd number of critical points)", KindCriticalPoints)
	}
	for k, c := range p {
		if !finite(c) {
			return fieldErr(index(f, k), "must be finite, got %g", c)
		}
	}
	if len(p)%2 == 0 {
		return fieldErr(f, "must have an odd number of points (minimum, maximum, …, minimum), got %d", len(p))
	}
	for k := 1; k < len(p); k++ {
		if p[k] <= p[k-1] {
			return fieldErr(f, "must be strictly increasing, got %g then %g", p[k-1], p[k])
		}
	}
	for k, c := range p {
		if c <= lo || c >= hi {
			return fieldErr(index(f, k), "must lie strictly inside the domain [%g, %g], got %g", lo, hi, c)
		}
	}
	return nil
}

// validateBasin checks the quadratic basin (a, c): a < 0 < c, no NaN, at
// most one infinite end (an infinite end cannot be crossed, so both infinite
// would leave no exit).
func validateBasin(b []float64) error {
	const f = "landscape.basin"
	switch {
	case b == nil:
		return fieldErr(f, "required for kind %q", KindQuadratic)
	case len(b) != 2:
		return fieldErr(f, "must be [a, c], got %d numbers", len(b))
	case math.IsNaN(b[0]) || math.IsNaN(b[1]):
		return fieldErr(f, "must not be NaN, got [%g, %g]", b[0], b[1])
	case !(b[0] < 0 && 0 < b[1]):
		return fieldErr(f, "must satisfy a < 0 < c (it surrounds the minimum 0), got [%g, %g]", b[0], b[1])
	case math.IsInf(b[0], 0) && math.IsInf(b[1], 0):
		return fieldErr(f, "must have at least one finite end (else no exit is possible), got [%g, %g]", b[0], b[1])
	}
	return nil
}

// Heavy reports whether law is one of the heavy-tailed laws (all known laws
// but gaussian).
func Heavy(law string) bool {
	switch law {
	case LawPareto, LawLomax, LawStudentT, LawStable:
		return true
	}
	return false
}

// Asymmetric reports whether law takes p_plus (pareto and lomax).
func Asymmetric(law string) bool { return law == LawPareto || law == LawLomax }

// PPlusOf returns p_+: *PPlus, or DefaultPPlus when PPlus is nil, for
// pareto and lomax; NaN for the other laws, which take no p_plus.
func (n *Noise) PPlusOf() float64 {
	if !Asymmetric(n.Law) {
		return math.NaN()
	}
	if n.PPlus != nil {
		return *n.PPlus
	}
	return DefaultPPlus
}

func (n *Noise) validate() error {
	switch n.Law {
	case LawPareto, LawLomax, LawStudentT, LawStable, LawGaussian:
	case "":
		return fieldErr("noise.law", "required (pareto, lomax, student-t, stable or gaussian)")
	default:
		return fieldErr("noise.law", "unknown law %q (want pareto, lomax, student-t, stable or gaussian)", n.Law)
	}
	if Heavy(n.Law) {
		if n.Alpha == nil {
			return fieldErr("noise.alpha", "required for law %q", n.Law)
		}
		a := *n.Alpha
		switch {
		case !finite(a):
			return fieldErr("noise.alpha", "must be finite, got %g", a)
		case a <= 1:
			return fieldErr("noise.alpha", "must be > 1, got %g", a)
		case n.Law == LawStable && a >= 2:
			return fieldErr("noise.alpha", "must be < 2 for law %q, got %g", n.Law, a)
		}
	} else if n.Alpha != nil {
		return fieldErr("noise.alpha", "not used by law %q (light-tailed)", n.Law)
	}
	if !finite(n.Scale) || n.Scale <= 0 {
		return fieldErr("noise.scale", "must be > 0 and finite, got %g", n.Scale)
	}
	if n.PPlus != nil {
		p := *n.PPlus
		if !Asymmetric(n.Law) {
			return fieldErr("noise.p_plus", "not used by the symmetric law %q (pareto and lomax only)", n.Law)
		}
		if !(p > 0 && p < 1) {
			return fieldErr("noise.p_plus", "must be in (0, 1), got %g", p)
		}
	}
	return nil
}

// BOf returns the truncation threshold b: *B, or +Inf (no truncation) when B
// is nil.
func (g *SGD) BOf() float64 {
	if g.B == nil {
		return math.Inf(1)
	}
	return *g.B
}

func (s *Scenario) validateSGD() error {
	g := &s.SGD
	if g.B != nil {
		if b := *g.B; math.IsNaN(b) || b <= 0 {
			return fieldErr("sgd.b", "must be > 0 (or inf for no truncation), got %g", b)
		}
	}
	if len(g.Eta) == 0 {
		return fieldErr("sgd.eta", "must list at least one step size")
	}
	for k, eta := range g.Eta {
		if !finite(eta) || eta <= 0 {
			return fieldErr(index("sgd.eta", k), "must be > 0 and finite, got %g", eta)
		}
	}
	if g.Start != nil && g.StartX != nil {
		return fieldErr("sgd.start_x", "cannot be given together with sgd.start")
	}
	if g.Start != nil && *g.Start < 0 {
		return fieldErr("sgd.start", "must be ≥ 0 (a 0-based index of a minimum), got %d", *g.Start)
	}
	if g.StartX != nil && s.IsRd() {
		return s.validateStartRd()
	}
	if g.StartX != nil {
		if len(g.StartX) != 1 {
			return fieldErr("sgd.start_x", "must be one number for a 1-D landscape, got %s", numbers(len(g.StartX)))
		}
		x := g.StartX[0]
		l := &s.Landscape
		lo, hi := l.DomainOf()
		switch {
		case !finite(x):
			return fieldErr("sgd.start_x", "must be finite, got %g", x)
		case l.Kind == KindQuadratic && !(l.Basin[0] < x && x < l.Basin[1]):
			return fieldErr("sgd.start_x", "must lie strictly inside the basin (%g, %g), got %g", l.Basin[0], l.Basin[1], x)
		case x < lo || x > hi:
			return fieldErr("sgd.start_x", "must lie in the domain [%g, %g], got %g", lo, hi, x)
		}
	}
	return nil
}

func (r *Run) validate() error {
	switch {
	case r.Samples < 1:
		return fieldErr("run.samples", "must be ≥ 1, got %d", r.Samples)
	case r.MaxSteps < 1:
		return fieldErr("run.max_steps", "must be ≥ 1, got %d", r.MaxSteps)
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
	case d.Steps < 1:
		return fieldErr("dynamics.steps", "must be ≥ 1, got %d", d.Steps)
	case !finite(d.Radius) || d.Radius <= 0:
		return fieldErr("dynamics.radius", "must be > 0 and finite, got %g", d.Radius)
	case rd && d.Times == nil:
		return nil
	case len(d.Times) == 0:
		return fieldErr("dynamics.times", "must list at least one time")
	}
	for k, t := range d.Times {
		if !finite(t) || t <= 0 {
			return fieldErr(index("dynamics.times", k), "must be > 0 and finite, got %g", t)
		}
	}
	for k := 1; k < len(d.Times); k++ {
		if d.Times[k] <= d.Times[k-1] {
			return fieldErr("dynamics.times", "must be strictly increasing, got %g then %g", d.Times[k-1], d.Times[k])
		}
	}
	return nil
}
