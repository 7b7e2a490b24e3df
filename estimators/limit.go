package estimators

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// LimitTest is the model-robust statement about the limit of a quantity
// measured along a step-size ladder (R(η) → 1 as λ(η) → 0, docs/theory.md
// §6.2 and §11.2): an interval that contains the limit L = lim_{λ→0} y(λ)
// with probability at least Level under the assumptions below, and the test
// of a predicted limit that it implies.
//
// Model. The pre-asymptotic bias decays like a power of λ,
//
//	y(λ) = L + A·λ^κ   on the rungs used, for some κ in [KappaMin, KappaMax],
//
// with κ unknown. For a fixed κ the model is linear in (L, A); it is fitted
// by iteratively reweighted least squares with the family's variance
// (Var(R̂_k) = R_k²/d_k for exponential means: the maximum-likelihood fit
// of the exit times themselves), which gives the Pearson χ² of the line
// (n − 2 degrees of freedom) and the Wald interval
//
//	L̂(κ) ± z·SE(L̂(κ))·√φ(κ),   φ = max(1, χ²/(n − 2)),
//
// widened by the residual scale φ when the line fits worse than the sampling
// errors allow (PDG scale factor). With a relative prediction error σ_p
// common to all rungs (LadderOptions.PredictionRelSE), SE² gains L̂²σ_p².
//
// Union. The components are the fits at every κ of a log grid over the
// range, on every subset that drops the 0, 1, …, Drop largest-λ rungs (while
// two remain). With a = 1 − Level, a component is admissible when its χ²
// test of fit has p ≥ a/2 (FitAlpha); the interval is the union of the
// admissible components' intervals at z = z_{1−a/4}, and the p-value of L is
// the largest of their two-sided Wald p-values, so that PValue < a/2 exactly
// when L is outside [Low, High]. If no component is admissible the power
// law itself is rejected (ModelRejected) and the union runs over all of
// them, each widened by its φ.
//
// Error rate. If the model holds on some subset at some κ* in the range, the
// test rejects the true L only if that component is inadmissible (probability
// ≤ a/2) or its interval misses L (≤ a/2): P(Excluded) ≤ a, to the accuracy
// of the normal approximation (measured by simulation in the tests). No κ is
// estimated, so a κ the data cannot pin down (the usual case: docs/theory.md
// §11.6 on leverage) widens the interval instead of silently narrowing
// it, a top rung outside the asymptotic regime cannot exclude the limit on
// its own, and a κ the data reject (an extrapolation to 1 through points
// that have visibly levelled off elsewhere) cannot save it either.
//
// What it assumes and cannot check: the bias does not decay more slowly
// than λ^KappaMin (as κ → 0 the extrapolation, and the interval, grow
// without bound). Best.AtKappaMin flags data that prefer the slowest decay
// allowed.
type LimitTest struct {
	Limit float64 // the tested limit L
	Level float64 // confidence level of [Low, High]
	// Low, High: the union interval; ∓Inf (null in JSON) when no component
	// could be fitted (fewer than two distinct λ).
	Low, High Number
	// PValue: the largest two-sided p-value of Limit over the components in
	// the union; 1 when no component could be fitted.
	PValue float64
	// Excluded: Limit is outside [Low, High].
	Excluded bool
	// KappaMin, KappaMax: the κ range of the union. KappaAssumed is the
	// lower end asked for (LadderOptions.KappaMin); when the best fit sits at
	// it, the range is extended down, halving KappaMin up to twice, so that
	// data preferring a slower decay widen the interval instead of excluding
	// the limit under an assumption they contradict. Extending only adds
	// components, so it never makes the test less conservative.
	KappaMin, KappaMax, KappaAssumed float64
	// FitAlpha is the false-alarm rate of the goodness-of-fit filter.
	FitAlpha float64
	// Drops is the largest number of leading rungs dropped; Components the
	// number of (κ, drop) fits, Admissible those the data do not reject.
	Drops, Components, Admissible int
	// ModelRejected: no component is admissible; the union is over all.
	ModelRejected bool
	// LowKappa, HighKappa, LowDrop, HighDrop: the components attaining the
	// ends of the interval (an end at KappaMin means the assumption on κ, not
	// the data, sets it); PValueKappa, PValueDrop: the one attaining PValue.
	LowKappa, HighKappa, PValueKappa float64
	LowDrop, HighDrop, PValueDrop    int
	// Best is the component with the smallest χ² on the largest subset
	// dropped (the rungs the trend test uses), whether admissible or not.
	Best LimitFit
}

