package report

import (
	"encoding/json"

	"github.com/htsgd/htsgd/theory"
)

// TheoryCheck is the Monte Carlo cross-check of the rate constants
// (theory.CrossCheck), in the shape of Analysis.Rates.
type TheoryCheck struct {
	// Samples is the number of Monte Carlo paths per side of each minimum.
	Samples int `json:"samples"`
	// Rates and Stderr are the estimates of q_{i,j} and their standard
	// errors.
	Rates  [][]float64 `json:"rates"`
	Stderr [][]float64 `json:"stderr"`
}

// EtaPrediction holds the predictions at one step size η (docs/theory.md
// §6-§9). Intervals come from the Monte Carlo error of the rates;
// they are the point value at both ends when the rates are exact.
type EtaPrediction struct {
	// Eta is η and Lambda λ(η) = η^{−1} H(η^{−1}), H the tail of ‖Z‖.
	Eta    float64
	Lambda float64
	// MeanExitSteps[i] is 1/(q_i η λ(η)^{J_i}) (nil if Ω_i cannot be
	// left), and MeanExitLow/High its 95% interval through that of q_i.
	MeanExitSteps []*float64
	MeanExitLow   []*float64
	MeanExitHigh  []*float64
	// TimeUnit[c] is 1/(η λ(η)^{J_G}) steps for class c.
	TimeUnit []*float64
	// NarrowFraction[i] is the first-order finite-η fraction of time in the
	// narrow basin Ω_i (0 for wide minima, nil for transient classes).
	NarrowFraction []*float64
	// TimeFraction[i] is the first-order fraction of time in every basin
	// (theory.Analysis.TimeFractions); empty when the graph is not one
	// absorbing class.
	TimeFraction []*float64
	// NarrowFractionLow/High and TimeFractionLow/High are the 95%
	// intervals of NarrowFraction and TimeFraction from the Monte Carlo
	// error of the rates (theory's percentile bootstrap over the sample
	// paths; not the error of the first-order heuristic); nil when the
	// analysis kept no resamples.
	NarrowFractionLow, NarrowFractionHigh []*float64
	TimeFractionLow, TimeFractionHigh     []*float64
}

// TheoryReport is the output of `verify theory`, in any dimension: the
// analysis, the intervals of its Monte Carlo constants, the predictions per
// step size and, with -check, the cross-check of exact rates. When the
// theory does not apply (light-tailed noise) Analysis is nil and Reason
// says why.
type TheoryReport struct {
	*theory.Analysis
	// Reason says why the theory does not apply, when Analysis is nil.
	Reason string
	// ExitRateCI[i] is the 95% interval of q_i = C*_i ([q_i, q_i] when
	// exact).
	ExitRateCI [][2]float64
	// StationaryLow/High are the 95% intervals of the stationary law (the
	// analysis' Stationary, in the order of Wide) and
	// ClassStationaryLow/High[c] those of class c's (nil for a transient
	// class), from the Monte Carlo error of the rates (theory's percentile
	// bootstrap); nil when the analysis kept no resamples.
	StationaryLow, StationaryHigh           []float64
	ClassStationaryLow, ClassStationaryHigh [][]float64
	// Predictions holds one entry per η of the scenario.
	Predictions []EtaPrediction
	// Check is the Monte Carlo cross-check of exact rates (nil without it).
	Check *TheoryCheck
}

