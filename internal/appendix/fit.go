package appendix

import (
	"io"
	"math"
	"slices"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/report"
)

// level is the confidence level of every interval in the appendix.
const level = 0.95

// z975 is the standard normal quantile Φ^{−1}(0.975), which turns a 95%
// interval into a standard error.
const z975 = 1.959963984540054

// Fit reads exits.json, theory.json and the rare-event estimates
// rare/appendix*.json (RarePattern, if any) in dir and writes fits.json and
// fits.csv: per series the slope of log τ̄ on log η and the extrapolation
// R(η) = R0 + a·λ(η)^κ of the ratio R = τ̄/(predicted mean)
// (docs/theory.md §6.3 and §11.6).
func Fit(dir string) error {
	var th TheoryFile
	var ex ExitsFile
	if err := readJSONFile(dir, FileTheory, &th); err != nil {
		return err
	}
	if err := th.check(); err != nil {
		return err
	}
	if err := readJSONFile(dir, FileExits, &ex); err != nil {
		return err
	}
	if err := ex.check(); err != nil {
		return err
	}
	rare, files, notes, err := readRare(dir)
	if err != nil {
		return err
	}
	out := FitsFile{Level: level, RareFiles: nonNil(files), RareSkipped: nonNil(notes)}
	for _, s := range ex.Series {
		tc, err := th.caseByLabel(s.Label)
		if err != nil {
			return err
		}
		out.Series = append(out.Series, fitSeries(s, tc, th, rare))
	}
	if err := writeJSONFile(dir, FileFits, out); err != nil {
		return err
	}
	return writeFile(dir, FileFitsCSV, func(w io.Writer) error { return writeFitsCSV(w, out) })
}

