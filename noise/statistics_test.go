package noise

import (
	"fmt"
	"math"
	"testing"
)

// must returns l, panicking on err; test tables use it on constant,
// valid parameters only.
func must[L Law](l L, err error) L {
	if err != nil {
		panic(err)
	}
	return l
}

// nKS is the sample size of every KS test.
const nKS = 200000

// ksSampleSize returns nKS, except for a claimed stable CDF under the race
// detector: each stable CDF value is a numerical integral (~20 µs, ~6× that
// with -race), so there it is 2·10^4 to keep `go test -race` near 20 s.
// The false-alarm rate is unchanged; the companion test is built to reject
// at either size.
func ksSampleSize(claimed Law) int {
	if _, ok := claimed.(Stable); ok && raceEnabled {
		return 20000
	}
	return nKS
}

// ksLaws are the laws whose samplers are checked against their CDFs: every
// law, at parameters covering p_+ = ½ and p_+ ≠ ½ (μ ≠ 0), α near 1 and
// large α, and scales other than 1.
var ksLaws = []Law{
	must(NewPareto(1.2, 0.1, 0.5)),
	must(NewPareto(1.5, 1, 0.7)),
	must(NewPareto(1.8, 2, 0.2)),
	must(NewLomax(1.2, 0.1, 0.5)),
	must(NewLomax(1.5, 1, 0.3)),
	must(NewLomax(3, 1, 0.9)),
	must(NewStudentT(1.2, 1)),
	must(NewStudentT(1.5, 0.1)),
	must(NewStudentT(4, 2)),
	must(NewStable(1.2, 0.1)),
	must(NewStable(1.7, 1)),
	must(NewGaussian(1)),
	must(NewGaussian(0.3)),
}

// describe names a law with its parameters for test output.
func describe(l Law) string {
	switch v := l.(type) {
	case Pareto:
		return fmt.Sprintf("pareto(α=%v,c=%v,p+=%v)", v.alpha, v.scale, v.pPlus)
	case Lomax:
		return fmt.Sprintf("lomax(α=%v,c=%v,p+=%v)", v.alpha, v.scale, v.pPlus)
	case StudentT:
		return fmt.Sprintf("student-t(α=%v,c=%v)", v.alpha, v.scale)
	case Stable:
		return fmt.Sprintf("stable(α=%v,c=%v)", v.alpha, v.scale)
	case Gaussian:
		return fmt.Sprintf("gaussian(c=%v)", v.scale)
	}
	return l.Name()
}

// TestKS checks each sampler against its exact CDF: 2·10^5 samples, KS
// test with the asymptotic Kolmogorov law, false-alarm rate ksAlpha =
// 0.001 per law (13 laws: family-wise ≤ 1.3%).
func TestKS(t *testing.T) {
	for i, l := range ksLaws {
		t.Run(describe(l), func(t *testing.T) {
			t.Parallel()
			n := ksSampleSize(l)
			d, p := ksTest(draw(l, n, uint64(100+i)), l.CDF)
			t.Logf("n = %d, D = %.5f, √n·D = %.3f, p = %.3f", n, d, math.Sqrt(float64(n))*d, p)
			if p < ksAlpha {
				t.Errorf("KS rejects the sampler: D = %.5f, p = %.3g < %v", d, p, ksAlpha)
			}
		})
	}
}

