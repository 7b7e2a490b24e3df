package estimators

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// ForbiddenTrend is the evidence on exits into basins the theory forbids
// (q_ij = 0, i.e. J_ij > J_i: docs/theory.md §7.1 and §12.3) along a ladder.
// At finite η such landings happen (paths with more than J_i jumps), but
// their fraction must fall to 0 as λ(η) → 0; they are counted, never dropped.
//
// Trend test (exact, conditional). Let F_k forbidden landings out of N_k
// exits at rung k, F = Σ F_k over the tested rungs, x_k = −log λ_k and
// T = Σ x_k F_k. If the fraction were the same at every rung, then given F
// the counts would be multinomial with probabilities N_k/Σ N (the Poisson
// approximation of the multivariate hypergeometric law; it overstates the
// null variance by the factor 1/(1 − p), so it is conservative, and exact as
// p → 0, the regime of forbidden landings). The p-values
//
//	PFalls = (1 + #{T* ≤ T})/(1 + NSim),   PRises = (1 + #{T* ≥ T})/(1 + NSim)
//
// come from NSim draws T* of that law (deterministic given the seed). PFalls
// small: the fraction is seen to fall as λ falls. PRises small: it rises,
// which contradicts the theory if the fraction is monotone along the tested
// rungs. Its size under a fraction that falls monotonically is at most the
// flat case's: given F, the counts are then multinomial with probabilities
// tilted towards the large-λ rungs, which makes T stochastically smaller
// (monotone likelihood ratio in x).
//
// Excess at a rung ("beyond what the trend allows"). Along a ladder whose
// forbidden fraction falls, rung k may not show more than rung k − 1 does:
// the one-sided exact conditional test of H0: p_k ≤ p_{k−1} (Fisher's test:
// given F_{k−1} + F_k, F_k is hypergeometric under p_k = p_{k−1}, and
// stochastically smaller under H0) gives ExcessP_k; a rung fails when
// ExcessP_k is below its Bonferroni share of the budget.
//
// Limit. The fraction itself is a ladder quantity with predicted limit 0,
// tested like R by LimitTest (binomial variances, the fitted fraction held
// at least half a count above 0).
type ForbiddenTrend struct {
	Rungs          int     // rungs tested (the ladder minus the dropped top rungs)
	Forbidden      int     // F, forbidden landings on those rungs
	Exits          int     // Σ N_k on those rungs
	Statistic      float64 // T = Σ x_k F_k
	PFalls, PRises float64 // exact conditional p-values (1 when F = 0)
	NSim           int
	// Falls: PFalls below α (the fall is seen); Rises: PRises below α/8
	// (a quarter of the forbidden budget: see LandingVerdict).
	Falls, Rises bool
	// Limit is the model-robust test (LimitTest, at level 1 − α/4) of the
	// limit 0 of the forbidden fraction over all rungs: a fraction that
	// levels off above 0 (as it would if a basin predicted forbidden were in
	// fact reachable with J_i jumps, i.e. J off by one) excludes it.
	Limit LimitTest
	// LastHigh and PreviousHigh are the Clopper–Pearson upper bounds at
	// Level of the forbidden fraction at the last two rungs (PreviousHigh
	// NaN with one rung); WithinTol: LastHigh ≤ Tol.
	LastHigh, PreviousHigh Number
	WithinTol              bool
}

// forbiddenTrendP returns T and the p-values (PFalls, PRises) of the exact
// conditional trend test for forbidden counts f out of n at rungs with scale
// lambda, from nsim draws seeded by seed.
func forbiddenTrendP(f, n []int, lambda []float64, nsim int, seed uint64) (t, pFalls, pRises float64) {
	x := make([]float64, len(f))
	var total, exits int
	for k := range f {
		x[k] = -math.Log(lambda[k])
		t += x[k] * float64(f[k])
		total += f[k]
		exits += n[k]
	}
	if total == 0 {
		return t, 1, 1
	}
	rng := rand.New(rand.NewPCG(seed, 0xf0bdd3)) // stream of this test
	var le, ge int
	for range nsim {
		var ts float64
		left, rest := total, exits
		for k := range f {
			if left == 0 {
				break
			}
			var fk int
			if k == len(f)-1 || n[k] == rest {
				fk = left
			} else {
				fk = int(distuv.Binomial{N: float64(left), P: float64(n[k]) / float64(rest), Src: rng}.Rand())
			}
			ts += x[k] * float64(fk)
			left -= fk
			rest -= n[k]
		}
		if ts <= t {
			le++
		}
		if ts >= t {
			ge++
		}
	}
	return t, float64(1+le) / float64(1+nsim), float64(1+ge) / float64(1+nsim)
}

// excessP is the one-sided p-value of Fisher's exact test that the
// forbidden fraction rose from fPrev/nPrev to f/n:
// P(X ≥ f) for X ~ Hypergeometric(nPrev + n exits, fPrev + f forbidden, n drawn).
func excessP(fPrev, nPrev, f, n int) float64 {
	return hypergeomUpper(f, nPrev+n, fPrev+f, n)
}

// hypergeomUpper returns P(X ≥ x) for X hypergeometric: x successes in k
// draws without replacement from a population of pop holding m successes.
// The pmf at x is C(m, x)C(pop−m, k−x)/C(pop, k); the tail is summed upwards
// with the ratio
// p(i+1)/p(i) = (m − i)(k − i) / ((i + 1)(pop − m − k + i + 1)).
func hypergeomUpper(x, pop, m, k int) float64 {
	lo, hi := max(0, k-(pop-m)), min(m, k)
	if x <= lo {
		return 1
	}
	if x > hi {
		return 0
	}
	p := math.Exp(lchoose(m, x) + lchoose(pop-m, k-x) - lchoose(pop, k))
	sum := p
	for i := x; i < hi; i++ {
		p *= float64(m-i) * float64(k-i) / (float64(i+1) * float64(pop-m-k+i+1))
		sum += p
	}
	return min(sum, 1)
}

// lchoose is log C(n, k).
func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
