package optim

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/rng"
	"gonum.org/v1/gonum/stat/distuv"
)

// points is the finite-sum loss L(θ) = (1/n) Σ_i ½‖θ − a_i‖², whose batch
// gradient is θ − mean_{i∈B} a_i.
type points struct{ a [][]float64 }

func (p points) N() int { return len(p.a) }

func (p points) Loss(theta []float64, idx []int, grad []float64) float64 {
	clear(grad)
	l := 0.0
	for _, i := range idx {
		for j, t := range theta {
			d := t - p.a[i][j]
			grad[j] += d / float64(len(idx))
			l += d * d / 2 / float64(len(idx))
		}
	}
	return l
}

func newPoints(n, d int, r *rng.Rand) points {
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, d)
		for j := range a[i] {
			a[i][j] = r.NormFloat64()
		}
	}
	return points{a}
}

func mean(p points) []float64 {
	m := make([]float64, len(p.a[0]))
	for _, a := range p.a {
		for j, v := range a {
			m[j] += v / float64(len(p.a))
		}
	}
	return m
}

// TestTruncate checks φ_b: the identity inside the ball of radius b, a
// rescaling onto its sphere outside, the direction kept.
func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		w       []float64
		b, want float64 // want: the norm after
	}{
		{[]float64{3, 4}, 10, 5},
		{[]float64{3, 4}, 5, 5},
		{[]float64{3, 4}, 1, 1},
		{[]float64{0, 0}, 1, 0},
	} {
		w := append([]float64(nil), tc.w...)
		Truncate(w, tc.b)
		if math.Abs(norm(w)-tc.want) > 1e-14 {
			t.Errorf("φ_%v(%v): norm %v, want %v", tc.b, tc.w, norm(w), tc.want)
		}
		if n := norm(tc.w); n > 0 && math.Abs(w[0]*tc.w[1]-w[1]*tc.w[0]) > 1e-14 {
			t.Errorf("φ_%v(%v) = %v changed direction", tc.b, tc.w, w)
		}
	}
}

// TestParetoTail checks P(W > w) = w^{−α} at w = 2, 10, 100 with n = 10^5
// draws: each empirical frequency must lie in its exact binomial 99.9%
// acceptance region (false-alarm rate ≤ 0.3% over the three). A wrong
// exponent (α + 0.1) is rejected by the same check.
func TestParetoTail(t *testing.T) {
	const n, alpha = 100000, 1.4
	r := rng.New(11, 1)
	w := make([]float64, n)
	for i := range w {
		w[i] = Pareto(r, alpha)
	}
	check := func(a float64) (bad int) {
		for _, x := range []float64{2, 10, 100} {
			p := math.Pow(x, -a)
			k := 0
			for _, v := range w {
				if v > x {
					k++
				}
			}
			b := distuv.Binomial{N: n, P: p}
			if cdf := b.CDF(float64(k)); cdf < 0.0005 || cdf > 0.9995 {
				bad++
			}
		}
		return bad
	}
	if bad := check(alpha); bad > 0 {
		t.Errorf("α = %v: %d tail frequencies outside their 99.9%% regions", alpha, bad)
	}
	if bad := check(alpha + 0.1); bad == 0 {
		t.Errorf("the check does not reject a wrong α = %v", alpha+0.1)
	}
}

// TestStepKnownAnswers checks one step of each method on the finite-sum
// quadratic against its formula.
func TestStepKnownAnswers(t *testing.T) {
	const n, d, eta = 20, 3, 0.1
	p := newPoints(n, d, rng.New(12, 1))
	theta0 := []float64{1, -2, 0.5}
	m := mean(p)
	gd := make([]float64, d) // full gradient θ − ā
	for j := range gd {
		gd[j] = theta0[j] - m[j]
	}
	for _, tc := range []struct {
		name string
		cfg  Config
		want func() []float64
	}{
		{"lb full batch is GD", Config{Method: LB, Eta: eta, LargeBatch: n},
			func() []float64 { return axpy(theta0, -eta, gd) }},
		{"sb with batch n is GD", Config{Method: SB, Eta: eta, SmallBatch: n},
			func() []float64 { return axpy(theta0, -eta, gd) }},
		{"sb-clip truncates to b", Config{Method: SBClip, Eta: eta, SmallBatch: n, B: 0.01},
			func() []float64 { return axpy(theta0, -0.01/norm(gd), gd) }},
		// With SB = SB* = LB = all, the noise g_SB* − g_LB vanishes.
		{"ours-2 noise vanishes at full batch", Config{Method: Ours2, Eta: eta, SmallBatch: n, LargeBatch: n, B: 10, C: 0.5, Alpha: 1.4},
			func() []float64 { return axpy(theta0, -eta, gd) }},
		{"ours-1 noise vanishes at full batch", Config{Method: Ours1, Eta: eta, SmallBatch: n, LargeBatch: n, B: 10, C: 0.5, Alpha: 1.4},
			func() []float64 { return axpy(theta0, -eta, gd) }},
		// g(θ + ρ ĝ) = gd + ρ ĝ on this loss (Hessian I).
		{"sam", Config{Method: SAM, Eta: eta, SmallBatch: n, Rho: 0.05},
			func() []float64 {
				g := axpy(gd, 0.05/norm(gd), gd)
				return axpy(theta0, -eta, g)
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			theta := append([]float64(nil), theta0...)
			New(tc.cfg, p, d, rng.New(1, 1)).Step(theta, false)
			want := tc.want()
			for j := range want {
				if math.Abs(theta[j]-want[j]) > 1e-12 {
					t.Fatalf("θ = %v, want %v", theta, want)
				}
			}
		})
	}
}

