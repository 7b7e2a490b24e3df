package mc

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

func TestStep(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name                    string
		x, d, z, eta, b, lo, hi float64
		want                    float64
	}{
		{"plain gradient step", 1, 2, 0, 0.1, inf, -inf, inf, 0.8},
		{"noise pushes up", 0, 0, 3, 0.1, inf, -inf, inf, 0.3},
		{"truncated up", 0, 0, 30, 0.1, 0.5, -inf, inf, 0.5},
		{"truncated down", 0, 0, -30, 0.1, 0.5, -inf, inf, -0.5},
		{"truncation inactive", 0, 0, 3, 0.1, 0.5, -inf, inf, 0.3},
		{"clamped at hi", 0.9, 0, 30, 0.1, 0.5, -1, 1, 1},
		{"clamped at lo", -0.9, 0, -30, 0.1, inf, -1, 1, -1},
		{"gradient and noise cancel", 0.2, 1, 1, 0.1, 0.5, -1, 1, 0.2},
	}
	for _, tt := range tests {
		got := Step(tt.x, tt.d, tt.z, tt.eta, tt.b, tt.lo, tt.hi)
		if math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("%s: Step = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, tt := range []struct{ w, b, want float64 }{
		{0.3, 0.5, 0.3}, {-0.3, 0.5, -0.3}, {2, 0.5, 0.5}, {-2, 0.5, -0.5}, {5, math.Inf(1), 5},
	} {
		if got := Truncate(tt.w, tt.b); got != tt.want {
			t.Errorf("Truncate(%v, %v) = %v, want %v", tt.w, tt.b, got, tt.want)
		}
	}
}

func TestStepVector(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name    string
		x, g, z []float64
		eta, b  float64
		dom     landscapes.Domain
		want    []float64
	}{
		// w = η(g − z) = 0.1·(3, 4) − 0 → ‖w‖ = 0.5 ≤ b: full step.
		{"unclipped", []float64{1, 1}, []float64{3, 4}, []float64{0, 0}, 0.1, 1, nil, []float64{0.7, 0.6}},
		// w = 0.1·(0 − (−30, −40)) = (3, 4), ‖w‖ = 5 > b = 1: x − w/5.
		{"clipped", []float64{0, 0}, []float64{0, 0}, []float64{-30, -40}, 0.1, 1, landscapes.Ball{Radius: inf}, []float64{-0.6, -0.8}},
		// Step to (3, 4), projected onto the ball of radius 2: (1.2, 1.6).
		{"projected", []float64{0, 0}, []float64{-3, -4}, []float64{0, 0}, 1, inf, landscapes.Ball{Radius: 2}, []float64{1.2, 1.6}},
		// Noise against the gradient: w = η(g − z) with z = g cancels.
		{"cancel", []float64{0.5, -0.5}, []float64{2, 2}, []float64{2, 2}, 0.3, 0.1, nil, []float64{0.5, -0.5}},
		// One dimension, clamped at the interval's end.
		{"interval", []float64{0.9}, []float64{0}, []float64{30}, 0.1, 0.5, landscapes.Interval{Lo: -1, Hi: 1}, []float64{1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := append([]float64(nil), tc.x...)
			StepVector(x, tc.g, tc.z, tc.eta, tc.b, tc.dom)
			for k := range x {
				if math.Abs(x[k]-tc.want[k]) > 1e-15 {
					t.Fatalf("x = %v, want %v", x, tc.want)
				}
			}
		})
	}
}

func TestTruncateVector(t *testing.T) {
	for _, tc := range []struct{ w, want []float64 }{
		{[]float64{3, 4}, []float64{0.6, 0.8}},
		{[]float64{0.3, 0.4}, []float64{0.3, 0.4}},
		{[]float64{-2}, []float64{-1}},
	} {
		w := append([]float64(nil), tc.w...)
		TruncateVector(w, 1)
		for k := range w {
			if math.Abs(w[k]-tc.want[k]) > 1e-15 {
				t.Errorf("φ_1(%v) = %v, want %v", tc.w, w, tc.want)
			}
		}
	}
}
