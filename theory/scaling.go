package theory

import (
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// Lambda returns the scale function of docs/theory.md §3.4,
//
//	λ(η) = η^{−1} H(η^{−1}),   H(x) = P(‖Z‖ > x),
//
// from the exact tail of the law (for Pareto noise with p_+ = ½,
// λ(η) = c^α η^{α−1} once η ≤ 1/c). A law that is not heavy-tailed
// (Gaussian), for which no prediction of this package applies, is an error
// wrapping ErrNotApplicable; η ≤ 0 is a *param.Error.
func Lambda(z noise.Vector, eta float64) (float64, error) {
	if z == nil || lawMissing(z) {
		return 0, param.Errorf("theory.Lambda.z", "is missing")
	}
	if !z.HeavyTailed() {
		return 0, notHeavyTailed(z)
	}
	if !(eta > 0) || math.IsInf(eta, 1) {
		return 0, param.Errorf("theory.Lambda.eta", "must be > 0 and finite, got %v", eta)
	}
	return z.Tail(1/eta) / eta, nil
}

// TimeUnit returns 1/(η λ(η)^J) steps, the time unit of a class with
// J_G = J (docs/theory.md §8.2): X_{⌊t·TimeUnit⌋} converges to the limiting
// chain at time t. For J = 1 it is 1/H(1/η), the untruncated time scale
// (η λ(η) = H(η^{−1})).
func TimeUnit(z noise.Vector, eta float64, J int) (float64, error) {
	lam, err := Lambda(z, eta)
	if err != nil {
		return 0, err
	}
	if J < 1 {
		return 0, param.Errorf("theory.TimeUnit.J", "must be ≥ 1, got %d", J)
	}
	return 1 / (eta * math.Pow(lam, float64(J))), nil
}

// ClassTimeUnit returns the time unit 1/(η λ(η)^{J_G}) steps of class c,
// J_G = max_{i wide} J_i (docs/theory.md §8.2), for the model's noise;
// +Inf for a class whose minima cannot be left (J_G = 0: one minimum and
// no exitable end), where nothing ever happens.
func (a *Analysis) ClassTimeUnit(c int, eta float64) (float64, error) {
	if c < 0 || c >= len(a.Classes) {
		return 0, param.Errorf("theory.Analysis.ClassTimeUnit.c", "class %d out of range [0, %d)", c, len(a.Classes))
	}
	J := 0
	for _, i := range a.Classes[c].Wide {
		J = max(J, a.JumpNumber[i])
	}
	if J == 0 {
		if _, err := Lambda(a.Model.Noise, eta); err != nil {
			return 0, err
		}
		return math.Inf(1), nil
	}
	return TimeUnit(a.Model.Noise, eta, J)
}

// MeanExitSteps returns the predicted mean first-exit time from Ω_i in
// steps at step size η (docs/theory.md §6.2 and §9.3),
//
//	E τ_i ≈ 1/(q_i η λ(η)^{J_i})       (untruncated: 1/(q_i H(1/η)), the same for J_i = 1),
//
// the η → 0 limit of q_i η λ(η)^{J_i} τ_i ⇒ Exp(1), for the model's noise.
// At practical η measured means sit below it (docs/theory.md §11.2). +Inf if
// Ω_i cannot be left.
func (a *Analysis) MeanExitSteps(i int, eta float64) (float64, error) {
	if err := a.checkBasin("theory.Analysis.MeanExitSteps.i", i); err != nil {
		return 0, err
	}
	if a.JumpNumber[i] == 0 || a.ExitRate[i] == 0 {
		return math.Inf(1), nil
	}
	unit, err := TimeUnit(a.Model.Noise, eta, a.JumpNumber[i])
	if err != nil {
		return 0, err
	}
	return unit / a.ExitRate[i], nil
}

// NarrowFractions returns, for every minimum k, the first-order finite-η
// estimate of the fraction of time spent in the narrow basin Ω_k, within
// its absorbing class G (docs/theory.md §8.4; a heuristic, not a theorem):
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
		return nil, param.Errorf("theory.Analysis.NarrowFractions.lambda", "must be > 0, got %v", lambda)
	}
	return narrowFractions(a.JumpNumber, a.Rates, a.ExitRate, a.Classes, lambda)
}

