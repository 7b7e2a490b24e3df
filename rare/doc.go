// Package rare estimates first-exit rates and mean exit times of truncated
// heavy-tailed SGD by importance sampling, when brute force would need
// ~η^{−(1+J(α−1))} steps per exit (THEORY.md section 9; X. Wang and
// C.-H. Rhee, Importance sampling strategy for heavy-tailed systems with
// catastrophe principle, Winter Simulation Conference 2023, sections 3 and
// 4.2).
//
// # The sampler
//
// A window is n = ⌈T/η⌉ steps of the recursion of THEORY.md section 1 started
// at the minimum. A noise is big when |ηZ| > γ. Windows are drawn from the
// defensive mixture
//
//	Q = w·P + (1−w)·P( · | B ),   B = {at least J big noises in the window},
//
// where P(· | B) is sampled exactly: the number of big noises is
// Binomial(n, H(γ/η)) conditioned on ≥ J (condBinomial), their positions a
// uniform subset (positions), their values from the law conditioned on
// |Z| > γ/η and all other values from the law conditioned on |Z| ≤ γ/η
// (Conditional: closed-form inversion for pareto and lomax, numerical
// inversion of the CDF for the other laws). Each window stops at its exit τ
// and carries the likelihood ratio dP/dQ on the noises up to τ (see
// Estimate); p = P(τ ≤ n) is the mean of L·1{τ ≤ n}. J and the slack come
// from the caller (package theory): rare never computes a prediction.
//
// # Design (DefaultDesign) and what was measured
//
// The numbers below are from cmd/rare-bench (results/rare/) at the point P
// of issue 6: paper-1d, Pareto α = 1.5, c = 0.1, b = 0.25, start m_2, J = 3,
// slack 0.1007, f″(m_2) = 2.18.
//
//   - γ = 0.9·slack. P(B)/p scales like γ^{−αJ}: at η = 10^−3 the relative
//     error of the rate per window was 188 at γ = 0.5·slack and 58 at
//     0.9·slack. The paper's γ < slack/(2J) (strong efficiency with the
//     full-window ratio) would multiply the relative variance by about
//     (0.9·6)^{4.5} ≈ 2000. Exits with fewer than J noises above γ are
//     what a large γ risks; the exit log (ExitSample.JthJump) measures
//     them: 1.4% ± 1% of p at η = 10^−2 for γ' = 0.95·slack, none at
//     η = 10^−3. With the ratio taken at the exit, an exit with J−1 big
//     jumps has L ≈ P(B)/P(B | F_τ) = O(λ^{J−1}), so these exits add O(p²)
//     to the second moment, and the relative error per window measured at P
//     stays flat as η falls (see the table in results/rare/validation.json).
//   - Burn-in T_0 = 1/f″(m) and window T = (J+1)T_0/J. Windows start at the
//     minimum with no jump under way, so the hazard is 0 at first and
//     reaches its stationary value only once the window is longer than the
//     span of an exit's jump sequence (median 0.10-0.14/η at P, 99% below
//     0.41-0.59/η). Ignoring this (E τ ≈ −n/log(1 − p), the naive mean)
//     overstates E τ by 27-35% at P with T = 0.67; the rate from exits in
//     (T_0, T] carries an estimated residual bias below 0.5%
//     (Result.TransientBias). With P(B) ∝ T^J, the work-normalised variance
//     is ∝ T^{J+1}/(T − T_0), least at T = (J+1)T_0/J: at P, η = 10^−2,
//     T = 0.67 gave 1.3·10^5 against 2.1·10^5 for T = 1 and 1.4·10^6 for
//     T = 2, T_0 = 1.
//   - w = 0.05: the ratio is at most 1/w off B; the defensive share costs a
//     factor 1/(1−w) in the variance of the B part.
//
// # Estimates
//
// Estimate returns p̂ = P(τ ≤ n) with its SE, CI and relative error per
// window (all exactly unbiased), the per-step hazard after the burn-in,
// the mean exit time E τ ≈ n_0 + (1 − p_0)/r with a CI, the work-normalised
// variance (relative variance × steps per window) and diagnostics. It is
// deterministic for a StreamKey whatever the number of workers.
package rare
