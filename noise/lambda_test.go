package noise

import (
	"math"
	"testing"
)

// TestLambdaPareto checks docs/theory.md §3.4: for the Pareto law with
// p_+ = ½, λ(η) = η^{−1}(1/(ηc))^{−α} = c^α η^{α−1} once η ≤ 1/c; for
// η > 1/c, 1/η < c so H(1/η) = 1 and λ(η) = 1/η.
func TestLambdaPareto(t *testing.T) {
	for _, c := range []struct{ alpha, scale float64 }{{1.2, 0.1}, {1.5, 1}, {1.8, 2}} {
		l := must(NewPareto(c.alpha, c.scale, 0.5))
		for _, eta := range []float64{1e-6, 1e-4, 1e-3, 0.01, 0.1, 0.3, 1 / c.scale, 2 / c.scale, 50} {
			want := math.Pow(c.scale, c.alpha) * math.Pow(eta, c.alpha-1)
			if eta > 1/c.scale {
				want = 1 / eta
			}
			if got := Lambda(l, eta); math.Abs(got-want) > 1e-13*want {
				t.Errorf("α=%v c=%v: λ(%v) = %.17g, want %.17g", c.alpha, c.scale, eta, got, want)
			}
		}
	}
}

// TestLambdaNotApplicable checks that λ is NaN for a nil or light-tailed
// law and for η ≤ 0 or NaN.
func TestLambdaNotApplicable(t *testing.T) {
	p := must(NewPareto(1.5, 1, 0.5))
	for _, c := range []struct {
		l   Law
		eta float64
	}{
		{nil, 0.1}, {must(NewGaussian(1)), 0.1}, {p, 0}, {p, -1}, {p, math.NaN()},
	} {
		if got := Lambda(c.l, c.eta); !math.IsNaN(got) {
			t.Errorf("Lambda(%v, %v) = %v, want NaN", c.l, c.eta, got)
		}
	}
}