// TestKSRejectsWrongLaw is the companion of TestKS: the same check, at the
// same sample size, must reject a deliberately wrong CDF, here
// claimed.CDF(x − shift). Each case states the CDF gap that makes
// rejection certain (√n·D ≳ 3 gives p ≲ 3e-8).
func TestKSRejectsWrongLaw(t *testing.T) {
	p15 := must(NewPareto(1.5, 1, 0.7))
	l15 := must(NewLomax(1.5, 1, 0.3))
	cases := []struct {
		name            string
		sample, claimed Law
		shift           float64
	}{
		// P(Z > 2c) = ½·2^{−1.4} = 0.189 against ½·2^{−1.2} = 0.218:
		// gap ≥ 0.028, √n·D ≥ 12.
		{"pareto α=1.4 claimed 1.2", must(NewPareto(1.4, 0.1, 0.5)), must(NewPareto(1.2, 0.1, 0.5)), 0},
		// μ = 1.2 left out, i.e. the claimed law is c·U·W: its CDF is
		// p_− = 0.3 on [−1, 1), the true CDF just below x = 1 is
		// P(cUW ≤ 2.2) = 0.3 + 0.7·(1 − 2.2^{−1.5}) = 0.786: gap 0.486.
		{"pareto μ missing", p15, p15, p15.Mu()},
		// p_+ = ½ (μ = 0), so only α differs: the gap is
		// ½·max_w [(1+w)^{−1.5} − (1+w)^{−1.6}] = ½·0.0237 at
		// ln(1+w) = 10·ln(1.6/1.5): 0.0119, √n·D ≈ 5.3.
		{"lomax α=1.5 claimed 1.6", must(NewLomax(1.5, 1, 0.5)), must(NewLomax(1.6, 1, 0.5)), 0},
		// μ = −0.8 left out: at x = 0.4 the true CDF is
		// P(cUW ≤ −0.4) = 0.7·1.4^{−1.5} = 0.423, the claimed one
		// 0.7 + 0.3·(1 − 1.4^{−1.5}) = 0.819: gap ≥ 0.39.
		{"lomax μ missing", l15, l15, l15.Mu()},
		// max_x |F_1.5(x) − F_1.7(x)| = 0.0094 at |x| ≈ 2.2 (gonum's t
		// CDF; e.g. P(T_1.5 > 2) = 0.1121, P(T_1.7 > 2) = 0.1027):
		// √n·D ≈ 4.2.
		{"student-t ν=1.5 claimed 1.7", must(NewStudentT(1.5, 1)), must(NewStudentT(1.7, 1)), 0},
		// max_x |F_1.5(x) − F_1.8(x)| = 0.0223 at |x| ≈ 2.87 (computed
		// with stableSurvival): √n·D ≈ 10 at n = 2·10^5 and ≈ 3.2 ± 0.3
		// at n = 2·10^4 (race), p ≤ 1e-6 either way. (α = 1.6, gap
		// 0.0080, would be rejected at 2·10^5 only.)
		{"stable α=1.5 claimed 1.8", must(NewStable(1.5, 1)), must(NewStable(1.8, 1)), 0},
		// σ = 1.05 against 1: gap = Φ(1) − Φ(1/1.05) ≈ 0.011 at x = 1,
		// √n·D ≈ 5.
		{"gaussian σ=1.05 claimed 1", must(NewGaussian(1.05)), must(NewGaussian(1)), 0},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			n := ksSampleSize(c.claimed)
			cdf := func(x float64) float64 { return c.claimed.CDF(x - c.shift) }
			d, p := ksTest(draw(c.sample, n, uint64(200+i)), cdf)
			t.Logf("n = %d, D = %.5f, √n·D = %.3f, p = %.3g", n, d, math.Sqrt(float64(n))*d, p)
			if p >= ksAlpha {
				t.Errorf("KS does not reject the wrong law: D = %.5f, p = %.3g", d, p)
			}
		})
	}
}

// TestTailMatchesCDF checks H(x) = 1 − F(x) + F(−x) (absolute error
// 1e-12; 1 − F has no more) at points that include the support edges
// |μ| ± c of Pareto and Lomax, and H(x) = 1 for x < 0.
func TestTailMatchesCDF(t *testing.T) {
	for _, l := range ksLaws {
		c := 1.0
		mu := 0.0
		switch v := l.(type) {
		case Pareto:
			c, mu = v.scale, v.mu
		case Lomax:
			c, mu = v.scale, v.mu
		case StudentT:
			c = v.scale
		case Stable:
			c = v.scale
		case Gaussian:
			c = v.scale
		}
		xs := []float64{0, 0.01 * c, 0.3 * c, c, 2.5 * c, 7 * c, 40 * c, 1e3 * c,
			math.Abs(mu), math.Abs(mu) + c, math.Max(0, math.Abs(mu)-c), math.Abs(mu) + 0.5*c}
		for _, x := range xs {
			want := 1 - l.CDF(x) + l.CDF(-x)
			if got := l.Tail(x); math.Abs(got-want) > 1e-12 {
				t.Errorf("%s: Tail(%v) = %.15g, 1 − F(x) + F(−x) = %.15g", describe(l), x, got, want)
			}
		}
		if got := l.Tail(-1); got != 1 {
			t.Errorf("%s: Tail(−1) = %v, want 1", describe(l), got)
		}
		if got := l.Tail(0); math.Abs(got-1) > 1e-15 {
			t.Errorf("%s: Tail(0) = %v, want 1", describe(l), got)
		}
	}
}

