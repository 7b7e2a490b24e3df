package estimators

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// paretoLambda is λ(η) = c^α η^{α−1} (docs/theory.md §3.4, Pareto noise
// with p_+ = ½, η ≤ 1/c).
func paretoLambda(c, alpha float64) func(float64) float64 {
	return func(eta float64) float64 { return math.Pow(c, alpha) * math.Pow(eta, alpha-1) }
}

// TestNextEtaPareto: for Pareto noise the next rung has the closed form
// η' = η·factor^{1/(α−1)} (λ ∝ η^{α−1}); a factor 1/2 in λ is 1/32 in η at
// α = 1.2, 1/4 at α = 1.5 and 2^{−2/3} at α = 2.5.
func TestNextEtaPareto(t *testing.T) {
	tests := []struct {
		alpha, eta, factor float64
	}{
		{1.2, 0.1, 0.5},
		{1.5, 0.1, 0.5},
		{2.5, 0.01, 0.5},
		{1.5, 3e-4, 0.8},
		{1.2, 1e-3, 0.1},
	}
	for _, tc := range tests {
		got, err := NextEta(paretoLambda(0.1, tc.alpha), tc.eta, tc.factor)
		if err != nil {
			t.Fatal(err)
		}
		want := tc.eta * math.Pow(tc.factor, 1/(tc.alpha-1))
		if !near(got, want, 1e-7) {
			t.Errorf("α %v η %v factor %v: got %v, want %v", tc.alpha, tc.eta, tc.factor, got, want)
		}
	}
}

// TestEtaForLambdaLomax: for a law with a non-power tail the inverse is
// checked by substitution: λ(η) must equal the target to the bisection
// tolerance. Lomax with p_+ = ½, μ = 0: H(x) = (1 + x/c)^{−α}, so
// λ(η) = η^{−1}(1 + 1/(cη))^{−α}, increasing for small η.
func TestEtaForLambdaLomax(t *testing.T) {
	const c, alpha = 0.1, 1.5
	lambda := func(eta float64) float64 { return math.Pow(1+1/(c*eta), -alpha) / eta }
	for _, target := range []float64{1e-2, 1e-3, 1e-5} {
		eta, err := EtaForLambda(lambda, target, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := lambda(eta); !near(got, target, 1e-7) {
			t.Errorf("target %v: λ(%v) = %v", target, eta, got)
		}
	}
}

func TestLadderHelpersErrors(t *testing.T) {
	lam := paretoLambda(0.1, 1.5)
	bad := func(float64) float64 { return math.NaN() }
	tests := []struct {
		name   string
		err    error
		prefix string
	}{
		{"target", second(EtaForLambda(lam, 0, 1)), "target:"},
		{"eta max", second(EtaForLambda(lam, 1e-3, math.Inf(1))), "eta_max:"},
		{"target above", second(EtaForLambda(lam, 1, 0.1)), "target:"},
		{"lambda NaN", second(EtaForLambda(bad, 1e-3, 0.1)), "lambda:"},
		{"flat lambda", second(EtaForLambda(func(float64) float64 { return 1 }, 0.5, 1)), "target:"},
		{"factor", second(NextEta(lam, 0.1, 1)), "factor:"},
		{"eta", second(NextEta(lam, -1, 0.5)), "eta:"},
		{"h", second(ExitsForLogHalfWidth(0, 0.95)), "h:"},
		{"level", second(ExitsForLogHalfWidth(0.1, 1)), "level:"},
		{"mean exit", third(RungCost(0, 10, 1)), "mean_exit:"},
		{"samples", third(RungCost(1, 0, 1)), "samples:"},
		{"cap", third(RungCost(1, 10, 0)), "cap:"},
	}
	for _, tc := range tests {
		if tc.err == nil || !strings.HasPrefix(tc.err.Error(), tc.prefix) {
			t.Errorf("%s: error %v, want prefix %q", tc.name, tc.err, tc.prefix)
		}
	}
}

func second[T any](_ T, err error) error        { return err }
func third[T, U any](_ T, _ U, err error) error { return err }

// TestRungCost: closed forms. Without a cap every sample exits and costs θ
// on average; with a cap c the expected exits are n(1 − e^{−c/θ}) and the
// expected steps θ times that (E min(τ, c) = θ(1 − e^{−c/θ})).
func TestRungCost(t *testing.T) {
	steps, exits, err := RungCost(250, 1000, math.Inf(1))
	if err != nil || steps != 250000 || exits != 1000 {
		t.Errorf("no cap: %v steps, %v exits, %v", steps, exits, err)
	}
	steps, exits, err = RungCost(250, 1000, 500)
	p := 1 - math.Exp(-2)
	if err != nil || !near(exits, 1000*p, 1e-12) || !near(steps, 250*1000*p, 1e-12) {
		t.Errorf("cap 2θ: %v steps, %v exits, %v; want %v, %v", steps, exits, err, 250000*p, 1000*p)
	}
}

// TestExitsForLogHalfWidth checks the defining property (d fits, d − 1 does
// not) and a Wilson–Hilferty approximation within 1%. Its companion
// feeds a claimed d 10% short and sees the property fail.
func TestExitsForLogHalfWidth(t *testing.T) {
	halfWidths := func(d, level float64) (up, down float64) {
		a := 1 - level
		q := distuv.ChiSquared{K: 2 * d}
		return math.Log(2 * d / q.Quantile(a/2)), math.Log(q.Quantile(1-a/2) / (2 * d))
	}
	for _, tc := range []struct{ h, level float64 }{{0.025, 0.95}, {0.05, 0.95}, {0.1, 0.9}, {0.2, 0.99}, {0.0125, 0.95}, {3, 0.95}} {
		d, err := ExitsForLogHalfWidth(tc.h, tc.level)
		if err != nil {
			t.Fatal(err)
		}
		up, down := halfWidths(float64(d), tc.level)
		if up > tc.h || down > tc.h {
			t.Errorf("h %v level %v: d = %d has half-widths %v, %v", tc.h, tc.level, d, up, down)
		}
		if d > 1 {
			if up1, _ := halfWidths(float64(d-1), tc.level); up1 <= tc.h {
				t.Errorf("h %v level %v: d − 1 = %d also fits (%v)", tc.h, tc.level, d-1, up1)
			}
		}
		// Wilson–Hilferty: χ²_k(p)/k ≈ (1 − 2/(9k) + z_p√(2/(9k)))³ gives,
		// with k = 2d, the upper half-width z/√d + c/d, c = 1/3 + z²/6, so
		// √d = (z + √(z² + 4ch))/(2h).
		z := distuv.UnitNormal.Quantile(1 - (1-tc.level)/2)
		c := 1.0/3 + z*z/6
		sq := (z + math.Sqrt(z*z+4*c*tc.h)) / (2 * tc.h)
		if approx := sq * sq; tc.h < 0.5 && !near(float64(d), approx, 0.01) {
			t.Errorf("h %v level %v: d = %d, normal approximation %v", tc.h, tc.level, d, approx)
		}
		if short := math.Floor(0.9 * float64(d)); short >= 1 {
			if up, _ := halfWidths(short, tc.level); up <= tc.h {
				t.Errorf("h %v: 10%% fewer exits (%v) still fit: the check cannot fail", tc.h, short)
			}
		}
	}
}
