package noise

import (
	"math"
	"testing"
)

// TestStudentTTail checks H against the closed forms for ν = 2 and ν = 3
// (t = x/c):
//
//	ν = 2: H = 1 − t/√(t²+2) = 2/(√(t²+2)·(√(t²+2) + t)),
//	ν = 3: H = 1 − (2/π)·(arctan(t/√3) + (t/√3)/(1 + t²/3)).
//
// Relative tolerance 1e-12 (1e-10 for ν = 3, whose closed form cancels at
// large t, so it is used for t ≤ 30 only).
func TestStudentTTail(t *testing.T) {
	for _, c := range []float64{0.1, 1, 2.5} {
		l2 := must(NewStudentT(2, c))
		l3 := must(NewStudentT(3, c))
		for _, r := range []float64{0, 0.1, 1, 2, 10, 30, 1e3, 1e6} {
			s := math.Sqrt(r*r + 2)
			want := 2 / (s * (s + r))
			if got := l2.Tail(r * c); math.Abs(got-want) > 1e-12*want {
				t.Errorf("ν=2, c=%v: Tail(%v) = %.17g, want %.17g", c, r*c, got, want)
			}
			if r > 30 {
				continue
			}
			u := r / math.Sqrt(3)
			want = 1 - 2/math.Pi*(math.Atan(u)+u/(1+u*u))
			if got := l3.Tail(r * c); math.Abs(got-want) > 1e-10*want {
				t.Errorf("ν=3, c=%v: Tail(%v) = %.17g, want %.17g", c, r*c, got, want)
			}
		}
	}
}

// TestStudentTSymmetric checks F(−x) = 1 − F(x), F(0) = ½, p_+ = ½ and
// α = ν.
func TestStudentTSymmetric(t *testing.T) {
	l := must(NewStudentT(1.3, 0.7))
	for _, x := range []float64{0.01, 0.5, 3, 100} {
		if d := l.CDF(-x) - (1 - l.CDF(x)); math.Abs(d) > 1e-15 {
			t.Errorf("F(−%v) − (1 − F(%v)) = %v", x, x, d)
		}
	}
	if l.CDF(0) != 0.5 || l.PPlus() != 0.5 || l.Alpha() != 1.3 || !l.HeavyTailed() {
		t.Errorf("CDF(0) = %v, PPlus = %v, Alpha = %v, HeavyTailed = %v", l.CDF(0), l.PPlus(), l.Alpha(), l.HeavyTailed())
	}
}
