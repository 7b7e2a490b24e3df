package estimators

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Default search range for κ in FitRatio.
const (
	DefaultKappaMin = 0.25
	DefaultKappaMax = 4.0
)

// RatioFitOptions configures FitRatio.
type RatioFitOptions struct {
	// Level is the confidence level of the CIs, in (0, 1). Required.
	Level float64
	// KappaMin and KappaMax bound the exponent, 0 < KappaMin < KappaMax.
	// Zero values select DefaultKappaMin and DefaultKappaMax. The bound
	// matters: as κ → 0, λ^κ ≈ 1 + κ log λ and the model degenerates into a
	// line in log λ whose value at λ = 0 is −∞·a, so without a lower bound the
	// data cannot bound R0 at all. Every CI is conditional on κ in this range.
	KappaMin, KappaMax float64
	// KnownVariance takes the weights as inverse known variances,
	// w_k = 1/Var(R_k) (profile threshold χ²_1); otherwise the weights are
	// relative and the residual scale is estimated (threshold σ̂²·F_{1,n−3}).
	KnownVariance bool
}

// RatioFit is the result of FitRatio.
type RatioFit struct {
	R0, A, Kappa float64 // fitted R(λ) = R0 + A·λ^Kappa
	// R0Low, R0High: profile-likelihood CI for R0 at Level; ±Inf when the
	// profile never reaches the threshold (the data do not bound R0).
	R0Low, R0High float64
	// R0SECond is the SE of R0 at fixed κ = Kappa (linear WLS); it ignores
	// the uncertainty in κ and is reported only for comparison with the
	// profile CI, which is usually much wider.
	R0SECond float64
	// KappaLow, KappaHigh: profile CI for κ, clipped to the search range.
	// KappaLow == KappaMin (or KappaHigh == KappaMax) means the data do
	// not exclude the edge of the range, so the R0 CI is as narrow as it is
	// only because of the assumed range.
	KappaLow, KappaHigh float64
	// KappaAtBound: the best κ is at KappaMin or KappaMax, so the range,
	// not the data, determined it.
	KappaAtBound bool
	// Leverage diagnostic: the fitted regressor u = λ^Kappa covers
	// [UMin, UMax]; R0 is the fit's value at u = 0, an extrapolation
	// Extrapolation = UMin/(UMax − UMin) spans beyond the nearest point.
	// Values ≫ 1 mean R0 rests on the assumed functional form.
	UMin, UMax, Extrapolation float64
	LambdaMin, LambdaMax      float64
	ChiSq                     float64 // Σ w (R − fit)² at the optimum
	DF                        int     // n − 3
	GoodnessP                 float64 // P(χ²_DF ≥ ChiSq); NaN when DF = 0
	Scale                     float64 // σ̂ = sqrt(ChiSq/DF), or 1 with known variances
	N                         int
	Level                     float64
	KappaMin, KappaMax        float64 // the search range used
}

