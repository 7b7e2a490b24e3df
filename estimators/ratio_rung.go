package estimators

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// RatioRung is one rung of a step-size ladder for the ratio of measured to
// predicted mean exit time (docs/theory.md §6.2 and §11.1),
//
//	R(η) = τ̄(η) · q η λ(η)^J   (τ̄ over the predicted E τ = 1/(q η λ(η)^J)),
//
// which the theory says tends to 1 as λ(η) → 0. Build it with NewRatioRung
// from an exponential mean (brute force) or NewRatioRungFromEstimate (any
// other estimator with a standard error, e.g. importance sampling).
type RatioRung struct {
	Eta    float64 // step size η (0 if unknown; only the extrapolation uses it)
	Lambda float64 // λ(η) > 0, the scale the bias is a power of
	R      float64 // R̂ > 0
	// SELog is the standard error of log R̂: 1/√d for an exponential mean
	// from d exits (Var log θ̂ ≈ 1/d, ExpMean.LogMean).
	SELog float64
	// Exits and Censored are the counts of an exponential mean (Exits > 0);
	// both are 0 for a rung from another estimator. With them the rung's CI
	// is ExpMean's χ² interval (exact without censoring), otherwise
	// R̂·exp(±z·SELog).
	Exits, Censored int
}

// NewRatioRung makes the rung at step size eta and scale lambda = λ(η) from
// the exponential mean of the exit times and the predicted mean exit time
// predicted = 1/(q η λ(η)^J) in the same unit: R̂ = θ̂/predicted,
// SELog = 1/√d.
//
// Errors name the parameter: lambda or predicted not finite and > 0; eta
// negative or not finite; mean without exits (R is then only bounded below,
// a rung to extend, not to judge).
func NewRatioRung(eta, lambda float64, mean ExpMean, predicted float64) (RatioRung, error) {
	switch {
	case !finiteNonNeg(eta):
		return RatioRung{}, fmt.Errorf("eta: must be finite and >= 0, got %v", eta)
	case !(lambda > 0) || math.IsInf(lambda, 1):
		return RatioRung{}, fmt.Errorf("lambda: must be finite and > 0, got %v", lambda)
	case !(predicted > 0) || math.IsInf(predicted, 1):
		return RatioRung{}, fmt.Errorf("predicted: must be finite and > 0, got %v", predicted)
	case mean.Exits < 1 || !(mean.Total > 0):
		return RatioRung{}, fmt.Errorf("mean: no exits (%d samples, all censored), R is not estimated", mean.Samples)
	}
	d := float64(mean.Exits)
	return RatioRung{
		Eta: eta, Lambda: lambda, R: mean.Total / d / predicted, SELog: 1 / math.Sqrt(d),
		Exits: mean.Exits, Censored: mean.Censored,
	}, nil
}

// NewRatioRungFromEstimate makes a rung from an estimate r of R(η) and the
// standard error seLog of log r (for an estimate with relative SE s,
// seLog ≈ s). Its CI is r·exp(±z·seLog), and the fits weight it as an
// exponential mean from 1/seLog² exits.
//
// Errors name the parameter: lambda, r or seLog not finite and > 0; eta
// negative or not finite.
func NewRatioRungFromEstimate(eta, lambda, r, seLog float64) (RatioRung, error) {
	rg := RatioRung{Eta: eta, Lambda: lambda, R: r, SELog: seLog}
	return rg, rg.check("")
}

// check validates a rung; prefix names it in errors ("rungs[3]." or "").
func (rg RatioRung) check(prefix string) error {
	switch {
	case !finiteNonNeg(rg.Eta):
		return fmt.Errorf("%seta: must be finite and >= 0, got %v", prefix, rg.Eta)
	case !(rg.Lambda > 0) || math.IsInf(rg.Lambda, 1):
		return fmt.Errorf("%slambda: must be finite and > 0, got %v", prefix, rg.Lambda)
	case !(rg.R > 0) || math.IsInf(rg.R, 1):
		return fmt.Errorf("%sr: must be finite and > 0, got %v", prefix, rg.R)
	case !(rg.SELog > 0) || math.IsInf(rg.SELog, 1):
		return fmt.Errorf("%sse_log: must be finite and > 0, got %v", prefix, rg.SELog)
	case rg.Exits < 0 || rg.Censored < 0 || (rg.Exits == 0 && rg.Censored > 0):
		return fmt.Errorf("%sexits: counts %d exits, %d censored are not those of a mean", prefix, rg.Exits, rg.Censored)
	}
	return nil
}

// CI returns the rung's confidence interval for R at the level, widened by a
// relative prediction error relSE common to the ladder: ExpMean's χ²
// interval (exact without censoring) when the rung has exit counts,
// R̂·exp(±z·SELog) otherwise, with each log half-width w becoming
// √(w² + (z·relSE)²).
func (rg RatioRung) CI(level, relSE float64) (lo, hi float64) {
	z := distuv.UnitNormal.Quantile(1 - (1-level)/2)
	wLo, wHi := z*rg.SELog, z*rg.SELog
	if rg.Exits > 0 {
		d := float64(rg.Exits)
		if e, err := ExpMeanFromTotals(rg.R*d, rg.Exits, rg.Censored, level); err == nil {
			wLo, wHi = math.Log(rg.R/e.Low), math.Log(e.High/rg.R)
		}
	}
	if relSE > 0 {
		p := z * relSE
		wLo, wHi = math.Hypot(wLo, p), math.Hypot(wHi, p)
	}
	return rg.R * math.Exp(-wLo), rg.R * math.Exp(wHi)
}

// ratioSeries validates rungs and returns them as a series sorted by
// decreasing λ (a stable sort, so the caller's order breaks ties).
func ratioSeries(rungs []RatioRung, relSE float64) (series, []RatioRung, error) {
	if len(rungs) == 0 {
		return series{}, nil, fmt.Errorf("rungs: empty, need at least one")
	}
	for i, rg := range rungs {
		if err := rg.check(fmt.Sprintf("rungs[%d].", i)); err != nil {
			return series{}, nil, err
		}
	}
	sorted := slices.Clone(rungs)
	slices.SortStableFunc(sorted, func(a, b RatioRung) int { return cmp.Compare(b.Lambda, a.Lambda) })
	s := series{fam: ratioFamily}
	for _, rg := range sorted {
		s.lambda = append(s.lambda, rg.Lambda)
		s.y = append(s.y, rg.R)
		s.info = append(s.info, 1/(rg.SELog*rg.SELog))
	}
	s.ci = func(k int, level float64) (float64, float64) { return sorted[k].CI(level, relSE) }
	return s, sorted, nil
}
