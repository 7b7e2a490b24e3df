package theory

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Intervals of the quantities derived from the R^d rates: the stationary
// law π of the limiting chain and the first-order time fractions are
// nonlinear functions of the Monte Carlo estimates q̂_{i,j}, and inherit
// their error. Each interval here is the equal-tailed percentile interval of
// the bootstrap (rdBootstrap: the paths of every minimum set resampled with
// replacement, the statistic recomputed on each of the B resamples θ*_b):
//
//	[θ*_(k), θ*_(B+1−k)],   k = ⌊(B + 1)(1 − level)/2⌋,
//
// θ*_(k) the k-th smallest (Efron & Tibshirani 1993, ch. 13). It accounts
// for the Monte Carlo error of the rates only: not for the bias of the
// first-order heuristic at finite η, nor for the distance to the η → 0
// limit (THEORY.md section 7). A resample on which the statistic does not
// exist (a resampled chain without a unique stationary law: a rate that is
// positive in the estimate but drawn as 0) counts as lying below every
// other resample for the lower end and above for the upper end; an end that
// falls on such resamples is the natural bound of a fraction, 0 or 1 (a
// conservative treatment).

// errNoResamples is returned by the interval methods of an analysis made
// with RdOptions.Resamples < 0.
var errNoResamples = errors.New("resamples: the analysis kept no bootstrap resamples (RdOptions.Resamples < 0)")

// percentileEnds returns the 1-based ranks k and B+1−k of the ends of the
// percentile interval at the level, or an error when B is too small for it.
func percentileEnds(B int, level float64) (lo, hi int, err error) {
	if !(level > 0 && level < 1) {
		return 0, 0, fmt.Errorf("level: must be in (0, 1), got %v", level)
	}
	if B == 0 {
		return 0, 0, errNoResamples
	}
	// The 1e-9 keeps (B+1)(1 − level)/2 = 50 from flooring to 49 when
	// 1 − 0.9 rounds below 0.1.
	k := int(math.Floor(float64(B+1)*(1-level)/2 + 1e-9))
	if k < 1 {
		return 0, 0, fmt.Errorf("level: %v needs at least %d bootstrap resamples, the analysis has %d",
			level, int(math.Ceil(2/(1-level)))-1, B)
	}
	return k, B + 1 - k, nil
}

// percentile returns the ends of the percentile interval of the values v
// (NaN: the statistic does not exist on that resample) with ranks klo and
// khi, in the natural bounds [0, 1]. The undefined resamples rank first for
// the lower end and last for the upper one.
func percentile(v []float64, klo, khi int) (lo, hi float64) {
	good := make([]float64, 0, len(v))
	for _, x := range v {
		if !math.IsNaN(x) {
			good = append(good, x)
		}
	}
	slices.Sort(good)
	bad := len(v) - len(good)
	lo, hi = 0, 1
	if k := klo - bad; k >= 1 {
		lo = good[k-1]
	}
	if khi <= len(good) {
		hi = good[khi-1]
	}
	return lo, hi
}

// bootstrapCI returns entry-wise percentile intervals of a statistic with m
// entries: stat(r, pi, out) fills out from the resampled rates r and the
// resampled stationary laws pi (per class) and reports whether the
// statistic exists there.
func (a *AnalysisRd) bootstrapCI(level float64, m int, stat func(r *Rates, pi [][]float64, out []float64) bool) (lo, hi []float64, err error) {
	B := len(a.bootRates())
	klo, khi, err := percentileEnds(B, level)
	if err != nil {
		return nil, nil, err
	}
	vals := make([][]float64, m)
	for j := range vals {
		vals[j] = make([]float64, B)
	}
	bs := a.boot.get()
	out := make([]float64, m)
	for b := range B {
		clear(out)
		ok := stat(bs.rates[b], bs.pi[b], out)
		for j := range m {
			vals[j][b] = out[j]
			if !ok {
				vals[j][b] = math.NaN()
			}
		}
	}
	lo, hi = make([]float64, m), make([]float64, m)
	for j := range m {
		lo[j], hi[j] = percentile(vals[j], klo, khi)
	}
	return lo, hi, nil
}

// ClassTimeFractionsCI returns the percentile bootstrap intervals, at the
// given level, of the entries of ClassTimeFractions(c, lambda): the first
// order fractions of time in every basin for a start in the absorbing class
// c, or with lambda = 0 the limit (π on the wide minima of c). Entries
// outside c are [0, 0], except when too many resamples have no unique
// stationary law: those resamples count as extremes on both sides, and the
// interval of every entry then widens to [0, 1].
func (a *AnalysisRd) ClassTimeFractionsCI(c int, lambda, level float64) (lo, hi []float64, err error) {
	if err := a.checkClass(c, lambda); err != nil {
		return nil, nil, err
	}
	cl := a.Classes[c]
	return a.bootstrapCI(level, len(a.JumpNumber), func(r *Rates, pi [][]float64, out []float64) bool {
		if pi[c] == nil {
			return false
		}
		fr, err := classTimeFractions(a.JumpNumber, r, cl, pi[c], lambda)
		if err != nil {
			return false
		}
		copy(out, fr)
		return true
	})
}

