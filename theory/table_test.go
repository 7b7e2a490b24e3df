package theory

import (
	"math"
	"testing"
)

// TestCumulative checks the piecewise Chebyshev antiderivative against
// closed forms, including a jump of the integrand at a break and poles just
// outside the interval.
func TestCumulative(t *testing.T) {
	tests := []struct {
		name             string
		g                func(float64) float64
		lo, hi           float64
		breaks           []float64
		poleL, poleR     float64
		exact            func(z float64) float64
		relTol, absScale float64
	}{
		{"polynomial", func(u float64) float64 { return 3 * u * u }, 0, 2, nil, math.Inf(-1), math.Inf(1),
			func(z float64) float64 { return z * z * z }, 1e-14, 8},
		{"poles at both ends (slack 0.01)", func(u float64) float64 { return 1/u + 1/(1-u) }, 0.01, 0.99, nil, 0, 1,
			func(z float64) float64 { return math.Log(z/0.01) - math.Log((1-z)/0.99) }, 1e-13, 10},
		{"jump at 0.3", func(u float64) float64 {
			if u < 0.3 {
				return math.Exp(u)
			}
			return 2 * math.Exp(u)
		}, 0, 1, []float64{0.3}, math.Inf(-1), math.Inf(1),
			func(z float64) float64 {
				if z < 0.3 {
					return math.Exp(z) - 1
				}
				return math.Exp(0.3) - 1 + 2*(math.Exp(z)-math.Exp(0.3))
			}, 1e-14, 5},
		// A jump at the left end, as P_J at its support start: g(lo) is 0
		// but the one-sided limit is 1 (first-kind nodes never sample it).
		{"jump at lo", func(u float64) float64 {
			if u <= 0.5 {
				return 0
			}
			return 1 / u
		}, 0.5, 1, nil, 0, math.Inf(1),
			func(z float64) float64 { return math.Log(z / 0.5) }, 1e-14, 1},
	}
	for _, tt := range tests {
		q := newCumulative(tt.g, tt.lo, tt.hi, tt.breaks, tt.poleL, tt.poleR)
		for k := 0; k <= 100; k++ {
			z := tt.lo + (tt.hi-tt.lo)*float64(k)/100
			if d := math.Abs(q.at(z) - tt.exact(z)); d > tt.relTol*tt.absScale {
				t.Errorf("%s: Q(%v) = %.16g, want %.16g (error %.2g)", tt.name, z, q.at(z), tt.exact(z), d)
			}
		}
		if q.at(tt.lo-1) != 0 || q.at(tt.hi+1) != q.total {
			t.Errorf("%s: Q outside [lo, hi]", tt.name)
		}
	}
}

func TestGradedPanels(t *testing.T) {
	// Every panel is no longer than its distance to the nearest pole, and
	// the break is an edge.
	edges := gradedPanels(nil, 0.01, 1, []float64{0.5}, 0, 1.01)
	if edges[0] != 0.01 || edges[len(edges)-1] != 1 {
		t.Fatalf("edges %v", edges)
	}
	hasBreak := false
	for k := 1; k < len(edges); k++ {
		x, y := edges[k-1], edges[k]
		hasBreak = hasBreak || x == 0.5
		if !(y > x) || y-x > grade*math.Min(x-0, 1.01-y)*(1+1e-12) {
			t.Errorf("panel [%v, %v] too long", x, y)
		}
	}
	if !hasBreak {
		t.Errorf("break 0.5 missing from %v", edges)
	}
	// ∫_{0.01}^{1} 1/x dx on those panels.
	got := integrate(func(x float64) float64 { return 1 / x }, 0.01, 1, []float64{0.5}, 0, 1.01)
	if math.Abs(got-math.Log(100)) > 1e-14 {
		t.Errorf("∫1/x = %.16g, want %.16g", got, math.Log(100))
	}
}
