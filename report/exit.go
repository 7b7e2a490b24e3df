package report

import "strings"

// ExitRow is one (η, start) cell of a first-exit run, in any dimension:
// what the simulation measured, with 95% intervals, next to what the theory
// predicts, and the verdict of the row's own checks. Its JSON form is the
// contract of `verify exit -json` (docs/formats.md).
//
// Basins are numbered from 0, in the order of the minima (sgd.start uses
// the same numbers). A run on the real line fills the fields up to
// Verdict; the start is then the minimum of Basin (or a point of its
// basin) and the prediction is exact. A run on R^d adds the start point
// and, because its prediction 1/(C* η λ(η)^J) rests on the Monte Carlo
// integral C* (docs/theory.md §9.3), the uncertainty of that prediction;
// basin indices are those of the minimum sets, and the landing key "-1"
// counts exits to points in no basin.
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
	// [2T/χ²_{2d+2}(.975), 2T/χ²_{2d}(.025)] (docs/theory.md §12.1); with
	// no exits CIHigh is null and the interval is open upwards.
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
	// PredictedSteps is 1/(q_i η λ(η)^{J_i}) (docs/theory.md §6.2).
	PredictedSteps *float64 `json:"predicted_steps"`
	// Ratio is MeanSteps/PredictedSteps, R(η) of docs/theory.md §11.1.
	Ratio *float64 `json:"ratio"`
	// RatioLow and RatioHigh bound Ratio at 95%: the interval of the mean
	// divided by the prediction, exactly, when the prediction is exact (the
	// real line); on R^d combined with the Monte Carlo error of C* on the
	// log scale.
	RatioLow  *float64 `json:"ratio_ci_low"`
	RatioHigh *float64 `json:"ratio_ci_high"`
	// ExpTestP is the p-value of the test that exit times are exponential
	// (Lilliefors-type, null calibrated by simulation; docs/theory.md
	// §12.2).
	ExpTestP *float64 `json:"exp_test_p"`
	// Landing maps a landing basin index (as a string) to the fraction of
	// exits that landed there; basins where no exit landed are absent.
	Landing map[string]float64 `json:"landing"`
	// PredictedLanding maps a basin index to the limit q_{i,j}/q_i (0 for a
	// basin the limit forbids).
	PredictedLanding map[string]float64 `json:"predicted_landing"`
	// LandingTestP is the p-value of the G-test of the landing counts in
	// the allowed basins (q_ij > 0) against the limit law renormalised
	// over them (docs/theory.md §12.3).
	LandingTestP *float64 `json:"landing_test_p"`
	// ForbiddenExits is the number of exits that landed in a basin the
	// limit forbids (q_ij = 0); null without a prediction or exits.
	ForbiddenExits *int `json:"forbidden_exits"`
	// ForbiddenFraction is ForbiddenExits/Exits, with its Clopper–Pearson
	// 95% interval [ForbiddenLow, ForbiddenHigh] (0 and 0 when the limit
	// forbids no basin).
	ForbiddenFraction *float64 `json:"forbidden_fraction"`
	ForbiddenLow      *float64 `json:"forbidden_ci_low"`
	ForbiddenHigh     *float64 `json:"forbidden_ci_high"`
	// Verdict is what the row's checks say at the 5% level; null without
	// a prediction.
	Verdict *ExitVerdict `json:"verdict"`
	// Method is "is" for a rare-event (importance-sampling) estimate, whose
	// Samples are windows and whose Exits are the windows that exited;
	// absent for brute force.
	Method string `json:"method,omitempty"`
	// RelErr is the relative error per window of the rare-event rate
	// estimate (rare.Interval.RelErr); absent for brute force.
	RelErr *float64 `json:"relative_error,omitempty"`
	// State is "" for a cell whose replicas all finished, and after an
	// interruption RowPartial for one cut short (its statistics are those
	// of the replicas that finished) or RowNotStarted for one that never
	// started (0 samples).
	State string `json:"state,omitempty"`
	// Start is X_0 of a run on R^d, a point of d coordinates; absent on
	// the real line.
	Start []float64 `json:"start,omitempty"`
	// PredictionUncertainty is the Monte Carlo uncertainty of the
	// prediction of a run on R^d (its keys null where the theory does not
	// apply); nil, and absent from the JSON, on the real line, where the
	// prediction is exact.
	*PredictionUncertainty
	// Rare is the design and the self-checks of a rare-event row (Method
	// "is"); nil, and absent from the JSON, for brute force.
	Rare *RareDiagnostics `json:"rare,omitempty"`
}

