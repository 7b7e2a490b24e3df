package noise

import (
	"math"
	"testing"
)

// TestLomaxMu checks μ = c(2p_+ − 1)/(α − 1) (docs/theory.md §3.2).
func TestLomaxMu(t *testing.T) {
	for _, c := range []struct{ alpha, scale, pPlus, mu float64 }{
		{1.2, 0.1, 0.5, 0},
		{1.5, 1, 0.3, -0.8}, // 1·(−0.4)/0.5
		{1.5, 1, 0.9, 1.6},  // 1·0.8/0.5
		{1.2, 0.1, 0.8, 0.3},
		{3, 2, 0.75, 0.5}, // 2·0.5/2
	} {
		l := must(NewLomax(c.alpha, c.scale, c.pPlus))
		if got := l.Mu(); math.Abs(got-c.mu) > 1e-12*math.Max(1, math.Abs(c.mu)) {
			t.Errorf("Lomax(%v, %v, %v).Mu() = %v, want %v", c.alpha, c.scale, c.pPlus, got, c.mu)
		}
	}
}

// TestLomaxSymmetricTail checks that with p_+ = ½ (μ = 0) the tail is
// H(x) = P(cW > x) = (1 + x/c)^{−α} for every x ≥ 0.
func TestLomaxSymmetricTail(t *testing.T) {
	for _, c := range []struct{ alpha, scale float64 }{{1.2, 0.1}, {1.5, 1}, {3, 2}} {
		l := must(NewLomax(c.alpha, c.scale, 0.5))
		for _, r := range []float64{0, 1e-9, 0.5, 1, 2, 10, 1e3, 1e8} {
			want := math.Pow(1+r, -c.alpha)
			if got := l.Tail(r * c.scale); math.Abs(got-want) > 1e-14*want {
				t.Errorf("Lomax(%v, %v, ½).Tail(%v) = %.17g, want %.17g", c.alpha, c.scale, r*c.scale, got, want)
			}
		}
	}
}

// TestLomaxCDF checks the CDF of Lomax(α=1.5, c=1, p_+=0.3), μ = −0.8, at
// points derived by hand from P(Z ≤ x) = P(cUW ≤ x + μ):
// P(cUW ≤ y) = 0.7·(1−y)^{−1.5} (y ≤ 0), 0.7 + 0.3·(1 − (1+y)^{−1.5})
// (y ≥ 0); it is 0.7 at y = 0, where the density jumps.
func TestLomaxCDF(t *testing.T) {
	l := must(NewLomax(1.5, 1, 0.3))
	for _, c := range []struct{ x, want float64 }{
		{0.8 - 3, 0.7 * 0.125},                   // y = −3: 0.7·4^{−1.5}
		{0.8, 0.7},                               // y = 0
		{0, 0.7 * math.Pow(1.8, -1.5)},           // y = −0.8
		{0.8 + 3, 0.7 + 0.3*(1-0.125)},           // y = 3
		{1e6, 1 - 0.3*math.Pow(1+1e6-0.8, -1.5)}, // far right
		{-1e6, 0.7 * math.Pow(1+1e6+0.8, -1.5)},  // far left
		{math.Inf(1), 1},
		{math.Inf(-1), 0},
	} {
		if got := l.CDF(c.x); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("CDF(%v) = %.17g, want %.17g", c.x, got, c.want)
		}
	}
}

// TestLomaxPPlusLimit checks P(Z > x)/H(x) → p_+ (within 2α|μ|/x, as for
// Pareto).
func TestLomaxPPlusLimit(t *testing.T) {
	for _, p := range []float64{0.1, 0.5, 0.9} {
		l := must(NewLomax(1.5, 1, p))
		x := 1e4
		if got := (1 - l.CDF(x)) / l.Tail(x); math.Abs(got-p) > 2e-3 {
			t.Errorf("p_+ = %v: P(Z > x)/H(x) = %v at x = %v", p, got, x)
		}
	}
}