// TestHeavyStep checks the heavy-tailed step of variant 2 on small batches:
// the step is η·(g_SB + Z(g_SB − g_LB)) with the Z it reports, truncated to
// b when longer, and never truncated by sb-noise.
func TestHeavyStep(t *testing.T) {
	const n, d = 50, 4
	p := newPoints(n, d, rng.New(13, 1))
	for _, method := range []Method{Ours2, SBNoise} {
		cfg := Config{Method: method, Eta: 0.5, SmallBatch: 5, LargeBatch: n, B: 0.2, C: 0.5, Alpha: 1.2}
		o := New(cfg, p, d, rng.New(2, 2))
		clipped := 0
		for k := 0; k < 200; k++ {
			theta := []float64{0.1, 0.2, 0.3, 0.4}
			info := o.Step(theta, false)
			if info.Z < cfg.C {
				t.Fatalf("Z = %v < c", info.Z)
			}
			if info.Clipped {
				clipped++
				if method == SBNoise {
					t.Fatal("sb-noise truncated a step")
				}
			}
			step := axpy([]float64{0.1, 0.2, 0.3, 0.4}, -1, theta)
			if method == Ours2 && norm(step) > cfg.B*(1+1e-12) {
				t.Fatalf("step of norm %v > b", norm(step))
			}
		}
		if method == Ours2 && clipped == 0 {
			t.Fatal("no step was truncated: the test does not reach φ_b")
		}
	}
}

// TestPlainPhase checks that the final phase takes LB steps for any method.
func TestPlainPhase(t *testing.T) {
	const n, d = 10, 2
	p := newPoints(n, d, rng.New(14, 1))
	m := mean(p)
	theta := []float64{3, 3}
	o := New(Config{Method: Ours1, Eta: 0.1, SmallBatch: 2, LargeBatch: n, B: 1, C: 0.5, Alpha: 1.4}, p, d, rng.New(3, 3))
	o.Step(theta, true)
	for j := range theta {
		if want := 3 - 0.1*(3-m[j]); math.Abs(theta[j]-want) > 1e-12 {
			t.Fatalf("θ = %v after a plain step", theta)
		}
	}
}

// TestBatchDistinct checks that a batch holds distinct indices, uniformly
// spread: over 2000 batches of 5 of 10, every index appears within its
// binomial 99.99% region.
func TestBatchDistinct(t *testing.T) {
	p := newPoints(10, 1, rng.New(15, 1))
	o := New(Config{Method: SB, SmallBatch: 5}, p, 1, rng.New(4, 4))
	count := make([]int, 10)
	for k := 0; k < 2000; k++ {
		seen := map[int]bool{}
		for _, i := range o.batch(5) {
			if seen[i] {
				t.Fatal("repeated index in a batch")
			}
			seen[i] = true
			count[i]++
		}
	}
	b := distuv.Binomial{N: 2000, P: 0.5}
	for i, c := range count {
		if cdf := b.CDF(float64(c)); cdf < 0.00005 || cdf > 0.99995 {
			t.Errorf("index %d drawn %d times of 2000", i, c)
		}
	}
}

func TestParse(t *testing.T) {
	for _, m := range Methods {
		if got, err := Parse(string(m)); err != nil || got != m {
			t.Errorf("Parse(%q) = %v, %v", m, got, err)
		}
	}
	if _, err := Parse("adam"); err == nil {
		t.Error("Parse(adam) accepted")
	}
}

func axpy(x []float64, a float64, y []float64) []float64 {
	out := make([]float64, len(x))
	for i := range x {
		out[i] = x[i] + a*y[i]
	}
	return out
}
