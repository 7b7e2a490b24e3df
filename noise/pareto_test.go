package noise

import (
	"math"
	"testing"
)

// TestParetoMu checks μ = c(2p_+ − 1)·α/(α − 1) (docs/theory.md §3.2).
func TestParetoMu(t *testing.T) {
	for _, c := range []struct{ alpha, scale, pPlus, mu float64 }{
		{1.2, 0.1, 0.5, 0},
		{1.5, 1, 0.7, 1.2},   // 1·0.4·1.5/0.5
		{1.5, 1, 0.9, 2.4},   // 1·0.8·3
		{2, 3, 0.25, -3},     // 3·(−0.5)·2
		{1.8, 2, 0.2, -2.7},  // 2·(−0.6)·2.25
		{4, 1, 0.8, 0.8},     // 1·0.6·4/3
		{1.1, 0.5, 0.6, 1.1}, // 0.5·0.2·11
	} {
		l := must(NewPareto(c.alpha, c.scale, c.pPlus))
		if got := l.Mu(); math.Abs(got-c.mu) > 1e-12*math.Max(1, math.Abs(c.mu)) {
			t.Errorf("Pareto(%v, %v, %v).Mu() = %v, want %v", c.alpha, c.scale, c.pPlus, got, c.mu)
		}
	}
}

// TestParetoSymmetricTail checks docs/theory.md §3.2: with p_+ = ½,
// H(x) = (x/c)^{−α} for x ≥ c (and 1 below c, since |Z| = cW ≥ c).
func TestParetoSymmetricTail(t *testing.T) {
	for _, c := range []struct{ alpha, scale float64 }{{1.2, 0.1}, {1.5, 1}, {1.9, 3}} {
		l := must(NewPareto(c.alpha, c.scale, 0.5))
		for _, r := range []float64{0, 0.5, 0.999, 1, 1.001, 2, 10, 1e3, 1e8} {
			x := r * c.scale
			want := 1.0
			if r >= 1 {
				want = math.Pow(r, -c.alpha)
			}
			if got := l.Tail(x); math.Abs(got-want) > 1e-14*want {
				t.Errorf("Pareto(%v, %v, ½).Tail(%v) = %.17g, want %.17g", c.alpha, c.scale, x, got, want)
			}
		}
	}
}

// TestParetoCDF checks the CDF of Pareto(α=1.5, c=1, p_+=0.7), μ = 1.2, at
// points derived by hand from P(Z ≤ x) = P(cUW ≤ x + μ):
// P(cUW ≤ y) = 0.3·y'^{−1.5} (y = −y' ≤ −1), 0.3 (|y| < 1),
// 0.3 + 0.7·(1 − y^{−1.5}) (y ≥ 1).
func TestParetoCDF(t *testing.T) {
	l := must(NewPareto(1.5, 1, 0.7))
	for _, c := range []struct{ x, want float64 }{
		{-1.2 - 4, 0.3 * 0.125},                // y = −4: 0.3·4^{−1.5}
		{-1.2 - 1, 0.3},                        // y = −1 (edge)
		{-1.2, 0.3},                            // y = 0
		{-1.2 + 0.999, 0.3},                    // y just below 1
		{0, 0.3 + 0.7*(1-math.Pow(1.2, -1.5))}, // y = 1.2
		{-1.2 + 4, 0.3 + 0.7*(1-0.125)},        // y = 4
		{1e6, 1 - 0.7*math.Pow(1e6+1.2, -1.5)}, // far right
		{-1e6, 0.3 * math.Pow(1e6-1.2, -1.5)},  // far left
		{math.Inf(1), 1},                       // limits
		{math.Inf(-1), 0},
	} {
		if got := l.CDF(c.x); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("CDF(%v) = %.17g, want %.17g", c.x, got, c.want)
		}
	}
}

// TestParetoPPlusLimit checks P(Z > x)/H(x) → p_+: with the exact terms,
// P(Z > x)/H(x) = p_+(1+μ/x)^{−α}/(p_+(1+μ/x)^{−α} + p_−(1−μ/x)^{−α}),
// which at x = 10^4, μ/x ≤ 3·10^{−4}, is within 2α|μ|/x ≤ 2e-3 of p_+.
func TestParetoPPlusLimit(t *testing.T) {
	for _, p := range []float64{0.1, 0.5, 0.7, 0.95} {
		l := must(NewPareto(1.5, 1, p))
		x := 1e4
		right := 1 - l.CDF(x)
		if got := right / l.Tail(x); math.Abs(got-p) > 2e-3 {
			t.Errorf("p_+ = %v: P(Z > x)/H(x) = %v at x = %v", p, got, x)
		}
		if l.PPlus() != p {
			t.Errorf("PPlus() = %v, want %v", l.PPlus(), p)
		}
	}
}
