package gen

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/report"
)

// RareFile is the format Fit reads from rare/appendix*.json under the
// results directory (the other files there are the rare-event engineer's
// working outputs, which the appendix does not pick up by itself: an
// estimate enters the appendix by being written, or copied, under that
// name): rare-event estimates (package rare, THEORY.md section 9) of the
// mean exit time from Basin (default 1, Ω_2) of paper-1d with truncation B
// (null: none), one rare.Result per η. Only eta, mean_steps, mean_low and
// mean_high of each result are used.
//
// A file written by `rare-bench sweep` (one rare.Result under "result", its
// setting under "setup") is read too, when its point is the paper's setting
// (α = 1.2, c = 0.1), and so is the output of `verify exit -method is
// -json` on a scenario of the paper's setting (see parseVerifyExit). Files
// of any other shape are skipped with a note.
type RareFile struct {
	B       *float64  `json:"b"`
	Basin   *int      `json:"basin"`
	Results []RareRow `json:"results"`
}

// RareRow is the part of a rare.Result that Fit uses.
type RareRow struct {
	Eta       float64  `json:"eta"`
	MeanSteps float64  `json:"mean_steps"`
	MeanLow   float64  `json:"mean_low"`
	MeanHigh  *float64 `json:"mean_high"`
}

// rareBenchFile is the shape of a `rare-bench sweep` output that Fit uses.
type rareBenchFile struct {
	Setup *struct {
		Point struct {
			Alpha float64 `json:"alpha"`
			C     float64 `json:"c"`
			B     float64 `json:"b"`
			Start int     `json:"start_index"`
		} `json:"point"`
	} `json:"setup"`
	Result *RareRow `json:"result"`
}

// verifyExitFile is the shape of `verify exit -json` output (with -method
// is, or brute force) that Fit uses: the scenario's setting and per row the
// step size, the basin and the mean with its interval.
type verifyExitFile struct {
	Scenario *struct {
		Landscape struct {
			Kind   string    `json:"kind"`
			Domain []float64 `json:"domain"`
		} `json:"landscape"`
		Noise struct {
			Law   string   `json:"law"`
			Alpha *float64 `json:"alpha"`
			Scale float64  `json:"scale"`
			PPlus *float64 `json:"p_plus"`
		} `json:"noise"`
		SGD struct {
			B *float64 `json:"b"`
		} `json:"sgd"`
	} `json:"scenario"`
	Rows []struct {
		Eta       float64  `json:"eta"`
		Basin     int      `json:"basin"`
		MeanSteps *float64 `json:"mean_steps"`
		Low       *float64 `json:"ci_low"`
		High      *float64 `json:"ci_high"`
	} `json:"rows"`
}

// parseVerifyExit converts a `verify exit -json` output of the paper's
// setting (paper-1d on [−1.6, 1.6], symmetric Pareto with α = 1.2 and
// c = 0.1, rows of one basin with a mean) into a RareFile; ok is false for
// any other file.
func parseVerifyExit(data []byte) (RareFile, bool) {
	var v verifyExitFile
	if err := json.Unmarshal(data, &v); err != nil || v.Scenario == nil || len(v.Rows) == 0 {
		return RareFile{}, false
	}
	sc := v.Scenario
	if sc.Landscape.Kind != "paper-1d" || len(sc.Landscape.Domain) != 2 || sc.Landscape.Domain[0] != -1.6 || sc.Landscape.Domain[1] != 1.6 ||
		sc.Noise.Law != "pareto" || sc.Noise.Alpha == nil || *sc.Noise.Alpha != paperAlpha || sc.Noise.Scale != paperScale ||
		(sc.Noise.PPlus != nil && *sc.Noise.PPlus != 0.5) {
		return RareFile{}, false
	}
	basin := v.Rows[0].Basin
	f := RareFile{B: sc.SGD.B, Basin: &basin}
	for _, r := range v.Rows {
		if r.Basin != basin || r.MeanSteps == nil || r.Low == nil {
			return RareFile{}, false
		}
		f.Results = append(f.Results, RareRow{Eta: r.Eta, MeanSteps: *r.MeanSteps, MeanLow: *r.Low, MeanHigh: r.High})
	}
	return f, true
}

// parseRare decodes one rare/*.json file in any of the three shapes; ok is
// false for a file of another shape or setting.
func parseRare(data []byte) (RareFile, bool) {
	if f, ok := parseVerifyExit(data); ok {
		return f, true
	}
	var f RareFile
	if err := json.Unmarshal(data, &f); err == nil && len(f.Results) > 0 {
		return f, true
	}
	var rb rareBenchFile
	if err := json.Unmarshal(data, &rb); err != nil || rb.Setup == nil || rb.Result == nil {
		return RareFile{}, false
	}
	pt := rb.Setup.Point
	if pt.Alpha != paperAlpha || pt.C != paperScale || !(pt.B > 0) {
		return RareFile{}, false
	}
	b, basin := pt.B, pt.Start
	return RareFile{B: &b, Basin: &basin, Results: []RareRow{*rb.Result}}, true
}