// narrowFractions is NarrowFractions for the jump numbers J, the rates q
// and exit rates exit, and the classes.
func narrowFractions(J []int, q [][]float64, exit []float64, classes []Class, lambda float64) ([]float64, error) {
	out := make([]float64, len(J))
	for _, cl := range classes {
		if !cl.Absorbing {
			for _, k := range cl.Members {
				out[k] = math.NaN()
			}
			continue
		}
		if len(cl.Narrow) == 0 {
			continue
		}
		N, err := narrowVisits(q, exit, cl.Narrow)
		if err != nil {
			return nil, err
		}
		jg := J[cl.Wide[0]]
		for c, k := range cl.Narrow {
			sum := 0.0
			for wi, i := range cl.Wide {
				for bb, j := range cl.Narrow {
					sum += cl.Stationary[wi] * q[i][j] * N.At(bb, c)
				}
			}
			out[k] = math.Pow(lambda, float64(jg-J[k])) / exit[k] * sum
		}
	}
	return out, nil
}

// TimeFractions returns the first-order prediction of the fraction of time
// spent in every basin of a graph that is one absorbing class: frac_k of
// NarrowFractions for narrow k, and π_i·(1 − Σ_k frac_k) for wide i (the
// limit chain's stationary law on the time left over); ErrNoLimitChain for
// any other graph (use ClassTimeFractions).
func (a *Analysis) TimeFractions(lambda float64) ([]float64, error) {
	if len(a.Stationary) == 0 {
		return nil, ErrNoLimitChain
	}
	fr, err := a.NarrowFractions(lambda)
	if err != nil {
		return nil, err
	}
	narrow := 0.0
	for _, v := range fr {
		narrow += v
	}
	for w, i := range a.Wide {
		fr[i] = a.Stationary[w] * (1 - narrow)
	}
	return fr, nil
}

// ClassTimeFractions returns the first-order prediction of the fraction of
// time spent in every basin for a start in the absorbing class c
// (docs/theory.md §8.4, a heuristic):
//
//	frac_k = λ(η)^{J_G − J_k}/q_k · Σ_{i wide} π_i Σ_{j narrow} q_{i,j} N_{j,k}   (k narrow in c)
//	frac_i = π_i · (1 − Σ_{k narrow in c} frac_k)                               (i wide in c)
//
// and 0 outside c; λ = λ(η) = 0 gives the η → 0 limit, π on the wide
// minima of c and 0 elsewhere. For a graph that is one absorbing class and
// λ > 0 it is TimeFractions.
func (a *Analysis) ClassTimeFractions(c int, lambda float64) ([]float64, error) {
	if err := a.checkClassLambda("theory.Analysis.ClassTimeFractions", c, lambda); err != nil {
		return nil, err
	}
	return classTimeFractions(a.JumpNumber, a.Rates, a.ExitRate, a.Classes[c], a.Classes[c].Stationary, lambda)
}

// checkClassLambda validates the arguments c (an absorbing class) and
// lambda ≥ 0 of the class methods named method.
func (a *Analysis) checkClassLambda(method string, c int, lambda float64) error {
	if err := a.checkClass(method+".c", c); err != nil {
		return err
	}
	if !(lambda >= 0) || math.IsInf(lambda, 1) {
		return param.Errorf(method+".lambda", "must be finite and ≥ 0, got %v", lambda)
	}
	return nil
}

// classTimeFractions computes ClassTimeFractions from the rates q, the exit
// rates exit and the stationary law pi of class cl on its Wide.
func classTimeFractions(J []int, q [][]float64, exit []float64, cl Class, pi []float64, lambda float64) ([]float64, error) {
	n := len(J)
	out := make([]float64, n)
	narrow := 0.0
	if lambda > 0 && len(cl.Narrow) > 0 {
		cl.Stationary = pi
		fr, err := narrowFractions(J, q, exit, []Class{cl}, lambda)
		if err != nil {
			return nil, err
		}
		for _, k := range cl.Narrow {
			out[k] = fr[k]
			narrow += fr[k]
		}
	}
	for w, i := range cl.Wide {
		out[i] = pi[w] * (1 - narrow)
	}
	return out, nil
}
