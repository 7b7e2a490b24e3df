// Package estimators turns simulation output into estimates with honest
// confidence intervals and hypothesis tests (THEORY.md section 7).
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
//     for R0 and a leverage diagnostic (FitRatio).
//   - level.go: validation of confidence levels shared by all of the above.
//
// Conventions. A confidence level is a number in (0, 1); a = 1 − level is
// split equally between the two tails. Quantities that the data cannot
// determine (a mean with no exits, an SE from one replica) are math.NaN, and
// unbounded CI ends are ±Inf; callers writing JSON map both to null.
// Functions whose signature has an error return it for bad input, with the
// offending parameter's name first; the few that return plain numbers
// (PoissonCI, RateCI, ReplicaMean, ProportionCI) return NaN instead, and
// CheckLevel lets a caller validate a user-supplied level up front.
package estimators
