package noise

import (
	"math"

	"github.com/htsgd/htsgd/param"

	"github.com/htsgd/htsgd/rng"
)

// Names of the angular laws, as Radial.Name returns them.
const (
	// AngularIsotropic is the uniform law on the unit sphere S^{d−1}.
	AngularIsotropic = "isotropic"
	// AngularFinite is a user-given law on finitely many directions.
	AngularFinite = "finite"
)

// Radial is the law of a noise vector in R^d (docs/theory.md §3.3, "In
// R^d"; Assumption 1 of Wang & Rhee, arXiv 2307.03479):
//
//	Z = R·Θ,   R = |Z₁|,  Z₁ ~ a symmetric 1-D law of this package,
//	Θ ~ S on the unit sphere, independent of R,
//
// with S either isotropic (uniform on S^{d−1}) or a finite law
// Σ_k p_k δ_{θ_k} with Σ_k p_k θ_k = 0. Then E Z = E R · E Θ = 0, the tail of
// the norm is H(x) = P(‖Z‖ > x) = P(|Z₁| > x), exactly the 1-D law's Tail,
// and λ(η) = η^{−1}H(η^{−1}) is unchanged (Lambda(Radius(), η)). The Lévy
// measure of the theory is ν_α(dr) × S(dθ) with ν_α[x, ∞) = x^{−α}: the
// angular law replaces the asymmetry p_±, so the radial law must be
// symmetric (p_+ = ½ for pareto and lomax). For pareto with p_+ = ½,
// R = c·W with P(W > w) = w^{−α}, the "Pareto(α) radius" of the ICLR 2022
// paper's R² experiment (Appendix A.2, Z = 0.75·W).
//
// For the gaussian radial law (the light-tailed contrast) Z is |N(0, c²)|
// times a direction: not a Gaussian vector, but light-tailed, which is all
// the contrast needs; no heavy-tail prediction applies.
//
// Construct it with NewRadial; the zero value is not a valid law.
type Radial struct {
	d      int
	radius Law
	dirs   []float64 // finite law: k×d unit vectors, row-major; nil: isotropic
	cum    []float64 // finite law: cumulative weights, last = 1
}

// NewRadial returns the law R·Θ in R^d with R = |Z₁|, Z₁ ~ radius, and the
// angular law angular (nil: isotropic). Errors are *param.Error naming
// noise.Radial.Dim (d < 1), noise.Radial.Radius (radius nil, or a radius
// law with p_+ ≠ ½: the angular law carries the asymmetry in R^d), or
// noise.Angular.Directions and noise.Angular.Weights (see
// Angular.validate).
func NewRadial(d int, radius Law, angular *Angular) (Radial, error) {
	if d < 1 {
		return Radial{}, param.Errorf("noise.Radial.Dim", "must be ≥ 1, got %d", d)
	}
	if radius == nil {
		return Radial{}, param.Errorf("noise.Radial.Radius", "the radial law is missing (nil)")
	}
	if radius.HeavyTailed() && math.Abs(radius.PPlus()-0.5) > 1e-12 {
		return Radial{}, param.Errorf("noise.Radial.Radius", "the radial law must be symmetric (p_+ = ½) in R^d, got p_+ = %v; the angular law replaces p_±", radius.PPlus())
	}
	z := Radial{d: d, radius: radius}
	if angular != nil {
		dirs, cum, err := angular.validate(d)
		if err != nil {
			return Radial{}, err
		}
		z.dirs, z.cum = dirs, cum
	}
	return z, nil
}

// Name returns the angular law's name, "isotropic" or "finite".
func (z Radial) Name() string {
	if z.dirs == nil {
		return AngularIsotropic
	}
	return AngularFinite
}

// Dim returns d.
func (z Radial) Dim() int { return z.d }

// Radius returns the 1-D law Z₁ whose absolute value is R.
func (z Radial) Radius() Law { return z.radius }

// Isotropic reports whether Θ is uniform on the sphere.
func (z Radial) Isotropic() bool { return z.dirs == nil }

// Directions returns the finite angular law's unit directions and weights
// (copies), or nil, nil for the isotropic law.
func (z Radial) Directions() (dirs [][]float64, weights []float64) {
	if z.dirs == nil {
		return nil, nil
	}
	prev := 0.0
	for k := range z.cum {
		dirs = append(dirs, append([]float64(nil), z.dirs[k*z.d:(k+1)*z.d]...))
		weights = append(weights, z.cum[k]-prev)
		prev = z.cum[k]
	}
	return dirs, weights
}

// Tail returns H(x) = P(‖Z‖ > x) = P(|Z₁| > x), the radial law's Tail.
func (z Radial) Tail(x float64) float64 { return z.radius.Tail(x) }

// HeavyTailed reports whether the radial law is heavy-tailed.
func (z Radial) HeavyTailed() bool { return z.radius.HeavyTailed() }

// Alpha returns the tail index α of ‖Z‖ (NaN for the gaussian law).
func (z Radial) Alpha() float64 { return z.radius.Alpha() }

// SampleRadius draws R = |Z₁| with one call of the radial law's Sample.
func (z Radial) SampleRadius(r *rng.Rand) float64 { return math.Abs(z.radius.Sample(r)) }

// SampleDirection stores a draw of Θ in dst (len d) and returns dst. The
// isotropic law normalises d standard normals (a zero vector, probability
// 0 in exact arithmetic, is redrawn); the finite law inverts its cumulative
// weights with one uniform. It does not allocate.
func (z Radial) SampleDirection(r *rng.Rand, dst []float64) []float64 {
	if z.dirs != nil {
		u := r.Float64()
		k := 0
		for k < len(z.cum)-1 && u >= z.cum[k] {
			k++
		}
		copy(dst, z.dirs[k*z.d:(k+1)*z.d])
		return dst
	}
	if z.d == 1 {
		dst[0] = 1
		if r.Uint64()&1 == 1 {
			dst[0] = -1
		}
		return dst
	}
	for {
		s := 0.0
		for k := range dst {
			v := r.NormFloat64()
			dst[k] = v
			s += v * v
		}
		if s > 0 {
			inv := 1 / math.Sqrt(s)
			for k := range dst {
				dst[k] *= inv
			}
			return dst
		}
	}
}

// Sample stores a draw of Z = R·Θ in dst (len d) and returns dst: first R
// (SampleRadius), then Θ (SampleDirection). It does not allocate.
func (z Radial) Sample(r *rng.Rand, dst []float64) []float64 {
	rad := z.SampleRadius(r)
	z.SampleDirection(r, dst)
	for k := range dst {
		dst[k] *= rad
	}
	return dst
}
