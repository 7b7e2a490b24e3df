package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/theory"
)

// EtaPredictionRd holds the predictions at one step size for an R^d
// scenario.
type EtaPredictionRd struct {
	// Eta is η and Lambda λ(η) = η^{−1} H(η^{−1}), H the tail of ‖Z‖.
	Eta    float64 `json:"eta"`
	Lambda float64 `json:"lambda"`
	// MeanExitSteps[i] is 1/(C*_i η λ(η)^{J_i}) (null if Ω_i cannot be
	// left), and MeanExitLow/High its 95% interval through that of C*.
	MeanExitSteps []*float64 `json:"mean_exit_steps"`
	MeanExitLow   []*float64 `json:"mean_exit_steps_ci_low"`
	MeanExitHigh  []*float64 `json:"mean_exit_steps_ci_high"`
	// TimeUnit[c] is 1/(η λ(η)^{J_G}) steps for class c.
	TimeUnit []*float64 `json:"time_unit"`
	// NarrowFraction[i] is the first-order finite-η fraction of time in the
	// narrow basin Ω_i (0 for wide minima, null for transient classes).
	NarrowFraction []*float64 `json:"narrow_fraction"`
	// TimeFraction[i] is the first-order fraction of time in every basin
	// (theory.AnalysisRd.TimeFractions); empty when the graph is not one
	// absorbing class.
	TimeFraction []*float64 `json:"time_fraction"`
	// NarrowFractionLow/High and TimeFractionLow/High are the 95%
	// intervals of NarrowFraction and TimeFraction from the Monte Carlo
	// error of the rates (theory's percentile bootstrap over the sample
	// paths; not the error of the first-order heuristic); absent when the
	// analysis kept no resamples.
	NarrowFractionLow  []*float64 `json:"narrow_fraction_ci_low,omitempty"`
	NarrowFractionHigh []*float64 `json:"narrow_fraction_ci_high,omitempty"`
	TimeFractionLow    []*float64 `json:"time_fraction_ci_low,omitempty"`
	TimeFractionHigh   []*float64 `json:"time_fraction_ci_high,omitempty"`
}

// TheoryReportRd is the output of `verify theory` on an R^d scenario: the
// analysis (its JSON keys first, with the 1-D meaning where the 1-D
// report has the key) and the predictions per step size.
type TheoryReportRd struct {
	*theory.AnalysisRd
	// ExitRateCI[i] is the 95% interval C*_i ± z·SE.
	ExitRateCI [][2]float64 `json:"exit_rate_ci"`
	// StationaryLow/High are the 95% intervals of the stationary law
	// (the analysis' stationary, in the order of wide) and
	// ClassStationaryLow/High[c] those of class c's (null for a transient
	// class), from the Monte Carlo error of the rates (theory's percentile
	// bootstrap); absent when the analysis kept no resamples.
	StationaryLow       []float64   `json:"stationary_ci_low,omitempty"`
	StationaryHigh      []float64   `json:"stationary_ci_high,omitempty"`
	ClassStationaryLow  [][]float64 `json:"class_stationary_ci_low,omitempty"`
	ClassStationaryHigh [][]float64 `json:"class_stationary_ci_high,omitempty"`
	// Predictions holds one entry per η of the scenario.
	Predictions []EtaPredictionRd `json:"predictions"`
}

// MarshalJSON merges the analysis' own JSON with the extra keys.
func (r TheoryReportRd) MarshalJSON() ([]byte, error) {
	base, err := r.AnalysisRd.MarshalJSON()
	if err != nil {
		return nil, err
	}
	extra, err := json.Marshal(struct {
		ExitRateCI          [][2]float64      `json:"exit_rate_ci"`
		StationaryLow       []float64         `json:"stationary_ci_low,omitempty"`
		StationaryHigh      []float64         `json:"stationary_ci_high,omitempty"`
		ClassStationaryLow  [][]float64       `json:"class_stationary_ci_low,omitempty"`
		ClassStationaryHigh [][]float64       `json:"class_stationary_ci_high,omitempty"`
		Predictions         []EtaPredictionRd `json:"predictions"`
	}{r.ExitRateCI, r.StationaryLow, r.StationaryHigh, r.ClassStationaryLow, r.ClassStationaryHigh, r.Predictions})
	if err != nil {
		return nil, err
	}
	return append(append(base[:len(base)-1:len(base)-1], ','), extra[1:]...), nil
}

// fmtSet renders minimum set i: its point, or "A – B" for a segment.
func fmtSet(a *theory.AnalysisRd, i int) string {
	s := a.Sets[i]
	if s.IsPoint() {
		return fmtPoint(s.A, 5)
	}
	return fmtPoint(s.A, 5) + " – " + fmtPoint(s.B, 5)
}

