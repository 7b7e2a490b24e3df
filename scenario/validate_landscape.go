package scenario

import (
	"math"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"gonum.org/v1/gonum/mat"
)

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

// validate checks the [landscape] table (see Validate): the kind, then the
// keys of a 1-D kind here and those of a kind on R^d in validateRd.
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
		if err := checkScale("landscape.scale", *l.Scale); err != nil {
			return err
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
	for k, x := range l.Domain {
		if err := checkCoordinate(index(f, k), x); err != nil {
			return err
		}
	}
	return nil
}

// validatePoints checks the critical points c_1 < … < c_n of critical-points.
func validatePoints(p []float64, lo, hi float64) error {
	const f = "landscape.points"
	if len(p) == 0 {
		return fieldErr(f, "required for kind %q (an odd number of critical points)", KindCriticalPoints)
	}
	if err := checkCount(f, len(p), MaxCriticalPoints, "MaxCriticalPoints", "20 minima: a state of the limiting chain each, and f' a product of that many factors"); err != nil {
		return err
	}
	for k, c := range p {
		if !finite(c) {
			return fieldErr(index(f, k), "must be finite, got %g", c)
		}
		if err := checkCoordinate(index(f, k), c); err != nil {
			return err
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
	for k, x := range b {
		if finite(x) {
			if err := checkCoordinate(index(f, k), x); err != nil {
				return err
			}
		}
	}
	return nil
}

// kindList names the landscape kinds for messages.
const kindList = "paper-1d, critical-points, quadratic, gaussian-wells or himmelblau-modified"

// symmetryTol is the relative tolerance of the Hessian's symmetry, the one
// landscapes.NewQuadraticRd applies: |H_ij − H_ji| ≤ 1e-12·max|H|.
const symmetryTol = 1e-12

// reject1DForeign rejects the keys of the R^d landscapes in a 1-D table.
func (l *Landscape) reject1DForeign() error {
	if l.Dimension != nil && *l.Dimension != 1 {
		return fieldErr("landscape.dimension", "must be 1 for kind %q (1-D), got %d", l.Kind, *l.Dimension)
	}
	keys := []struct {
		name    string
		present bool
		who     string
	}{
		{"hessian", l.Hessian != nil, "quadratic on R^d only"},
		{"basin_radius", l.BasinRadius != nil, "quadratic on R^d only, with hessian"},
		{"basin_lo", l.BasinLo != nil, "quadratic on R^d only, with hessian"},
		{"basin_hi", l.BasinHi != nil, "quadratic on R^d only, with hessian"},
		{"centers", l.Centers != nil, "gaussian-wells only"},
		{"depths", l.Depths != nil, "gaussian-wells only"},
		{"widths", l.Widths != nil, "gaussian-wells only"},
		{"confinement", l.Confinement != nil, "gaussian-wells only"},
		{"domain_radius", l.DomainRadius != nil, "gaussian-wells and himmelblau-modified only"},
	}
	for _, k := range keys {
		if k.present {
			return fieldErr("landscape."+k.name, "not used by the 1-D kind %q (%s)", l.Kind, k.who)
		}
	}
	return nil
}

// validateRd checks a [landscape] table on R^d: no key of the 1-D kinds or
// of another R^d kind, then dimension and the keys of the kind, in file
// order.
func (l *Landscape) validateRd() error {
	switch {
	case l.Points != nil:
		return fieldErr("landscape.points", "not used by kind %q on R^d (critical-points only)", l.Kind)
	case l.Scale != nil:
		return fieldErr("landscape.scale", "not used by kind %q on R^d (1-D critical-points and quadratic only; in R^d the hessian or the wells set the curvature)", l.Kind)
	case l.Domain != nil:
		return fieldErr("landscape.domain", "not used by kind %q on R^d (1-D only; the projection set in R^d is the ball of landscape.domain_radius)", l.Kind)
	case l.Basin != nil:
		return fieldErr("landscape.basin", "not used by kind %q on R^d (1-D quadratic only; in R^d use basin_radius or basin_lo and basin_hi)", l.Kind)
	}
	quad, wells := l.Kind == KindQuadratic, l.Kind == KindGaussianWells
	keys := []struct {
		name    string
		present bool
		ok      bool
		who     string
	}{
		{"hessian", l.Hessian != nil, quad, "quadratic only"},
		{"basin_radius", l.BasinRadius != nil, quad, "quadratic only"},
		{"basin_lo", l.BasinLo != nil, quad, "quadratic only"},
		{"basin_hi", l.BasinHi != nil, quad, "quadratic only"},
		{"centers", l.Centers != nil, wells, "gaussian-wells only"},
		{"depths", l.Depths != nil, wells, "gaussian-wells only"},
		{"widths", l.Widths != nil, wells, "gaussian-wells only"},
		{"confinement", l.Confinement != nil, wells, "gaussian-wells only"},
		{"domain_radius", l.DomainRadius != nil, !quad, "gaussian-wells and himmelblau-modified only; the quadratic is not projected"},
	}
	for _, k := range keys {
		if k.present && !k.ok {
			return fieldErr("landscape."+k.name, "not used by kind %q (%s)", l.Kind, k.who)
		}
	}
	if err := l.validateDimension(); err != nil {
		return err
	}
	d := l.dim()
	switch l.Kind {
	case KindQuadratic:
		if err := validateHessian(l.Hessian, d); err != nil {
			return err
		}
		if err := l.validateBasinRd(d); err != nil {
			return err
		}
	case KindGaussianWells:
		if d > MaxDimension {
			return fieldErr(index("landscape.centers", 0), "must have at most %d coordinates (scenario.MaxDimension: the ray scans of J and C* cover higher-dimensional spheres too thinly), got %d", MaxDimension, d)
		}
		if err := l.validateWells(d); err != nil {
			return err
		}
	}
	if l.Kind == KindGaussianWells && l.DomainRadius == nil {
		return fieldErr("landscape.domain_radius", "required for kind %q (the projection ball, which also bounds the search for minima)", l.Kind)
	}
	if l.DomainRadius != nil {
		if r := *l.DomainRadius; !finite(r) || r <= 0 {
			return fieldErr("landscape.domain_radius", "must be > 0 and finite, got %g", r)
		}
		if err := checkScale("landscape.domain_radius", *l.DomainRadius); err != nil {
			return err
		}
	}
	return nil
}

// validateDimension checks landscape.dimension against the kind: ≥ 2, and
// 2 for himmelblau-modified. Its agreement with hessian and centers is
// checked with those keys.
func (l *Landscape) validateDimension() error {
	if l.Dimension == nil {
		return nil
	}
	d := *l.Dimension
	switch {
	case l.Kind == KindHimmelblau && d != 2:
		return fieldErr("landscape.dimension", "must be 2 for kind %q, got %d", l.Kind, d)
	case d < 2:
		return fieldErr("landscape.dimension", "must be ≥ 2 for kind %q on R^d, got %d (1-D landscapes: paper-1d, critical-points, quadratic with scale and basin)", l.Kind, d)
	case d > MaxDimension:
		return fieldErr("landscape.dimension", "must be ≤ %d (scenario.MaxDimension: the ray scans of J and C* cover higher-dimensional spheres too thinly), got %d", MaxDimension, d)
	}
	return nil
}

// validateHessian checks H of the R^d quadratic: d×d (d = landscape.dimension
// when given), finite, symmetric to symmetryTol relative, positive definite
// (every eigenvalue > 0, by gonum's mat.EigenSym).
func validateHessian(h [][]float64, d int) error {
	const f = "landscape.hessian"
	if h == nil {
		return fieldErr(f, "required for kind %q on R^d (a symmetric positive-definite %d×%d matrix)", KindQuadratic, d, d)
	}
	if len(h) != d {
		return fieldErr(f, "must be a %d×%d matrix (landscape.dimension = %d), got %d rows", d, d, d, len(h))
	}
	if d < 2 {
		return fieldErr(f, "must be at least 2×2 (a 1-D quadratic uses scale and basin), got %d×%d", d, d)
	}
	if d > MaxDimension {
		return fieldErr(f, "must be at most %d×%d (scenario.MaxDimension: the ray scans of J and C* cover higher-dimensional spheres too thinly), got %d rows", MaxDimension, MaxDimension, d)
	}
	scale := 0.0
	for i, row := range h {
		if len(row) != d {
			return fieldErr(index(f, i), "must have %d entries (a %d×%d matrix), got %d", d, d, d, len(row))
		}
		for j, v := range row {
			if !finite(v) {
				return fieldErr(index(f, i), "entry %d must be finite, got %g", j, v)
			}
			if math.Abs(v) > MaxMagnitude {
				return fieldErr(index(f, i), "entry %d must lie in [−%g, %g] (scenario.MaxMagnitude: the eigenvalues of the Hessian must stay finite), got %g", j, MaxMagnitude, MaxMagnitude, v)
			}
			scale = math.Max(scale, math.Abs(v))
		}
	}
	sym := mat.NewSymDense(d, nil)
	for i := range d {
		for j := range i {
			if math.Abs(h[i][j]-h[j][i]) > symmetryTol*scale {
				return fieldErr(index(f, i), "must be symmetric: entry %d is %g but hessian[%d][%d] is %g", j, h[i][j], j, i, h[j][i])
			}
		}
		for j := i; j < d; j++ {
			sym.SetSym(i, j, 0.5*(h[i][j]+h[j][i]))
		}
	}
	var es mat.EigenSym
	if !es.Factorize(sym, false) {
		return fieldErr(f, "eigendecomposition failed")
	}
	if ev := es.Values(nil); !(ev[0] > 0) {
		return fieldErr(f, "must be positive definite, got the smallest eigenvalue %.6g", ev[0])
	} else if ev[0] < MinMagnitude {
		return fieldErr(f, "must have its smallest eigenvalue ≥ %g (scenario.MinMagnitude: a flatter direction never contracts), got %.6g", MinMagnitude, ev[0])
	}
	return nil
}

// validateBasinRd checks the basin of the R^d quadratic: either the ball
// basin_radius R (> 0, finite: an infinite basin is never left), or the box
// basin_lo < x < basin_hi (d numbers each, lo_k < 0 < hi_k, no NaN, at least
// one finite side, else no exit is possible).
func (l *Landscape) validateBasinRd(d int) error {
	box := l.BasinLo != nil || l.BasinHi != nil
	switch {
	case l.BasinRadius != nil && box:
		return fieldErr("landscape.basin_radius", "cannot be given together with basin_lo and basin_hi (one basin: a ball or a box)")
	case l.BasinRadius != nil:
		if r := *l.BasinRadius; !finite(r) || r <= 0 {
			return fieldErr("landscape.basin_radius", "must be > 0 and finite (an infinite basin is never left), got %g", r)
		}
		return checkScale("landscape.basin_radius", *l.BasinRadius)
	case !box:
		return fieldErr("landscape.basin_radius", "required for kind %q on R^d (or a box basin_lo, basin_hi)", l.Kind)
	case l.BasinLo == nil:
		return fieldErr("landscape.basin_lo", "required with basin_hi (the box basin_lo < x < basin_hi)")
	case l.BasinHi == nil:
		return fieldErr("landscape.basin_hi", "required with basin_lo (the box basin_lo < x < basin_hi)")
	}
	anyFinite := false
	for _, c := range []struct {
		key  string
		v    []float64
		sign float64
	}{{"landscape.basin_lo", l.BasinLo, -1}, {"landscape.basin_hi", l.BasinHi, 1}} {
		if len(c.v) != d {
			return fieldErr(c.key, "must have %d numbers (landscape dimension %d), got %d", d, d, len(c.v))
		}
		for k, x := range c.v {
			if math.IsNaN(x) || !(c.sign*x > 0) {
				rel := "< 0"
				if c.sign > 0 {
					rel = "> 0"
				}
				return fieldErr(index(c.key, k), "must be %s (the box surrounds the minimum 0), got %g", rel, x)
			}
			if finite(x) {
				if err := checkCoordinate(index(c.key, k), x); err != nil {
					return err
				}
			}
			anyFinite = anyFinite || finite(x)
		}
	}
	if !anyFinite {
		return fieldErr("landscape.basin_lo", "the box must have at least one finite side (else no exit is possible)")
	}
	return nil
}

// validateWells checks the keys of gaussian-wells: centers (≥ 1 centre of
// d ≥ 2 finite coordinates each), depths and widths (one positive finite
// number per centre), confinement (> 0, finite).
func (l *Landscape) validateWells(d int) error {
	n := len(l.Centers)
	if n == 0 {
		return fieldErr("landscape.centers", "required for kind %q (at least one centre)", l.Kind)
	}
	if err := checkCount("landscape.centers", n, MaxWells, "MaxWells", "a basin to map and a state of the limiting chain each"); err != nil {
		return err
	}
	if l.Dimension == nil && d < 2 {
		return fieldErr(index("landscape.centers", 0), "must have ≥ 2 coordinates (kind %q is on R^d; for a 1-D landscape use critical-points), got %d", l.Kind, d)
	}
	for i, c := range l.Centers {
		if len(c) != d {
			return fieldErr(index("landscape.centers", i), "must have %d coordinates (landscape dimension %d), got %d", d, d, len(c))
		}
		for _, x := range c {
			if !finite(x) {
				return fieldErr(index("landscape.centers", i), "coordinates must be finite, got %g", x)
			}
			if err := checkCoordinate(index("landscape.centers", i), x); err != nil {
				return err
			}
		}
		for j := range i {
			if slices.Equal(l.Centers[j], c) {
				return fieldErr(index("landscape.centers", i), "must differ from landscape.centers[%d]: coincident centres make one well, not two (merge them into one with the summed depth)", j)
			}
		}
	}
	for _, v := range []struct {
		key string
		xs  []float64
	}{{"landscape.depths", l.Depths}, {"landscape.widths", l.Widths}} {
		if v.xs == nil {
			return fieldErr(v.key, "required for kind %q (one number per centre)", l.Kind)
		}
		if len(v.xs) != n {
			return fieldErr(v.key, "must have one number per centre (%d), got %d", n, len(v.xs))
		}
		for k, x := range v.xs {
			if !finite(x) || x <= 0 {
				return fieldErr(index(v.key, k), "must be > 0 and finite, got %g", x)
			}
			if err := checkScale(index(v.key, k), x); err != nil {
				return err
			}
		}
	}
	if l.Confinement == nil {
		return fieldErr("landscape.confinement", "required for kind %q (k > 0 of the confining term ½k‖x‖²)", l.Kind)
	}
	if k := *l.Confinement; !finite(k) || k <= 0 {
		return fieldErr("landscape.confinement", "must be > 0 and finite, got %g", k)
	}
	if err := checkScale("landscape.confinement", *l.Confinement); err != nil {
		return err
	}
	return nil
}