// ClassTimeFractionTotalCI returns the percentile bootstrap interval of
// Σ_{k ∈ sets} ClassTimeFractions(c, lambda)[k] (for instance the time in
// the sharp basins), computed on the same resamples, so the correlation of
// the terms is kept (the interval of a sum is not the sum of the
// intervals).
func (a *AnalysisRd) ClassTimeFractionTotalCI(c int, lambda, level float64, sets []int) (lo, hi float64, err error) {
	if err := a.checkClass(c, lambda); err != nil {
		return 0, 0, err
	}
	for _, k := range sets {
		if k < 0 || k >= len(a.JumpNumber) {
			return 0, 0, fmt.Errorf("sets: index %d out of range [0, %d)", k, len(a.JumpNumber))
		}
	}
	cl := a.Classes[c]
	l, h, err := a.bootstrapCI(level, 1, func(r *Rates, pi [][]float64, out []float64) bool {
		if pi[c] == nil {
			return false
		}
		fr, err := classTimeFractions(a.JumpNumber, r, cl, pi[c], lambda)
		if err != nil {
			return false
		}
		for _, k := range sets {
			out[0] += fr[k]
		}
		return true
	})
	if err != nil {
		return 0, 0, err
	}
	return l[0], h[0], nil
}

// singleClass returns the index of the only class of an irreducible graph
// whose chain has a stationary law (the case of AnalysisRd.Stationary).
func (a *AnalysisRd) singleClass() (int, error) {
	if len(a.Stationary) == 0 || len(a.Classes) != 1 {
		return 0, errors.New("graph: no single limiting chain (reducible graph or killed chain); use the class methods")
	}
	return 0, nil
}

// StationaryCI returns the percentile bootstrap intervals, at the given
// level, of the stationary law π of the limiting chain (AnalysisRd.
// Stationary, in the order of Wide), propagated from the Monte Carlo error
// of the rates (see rdBootstrap). For a reducible graph use
// ClassTimeFractionsCI(c, 0, level).
func (a *AnalysisRd) StationaryCI(level float64) (lo, hi []float64, err error) {
	c, err := a.singleClass()
	if err != nil {
		return nil, nil, err
	}
	l, h, err := a.ClassTimeFractionsCI(c, 0, level)
	if err != nil {
		return nil, nil, err
	}
	for _, i := range a.Classes[c].Wide {
		lo, hi = append(lo, l[i]), append(hi, h[i])
	}
	return lo, hi, nil
}

// TimeFractionsCI returns the percentile bootstrap intervals, at the given
// level, of TimeFractions(lambda), the first-order fractions of time in
// every basin of an irreducible graph.
func (a *AnalysisRd) TimeFractionsCI(lambda, level float64) (lo, hi []float64, err error) {
	c, err := a.singleClass()
	if err != nil {
		return nil, nil, err
	}
	if !(lambda > 0) {
		return nil, nil, fmt.Errorf("lambda: must be > 0, got %v", lambda)
	}
	return a.ClassTimeFractionsCI(c, lambda, level)
}

// NarrowFractionsCI returns the percentile bootstrap intervals, at the
// given level, of NarrowFractions(lambda): [0, 0] for the wide minima and
// the minima outside absorbing classes are NaN, as in NarrowFractions.
func (a *AnalysisRd) NarrowFractionsCI(lambda, level float64) (lo, hi []float64, err error) {
	if !(lambda > 0) || math.IsInf(lambda, 1) {
		return nil, nil, fmt.Errorf("lambda: must be finite and > 0, got %v", lambda)
	}
	n := len(a.JumpNumber)
	lo, hi = make([]float64, n), make([]float64, n)
	if _, _, err := percentileEnds(len(a.bootRates()), level); err != nil {
		return nil, nil, err
	}
	for c, cl := range a.Classes {
		if !cl.Absorbing {
			for _, k := range cl.Members {
				lo[k], hi[k] = math.NaN(), math.NaN()
			}
			continue
		}
		if len(cl.Narrow) == 0 {
			continue
		}
		l, h, err := a.ClassTimeFractionsCI(c, lambda, level)
		if err != nil {
			return nil, nil, err
		}
		for _, k := range cl.Narrow {
			lo[k], hi[k] = l[k], h[k]
		}
	}
	return lo, hi, nil
}

// bootRates returns the resampled rates, drawn on first use (nil without
// resamples).
func (a *AnalysisRd) bootRates() []*Rates {
	if a.boot == nil {
		return nil
	}
	return a.boot.get().rates
}