// LimitFit is one component of LimitTest: the fit of y = L + A·(λ/λ_0)^κ at
// a fixed κ on the rungs left after dropping Drop of the largest-λ rungs
// (λ_0 is the largest remaining λ, so A is the bias at that rung).
type LimitFit struct {
	Kappa          float64
	Drop           int
	Limit, LimitSE Number // L̂ and its SE, dispersion included (NaN: not fitted)
	Low, High      Number // Wald interval L̂ ± z·SE at the test's z
	A              float64
	ChiSq          float64 // Pearson χ² at the known variances
	DF             int     // rungs − 2
	Dispersion     float64 // φ = max(1, ChiSq/DF)
	GoodnessP      Number  // P(χ²_DF ≥ ChiSq); NaN when DF = 0
	AtKappaMin     bool    // κ is the lower end of the range
	AtKappaMax     bool    // κ is the upper end of the range
	Rungs          int
}

// RatioLimit is the model-robust test of the limit of R along a ladder of
// rungs (see LimitTest): the union of intervals for lim R over κ in
// [KappaMin, KappaMax] and over dropping up to Drop of the largest-η rungs,
// at opt.Level, and the test of limit (1 for a correct prediction). It
// replaces the single profile interval of FitRatio, which is credible only
// when the model fits and κ is determined (docs/theory.md §11.6).
//
// Errors name the offending input: no rungs, a rung with λ, R or SELog not
// finite and > 0, a bad option or a limit not finite and > 0.
func RatioLimit(rungs []RatioRung, limit float64, opt LadderOptions) (LimitTest, error) {
	c, err := opt.resolve(DefaultRatioTol)
	if err != nil {
		return LimitTest{}, err
	}
	s, _, err := ratioSeries(rungs, c.predRelSE)
	if err != nil {
		return LimitTest{}, err
	}
	if !(limit > 0) || math.IsInf(limit, 1) {
		return LimitTest{}, fmt.Errorf("limit: must be finite and > 0, got %v", limit)
	}
	return limitTest(s, limit, c.level, c), nil
}

// limitTest is LimitTest for any series, at confidence level `level` (its
// false-alarm budget 1 − level is split equally between the goodness-of-fit
// filter and the Wald intervals); relSE (the prediction's relative error) is
// taken from c for the ratio family only.
func limitTest(s series, limit, level float64, c ladderConfig) LimitTest {
	t := limitTestRange(s, limit, level, c, c.kappaMin)
	// With two rungs every κ fits exactly (DF = 0) and the best κ means nothing.
	for i := 0; i < kappaExtensions && t.Best.AtKappaMin && t.Best.DF > 0; i++ {
		t = limitTestRange(s, limit, level, c, t.KappaMin/2)
	}
	t.KappaAssumed = c.kappaMin
	return t
}

// kappaExtensions is how many times limitTest halves the lower end of the κ
// range while the best fit sits at it.
const kappaExtensions = 2

