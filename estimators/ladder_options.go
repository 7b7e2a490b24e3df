package estimators

import (
	"fmt"
	"math"
)

// Defaults of LadderOptions.
const (
	// DefaultLadderLevel is the confidence level; 1 − level is the budget
	// of false "inconsistent" verdicts.
	DefaultLadderLevel = 0.95
	// DefaultRatioTol: "converges" needs R within ±5% of 1 at the last rung.
	DefaultRatioTol = 0.05
	// DefaultLandingTol: landing probabilities within ±0.02 of the limit
	// law (absolute), and the forbidden fraction below 0.02.
	DefaultLandingTol = 0.02
	// DefaultLimitKappaMin and DefaultLimitKappaMax bound the exponent of the
	// bias model R(λ) = R0 + A·λ^κ over which the limit test takes its union.
	// The lower end is the assumption that matters: the test may call a
	// correct prediction inconsistent if the bias decays more slowly than
	// λ^KappaMin (see LimitTest). 0.5 covers the exponents seen in the
	// repository's ladders and the slowest power law that a one-jump
	// correction of relative size λ^{1/2} would give; a user who suspects a
	// slower decay should lower it, at a cost in power.
	DefaultLimitKappaMin = 0.5
	DefaultLimitKappaMax = 4.0
	// DefaultDrop is how many of the largest-η rungs the model-robust limit
	// test may drop (it takes the union over dropping 0..Drop of them) and
	// the trend test and the extrapolation leave out.
	DefaultDrop = 1
	// DefaultForbiddenSims is the number of Monte Carlo draws of the exact
	// conditional trend test of forbidden landings.
	DefaultForbiddenSims = 9999
)

// LadderOptions configures the ladder analyses (RatioLimit, JudgeRatio,
// JudgeLanding). The zero value selects every default; fields a function
// does not use are ignored.
type LadderOptions struct {
	// Level is the confidence level in (0, 1); 0 selects DefaultLadderLevel.
	// With α = 1 − Level, a verdict says "inconsistent" about a correct
	// prediction with probability at most α, and "converges" about a last
	// rung whose true value is outside the band with probability at most α/2
	// (see Verdict for the assumptions).
	Level float64
	// Tol is the half-width of the band [L − Tol, L + Tol] around the limit
	// L within which a rung counts as converged: relative for R (L = 1),
	// absolute for landing probabilities. 0 selects DefaultRatioTol or
	// DefaultLandingTol.
	Tol float64
	// KappaMin < KappaMax bound κ in the bias model; 0 selects the defaults.
	KappaMin, KappaMax float64
	// Drop is the number of largest-η rungs the limit test may drop and the
	// trend test and extrapolation leave out; 0 selects DefaultDrop, a
	// negative value none.
	Drop int
	// TargetBias is the bias |R − L| that the extrapolated step size should
	// reach, leaving Tol − TargetBias for the CI; 0 selects Tol/2.
	TargetBias float64
	// PredictionRelSE is the relative standard error of the prediction
	// itself (e.g. a Monte Carlo C* in R^d), common to every rung of a ratio
	// ladder: it widens the CIs of R and of its limit, not the trend.
	PredictionRelSE float64
	// Lambda, optional, is the scale function λ(η) (increasing in η): with
	// it the extrapolation converts the needed λ into a step size.
	Lambda func(eta float64) float64
	// MeanExit, optional, is the predicted mean exit time in steps at η,
	// 1/(q η λ(η)^J): with it (and Lambda) the extrapolation gives the cost
	// in steps of the rung it calls for.
	MeanExit func(eta float64) float64
	// NSim is the number of Monte Carlo draws of the forbidden-landing trend
	// test (LandingVerdict); 0 selects DefaultForbiddenSims.
	NSim int
	// Seed seeds that test: same seed, same p-value.
	Seed uint64
}

// ladderConfig is LadderOptions with defaults applied and checked.
type ladderConfig struct {
	level, tol, kappaMin, kappaMax, target, predRelSE float64
	drop, nsim                                        int
	seed                                              uint64
	lambda, meanExit                                  func(float64) float64
}

// resolve applies the defaults (defaultTol for Tol) and checks the result;
// errors name the option.
func (o LadderOptions) resolve(defaultTol float64) (ladderConfig, error) {
	c := ladderConfig{
		level: o.Level, tol: o.Tol, kappaMin: o.KappaMin, kappaMax: o.KappaMax,
		target: o.TargetBias, predRelSE: o.PredictionRelSE, drop: o.Drop, nsim: o.NSim, seed: o.Seed,
		lambda: o.Lambda, meanExit: o.MeanExit,
	}
	if c.level == 0 {
		c.level = DefaultLadderLevel
	}
	if c.tol == 0 {
		c.tol = defaultTol
	}
	if c.kappaMin == 0 {
		c.kappaMin = DefaultLimitKappaMin
	}
	if c.kappaMax == 0 {
		c.kappaMax = DefaultLimitKappaMax
	}
	switch {
	case c.drop == 0:
		c.drop = DefaultDrop
	case c.drop < 0:
		c.drop = 0
	}
	if c.target == 0 {
		c.target = c.tol / 2
	}
	if c.nsim == 0 {
		c.nsim = DefaultForbiddenSims
	}
	if err := checkLevel("level", c.level); err != nil {
		return c, err
	}
	switch {
	case !(c.tol > 0 && c.tol < 1):
		return c, fmt.Errorf("tol: must be in (0, 1), got %v", o.Tol)
	case !(c.kappaMin > 0) || math.IsInf(c.kappaMin, 1):
		return c, fmt.Errorf("kappa_min: must be finite and > 0, got %v", o.KappaMin)
	case !(c.kappaMax > c.kappaMin) || math.IsInf(c.kappaMax, 1):
		return c, fmt.Errorf("kappa_max: must be finite and > kappa_min = %v, got %v", c.kappaMin, o.KappaMax)
	case !(c.target > 0 && c.target < c.tol):
		return c, fmt.Errorf("target_bias: must be in (0, tol = %v), got %v", c.tol, o.TargetBias)
	case !finiteNonNeg(c.predRelSE):
		return c, fmt.Errorf("prediction_rel_se: must be finite and >= 0, got %v", o.PredictionRelSE)
	case c.nsim < 1:
		return c, fmt.Errorf("nsim: must be >= 1, got %d", o.NSim)
	}
	return c, nil
}

// alpha is the false-alarm budget 1 − level.
func (c ladderConfig) alpha() float64 { return 1 - c.level }

// windowDrop is the number of leading rungs the trend test and the
// extrapolation leave out of n: Drop, but keeping at least two rungs.
func (c ladderConfig) windowDrop(n int) int {
	return max(0, min(c.drop, n-2))
}
