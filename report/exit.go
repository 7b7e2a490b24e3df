package report

import (
	"encoding/csv"
	"io"
	"strconv"
)

// ExitRow is one (η, start) cell of a first-exit run, in any dimension:
// what the simulation measured, with 95% intervals, next to what the theory
// predicts. Its JSON form is the contract of `verify exit -json`.
//
// A run on the real line fills the fields up to RelErr; the start is then
// the minimum of Basin (or a point of its basin) and the prediction is
// exact. A run on R^d adds the start point and, because its prediction
// 1/(C* η λ(η)^J) rests on the Monte Carlo integral C* (THEORY.md section
// 5), the uncertainty of that prediction; basin indices are those of the
// minimum sets, and the landing key "-1" counts exits to points in no
// basin. The extra keys come after the others, so the JSON of a 1-D row
// has exactly the keys above.
type ExitRow struct {
	// Eta is the step size η.
	Eta float64 `json:"eta"`
	// Basin is the 0-based index of the basin exited.
	Basin int `json:"basin"`
	// Jump is the jump number J of the basin (null without theory).
	Jump *int `json:"jump_number"`
	// Samples = Exits + Censored replicas.
	Samples int `json:"samples"`
	// Exits is the number of replicas that left the basin.
	Exits int `json:"exits"`
	// Censored is the number of replicas that reached the step cap.
	Censored int `json:"censored"`
	// MeanSteps is the censored-exponential MLE of the mean exit time in
	// steps: total steps of all samples (censored ones to the cap) over
	// Exits.
	MeanSteps *float64 `json:"mean_steps"`
	// CILow and CIHigh bound the exact 95% interval
	// [2T/χ²_{2d+2}(.975), 2T/χ²_{2d}(.025)].
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
	// PredictedSteps is 1/(q_i η λ(η)^{J_i}) (THEORY.md section 3).
	PredictedSteps *float64 `json:"predicted_steps"`
	// Ratio is MeanSteps/PredictedSteps, R(η) of THEORY.md section 7.
	Ratio *float64 `json:"ratio"`
	// ExpTestP is the p-value of the test that exit times are exponential
	// (Lilliefors-type, null calibrated by simulation).
	ExpTestP *float64 `json:"exp_test_p"`
	// Landing maps a landing basin index (as a string) to the fraction of
	// exits that landed there.
	Landing map[string]float64 `json:"landing"`
	// PredictedLanding maps a basin index to the limit q_{i,j}/q_i.
	PredictedLanding map[string]float64 `json:"predicted_landing"`
	// LandingTestP is the p-value of the G-test of the landing counts
	// against PredictedLanding (cells predicted 0 left out).
	LandingTestP *float64 `json:"landing_test_p"`
	// Method is "is" for a rare-event (importance-sampling) estimate, whose
	// Samples are windows and whose Exits are the windows that exited;
	// absent for brute force.
	Method string `json:"method,omitempty"`
	// RelErr is the relative error per window of the rare-event rate
	// estimate (rare.Interval.RelErr); absent for brute force.
	RelErr *float64 `json:"relative_error,omitempty"`
	// Start is X_0 of a run on R^d, a point of d coordinates; absent on
	// the real line.
	Start []float64 `json:"start,omitempty"`
	// PredictionUncertainty is the Monte Carlo uncertainty of the
	// prediction of a run on R^d (its keys null where the theory does not
	// apply); nil, and absent from the JSON, on the real line, where the
	// prediction is exact.
	*PredictionUncertainty
}

// PredictionUncertainty is what the Monte Carlo error of C* (THEORY.md
// section 5) does to the prediction of an exit row on R^d: the constant
// with its standard error, the interval of the predicted mean, and the
// interval of the ratio that combines it with the error of the measured
// mean.
type PredictionUncertainty struct {
	// CStar is C*_i = q_i of the start's basin and CStarErr its Monte Carlo
	// standard error.
	CStar    *float64 `json:"exit_rate"`
	CStarErr *float64 `json:"exit_rate_stderr"`
	// PredictedLow and PredictedHigh bound PredictedSteps at 95% through
	// the interval [C*_lo, C*_hi] of C*: [1/(C*_hi η λ^J), 1/(C*_lo η λ^J)].
	PredictedLow  *float64 `json:"predicted_ci_low"`
	PredictedHigh *float64 `json:"predicted_ci_high"`
	// RatioLow and RatioHigh bound Ratio at about 95%, the errors of the
	// measured mean and of C* combined on the log scale.
	RatioLow  *float64 `json:"ratio_ci_low"`
	RatioHigh *float64 `json:"ratio_ci_high"`
}

// ExitReport is the output of `verify exit` and `verify merge`, in any
// dimension.
type ExitReport struct {
	// Scenario is the scenario run, in canonical form.
	Scenario any `json:"scenario"`
	// Dimension is d for a run on R^d; 0, and absent from the JSON, on the
	// real line.
	Dimension int `json:"dimension,omitempty"`
	// Rows holds one row per (η, start), η-major in scenario order.
	Rows []ExitRow `json:"rows"`
	// Warnings are the scenario's, the theory's and the run's warnings.
	Warnings []string `json:"warnings"`
}

// onPoints reports whether the rows are those of a run on R^d: some row
// has its start as a point, so the table and the CSV add the columns of
// ExitRow's extra fields.
func onPoints(rows []ExitRow) bool {
	for _, r := range rows {
		if r.Start != nil || r.PredictionUncertainty != nil {
			return true
		}
	}
	return false
}

