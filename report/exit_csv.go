package report

import (
	"encoding/csv"
	"io"
	"strconv"
)

// WriteExitCSV writes the rows of a first-exit run with truncation
// threshold b (+Inf: none) as CSV, one line per row, with the columns
//
//	eta, b, basin, jump_number, samples, exits, censored, mean_steps,
//	ci_low, ci_high, predicted_steps, ratio, ratio_ci_low, ratio_ci_high,
//	exp_test_p, landing_test_p, forbidden_exits, forbidden_fraction,
//	forbidden_ci_low, forbidden_ci_high, verdict_ratio, verdict_shape,
//	verdict_landing, landing_k…, predicted_landing_k…
//
// with landing_k and predicted_landing_k for every landing basin k of any
// row, in numeric order. Rows on R^d add start_1 … start_d, exit_rate,
// exit_rate_stderr, predicted_ci_low and predicted_ci_high. Numbers are
// at full precision; "inf" is an infinite value (b = ∞, the upper end of
// the interval of a mean with no exits); an empty field is a value that
// does not exist (no exits, no prediction). A basin where no exit landed
// has landing_k = 0 when the row has exits, and predicted_landing_k = 0
// when the theory predicts the row and forbids or does not list k.
// docs/formats.md describes every column.
func WriteExitCSV(w io.Writer, b float64, rows []ExitRow) error {
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
	header := []string{"eta", "b", "basin", "jump_number", "samples", "exits", "censored", "mean_steps", "ci_low", "ci_high",
		"predicted_steps", "ratio", "ratio_ci_low", "ratio_ci_high", "exp_test_p", "landing_test_p",
		"forbidden_exits", "forbidden_fraction", "forbidden_ci_low", "forbidden_ci_high",
		"verdict_ratio", "verdict_shape", "verdict_landing"}
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
		header = append(header, "exit_rate", "exit_rate_stderr", "predicted_ci_low", "predicted_ci_high")
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		j, forbidden := "", ""
		if r.Jump != nil {
			j = strconv.Itoa(*r.Jump)
		}
		if r.ForbiddenExits != nil {
			forbidden = strconv.Itoa(*r.ForbiddenExits)
		}
		ciHigh := csvNum(r.CIHigh)
		if r.CILow != nil && r.CIHigh == nil {
			ciHigh = "inf" // no exits: the interval is open upwards
		}
		var v ExitVerdict
		if r.Verdict != nil {
			v = *r.Verdict
		}
		rec := []string{
			csvFloat(r.Eta), csvFloat(b), strconv.Itoa(r.Basin), j,
			strconv.Itoa(r.Samples), strconv.Itoa(r.Exits), strconv.Itoa(r.Censored),
			csvNum(r.MeanSteps), csvNum(r.CILow), ciHigh, csvNum(r.PredictedSteps),
			csvNum(r.Ratio), csvNum(r.RatioLow), csvNum(r.RatioHigh), csvNum(r.ExpTestP), csvNum(r.LandingTestP),
			forbidden, csvNum(r.ForbiddenFraction), csvNum(r.ForbiddenLow), csvNum(r.ForbiddenHigh),
			v.Ratio, v.Shape, v.Landing,
		}
		for _, k := range landing {
			rec = append(rec, landingField(r.Landing, k, r.Exits > 0))
		}
		for _, k := range landing {
			rec = append(rec, landingField(r.PredictedLanding, k, r.PredictedLanding != nil))
		}
		if points {
			for k := range d {
				v := ""
				if k < len(r.Start) {
					v = csvFloat(r.Start[k])
				}
				rec = append(rec, v)
			}
			u := r.uncertainty()
			rec = append(rec, csvNum(u.CStar), csvNum(u.CStarErr), csvNum(u.PredictedLow), csvNum(u.PredictedHigh))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// landingField is the CSV field of basin k in a landing map: its value, 0
// when the map is defined (defined) but has no entry for k, and an empty
// field when the map is not (no exits, no prediction).
func landingField(m map[string]float64, k string, defined bool) string {
	if v, ok := m[k]; ok {
		return csvFloat(v)
	}
	if defined {
		return "0"
	}
	return ""
}
