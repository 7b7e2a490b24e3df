package scenario

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// kindList names the landscape kinds for messages.
const kindList = "paper-1d, critical-points, quadratic, gaussian-wells or himmelblau-modified"

// symmetryTol is the relative tolerance of the Hessian's symmetry, the one
// landscapes.NewQuadraticRd applies: |H_ij − H_ji| ≤ 1e-12·max|H|.
const symmetryTol = 1e-12

// angularMeanTol is the tolerance of the mean-zero rule |Σ_k p_k θ_k| of a
// finite angular law, per coordinate, the one noise.NewRadial applies.
const angularMeanTol = 1e-9

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
	scale := 0.0
	for i, row := range h {
		if len(row) != d {
			return fieldErr(index(f, i), "must have %d entries (a %d×%d matrix), got %d", d, d, d, len(row))
		}
		for j, v := range row {
			if !finite(v) {
				return fieldErr(index(f, i), "entry %d must be finite, got %g", j, v)
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
		return nil
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
		}
	}
	if l.Confinement == nil {
		return fieldErr("landscape.confinement", "required for kind %q (k > 0 of the confining term ½k‖x‖²)", l.Kind)
	}
	if k := *l.Confinement; !finite(k) || k <= 0 {
		return fieldErr("landscape.confinement", "must be > 0 and finite, got %g", k)
	}
	return nil
}

// validateNoiseRd checks the keys of the noise direction: in 1-D angular,
// directions and weights are errors; in R^d p_plus must be absent or ½, and
// the angular law must be isotropic or a valid finite law.
func (s *Scenario) validateNoiseRd() error {
	n := &s.Noise
	if !s.IsRd() {
		for _, k := range []struct {
			name    string
			present bool
		}{{"angular", n.Angular != ""}, {"directions", n.Directions != nil}, {"weights", n.Weights != nil}} {
			if k.present {
				return fieldErr("noise."+k.name, "only for landscapes on R^d (in 1-D, p_plus sets the asymmetry)")
			}
		}
		return nil
	}
	if n.PPlus != nil && *n.PPlus != DefaultPPlus {
		return fieldErr("noise.p_plus", "must be 0.5 or absent on R^d, got %g: the radial law is symmetric and the angular law replaces p_± (THEORY.md section 1)", *n.PPlus)
	}
	switch n.AngularOf() {
	case AngularIsotropic:
		if n.Directions != nil {
			return fieldErr("noise.directions", "not used by the isotropic angular law (set angular = %q)", AngularFinite)
		}
		if n.Weights != nil {
			return fieldErr("noise.weights", "not used by the isotropic angular law (set angular = %q)", AngularFinite)
		}
		return nil
	case AngularFinite:
		return validateFiniteAngular(n.Directions, n.Weights, s.Dimension())
	}
	return fieldErr("noise.angular", "unknown angular law %q (want %s or %s)", n.Angular, AngularIsotropic, AngularFinite)
}

// validateFiniteAngular checks the finite angular law S = Σ_k p_k δ_{θ_k}
// of noise.Angular: directions of d finite coordinates, none zero; weights
// (nil: equal) one per direction, > 0 and finite; and the mean-zero rule
//
//	Σ_k p_k θ_k/‖θ_k‖ = 0   (p_k normalised to sum 1),
//
// per coordinate to angularMeanTol, so that E Z = E R·E Θ = 0.
func validateFiniteAngular(dirs [][]float64, weights []float64, d int) error {
	if len(dirs) == 0 {
		return fieldErr("noise.directions", "required for angular = %q (at least one direction)", AngularFinite)
	}
	for k, v := range dirs {
		if len(v) != d {
			return fieldErr(index("noise.directions", k), "must have %d coordinates (landscape dimension %d), got %d", d, d, len(v))
		}
		norm := 0.0
		for _, c := range v {
			if !finite(c) {
				return fieldErr(index("noise.directions", k), "coordinates must be finite, got %g", c)
			}
			norm += c * c
		}
		if norm == 0 {
			return fieldErr(index("noise.directions", k), "must not be the zero vector")
		}
	}
	if weights != nil && len(weights) != len(dirs) {
		return fieldErr("noise.weights", "must have one weight per direction (%d), got %d", len(dirs), len(weights))
	}
	total := 0.0
	for k, w := range weights {
		if !finite(w) || w <= 0 {
			return fieldErr(index("noise.weights", k), "must be > 0 and finite, got %g", w)
		}
		total += w
	}
	mean := make([]float64, d)
	for k, v := range dirs {
		p := 1 / float64(len(dirs))
		if weights != nil {
			p = weights[k] / total
		}
		norm := floats.Norm(v, 2)
		for c := range v {
			mean[c] += p * v[c] / norm
		}
	}
	for _, m := range mean {
		if math.Abs(m) > angularMeanTol {
			return fieldErr("noise.directions", "must have mean zero, Σ_k p_k θ_k/‖θ_k‖ = 0 (so that E Z = 0), got %s (e.g. ±e_k with equal weights)", fmtVec(mean))
		}
	}
	return nil
}

// validateStartRd checks sgd.start_x on R^d: d finite coordinates, in the
// projection ball (‖x‖ ≤ domain radius), and for the quadratic strictly
// inside its basin (‖x‖ < R, or lo < x < hi).
func (s *Scenario) validateStartRd() error {
	const f = "sgd.start_x"
	x, l, d := s.SGD.StartX, &s.Landscape, s.Dimension()
	if len(x) != d {
		return fieldErr(f, "must be an array of %d numbers (landscape dimension %d), got %s", d, d, numbers(len(x)))
	}
	for k, c := range x {
		if !finite(c) {
			return fieldErr(f, "coordinate %d must be finite, got %g", k, c)
		}
	}
	norm := floats.Norm(x, 2)
	if l.Kind != KindQuadratic {
		if r := l.DomainRadiusOf(); norm > r {
			return fieldErr(f, "must lie in the projection ball ‖x‖ ≤ %g, got %s with ‖x‖ = %.6g", r, fmtVec(x), norm)
		}
		return nil
	}
	if l.BasinRadius != nil {
		if r := *l.BasinRadius; !(norm < r) {
			return fieldErr(f, "must lie strictly inside the basin ‖x‖ < %g, got %s with ‖x‖ = %.6g", r, fmtVec(x), norm)
		}
		return nil
	}
	for k, c := range x {
		if !(l.BasinLo[k] < c && c < l.BasinHi[k]) {
			return fieldErr(f, "must lie strictly inside the box basin: coordinate %d is %g, outside (%g, %g)", k, c, l.BasinLo[k], l.BasinHi[k])
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
