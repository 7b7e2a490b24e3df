package rng

import (
	"cmp"
	"math"
	"slices"
	"testing"
)

// ksN is the sample size of the KS tests: 10^6, and 5·10^5 under the race
// detector (where a test takes ≈ 1.3 s per 10^6). The α = 0.001 critical
// value of D is ≈ 1.949/√n: 0.00195 for 10^6, 0.00276 for 5·10^5.
var ksN = map[bool]int{false: 1_000_000, true: 500_000}[raceEnabled]

// TestKS draws ksN variates from each method with a fixed seed and checks
// the KS p-value against the exact law (must be > α = 0.001) and against a
// deliberately wrong law (must be < α, showing the check has the power to
// see a 2% error). The wrong laws and their KS distance from the right one:
//
//   - U(0, 1.01) vs U(0, 1): D = sup_x x(1 − 1/1.01) = 0.0099 (at x = 1);
//   - Exp(1.02) vs Exp(1): D = sup_x (e^{−x} − e^{−1.02x}) = 0.0073, at
//     x = ln(1.02)/0.02 = 0.990;
//   - N(0, 1.02²) vs N(0, 1): D = sup_x Φ(x) − Φ(x/1.02) ≈ φ(1)·(1 − 1/1.02)
//     = 0.0047, at x ≈ 1;
//
// each ≥ 1.7 times the critical value at n = 5·10^5.
func TestKS(t *testing.T) {
	tests := []struct {
		name         string
		draw         func(*Rand) float64
		cdf, wrong   func(float64) float64
		wrongName    string
		seed1, seed2 uint64
	}{
		{"Float64", (*Rand).Float64, uniformCDF(1), uniformCDF(1.01), "U(0,1.01)", 1, 1},
		{"Float64Open", (*Rand).Float64Open, uniformCDF(1), uniformCDF(1.01), "U(0,1.01)", 2, 1},
		{"Float64Open53", (*Rand).Float64Open53, uniformCDF(1), uniformCDF(1.01), "U(0,1.01)", 5, 1},
		{"ExpFloat64", (*Rand).ExpFloat64, expCDF(1), expCDF(1.02), "Exp(1.02)", 3, 1},
		{"NormFloat64", (*Rand).NormFloat64, normCDF(1), normCDF(1.02), "N(0,1.02²)", 4, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(tt.seed1, tt.seed2)
			xs := make([]float64, ksN)
			for i := range xs {
				xs[i] = tt.draw(r)
			}
			d, p := ksTest(xs, tt.cdf)
			t.Logf("n = %d: D = %.5f, p = %.4f", ksN, d, p)
			if p < alpha {
				t.Errorf("KS rejects the exact law: D = %.5f, p = %.2g < %g", d, p, alpha)
			}
			dw, pw := ksTest(xs, tt.wrong)
			t.Logf("against %s: D = %.5f, p = %.2g", tt.wrongName, dw, pw)
			if pw >= alpha {
				t.Errorf("KS fails to reject the wrong law %s: D = %.5f, p = %.2g", tt.wrongName, dw, pw)
			}
		})
	}
}

// slowCDF returns the law of the slow-path output, given that the first word
// missed the fast path, for a ziggurat z whose full law has CDF F (on |X|
// for the normal). The fast path outputs x = u·x[i]/2^53 for u < k[i], so
// with c_i = k[i]/2^53 and b_i = c_i·x[i] (≈ x[i+1]),
//
//	G(x) = P(fast, X ≤ x) = Σ_i (1/256)·min(c_i, x/x[i])
//	     = (1/256)·(Σ_{b_i ≤ x} c_i + x·Σ_{b_i > x} 1/x[i]),   P = G(∞),
//
// and F = G + (1 − P)·S gives S(x) = (F(x) − G(x))/(1 − P). The second form
// is evaluated with the b_i sorted and prefix sums, O(log 256) per point.
func slowCDF(z *zigTable, full func(float64) float64) func(float64) float64 {
	type brk struct{ b, c, inv float64 }
	bs := make([]brk, zigLayers)
	for i := range bs {
		c := float64(z.k[i]) / (1 << 53)
		bs[i] = brk{c * z.x[i], c, 1 / z.x[i]}
	}
	slices.SortFunc(bs, func(a, b brk) int { return cmp.Compare(a.b, b.b) })
	// cum[m] = Σ_{i<m} c_i, tail[m] = Σ_{i≥m} 1/x[i] over the sorted order.
	cum := make([]float64, zigLayers+1)
	tail := make([]float64, zigLayers+1)
	for m := range bs {
		cum[m+1] = cum[m] + bs[m].c
	}
	for m := zigLayers - 1; m >= 0; m-- {
		tail[m] = tail[m+1] + bs[m].inv
	}
	p := cum[zigLayers] / zigLayers
	return func(x float64) float64 {
		m, _ := slices.BinarySearchFunc(bs, x, func(e brk, x float64) int {
			if e.b <= x {
				return -1
			}
			return 1
		}) // m = #{i : b_i ≤ x}
		g := (cum[m] + x*tail[m]) / zigLayers
		return (full(x) - g) / (1 - p)
	}
}

