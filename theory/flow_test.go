package theory

import (
	"math"
	"testing"
)

// TestFlow checks the Dormand–Prince integrator on flows with a closed form:
// f'(y) = k·y gives y(t) = y_0 e^{−kt}; f'(y) = y³ gives
// y(t) = y_0/√(1 + 2y_0²t).
func TestFlow(t *testing.T) {
	tests := []struct {
		name  string
		deriv func(float64) float64
		exact func(y0, t float64) float64
	}{
		{"linear k=1", func(y float64) float64 { return y }, func(y0, t float64) float64 { return y0 * math.Exp(-t) }},
		{"linear k=446 (stiff minimum of paper-1d)", func(y float64) float64 { return 446 * y }, func(y0, t float64) float64 { return y0 * math.Exp(-446*t) }},
		{"cubic", func(y float64) float64 { return y * y * y }, func(y0, t float64) float64 { return y0 / math.Sqrt(1+2*y0*y0*t) }},
	}
	for _, tt := range tests {
		for _, y0 := range []float64{-0.7, 0.3, 1.5} {
			for _, tm := range []float64{1e-3, 0.1, 2} {
				got, elapsed, stopped := flow(tt.deriv, y0, tm, nil, nil)
				want := tt.exact(y0, tm)
				if stopped || elapsed != tm || math.Abs(got-want) > 1e-9*math.Abs(y0) {
					t.Errorf("%s: y(%v) from %v = %.12g, want %.12g (elapsed %v, stopped %v)", tt.name, tm, y0, got, want, elapsed, stopped)
				}
			}
		}
	}
	// Early stop: f' = y from 1, stop below 0.5 at t = ln 2 (up to one step).
	var rec trajectory
	y, elapsed, stopped := flow(func(y float64) float64 { return y }, 1, math.Inf(1), func(y float64) bool { return y <= 0.5 }, &rec)
	if !stopped || y > 0.5 || elapsed < math.Ln2 || len(rec.T) < 2 || rec.T[len(rec.T)-1] != elapsed || rec.Y[len(rec.Y)-1] != y {
		t.Errorf("early stop: y %v elapsed %v stopped %v", y, elapsed, stopped)
	}
	// The recorded trajectory follows the exact flow.
	for k := range rec.T {
		if math.Abs(rec.Y[k]-math.Exp(-rec.T[k])) > 1e-9 {
			t.Errorf("trajectory y(%v) = %v", rec.T[k], rec.Y[k])
		}
	}
	// A critical point does not move.
	if y, _, _ := flow(func(y float64) float64 { return y }, 0, math.Inf(1), nil, nil); y != 0 {
		t.Errorf("flow from a critical point moved to %v", y)
	}
}