// PredictionUncertainty is what the Monte Carlo error of C*
// (docs/theory.md §9.3) does to the prediction of an exit row on R^d: the
// constant with its standard error and the interval of the predicted mean.
// (The interval of the ratio, which combines it with the error of the
// measured mean, is ExitRow.RatioLow and RatioHigh.)
type PredictionUncertainty struct {
	// CStar is C*_i = q_i of the start's basin and CStarErr its Monte Carlo
	// standard error.
	CStar    *float64 `json:"exit_rate"`
	CStarErr *float64 `json:"exit_rate_stderr"`
	// PredictedLow and PredictedHigh bound PredictedSteps at 95% through
	// the interval [C*_lo, C*_hi] of C*: [1/(C*_hi η λ^J), 1/(C*_lo η λ^J)].
	PredictedLow  *float64 `json:"predicted_ci_low"`
	PredictedHigh *float64 `json:"predicted_ci_high"`
}

// The outcomes of one check of an ExitVerdict.
const (
	CheckConsistent = "consistent" // the check passes at the 5% level
	CheckBelow      = "below"      // the ratio's interval lies below 1
	CheckAbove      = "above"      // the ratio's interval lies above 1
	CheckRejected   = "rejected"   // the test rejects at the 5% level
	CheckUntested   = "untested"   // no data or no prediction to test
)

// ExitVerdict is what the checks of one exit row say, each at the 5%
// level, about the limit values of the theory at the row's step size:
//
//   - Ratio: is 1 inside the 95% interval of R(η)? "below" or "above"
//     when the interval excludes 1. At a finite η a ratio below 1 is the
//     expected pre-asymptotic bias (docs/theory.md §11.2).
//   - Shape: does the exponential-shape test pass (p ≥ 0.05)?
//   - Landing: is the landing law the limit law at this η? Rejected when
//     an exit landed in a forbidden basin (impossible under the limit) or
//     the G-test of the allowed basins has p < 0.05
//     (estimators.LandingCheck.LimitLawRejected).
//
// Under the limit law each check raises a false alarm with probability at
// most 5%; a row passes all three with probability at least 85%. The
// theorem is a limit: a check that fails at one η does not contradict it;
// `verify converge` judges the limit along a ladder of step sizes.
type ExitVerdict struct {
	Ratio   string `json:"ratio"`
	Shape   string `json:"shape"`
	Landing string `json:"landing"`
}

// String words the verdict for a table: "consistent" when no check
// fails, otherwise the failed checks ("R < 1; not exponential; landing").
func (v ExitVerdict) String() string {
	var fails []string
	switch v.Ratio {
	case CheckBelow:
		fails = append(fails, "R < 1")
	case CheckAbove:
		fails = append(fails, "R > 1")
	}
	if v.Shape == CheckRejected {
		fails = append(fails, "not exponential")
	}
	if v.Landing == CheckRejected {
		fails = append(fails, "landing")
	}
	if len(fails) > 0 {
		return strings.Join(fails, "; ")
	}
	if v.Ratio == CheckUntested && v.Shape == CheckUntested && v.Landing == CheckUntested {
		return "–"
	}
	return CheckConsistent
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
	// Interrupted reports a run stopped before its end (Ctrl-C): some row
	// has a State.
	Interrupted bool `json:"interrupted,omitempty"`
}

// States of an ExitRow of an interrupted run.
const (
	RowPartial    = "partial"
	RowNotStarted = "not started"
)

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