// uncertainty returns the row's PredictionUncertainty, or an empty one.
func (r ExitRow) uncertainty() PredictionUncertainty {
	if r.PredictionUncertainty == nil {
		return PredictionUncertainty{}
	}
	return *r.PredictionUncertainty
}

// WriteExitTable writes the rows as a text table: η, basin, J, exits,
// censored replicas, the mean exit time with its 95% interval, the
// prediction, the ratio, the p-value of the exponential-shape test, the
// measured and predicted landing laws and the p-value of their G-test.
// Rows on R^d add the start point after η, the interval of the prediction
// (from C*) after it, and the interval of the ratio after the ratio.
func WriteExitTable(w io.Writer, rows []ExitRow) error {
	points := onPoints(rows)
	header := []string{"η", "basin", "J", "exits", "cens.", "mean steps", "95% CI", "predicted", "ratio", "Exp p", "landing", "predicted landing", "G p"}
	if points {
		header = []string{"η", "start", "basin", "J", "exits", "cens.", "mean steps", "95% CI",
			"predicted", "95% CI (C*)", "ratio", "95% CI", "Exp p", "landing", "predicted landing", "G p"}
	}
	t := newTable(w, header...)
	for _, r := range rows {
		j := "–"
		if r.Jump != nil {
			j = strconv.Itoa(*r.Jump)
		}
		ci := "–"
		if r.CILow != nil {
			// A missing upper end with a lower one is +Inf (no exits).
			ci = fmtRange(r.CILow, r.CIHigh, 4)
		}
		eta := strconv.FormatFloat(r.Eta, 'g', 4, 64)
		cells := []any{eta, strconv.Itoa(r.Basin), j, strconv.Itoa(r.Exits), strconv.Itoa(r.Censored),
			formatG(r.MeanSteps, 4), ci, formatG(r.PredictedSteps, 4), formatG(r.Ratio, 3)}
		if points {
			u := r.uncertainty()
			cells = []any{eta, fmtPoint(r.Start, 4), strconv.Itoa(r.Basin), j, strconv.Itoa(r.Exits), strconv.Itoa(r.Censored),
				formatG(r.MeanSteps, 4), ci, formatG(r.PredictedSteps, 4), fmtRange(u.PredictedLow, u.PredictedHigh, 4),
				formatG(r.Ratio, 3), fmtRange(u.RatioLow, u.RatioHigh, 3)}
		}
		cells = append(cells, formatG(r.ExpTestP, 2), landingString(r.Landing),
			landingString(nonZero(r.PredictedLanding)), formatG(r.LandingTestP, 2))
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	return t.Render()
}

// WriteExitCSV writes the rows as CSV: eta, basin, jump_number, samples,
// exits, censored, mean_steps, ci_low, ci_high, predicted_steps, ratio,
// exp_test_p, landing_test_p, then landing_k and predicted_landing_k for
// every landing basin k of any row, in numeric order. Rows on R^d add
// start_1 … start_d, exit_rate, exit_rate_stderr, predicted_ci_low,
// predicted_ci_high, ratio_ci_low and ratio_ci_high. Empty fields are
// values that do not exist.
func WriteExitCSV(w io.Writer, rows []ExitRow) error {
	basins := map[string]float64{}
	d := 0
	for _, r := range rows {
		for k := range r.Landing {
			basins[k] = 0
		}
		for k := range r.PredictedLanding {
			basins[k] = 0
		}
		d = max(d, len(r.Start))
	}
	landing := sortedKeys(basins)
	points := onPoints(rows)
	header := []string{"eta", "basin", "jump_number", "samples", "exits", "censored", "mean_steps", "ci_low", "ci_high",
		"predicted_steps", "ratio", "exp_test_p", "landing_test_p"}
	for _, k := range landing {
		header = append(header, "landing_"+k)
	}
	for _, k := range landing {
		header = append(header, "predicted_landing_"+k)
	}
	if points {
		for k := range d {
			header = append(header, "start_"+strconv.Itoa(k+1))
		}
		header = append(header, "exit_rate", "exit_rate_stderr", "predicted_ci_low", "predicted_ci_high", "ratio_ci_low", "ratio_ci_high")
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		j := ""
		if r.Jump != nil {
			j = strconv.Itoa(*r.Jump)
		}
		rec := []string{
			strconv.FormatFloat(r.Eta, 'g', -1, 64), strconv.Itoa(r.Basin), j,
			strconv.Itoa(r.Samples), strconv.Itoa(r.Exits), strconv.Itoa(r.Censored),
			csvNum(r.MeanSteps), csvNum(r.CILow), csvNum(r.CIHigh), csvNum(r.PredictedSteps),
			csvNum(r.Ratio), csvNum(r.ExpTestP), csvNum(r.LandingTestP),
		}
		for _, m := range []map[string]float64{r.Landing, r.PredictedLanding} {
			for _, k := range landing {
				v, ok := m[k]
				if !ok {
					rec = append(rec, "")
					continue
				}
				rec = append(rec, strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
		if points {
			for k := range d {
				v := ""
				if k < len(r.Start) {
					v = strconv.FormatFloat(r.Start[k], 'g', -1, 64)
				}
				rec = append(rec, v)
			}
			u := r.uncertainty()
			rec = append(rec, csvNum(u.CStar), csvNum(u.CStarErr), csvNum(u.PredictedLow), csvNum(u.PredictedHigh),
				csvNum(u.RatioLow), csvNum(u.RatioHigh))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
