package mc

import (
	"math"
	"testing"
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
