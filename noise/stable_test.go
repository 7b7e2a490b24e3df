package noise

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
)

// TestStableTailLeading checks StableTailLeading against the exact Tail:
// their relative gap at x = 100c must be the second term of the asymptotic
// series relative to the first,
//
//	exact/leading − 1 ≈ −Γ(2α)·sin(πα)/(2Γ(α)·sin(πα/2))·(x/c)^{−α},
//
// to within 1% of that gap (the third term is another factor (x/c)^{−α} ≤
// 4e-3 smaller), and at x = 10^6·c the leading term must be within 1e-6.
func TestStableTailLeading(t *testing.T) {
	for _, a := range []float64{1.2, 1.5, 1.8} {
		for _, c := range []float64{0.1, 1, 3} {
			l := must(NewStable(a, c))
			x := 100 * c
			gap := l.Tail(x)/StableTailLeading(a, c, x) - 1
			want := -math.Gamma(2*a) * math.Sin(math.Pi*a) / (2 * math.Gamma(a) * math.Sin(math.Pi*a/2)) * math.Pow(100, -a)
			if math.Abs(gap-want) > 0.01*math.Abs(want) {
				t.Errorf("α=%v c=%v: exact/leading − 1 = %.6g at x = 100c, want %.6g", a, c, gap, want)
			}
			x = 1e6 * c
			if r := l.Tail(x) / StableTailLeading(a, c, x); math.Abs(r-1) > 1e-6 {
				t.Errorf("α=%v c=%v: exact/leading = %v at x = 10^6·c", a, c, r)
			}
		}
	}
}

// TestStableLambda checks λ(η) = η^{−1}H(η^{−1}) for the stable law against
// the leading-term prediction 2Γ(α)sin(πα/2)/π·c^α·η^{α−1}: the ratio tends
// to 1 as η → 0, with the gap shrinking like (cη)^α.
func TestStableLambda(t *testing.T) {
	l := must(NewStable(1.5, 0.1))
	prev := math.Inf(1)
	for _, eta := range []float64{1, 0.1, 0.01, 1e-3, 1e-4} {
		pred := 2 * math.Gamma(1.5) * math.Sin(0.75*math.Pi) / math.Pi * math.Pow(0.1, 1.5) * math.Pow(eta, 0.5)
		gap := math.Abs(Lambda(l, eta)/pred - 1)
		if gap >= prev {
			t.Errorf("η=%v: |λ/leading − 1| = %v did not shrink (was %v)", eta, gap, prev)
		}
		prev = gap
	}
	if prev > 1e-5 {
		t.Errorf("at η = 1e-4, |λ/leading − 1| = %v, want < 1e-5", prev)
	}
}

// TestNewStableRejects checks that α ≥ 2 (Gaussian, not heavy-tailed) and
// α ≤ 1 are rejected with an error naming noise.Stable.Alpha.
func TestNewStableRejects(t *testing.T) {
	for _, a := range []float64{2, 2.5, 1, 0.5, math.NaN(), math.Inf(1)} {
		if _, err := NewStable(a, 1); param.As(err) == nil || param.As(err).Name != "noise.Stable.Alpha" {
			t.Errorf("NewStable(%v, 1): err = %v, want a noise.Stable.Alpha error", a, err)
		}
	}
}
