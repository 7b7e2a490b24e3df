package estimators

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestPoissonCIKnownValues(t *testing.T) {
	// 95% Garwood limits. n = 0: hi = χ²_2(0.975)/2 = −log 0.025.
	// n = 1: lo = χ²_2(0.025)/2 = −log 0.975, hi = χ²_4(0.975)/2 = 5.571643.
	// n = 10: (4.795389, 18.390356). The last two from published tables
	// (e.g. Garwood 1936, Ulm 1990).
	tests := []struct {
		n      int
		lo, hi float64
	}{
		{0, 0, -math.Log(0.025)},
		{1, -math.Log(0.975), 5.571643},
		{10, 4.795389, 18.390356},
	}
	for _, tc := range tests {
		lo, hi := PoissonCI(tc.n, 0.95)
		if !near(lo, tc.lo, 1e-6) || !near(hi, tc.hi, 1e-6) {
			t.Errorf("PoissonCI(%d) = [%v, %v], want [%v, %v]", tc.n, lo, hi, tc.lo, tc.hi)
		}
	}
	r, lo, hi := RateCI(10, 4, 0.95)
	if r != 2.5 || !near(lo, 4.795389/4, 1e-6) || !near(hi, 18.390356/4, 1e-6) {
		t.Errorf("RateCI(10, 4) = %v [%v, %v]", r, lo, hi)
	}
}

func TestPoissonCIBadInput(t *testing.T) {
	for _, tc := range []struct {
		n        int
		exposure float64
		level    float64
	}{{-1, 1, 0.9}, {1, 0, 0.9}, {1, math.Inf(1), 0.9}, {1, 1, 1}, {1, 1, math.NaN()}} {
		if r, lo, hi := RateCI(tc.n, tc.exposure, tc.level); !math.IsNaN(r) || !math.IsNaN(lo) || !math.IsNaN(hi) {
			t.Errorf("RateCI(%d, %v, %v) = %v [%v, %v], want NaN", tc.n, tc.exposure, tc.level, r, lo, hi)
		}
	}
	if lo, hi := PoissonCI(-1, 0.9); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("PoissonCI(-1) = [%v, %v], want NaN", lo, hi)
	}
}

// poissonTails computes exactly, by summing the Poisson(mu) pmf, the
// probabilities that ci(N) lies above mu and below mu.
func poissonTails(mu float64, ci func(int) (float64, float64)) (above, below float64) {
	p := distuv.Poisson{Lambda: mu}
	for n := 0; n < int(mu+40*math.Sqrt(mu)+40); n++ {
		lo, hi := ci(n)
		if lo > mu {
			above += p.Prob(float64(n))
		}
		if hi < mu {
			below += p.Prob(float64(n))
		}
	}
	return above, below
}

// checkPoissonCoverage is an exact check (no sampling, no false alarms):
// for every μ on a grid from 0.05 to 100, each tail probability of the
// interval is at most a/2 (up to 1e-9 of rounding).
func checkPoissonCoverage(level float64, ci func(int) (float64, float64)) error {
	a2 := (1 - level) / 2
	lo, hi := make(map[int]float64), make(map[int]float64)
	memo := func(n int) (float64, float64) {
		if _, ok := lo[n]; !ok {
			lo[n], hi[n] = ci(n)
		}
		return lo[n], hi[n]
	}
	for mu := 0.05; mu < 100; mu *= 1.03 {
		above, below := poissonTails(mu, memo)
		if above > a2+1e-9 || below > a2+1e-9 {
			return fmt.Errorf("μ = %.4f: P(lo > μ) = %.5f, P(hi < μ) = %.5f, each should be ≤ %v", mu, above, below, a2)
		}
	}
	return nil
}

func TestPoissonCIExactCoverage(t *testing.T) {
	for _, level := range []float64{0.9, 0.95, 0.99} {
		if err := checkPoissonCoverage(level, func(n int) (float64, float64) { return PoissonCI(n, level) }); err != nil {
			t.Errorf("level %v: %v", level, err)
		}
	}
}

// TestPoissonCoverageCatchesWaldInterval: the same exact check fails for the
// Wald interval n ± z·√n, which undercovers at small μ.
func TestPoissonCoverageCatchesWaldInterval(t *testing.T) {
	z := distuv.UnitNormal.Quantile(0.975)
	wald := func(n int) (float64, float64) {
		h := z * math.Sqrt(float64(n))
		return float64(n) - h, float64(n) + h
	}
	err := checkPoissonCoverage(0.95, wald)
	t.Log(err)
	if err == nil {
		t.Error("exact coverage check passed for the Wald interval")
	}
}

// rateMisses simulates a two-state Markov chain with rates q12 = 1, q21 = 2
// over the time horizon 30 (about 20 time units in state 1, so N_12 ≈ 20),
// 2000 times, and counts how often RateCI(N_12, T_1) lies above or below
// claimed. The exposure T_1 is random here, as in a trajectory.
func rateMisses(claimed float64) (above, below int) {
	const q12, q21, horizon, reps = 1.0, 2.0, 30.0, 2000
	rng := rand.New(rand.NewPCG(41, 42))
	for range reps {
		var t, t1 float64
		n, state := 0, 1
		for {
			rate := q12
			if state == 2 {
				rate = q21
			}
			h := rng.ExpFloat64() / rate
			if t+h > horizon {
				if state == 1 {
					t1 += horizon - t
				}
				break
			}
			t += h
			if state == 1 {
				t1 += h
				n++
				state = 2
			} else {
				state = 1
			}
		}
		_, lo, hi := RateCI(n, t1, 0.9)
		if lo > claimed {
			above++
		}
		if hi < claimed {
			below++
		}
	}
	return above, below
}

// checkRateMisses: the Garwood interval never undercovers for a fixed
// exposure, so each tail's misses are tested one-sided against
// Binomial(2000, 0.05) at α = 0.001 (≤ 124).
func checkRateMisses(above, below int) error {
	return errors.Join(
		checkAtMost("CI above the rate", above, 2000, 0.05, 0.001),
		checkAtMost("CI below the rate", below, 2000, 0.05, 0.001))
}

func TestRateCICoverageRandomExposure(t *testing.T) {
	above, below := rateMisses(1)
	t.Logf("CI above q: %d, below q: %d of 2000 (≤ 100 each nominal)", above, below)
	if err := checkRateMisses(above, below); err != nil {
		t.Error(err)
	}
	above, below = rateMisses(1.3)
	t.Logf("q off by 30%%: CI above: %d, below: %d of 2000", above, below)
	if checkRateMisses(above, below) == nil {
		t.Error("coverage check passed for a rate 30% off")
	}
}
