package estimators

// JudgeRatio returns the verdict of a step-size ladder on the prediction
// R(η) → 1 for one start basin (issue 13; docs/theory.md §6.2 and §11.1): the
// rules, evidence and error rates of Verdict with L = 1 and the band
// [1 − Tol, 1 + Tol] (default ±5%). Rungs may come in any order; they are
// judged in decreasing λ. The rung intervals are ExpMean's χ² intervals for
// exponential means and R̂·exp(±z·SELog) for other estimators, both widened
// by opt.PredictionRelSE. A NotYetConverged verdict carries the λ (and,
// with opt.Lambda and opt.MeanExit, the η and steps) its trend calls for.
//
// Errors name the offending input: no rungs, a bad rung (field names
// prefixed by "rungs[i]."), a bad option.
func JudgeRatio(rungs []RatioRung, opt LadderOptions) (Verdict, error) {
	c, err := opt.resolve(DefaultRatioTol)
	if err != nil {
		return Verdict{}, err
	}
	s, sorted, err := ratioSeries(rungs, c.predRelSE)
	if err != nil {
		return Verdict{}, err
	}
	return judge(s, 1, sorted[len(sorted)-1].Eta, c, c.alpha(), "χ² (exponential means) or log-normal (other estimators)"), nil
}
