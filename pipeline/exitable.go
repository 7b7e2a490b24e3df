package pipeline

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// CheckExitable checks, before anything is simulated, that the replicas of
// a run of p can leave the basins they start in, and in a time the theory
// can state: for every basin in basins (the starts' of a first-exit run;
// every basin for trajectories, which visit them all) the analysis a of p
// must give a jump number J_i ≥ 1 and, at every step size, a finite
// predicted mean exit time 1/(q_i η λ(η)^{J_i}). Otherwise every replica
// would run to its cap and measure nothing; the error is a
// *scenario.FieldError naming "landscape" (a basin that cannot be left:
// one minimum and no exitable end) or the step size "sgd.eta[k]" (a mean
// exit time that overflows float64: η λ(η)^J underflows). A nil a (the
// theory does not apply: Gaussian noise) checks nothing.
func CheckExitable(p *scenario.Plan, a *theory.Analysis, basins []int) error {
	if a == nil {
		return nil
	}
	for _, i := range basins {
		if a.JumpNumber[i] == 0 {
			return &scenario.FieldError{Field: "landscape", Err: fmt.Errorf(
				"basin %d cannot be left (no exitable boundary within reach: one minimum, and the projection clamps every jump back into its basin): every replica would run to the step cap and measure nothing", i)}
		}
		for k, eta := range p.Etas {
			mean, err := a.MeanExitSteps(i, eta)
			if err != nil {
				return err
			}
			if !(mean > 0) || math.IsInf(mean, 0) {
				return &scenario.FieldError{Field: fmt.Sprintf("sgd.eta[%d]", k), Err: fmt.Errorf(
					"the predicted mean exit time from basin %d at η = %g is %g steps (q_%d = %g, J_%d = %d): η·λ(η)^J underflows float64, so no replica would ever exit; use a larger η",
					i, eta, mean, i, a.ExitRate[i], i, a.JumpNumber[i])}
			}
		}
	}
	return nil
}

// StartBasins returns the basins of the starts of p, each once, in the
// order of the starts.
func StartBasins(p *scenario.Plan) []int {
	var out []int
	seen := map[int]bool{}
	for _, st := range p.Starts {
		if !seen[st.Basin] {
			seen[st.Basin] = true
			out = append(out, st.Basin)
		}
	}
	return out
}