// sameB reports whether two optional thresholds are equal (nil = ∞).
func sameB(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// ratioPoints returns the series' R(η) points: brute-force cells with at
// least one exit, with Var(R) ≈ R²/d by the delta method (Var(log θ̂) ≈
// 1/d for d exits), and rare-event estimates with Var(R) from their 95%
// interval, R = mean/predicted with the prediction interpolated from
// theory.json (predictedAt), in decreasing η.
func ratioPoints(s ExitSeriesResult, tc *TheoryCase, th TheoryFile, rare []rareSeries) []RatioPoint {
	var pts []RatioPoint
	for _, c := range s.Cells {
		if c.Exits == 0 || c.Ratio == nil || c.RatioLow == nil || c.RatioHigh == nil {
			continue
		}
		R := *c.Ratio
		pts = append(pts, RatioPoint{Eta: c.Eta, Lambda: c.Lambda, R: R, Low: *c.RatioLow, High: *c.RatioHigh,
			Predicted: *c.PredictedSteps, Weight: float64(c.Exits) / (R * R), Source: SourceBruteForce, Censored: c.Censored > 0})
	}
	for _, f := range rare {
		if f.basin != s.Basin || !sameB(f.b, s.B) {
			continue
		}
		for _, r := range f.rows {
			mean := *r.MeanSteps
			if !(r.Eta > 0) || !(mean > 0) || r.CIHigh == nil || math.IsInf(*r.CIHigh, 0) {
				continue
			}
			pred := predictedAt(th.EtaGrid, tc.MeanExit, r.Eta)
			se := (*r.CIHigh - *r.CILow) / (2 * z975) / pred
			if !(se > 0) {
				continue
			}
			pts = append(pts, RatioPoint{Eta: r.Eta, Lambda: predictedAt(th.EtaGrid, th.Lambda, r.Eta), R: mean / pred,
				Low: *r.CILow / pred, High: *r.CIHigh / pred, Predicted: pred, Weight: 1 / (se * se), Source: SourceRare, Rare: r.Rare})
		}
	}
	slices.SortFunc(pts, func(a, b RatioPoint) int { return cmpFloat(b.Eta, a.Eta) })
	return pts
}

// predictedAt interpolates a positive function y of η, given on the grid
// etas (increasing), at eta, linearly in (log η, log y): exact for the
// predicted mean exit time and for λ(η) under the Pareto law, powers of η
// once η ≤ 1/c (docs/theory.md §3.4). Outside the grid it extrapolates
// the nearest segment.
func predictedAt(etas, y []float64, eta float64) float64 {
	i := 1
	for i < len(etas)-1 && etas[i] < eta {
		i++
	}
	x0, x1 := math.Log(etas[i-1]), math.Log(etas[i])
	y0, y1 := math.Log(y[i-1]), math.Log(y[i])
	return math.Exp(y0 + (y1-y0)*(math.Log(eta)-x0)/(x1-x0))
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// fitSeries computes the fits of one series.
func fitSeries(s ExitSeriesResult, tc *TheoryCase, th TheoryFile, rare []rareSeries) SeriesFit {
	f := SeriesFit{Label: s.Label, B: s.B, Jump: s.Jump, PredictedSlope: tc.Slope, Points: nonNil(ratioPoints(s, tc, th, rare)), Notes: []string{}}
	// Slope of log τ̄ on log η, weight 1/Var(log τ̄) = d (brute force) or
	// (R/SE_R)² (rare-event points).
	var x, y, w, etas []float64
	for _, p := range f.Points {
		x = append(x, math.Log(p.Eta))
		y = append(y, math.Log(p.R*p.Predicted))
		w = append(w, p.Weight*p.R*p.R)
		etas = append(etas, p.Eta)
	}
	if l, err := lineFit(x, y, w, etas); err == nil {
		f.Slope = l
	} else {
		f.Notes = append(f.Notes, "slope: "+err.Error())
	}
	if k := len(x); k >= 6 {
		h := max(3, k/2)
		if l, err := lineFit(x[k-h:], y[k-h:], w[k-h:], etas[k-h:]); err == nil {
			f.SlopeSmall = l
		}
	}
	lam, r, rw := make([]float64, len(f.Points)), make([]float64, len(f.Points)), make([]float64, len(f.Points))
	for i, p := range f.Points {
		lam[i], r[i], rw[i] = p.Lambda, p.R, p.Weight
	}
	rf, err := estimators.FitRatio(lam, r, rw, estimators.RatioFitOptions{Level: level, KnownVariance: true})
	if err != nil {
		f.Notes = append(f.Notes, "ratio fit: "+err.Error())
		return f
	}
	f.Ratio = &RatioFitResult{
		R0: rf.R0, R0Low: report.Num(rf.R0Low), R0High: report.Num(rf.R0High), A: rf.A, Kappa: rf.Kappa,
		KappaLow: rf.KappaLow, KappaHigh: rf.KappaHigh, KappaAtBound: rf.KappaAtBound,
		KappaMin: rf.KappaMin, KappaMax: rf.KappaMax, Extrapolation: rf.Extrapolation,
		LambdaMin: rf.LambdaMin, LambdaMax: rf.LambdaMax, ChiSq: rf.ChiSq, DF: rf.DF,
		GoodnessP: report.Num(rf.GoodnessP), N: rf.N,
	}
	return f
}

// lineFit fits log τ̄ = a + slope·log η: the slope's interval from WLSLine
// (residual scale estimated, so curvature widens it) and the goodness of fit
// of a straight line from WLSLineKnownVar (weights as inverse variances).
func lineFit(x, y, w, etas []float64) (*LineFit, error) {
	l, err := estimators.WLSLine(x, y, w, level)
	if err != nil {
		return nil, err
	}
	out := &LineFit{Slope: l.Slope, Low: l.SlopeLow, High: l.SlopeHigh, N: l.N, EtaMin: slices.Min(etas), EtaMax: slices.Max(etas)}
	if k, err := estimators.WLSLineKnownVar(x, y, w, level); err == nil {
		out.GoodnessP = report.Num(k.GoodnessP)
	}
	return out, nil
}

// nonNil returns s, or an empty slice for nil (JSON [] rather than null).
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
