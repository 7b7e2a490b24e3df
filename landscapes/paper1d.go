package landscapes

import (
	"math"

	"github.com/htsgd/htsgd/param"
)

// Paper1DCusp is the point x = 1.65 where the paper-1d formula has the
// spurious cusp minimum |1.65 − x|^{0.6} (docs/theory.md §4.2). A Paper1D
// domain must stay strictly below it.
const Paper1DCusp = 1.65

// Default projection interval of paper-1d used by the scenarios (docs/theory.md
// §4.2).
const (
	Paper1DLo = -1.6
	Paper1DHi = 1.6
)

// Paper1D is the one-dimensional test function of Wang, Oh & Rhee (ICLR
// 2022, Appendix A), as stated in docs/theory.md §4.2:
//
//	f(x) = (x+1.6)(x+1.3)²(x−0.2)²(x−0.7)²(x−1.6) · (0.05|1.65−x|)^{0.6}
//	       · (1 + 1/(0.01 + 4(x−0.5)²)) · (1 + 1/(0.1 + 4(x+1.5)²))
//	       · (1 − ¼·exp(−5(x+0.8)²)),
//
// projected onto the domain [Lo, Hi] (default [−1.6, 1.6]). On the default
// domain its minima are m = (−1.51148, −0.69927, 0.49624, 1.32209) and its
// local maxima s = (−1.3, 0.2, 0.7); see Discover.
//
// Paper1D is a value type: build it with NewPaper1D, which checks the domain.
// The zero value has the empty domain [0, 0] and is not useful.
type Paper1D struct {
	Lo, Hi float64
}

// NewPaper1D returns paper-1d projected onto [lo, hi]. It returns a
// *param.Error naming landscapes.Paper1D.Lo or landscapes.Paper1D.Hi if that
// end is NaN or infinite, Hi if lo ≥ hi, or if hi ≥ 1.65, where the formula
// has a cusp.
func NewPaper1D(lo, hi float64) (Paper1D, error) {
	const nameLo, nameHi = "landscapes.Paper1D.Lo", "landscapes.Paper1D.Hi"
	switch {
	case !finite(lo):
		return Paper1D{}, param.Errorf(nameLo, "the lower end must be finite, got %v", lo)
	case !finite(hi):
		return Paper1D{}, param.Errorf(nameHi, "the upper end must be finite, got %v", hi)
	case lo >= hi:
		return Paper1D{}, param.Errorf(nameHi, "the upper end must be > the lower end %v, got %v", lo, hi)
	case hi >= Paper1DCusp:
		return Paper1D{}, param.Errorf(nameHi, "the upper end must be < %v (cusp of the paper-1d formula), got %v", Paper1DCusp, hi)
	}
	return Paper1D{Lo: lo, Hi: hi}, nil
}

// F returns f(x) of docs/theory.md §4.2 (see Paper1D). It is defined for
// every x except the cusp x = 1.65, not only on the domain.
func (Paper1D) F(x float64) float64 {
	poly := (x + 1.6) * sq(x+1.3) * sq(x-0.2) * sq(x-0.7) * (x - 1.6)
	cusp := math.Pow(0.05*math.Abs(Paper1DCusp-x), 0.6)
	bump1 := 1 + 1/(0.01+4*sq(x-0.5))
	bump2 := 1 + 1/(0.1+4*sq(x+1.5))
	dip := 1 - 0.25*math.Exp(-5*sq(x+0.8))
	return poly * cusp * bump1 * bump2 * dip
}

// Deriv returns f'(x), computed analytically by the product rule. Writing
// f = u_1·u_2·…·u_6 with
//
//	u_1 = (x+1.6)(x−1.6)                      u_1' = 2x
//	u_2 = B², B = (x+1.3)(x−0.2)(x−0.7)       u_2' = 2B·B'
//	u_3 = (0.05|d|)^{0.6}, d = 1.65−x        u_3' = −0.03·sign(d)·(0.05|d|)^{−0.4}
//	u_4 = 1 + 1/D_1, D_1 = 0.01 + 4(x−0.5)²   u_4' = −8(x−0.5)/D_1²
//	u_5 = 1 + 1/D_2, D_2 = 0.1 + 4(x+1.5)²    u_5' = −8(x+1.5)/D_2²
//	u_6 = 1 − ¼e, e = exp(−5(x+0.8)²)         u_6' = 2.5(x+0.8)·e
//
// the pair (p_k, p_k') = (u_1⋯u_k, (u_1⋯u_k)') is accumulated as
// p_k = p_{k−1}·u_k, p_k' = p_{k−1}'·u_k + p_{k−1}·u_k' (the prefix-product
// form of Σ_i u_i' Π_{j≠i} u_j). There is no division by f, which vanishes at
// −1.6, −1.3, 0.2, 0.7 and 1.6. The cost is one power z^{−2/5}, one
// exponential and one division, the first two from the table-driven forms of
// elementary.go (within 2 ulp, like math.Pow and math.Exp, and about three
// times faster); nothing is allocated.
func (Paper1D) Deriv(x float64) float64 {
	// u_1 and u_2: the polynomial part.
	l, r := x+1.6, x-1.6
	a, b, c := x+1.3, x-0.2, x-0.7
	bb := a * b * c
	dbb := a*b + a*c + b*c
	p := l * r * bb * bb
	dp := (l+r)*bb*bb + l*r*2*bb*dbb

	// u_3: the cusp factor, from the single power q = (0.05|d|)^{−2/5}.
	d := Paper1DCusp - x
	z := 0.05 * math.Abs(d)
	q := powNegTwoFifths(z)
	u, du := z*q, math.Copysign(0.03*q, -d)
	p, dp = p*u, dp*u+p*du

	// u_4 and u_5: the two bumps, with one division for both reciprocals:
	// 1/D_1 = D_2/(D_1 D_2) and 1/D_2 = D_1/(D_1 D_2).
	e1, e2 := x-0.5, x+1.5
	d1, d2 := 0.01+4*e1*e1, 0.1+4*e2*e2
	inv := 1 / (d1 * d2)
	i1, i2 := d2*inv, d1*inv
	u, du = 1+i1, -8*e1*i1*i1
	p, dp = p*u, dp*u+p*du
	u, du = 1+i2, -8*e2*i2*i2
	p, dp = p*u, dp*u+p*du

	// u_6: the Gaussian dip.
	w := x + 0.8
	ex := exp(-5 * w * w)
	u, du = 1-0.25*ex, 2.5*w*ex
	return dp*u + p*du
}

// Domain returns the projection interval [Lo, Hi].
func (p Paper1D) Domain() (lo, hi float64) { return p.Lo, p.Hi }

// Name returns "paper-1d".
func (Paper1D) Name() string { return "paper-1d" }

// Dim returns 1.
func (Paper1D) Dim() int { return 1 }

// Value returns f(x[0]); len(x) must be 1.
func (p Paper1D) Value(x []float64) float64 { return p.F(x[0]) }

// Gradient stores f'(x[0]) in dst[0] and returns dst; len(dst) = len(x) = 1.
func (p Paper1D) Gradient(dst, x []float64) []float64 {
	dst[0] = p.Deriv(x[0])
	return dst
}

// sq returns x².
func sq(x float64) float64 { return x * x }

// Compile-time checks that Paper1D is a Line.
var _ Line = Paper1D{}
