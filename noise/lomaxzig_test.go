package noise

import (
	"fmt"
	"math"
	"testing"

	"github.com/htsgd/htsgd/rng"
)

// zigAlphas are the tail indices at which the Lomax ziggurat is checked:
// near 1 (the heaviest tails, r ≈ 500), the paper's 1.2, the spec's 1.5,
// and up to the near-exponential regime (α·log1p(r) → 7.697).
var zigAlphas = []float64{1.001, 1.05, 1.2, 1.5, 2, 3.7, 10, 100, 1e4}

// TestLomaxZigTables checks the construction of lomaxZig against its
// definition: every layer i = 1..255 has area x[i]·(f(x[i+1]) − f(x[i])) = v
// and the base layer r·f(r) + (1 + r)^{−α}/α = v (relative error 1e-9; the
// edges are computed by a chain of 255 inversions, each exact to a few ulp,
// and the top layers lose relative precision as f → 1), the top layer
// reaches f(0) = 1 (x[256] = 0, f[256] = 1), the edges decrease, and the
// acceptance bounds are k[i] = ⌈2^53·x[i+1]/x[i]⌉, and the chord squeeze of
// the wedge test holds. In the exponential limit
// α → ∞, α·log1p(r) must approach Marsaglia & Tsang's r = 7.69711747.
func TestLomaxZigTables(t *testing.T) {
	for _, alpha := range zigAlphas {
		t.Run(fmt.Sprint(alpha), func(t *testing.T) {
			z := newLomaxZig(alpha)
			var x [lomaxZigLayers + 1]float64
			for i := range lomaxZigLayers {
				x[i] = z.w[i] * 0x1p53
			}
			r := x[1]
			f := func(y float64) float64 { return math.Pow(1+y, -(alpha + 1)) }
			v := r*f(r) + math.Pow(1+r, -alpha)/alpha
			if z.onePlusR != 1+r || math.Abs(x[0]*f(r)-v) > 1e-12*v {
				t.Errorf("base layer: 1 + r = %v (r = %v), x[0]·f(r) = %v, v = %v", z.onePlusR, r, x[0]*f(r), v)
			}
			if z.f[lomaxZigLayers] != 1 {
				t.Errorf("f[256] = %v, want 1", z.f[lomaxZigLayers])
			}
			for i := 1; i < lomaxZigLayers; i++ {
				if !(x[i+1] < x[i]) {
					t.Fatalf("edges not decreasing at %d: %v, %v", i, x[i], x[i+1])
				}
				if area := x[i] * (z.f[i+1] - z.f[i]); math.Abs(area-v) > 1e-9*v {
					t.Errorf("layer %d: area %.15g, want v = %.15g", i, area, v)
				}
			}
			for i := range lomaxZigLayers {
				if want := uint64(math.Ceil(x[i+1] / x[i] * 0x1p53)); z.k[i] != want {
					t.Errorf("k[%d] = %d, want %d", i, z.k[i], want)
				}
			}
			// The squeeze of the wedge test: c_i − ε_i ≤ f ≤ c_i + τ_i on each
			// wedge, with f as the exact test computes it (checked on 201
			// points per layer).
			for i := 1; i < lomaxZigLayers; i++ {
				for k := 0; k <= 200; k++ {
					y := x[i+1] + float64(k)/200*(x[i]-x[i+1])
					c, fy := z.f[i]+(x[i]-y)*z.slope[i], lomaxDensity(z.negAP1, y)
					if fy > c+z.tol[i] || fy < c-z.eps[i] {
						t.Fatalf("layer %d, y = %v: f = %.17g outside [c − ε, c] = [%.17g, %.17g]", i, y, fy, c-z.eps[i], c)
					}
				}
			}
			t.Logf("r = %.6g, α·log1p(r) = %.6f, v = %.6g", r, alpha*math.Log1p(r), v)
			if alpha >= 1e4 && math.Abs(alpha*math.Log1p(r)-7.69711747013104972) > 1e-3 {
				t.Errorf("α·log1p(r) = %v, want ≈ 7.697117 in the exponential limit", alpha*math.Log1p(r))
			}
		})
	}
}

// hotLaw is a law with the hot-loop form of Sample.
type hotLaw interface {
	Law
	SampleFast(j uint64) (float64, bool)
	SampleSlow(r *rng.Rand, j uint64) float64
}

// addr returns a pointer to a copy of v.
func addr[T any](v T) *T { return &v }

// hotLaws cover p_+ = ½, a multiple of ⅛ other than ½ (every sign decided
// on the fast path) and p_+ that leave ⅛ of the signs to the slow path.
// Pareto and Lomax have SampleFast on the pointer.
var hotLaws = []hotLaw{
	addr(must(NewPareto(1.2, 0.1, 0.5))),
	addr(must(NewPareto(1.5, 1, 0.375))),
	addr(must(NewPareto(1.05, 2, 0.7))),
	addr(must(NewPareto(10, 1, 0.123))),
	addr(must(NewLomax(1.2, 0.1, 0.5))),
	addr(must(NewLomax(3, 1, 0.9))),
	addr(must(NewLomax(1.5, 1, 0.625))),
	must(NewGaussian(0.3)),
}

