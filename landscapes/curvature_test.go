package landscapes

import (
	"math"
	"testing"
)

func TestSecondDerivPaper1D(t *testing.T) {
	p := Paper1D{Lo: -1.6, Hi: 1.6}
	st, err := Discover(p)
	if err != nil {
		t.Fatal(err)
	}
	// docs/theory.md §2.3 prints f''(m) ≈ (163.4, 2.18, 446.3, 7.73): agree
	// to half a unit of the last printed digit.
	want := []float64{163.4, 2.18, 446.3, 7.73}
	half := []float64{0.05, 0.005, 0.05, 0.005}
	for i, m := range st.Minima {
		got := SecondDeriv(p, m)
		if math.Abs(got-want[i]) > half[i] {
			t.Errorf("f''(m_%d) = %.6g, want %v ± %v", i+1, got, want[i], half[i])
		}
		// Independent estimate: the eighth-order difference of the analytic
		// f' (truncation and rounding below 1e-10 relative at h = 5e-4, see
		// TestPaper1DDeriv). Ridders' extrapolation should agree to 1e-8.
		ref := fd8(p.Deriv, m, 5e-4)
		if relErr(got, ref, 1) > 1e-8 {
			t.Errorf("f''(m_%d) = %.12g, eighth-order difference %.12g", i+1, got, ref)
		}
	}
}

func TestSecondDeriv(t *testing.T) {
	cp, err := NewCriticalPoints(3, []float64{-1, -0.2, 0.4, 0.5, 2}, -3, 3)
	if err != nil {
		t.Fatal(err)
	}
	q, err := NewQuadratic(2.5, -1, 1)
	if err != nil {
		t.Fatal(err)
	}
	fl := func(d func(float64) float64) Curve { return funcLine{d: d} }
	tests := []struct {
		name string
		c    Curve
		x    float64
		want float64
		tol  float64 // relative
	}{
		{"sin at 1", fl(math.Sin), 1, math.Cos(1), 1e-10},
		{"sin at 100", fl(math.Sin), 100, math.Cos(100), 1e-9},
		{"exp at −2", fl(math.Exp), -2, math.Exp(-2), 1e-10},
		{"cube", fl(func(x float64) float64 { return x * x * x }), 0.7, 3 * 0.49, 1e-12},
		{"narrow bump", fl(func(x float64) float64 { return math.Atan(x / 0.01) }), 0.003, 1 / 0.01 / (1 + 0.09), 1e-9},
		// Exact methods.
		{"critical-points exact", cp, 0.1, cp.SecondDeriv(0.1), 0},
		{"quadratic exact", q, 7, 2.5, 0},
		// Numerical path on a polynomial whose f'' is known exactly.
		{"critical-points numeric", hidden{cp}, 0.1, cp.SecondDeriv(0.1), 1e-10},
		{"critical-points numeric at a minimum", hidden{cp}, 2, cp.SecondDeriv(2), 1e-10},
	}
	for _, tt := range tests {
		got := SecondDeriv(tt.c, tt.x)
		if relErr(got, tt.want, 1e-3) > tt.tol {
			t.Errorf("%s: SecondDeriv(%v) = %.15g, want %.15g", tt.name, tt.x, got, tt.want)
		}
	}
}

// TestSecondDerivPaper1DGrid compares SecondDeriv on the whole paper-1d domain
// with an independent estimate, the eighth-order difference of f' at
// h = 2.5e-4 (truncation h⁸f⁽¹⁰⁾/630 negligible by the h⁸ law measured in
// TestPaper1DDeriv). Measured worst relative error 4.3e-10, with a floor of
// 1e-6·max|f”| where f” crosses zero; the tolerance 1e-8 leaves room for
// the rounding of the reference itself.
func TestSecondDerivPaper1DGrid(t *testing.T) {
	var p Paper1D
	xs := paperPoints(-1.55, 1.55, 3000)
	ref := make([]float64, len(xs))
	scale := 0.0
	for i, x := range xs {
		ref[i] = fd8(p.Deriv, x, 2.5e-4)
		scale = math.Max(scale, math.Abs(ref[i]))
	}
	worst := 0.0
	for i, x := range xs {
		e := relErr(SecondDeriv(p, x), ref[i], 1e-6*scale)
		worst = math.Max(worst, e)
		if e > 1e-8 {
			t.Errorf("SecondDeriv(%v) = %.12g, eighth-order difference %.12g", x, SecondDeriv(p, x), ref[i])
		}
	}
	t.Logf("max |f''| = %.4g, worst relative error %.3g", scale, worst)
}