// WriteTheoryRdText writes an R^d analysis for a reader: the minimum sets
// with r_i, J_i and C* (with its Monte Carlo interval), the landing law,
// the typical transition graph with its classes and limiting chains, and
// the predictions per η.
func WriteTheoryRdText(w io.Writer, r TheoryReportRd) error {
	a := r.AnalysisRd
	n := len(a.Sets)
	fmt.Fprintf(w, "minimum sets (THEORY.md section 5; C* by Monte Carlo, %d paths per set, 95%% CI)\n", a.Samples)
	t := newTable(w, "set", "kind", "location", "r", "J", "C* = q_i", "95% CI", "flow")
	for i := range n {
		flow := "contracting"
		if !a.Contracting[i] {
			flow = "not contracting"
			if a.Searched[i] {
				flow += " (J searched)"
			}
		}
		if err := t.Append("m_"+strconv.Itoa(i), a.MinimumKind[i], fmtSet(a, i), formatG(Num(a.Radius[i]), 5),
			strconv.Itoa(a.JumpNumber[i]), formatG(Num(a.ExitRate[i]), 5),
			fmtRange(Num(r.ExitRateCI[i][0]), Num(r.ExitRateCI[i][1]), 4), flow); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nlanding law q_ij/q_i of the first exit (none: a point in no basin)")
	header := []string{"from"}
	for j := range n {
		header = append(header, "m_"+strconv.Itoa(j))
	}
	header = append(header, "none")
	t = newTable(w, header...)
	for i := range n {
		row := []any{"m_" + strconv.Itoa(i)}
		for j := range n + 1 {
			if j == i {
				row = append(row, "–")
				continue
			}
			row = append(row, strconv.FormatFloat(a.Landing[i][j], 'f', 4, 64))
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\ntypical transition graph (i → j iff q_ij > 0 at J_i jumps)")
	for ci, c := range a.Classes {
		kind := "absorbing"
		if !c.Absorbing {
			kind = "transient"
		}
		fmt.Fprintf(w, "  class %s (%s): wide %s, narrow %s\n", fmtInts(c.Members), kind, fmtInts(c.Wide), fmtInts(c.Narrow))
		for k, row := range c.Generator {
			fmt.Fprintf(w, "    Q[m_%d] = %s\n", c.Wide[k], fmtVec(row, 5))
		}
		if len(c.Stationary) > 0 {
			fmt.Fprintf(w, "    stationary π = %s\n", fmtVec(c.Stationary, 5))
			if ci < len(r.ClassStationaryLow) && len(r.ClassStationaryLow[ci]) == len(c.Stationary) {
				fmt.Fprintf(w, "    95%% CI of π = %s\n", fmtRanges(r.ClassStationaryLow[ci], r.ClassStationaryHigh[ci], 4))
			}
		}
		if len(c.KillRate) > 0 {
			fmt.Fprintf(w, "    kill rates κ = %s\n", fmtVec(c.KillRate, 5))
		}
	}
	fmt.Fprintf(w, "  wide minima %s\n", fmtInts(a.Wide))
	if len(r.ClassStationaryLow) > 0 {
		fmt.Fprintf(w, "  CI of π: the Monte Carlo error of the rates propagated by a percentile bootstrap (%d resamples of the paths)\n", a.Resamples)
	}

	if len(r.Predictions) > 0 {
		fmt.Fprintln(w, "\npredicted mean exit steps 1/(C* η λ(η)^J) with the 95% CI from C*, and first-order time fractions")
		withCI := false
		for _, p := range r.Predictions {
			withCI = withCI || len(p.TimeFractionLow) > 0
		}
		fracHeader := "time fraction"
		if withCI {
			fracHeader = "time fraction (95% CI)"
		}
		t := newTable(w, "η", "λ(η)", "set", "E τ (steps)", "95% CI", fracHeader)
		for _, p := range r.Predictions {
			for i := range n {
				frac := "–"
				if i < len(p.TimeFraction) {
					frac = pctOf(p.TimeFraction[i])
				}
				if i < len(p.TimeFractionLow) && i < len(p.TimeFractionHigh) {
					frac = fmtPctCI(p.TimeFraction[i], p.TimeFractionLow[i], p.TimeFractionHigh[i])
				}
				if err := t.Append(strconv.FormatFloat(p.Eta, 'g', 4, 64), formatG(Num(p.Lambda), 4), "m_"+strconv.Itoa(i),
					formatG(p.MeanExitSteps[i], 4), fmtRange(p.MeanExitLow[i], p.MeanExitHigh[i], 4), frac); err != nil {
					return err
				}
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		fmt.Fprintln(w, "time fraction: first order in λ(η), a heuristic (THEORY.md section 4); the limit is π on the wide minima")
		if withCI {
			fmt.Fprintln(w, "its 95% CI, like that of π, carries the Monte Carlo error of the rates only, not the error of the heuristic")
		}
	}
	for _, s := range a.Warnings {
		fmt.Fprintln(w, "warning:", s)
	}
	return nil
}

// fmtRanges renders intervals [lo_i, hi_i] as "([lo, hi], [lo, hi])".
func fmtRanges(lo, hi []float64, digits int) string {
	parts := make([]string, len(lo))
	for i := range lo {
		parts[i] = fmtRange(Num(lo[i]), Num(hi[i]), digits)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
