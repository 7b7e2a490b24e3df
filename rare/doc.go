// Package rare estimates first-exit rates and mean exit times of truncated
// heavy-tailed SGD by importance sampling, where brute force would need
// ~η^{−(1+J(α−1))} steps per exit (THEORY.md section 9; X. Wang and
// C.-H. Rhee, Importance sampling strategy for heavy-tailed systems with
// catastrophe principle, Winter Simulation Conference 2023, sections 3 and
// 4.2).
//
// # The sampler
//
// A window starts at the minimum and runs n = ⌈T/η⌉ steps of the recursion of
// THEORY.md section 1 (optionally after a warm-up under P). A noise is big
// when |ηZ| > γ. Windows are drawn from the defensive mixture
//
//	Q = w·P + (1−w)·P( · | B ),   B = {at least J big noises in the window},
//
// where P(· | B) is sampled exactly: the number of big noises is
// Binomial(n, H(γ/η)) conditioned on ≥ J (condBinomial), their positions a
// uniform subset (positions), their values from the law conditioned on
// |Z| > γ/η and every other value from the law conditioned on |Z| ≤ γ/η
// (Conditional: closed-form inversion for pareto and lomax, numerical
// inversion of the CDF for the other laws). A window stops at its exit τ
// and carries the likelihood ratio dP/dQ on the noises up to τ; p = P(τ ≤ n)
// is the mean of L·1{τ ≤ n}, and the exit rate comes from the exits after a
// burn-in (Estimate). J and the slack come from the caller (package theory):
// rare never computes a prediction.
//
// # Design
//
// DefaultDesign documents each choice with its measurement: γ = 0.9·slack,
// burn-in T_0 = 1/f″(m), window T = (J+1)T_0/J, no warm-up, w = 0.05.
//
// # Validation (results/rare/validation.txt)
//
// Paper-1d, Pareto c = 0.1, start m_2; mean exit time in steps, importance
// sampling (IS) against brute force (BF) and the limit 1/(q η λ(η)^J):
//
//	point            η      J  IS (95% CI)                 BF (95% CI)           limit    speed-up
//	α=1.5 b=0.5      1e-2   2  1.02e6 [0.98e6, 1.07e6]     1.08e6 [0.94, 1.26]   1.12e6   32
//	α=1.5 b=0.25 (P) 5e-2   3  7.54e6 [7.03e6, 8.13e6]     6.96e6 [6.33, 7.67]   1.36e7   195
//	P                1e-2   3  5.43e8 [5.18e8, 5.71e8]     6.94e8 [4.39, 11.7]   7.61e8   6.0e3
//	P                1e-3   3  1.96e11 [1.74e11, 2.24e11]  –                     2.41e11  1.6e5 (vs limit)
//	P                1e-4   3  6.74e13 [5.48e13, 8.75e13]  –                     7.61e13  4.5e6 (vs limit)
//	α=1.2 b=0.28     1e-3   3  5.77e7 [4.82e7, 7.18e7]     5.17e7 [4.00, 6.81]   7.41e7   14
//
// The speed-up is the ratio of work-normalised variances (relative variance
// per sample × steps per sample; E τ for brute force); the CPU cost per step
// is about the same (90-120 ns on paper-1d). At P the relative error of the
// rate per window is 43, 50 and 52 at η = 10^−2, 10^−3, 10^−4 (of p: 27, 29,
// 30): bounded as η falls, which is what makes η = 10^−4 reachable.
//
// At the paper's hard point (b = 0.28, α = 1.2, slack 0.04) the gain is
// small because the conditioning event is not rare: the expected number of
// big noises in a window, n·H(γ/η) ≈ T·λ(η)·γ^{−α}, is 0.5 there (λ(10^−3) =
// 0.016 for α = 1.2, γ^{−α} = 53 for γ = 0.037), so P(B) = 1.5% and the
// speed-up cannot exceed about 1/P(B). Its exits also take longer (99% of
// the spans up to 0.5-1.3/η), so the default burn-in is marginal there
// (the two halves of the same run gave 8.4·10^7 and 4.4·10^7); with T_0 = 2
// the gain is gone (speed-up 0.26).
package rare
