package landscapes

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
)

// funcLine is a user-defined Line built from closures; it does not implement
// Structured, so Discover must search it numerically.
type funcLine struct {
	f, d   func(float64) float64
	lo, hi float64
}

func (l funcLine) F(x float64) float64                 { return l.f(x) }
func (l funcLine) Deriv(x float64) float64             { return l.d(x) }
func (l funcLine) Domain() (float64, float64)          { return l.lo, l.hi }
func (funcLine) Name() string                          { return "test-func" }
func (funcLine) Dim() int                              { return 1 }
func (l funcLine) Value(x []float64) float64           { return l.f(x[0]) }
func (l funcLine) Gradient(dst, x []float64) []float64 { dst[0] = l.d(x[0]); return dst }

// hidden wraps a Line and hides its Structure and SecondDeriv methods, so
// that Discover and SecondDeriv use the numerical path.
type hidden struct{ l Line }

func (h hidden) F(x float64) float64                 { return h.l.F(x) }
func (h hidden) Deriv(x float64) float64             { return h.l.Deriv(x) }
func (h hidden) Domain() (float64, float64)          { return h.l.Domain() }
func (h hidden) Name() string                        { return h.l.Name() }
func (hidden) Dim() int                              { return 1 }
func (h hidden) Value(x []float64) float64           { return h.l.Value(x) }
func (h hidden) Gradient(dst, x []float64) []float64 { return h.l.Gradient(dst, x) }

// fd8 returns the eighth-order central difference of f at x with step h:
//
//	f'(x) ≈ Σ_{k=1}^{4} w_k (f(x+kh) − f(x−kh)) / h,
//	w = (4/5, −1/5, 4/105, −1/280),
//
// with truncation error −h⁸ f⁽⁹⁾(ξ)/630.
func fd8(f func(float64) float64, x, h float64) float64 {
	w := [4]float64{4.0 / 5, -1.0 / 5, 4.0 / 105, -1.0 / 280}
	s := 0.0
	for k, wk := range w {
		kh := float64(k+1) * h
		s += wk * (f(x+kh) - f(x-kh))
	}
	return s / h
}

// relErr returns |got − want| / max(|want|, floor).
func relErr(got, want, floor float64) float64 {
	return math.Abs(got-want) / math.Max(math.Abs(want), floor)
}

// isParamErr reports whether err is a *param.Error (outermost in its chain)
// on the parameter name, element index (param.Whole for the whole), with a
// cause.
func isParamErr(err error, name string, index int) bool {
	pe := param.As(err)
	return pe != nil && pe.Name == name && pe.Index == index && pe.Err != nil && pe.Err.Error() != ""
}

// wantParamErr fails the test unless isParamErr(err, name, index).
func wantParamErr(t *testing.T, what string, err error, name string, index int) {
	t.Helper()
	if !isParamErr(err, name, index) {
		t.Errorf("%s: error %v, want a *param.Error on %s (index %d)", what, err, name, index)
	}
}