// TestSampleFastSlowIsSample checks the hot-loop contract of SampleFast and
// SampleSlow: the three-line form draws bit-identical values from the same
// stream as Sample and leaves the generator in the same state, and
// SampleSlow on a word that SampleFast accepts returns the same value
// without drawing.
func TestSampleFastSlowIsSample(t *testing.T) {
	for i, l := range hotLaws {
		t.Run(fmt.Sprintf("%d-%s", i, l.Name()), func(t *testing.T) {
			a, b := rng.New(7, 11), rng.New(7, 11)
			slow := 0
			for i := range 200000 {
				want := l.Sample(a)
				j := b.Uint64()
				got, ok := l.SampleFast(j)
				if !ok {
					got = l.SampleSlow(b, j)
					slow++
				} else {
					probe := *b
					if s := l.SampleSlow(&probe, j); math.Float64bits(s) != math.Float64bits(got) || probe != *b {
						t.Fatalf("draw %d: SampleSlow on an accepted word gives %v (drew: %v), SampleFast %v", i, s, probe != *b, got)
					}
				}
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("draw %d: hot-loop form %v, Sample %v", i, got, want)
				}
			}
			if a.Uint64() != b.Uint64() {
				t.Fatal("the generators diverged")
			}
			t.Logf("slow path: %.2f%% of draws", 100*float64(slow)/200000)
		})
	}
}

// ziggurat KS cases beyond TestKS's: extreme α and the p_+ classes of
// hotLaws, symmetric and not.
var zigKSLaws = []Law{
	must(NewPareto(1.5, 1, 0.5)), // the kernel spec of bench/
	must(NewPareto(1.001, 1, 0.5)),
	must(NewPareto(1.05, 2, 0.7)),
	must(NewPareto(10, 1, 0.123)),
	must(NewPareto(100, 0.5, 0.375)),
	must(NewLomax(1.001, 1, 0.5)),
	must(NewLomax(1.05, 0.1, 0.3)),
	must(NewLomax(1e4, 1, 0.5)),
}

// TestZigguratKS checks the ziggurat samplers against the exact CDF at the
// extremes of α and at the kernel spec: n = 2·10^5 per law, KS at
// false-alarm rate ksAlpha = 0.001 per law (8 laws: family-wise ≤ 0.8%). The companion is
// TestKSRejectsWrongLaw ("pareto α=1.4 claimed 1.2"), which uses the same
// sampler and check.
func TestZigguratKS(t *testing.T) {
	for i, l := range zigKSLaws {
		t.Run(describe(l), func(t *testing.T) {
			t.Parallel()
			d, p := ksTest(draw(l, nKS, uint64(700+i)), l.CDF)
			t.Logf("D = %.5f, √n·D = %.3f, p = %.3f", d, math.Sqrt(nKS)*d, p)
			if p < ksAlpha {
				t.Errorf("KS rejects the sampler: D = %.5f, p = %.3g < %v", d, p, ksAlpha)
			}
		})
	}
}

// zigTailSample returns W = |Z|/c for the draws of the symmetric Pareto
// law with tail index alpha that exceed the ziggurat's base edge 1 + r:
// all of them come from the tail fallback (layer 0 accepts only y < r).
func zigTailSample(alpha float64, n int, seed uint64) (ws []float64, edge float64) {
	l := must(NewPareto(alpha, 1, 0.5))
	edge = l.zig.onePlusR
	r := rng.New(seed, 3)
	for range n {
		if w := math.Abs(l.Sample(r)); w > edge {
			ws = append(ws, w)
		}
	}
	return ws, edge
}

// TestZigguratTailFallback checks the rare tail path of the ziggurat, which
// the KS tests over the whole law barely reach: given W > 1 + r the exact
// law is P(W > w | W > 1 + r) = (w/(1 + r))^{−α}, so
// V = (W/(1 + r))^{−α} must be uniform on (0, 1). For α = 1.2 (r = 191.6)
// a fraction (1 + r)^{−1.2} = 1.8·10^{−3} of 4·10^6 draws, about 7000,
// lands there. KS at false-alarm rate ksAlpha = 0.001.
//
// Companion: the same tail sample against the wrong index α' = 1.4, under
// which V' = V^{1.4/1.2} has CDF v^{1.2/1.4}; max_v |v^{6/7} − v| = 0.057
// (at v = (6/7)^7 = 0.34), so √n·D ≈ 84·0.057 ≈ 4.8 and p ≈ 10^{−20}.
func TestZigguratTailFallback(t *testing.T) {
	const alpha = 1.2
	ws, edge := zigTailSample(alpha, 4_000_000, 1)
	vs := func(a float64) []float64 {
		v := make([]float64, len(ws))
		for i, w := range ws {
			v[i] = math.Pow(w/edge, -a)
		}
		return v
	}
	uniform := func(x float64) float64 { return min(1, max(0, x)) }
	d, p := ksTest(vs(alpha), uniform)
	t.Logf("tail sample n = %d beyond 1 + r = %.4g: D = %.5f, p = %.3f", len(ws), edge, d, p)
	if len(ws) < 5000 {
		t.Fatalf("only %d draws beyond 1 + r, expected about 7000", len(ws))
	}
	if p < ksAlpha {
		t.Errorf("tail law rejected: D = %.5f, p = %.3g < %v", d, p, ksAlpha)
	}
	if d, p := ksTest(vs(1.4), uniform); p >= ksAlpha {
		t.Errorf("companion: tail index 1.4 not rejected: D = %.5f, p = %.3g", d, p)
	}
}

// TestLomaxZigCache checks that laws with the same α share one table and
// that the table does not depend on how the law was built.
func TestLomaxZigCache(t *testing.T) {
	a, b := must(NewPareto(1.37, 1, 0.5)), must(NewLomax(1.37, 2, 0.3))
	if a.zig != b.zig {
		t.Error("Pareto and Lomax with the same α do not share the ziggurat")
	}
	if fresh := newLomaxZig(1.37); *fresh != *a.zig {
		t.Error("the cached table differs from a fresh one")
	}
}
