package estimators

import "math"

// family says how the variance of a rung's estimate depends on its mean μ and
// on the rung's information n_k (exits or trials):
//
//	Var(y_k) = V(μ)/n_k.
type family int

const (
	// ratioFamily: y_k = R̂_k = θ̂_k/θ_pred,k, an exponential mean in units of
	// the prediction, from d_k = n_k exits, V(μ) = μ². This is the inverse
	// Fisher information of the (censored) exponential likelihood,
	// −d log θ − T/θ, whose second derivative at the MLE is −d/θ²; a rung from
	// another estimator enters with the effective n_k = 1/SE(log R̂_k)².
	ratioFamily family = iota
	// proportionFamily: y_k = c_k/n_k, a binomial proportion, V(μ) = μ(1 − μ).
	proportionFamily
)

// irlsFits is the number of weighted fits of fitLine and fitThrough: the
// first with variances at the data, then three reweightings at the fitted
// means. The variances depend on μ only through V(μ), which moves by a few
// per cent between fits, so more iterations change nothing visible.
const irlsFits = 4

// series is one quantity measured along a step-size ladder: rung k has the
// scale λ_k (non-increasing in k: the ladder walks towards λ = 0), the
// estimate y_k and its information n_k. ci returns the confidence interval of
// rung k's mean at a level, by the family's own (exact where possible)
// method.
type series struct {
	fam    family
	lambda []float64
	y      []float64
	info   []float64
	ci     func(k int, level float64) (lo, hi float64)
}

// len is the number of rungs.
func (s series) len() int { return len(s.lambda) }

// suffix drops the first m rungs (the largest λ).
func (s series) suffix(m int) series {
	ci := s.ci
	return series{
		fam: s.fam, lambda: s.lambda[m:], y: s.y[m:], info: s.info[m:],
		ci: func(k int, level float64) (float64, float64) { return ci(k+m, level) },
	}
}

// distinctLambda reports whether the rungs have at least two different λ,
// the least a trend or an extrapolation needs.
func (s series) distinctLambda() bool {
	for _, l := range s.lambda[1:] {
		if l != s.lambda[0] {
			return true
		}
	}
	return false
}

// variance is Var(y_k) = V(μ)/n_k at mean μ. μ is kept inside the
// family's range, so that a fitted line crossing it at some rung gives a
// large but finite variance there: ratio means stay ≥ y_k/4, proportions in
// [1/(2n_k), 1 − 1/(2n_k)] (half a count from the ends).
func (s series) variance(k int, mu float64) float64 {
	n := s.info[k]
	if s.fam == proportionFamily {
		lo := 0.5 / n
		mu = min(max(mu, lo), 1-lo)
		return mu * (1 - mu) / n
	}
	mu = max(mu, s.y[k]/4)
	return mu * mu / n
}

// fitLine fits y_k = b0 + b1·x_k by iteratively reweighted least squares
// (weights 1/Var(y_k) at the fitted means; for the ratio family this is the
// maximum-likelihood fit of a Gamma model with identity link, i.e. of the
// exponential exit-time likelihood), and returns the known-variance line
// (SEs from the weights; ChiSq is the Pearson statistic Σ (y − μ)²/Var).
// x needs two distinct values.
func (s series) fitLine(x []float64) (Line, error) {
	w := make([]float64, s.len())
	for k := range w {
		w[k] = 1 / s.variance(k, s.y[k])
	}
	for range irlsFits - 1 {
		b0, b1, ok := wlsCoefficients(x, s.y, w)
		if !ok {
			break // WLSLineKnownVar reports the error below
		}
		for k := range w {
			w[k] = 1 / s.variance(k, b0+b1*x[k])
		}
	}
	return WLSLineKnownVar(x, s.y, w, 0.95)
}

// wlsCoefficients is the weighted least-squares line of WLSLine without
// its standard errors and tests (for the inner iterations of fitLine); ok
// is false when x has no spread.
func wlsCoefficients(x, y, w []float64) (b0, b1 float64, ok bool) {
	var sw, swx, swy float64
	for i := range x {
		sw += w[i]
		swx += w[i] * x[i]
		swy += w[i] * y[i]
	}
	xm, ym := swx/sw, swy/sw
	var sxx, sxy float64
	for i := range x {
		dx := x[i] - xm
		sxx += w[i] * dx * dx
		sxy += w[i] * dx * (y[i] - ym)
	}
	if !(sxx > 0) {
		return 0, 0, false
	}
	b1 = sxy / sxx
	return ym - b1*xm, b1, true
}

// throughFit is the fit of y_k = L + A·u_k with L fixed.
type throughFit struct {
	A, ASE float64 // A and its known-variance SE
	ChiSq  float64 // Pearson Σ (y − L − A u)²/Var
}

// fitThrough fits y_k − L = A·u_k (a line through (0, L)) by iteratively
// reweighted least squares, as fitLine:
//
//	A = Σ w u (y − L) / Σ w u²,   SE(A) = (Σ w u²)^{−1/2}.
func (s series) fitThrough(u []float64, limit float64) throughFit {
	w := make([]float64, s.len())
	for k := range w {
		w[k] = 1 / s.variance(k, s.y[k])
	}
	var f throughFit
	for it := range irlsFits {
		var suu, suy float64
		for k, uk := range u {
			suu += w[k] * uk * uk
			suy += w[k] * uk * (s.y[k] - limit)
		}
		f.A, f.ASE = suy/suu, 1/math.Sqrt(suu)
		if it == irlsFits-1 {
			break
		}
		for k := range w {
			w[k] = 1 / s.variance(k, limit+f.A*u[k])
		}
	}
	f.ChiSq = 0
	for k, uk := range u {
		r := s.y[k] - limit - f.A*uk
		f.ChiSq += w[k] * r * r
	}
	return f
}

// dispersion is the overdispersion factor φ = max(1, χ²/df) by which
// variances are multiplied when a model fits worse than its known variances
// allow (the "scale factor" of the Particle Data Group; with df = 0 there is
// nothing to estimate it from and φ = 1). Under the model χ²/df has mean 1,
// so φ ≥ 1 only ever widens an interval.
func dispersion(chi2 float64, df int) float64 {
	if df <= 0 {
		return 1
	}
	return max(1, chi2/float64(df))
}

// powerRegressor fills u with (λ_k/λ_0)^κ, the regressor of the bias model
// R = R0 + A·λ^κ normalised so that u_0 = 1 at the largest λ of the series
// (A is then the bias at that rung, and tiny λ^κ do not underflow the fit).
func powerRegressor(u, lambda []float64, kappa float64) {
	for k, l := range lambda {
		u[k] = math.Pow(l/lambda[0], kappa)
	}
}

// kappaGrid returns kappaGridPoints values of κ log-spaced over [lo, hi].
func kappaGrid(lo, hi float64) []float64 {
	g := make([]float64, kappaGridPoints)
	for i := range g {
		g[i] = lo * math.Pow(hi/lo, float64(i)/float64(kappaGridPoints-1))
	}
	g[len(g)-1] = hi
	return g
}

// kappaGridPoints is the number of κ values over the assumed range. Unions
// and extremes over κ are taken on this grid: their ends are smooth in κ and
// usually at an end of the range (smaller κ extrapolates further), which the
// grid contains exactly; an interior extreme is missed by O(h²) with
// h = log(κmax/κmin)/48 ≈ 0.043 for the default range.
const kappaGridPoints = 49
