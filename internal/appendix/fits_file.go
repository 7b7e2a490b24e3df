package appendix

import (
	"io"
	"strconv"

	"github.com/htsgd/htsgd/report"
)

// FitsFile is fits.json: per first-exit series, the slope of log τ̄ on
// log η and the extrapolation of the ratio R(η) to η → 0 (Fit).
type FitsFile struct {
	// Level is the confidence level of every interval.
	Level  float64     `json:"level"`
	Series []SeriesFit `json:"series"`
	// RareFiles lists the rare-event files read (relative to the results
	// directory); empty when there were none.
	RareFiles []string `json:"rare_files"`
	// RareSkipped lists the files under rare/ that were not used, and why.
	RareSkipped []string `json:"rare_skipped"`
}

// SeriesFit holds the fits of one exit series.
type SeriesFit struct {
	Label string   `json:"label"`
	B     *float64 `json:"b"`
	Jump  int      `json:"jump_number"`
	// PredictedSlope is −(1 + J(α − 1)).
	PredictedSlope float64 `json:"predicted_slope"`
	// Slope over all cells with exits; SlopeSmall over the smallest half
	// of the η range (at least 3 cells), nearer the limit.
	Slope      *LineFit `json:"slope"`
	SlopeSmall *LineFit `json:"slope_small_eta"`
	// Points are the ratios fitted; Ratio the fit (null if it failed).
	Points []RatioPoint    `json:"points"`
	Ratio  *RatioFitResult `json:"ratio_fit"`
	Notes  []string        `json:"notes"`
}

// LineFit is a weighted least-squares slope of log τ̄ on log η
// (estimators.WLSLine: residual scale estimated, so the interval absorbs
// curvature) with the known-variance goodness of fit of a straight line.
type LineFit struct {
	Slope     float64  `json:"slope"`
	Low       float64  `json:"low"`
	High      float64  `json:"high"`
	GoodnessP *float64 `json:"goodness_p"`
	N         int      `json:"n"`
	EtaMin    float64  `json:"eta_min"`
	EtaMax    float64  `json:"eta_max"`
}

// RatioPoint is one R(η) = τ̄·q η λ(η)^J with its interval.
type RatioPoint struct {
	Eta    float64 `json:"eta"`
	Lambda float64 `json:"lambda"`
	R      float64 `json:"r"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	// Predicted is the predicted mean 1/(q η λ(η)^J), so the mean exit
	// time is R·Predicted.
	Predicted float64 `json:"predicted_steps"`
	// Weight is 1/Var(R) used by the fit.
	Weight float64 `json:"weight"`
	// Source is SourceBruteForce (exits.json) or SourceRare (rare/*.json).
	Source string `json:"source"`
	// Censored reports a cell with censored samples.
	Censored bool `json:"censored"`
	// Rare is the self-check of a rare-event estimate (its row's
	// report.RareDiagnostics: hazard ratio, transient bias, largest weight
	// share, effective exits, warning); absent for brute force and for a
	// report written before rows carried it.
	Rare *report.RareDiagnostics `json:"rare,omitempty"`
}

// The sources of a ratio point.
const (
	SourceBruteForce = "mc"
	SourceRare       = "rare"
)

// RatioFitResult is estimators.FitRatio on a series' ratios.
type RatioFitResult struct {
	R0            float64  `json:"r0"`
	R0Low         *float64 `json:"r0_low"`
	R0High        *float64 `json:"r0_high"`
	A             float64  `json:"a"`
	Kappa         float64  `json:"kappa"`
	KappaLow      float64  `json:"kappa_low"`
	KappaHigh     float64  `json:"kappa_high"`
	KappaAtBound  bool     `json:"kappa_at_bound"`
	KappaMin      float64  `json:"kappa_min"`
	KappaMax      float64  `json:"kappa_max"`
	Extrapolation float64  `json:"extrapolation"`
	LambdaMin     float64  `json:"lambda_min"`
	LambdaMax     float64  `json:"lambda_max"`
	ChiSq         float64  `json:"chi_sq"`
	DF            int      `json:"df"`
	GoodnessP     *float64 `json:"goodness_p"`
	N             int      `json:"n"`
}

// smallestEta returns the ratio point at the smallest η, or nil.
func (f SeriesFit) smallestEta() *RatioPoint {
	var best *RatioPoint
	for i := range f.Points {
		if p := &f.Points[i]; best == nil || p.Eta < best.Eta {
			best = p
		}
	}
	return best
}

// largestEta returns the ratio point at the largest η, or nil.
func (f SeriesFit) largestEta() *RatioPoint {
	var best *RatioPoint
	for i := range f.Points {
		if p := &f.Points[i]; best == nil || p.Eta > best.Eta {
			best = p
		}
	}
	return best
}

// writeFitsCSV writes the ratio points of fits.json, one line per (series,
// η), with the series' fitted R0 and its interval repeated on each line.
func writeFitsCSV(w io.Writer, f FitsFile) error {
	header := []string{"series", "b", "jump_number", "source", "eta", "lambda", "r", "r_low", "r_high", "predicted_steps",
		"weight", "censored", "r0", "r0_low", "r0_high", "kappa", "slope", "slope_low", "slope_high", "predicted_slope"}
	return csvTable(w, header, func(emit func([]string) error) error {
		for _, s := range f.Series {
			fit := make([]string, 4)
			if r := s.Ratio; r != nil {
				fit = []string{fmtExact(r.R0), csvNum(r.R0Low), csvNum(r.R0High), fmtExact(r.Kappa)}
			}
			slope := make([]string, 3)
			if l := s.Slope; l != nil {
				slope = []string{fmtExact(l.Slope), fmtExact(l.Low), fmtExact(l.High)}
			}
			for _, p := range s.Points {
				rec := []string{s.Label, csvNum(s.B), strconv.Itoa(s.Jump), p.Source, fmtExact(p.Eta), fmtExact(p.Lambda), fmtExact(p.R),
					fmtExact(p.Low), fmtExact(p.High), fmtExact(p.Predicted), fmtExact(p.Weight), strconv.FormatBool(p.Censored)}
				rec = append(append(append(rec, fit...), slope...), fmtExact(s.PredictedSlope))
				if err := emit(rec); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