// RarePattern selects the rare-event files of the appendix under rare/.
const RarePattern = "appendix*.json"

// z975 is the standard normal quantile Φ^{−1}(0.975), which turns a 95%
// interval into a standard error.
const z975 = 1.959963984540054

// Fit reads exits.json, theory.json and rare/*.json (if any) in dir and
// writes fits.json: per series the slope of log τ̄ on log η and the
// extrapolation R(η) = R0 + a·λ(η)^κ of the ratio R = τ̄/(predicted mean)
// (THEORY.md section 7).
func Fit(dir string) error {
	var th TheoryFile
	var ex ExitsFile
	if err := readJSONFile(dir, FileTheory, &th); err != nil {
		return err
	}
	if err := readJSONFile(dir, FileExits, &ex); err != nil {
		return err
	}
	rare, files, notes := readRare(dir)
	out := FitsFile{Level: level, RareFiles: nonNil(files), RareSkipped: nonNil(notes)}
	for _, s := range ex.Series {
		tc, err := th.caseByLabel(s.Label)
		if err != nil {
			return err
		}
		f := fitSeries(s, tc, th, rare)
		out.Series = append(out.Series, f)
	}
	if err := writeJSONFile(dir, FileFits, out); err != nil {
		return err
	}
	return writeFile(dir, FileFitsCSV, func(w io.Writer) error { return writeFitsCSV(w, out) })
}

// readRare reads every rare/appendix*.json in one of the accepted shapes.
func readRare(dir string) (files []RareFile, names, notes []string) {
	paths, _ := filepath.Glob(filepath.Join(dir, DirRare, RarePattern))
	sort.Strings(paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s: %v", rel, err))
			continue
		}
		f, ok := parseRare(data)
		if !ok {
			notes = append(notes, fmt.Sprintf("%s: skipped (not a rare-event estimate for the paper's setting)", rel))
			continue
		}
		files = append(files, f)
		names = append(names, rel)
	}
	return files, names, notes
}

// sameB reports whether two optional thresholds are equal (nil = ∞).
func sameB(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// ratioPoints returns the series' R(η) points: brute force cells with at
// least one exit, with Var(R) ≈ R²/d by the delta method (estimators.ExpMean
// LogMean: Var(log θ̂) ≈ 1/d), and rare-event estimates with Var(R) from
// their 95% interval, R = mean/predicted with the prediction interpolated
// from theory.json (predictedAt).
func ratioPoints(s ExitSeriesResult, tc *TheoryCase, th TheoryFile, rare []RareFile) []RatioPoint {
	var pts []RatioPoint
	for _, c := range s.Cells {
		if c.Exits == 0 || c.Ratio == nil || c.RatioLow == nil || c.RatioHigh == nil {
			continue
		}
		R := *c.Ratio
		pts = append(pts, RatioPoint{Eta: c.Eta, Lambda: c.Lambda, R: R, Low: *c.RatioLow, High: *c.RatioHigh,
			Predicted: *c.PredictedSteps, Weight: float64(c.Exits) / (R * R), Source: "mc", Censored: c.Censored > 0})
	}
	for _, f := range rare {
		basin := exitBasin
		if f.Basin != nil {
			basin = *f.Basin
		}
		if basin != s.Basin || !sameB(f.B, s.B) {
			continue
		}
		for _, r := range f.Results {
			if !(r.Eta > 0) || !(r.MeanSteps > 0) || r.MeanHigh == nil || math.IsInf(*r.MeanHigh, 0) {
				continue
			}
			pred := predictedAt(th, tc, r.Eta)
			se := (*r.MeanHigh - r.MeanLow) / (2 * z975) / pred
			if !(se > 0) {
				continue
			}
			lam := interpLambda(th, r.Eta)
			pts = append(pts, RatioPoint{Eta: r.Eta, Lambda: lam, R: r.MeanSteps / pred, Low: r.MeanLow / pred,
				High: *r.MeanHigh / pred, Predicted: pred, Weight: 1 / (se * se), Source: "rare"})
		}
	}
	slices.SortFunc(pts, func(a, b RatioPoint) int { return cmpFloat(b.Eta, a.Eta) })
	return pts
}

// interpLambda interpolates λ(η) from theory.json's grid in (log η, log λ),
// exact for the Pareto law once η ≤ 1/c.
func interpLambda(th TheoryFile, eta float64) float64 {
	tc := &TheoryCase{MeanExit: th.Lambda}
	return predictedAt(th, tc, eta)
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
func fitSeries(s ExitSeriesResult, tc *TheoryCase, th TheoryFile, rare []RareFile) SeriesFit {
	f := SeriesFit{Label: s.Label, B: s.B, Jump: s.Jump, PredictedSlope: tc.Slope, Points: nonNil(ratioPoints(s, tc, th, rare)), Notes: []string{}}
	// Slope of log τ̄ on log η, weight 1/Var(log τ̄) = d (brute force) or
	// (R/SE_R)² (rare-event points): THEORY.md section 7.
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
