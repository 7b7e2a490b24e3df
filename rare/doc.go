// Package rare estimates first-exit rates and mean exit times of truncated
// heavy-tailed SGD by importance sampling, where brute force would need
// ~η^{−(1+J(α−1))} steps per exit (docs/theory.md §13; X. Wang and
// C.-H. Rhee, Importance sampling strategy for heavy-tailed systems with
// catastrophe principle, Winter Simulation Conference 2023, sections 3 and
// 4.2).
//
// # The sampler
//
// A window starts at the minimum and runs n = ⌈T/η⌉ steps of the recursion of
// docs/theory.md §2.1 (optionally after a warm-up under P), in any
// dimension: on the real line and in R^d (a noise.Radial law, whose
// magnitude R = ‖Z‖ is conditioned and whose direction is not). A noise is
// big when ‖ηZ‖ > γ. Windows are drawn from the defensive mixture
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
// burn-in (Estimate). The recursion runs on the kernels of package mc
// (mc.SuppliedExit.Trace): a window draws each phase's noises into a buffer,
// a chunk at a time, advances over them, and reads the J largest noises,
// the count of big ones and the last step at rest off the buffer's prefix.
// J comes from the caller (package theory): rare never computes a
// prediction.
//
// # Design
//
// Rule.Design reads the design off the landscape's own dynamics around the
// start minimum m (DefaultRule): γ just below the slack s = r − (J−1)b
// (0.9·s; s/2 for J = 1), a warm-up under P as long as the flow takes to
// bring a displacement γ back to 2% of it (FlowTime; 3.9/f″(m) in a
// quadratic well), a burn-in inside the importance-sampled part as long as
// the longest J-jump exit sequence of the gradient flow (FlowSpan) plus
// 1/f″(m), and a counting interval that minimises the work-normalised
// variance; in R^d the same quantities over directions from m (the
// nearest boundary point, the slowest eigen-direction, a search over exit
// paths; see Rule). The earlier design of issue 6 (burn-in 1/f″(m), no
// warm-up) counted exits before the transient was over on landscapes whose
// flow is slow away from m and overstated the mean exit time (by 2.2 times
// on a shallow-saddle well; see Rule).
//
// # Diagnostics and Run
//
// Every Result carries Diagnostics: the hazard ratio across its counting
// interval, the transient bias extrapolated from replays of its exits from
// rest (ExitSample.ForgetsHalf), the largest weight share and the effective
// number of exits, with a Warning when one fails. Run puts a pilot before
// the main run and doubles the warm-up and burn-in until the pilot's
// transient checks pass, or refuses with a *DesignError.
//
// # Validation
//
// results/rare/README.md lists the measurements behind the rule and the
// validation of the estimator against brute force (`verify rare`).
package rare