// TestMeanZero checks E Z = 0 where a test with a known law of the sample
// mean exists: the laws with finite third moment (α = 4 > 3) by the
// central limit theorem with the exact variance (Berry–Esseen makes the
// normal approximation good to O(n^{−1/2})), and the stable law exactly,
// since the mean of n iid S(α,0,c,0) is S(α,0,c·n^{1/α−1},0). False-alarm
// rate 0.001 two-sided for each (|z| > 3.2905, or P(|M| > |m|) < 0.001).
// (For α < 2 the Pareto/Lomax/t means have infinite variance and no such
// simple test; there μ is checked by TestKS and TestKSRejectsWrongLaw.)
func TestMeanZero(t *testing.T) {
	const z999 = 3.2905267314918945 // Φ^{−1}(1 − 0.0005)
	cases := []struct {
		l Law
		// variance of Z, derived in the comment; NaN for the stable law
		variance float64
	}{
		// Var Z = c²[E W² − (E UW)²], E W² = α/(α−2) = 2,
		// E UW = (2p_+−1)α/(α−1) = 0.6·4/3 = 0.8: 2 − 0.64 = 1.36.
		{must(NewPareto(4, 1, 0.8)), 1.36},
		// E W² = 2/((α−1)(α−2)) = 1/3, E UW = (2p_+−1)/(α−1) = −0.2:
		// 1/3 − 0.04.
		{must(NewLomax(4, 1, 0.2)), 1.0/3 - 0.04},
		// Var = c²ν/(ν−2) = 4·2.
		{must(NewStudentT(4, 2)), 8},
		{must(NewGaussian(0.3)), 0.09},
		{must(NewStable(1.5, 1)), math.NaN()},
		{must(NewStable(1.2, 0.1)), math.NaN()},
	}
	const n = 200000
	for i, c := range cases {
		xs := draw(c.l, n, uint64(300+i))
		m := 0.0
		for _, x := range xs {
			m += x
		}
		m /= n
		if s, ok := c.l.(Stable); ok {
			mean := must(NewStable(s.alpha, s.scale*math.Pow(n, 1/s.alpha-1)))
			p := mean.Tail(math.Abs(m))
			t.Logf("%s: mean %.4g, P(|M| > |m|) = %.3f", describe(c.l), m, p)
			if p < 0.001 {
				t.Errorf("%s: sample mean %.4g has P(|M| > |m|) = %.3g < 0.001", describe(c.l), m, p)
			}
			continue
		}
		z := m / math.Sqrt(c.variance/n)
		t.Logf("%s: mean %.4g, z = %.3f", describe(c.l), m, z)
		if math.Abs(z) > z999 {
			t.Errorf("%s: sample mean %.4g, z = %.2f", describe(c.l), m, z)
		}
	}
}

// TestMeanZeroRejectsMissingMu is the companion of TestMeanZero: samples
// of c·U·W without the shift μ = 0.8 (Pareto α = 4, c = 1, p_+ = 0.8) give
// z ≈ 0.8/√(1.36/n) ≈ 307.
func TestMeanZeroRejectsMissingMu(t *testing.T) {
	l := must(NewPareto(4, 1, 0.8))
	const n = 200000
	m := 0.0
	for _, x := range draw(l, n, 399) {
		m += x + l.Mu()
	}
	m /= n
	if z := m / math.Sqrt(1.36/n); math.Abs(z) <= 3.2905 {
		t.Errorf("uncentred sample mean %.4g not rejected: z = %.2f", m, z)
	}
}
