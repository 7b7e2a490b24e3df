package scenario

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

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

// validate checks law, alpha, scale and p_plus of the [noise] table (see
// Validate); validateNoiseRd checks the keys of the direction.
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
		case a > MaxAlpha:
			return fieldErr("noise.alpha", "must be ≤ %d (scenario.MaxAlpha: the masses x^{−α} of the theory under- or overflow float64 beyond; such a law is light-tailed for every practical purpose, use gaussian), got %g", MaxAlpha, a)
		}
	} else if n.Alpha != nil {
		return fieldErr("noise.alpha", "not used by law %q (light-tailed)", n.Law)
	}
	if !finite(n.Scale) || n.Scale <= 0 {
		return fieldErr("noise.scale", "must be > 0 and finite, got %g", n.Scale)
	}
	if err := checkScale("noise.scale", n.Scale); err != nil {
		return err
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

// angularMeanTol is the tolerance of the mean-zero rule |Σ_k p_k θ_k| of a
// finite angular law, per coordinate, the one noise.NewRadial applies.
const angularMeanTol = 1e-9

// validateNoiseRd checks the keys of the noise direction: in 1-D angular,
// directions and weights are errors; in R^d p_plus must be absent or ½, and
// the angular law must be isotropic or a valid finite law.
func (s *Scenario) validateNoiseRd() error {
	n := &s.Noise
	if !s.isRd() {
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
		return fieldErr("noise.p_plus", "must be 0.5 or absent on R^d, got %g: the radial law is symmetric and the angular law replaces p_± (docs/theory.md §3.3)", *n.PPlus)
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
	if err := checkCount("noise.directions", len(dirs), MaxDirections, "MaxDirections", "the atoms of a finite angular law"); err != nil {
		return err
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
			if err := checkCoordinate(index("noise.directions", k), c); err != nil {
				return err
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
		if err := checkScale(index("noise.weights", k), w); err != nil {
			return err
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
