package estimators

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestReplicaMeanKnownValues(t *testing.T) {
	// x = (1, 2, 3, 4): mean 2.5, s² = 5/3, SE = sqrt(5/12), t_3(0.975) =
	// 3.182446 (tables), half-width 2.054222.
	m, lo, hi := ReplicaMean([]float64{1, 2, 3, 4}, 0.95)
	h := 3.182446 * math.Sqrt(5.0/12)
	if m != 2.5 || !near(lo, 2.5-h, 1e-6) || !near(hi, 2.5+h, 1e-6) {
		t.Errorf("ReplicaMean = %v [%v, %v], want 2.5 ± %v", m, lo, hi, h)
	}
	if m, lo, hi := ReplicaMean([]float64{7}, 0.95); m != 7 || !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("one replica: %v [%v, %v], want 7 [NaN, NaN]", m, lo, hi)
	}
	for _, bad := range []struct {
		x     []float64
		level float64
	}{{nil, 0.9}, {[]float64{1, math.NaN()}, 0.9}, {[]float64{1, 2}, 1.5}} {
		if m, lo, hi := ReplicaMean(bad.x, bad.level); !math.IsNaN(m) || !math.IsNaN(lo) || !math.IsNaN(hi) {
			t.Errorf("ReplicaMean(%v, %v) = %v [%v, %v], want NaN", bad.x, bad.level, m, lo, hi)
		}
	}
}

// replicaMisses draws 2000 sets of n replicas from draw and counts CIs that
// miss claimed at level 0.9.
func replicaMisses(n int, draw func(*rand.Rand) float64, claimed float64, seed uint64) int {
	rng := rand.New(rand.NewPCG(seed, 51))
	x := make([]float64, n)
	misses := 0
	for range 2000 {
		for i := range x {
			x[i] = draw(rng)
		}
		_, lo, hi := ReplicaMean(x, 0.9)
		if claimed < lo || claimed > hi {
			misses++
		}
	}
	return misses
}

// TestReplicaMeanCoverage: misses are Binomial(2000, 0.1), two-sided check
// at α = 0.001 ([160, 242]). Gaussian replicas (n = 5): the t interval is
// exact. Time-fraction-like replicas Beta(2, 18) (mean 0.1, skewness 1.2;
// n = 20): approximate, the measured coverage is logged. The companion
// claims a fraction 20% off (0.12) and must fail.
func TestReplicaMeanCoverage(t *testing.T) {
	beta := distuv.Beta{Alpha: 2, Beta: 18}
	betaDraw := func(r *rand.Rand) float64 { beta.Src = r; return beta.Rand() }
	tests := []struct {
		name  string
		n     int
		draw  func(*rand.Rand) float64
		truth float64
		wrong bool
	}{
		{"gaussian n=5", 5, func(r *rand.Rand) float64 { return 3 + 2*r.NormFloat64() }, 3, false},
		{"beta(2,18) n=20", 20, betaDraw, 0.1, false},
		{"beta(2,18) n=20, claim 0.12", 20, betaDraw, 0.12, true},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := replicaMisses(tc.n, tc.draw, tc.truth, uint64(i%2))
			t.Logf("misses %d of 2000 (nominal 200)", m)
			err := checkTwoSided("misses", m, 2000, 0.1, 0.001)
			if !tc.wrong && err != nil {
				t.Error(err)
			}
			if tc.wrong && err == nil {
				t.Error("coverage check passed for a wrong mean")
			}
		})
	}
}

func TestProportionCIKnownValues(t *testing.T) {
	// 95% Clopper–Pearson. k = 0: hi = 1 − 0.025^{1/n}; k = n: lo = 0.025^{1/n}
	// (the Beta(1, n) and Beta(n, 1) quantiles in closed form);
	// k = 5, n = 10: (0.187086, 0.812914) from tables.
	tests := []struct {
		k, n      int
		p, lo, hi float64
	}{
		{0, 10, 0, 0, 1 - math.Pow(0.025, 0.1)},
		{10, 10, 1, math.Pow(0.025, 0.1), 1},
		{5, 10, 0.5, 0.187086, 0.812914},
	}
	for _, tc := range tests {
		p, lo, hi := ProportionCI(tc.k, tc.n, 0.95)
		if p != tc.p || !near(lo, tc.lo, 1e-6) || !near(hi, tc.hi, 1e-6) {
			t.Errorf("ProportionCI(%d, %d) = %v [%v, %v], want %v [%v, %v]", tc.k, tc.n, p, lo, hi, tc.p, tc.lo, tc.hi)
		}
	}
	for _, bad := range [][2]int{{-1, 5}, {6, 5}, {0, 0}} {
		if p, _, _ := ProportionCI(bad[0], bad[1], 0.95); !math.IsNaN(p) {
			t.Errorf("ProportionCI(%d, %d) = %v, want NaN", bad[0], bad[1], p)
		}
	}
}

// checkBinomialCoverage is exact (no sampling, no false alarms): for every p
// on a grid and n in {10, 57, 400}, each tail probability of the interval,
// summed over the Binomial(n, p) pmf, is at most a/2 (+1e-9 rounding).
func checkBinomialCoverage(level float64, ci func(k, n int) (float64, float64)) error {
	a2 := (1 - level) / 2
	for _, n := range []int{10, 57, 400} {
		lo, hi := make([]float64, n+1), make([]float64, n+1)
		for k := range lo {
			lo[k], hi[k] = ci(k, n)
		}
		for p := 0.001; p < 1; p += 0.00731 {
			b := distuv.Binomial{N: float64(n), P: p}
			var above, below float64
			for k := 0; k <= n; k++ {
				if lo[k] > p {
					above += b.Prob(float64(k))
				}
				if hi[k] < p {
					below += b.Prob(float64(k))
				}
			}
			if above > a2+1e-9 || below > a2+1e-9 {
				return fmt.Errorf("n = %d, p = %.4f: P(lo > p) = %.5f, P(hi < p) = %.5f, each should be ≤ %v", n, p, above, below, a2)
			}
		}
	}
	return nil
}

func TestProportionCIExactCoverage(t *testing.T) {
	ci := func(k, n int) (float64, float64) { _, lo, hi := ProportionCI(k, n, 0.95); return lo, hi }
	if err := checkBinomialCoverage(0.95, ci); err != nil {
		t.Error(err)
	}
	// Companion: the Wald interval p̂ ± z sqrt(p̂(1−p̂)/n) fails the check.
	z := distuv.UnitNormal.Quantile(0.975)
	wald := func(k, n int) (float64, float64) {
		p := float64(k) / float64(n)
		h := z * math.Sqrt(p*(1-p)/float64(n))
		return p - h, p + h
	}
	err := checkBinomialCoverage(0.95, wald)
	t.Log(err)
	if err == nil {
		t.Error("exact coverage check passed for the Wald interval")
	}
}
