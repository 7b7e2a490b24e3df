package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// ExitRow is one (η, start basin) cell of a first-exit run: what the
// simulation measured, with 95% intervals, next to what the theory predicts.
// Its JSON form is the contract of `verify exit -json`.
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
}

// ExitReport is the output of `verify exit`.
type ExitReport struct {
	// Scenario is the scenario run, in canonical form.
	Scenario any `json:"scenario"`
	// Rows holds one row per (η, basin), η-major in scenario order.
	Rows []ExitRow `json:"rows"`
	// Warnings are the scenario's and the run's warnings.
	Warnings []string `json:"warnings"`
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// sortedKeys returns the keys of a landing map in numeric order.
func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// Numeric keys in numeric order, then any others ("none") by name.
	sort.Slice(keys, func(a, b int) bool {
		x, ex := strconv.Atoi(keys[a])
		y, ey := strconv.Atoi(keys[b])
		switch {
		case ex == nil && ey == nil:
			return x < y
		case ex == nil || ey == nil:
			return ex == nil
		}
		return keys[a] < keys[b]
	})
	return keys
}

// landingString renders a landing map as "j:p j:p".
func landingString(m map[string]float64) string {
	if len(m) == 0 {
		return "–"
	}
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s:%.3f", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// nonZero returns the entries of m that are not 0 (a table shows only the
// basins the theory says can be reached).
func nonZero(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

// WriteExitTable writes the rows as a text table.
func WriteExitTable(w io.Writer, rows []ExitRow) error {
	t := newTable(w, "η", "basin", "J", "exits", "cens.", "mean steps", "95% CI", "predicted", "ratio", "Exp p", "landing", "predicted landing", "G p")
	for _, r := range rows {
		j := "–"
		if r.Jump != nil {
			j = strconv.Itoa(*r.Jump)
		}
		ci := "–"
		if r.CILow != nil {
			// A missing upper end with a lower one is +Inf (no exits).
			hi := "∞"
			if r.CIHigh != nil {
				hi = formatG(r.CIHigh, 4)
			}
			ci = "[" + formatG(r.CILow, 4) + ", " + hi + "]"
		}
		if err := t.Append(
			strconv.FormatFloat(r.Eta, 'g', 4, 64),
			strconv.Itoa(r.Basin),
			j,
			strconv.Itoa(r.Exits),
			strconv.Itoa(r.Censored),
			formatG(r.MeanSteps, 4),
			ci,
			formatG(r.PredictedSteps, 4),
			formatG(r.Ratio, 3),
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

// WriteExitCSV writes the rows as CSV with one column per landing basin.
// Empty fields are values that do not exist.
func WriteExitCSV(w io.Writer, rows []ExitRow) error {
	basins := map[string]bool{}
	for _, r := range rows {
		for k := range r.Landing {
			basins[k] = true
		}
		for k := range r.PredictedLanding {
			basins[k] = true
		}
	}
	keys := make(map[string]float64, len(basins))
	for k := range basins {
		keys[k] = 0
	}
	landing := sortedKeys(keys)
	header := []string{"eta", "basin", "jump_number", "samples", "exits", "censored", "mean_steps", "ci_low", "ci_high",
		"predicted_steps", "ratio", "exp_test_p", "landing_test_p"}
	for _, k := range landing {
		header = append(header, "landing_"+k)
	}
	for _, k := range landing {
		header = append(header, "predicted_landing_"+k)
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
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
