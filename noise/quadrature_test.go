package noise

import (
	"math"
	"testing"
)

// TestGK15Moments checks the Gauss–Kronrod constants: K15 must integrate
// x^m exactly on [−1, 1] for m ≤ 22 and G7 for m ≤ 13 (∫ x^m = 2/(m+1)
// for even m, 0 for odd m), to 2e-15.
func TestGK15Moments(t *testing.T) {
	for m := 0; m <= 22; m++ {
		f := func(x float64) float64 { return math.Pow(x, float64(m)) }
		want := 0.0
		if m%2 == 0 {
			want = 2 / float64(m+1)
		}
		k, diff := gk15(f, -1, 1)
		if math.Abs(k-want) > 2e-15 {
			t.Errorf("K15 ∫x^%d = %.17g, want %.17g", m, k, want)
		}
		if m <= 13 && diff > 2e-15 { // G7 = K15 ± diff must be exact too
			t.Errorf("|K15 − G7| on x^%d = %.3g, want G7 exact", m, diff)
		}
	}
	// x^14 is the first even power G7 gets wrong, so the error estimate
	// must see it.
	if _, diff := gk15(func(x float64) float64 { return math.Pow(x, 14) }, -1, 1); diff < 1e-6 {
		t.Errorf("|K15 − G7| on x^14 = %v, want it to be visible", diff)
	}
}

// TestIntegrate checks the adaptive rule on integrands with an endpoint
// singularity and a sharp peak: ∫_0^1 √x = 2/3 and
// ∫_{−1}^{1} 1/(1e-4 + x²) = 2·atan(100)/0.01.
func TestIntegrate(t *testing.T) {
	if got := integrate(math.Sqrt, 0, 1, 1e-12); math.Abs(got-2.0/3) > 1e-12 {
		t.Errorf("∫√x = %.17g", got)
	}
	want := 2 * math.Atan(100) / 0.01
	if got := integrate(func(x float64) float64 { return 1 / (1e-4 + x*x) }, -1, 1, 1e-9); math.Abs(got-want) > 1e-9*want {
		t.Errorf("∫1/(ε+x²) = %.17g, want %.17g", got, want)
	}
}
