package estimators

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// ShapeTest is the result of ExpShapeTest: a Lilliefors-type test that a
// sample is exponential with an unknown mean (docs/theory.md §12.2: "a
// Kolmogorov–Smirnov test of shape, calibrated by simulation when the mean is
// estimated").
type ShapeTest struct {
	// Statistic is the Kolmogorov–Smirnov distance, over [0, Cap], between
	// the empirical CDF of the sample and the CDF of Exp(Mean).
	Statistic float64
	// PValue is the parametric-bootstrap p-value (1 + #{D* ≥ D})/(1 + NSim).
	// Its resolution is 1/(1 + NSim).
	PValue float64
	N      int     // sample size n (exits + censored)
	Exits  int     // d, uncensored samples
	NSim   int     // bootstrap samples
	Mean   float64 // censored MLE θ̂ = T/d used for the fitted CDF
	Cap    float64 // common censoring cap; +Inf when no sample is censored
}

// ExpShapeTest tests H0: the exit times are iid exponential with an unknown
// mean, possibly type-I censored at a common cap.
//
// Statistic. With θ̂ = T/d the censored MLE (see ExpMean) and
// F̂(t) = 1 − exp(−t/θ̂), the statistic is
//
//	D = sup_{0 ≤ t ≤ c} | F_n(t) − F̂(t) |,   F_n(t) = #{exits ≤ t}/n,
//
// where c is the cap. Below the cap the empirical CDF is exact even with
// censoring (a censored sample is known to be > c), so no Kaplan–Meier step is
// needed. With sorted exits x_(1) ≤ … ≤ x_(d) the supremum is attained at a
// jump or at c:
//
//	D = max( max_i { i/n − F̂(x_(i)),  F̂(x_(i)) − (i−1)/n },  |d/n − F̂(c)| ),
//
// the last term only when c < ∞.
//
// Null distribution. Because θ is estimated, the Kolmogorov distribution does
// not apply (it would make the test far too conservative; Lilliefors 1969).
// D is scale invariant, so under H0 its law depends only on n and on
// P(τ > c) = exp(−c/θ). The p-value is a parametric bootstrap: nsim samples of
// size n from Exp(θ̂) censored at c, each with θ re-estimated by the censored
// MLE and D recomputed; p = (1 + #{D* ≥ D})/(1 + nsim). A bootstrap sample
// with no exit has D* = 0 (both CDFs vanish on [0, c]). The result is
// deterministic given seed. Use nsim ≥ 99 for a p-value at the 1% scale
// (999 for reporting); the cost is nsim·n exponential draws and sorts.
//
// The cap is read from the data: every censored sample must carry the same
// time c, and no exit may exceed it. A run with a cap that no sample reached
// is tested as uncensored (the difference is of order P(τ > c) ≲ 1/n).
// The test assumes continuous times; integer step counts are fine when the
// mean is many steps (ties then have negligible effect).
//
// Errors name the parameter: times with fewer than 2 entries or a negative or
// non-finite entry; censored of the wrong length, with unequal caps, with an
// exit above the cap, or with no exit at all; nsim < 1.
func ExpShapeTest(times []float64, censored []bool, nsim int, seed uint64) (ShapeTest, error) {
	if len(times) < 2 {
		return ShapeTest{}, fmt.Errorf("times: need at least 2 samples, got %d", len(times))
	}
	if censored != nil && len(censored) != len(times) {
		return ShapeTest{}, fmt.Errorf("censored: length %d, want %d (the length of times)", len(censored), len(times))
	}
	if nsim < 1 {
		return ShapeTest{}, fmt.Errorf("nsim: must be >= 1, got %d", nsim)
	}
	n := len(times)
	exits := make([]float64, 0, n)
	capT := math.Inf(1)
	var total float64
	for i, t := range times {
		if !finiteNonNeg(t) {
			return ShapeTest{}, fmt.Errorf("times[%d]: must be finite and >= 0, got %v", i, t)
		}
		total += t
		if censored != nil && censored[i] {
			if !math.IsInf(capT, 1) && t != capT {
				return ShapeTest{}, fmt.Errorf("censored: shape test needs a common cap, got caps %v and %v", capT, t)
			}
			capT = t
			continue
		}
		exits = append(exits, t)
	}
	if len(exits) == 0 {
		return ShapeTest{}, fmt.Errorf("censored: every sample is censored, the shape is untestable")
	}
	slices.Sort(exits)
	if last := exits[len(exits)-1]; last > capT {
		return ShapeTest{}, fmt.Errorf("times: exit time %v exceeds the censoring cap %v", last, capT)
	}
	mean := total / float64(len(exits))
	if mean == 0 {
		return ShapeTest{}, fmt.Errorf("times: all zero, the mean is 0")
	}
	d := ksExpCensored(exits, n, capT, mean)

	// Bootstrap on the unit scale: simulate Exp(1) censored at c/θ̂; D is
	// scale invariant, so this is the same as simulating Exp(θ̂) at cap c.
	rng := rand.New(rand.NewPCG(seed, 0x5eed5ba9e7e57))
	capU := capT / mean
	buf := make([]float64, 0, n)
	ge := 0
	for range nsim {
		buf = buf[:0]
		var tot float64
		for range n {
			x := rng.ExpFloat64()
			if x > capU {
				tot += capU
				continue
			}
			tot += x
			buf = append(buf, x)
		}
		var ds float64
		if len(buf) > 0 {
			slices.Sort(buf)
			ds = ksExpCensored(buf, n, capU, tot/float64(len(buf)))
		}
		if ds >= d {
			ge++
		}
	}
	return ShapeTest{
		Statistic: d,
		PValue:    float64(1+ge) / float64(1+nsim),
		N:         n,
		Exits:     len(exits),
		NSim:      nsim,
		Mean:      mean,
		Cap:       capT,
	}, nil
}

// ksExpCensored is the statistic D of ExpShapeTest for sorted exits out of n
// samples, censoring cap capT (+Inf for none) and fitted mean.
func ksExpCensored(sorted []float64, n int, capT, mean float64) float64 {
	nf := float64(n)
	var d float64
	for i, x := range sorted {
		f := -math.Expm1(-x / mean)
		d = max(d, float64(i+1)/nf-f, f-float64(i)/nf)
	}
	if !math.IsInf(capT, 1) {
		d = max(d, math.Abs(float64(len(sorted))/nf+math.Expm1(-capT/mean)))
	}
	return d
}
