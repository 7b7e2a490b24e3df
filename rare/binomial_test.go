package rare

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/rng"
)

// binomPMF returns P(N = j) for N ~ Binomial(n, h) by log-gamma.
func binomPMF(n int64, h float64, j int64) float64 {
	lg := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
	return math.Exp(lg(float64(n+1)) - lg(float64(j+1)) - lg(float64(n-j+1)) +
		float64(j)*math.Log(h) + float64(n-j)*math.Log1p(-h))
}

// TestBinomTail compares binomTail and condBinomial.Tail with the direct sum
// Σ_{j≥k} P(N = j), to 1e-10 relative, from P(B) ~ 1e-15 to ~1.
func TestBinomTail(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		h, _ float64
		k    int64
	}{
		{100, 1e-6, 3, 0}, {200, 3e-3, 3, 0}, {20000, 2e-6, 3, 0}, {1000, 1e-3, 2, 0},
		{50, 0.3, 2, 0}, {1000, 0.05, 3, 0}, {1000, 0.05, 80, 0}, {10, 0.5, 10, 0},
	} {
		var sum float64
		for j := tc.n; j >= tc.k; j-- { // small terms first
			sum += binomPMF(tc.n, tc.h, j)
		}
		if got := binomTail(tc.n, tc.h, tc.k); math.Abs(got-sum) > 1e-10*sum {
			t.Errorf("binomTail(%d, %g, %d) = %.15g, direct sum %.15g", tc.n, tc.h, tc.k, got, sum)
		}
		if got := newCondBinomial(tc.n, tc.h, tc.k).Tail(); math.Abs(got-sum) > 1e-10*sum {
			t.Errorf("condBinomial(%d, %g, %d).Tail = %.15g, direct sum %.15g", tc.n, tc.h, tc.k, got, sum)
		}
	}
	if binomTail(10, 0.1, 0) != 1 || binomTail(10, 0.1, 11) != 0 {
		t.Error("binomTail edge cases")
	}
}

// condBinomialG draws from c and returns the G statistic and p-value of
// the counts against the exact pmf of Binomial(want.n, want.h) given
// N ≥ want.k: cells j = k, k+1, … and a last cell for the rest, merged so
// that every expected count is ≥ 5.
func condBinomialG(t *testing.T, c, want condBinomial, r *rng.Rand, draws int) (g, p float64) {
	t.Helper()
	tail := binomTail(want.n, want.h, want.k)
	var probs []float64
	j := want.k
	for {
		pj := binomPMF(want.n, want.h, j) / tail
		rest := binomTail(want.n, want.h, j+1) / tail
		if pj*float64(draws) < 5 || rest*float64(draws) < 5 {
			probs = append(probs, pj+rest)
			break
		}
		probs = append(probs, pj)
		j++
	}
	counts := make([]float64, len(probs))
	for range draws {
		v := c.Sample(r)
		if v < c.k || v > c.n {
			t.Fatalf("draw %d outside [%d, %d]", v, c.k, c.n)
		}
		cell := min(max(int(v-want.k), 0), len(probs)-1)
		counts[cell]++
	}
	for i, o := range counts {
		if o > 0 {
			g += 2 * o * math.Log(o/(probs[i]*float64(draws)))
		}
	}
	df := float64(len(probs) - 1)
	if df < 1 {
		return g, 1
	}
	return g, distuv.ChiSquared{K: df}.Survival(g)
}

// TestCondBinomial checks the conditional binomial sampler in both of its
// modes (upward search when n·h ≤ k + 10, bisection otherwise) by G-tests
// against the exact conditional pmf at false-alarm rate α = 0.001.
func TestCondBinomial(t *testing.T) {
	for i, tc := range []struct {
		n   int64
		h   float64
		k   int64
		seq bool
	}{
		{100, 1e-3, 3, true},    // the sampler's regime: n·h = 0.1
		{20000, 5e-5, 2, true},  // n·h = 1
		{1000, 0.01, 3, true},   // n·h = 10 ≤ k + 10
		{1000, 0.05, 3, false},  // n·h = 50: bisection
		{5000, 0.02, 120, true}, // k above the mean
	} {
		c := newCondBinomial(tc.n, tc.h, tc.k)
		if c.seq != tc.seq {
			t.Errorf("case %d: seq = %v, want %v", i, c.seq, tc.seq)
		}
		g, p := condBinomialG(t, c, c, rng.New(uint64(i), 11), 20000)
		if p < 0.001 {
			t.Errorf("case %d (n=%d h=%g k=%d): G = %.1f, p = %.2g < 0.001", i, tc.n, tc.h, tc.k, g, p)
		}
	}
}

// TestCondBinomialDetectsWrongLaw is the companion of TestCondBinomial: the
// same G-test (α = 0.001) rejects draws of N | N ≥ 3 made with h 20% too
// large (n·h = 2.4 instead of 2 moves P(N = 3 | N ≥ 3) from 0.558 to 0.486
// in the Poisson approximation; with 20000 draws the SE of that cell is
// 0.0035, a 20σ shift).
func TestCondBinomialDetectsWrongLaw(t *testing.T) {
	right := newCondBinomial(1000, 2e-3, 3)
	wrong := newCondBinomial(1000, 2.4e-3, 3)
	if g, p := condBinomialG(t, wrong, right, rng.New(5, 5), 20000); p >= 0.001 {
		t.Errorf("draws with h 20%% too large passed: G = %.1f, p = %.2g", g, p)
	}
}

// TestPositions checks that positions returns m distinct sorted indices in
// [0, n) and that each index is equally likely: a chi-square test of the
// index counts (n = 20 cells, 5000 draws of m = 3, expected 750 per cell)
// at α = 0.001.
func TestPositions(t *testing.T) {
	const n, m, draws = 20, 3, 5000
	r := rng.New(9, 9)
	counts := make([]float64, n)
	var buf []int64
	for range draws {
		buf = positions(r, n, m, buf)
		if len(buf) != m {
			t.Fatalf("got %d positions, want %d", len(buf), m)
		}
		for i, v := range buf {
			if v < 0 || v >= n || (i > 0 && v <= buf[i-1]) {
				t.Fatalf("positions %v not distinct, sorted and in [0, %d)", buf, n)
			}
			counts[v]++
		}
	}
	e := float64(draws*m) / n
	var chi2 float64
	for _, o := range counts {
		chi2 += (o - e) * (o - e) / e
	}
	if p := (distuv.ChiSquared{K: n - 1}).Survival(chi2); p < 0.001 {
		t.Errorf("index counts %v: χ² = %.1f, p = %.2g", counts, chi2, p)
	}
	if got := positions(r, 5, 5, nil); len(got) != 5 || got[0] != 0 || got[4] != 4 {
		t.Errorf("positions(5, 5) = %v, want [0 1 2 3 4]", got)
	}
}
