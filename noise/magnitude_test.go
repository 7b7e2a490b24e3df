package noise

import (
	"math"
	"testing"
)

// TestMagnitudeInverseSurvival checks the magnitude functions of the
// pareto and lomax laws against each other: S(S^{−1}(v)) = v to a few ulps
// for v from 1 down to 1e-300, S + (1 − S) = 1, and S^{−1} decreasing; and
// S at a closed-form point (pareto: S(2c) = 2^{−α}; lomax: S(c) = 2^{−α}).
func TestMagnitudeInverseSurvival(t *testing.T) {
	type magnitude interface {
		MagnitudeSurvival(w float64) float64
		MagnitudeCDF(w float64) float64
		MagnitudeInverseSurvival(v float64) float64
		Scale() float64
		Alpha() float64
	}
	pareto, err := NewPareto(1.3, 0.2, 0.7)
	if err != nil {
		t.Fatal(err)
	}
	lomax, err := NewLomax(2.5, 0.5, 0.4)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		law  magnitude
		at   float64 // a point w with S(w) = 2^{−α}
	}{
		{"pareto", pareto, 2 * pareto.Scale()},
		{"lomax", lomax, lomax.Scale()},
	} {
		if got, want := tc.law.MagnitudeSurvival(tc.at), math.Pow(2, -tc.law.Alpha()); math.Abs(got-want) > 1e-15 {
			t.Errorf("%s: S(%v) = %v, want %v", tc.name, tc.at, got, want)
		}
		prev := math.Inf(-1)
		for _, v := range []float64{1, 0.9, 0.5, 1e-3, 1e-9, 1e-40, 1e-300} {
			w := tc.law.MagnitudeInverseSurvival(v)
			if !(w > prev) && v < 1 {
				t.Errorf("%s: S^{-1}(%v) = %v is not above S^{-1} of the larger v (%v)", tc.name, v, w, prev)
			}
			prev = w
			if v == 1 {
				continue // S^{−1}(1) is the lower end of the support, where S jumps
			}
			if got := tc.law.MagnitudeSurvival(w); math.Abs(got-v) > 1e-13*v {
				t.Errorf("%s: S(S^{-1}(%v)) = %v", tc.name, v, got)
			}
			if s := tc.law.MagnitudeSurvival(w) + tc.law.MagnitudeCDF(w); math.Abs(s-1) > 1e-15 {
				t.Errorf("%s: S + (1 − S) = %v at w = %v", tc.name, s, w)
			}
		}
	}
}
