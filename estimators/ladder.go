package estimators

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// EtaForLambda returns the step size η in (0, etaMax] with λ(η) = target,
// for a scale function λ(η) = η^{−1}H(η^{−1}) (docs/theory.md §3.4) that
// increases with η on the interval searched (for Pareto noise,
// λ(η) = c^α η^{α−1} once η ≤ 1/c, and then η = (target/c^α)^{1/(α−1)}).
//
// Search. From η = etaMax the bracket is shrunk by factors of 2 until
// λ(η) < target ≤ λ(2η), then bisected on log η to a relative width of 1e-8.
//
// Errors name the parameter: target not finite and > 0; etaMax not finite
// and > 0; λ(etaMax) < target (the target lies above the range), λ not
// finite and > 0 at a point of the search, or no η ≥ 1e-300·etaMax with
// λ(η) < target.
func EtaForLambda(lambda func(eta float64) float64, target, etaMax float64) (float64, error) {
	switch {
	case !(target > 0) || math.IsInf(target, 1):
		return 0, fmt.Errorf("target: must be finite and > 0, got %v", target)
	case !(etaMax > 0) || math.IsInf(etaMax, 1):
		return 0, fmt.Errorf("eta_max: must be finite and > 0, got %v", etaMax)
	}
	logExcess := func(logEta float64) (float64, error) {
		l := lambda(math.Exp(logEta))
		if !(l > 0) || math.IsInf(l, 1) {
			return 0, fmt.Errorf("lambda: λ(%v) = %v, must be finite and > 0", math.Exp(logEta), l)
		}
		return math.Log(l) - math.Log(target), nil
	}
	hi := math.Log(etaMax)
	ex, err := logExcess(hi)
	switch {
	case err != nil:
		return 0, err
	case ex < 0:
		return 0, fmt.Errorf("target: λ(eta_max = %v) = %v is below the target %v", etaMax, lambda(etaMax), target)
	case ex == 0:
		return etaMax, nil
	}
	lo := hi
	for i := 0; ex >= 0; i++ {
		if i == 997 { // 2^{−997} ≈ 1e-300
			return 0, fmt.Errorf("target: λ(η) stays >= %v down to η = %v", target, math.Exp(lo))
		}
		hi, lo = lo, lo-math.Ln2
		if ex, err = logExcess(lo); err != nil {
			return 0, err
		}
	}
	var searchErr error
	f := func(logEta float64) float64 {
		v, err := logExcess(logEta)
		if err != nil && searchErr == nil {
			searchErr = err
		}
		return v
	}
	logEta := bisect(f, lo, hi)
	if searchErr != nil {
		return 0, searchErr
	}
	return math.Exp(logEta), nil
}

// NextEta returns the step size of the next rung of a ladder geometric in
// λ(η), not in η (issue 13): η' < η with λ(η') = factor·λ(η). Geometric in
// λ because the bias of R(η) decays like a power of λ (docs/theory.md §11.2),
// so equal ratios of λ give comparable steps towards the limit whatever α
// is: for Pareto noise η' = η·factor^{1/(α−1)}, a factor 1/2 in λ being a
// factor 1/32 in η at α = 1.2 and 1/4 at α = 1.5.
//
// Errors: factor outside (0, 1), eta not finite and > 0, and those of
// EtaForLambda.
func NextEta(lambda func(eta float64) float64, eta, factor float64) (float64, error) {
	switch {
	case !(factor > 0 && factor < 1):
		return 0, fmt.Errorf("factor: must be in (0, 1), got %v", factor)
	case !(eta > 0) || math.IsInf(eta, 1):
		return 0, fmt.Errorf("eta: must be finite and > 0, got %v", eta)
	}
	l := lambda(eta)
	if !(l > 0) || math.IsInf(l, 1) {
		return 0, fmt.Errorf("lambda: λ(%v) = %v, must be finite and > 0", eta, l)
	}
	return EtaForLambda(lambda, factor*l, eta)
}