// FitRatio fits the pre-asymptotic correction model of docs/theory.md §11.6,
//
//	R_k = R0 + a·λ_k^κ + error,   Var(error_k) ∝ 1/w_k,   κ ∈ [κmin, κmax],
//
// by weighted least squares, where R_k = τ̄_k·q_i η_k λ(η_k)^J is the measured
// over predicted mean exit time at step size η_k and λ_k = λ(η_k); the theory
// says R0 = 1. For R_k from an ExpMean with d_k exits, the delta method gives
// Var(R_k) ≈ R_k²/d_k, i.e. w_k = d_k/R_k².
//
// Fit. For fixed κ the model is linear in (R0, a), so the criterion
// S(κ) = min_{R0,a} Σ w (R − R0 − a λ^κ)² is a weighted straight-line fit in
// u = λ^κ. S is profiled over κ on a log-spaced grid of [κmin, κmax] and the
// best grid cell refined by golden-section search in log κ.
//
// The intervals are conditional on the model and on the κ range: they are
// not credible when the χ² rejects the model, κ sits at a bound, or dropping
// the largest η moves R0 by more than its interval (docs/theory.md §11.6).
// RatioLimit is the model-robust statement, and JudgeRatio the verdict
// built on it; FitRatio remains for the appendix's fits.
//
// CI for R0: profile likelihood (not the delta method, which is unreliable
// here because κ is weakly identified and enters nonlinearly). With
// P(R0) = min_{a, κ} Σ w (R − R0 − a λ^κ)² (a by regression through the
// origin, κ as above), the CI is {R0 : P(R0) − S_min ≤ Δ}, with
// Δ = χ²_1(level) for known variances and Δ = σ̂²·t²_{n−3}(1−a/2) =
// σ̂²·F_{1,n−3}(level), σ̂² = S_min/(n−3), otherwise. The κ CI is the same
// construction on S(κ). Coverage is asymptotic (Wilks) and conditional on
// the model and on the κ range; the tests measure it on synthetic data.
//
// Errors name the parameter: lambda, r, w of different lengths or with too
// few points (4, or 3 with known variances); a lambda that is not finite and
// > 0, fewer than 3 distinct lambda values; a non-finite r; a weight not
// finite and > 0; a bad Level, KappaMin or KappaMax.
func FitRatio(lambda, r, w []float64, opt RatioFitOptions) (RatioFit, error) {
	if err := checkLevel("level", opt.Level); err != nil {
		return RatioFit{}, err
	}
	kmin, kmax := opt.KappaMin, opt.KappaMax
	if kmin == 0 {
		kmin = DefaultKappaMin
	}
	if kmax == 0 {
		kmax = DefaultKappaMax
	}
	switch {
	case !(kmin > 0) || math.IsInf(kmin, 1):
		return RatioFit{}, fmt.Errorf("kappa_min: must be finite and > 0, got %v", opt.KappaMin)
	case !(kmax > kmin) || math.IsInf(kmax, 1):
		return RatioFit{}, fmt.Errorf("kappa_max: must be finite and > kappa_min = %v, got %v", kmin, kmax)
	}
	minN := 4
	if opt.KnownVariance {
		minN = 3
	}
	switch {
	case len(r) != len(lambda):
		return RatioFit{}, fmt.Errorf("r: length %d, want %d (the length of lambda)", len(r), len(lambda))
	case len(w) != len(lambda):
		return RatioFit{}, fmt.Errorf("w: length %d, want %d (the length of lambda)", len(w), len(lambda))
	case len(lambda) < minN:
		return RatioFit{}, fmt.Errorf("lambda: need at least %d points, got %d", minN, len(lambda))
	}
	distinct := map[float64]bool{}
	for i := range lambda {
		switch {
		case !(lambda[i] > 0) || math.IsInf(lambda[i], 1):
			return RatioFit{}, fmt.Errorf("lambda[%d]: must be finite and > 0, got %v", i, lambda[i])
		case math.IsNaN(r[i]) || math.IsInf(r[i], 0):
			return RatioFit{}, fmt.Errorf("r[%d]: must be finite, got %v", i, r[i])
		case !(w[i] > 0) || math.IsInf(w[i], 1):
			return RatioFit{}, fmt.Errorf("w[%d]: must be finite and > 0, got %v", i, w[i])
		}
		distinct[lambda[i]] = true
	}
	if len(distinct) < 3 {
		return RatioFit{}, fmt.Errorf("lambda: need at least 3 distinct values, got %d", len(distinct))
	}

	p := ratioProblem{logl: make([]float64, len(lambda)), r: r, w: w, u: make([]float64, len(lambda)),
		lmin: math.Log(kmin), lmax: math.Log(kmax)}
	for i, l := range lambda {
		p.logl[i] = math.Log(l)
	}
	f := RatioFit{
		N: len(lambda), DF: len(lambda) - 3, Level: opt.Level,
		KappaMin: kmin, KappaMax: kmax,
		LambdaMin: math.Inf(1), LambdaMax: math.Inf(-1),
	}
	for _, l := range lambda {
		f.LambdaMin, f.LambdaMax = min(f.LambdaMin, l), max(f.LambdaMax, l)
	}

	// Best κ: profile S(κ) over the grid, then refine.
	sOf := func(lk float64) float64 { s, _, _, _ := p.line(math.Exp(lk)); return s }
	lk, _ := p.minimize(sOf)
	f.Kappa = math.Exp(lk)
	f.ChiSq, f.R0, f.A, f.R0SECond = p.line(f.Kappa)
	sMin := f.ChiSq
	f.KappaAtBound = lk-p.lmin < 1e-8 || p.lmax-lk < 1e-8

	f.GoodnessP = math.NaN()
	if f.DF > 0 {
		f.GoodnessP = distuv.ChiSquared{K: float64(f.DF)}.Survival(f.ChiSq)
	}
	a := 1 - opt.Level
	var delta float64
	if opt.KnownVariance {
		f.Scale = 1
		delta = chi2Quantile(1, opt.Level)
	} else {
		s2 := sMin / float64(f.DF)
		f.Scale = math.Sqrt(s2)
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(f.DF)}.Quantile(1 - a/2)
		delta = s2 * t * t
		f.R0SECond *= f.Scale
	}

	// Leverage.
	f.UMin, f.UMax = math.Inf(1), math.Inf(-1)
	for _, l := range lambda {
		u := math.Pow(l, f.Kappa)
		f.UMin, f.UMax = min(f.UMin, u), max(f.UMax, u)
	}
	f.Extrapolation = f.UMin / (f.UMax - f.UMin)

	// Profile CI for R0.
	excess := func(r0 float64) float64 {
		_, s := p.minimize(func(lk float64) float64 { return p.origin(math.Exp(lk), r0) })
		return s - sMin - delta
	}
	h := f.R0SECond
	if !(h > 0) {
		h = 1e-6 * (1 + math.Abs(f.R0))
	}
	f.R0Low = crossing(excess, f.R0, -h)
	f.R0High = crossing(excess, f.R0, h)

	// Profile CI for κ (on the log scale), clipped to the range.
	excessK := func(lk float64) float64 { return sOf(lk) - sMin - delta }
	f.KappaLow = math.Exp(clippedCrossing(excessK, lk, p.lmin))
	f.KappaHigh = math.Exp(clippedCrossing(excessK, lk, p.lmax))
	return f, nil
}

