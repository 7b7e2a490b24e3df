package report

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/htsgd/htsgd/estimators"
)

// ConvergeFormat identifies the results files of `verify converge` (its
// -out file, which is also its checkpoint and what -resume and -show read).
const ConvergeFormat = "htsgd-converge/1"

// ConvergeReport is the outcome of a step-size ladder run (`verify
// converge`, docs/converge.md): per start basin, the rungs run, the verdict
// on R(η) → 1 and the verdict on the landing law, with the settings that
// fix the numbers. Its JSON form is the format ConvergeFormat; the same
// type is written (WriteConvergeFile, WriteJSON) and read (ReadConvergeFile),
// and a file of any other shape is refused.
type ConvergeReport struct {
	// Format is ConvergeFormat.
	Format string `json:"format"`
	// Scenario is the scenario's name and ScenarioTOML the scenario as a
	// file (every override applied), which -resume compares with the run
	// it continues.
	Scenario     string `json:"scenario"`
	ScenarioTOML string `json:"scenario_toml"`
	// Dimension is d; Law, Alpha and NoiseScale describe the noise (Alpha
	// null for a light-tailed law), B the truncation threshold (null: no
	// truncation). They are in the TOML too; here for the readers of a
	// figure (1 − R against λ for several α).
	Dimension  int               `json:"dimension"`
	Law        string            `json:"law"`
	Alpha      estimators.Number `json:"alpha"`
	NoiseScale float64           `json:"noise_scale"`
	B          estimators.Number `json:"b"`
	Settings   ConvergeSettings  `json:"settings"`
	Budget     ConvergeBudget    `json:"budget"`
	Basins     []ConvergeBasin   `json:"basins"`
	Warnings   []string          `json:"warnings"`
	// StepsPerSecond is the simulation's throughput measured on this
	// machine (0 before the first rung): it converts steps to wall time.
	StepsPerSecond float64 `json:"steps_per_second"`
	// Interrupted marks a report written after an interruption: the rung
	// under way was dropped (its finished replicas are a biased subset).
	Interrupted bool `json:"interrupted,omitempty"`
}

// ConvergeSettings are the settings that decide a ladder's numbers: a run
// resumed from a report must use the same (the budget may change).
type ConvergeSettings struct {
	// Level is the confidence level of the walk: 1 − Level bounds the
	// probability of a false "inconsistent" over all its looks, and half
	// of it that of a false "converges".
	Level float64 `json:"level"`
	// Looks is the number of looks the walk may take (K: -max-rungs for an
	// adaptive ladder, the number of -etas for a fixed one, 1 for a ladder
	// judged once from records); LookLevel = 1 − (1 − Level)/Looks is the
	// level of every look (Bonferroni), and LookRule states the rule.
	Looks     int     `json:"looks"`
	LookLevel float64 `json:"look_level"`
	LookRule  string  `json:"look_rule"`
	// Tol is the band of R around 1 (relative), LandingTol that of the
	// landing probabilities (absolute).
	Tol        float64 `json:"tol"`
	LandingTol float64 `json:"landing_tol"`
	// LambdaFactor is ρ: each adaptive rung has λ(η) = ρ·λ of the rung before.
	LambdaFactor float64 `json:"lambda_factor"`
	// Exits is the number of brute-force replicas of a rung, chosen so that
	// R's interval at LookLevel is within ±Tol/2 on the log scale.
	Exits int `json:"exits"`
	// CapFactor: a replica is censored at CapFactor × the predicted mean
	// exit time × max(1, R̂ of the rung before).
	CapFactor float64 `json:"cap_factor"`
	// MaxRungs bounds the rungs of each basin.
	MaxRungs int `json:"max_rungs"`
	// Method is "auto" (brute force, or importance sampling where it is
	// cheaper), "bf" or "is".
	Method string `json:"method"`
	// Etas is the fixed ladder, when one was given; FromRecords marks a
	// ladder judged from exit record files (verify exit -out, merged).
	Etas        []float64 `json:"etas,omitempty"`
	FromRecords bool      `json:"from_records,omitempty"`
	// TheorySamples is -theory-samples (R^d; 0: the default).
	TheorySamples int `json:"theory_samples,omitempty"`
}

