package report

import (
	"fmt"
	"io"
	"strconv"
)

// RareValidation is the report of `verify rare`: for every (η, start) of a
// scenario, the rare-event estimate of the mean exit time next to brute
// force (when it was run) and the prediction, whether the two estimates
// agree, and what importance sampling saved (docs/theory.md §13).
type RareValidation struct {
	// Scenario is the scenario run, in canonical form.
	Scenario any `json:"scenario"`
	// Dimension is d for a run on R^d; 0, and absent from the JSON, on the
	// real line.
	Dimension int `json:"dimension,omitempty"`
	// Alpha is the false-alarm rate of each row's agreement test (Agree)
	// and Critical its critical value z_{1−Alpha/2}.
	Alpha    float64 `json:"alpha"`
	Critical float64 `json:"critical"`
	// Rows holds one comparison per (η, start), η-major in scenario order.
	Rows []RareComparison `json:"rows"`
	// Warnings are the scenario's, the theory's and the runs' warnings.
	Warnings []string `json:"warnings"`
}

// RareComparison is one cell of a RareValidation.
type RareComparison struct {
	// Eta, Basin and Start (R^d only) identify the cell.
	Eta   float64   `json:"eta"`
	Basin int       `json:"basin"`
	Start []float64 `json:"start,omitempty"`
	// IS is the rare-event row (Method "is": its samples are windows, its
	// Rare field the design and the self-checks).
	IS ExitRow `json:"is"`
	// Brute is the brute-force row of the same cell (first exits to the
	// end, censored at run.max_steps); nil when brute force was not run.
	Brute *ExitRow `json:"brute"`
	// Z compares the two estimates on the log scale,
	//
	//	Z = (ln τ̄_IS − ln τ̄_BF) / √(SE_IS² + SE_BF²),
	//
	// each SE read off its 95% interval as (ln high − ln low)/(2·1.96);
	// null without brute force. Agree is |Z| < Critical: a two-sided
	// normal test with false-alarm rate Alpha when both estimate the same
	// mean.
	Z     *float64 `json:"z"`
	Agree *bool    `json:"agree"`
	// ISSteps is the SGD steps of the rare-event estimate, pilots
	// included; BruteSteps those of brute force (null when not run).
	ISSteps    int64  `json:"is_steps"`
	BruteSteps *int64 `json:"brute_steps"`
	// ISWorkNormVar is the work-normalised variance of the rare-event
	// estimate: the squared relative error per window times the steps per
	// window (its main run). Brute force spends E τ steps on an exit whose
	// relative variance is 1, so its work-normalised variance is E τ:
	// BruteWorkNormVar, the brute-force mean when brute force ran, else the
	// prediction (SpeedUpBasis says which).
	ISWorkNormVar    *float64 `json:"is_work_norm_var"`
	BruteWorkNormVar *float64 `json:"brute_work_norm_var"`
	// SpeedUp is BruteWorkNormVar/ISWorkNormVar, the factor by which
	// importance sampling cuts the steps needed for a given relative
	// error; SpeedUpWithPilots charges the pilots' steps too (a fixed
	// cost that a larger run spreads thinner).
	SpeedUp           *float64 `json:"speed_up"`
	SpeedUpWithPilots *float64 `json:"speed_up_with_pilots"`
	SpeedUpBasis      string   `json:"speed_up_basis"`
}

// Bases of RareComparison.SpeedUp.
const (
	SpeedUpVsBrute      = "brute force"
	SpeedUpVsPrediction = "prediction"
)

// WriteRareValidation writes the report of `verify rare` for a reader: the
// title with the setting, the table (per cell a row for the rare-event
// estimate, one for brute force when it ran, and the prediction), the
// warnings of the rare-event rows, the legend, and the notes.
func WriteRareValidation(w io.Writer, s Setting, rep RareValidation, opt ExitTextOptions) error {
	fmt.Fprintln(w, s.Title("rare-event estimator against brute force"))
	t := newTable(w, "η", "basin", "J", "method", "samples", "mean steps (95% CI)", "RE/sample", "steps", "work-norm. var.",
		"speed-up", "z (agree)", "diagnostics")
	var isRows []ExitRow
	for _, c := range rep.Rows {
		isRows = append(isRows, c.IS)
		eta, basin, j := etaCell(c.Eta), strconv.Itoa(c.Basin), jumpCell(c.IS.Jump)
		z := "–"
		if c.Z != nil && c.Agree != nil {
			z = fmt.Sprintf("%s (%s)", fmtSig(*c.Z, 3, false), yesNo(*c.Agree))
		}
		speed := numF(Value(c.SpeedUp))
		if c.SpeedUp == nil {
			speed = num(nil)
		}
		if err := t.Append(eta, basin, j, "is", strconv.Itoa(c.IS.Samples), meanCell(c.IS), num(c.IS.RelErr),
			numF(float64(c.ISSteps)), num(c.ISWorkNormVar), speed, z, rareCell(c.IS)); err != nil {
			return err
		}
		if b := c.Brute; b != nil {
			if err := t.Append(eta, basin, j, "bf", strconv.Itoa(b.Samples), meanCell(*b), numF(1),
				num(int64Num(c.BruteSteps)), num(c.BruteWorkNormVar), num(nil), "", ""); err != nil {
				return err
			}
		}
		if err := t.Append(eta, basin, j, "predicted", "", num(c.IS.PredictedSteps), num(nil), num(nil), num(nil), num(nil), "", ""); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	writeRareWarnings(w, isRows)
	if opt.Legend {
		lines := []string{
			"is: the rare-event estimator (docs/theory.md §13), samples = windows; bf: brute force, samples = first exits (§12.1).",
			"RE/sample: relative error per sample, SD/mean (1 for an exponential exit time). steps: SGD steps spent (is: pilots included).",
			"work-norm. var.: RE² × steps per sample, the steps needed per unit of relative variance (bf: the mean exit time).",
			fmt.Sprintf("speed-up: bf's over is's work-normalised variance (bf's from its mean, else from the prediction; pilots not charged). z: (ln is − ln bf)/SE; agree: |z| < %s (false-alarm rate %g).",
				fmtSig(rep.Critical, 3, false), rep.Alpha),
			"diagnostics: the estimate's self-checks (§13), each a one-sided test at 0.1%: pass, FAIL and the failed checks, or refused.",
		}
		fmt.Fprintln(w, "legend (docs/theory.md sections):")
		for _, l := range lines {
			fmt.Fprintln(w, "  "+l)
		}
	}
	for _, note := range rep.Warnings {
		fmt.Fprintln(w, "note:", note)
	}
	return nil
}

// yesNo renders a verdict.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// int64Num is Num of an optional count.
func int64Num(n *int64) *float64 {
	if n == nil {
		return nil
	}
	return Num(float64(*n))
}
