package noise

import (
	"math"

	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
)

// Stable is the symmetric α-stable law Z ~ S(α, 0, c, 0), 1 < α < 2
// (docs/theory.md §3.2), in Nolan's notation S(α, β, γ, δ; k) with β = 0,
// γ = c, δ = 0. For β = 0 Nolan's parameterisations 0 and 1 coincide, and
// the characteristic function is
//
//	E exp(itZ) = exp(−c^α |t|^α).
//
// Its tail is regularly varying with index −α, p_+ = ½, and E Z = 0 (the
// variance is infinite). H has no closed form: CDF and Tail evaluate
// Nolan's integral representation (Stochastic Models 13, 1997) by
// adaptive quadrature, with a relative error below 1e-10;
// StableTailLeading is the leading term of the tail expansion.
//
// Construct it with NewStable; the zero value is not a valid law.
type Stable struct {
	alpha, scale float64
	invAlpha     float64 // 1/α
	expW         float64 // (1 − α)/α, the exponent of cos((1−α)V)/E
}

// NewStable returns the symmetric α-stable law with 1 < α < 2 and scale
// c > 0. Errors are *param.Error naming noise.Stable.Alpha (also for
// α ≥ 2, which is the Gaussian law and not heavy-tailed) or
// noise.Stable.Scale.
func NewStable(alpha, scale float64) (Stable, error) {
	if err := checkAlpha("Stable", alpha); err != nil {
		return Stable{}, err
	}
	if alpha >= 2 {
		return Stable{}, param.Errorf("noise.Stable.Alpha", "must be < 2 for the stable law, got %v", alpha)
	}
	if err := checkScale("Stable", scale); err != nil {
		return Stable{}, err
	}
	return Stable{
		alpha:    alpha,
		scale:    scale,
		invAlpha: 1 / alpha,
		expW:     (1 - alpha) / alpha,
	}, nil
}

// Name returns "stable".
func (Stable) Name() string { return "stable" }

// Alpha returns the stability (and tail) index α.
func (s Stable) Alpha() float64 { return s.alpha }

// Scale returns the scale c (Nolan's γ).
func (s Stable) Scale() float64 { return s.scale }

// PPlus returns ½: the law is symmetric.
func (Stable) PPlus() float64 { return 0.5 }

// HeavyTailed returns true.
func (Stable) HeavyTailed() bool { return true }

// Sample draws Z exactly by the Chambers–Mallows–Stuck method (JASA 71,
// 1976; Weron, Stat. Probab. Lett. 28, 1996) for β = 0: with V uniform on
// (−π/2, π/2) and E standard exponential, independent,
//
//	X = sin(αV) / (cos V)^{1/α} · (cos((1 − α)V) / E)^{(1 − α)/α}
//
// is S(α, 0, 1, 0) and Z = c·X. V is built from the top 53 bits of one
// r.Uint64() as π·((k + ½)/2^53 − ½), never ±π/2; E is r.ExpFloat64()
// in the hot-loop form of package rng (E = 0, of probability 2^−61, gives
// the finite Z = 0). It consumes one Uint64 and then the words of one
// ExpFloat64, and does not allocate.
func (s Stable) Sample(r *rng.Rand) float64 {
	v := math.Pi * ((float64(r.Uint64()>>11)+0.5)*0x1p-53 - 0.5)
	j := r.Uint64()
	e, ok := rng.ExpFast(j)
	if !ok {
		e = r.ExpSlow(j)
	}
	av := s.alpha * v
	lg := s.expW*math.Log(math.Cos(v-av)/e) - s.invAlpha*math.Log(math.Cos(v))
	return s.scale * math.Sin(av) * math.Exp(lg)
}

// CDF returns P(Z ≤ x) = P(X ≤ x/c), computed numerically (Nolan's
// integral, see stableSurvival) to an absolute error below 1e-12 and a
// relative error of the smaller of P(Z ≤ x), P(Z > x) below 1e-10.
func (s Stable) CDF(x float64) float64 {
	y := x / s.scale
	if y > 0 {
		return 1 - stableSurvival(s.alpha, y)
	}
	return stableSurvival(s.alpha, -y)
}

// Tail returns H(x) = P(|Z| > x) = 2·P(X > x/c) for x ≥ 0 (1 for x < 0),
// computed numerically (see stableSurvival) to a relative error below
// 1e-10. For large x it approaches StableTailLeading(α, c, x).
func (s Stable) Tail(x float64) float64 {
	if x < 0 {
		return 1
	}
	return 2 * stableSurvival(s.alpha, x/s.scale)
}

// StableTailLeading returns the leading term of the tail of the symmetric
// α-stable law S(α, 0, c, 0),
//
//	H(x) = P(|Z| > x) ≈ 2·Γ(α)·sin(πα/2)/π · (x/c)^{−α},
//
// the k = 1 term of the asymptotic series (Zolotarev, One-dimensional
// Stable Distributions, 1986; see stableSurvival)
//
//	P(Z > x) ~ (1/π) Σ_{k≥1} (−1)^{k+1} Γ(αk)/k! · sin(kπα/2) · (x/c)^{−αk}.
//
// It is not the exact tail: the relative error is about
// −Γ(2α)sin(πα)/(2Γ(α)sin(πα/2))·(x/c)^{−α}, so it is accurate only for
// x ≫ c. Use Stable.Tail for the exact value. No input is validated.
func StableTailLeading(alpha, scale, x float64) float64 {
	return 2 * math.Gamma(alpha) * math.Sin(math.Pi*alpha/2) / math.Pi * math.Pow(x/scale, -alpha)
}
