package noise

import (
	"math"
	"testing"
)

// TestGaussian checks N(0, c²): H(c) = erfc(1/√2) = 0.31731050786291410
// (the two-sided 1σ tail), H(2c) = 0.04550026389635842, F(0) = ½, and that
// the heavy-tail quantities are not applicable.
func TestGaussian(t *testing.T) {
	for _, c := range []float64{0.3, 1, 4} {
		l := must(NewGaussian(c))
		for _, v := range []struct{ r, want float64 }{
			{0, 1}, {1, 0.31731050786291410}, {2, 0.04550026389635842},
		} {
			if got := l.Tail(v.r * c); math.Abs(got-v.want) > 1e-15 {
				t.Errorf("c=%v: Tail(%vc) = %.17g, want %.17g", c, v.r, got, v.want)
			}
		}
		if l.CDF(0) != 0.5 {
			t.Errorf("c=%v: CDF(0) = %v", c, l.CDF(0))
		}
		if l.HeavyTailed() || !math.IsNaN(l.Alpha()) || !math.IsNaN(l.PPlus()) || !math.IsNaN(Lambda(l, 0.01)) {
			t.Errorf("c=%v: HeavyTailed %v, Alpha %v, PPlus %v, Lambda %v; want false, NaN, NaN, NaN",
				c, l.HeavyTailed(), l.Alpha(), l.PPlus(), Lambda(l, 0.01))
		}
	}
}
