package pipeline

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
)

// MinInconsistentRungs is the least number of judged rungs on which a
// ladder may be called inconsistent. With two rungs every bias model
// R = L + A·λ^κ fits exactly, so the model-robust limit test rests on its
// assumption about κ alone, untested: a plateau of the pre-asymptotic
// bias (R flat while λ halves, as on the J = 2 quadratic fixture at
// λ ≈ 0.1, where R = 0.55 and 0.57 before rising to 0.67) then excludes 1
// although the prediction is right. From three rungs on the fit has a
// degree of freedom: a model the data reject is filtered out and a best
// κ at the lower end widens the range (estimators.LimitTest). Fewer rungs
// make an "inconsistent" provisional: a warning and "consistent, not yet
// converged", which only lowers the false-alarm rate.
const MinInconsistentRungs = 3

// judge recomputes the verdicts of start b's ladder (judgeLadder) with the
// walk's scale function and prediction.
func (w *walk) judge(b *report.ConvergeBasin) error {
	return judgeLadder(b, w.set, w.lambda, w.meanExit(b.Basin), landingSeed(w.p.Run.Seed, b.Start))
}

// landingSeed is the seed of the Monte Carlo trend test of forbidden
// landings of start si: a function of the scenario seed and the start,
// from a key of the converge label that no rung uses.
func landingSeed(seed uint64, si int) uint64 {
	return mc.StreamKey{Seed: seed, Labels: []uint64{mc.LabelConverge, uint64(si)}}.Rand(0).Uint64()
}

// judgeLadder fills the intervals of b's rungs and its two verdicts, from
// its rungs, at the settings set:
//
//   - on R(η) → 1: estimators.JudgeRatio at the look level, over the
//     trusted rungs with exits (brute force: exponential means of the
//     censored samples, exact χ² intervals; importance sampling: log-normal
//     intervals), every interval widened by the prediction's relative
//     error RateErr/Rate (0 in 1-D). lambda and meanExit let a verdict
//     "consistent, not yet converged" say which η and how many steps its
//     trend calls for. Without a rung, a verdict "consistent, not yet
//     converged" that says so;
//   - on the landing law: estimators.JudgeLanding at the walk's level
//     (the walk does not stop on it, so it is one look), over the
//     brute-force rungs with exits, against PredictedLanding with the
//     forbidden cells (probability 0) kept; nil without such a rung.
func judgeLadder(b *report.ConvergeBasin, set report.ConvergeSettings, lambda, meanExit func(float64) float64, seed uint64) error {
	if b.NotApplicable != "" {
		b.Verdict = estimators.NotApplicableVerdict(b.NotApplicable)
		b.Landing = nil
		return nil
	}
	relSE := 0.0
	if b.Rate > 0 {
		relSE = b.RateErr / b.Rate
	}
	var ratios []estimators.RatioRung
	var landings []estimators.LandingRung
	var skipped []string
	for k := range b.Rungs {
		r := &b.Rungs[k]
		rg, err := ratioRung(*r, set.LookLevel)
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("rung %d (η = %g): %v", k, r.Eta, err))
			continue
		}
		r.Ratio, r.SELog = rg.R, rg.SELog
		r.RatioLow, r.RatioHigh = rg.CI(set.LookLevel, relSE)
		if !trusted(*r) {
			continue
		}
		ratios = append(ratios, rg)
		if r.Method == MethodBrute && r.Exits > 0 && len(b.Labels) > 0 {
			landings = append(landings, estimators.LandingRung{Eta: r.Eta, Lambda: r.Lambda, Counts: r.LandingCounts})
		}
	}
	opt := estimators.LadderOptions{Level: set.LookLevel, Tol: set.Tol, PredictionRelSE: relSE, Lambda: lambda, MeanExit: meanExit}
	if len(ratios) == 0 {
		b.Verdict = estimators.Verdict{Kind: estimators.NotYetConverged, Limit: 1, BandLow: 1 - set.Tol, BandHigh: 1 + set.Tol,
			Level: set.LookLevel, Reason: "no rung with exits yet: nothing to judge", Warnings: []string{}}
	} else {
		v, err := estimators.JudgeRatio(ratios, opt)
		if err != nil {
			return fmt.Errorf("pipeline: judging the ladder of start %d: %w", b.Start, err)
		}
		b.Verdict = v
	}
	if b.Verdict.Kind == estimators.Inconsistent && len(ratios) < MinInconsistentRungs {
		b.Verdict.Warnings = append(b.Verdict.Warnings, fmt.Sprintf("provisionally inconsistent (%s), but %d rungs cannot test the bias model "+
			"(a verdict of inconsistent needs %d): not a verdict", b.Verdict.Reason, len(ratios), MinInconsistentRungs))
		b.Verdict.Kind = estimators.NotYetConverged
		b.Verdict.Reason = fmt.Sprintf("%d rungs, and a verdict of inconsistent needs %d (see the warning)", len(ratios), MinInconsistentRungs)
	}
	for _, s := range skipped {
		b.Verdict.Warnings = append(b.Verdict.Warnings, "not judged: "+s)
	}
	b.Landing = nil
	if len(landings) > 0 && hasAllowed(b.PredictedLanding) {
		lv, err := estimators.JudgeLanding(landings, b.PredictedLanding,
			estimators.LadderOptions{Level: set.Level, Tol: set.LandingTol, Lambda: lambda, Seed: seed})
		if err != nil {
			return fmt.Errorf("pipeline: judging the landing law of start %d: %w", b.Start, err)
		}
		b.Landing = &lv
	}
	return nil
}

// ratioRung is the estimators rung of r: an exponential mean of its
// brute-force totals, or its importance-sampling estimate.
func ratioRung(r report.ConvergeRung, level float64) (estimators.RatioRung, error) {
	if r.Method == MethodRare {
		return estimators.NewRatioRungFromEstimate(r.Eta, r.Lambda, r.Ratio, r.SELog)
	}
	m, err := estimators.ExpMeanFromTotals(float64(r.TimeOnTest), r.Exits, r.Censored, level)
	if err != nil {
		return estimators.RatioRung{}, err
	}
	return estimators.NewRatioRung(r.Eta, r.Lambda, m, r.Predicted)
}

// hasAllowed reports whether some landing probability is positive.
func hasAllowed(probs []float64) bool {
	for _, p := range probs {
		if p > 0 && !math.IsInf(p, 0) {
			return true
		}
	}
	return false
}