// RungCost is the expected cost of a rung of n independent exit runs, each
// stopped at cap steps (+Inf for no cap), when exit times are exponential
// with mean θ = meanExit (docs/theory.md §6.2: E τ ≈ 1/(q η λ(η)^J) steps):
//
//	E exits = n (1 − e^{−c/θ}),   E steps = Σ E min(τ, c) = n θ (1 − e^{−c/θ}),
//
// so steps = θ × exits in expectation whatever the cap: a rung that must
// deliver d exits costs d·θ steps. The ladder's ETA sums this over the rungs
// left, with θ the predicted mean times the last measured R.
//
// Errors name the parameter: meanExit or cap not > 0 (cap may be +Inf),
// meanExit infinite, n < 1.
func RungCost(meanExit float64, n int, cap float64) (steps, exits float64, err error) {
	switch {
	case !(meanExit > 0) || math.IsInf(meanExit, 1):
		return 0, 0, fmt.Errorf("mean_exit: must be finite and > 0, got %v", meanExit)
	case n < 1:
		return 0, 0, fmt.Errorf("samples: must be >= 1, got %d", n)
	case !(cap > 0):
		return 0, 0, fmt.Errorf("cap: must be > 0, got %v", cap)
	}
	pExit := -math.Expm1(-cap / meanExit)
	exits = float64(n) * pExit
	return exits * meanExit, exits, nil
}

// ExitsForLogHalfWidth is the number of exits d that makes the exact CI of
// an exponential mean at the given level at most h wide on either side on
// the log scale: the smallest d with
//
//	log(χ²_{2d}(1−a/2)/(2d)) ≤ h   and   log(2d/χ²_{2d}(a/2)) ≤ h,
//
// the two half-widths of log θ̂'s interval [log(2T/χ²_{2d}(1−a/2)),
// log(2T/χ²_{2d}(a/2))] from a complete sample (ExpMean). The second is the
// larger: by the Wilson–Hilferty approximation it is z/√d + c/d with
// z = z_{1−a/2} and c = 1/3 + z²/6, so d ≈ ((z + √(z² + 4ch))/(2h))², a
// little more than (z/h)²: 6,225 exits for a half-width of 2.5% at 95%. It
// is the same for R = θ̂/θ_pred. A censored rung needs d exits, not d
// samples.
//
// Errors: h not finite and > 0, level outside (0, 1), or d beyond 2^53.
func ExitsForLogHalfWidth(h, level float64) (int, error) {
	if !(h > 0) || math.IsInf(h, 1) {
		return 0, fmt.Errorf("h: must be finite and > 0, got %v", h)
	}
	if err := checkLevel("level", level); err != nil {
		return 0, err
	}
	a := 1 - level
	fits := func(d float64) bool {
		up := math.Log(2 * d / chi2Quantile(2*d, a/2))
		down := math.Log(chi2Quantile(2*d, 1-a/2) / (2 * d))
		return up <= h && down <= h
	}
	if fits(1) {
		return 1, nil
	}
	// Bracket lo < d ≤ hi with fits(lo) false and fits(hi) true around the
	// Wilson–Hilferty approximation, widening if needed.
	z := distuv.UnitNormal.Quantile(1 - a/2)
	sq := (z + math.Sqrt(z*z+4*(1.0/3+z*z/6)*h)) / (2 * h)
	guess := math.Max(1, math.Floor(sq*sq))
	lo, hi := math.Max(1, math.Floor(0.97*guess)), math.Ceil(1.03*guess)+2
	for fits(lo) {
		hi, lo = lo, math.Max(1, math.Floor(lo/2))
		if lo == 1 {
			break
		}
	}
	for !fits(hi) {
		if hi > 1<<53 {
			return 0, fmt.Errorf("h: %v needs more than 2^53 exits", h)
		}
		lo, hi = hi, 2*hi
	}
	for hi-lo > 1 {
		mid := math.Floor((lo + hi) / 2)
		if fits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return int(hi), nil
}