// ConvergeBudget is the budget a run was given (0: none). It does not
// change the numbers of a rung, only how many rungs run.
type ConvergeBudget struct {
	Steps   int64   `json:"steps"`
	Seconds float64 `json:"seconds"`
}

// Stop reasons of a basin's walk (ConvergeBasin.Stop).
const (
	StopConverges    = "converges"    // the verdict is "converges"
	StopInconsistent = "inconsistent" // the verdict is "inconsistent"
	StopMaxRungs     = "max-rungs"    // MaxRungs rungs were run
	StopLadderEnd    = "ladder-end"   // the fixed ladder (or the records) ran out
	StopBudgetSteps  = "budget-steps" // the next rung would exceed the step budget
	StopBudgetTime   = "budget-time"  // the next rung would exceed the time budget, or was cut by it
	StopInterrupted  = "interrupted"  // the run was interrupted
	StopNoLadder     = "no-ladder"    // no rung can be made (λ(η) does not fall, …)
	// StopRareUntrusted: an importance-sampled rung failed its diagnostics.
	StopRareUntrusted = "is-untrusted"
	// StopNotApplicable: the theory's prediction does not apply.
	StopNotApplicable = "not-applicable"
)

// ConvergeBasin is the ladder of one start basin.
type ConvergeBasin struct {
	// Start is the index of the start in the plan, Basin that of its
	// basin, StartPoint X_0.
	Start      int       `json:"start"`
	Basin      int       `json:"basin"`
	StartPoint []float64 `json:"start_point"`
	// NotApplicable says why the theory's prediction does not apply
	// (decided before anything was simulated); empty when it applies.
	NotApplicable string `json:"not_applicable,omitempty"`
	// Jump is J_i, Rate q_i = C*_i and RateErr its standard error (0 when
	// exact; in R^d it widens every interval of R).
	Jump    int     `json:"jump_number"`
	Rate    float64 `json:"rate"`
	RateErr float64 `json:"rate_stderr"`
	// Labels are the destination basins of the landing law, aligned with
	// PredictedLanding (q_ij/q_i; 0 = forbidden) and with every rung's
	// LandingCounts.
	Labels           []int          `json:"landing_labels"`
	PredictedLanding []float64      `json:"predicted_landing"`
	Rungs            []ConvergeRung `json:"rungs"`
	// Stop is why the walk ended (Stop* constants), Next the rung it would
	// run next (nil when it ended on a verdict or the ladder ran out).
	Stop string        `json:"stop"`
	Next *ConvergeNext `json:"next"`
	// Verdict is the verdict on R(η) → 1; Landing that on the landing law
	// from the brute-force rungs (nil without any).
	Verdict estimators.Verdict         `json:"verdict"`
	Landing *estimators.LandingVerdict `json:"landing_verdict"`
}

// ConvergeNext is the rung a walk would run next, with its predicted cost
// and, when importance sampling was considered and not used, why.
type ConvergeNext struct {
	Eta            float64 `json:"eta"`
	Lambda         float64 `json:"lambda"`
	Method         string  `json:"method"`
	PredictedSteps float64 `json:"predicted_steps"`
	Note           string  `json:"note,omitempty"`
}

