package estimators

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// ExpMean is the estimate of the mean θ of an exponential law from n samples,
// some of which may be type-I censored: a censored sample was stopped at its
// cap (a step budget) before it exited, so all we know is τ > cap
// (docs/theory.md §12.1: censored runs are handled as censored data, never
// dropped).
//
// With d exits and total time on test T = Σ exit times + Σ caps of the
// censored samples, the log-likelihood is −d·log θ − T/θ, so
//
//	θ̂ = T/d                                                   (MLE)
//
// The confidence interval at level 1 − a is
//
//	complete sample (no censoring):  2T/θ ~ χ²_{2n} exactly, so
//	    [ 2T/χ²_{2n}(1−a/2),  2T/χ²_{2n}(a/2) ]                 (exact)
//	censored sample:  the time-truncated (Poisson-process) interval
//	    [ 2T/χ²_{2d+2}(1−a/2),  2T/χ²_{2d}(a/2) ]
//
// where χ²_k(p) is the p-quantile of the chi-square law with k degrees of
// freedom. The second form is the standard interval for exposure-limited
// life tests: concatenating the samples' times, the exits form a Poisson
// process of rate 1/θ observed for a total time T, and the interval is the
// Garwood interval for its rate, inverted. It is exact when T is fixed in
// advance and conservative when d is; under type-I censoring (T random,
// stopped when the last sample exits or hits its cap) it is not exact, and the
// package tests measure its coverage by simulation (see
// TestExpMeanCoverage). Its upper end is the same in both forms (d = n
// without censoring); its lower end is lower with censoring.
//
// No exits (d = 0, every sample censored): the data bound θ only from below.
// Then Mean is NaN (the MLE does not exist), High is +Inf, and Low is the
// one-sided bound 2T/χ²_2(1−a/2) = T/log(2/a). Callers writing JSON should map
// NaN and +Inf to null.
type ExpMean struct {
	Samples  int     // n = Exits + Censored
	Exits    int     // d, samples that ended in an exit
	Censored int     // n − d, samples stopped at their cap without exiting
	Total    float64 // T, exit times plus the caps of censored samples
	Mean     float64 // θ̂ = T/d; NaN when d = 0
	Low      float64 // lower confidence bound for θ
	High     float64 // upper confidence bound for θ; +Inf when d = 0
	Level    float64 // confidence level 1 − a of [Low, High]
}

// NewExpMean estimates an exponential mean from samples times, where
// censored[i] reports that times[i] is a cap reached without an exit (nil
// censored means no sample is censored). See ExpMean for the estimator, its
// CI and the representation of "no exits".
//
// Errors name the offending parameter: times empty or with a negative,
// infinite or NaN entry; censored of the wrong length; level outside (0, 1).
func NewExpMean(times []float64, censored []bool, level float64) (ExpMean, error) {
	if len(times) == 0 {
		return ExpMean{}, fmt.Errorf("times: empty, need at least one sample")
	}
	if censored != nil && len(censored) != len(times) {
		return ExpMean{}, fmt.Errorf("censored: length %d, want %d (the length of times)", len(censored), len(times))
	}
	var total float64
	var exits, cens int
	for i, t := range times {
		if !finiteNonNeg(t) {
			return ExpMean{}, fmt.Errorf("times[%d]: must be finite and >= 0, got %v", i, t)
		}
		total += t
		if censored != nil && censored[i] {
			cens++
		} else {
			exits++
		}
	}
	return ExpMeanFromTotals(total, exits, cens, level)
}

// ExpMeanFromTotals is NewExpMean from the sufficient statistics: the total
// time on test T (censored samples counted to their cap), the number of exits
// d and the number of censored samples. It allows merging shards: totals and
// counts add.
//
// Errors: total negative or not finite, or 0 while exits > 0; exits or
// censored negative; no samples at all; level outside (0, 1).
func ExpMeanFromTotals(total float64, exits, censored int, level float64) (ExpMean, error) {
	switch {
	case !finiteNonNeg(total):
		return ExpMean{}, fmt.Errorf("total: must be finite and >= 0, got %v", total)
	case exits < 0:
		return ExpMean{}, fmt.Errorf("exits: must be >= 0, got %d", exits)
	case censored < 0:
		return ExpMean{}, fmt.Errorf("censored: must be >= 0, got %d", censored)
	case exits+censored == 0:
		return ExpMean{}, fmt.Errorf("exits: no samples (exits + censored = 0)")
	case exits > 0 && total == 0:
		return ExpMean{}, fmt.Errorf("total: must be > 0 when exits > 0, got 0")
	}
	if err := checkLevel("level", level); err != nil {
		return ExpMean{}, err
	}
	e := ExpMean{
		Samples:  exits + censored,
		Exits:    exits,
		Censored: censored,
		Total:    total,
		Level:    level,
	}
	a := 1 - level
	d := float64(exits)
	switch {
	case exits == 0:
		// Only the lower bound exists: P(no exit) = exp(−T/θ) ≤ a/2 at the
		// bound, i.e. the χ²_2 form of the censored interval.
		e.Mean = math.NaN()
		e.Low = 2 * total / chi2Quantile(2, 1-a/2)
		e.High = math.Inf(1)
	case censored == 0:
		// Complete sample: 2T/θ ~ χ²_{2n} (sum of n Exp(1) is Gamma(n, 1)).
		e.Mean = total / d
		e.Low = 2 * total / chi2Quantile(2*d, 1-a/2)
		e.High = 2 * total / chi2Quantile(2*d, a/2)
	default:
		e.Mean = total / d
		e.Low = 2 * total / chi2Quantile(2*d+2, 1-a/2)
		e.High = 2 * total / chi2Quantile(2*d, a/2)
	}
	return e, nil
}

// Contains reports whether θ lies in the closed interval [Low, High].
func (e ExpMean) Contains(theta float64) bool {
	return e.Low <= theta && theta <= e.High
}

// chi2Quantile is the p-quantile of the chi-square law with k degrees of
// freedom, k > 0.
func chi2Quantile(k, p float64) float64 {
	return distuv.ChiSquared{K: k}.Quantile(p)
}
