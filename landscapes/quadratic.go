package landscapes

import (
	"math"

	"github.com/htsgd/htsgd/param"
)

// Quadratic is the unit-test fixture of docs/theory.md §4.2 and §10.2
// ("quadratic"): the well
//
//	f(x) = K·x²/2,   f'(x) = K·x,
//
// on the whole real line (no projection), with the explicit basin (A, C)
// around its minimum 0 that is exited by leaving it: its Structure has the
// single minimum 0, no saddles, and OPEN ends A and C (crossing A leaves
// towards Below, crossing C towards Above). docs/theory.md §10.2 uses K = 1
// and the basin (−2.1, 1.5), so r = 1.5.
//
// Build it with NewQuadratic, which checks A < 0 < C and K > 0.
type Quadratic struct {
	K, A, C float64
}

// NewQuadratic returns f(x) = scale·x²/2 with basin (a, c). It returns a
// *param.Error naming landscapes.Quadratic.K, .A or .C unless scale > 0 is
// finite and a < 0 < c (a, c not NaN; either may be infinite, which makes that
// side unexitable in effect).
func NewQuadratic(scale, a, c float64) (Quadratic, error) {
	switch {
	case !(scale > 0) || math.IsInf(scale, 1):
		return Quadratic{}, param.Errorf("landscapes.Quadratic.K", "must be > 0 and finite, got %v", scale)
	case !(a < 0):
		return Quadratic{}, param.Errorf("landscapes.Quadratic.A", "the lower end of the basin must be < 0 (the minimum), got %v", a)
	case !(c > 0):
		return Quadratic{}, param.Errorf("landscapes.Quadratic.C", "the upper end of the basin must be > 0 (the minimum), got %v", c)
	}
	return Quadratic{K: scale, A: a, C: c}, nil
}

// F returns f(x) = K·x²/2.
func (q Quadratic) F(x float64) float64 { return 0.5 * q.K * x * x }

// Deriv returns f'(x) = K·x.
func (q Quadratic) Deriv(x float64) float64 { return q.K * x }

// SecondDeriv returns f”(x) = K.
func (q Quadratic) SecondDeriv(float64) float64 { return q.K }

// Structure returns the exact structure: minimum 0, no saddles, open ends A
// and C.
func (q Quadratic) Structure() Structure {
	return Structure{Minima: []float64{0}, Lo: q.A, Hi: q.C, OpenLo: true, OpenHi: true}
}

// Domain returns (−Inf, +Inf): the quadratic is not projected.
func (Quadratic) Domain() (lo, hi float64) { return math.Inf(-1), math.Inf(1) }

// Name returns "quadratic".
func (Quadratic) Name() string { return "quadratic" }

// Dim returns 1.
func (Quadratic) Dim() int { return 1 }

// Value returns f(x[0]); len(x) must be 1.
func (q Quadratic) Value(x []float64) float64 { return q.F(x[0]) }

// Gradient stores f'(x[0]) in dst[0] and returns dst; len(dst) = len(x) = 1.
func (q Quadratic) Gradient(dst, x []float64) []float64 {
	dst[0] = q.Deriv(x[0])
	return dst
}

var (
	_ Line       = Quadratic{}
	_ Structured = Quadratic{}
)
