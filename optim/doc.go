// Package optim holds the optimisers of the control experiment
// (docs/control.md): the truncated heavy-tailed method of Wang, Oh & Rhee
// (ICLR 2022, arXiv 2102.04297, Section 4) in its two variants, and the
// baselines it is compared with — large-batch SGD (LB), small-batch SGD
// (SB), SB with truncation (SB+clip), SB with untruncated heavy-tailed
// noise (SB+noise), and sharpness-aware minimisation (SAM, Foret et al.,
// ICLR 2021).
//
// The heavy-tailed methods perturb the small-batch gradient with the SGD
// noise itself, multiplied by a heavy-tailed scalar:
//
//	g_heavy(θ) = g_SB(θ) + Z·(g_SB*(θ) − g_LB(θ)),   Z = c·W,  P(W > w) = w^{−α} (w ≥ 1),
//
// and take the truncated step θ ← θ − φ_b(η·g_heavy(θ)) with
// φ_b(w) = w·min(1, b/‖w‖) (docs/theory.md §1). Variant 1 draws the batch
// SB* independently of SB; variant 2 uses SB* = SB. For the final steps of
// a run the noise is switched off and the step is large-batch gradient
// descent, as in the paper.
package optim
