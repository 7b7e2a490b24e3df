package estimators

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Extrapolation is where a ladder that has not converged yet would, if the
// prediction is right: the scale λ* (and step size η*) at which the bias
// |y − L| falls to TargetBias, from the trend of the rungs measured, and the
// cost of a rung there.
//
// Fit. With the limit imposed (y(λ) = L + A·(λ/λ_0)^κ, λ_0 the largest λ of
// the rungs used), A is fitted at each κ of the grid over [KappaMin,
// KappaMax] by iteratively reweighted least squares. The κ consistent with
// the data are those with χ²(κ) − χ²_min ≤ φ·χ²_1(level),
// φ = max(1, χ²_min/(n − 2)) (a profile-likelihood set; n − 2 because A and
// κ are fitted), and at each of them A has the interval Â ± z·SE(Â)·√φ.
// Solving |A|·(λ*/λ_0)^κ = TargetBias,
//
//	λ* = λ_0 · (TargetBias/|A|)^{1/κ},
//
// gives the point estimate at the best (κ, Â) and the range [LambdaLow,
// LambdaHigh] over the consistent κ and A: LambdaLow, the most demanding, at
// the largest |A| and the least favourable κ; LambdaHigh at the smallest |A|,
// +Inf when the interval of A contains 0 (the data cannot exclude a bias
// that is already below target). The κ range is an assumption (see
// LimitTest): a slower decay would need a smaller λ than LambdaLow.
//
// Cost. A rung at η* needs Exits exits for its CI to fit in the band next to
// the bias (ExitsForLogHalfWidth with the room Tol − TargetBias left on the
// log scale; ratios only) and costs about Exits × MeanExit(η*) steps
// (RungCost: the expected total time on test per exit is the mean exit time,
// censored or not).
type Extrapolation struct {
	TargetBias float64
	// Kappa is the best-fitting κ; [KappaLow, KappaHigh] the κ consistent with
	// the data (within the limit test's range, extension included).
	Kappa, KappaLow, KappaHigh float64
	// Bias is Â at the best κ: the fitted y − L at the largest λ used.
	Bias       float64
	ChiSq      float64
	DF         int
	Dispersion float64
	// Lambda is λ* at the best fit, [LambdaLow, LambdaHigh] its range.
	Lambda, LambdaLow, LambdaHigh Number
	// Reached: λ* ≥ the last rung's λ, so the fit says the last rung's bias
	// is already at most TargetBias: more exits, not a smaller η, are needed.
	Reached bool
	// Eta, EtaLow, EtaHigh: λ⁻¹ of Lambda, LambdaLow, LambdaHigh (so EtaLow
	// is the most demanding), when LadderOptions.Lambda is given; NaN
	// otherwise. An η that would exceed the last rung's is capped there.
	Eta, EtaLow, EtaHigh Number
	// Exits: exits per rung that make the CI fit the band (ratios only).
	Exits int
	// Steps, StepsLow, StepsHigh: Exits × MeanExit at Eta, EtaHigh, EtaLow
	// (cheapest to dearest), when LadderOptions.MeanExit is given.
	Steps, StepsLow, StepsHigh Number
}

// extrapolate is Extrapolation on the window w of a series with predicted
// limit, whose last rung has step size etaLast (0 if unknown), over the κ
// range [kappaMin, c.kappaMax] (the limit test's, extension included); it
// returns nil when w has fewer than two distinct λ.
func extrapolate(w series, limit, etaLast float64, c ladderConfig, kappaMin float64) *Extrapolation {
	if w.len() < 2 || !w.distinctLambda() {
		return nil
	}
	nan := Number(math.NaN())
	e := &Extrapolation{TargetBias: c.target, Eta: nan, EtaLow: nan, EtaHigh: nan,
		Steps: nan, StepsLow: nan, StepsHigh: nan}
	grid := kappaGrid(kappaMin, c.kappaMax)
	fits := make([]throughFit, len(grid))
	u := make([]float64, w.len())
	best := 0
	for i, kappa := range grid {
		powerRegressor(u, w.lambda, kappa)
		fits[i] = w.fitThrough(u, limit)
		if fits[i].ChiSq < fits[best].ChiSq {
			best = i
		}
	}
	e.DF = w.len() - 2
	e.ChiSq = fits[best].ChiSq
	e.Dispersion = dispersion(e.ChiSq, e.DF)
	e.Kappa, e.Bias = grid[best], fits[best].A
	z := distuv.UnitNormal.Quantile(1 - (1-c.level)/2)
	delta := e.Dispersion * chi2Quantile(1, c.level)

	lam0, target := w.lambda[0], c.target
	lambdaStar := func(kappa, a float64) float64 {
		if a == 0 {
			return math.Inf(1)
		}
		return lam0 * math.Pow(target/a, 1/kappa)
	}
	e.Lambda = Number(lambdaStar(e.Kappa, math.Abs(e.Bias)))
	low, high := math.Inf(1), 0.0
	e.KappaLow, e.KappaHigh = math.Inf(1), 0
	for i, f := range fits {
		if f.ChiSq-e.ChiSq > delta {
			continue
		}
		e.KappaLow, e.KappaHigh = min(e.KappaLow, grid[i]), max(e.KappaHigh, grid[i])
		h := z * f.ASE * math.Sqrt(e.Dispersion)
		lo, hi := f.A-h, f.A+h
		far := max(math.Abs(lo), math.Abs(hi))
		near := min(math.Abs(lo), math.Abs(hi))
		if lo <= 0 && hi >= 0 {
			near = 0
		}
		low = min(low, lambdaStar(grid[i], far))
		high = max(high, lambdaStar(grid[i], near))
	}
	e.LambdaLow, e.LambdaHigh = Number(low), Number(high)
	lastLambda := w.lambda[w.len()-1]
	e.Reached = float64(e.Lambda) >= lastLambda

	if w.fam == ratioFamily {
		// The CI [R̂e^{−h}, R̂e^{h}] around a bias of ±target stays inside
		// [1 − tol, 1 + tol] on either side.
		h := min(math.Log((1+c.tol)/(1+c.target)), math.Log((1-c.target)/(1-c.tol)))
		if d, err := ExitsForLogHalfWidth(h, c.level); err == nil {
			e.Exits = d
		}
	}
	if c.lambda == nil || !(etaLast > 0) {
		return e
	}
	etaOf := func(l Number) Number {
		if float64(l) >= lastLambda {
			return Number(etaLast)
		}
		eta, err := EtaForLambda(c.lambda, float64(l), etaLast)
		if err != nil {
			return nan
		}
		return Number(eta)
	}
	e.Eta, e.EtaLow, e.EtaHigh = etaOf(e.Lambda), etaOf(e.LambdaLow), etaOf(e.LambdaHigh)
	if c.meanExit == nil || e.Exits == 0 {
		return e
	}
	steps := func(eta Number) Number {
		if !eta.IsFinite() {
			return nan
		}
		return Number(float64(e.Exits) * c.meanExit(float64(eta)))
	}
	e.Steps, e.StepsLow, e.StepsHigh = steps(e.Eta), steps(e.EtaHigh), steps(e.EtaLow)
	return e
}
