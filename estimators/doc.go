// Package estimators turns simulation output into estimates with honest
// confidence intervals and hypothesis tests (docs/theory.md §12).
//
// It knows nothing about the process being simulated and imports nothing of
// htsgd: it sees exit times, counts and exposures, never predictions. The
// comparison with theory happens in report and in tests.
//
// One concept per file:
//
//   - exponential.go: mean of an exponential from type-I-censored samples,
//     exact chi-square CI (ExpMean).
//   - shape.go: Lilliefors-type test that exit times are exponential with an
//     estimated mean, p-value by parametric bootstrap (ExpShapeTest).
//   - gtest.go: multinomial G-test of exit locations (GTest).
//   - slope.go: weighted least-squares line, e.g. log mean exit time against
//     log η (WLSLine, WLSLineKnownVar).
//   - poisson.go: Garwood CI for a Poisson count and a rate N/T (PoissonCI,
//     RateCI), for generator entries q̂_ij = N_ij/T_i.
//   - replicas.go: t CI for the mean of independent replicas, Clopper–Pearson
//     CI for a proportion (ReplicaMean, ProportionCI).
//   - ratio.go: extrapolation R(η) = R0 + a·λ^κ with a profile-likelihood CI
//     for R0 and a leverage diagnostic (FitRatio), conditional on the model.
//   - level.go: validation of confidence levels shared by all of the above.
//   - root.go: the bisection every root search uses.
//
// Step-size ladders (issue 13: does R(η) = τ̄·q η λ(η)^J reach 1, and the
// landing law its limit, as λ(η) → 0?):
//
//   - ratio_rung.go: one rung of R (RatioRung, NewRatioRung,
//     NewRatioRungFromEstimate) and its CI.
//   - series.go: a quantity along a ladder, its variance family and the
//     iteratively reweighted fits the tests share (unexported).
//   - limit.go: model-robust interval and test for the limit (RatioLimit,
//     LimitTest): a union over the bias exponent κ and over dropping the
//     largest-η rungs.
//   - trend.go: monotone-trend test along the ladder (TrendTest).
//   - extrapolate.go: the λ, η and cost at which the trend reaches a target
//     bias (Extrapolation).
//   - verdict.go: the verdict kinds, rules and error rates (VerdictKind,
//     Verdict, NotApplicableVerdict).
//   - ratio_verdict.go: the verdict on R (JudgeRatio).
//   - landing_verdict.go, forbidden.go: the verdict on the landing law, with
//     forbidden landings counted and tested (JudgeLanding, LandingVerdict,
//     ForbiddenTrend).
//   - ladder.go: ladder arithmetic (EtaForLambda, NextEta, RungCost,
//     ExitsForLogHalfWidth).
//   - ladder_options.go: LadderOptions and their defaults.
//   - number.go: a float that encodes NaN and ±Inf as JSON null (Number).
//
// Conventions. A confidence level is a number in (0, 1); a = 1 − level is
// split equally between the two tails. Quantities that the data cannot
// determine (a mean with no exits, an SE from one replica) are math.NaN, and
// unbounded CI ends are ±Inf; callers writing JSON map both to null (the
// ladder verdicts do it themselves through Number).
// Functions whose signature has an error return it for bad input, with the
// offending parameter's name first; the few that return plain numbers
// (PoissonCI, RateCI, ReplicaMean, ProportionCI) return NaN instead, and
// CheckLevel lets a caller validate a user-supplied level up front.
package estimators