// limitTestRange is limitTest on the κ range [kappaMin, c.kappaMax].
func limitTestRange(s series, limit, level float64, c ladderConfig, kappaMin float64) LimitTest {
	nan := Number(math.NaN())
	t := LimitTest{
		Limit: limit, Level: level, KappaMin: kappaMin, KappaMax: c.kappaMax,
		Low: Number(math.Inf(-1)), High: Number(math.Inf(1)), PValue: 1,
		Best: LimitFit{Limit: nan, LimitSE: nan, Low: nan, High: nan, GoodnessP: nan},
	}
	relSE := 0.0
	if s.fam == ratioFamily {
		relSE = c.predRelSE
	}
	a := 1 - level
	t.FitAlpha = a / 2
	z := distuv.UnitNormal.Quantile(1 - a/4)
	grid := kappaGrid(kappaMin, c.kappaMax)
	var comps []LimitFit
	for m := 0; m <= c.drop && s.len()-m >= 2; m++ {
		sub := s.suffix(m)
		if !sub.distinctLambda() {
			break
		}
		t.Drops = m
		u := make([]float64, sub.len())
		bestChi := math.Inf(1)
		for i, kappa := range grid {
			powerRegressor(u, sub.lambda, kappa)
			f, ok := limitComponent(sub, u, z, relSE)
			if !ok {
				continue
			}
			f.Kappa, f.Drop = kappa, m
			f.AtKappaMin, f.AtKappaMax = i == 0, i == len(grid)-1
			comps = append(comps, f)
			if f.ChiSq < bestChi {
				// The last subset is the trend test's window: its best fit is
				// the one reported.
				bestChi, t.Best = f.ChiSq, f
			}
		}
	}
	t.Components = len(comps)
	if len(comps) == 0 {
		return t
	}
	// Admissible components: those whose line the data do not reject. If the
	// data reject every one, the bias model itself is rejected and no
	// component may exclude the limit on its own: all are kept, each widened
	// by its residual scale.
	for _, f := range comps {
		if f.admissible(t.FitAlpha) {
			t.Admissible++
		}
	}
	t.ModelRejected = t.Admissible == 0
	t.Low, t.High, t.PValue = Number(math.Inf(1)), Number(math.Inf(-1)), 0
	for _, f := range comps {
		if !t.ModelRejected && !f.admissible(t.FitAlpha) {
			continue
		}
		if f.Low < t.Low {
			t.Low, t.LowKappa, t.LowDrop = f.Low, f.Kappa, f.Drop
		}
		if f.High > t.High {
			t.High, t.HighKappa, t.HighDrop = f.High, f.Kappa, f.Drop
		}
		p := 2 * distuv.UnitNormal.Survival(math.Abs(float64(f.Limit)-limit)/float64(f.LimitSE))
		if p > t.PValue {
			t.PValue, t.PValueKappa, t.PValueDrop = p, f.Kappa, f.Drop
		}
	}
	t.Excluded = t.PValue < a/2
	return t
}

// admissible reports whether the data do not reject the component's line
// at false-alarm rate alpha (a two-rung fit, with no degrees of freedom
// left, is always admissible).
func (f LimitFit) admissible(alpha float64) bool {
	return f.DF == 0 || float64(f.GoodnessP) >= alpha
}

// limitComponent fits y = L + A·u on sub at known u and returns the
// component with its interval at normal quantile z; ok is false when the fit
// is impossible (u constant to rounding).
func limitComponent(sub series, u []float64, z, relSE float64) (LimitFit, bool) {
	l, err := sub.fitLine(u)
	if err != nil {
		return LimitFit{}, false
	}
	f := LimitFit{
		Limit: Number(l.Intercept), A: l.Slope, ChiSq: l.ChiSq, DF: l.DF, Rungs: sub.len(),
		Dispersion: dispersion(l.ChiSq, l.DF), GoodnessP: Number(l.GoodnessP),
	}
	se := math.Sqrt(l.InterceptSE*l.InterceptSE*f.Dispersion + l.Intercept*l.Intercept*relSE*relSE)
	if !(se > 0) || math.IsInf(se, 1) || math.IsNaN(l.Intercept) {
		return LimitFit{}, false
	}
	f.LimitSE = Number(se)
	f.Low, f.High = Number(l.Intercept-z*se), Number(l.Intercept+z*se)
	return f, true
}
