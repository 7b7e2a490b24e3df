package theory

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/param"
)

// Intervals of the quantities derived from the Monte Carlo rates: the
// stationary law π of the limiting chain and the first-order time fractions
// are nonlinear functions of the estimates q̂_{i,j}, and inherit their
// error. Each interval here is the equal-tailed percentile interval of the
// bootstrap (bootstrap: the paths of every minimum set resampled with
// replacement, the statistic recomputed on each of the B resamples θ*_b):
//
//	[θ*_(k), θ*_(B+1−k)],   k = ⌊(B + 1)(1 − level)/2⌋,
//
// θ*_(k) the k-th smallest (Efron & Tibshirani 1993, ch. 13). It accounts
// for the Monte Carlo error of the rates only: not for the bias of the
// first-order heuristic at finite η, nor for the distance to the η → 0
// limit (docs/theory.md §11.2). A resample on which the statistic does not
// exist (a resampled chain without a unique stationary law: a rate that is
// positive in the estimate but drawn as 0) counts as lying below every
// other resample for the lower end and above for the upper end; an end that
// falls on such resamples is the natural bound of a fraction, 0 or 1 (a
// conservative treatment). The rates of an exact analysis have no error:
// its intervals are the point value at both ends.

// percentileEnds returns the 1-based ranks k and B+1−k of the ends of the
// percentile interval at the level, or an error when B is too small for it
// (ErrNoResamples for B = 0). method names the method for the errors.
func percentileEnds(method string, B int, level float64) (lo, hi int, err error) {
	if err := checkLevel(method, level); err != nil {
		return 0, 0, err
	}
	if B == 0 {
		return 0, 0, ErrNoResamples
	}
	// The 1e-9 keeps (B+1)(1 − level)/2 = 50 from flooring to 49 when
	// 1 − 0.9 rounds below 0.1.
	k := int(math.Floor(float64(B+1)*(1-level)/2 + 1e-9))
	if k < 1 {
		return 0, 0, param.Errorf(method+".level", "%v needs at least %d bootstrap resamples, the analysis has %d",
			level, int(math.Ceil(2/(1-level)))-1, B)
	}
	return k, B + 1 - k, nil
}