// ConvergeRung is one rung of a ladder: the step size, the estimate of
// R(η) = τ̄/E τ_pred with its interval, and what it cost.
type ConvergeRung struct {
	Eta    float64 `json:"eta"`
	Lambda float64 `json:"lambda"`
	// Method is "bf" (brute force) or "is" (importance sampling).
	Method string `json:"method"`
	// Predicted is E τ_pred = 1/(q η λ(η)^J) in steps.
	Predicted float64 `json:"predicted_steps"`
	// Samples, Exits, Censored, Cap and TimeOnTest are the brute-force
	// replicas: Samples = Exits + Censored, each stopped at Cap steps, and
	// TimeOnTest = Σ exit steps + Σ caps of the censored, so that
	// τ̄ = TimeOnTest/Exits. An importance-sampled rung has Samples = the
	// windows of its estimate and Exits the windows that exited.
	Samples    int   `json:"samples"`
	Exits      int   `json:"exits"`
	Censored   int   `json:"censored"`
	Cap        int64 `json:"cap"`
	TimeOnTest int64 `json:"time_on_test"`
	// LandingCounts are the brute-force exits per destination basin
	// (ConvergeBasin.Labels); nil for an importance-sampled rung.
	LandingCounts []int `json:"landing_counts"`
	// Ratio is R̂, SELog the standard error of log R̂, and [RatioLow,
	// RatioHigh] its interval at the look level (χ² for brute force,
	// log-normal for importance sampling, widened by the prediction's
	// relative error on R^d).
	Ratio     float64 `json:"ratio"`
	SELog     float64 `json:"se_log"`
	RatioLow  float64 `json:"ratio_low"`
	RatioHigh float64 `json:"ratio_high"`
	// Steps are the SGD steps simulated (pilot included), Seconds the wall
	// time of the rung.
	Steps   int64   `json:"steps"`
	Seconds float64 `json:"seconds"`
	// Rare is the importance-sampling estimate; nil for brute force.
	Rare *ConvergeRare `json:"rare,omitempty"`
}

// ConvergeRare is an importance-sampled rung's estimate (the rare-event
// estimator of docs/theory.md §13) with its design and self-checks.
type ConvergeRare struct {
	// PilotWindows and PilotRelErr are the pilot that chose the method and
	// sized the estimate (its relative error of the rate per window);
	// PilotSteps its cost, its own design search included.
	PilotWindows int     `json:"pilot_windows"`
	PilotRelErr  float64 `json:"pilot_rel_err"`
	PilotSteps   int64   `json:"pilot_steps"`
	// MeanSteps and [MeanLow, MeanHigh] (null: unbounded) estimate E τ;
	// RelErr is the relative error of the rate per window.
	MeanSteps float64           `json:"mean_steps"`
	MeanLow   estimators.Number `json:"mean_low"`
	MeanHigh  estimators.Number `json:"mean_high"`
	RelErr    float64           `json:"rel_err"`
	// Diagnostics are the estimate's design and self-checks.
	Diagnostics *RareDiagnostics `json:"diagnostics"`
	// Warnings word the failed checks: a rung with warnings is untrusted
	// (kept, not judged).
	Warnings []string `json:"warnings"`
}

// WriteConvergeFile writes rep to path as JSON (WriteJSON), atomically (a
// temporary file renamed over it), so that a checkpoint interrupted while
// being written never leaves a truncated file.
func WriteConvergeFile(path string, rep ConvergeReport) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, append(data, '\n'))
}

// ReadConvergeFile reads a results file of `verify converge`. A file of
// another format or shape (an unknown key, a value of the wrong type,
// trailing data) is an error naming the path.
func ReadConvergeFile(path string) (*ConvergeReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rep, err := ReadConverge(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rep, nil
}

// ReadConverge decodes a ConvergeReport from r, strictly (ReadJSON), and
// checks its format and content: a report without a scenario or start
// basins, or with fields out of range, is refused (the error names the
// field).
func ReadConverge(r io.Reader) (*ConvergeReport, error) {
	var rep ConvergeReport
	if err := ReadJSON(r, &rep); err != nil {
		return nil, err
	}
	if rep.Format != ConvergeFormat {
		return nil, fmt.Errorf("report: format %q, want %q", rep.Format, ConvergeFormat)
	}
	if err := rep.check(); err != nil {
		return nil, err
	}
	return &rep, nil
}
