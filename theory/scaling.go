package theory

import (
	"errors"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/noise"
)

// Lambda returns the scale function of THEORY.md section 1,
//
//	λ(η) = η^{−1} H(η^{−1}),   H(x) = P(|Z| > x),
//
// from the exact tail of the law (computed by noise.Lambda) (for Pareto noise with p_+ = ½,
// λ(η) = c^α η^{α−1} once η ≤ 1/c). It is an error for a law that is not
// heavy-tailed (Gaussian), for which no prediction of this package applies,
// and for η ≤ 0.
func Lambda(l noise.Law, eta float64) (float64, error) {
	if l == nil || !l.HeavyTailed() {
		return 0, errors.New("noise: the heavy-tail theory needs a heavy-tailed law (regularly varying tail, α > 1)")
	}
	if !(eta > 0) || math.IsInf(eta, 1) {
		return 0, fmt.Errorf("eta: must be > 0 and finite, got %v", eta)
	}
	return noise.Lambda(l, eta), nil
}

// TimeUnit returns 1/(η λ(η)^J) steps, the time unit of a class with
// J_G = J (THEORY.md section 4): X_{⌊t·TimeUnit⌋} converges to the limiting
// chain at time t. For J = 1 it is 1/H(1/η), the untruncated time scale
// (η λ(η) = H(η^{−1})).
func TimeUnit(l noise.Law, eta float64, J int) (float64, error) {
	lam, err := Lambda(l, eta)
	if err != nil {
		return 0, err
	}
	if J < 1 {
		return 0, fmt.Errorf("jumps: J must be ≥ 1, got %d", J)
	}
	return 1 / (eta * math.Pow(lam, float64(J))), nil
}

// checkLaw reports an error if the law's α or p_+ differ from the model's.
func (a *Analysis) checkLaw(l noise.Law) error {
	if l == nil || !l.HeavyTailed() {
		return errors.New("noise: the heavy-tail theory needs a heavy-tailed law (regularly varying tail, α > 1)")
	}
	if math.Abs(l.Alpha()-a.Model.Alpha) > 1e-12*a.Model.Alpha {
		return fmt.Errorf("alpha: the law has α = %v but the analysis was made for α = %v", l.Alpha(), a.Model.Alpha)
	}
	if math.Abs(l.PPlus()-a.Model.PPlus) > 1e-12 {
		return fmt.Errorf("p_plus: the law has p_+ = %v but the analysis was made for p_+ = %v", l.PPlus(), a.Model.PPlus)
	}
	return nil
}

// MeanExitSteps returns the predicted mean first-exit time from Ω_i in
// steps (THEORY.md section 3),
//
//	E τ_i ≈ 1/(q_i η λ(η)^{J_i})       (untruncated: 1/(q_i H(1/η)), the same for J_i = 1),
//
// the η → 0 limit of q_i η λ(η)^{J_i} τ_i ⇒ Exp(1). At practical η measured
// means sit below it (THEORY.md section 7). The law must have the model's α
// and p_+; +Inf if Ω_i cannot be left.
func (a *Analysis) MeanExitSteps(i int, l noise.Law, eta float64) (float64, error) {
	if err := a.checkLaw(l); err != nil {
		return 0, err
	}
	if i < 0 || i >= len(a.Minima) {
		return 0, fmt.Errorf("minimum: index %d out of range [0, %d)", i, len(a.Minima))
	}
	if a.JumpNumber[i] == 0 || a.ExitRate[i] == 0 {
		return math.Inf(1), nil
	}
	unit, err := TimeUnit(l, eta, a.JumpNumber[i])
	if err != nil {
		return 0, err
	}
	return unit / a.ExitRate[i], nil
}

// NarrowFractions returns, for every minimum k, the first-order finite-η
// estimate of the fraction of time spent in the narrow basin Ω_k, within
// its absorbing class G (THEORY.md section 4; a heuristic, not a theorem):
//
//	frac_k ≈ λ(η)^{J_G − J_k}/q_k · Σ_{i wide} π_i Σ_{j narrow} q_{i,j} N_{j,k},
//
// N = (I − P_NN)^{−1} the expected visits of the embedded chain among the
// narrow minima of G (visits through other narrow basins included). The
// reasoning: in the time unit of G the chain sits at wide i a fraction π_i
// of the time and enters narrow j at rate q_{i,j}; each entry makes N_{j,k}
// visits to k, each lasting 1/(q_k η λ^{J_k}) steps, i.e. λ^{J_G−J_k}/q_k
// time units. Wide minima get 0, minima of transient classes NaN. The sum
// over the narrow minima of a class is its narrow time fraction (paper-1d,
// b = 0.5: 1.1583·λ(η)).
func (a *Analysis) NarrowFractions(lambda float64) ([]float64, error) {
	if !(lambda > 0) {
		return nil, fmt.Errorf("lambda: must be > 0, got %v", lambda)
	}
	out := make([]float64, len(a.Minima))
	r := a.rates()
	for _, cl := range a.Classes {
		if !cl.Absorbing {
			for _, k := range cl.Members {
				out[k] = math.NaN()
			}
			continue
		}
		if len(cl.Narrow) == 0 {
			continue
		}
		N, err := narrowVisits(r, cl.Narrow)
		if err != nil {
			return nil, err
		}
		jg := a.JumpNumber[cl.Wide[0]]
		for c, k := range cl.Narrow {
			sum := 0.0
			for wi, i := range cl.Wide {
				for bb, j := range cl.Narrow {
					sum += cl.Stationary[wi] * a.Rates[i][j] * N.At(bb, c)
				}
			}
			out[k] = math.Pow(lambda, float64(jg-a.JumpNumber[k])) / a.ExitRate[k] * sum
		}
	}
	return out, nil
}