// TestKSSlowPath tests the slow paths on their own, where the full-law KS
// test has little power (they make 2.2% and 1.5% of the draws): 10^5 outputs
// of ExpSlow (NormSlow, in absolute value) for words that missed the fast
// path, against the conditional law S of slowCDF. α = 0.001; the companion
// check shows the test rejects the unconditional law (Exp(1), half-normal),
// from which the slow-path law differs grossly (it lives on the wedges and
// the tail).
func TestKSSlowPath(t *testing.T) {
	const n = 100_000
	halfNormal := func(x float64) float64 { return math.Erf(x / math.Sqrt2) }
	tests := []struct {
		name  string
		draw  func(r *Rand) (float64, bool)
		z     *zigTable
		full  func(float64) float64
		seed1 uint64
	}{
		{"ExpSlow", func(r *Rand) (float64, bool) {
			j := r.Uint64()
			if _, ok := ExpFast(j); ok {
				return 0, false
			}
			return r.ExpSlow(j), true
		}, expZig, expCDF(1), 5},
		{"NormSlow", func(r *Rand) (float64, bool) {
			j := r.Uint64()
			if _, ok := NormFast(j); ok {
				return 0, false
			}
			return math.Abs(r.NormSlow(j)), true
		}, normZig, halfNormal, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(tt.seed1, 2)
			xs := make([]float64, 0, n)
			for len(xs) < n {
				if x, ok := tt.draw(r); ok {
					xs = append(xs, x)
				}
			}
			d, p := ksTest(xs, slowCDF(tt.z, tt.full))
			t.Logf("n = %d: D = %.5f, p = %.4f", n, d, p)
			if p < alpha {
				t.Errorf("KS rejects the slow-path law: D = %.5f, p = %.2g < %g", d, p, alpha)
			}
			dw, pw := ksTest(xs, tt.full)
			t.Logf("against the unconditional law: D = %.4f, p = %.2g", dw, pw)
			if pw >= alpha {
				t.Errorf("KS fails to reject the unconditional law: D = %.5f, p = %.2g", dw, pw)
			}
		})
	}
}

func TestKolmogorovQ(t *testing.T) {
	// Reference values of the Kolmogorov survival function: the classical
	// critical values λ with Q(λ) = 0.10, 0.05, 0.01, 0.001 (e.g. Smirnov
	// 1948; Numerical Recipes §14.3.3) are 1.2238, 1.3581, 1.6276, 1.9495;
	// Q(0.5) = 0.963945 and Q(1) = 0.269999 from the series.
	tests := []struct{ lambda, q, tol float64 }{
		{0.5, 0.963945, 1e-6},
		{1, 0.269999, 1e-6},
		{1.2238, 0.10, 1e-4},
		{1.3581, 0.05, 1e-4},
		{1.6276, 0.01, 1e-5},
		{1.9495, 0.001, 1e-6},
	}
	for _, tt := range tests {
		if got := kolmogorovQ(tt.lambda); math.Abs(got-tt.q) > tt.tol {
			t.Errorf("Q(%g) = %.7f, want %g", tt.lambda, got, tt.q)
		}
	}
	// The two series agree where they meet.
	lo := 1 - 1e-12
	if a, b := kolmogorovQ(lo), kolmogorovQ(1); math.Abs(a-b) > 1e-9 {
		t.Errorf("Q just below 1 = %.12f, at 1 = %.12f", a, b)
	}
}