// ratioGrid is the number of cells of the log κ grid.
const ratioGrid = 64

// ratioProblem holds the data of FitRatio and a scratch regressor.
type ratioProblem struct {
	logl, r, w, u []float64 // log λ, R, weights, scratch u = λ^κ
	lmin, lmax    float64   // log κ range
}

// line fits R = R0 + a·u, u = λ^κ, by WLS and returns the weighted residual
// sum of squares, R0, a and the known-variance SE of R0 at fixed κ.
func (p *ratioProblem) line(kappa float64) (s, r0, a, se float64) {
	var sw, swu, swr float64
	for i, ll := range p.logl {
		p.u[i] = math.Exp(kappa * ll)
		sw += p.w[i]
		swu += p.w[i] * p.u[i]
		swr += p.w[i] * p.r[i]
	}
	um, rm := swu/sw, swr/sw
	var suu, sur, srr float64
	for i := range p.u {
		du, dr := p.u[i]-um, p.r[i]-rm
		suu += p.w[i] * du * du
		sur += p.w[i] * du * dr
		srr += p.w[i] * dr * dr
	}
	if !(suu > 0) { // u constant to rounding: only the mean is fitted
		return srr, rm, 0, math.Sqrt(1 / sw)
	}
	a = sur / suu
	return max(srr-sur*sur/suu, 0), rm - a*um, a, math.Sqrt(1/sw + um*um/suu)
}

// origin fits R − r0 = a·λ^κ through the origin and returns the weighted
// residual sum of squares Σw(R−r0)² − (Σw u (R−r0))²/Σw u².
func (p *ratioProblem) origin(kappa, r0 float64) float64 {
	var suu, sur, srr float64
	for i, ll := range p.logl {
		u, d := math.Exp(kappa*ll), p.r[i]-r0
		suu += p.w[i] * u * u
		sur += p.w[i] * u * d
		srr += p.w[i] * d * d
	}
	return max(srr-sur*sur/suu, 0)
}

// minimize returns the minimiser of g over [lmin, lmax] and its value: the
// best of a grid of ratioGrid+1 points, refined by golden-section search
// between the grid neighbours.
func (p *ratioProblem) minimize(g func(float64) float64) (x, gx float64) {
	step := (p.lmax - p.lmin) / ratioGrid
	best, gBest := 0, math.Inf(1)
	for i := 0; i <= ratioGrid; i++ {
		if v := g(p.lmin + float64(i)*step); v < gBest {
			best, gBest = i, v
		}
	}
	lo := p.lmin + float64(max(best-1, 0))*step
	hi := p.lmin + float64(min(best+1, ratioGrid))*step
	x, gx = golden(g, lo, hi)
	if bx := p.lmin + float64(best)*step; gBest < gx {
		x, gx = bx, gBest
	}
	return x, gx
}

// golden minimises g on [lo, hi] by golden-section search to a width of
// 1e-9.
func golden(g func(float64) float64, lo, hi float64) (x, gx float64) {
	const r = 0.6180339887498949 // (√5 − 1)/2
	c, d := hi-r*(hi-lo), lo+r*(hi-lo)
	gc, gd := g(c), g(d)
	for hi-lo > 1e-9 {
		if gc < gd {
			hi, d, gd = d, c, gc
			c = hi - r*(hi-lo)
			gc = g(c)
		} else {
			lo, c, gc = c, d, gd
			d = lo + r*(hi-lo)
			gd = g(d)
		}
	}
	if gc < gd {
		return c, gc
	}
	return d, gd
}

// crossing returns the point x0 + t·h, t > 0, where excess first turns ≥ 0
// going out from x0 (where excess < 0): h is doubled until excess ≥ 0, then
// the crossing is bisected. It returns ±Inf (the sign of h) when no crossing
// is found within 2^80·|h|.
func crossing(excess func(float64) float64, x0, h float64) float64 {
	in := x0
	out := x0 + h
	for i := 0; excess(out) < 0; i++ {
		if i == 80 {
			return math.Copysign(math.Inf(1), h)
		}
		in, out = out, out+h*math.Exp2(float64(i+1))
	}
	return bisect(excess, in, out)
}

// clippedCrossing returns the crossing of excess between x0 (excess < 0)
// and the bound, or the bound if excess stays < 0 there.
func clippedCrossing(excess func(float64) float64, x0, bound float64) float64 {
	if excess(bound) < 0 {
		return bound
	}
	return bisect(excess, x0, bound)
}
