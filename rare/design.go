package rare

import (
	"math"

	"github.com/htsgd/htsgd/param"
)

// Design is the importance-sampling design of docs/theory.md §13 (Wang &
// Rhee, WSC 2023, sections 3.1-3.3 and 4.2): the defensive mixture
//
//	Q = w·P + (1−w)·P( · | B ),   B = { at least J of the n = ⌈T/η⌉ noises of
//	                                   the window have |ηZ| > γ },
//
// over windows of T/η steps started at Config.Start. J and the slack
// r − (J−1)b come from the theory and are passed in by the caller: this
// package never computes a prediction.
type Design struct {
	// J is the minimum number of truncated jumps that leave the basin
	// (J_i = ⌈r_i/b⌉ of docs/theory.md §5.1; 1 when b = ∞). B asks for J big
	// noises.
	J int `json:"j"`
	// Gamma is γ: a noise is big when |ηZ| > γ. Every jump of a J-jump exit is
	// at least the slack s = r − (J−1)b, so γ < s. The estimator is strongly
	// efficient (relative error bounded as η → 0) when γ ≤ s/(J+1): then an
	// exit without J big noises needs at least J−1 + J+2 = 2J+1 jumps of size
	// O(1), so its probability is o(p²) (WSC 2023, eq. (11)); a larger γ trades
	// that guarantee for a smaller P(B)/p ∝ γ^{−αJ}. See Rule.
	// Estimate is unbiased for every γ > 0.
	Gamma float64 `json:"gamma"`
	// Window is T, the window length in units of 1/η: n = ⌈T/η⌉ steps.
	Window float64 `json:"window"`
	// Burn is T_0 ∈ [0, T), also in units of 1/η: the exit rate is estimated
	// from exits in (T_0/η, T/η] only, so that windows, which start at the
	// minimum with no jump under way, have reached the quasi-stationary
	// regime (see Estimate). P(τ ≤ T/η) itself uses the whole window.
	Burn float64 `json:"burn"`
	// Warmup is T_w ≥ 0, in units of 1/η: every window first runs ⌊T_w/η⌋
	// steps under P (not counted in B, likelihood ratio 1), so that the
	// displacement that the many smaller noises keep up around the minimum
	// (a shot noise relaxing at the rate f″(m) of the flow) reaches its
	// stationary law before the importance-sampled part starts. It costs
	// steps but, unlike a longer burn-in, does not enlarge P(B).
	Warmup float64 `json:"warmup"`
	// Weight is the defensive weight w ∈ (0, 1) of P in the mixture; it caps
	// the likelihood ratio at 1/w.
	Weight float64 `json:"weight"`
	// ReplayAll makes the transient diagnostic replay every counted exit
	// from rest instead of trusting the at-rest ball: an exit whose path
	// passed within γ of the minimum after the restart step is otherwise
	// taken to forget what came before without a replay (markMemory).
	// Rule sets it where the flow does not contract towards the minimum,
	// so that an exit path may come back into the ball between its jumps.
	ReplayAll bool `json:"replay_all,omitempty"`
}

// Constants of DefaultRule, measured at the point P of issue 6
// (paper-1d, Pareto α = 1.5, c = 0.1, b = 0.25, start m_1: J = 3, slack
// s = 0.1007, f″(m) = 2.18; the sweeps were made by a tool since folded
// into `verify rare` and are kept in git: `git show
// beea42f:results/rare/README.md` lists them):
//
// γ: every jump of a J-jump exit is at least s, so γ just below s keeps
// those exits in B while P(B)/p ∝ γ^{−αJ} is as small as it can be. With
// burn-in 1/f″(m) and window (J+1)/(J·f″(m)), the relative error of the
// rate per window at η = 10^−2 was 156, 76 and 44 for γ = 0.5s, 0.7s and
// 0.9s, with the same rate (1.86, 1.81, 1.81 ×10^−9 per step); at
// η = 10^−3, 188 (0.5s) and 58 (0.9s). The margin of 10% covers the help
// smaller noises give at finite η: 1.9% of p came from exits whose third
// largest jump was below 0.95s at η = 10^−2, none at 10^−3. The paper's
// sufficient condition for strong efficiency, γ < s/(2J) (WSC 2023,
// section 4.2; s/(J+1) suffices by the same argument), would multiply the
// relative variance by (0.9·2J)^{αJ} ≈ 2000 at P (by 320 for s/(J+1)).
// With the likelihood ratio taken at the exit (window.likelihood), an exit
// with J−1 big jumps weighs L ≈ P(B)/((1−w)P(B | F_τ)) = O(λ^{J−1}), so
// such exits add O(p²) to the second moment, and the relative error
// measured at P stays flat from η = 10^−2 to 10^−4.
//
// w: the relative error per window at η = 10^−2 was 43, 44 and 48 for
// w = 0.01, 0.05 and 0.2 (the factor 1/(1−w) of the B part); 0.05 keeps the
// ratio below 1/w = 20 off B at a cost of 5% of the windows.
const (
	// DefaultGammaFraction is γ/s: γ just below the slack s.
	DefaultGammaFraction = 0.9
	// DefaultWeight is the defensive weight w.
	DefaultWeight = 0.05
)

// Validate reports whether d can be used. Errors are *param.Error naming
// the field (rare.Design.J, …).
func (d Design) Validate() error {
	switch {
	case d.J < 1:
		return param.Errorf("rare.Design.J", "must be ≥ 1, got %d", d.J)
	case !(d.Gamma > 0) || math.IsInf(d.Gamma, 0):
		return param.Errorf("rare.Design.Gamma", "must be positive and finite, got %v", d.Gamma)
	case !(d.Window > 0) || math.IsInf(d.Window, 0):
		return param.Errorf("rare.Design.Window", "must be positive and finite, got %v", d.Window)
	case !(d.Burn >= 0 && d.Burn < d.Window):
		return param.Errorf("rare.Design.Burn", "must be in [0, window = %v), got %v", d.Window, d.Burn)
	case !(d.Warmup >= 0) || math.IsInf(d.Warmup, 0):
		return param.Errorf("rare.Design.Warmup", "must be ≥ 0 and finite, got %v", d.Warmup)
	case !(d.Weight > 0 && d.Weight < 1):
		return param.Errorf("rare.Design.Weight", "must be in (0, 1), got %v", d.Weight)
	}
	return nil
}
