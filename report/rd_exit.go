package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// ExitRowRd is one (η, start) cell of a first-exit run in R^d. Its JSON form
// extends the 1-D row of `verify exit -json` (every ExitRow key keeps its
// meaning; basin indices are those of the scenario's minimum sets and the
// landing key "-1" counts exits to points in no basin) with the start point
// and the Monte Carlo uncertainty of the prediction.
type ExitRowRd struct {
	ExitRow
	// Start is X_0, a point of R^d.
	Start []float64 `json:"start"`
	// CStar is C*_i = q_i of the start's basin and CStarErr its Monte Carlo
	// standard error (THEORY.md section 5).
	CStar    *float64 `json:"exit_rate"`
	CStarErr *float64 `json:"exit_rate_stderr"`
	// PredictedLow and PredictedHigh bound PredictedSteps at 95% through
	// the interval of C*: [1/(C*_hi η λ^J), 1/(C*_lo η λ^J)].
	PredictedLow  *float64 `json:"predicted_ci_low"`
	PredictedHigh *float64 `json:"predicted_ci_high"`
	// RatioLow and RatioHigh bound Ratio at about 95%, the errors of the
	// measured mean and of C* combined on the log scale.
	RatioLow  *float64 `json:"ratio_ci_low"`
	RatioHigh *float64 `json:"ratio_ci_high"`
}

// ExitReportRd is the output of `verify exit` on an R^d scenario.
type ExitReportRd struct {
	// Scenario is the scenario run, in canonical form.
	Scenario any `json:"scenario"`
	// Dimension is d.
	Dimension int `json:"dimension"`
	// Rows holds one row per (η, start), η-major in scenario order.
	Rows []ExitRowRd `json:"rows"`
	// Warnings are the scenario's, the theory's and the run's warnings.
	Warnings []string `json:"warnings"`
}

// fmtPoint renders a point of R^d as "(x1, x2, …)" with the given
// significant digits.
func fmtPoint(x []float64, digits int) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = strconv.FormatFloat(v, 'g', digits, 64)
	}
	return "(" + strings.Join(s, ", ") + ")"
}

// fmtRange renders "[lo, hi]", a missing upper end as ∞, or "–" when both
// are missing.
func fmtRange(lo, hi *float64, digits int) string {
	if lo == nil && hi == nil {
		return "–"
	}
	h := "∞"
	if hi != nil {
		h = formatG(hi, digits)
	}
	return "[" + formatG(lo, digits) + ", " + h + "]"
}

// WriteExitRdTable writes the rows of an R^d run as a text table: the 1-D
// columns with the start as a point, and the intervals of the prediction
// and of the ratio next to them.
func WriteExitRdTable(w io.Writer, rows []ExitRowRd) error {
	t := newTable(w, "η", "start", "basin", "J", "exits", "cens.", "mean steps", "95% CI",
		"predicted", "95% CI (C*)", "ratio", "95% CI", "Exp p", "landing", "predicted landing", "G p")
	for _, r := range rows {
		j := "–"
		if r.Jump != nil {
			j = strconv.Itoa(*r.Jump)
		}
		ci := "–"
		if r.CILow != nil {
			ci = fmtRange(r.CILow, r.CIHigh, 4)
		}
		if err := t.Append(
			strconv.FormatFloat(r.Eta, 'g', 4, 64),
			fmtPoint(r.Start, 4),
			strconv.Itoa(r.Basin),
			j,
			strconv.Itoa(r.Exits),
			strconv.Itoa(r.Censored),
			formatG(r.MeanSteps, 4),
			ci,
			formatG(r.PredictedSteps, 4),
			fmtRange(r.PredictedLow, r.PredictedHigh, 4),
			formatG(r.Ratio, 3),
			fmtRange(r.RatioLow, r.RatioHigh, 3),
			formatG(r.ExpTestP, 2),
			landingString(r.Landing),
			landingString(nonZero(r.PredictedLanding)),
			formatG(r.LandingTestP, 2),
		); err != nil {
			return err
		}
	}
	return t.Render()
}

// WriteExitRdCSV writes the rows of an R^d run as CSV: exactly the columns
// of WriteExitCSV, then start_1 … start_d, exit_rate, exit_rate_stderr,
// predicted_ci_low, predicted_ci_high, ratio_ci_low and ratio_ci_high.
// Empty fields are values that do not exist.
func WriteExitRdCSV(w io.Writer, rows []ExitRowRd) error {
	one := make([]ExitRow, len(rows))
	d := 0
	for i, r := range rows {
		one[i] = r.ExitRow
		d = max(d, len(r.Start))
	}
	var base strings.Builder
	if err := WriteExitCSV(&base, one); err != nil {
		return err
	}
	recs, err := csv.NewReader(strings.NewReader(base.String())).ReadAll()
	if err != nil {
		return err
	}
	for k := range d {
		recs[0] = append(recs[0], "start_"+strconv.Itoa(k+1))
	}
	recs[0] = append(recs[0], "exit_rate", "exit_rate_stderr", "predicted_ci_low", "predicted_ci_high", "ratio_ci_low", "ratio_ci_high")
	for i, r := range rows {
		for k := range d {
			v := ""
			if k < len(r.Start) {
				v = strconv.FormatFloat(r.Start[k], 'g', -1, 64)
			}
			recs[i+1] = append(recs[i+1], v)
		}
		recs[i+1] = append(recs[i+1], csvNum(r.CStar), csvNum(r.CStarErr), csvNum(r.PredictedLow), csvNum(r.PredictedHigh),
			csvNum(r.RatioLow), csvNum(r.RatioHigh))
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(recs); err != nil {
		return err
	}
	return cw.Error()
}