// checkLevel returns a *param.Error naming the level argument of method
// unless 0 < level < 1.
func checkLevel(method string, level float64) error {
	if !(level > 0 && level < 1) {
		return param.Errorf(method+".level", "must be in (0, 1), got %v", level)
	}
	return nil
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
// entries: stat(q, exit, pi, out) fills out from the resampled rates q and
// exit rates exit and the resampled stationary laws pi (per class) and
// reports whether the statistic exists there. For an exact analysis both
// ends are the statistic of the point estimate.
func (a *Analysis) bootstrapCI(method string, level float64, m int, stat func(q [][]float64, exit []float64, pi [][]float64, out []float64) bool) (lo, hi []float64, err error) {
	if a.Exact {
		if err := checkLevel(method, level); err != nil {
			return nil, nil, err
		}
		pi := make([][]float64, len(a.Classes))
		for c, cl := range a.Classes {
			pi[c] = cl.Stationary
		}
		out := make([]float64, m)
		if !stat(a.Rates, a.ExitRate, pi, out) {
			for j := range out {
				out[j] = math.NaN()
			}
		}
		return out, slices.Clone(out), nil
	}
	B := len(a.bootRates())
	klo, khi, err := percentileEnds(method, B, level)
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
		ok := stat(bs.rates[b].Q, bs.rates[b].Exit, bs.pi[b], out)
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

// ExitRateCI returns the interval of q_i = C*_i at the given level, the
// normal interval C* ± z·SE of the Monte Carlo mean (z the two-sided normal
// quantile); [q_i, q_i] for an exact analysis.
func (a *Analysis) ExitRateCI(i int, level float64) (lo, hi float64, err error) {
	if err := a.checkBasin("theory.Analysis.ExitRateCI.i", i); err != nil {
		return 0, 0, err
	}
	if err := checkLevel("theory.Analysis.ExitRateCI", level); err != nil {
		return 0, 0, err
	}
	z := zLevel(level)
	return a.ExitRate[i] - z*a.ExitRateErr[i], a.ExitRate[i] + z*a.ExitRateErr[i], nil
}

// zLevel returns the two-sided normal quantile for a confidence level.
func zLevel(level float64) float64 {
	return distuv.UnitNormal.Quantile(0.5 + level/2)
}

// ClassTimeFractionsCI returns the percentile bootstrap intervals, at the
// given level, of the entries of ClassTimeFractions(c, lambda): the first
// order fractions of time in every basin for a start in the absorbing class
// c, or with lambda = 0 the limit (π on the wide minima of c). Entries
// outside c are [0, 0], except when too many resamples have no unique
// stationary law: those resamples count as extremes on both sides, and the
// interval of every entry then widens to [0, 1].
func (a *Analysis) ClassTimeFractionsCI(c int, lambda, level float64) (lo, hi []float64, err error) {
	const method = "theory.Analysis.ClassTimeFractionsCI"
	if err := a.checkClassLambda(method, c, lambda); err != nil {
		return nil, nil, err
	}
	cl := a.Classes[c]
	return a.bootstrapCI(method, level, len(a.JumpNumber), func(q [][]float64, exit []float64, pi [][]float64, out []float64) bool {
		if pi[c] == nil {
			return false
		}
		fr, err := classTimeFractions(a.JumpNumber, q, exit, cl, pi[c], lambda)
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
func (a *Analysis) ClassTimeFractionTotalCI(c int, lambda, level float64, sets []int) (lo, hi float64, err error) {
	const method = "theory.Analysis.ClassTimeFractionTotalCI"
	if err := a.checkClassLambda(method, c, lambda); err != nil {
		return 0, 0, err
	}
	for k, i := range sets {
		if i < 0 || i >= len(a.JumpNumber) {
			return 0, 0, param.ElemErrorf(method+".sets", k, "minimum set %d out of range [0, %d)", i, len(a.JumpNumber))
		}
	}
	cl := a.Classes[c]
	l, h, err := a.bootstrapCI(method, level, 1, func(q [][]float64, exit []float64, pi [][]float64, out []float64) bool {
		if pi[c] == nil {
			return false
		}
		fr, err := classTimeFractions(a.JumpNumber, q, exit, cl, pi[c], lambda)
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

// StationaryCI returns the percentile bootstrap intervals, at the given
// level, of the stationary law π of the limiting chain (Stationary, in the
// order of Wide), propagated from the Monte Carlo error of the rates (see
// bootstrap); ErrNoLimitChain unless the graph is one absorbing class (use
// ClassTimeFractionsCI(c, 0, level)).
func (a *Analysis) StationaryCI(level float64) (lo, hi []float64, err error) {
	if len(a.Stationary) == 0 || len(a.Classes) != 1 {
		return nil, nil, ErrNoLimitChain
	}
	if err := checkLevel("theory.Analysis.StationaryCI", level); err != nil {
		return nil, nil, err
	}
	l, h, err := a.ClassTimeFractionsCI(0, 0, level)
	if err != nil {
		return nil, nil, err
	}
	for _, i := range a.Classes[0].Wide {
		lo, hi = append(lo, l[i]), append(hi, h[i])
	}
	return lo, hi, nil
}

// TimeFractionsCI returns the percentile bootstrap intervals, at the given
// level, of TimeFractions(lambda), the first-order fractions of time in
// every basin of a graph that is one absorbing class (ErrNoLimitChain for
// any other).
func (a *Analysis) TimeFractionsCI(lambda, level float64) (lo, hi []float64, err error) {
	if len(a.Stationary) == 0 || len(a.Classes) != 1 {
		return nil, nil, ErrNoLimitChain
	}
	if !(lambda > 0) {
		return nil, nil, param.Errorf("theory.Analysis.TimeFractionsCI.lambda", "must be > 0, got %v", lambda)
	}
	if err := checkLevel("theory.Analysis.TimeFractionsCI", level); err != nil {
		return nil, nil, err
	}
	return a.ClassTimeFractionsCI(0, lambda, level)
}

// NarrowFractionsCI returns the percentile bootstrap intervals, at the
// given level, of NarrowFractions(lambda): [0, 0] for the wide minima and
// the minima outside absorbing classes are NaN, as in NarrowFractions.
func (a *Analysis) NarrowFractionsCI(lambda, level float64) (lo, hi []float64, err error) {
	const method = "theory.Analysis.NarrowFractionsCI"
	if !(lambda > 0) || math.IsInf(lambda, 1) {
		return nil, nil, param.Errorf(method+".lambda", "must be finite and > 0, got %v", lambda)
	}
	n := len(a.JumpNumber)
	lo, hi = make([]float64, n), make([]float64, n)
	if a.Exact {
		err = checkLevel(method, level)
	} else {
		_, _, err = percentileEnds(method, len(a.bootRates()), level)
	}
	if err != nil {
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
func (a *Analysis) bootRates() []*rateTable {
	if a.boot == nil {
		return nil
	}
	return a.boot.get().rates
}
