package estimators

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Line is a weighted least-squares fit y ≈ Intercept + Slope·x with standard
// errors and confidence intervals; see WLSLine and WLSLineKnownVar.
type Line struct {
	Slope, Intercept            float64
	SlopeSE, InterceptSE        float64
	SlopeLow, SlopeHigh         float64 // CI for the slope at Level
	InterceptLow, InterceptHigh float64 // CI for the intercept at Level
	Cov                         float64 // Cov(Intercept, Slope)
	Scale                       float64 // σ̂ multiplying the weights' variances; 1 with known variances
	ChiSq                       float64 // Σ w_i r_i², r_i the residuals
	DF                          int     // n − 2
	GoodnessP                   float64 // P(χ²_DF ≥ ChiSq); NaN when DF = 0
	N                           int     // number of points
	Level                       float64 // confidence level of the CIs
	KnownVariance               bool    // true for WLSLineKnownVar
}

// WLSLine fits y = a + b·x by weighted least squares, minimising
// Σ w_i (y_i − a − b x_i)², for the model Var(y_i) = σ²/w_i with σ unknown:
// the weights give relative precisions and σ is estimated from the residual
// scale. With W = Σw, x̄ = Σwx/W, ȳ = Σwy/W, Sxx = Σw(x−x̄)², Sxy = Σw(x−x̄)(y−ȳ):
//
//	b = Sxy/Sxx,   a = ȳ − b x̄,   σ̂² = Σ w r²/(n−2)
//	Var(b) = σ̂²/Sxx,   Var(a) = σ̂²(1/W + x̄²/Sxx),   Cov(a, b) = −σ̂² x̄/Sxx
//
// and the CIs are estimate ± t_{n−2}(1−a/2)·SE, exact for Gaussian errors.
// Even when the weights are inverse known variances, this function uses the
// residual scale σ̂ (so the SEs absorb any misfit, such as a curvature the
// line does not capture); use WLSLineKnownVar to take the variances at face
// value. GoodnessP is reported for both but is a real test only there.
//
// Main use (docs/theory.md §12.4): x = log η, y = log θ̂ with weight
// w = 1/Var(log θ̂) ≈ d (see ExpMean.LogMean); the slope should be
// −(1 + J(α−1)) for Pareto noise, up to pre-asymptotic bias.
//
// Errors name the parameter: x, y, w of different lengths or fewer than 3
// points; a non-finite x or y; a weight that is not finite and > 0; x with
// fewer than 2 distinct values; level outside (0, 1).
func WLSLine(x, y, w []float64, level float64) (Line, error) {
	return wlsLine(x, y, w, level, false)
}

// WLSLineKnownVar is WLSLine for weights that are inverse known variances,
// w_i = 1/Var(y_i): σ² = 1 is not estimated, the SEs are
// Var(b) = 1/Sxx, Var(a) = 1/W + x̄²/Sxx, the CIs use the normal quantile
// z(1−a/2), and ChiSq = Σ w r² ~ χ²_{n−2} under the model gives GoodnessP, a
// test of the straight line itself. Two points suffice (DF = 0, GoodnessP
// NaN).
//
// For log mean exit times, Var(log θ̂) ≈ 1/d is a delta-method
// approximation, good for d ≳ 30; the pre-asymptotic curvature of log τ̄
// against log η (docs/theory.md §11.2) will make GoodnessP small once d is
// large, which is a finding, not a failure of the fit.
func WLSLineKnownVar(x, y, w []float64, level float64) (Line, error) {
	return wlsLine(x, y, w, level, true)
}

func wlsLine(x, y, w []float64, level float64, known bool) (Line, error) {
	minN := 3
	if known {
		minN = 2
	}
	switch {
	case len(y) != len(x):
		return Line{}, fmt.Errorf("y: length %d, want %d (the length of x)", len(y), len(x))
	case len(w) != len(x):
		return Line{}, fmt.Errorf("w: length %d, want %d (the length of x)", len(w), len(x))
	case len(x) < minN:
		return Line{}, fmt.Errorf("x: need at least %d points, got %d", minN, len(x))
	}
	if err := checkLevel("level", level); err != nil {
		return Line{}, err
	}
	var sw, swx, swy float64
	for i := range x {
		switch {
		case math.IsNaN(x[i]) || math.IsInf(x[i], 0):
			return Line{}, fmt.Errorf("x[%d]: must be finite, got %v", i, x[i])
		case math.IsNaN(y[i]) || math.IsInf(y[i], 0):
			return Line{}, fmt.Errorf("y[%d]: must be finite, got %v", i, y[i])
		case !(w[i] > 0) || math.IsInf(w[i], 1):
			return Line{}, fmt.Errorf("w[%d]: must be finite and > 0, got %v", i, w[i])
		}
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
		return Line{}, fmt.Errorf("x: need at least 2 distinct values")
	}
	l := Line{
		N:             len(x),
		DF:            len(x) - 2,
		Level:         level,
		KnownVariance: known,
	}
	l.Slope = sxy / sxx
	l.Intercept = ym - l.Slope*xm
	for i := range x {
		r := y[i] - l.Intercept - l.Slope*x[i]
		l.ChiSq += w[i] * r * r
	}
	l.GoodnessP = math.NaN()
	if l.DF > 0 {
		l.GoodnessP = distuv.ChiSquared{K: float64(l.DF)}.Survival(l.ChiSq)
	}
	s2 := 1.0
	var q float64
	if known {
		q = distuv.UnitNormal.Quantile(1 - (1-level)/2)
	} else {
		s2 = l.ChiSq / float64(l.DF)
		q = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(l.DF)}.Quantile(1 - (1-level)/2)
	}
	l.Scale = math.Sqrt(s2)
	l.SlopeSE = math.Sqrt(s2 / sxx)
	l.InterceptSE = math.Sqrt(s2 * (1/sw + xm*xm/sxx))
	l.Cov = -s2 * xm / sxx
	l.SlopeLow, l.SlopeHigh = l.Slope-q*l.SlopeSE, l.Slope+q*l.SlopeSE
	l.InterceptLow, l.InterceptHigh = l.Intercept-q*l.InterceptSE, l.Intercept+q*l.InterceptSE
	return l, nil
}

// Predict returns the fitted value a + b·x at x and its standard error
// sqrt(Var(a) + x²Var(b) + 2x·Cov(a, b)).
func (l Line) Predict(x float64) (y, se float64) {
	v := l.InterceptSE*l.InterceptSE + x*x*l.SlopeSE*l.SlopeSE + 2*x*l.Cov
	return l.Intercept + l.Slope*x, math.Sqrt(max(v, 0))
}

// LogMean returns the point (log θ̂, weight) for a regression of log mean exit
// time on log η (WLSLine, WLSLineKnownVar). By the delta method,
// Var(log θ̂) ≈ Var(θ̂)/θ² ≈ 1/d (d = Exits; for a complete sample θ̂ is
// θ·Gamma(d, 1)/d, whose log has variance ψ'(d) = 1/d + O(1/d²)), so the
// weight is w = d. log θ̂ is biased by about −1/(2d), which shifts the
// intercept only when d is the same at every η.
// With no exits it returns (NaN, 0): leave that point out of the fit.
func (e ExpMean) LogMean() (y, w float64) {
	if e.Exits == 0 {
		return math.NaN(), 0
	}
	return math.Log(e.Mean), float64(e.Exits)
}