// MarshalJSON encodes the report, the command line's contract: the keys of
// the analysis (theory.Analysis.MarshalJSON) followed by the report's own.
// For exact rates those are
//
//	predictions [check]
//
// with predictions[k] = {eta, lambda, mean_exit_steps, time_unit,
// narrow_fraction}; for Monte Carlo rates
//
//	exit_rate_ci [stationary_ci_low stationary_ci_high
//	class_stationary_ci_low class_stationary_ci_high] predictions
//
// with predictions[k] = {eta, lambda, mean_exit_steps,
// mean_exit_steps_ci_low, mean_exit_steps_ci_high, time_unit,
// narrow_fraction, time_fraction, [narrow_fraction_ci_low
// narrow_fraction_ci_high time_fraction_ci_low time_fraction_ci_high]}
// (keys in brackets only when they have a value). When the theory does not
// apply the report is {"applicable": false, "reason": Reason}.
func (r TheoryReport) MarshalJSON() ([]byte, error) {
	if r.Analysis == nil {
		return json.Marshal(struct {
			Applicable bool   `json:"applicable"`
			Reason     string `json:"reason"`
		}{false, r.Reason})
	}
	base, err := r.Analysis.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var extra []byte
	if r.Exact {
		preds := make([]exactPredictionJSON, len(r.Predictions))
		for k, p := range r.Predictions {
			preds[k] = exactPredictionJSON{Eta: p.Eta, Lambda: p.Lambda, MeanExitSteps: p.MeanExitSteps,
				TimeUnit: p.TimeUnit, NarrowFraction: p.NarrowFraction}
		}
		extra, err = json.Marshal(struct {
			Predictions []exactPredictionJSON `json:"predictions"`
			Check       *TheoryCheck          `json:"check,omitempty"`
		}{preds, r.Check})
	} else {
		preds := make([]monteCarloPredictionJSON, len(r.Predictions))
		for k, p := range r.Predictions {
			preds[k] = monteCarloPredictionJSON(p) // the same fields, with the JSON keys
		}
		extra, err = json.Marshal(struct {
			ExitRateCI          [][2]float64               `json:"exit_rate_ci"`
			StationaryLow       []float64                  `json:"stationary_ci_low,omitempty"`
			StationaryHigh      []float64                  `json:"stationary_ci_high,omitempty"`
			ClassStationaryLow  [][]float64                `json:"class_stationary_ci_low,omitempty"`
			ClassStationaryHigh [][]float64                `json:"class_stationary_ci_high,omitempty"`
			Predictions         []monteCarloPredictionJSON `json:"predictions"`
		}{r.ExitRateCI, r.StationaryLow, r.StationaryHigh, r.ClassStationaryLow, r.ClassStationaryHigh, preds})
	}
	if err != nil {
		return nil, err
	}
	// Both are JSON objects: splice "{…}" + "{…}" into one object.
	return append(append(base[:len(base)-1:len(base)-1], ','), extra[1:]...), nil
}

// exactPredictionJSON is the layout of a prediction from exact rates.
type exactPredictionJSON struct {
	Eta            float64    `json:"eta"`
	Lambda         float64    `json:"lambda"`
	MeanExitSteps  []*float64 `json:"mean_exit_steps"`
	TimeUnit       []*float64 `json:"time_unit"`
	NarrowFraction []*float64 `json:"narrow_fraction"`
}

// monteCarloPredictionJSON is the layout of a prediction from Monte Carlo
// rates.
type monteCarloPredictionJSON struct {
	Eta                float64    `json:"eta"`
	Lambda             float64    `json:"lambda"`
	MeanExitSteps      []*float64 `json:"mean_exit_steps"`
	MeanExitLow        []*float64 `json:"mean_exit_steps_ci_low"`
	MeanExitHigh       []*float64 `json:"mean_exit_steps_ci_high"`
	TimeUnit           []*float64 `json:"time_unit"`
	NarrowFraction     []*float64 `json:"narrow_fraction"`
	TimeFraction       []*float64 `json:"time_fraction"`
	NarrowFractionLow  []*float64 `json:"narrow_fraction_ci_low,omitempty"`
	NarrowFractionHigh []*float64 `json:"narrow_fraction_ci_high,omitempty"`
	TimeFractionLow    []*float64 `json:"time_fraction_ci_low,omitempty"`
	TimeFractionHigh   []*float64 `json:"time_fraction_ci_high,omitempty"`
}
