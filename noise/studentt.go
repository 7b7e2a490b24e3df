package noise

import (
	"math"

	"github.com/htsgd/htsgd/rng"

	"gonum.org/v1/gonum/stat/distuv"
)

// StudentT is the symmetric law Z = c·T_ν of a scaled Student t variable
// with ν = α degrees of freedom (docs/theory.md §3.2). Its tail is
// regularly varying with index −α:
//
//	H(x) = 2·P(T_ν > x/c) = I_{ν/(ν + (x/c)²)}(ν/2, ½)
//
// (I the regularised incomplete beta function), and p_+ = ½.
//
// Construct it with NewStudentT; the zero value is not a valid law.
type StudentT struct {
	alpha, scale float64
	negTwoOverNu float64 // −2/ν, for the polar sampler
	t            distuv.StudentsT
}

// NewStudentT returns c·T_ν with ν = α > 1 and scale c > 0. Errors are
// *param.Error naming noise.StudentT.Alpha or noise.StudentT.Scale.
func NewStudentT(alpha, scale float64) (StudentT, error) {
	if err := checkAlpha("StudentT", alpha); err != nil {
		return StudentT{}, err
	}
	if err := checkScale("StudentT", scale); err != nil {
		return StudentT{}, err
	}
	return StudentT{
		alpha:        alpha,
		scale:        scale,
		negTwoOverNu: -2 / alpha,
		t:            distuv.StudentsT{Mu: 0, Sigma: scale, Nu: alpha},
	}, nil
}

// Name returns "student-t".
func (StudentT) Name() string { return "student-t" }

// Alpha returns the tail index α = ν.
func (s StudentT) Alpha() float64 { return s.alpha }

// Scale returns the scale c.
func (s StudentT) Scale() float64 { return s.scale }

// PPlus returns ½: the law is symmetric.
func (StudentT) PPlus() float64 { return 0.5 }

// HeavyTailed returns true.
func (StudentT) HeavyTailed() bool { return true }

// Sample draws Z = c·T_ν exactly by Bailey's polar method (Bailey, Math.
// Comp. 62, 1994): draw (u, v) uniform on the unit disc by rejection from
// the square (two r.Float64 calls per try, acceptance π/4), w = u² + v²,
// and return
//
//	T = u·√(ν(w^{−2/ν} − 1)/w).
//
// Why: (u/√w, v/√w) is a uniform direction and R² = ν(w^{−2/ν} − 1) has
// P(R > ρ) = P(w < (1 + ρ²/ν)^{−ν/2}) = (1 + ρ²/ν)^{−ν/2}, the radial law of
// the bivariate spherical t_ν, whose marginals are t_ν. w^{−2/ν} − 1 is
// computed as expm1. It does not allocate.
func (s StudentT) Sample(r *rng.Rand) float64 {
	for {
		u := 2*r.Float64() - 1
		v := 2*r.Float64() - 1
		w := u*u + v*v
		if w > 1 || w == 0 {
			continue
		}
		return s.scale * u * math.Sqrt(s.alpha*math.Expm1(s.negTwoOverNu*math.Log(w))/w)
	}
}

// CDF returns P(Z ≤ x) = P(T_ν ≤ x/c), from gonum's distuv.StudentsT
// (regularised incomplete beta function; accurate in both tails).
func (s StudentT) CDF(x float64) float64 {
	return s.t.CDF(x)
}

// Tail returns H(x) = P(|Z| > x) = 2·P(T_ν > x/c) for x ≥ 0 (1 for x < 0).
func (s StudentT) Tail(x float64) float64 {
	if x < 0 {
		return 1
	}
	return 2 * s.t.Survival(x)
}
