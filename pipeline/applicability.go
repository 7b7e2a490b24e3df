package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// MaxJumpNumber is the largest jump number J_i = ⌈r_i/b⌉ (docs/theory.md
// §5.1) for which htsgd computes predictions: theory.MaxJumpNumber. Above
// it the theory still speaks, but nothing can check it: the predicted mean
// exit time 1/(q η λ(η)^J) grows like η^{−(1+J(α−1))}, beyond any
// simulation at J = 7 even for α = 2, and the exact recursion nests J
// quadratures (at J = 7 it already disagrees with its Monte Carlo
// cross-check).
const MaxJumpNumber = theory.MaxJumpNumber

// Applicability is the verdict, reached before anything is simulated, on
// whether the theory's first-exit prediction (docs/theory.md §6) applies to
// each start of a plan, with the analysis that makes the predictions when
// it applies to at least one.
type Applicability struct {
	// Analysis is the theory's analysis of the plan; nil when the theory
	// applies to no start (light-tailed noise).
	Analysis *theory.Analysis
	// Notes are the analysis' warnings, or the reason it was not made.
	Notes []string
	// Reasons[si] is empty when the prediction applies to start si of the
	// plan, and otherwise says why not ("noise.law: …", "basin 2 cannot be
	// left …", "q_1 = 0 …").
	Reasons []string
}

// Applies reports whether the prediction applies to start si.
func (a *Applicability) Applies(si int) bool { return a.Reasons[si] == "" }

// Any reports whether the prediction applies to at least one start.
func (a *Applicability) Any() bool {
	for si := range a.Reasons {
		if a.Applies(si) {
			return true
		}
	}
	return false
}

// ErrNoStartApplies reports a plan to none of whose starts the theory's
// prediction applies (Applicability.Err wraps it with the reasons).
var ErrNoStartApplies = errors.New("the theory does not apply to any start of the plan")

// Err returns nil when the prediction applies to some start, and otherwise
// an error wrapping ErrNoStartApplies that gives the first start's reason
// (the reason is the same for every start when it is the noise law).
func (a *Applicability) Err() error {
	if a.Any() {
		return nil
	}
	if len(a.Reasons) == 0 {
		return fmt.Errorf("%w: it has no start", ErrNoStartApplies)
	}
	return fmt.Errorf("%w: start 0: %s", ErrNoStartApplies, a.Reasons[0])
}

// CheckApplicability decides, before anything is simulated, whether the
// theory's first-exit prediction applies to each start of p, and makes the
// analysis with the options opt (see TheoryOptions). In this order:
//
//  1. light-tailed noise (the Gaussian contrast has no tail index: λ(η)
//     and every prediction are undefined, docs/theory.md §3.2): no start
//     applies, and the analysis is not made; not an error;
//  2. a jump number above MaxJumpNumber, found from the basins' geometry
//     alone, before the analysis (which computes the rates of every basin
//     and would not finish): J_i = ⌈r_i/b⌉ on the line, and on R^d the lower
//     bound ⌈ρ_i/b⌉ from the radius ρ_i of the ball around the minimum set
//     that lies in its basin (landscapes.Basins.Core). It is an error, a
//     *param.Error named theory.Model.B (scenario key sgd.b through
//     scenario.FieldOf), since no prediction of the plan can be made;
//  3. the analysis itself (theory.Analyse through Analyse): a ratio
//     |s − m|/b within 10^{−9} of an integer, where the theory says nothing
//     (docs/theory.md §5.3), is its error, named sgd.b;
//  4. per start: a basin that cannot be left (J_i = 0), and a rate q_i
//     that is zero or not finite, make the reason of that start.
//
// Errors other than those of step 2 and 3 are those of Analyse.
func CheckApplicability(ctx context.Context, p *scenario.Plan, opt theory.Options) (*Applicability, error) {
	app := &Applicability{Reasons: make([]string, len(p.Starts))}
	if !heavyTailed(p) {
		reason := notApplicable(p)
		for si := range app.Reasons {
			app.Reasons[si] = reason
		}
		app.Notes = []string{reason + ": predictions are not applicable"}
		return app, nil
	}
	if err := checkJumpCap(p); err != nil {
		return nil, scenario.FieldOf(err)
	}
	a, notes, err := Analyse(ctx, p, opt)
	if err != nil {
		return nil, err
	}
	app.Analysis, app.Notes = a, notes
	if a == nil {
		for si := range app.Reasons {
			app.Reasons[si] = notes[0]
		}
		return app, nil
	}
	for si, st := range p.Starts {
		app.Reasons[si] = startReason(a, st.Basin)
	}
	return app, nil
}

// heavyTailed reports whether p's noise has a tail index (every law but
// the Gaussian).
func heavyTailed(p *scenario.Plan) bool {
	_, err := theory.Lambda(p.Noise, 1)
	return !errors.Is(err, theory.ErrNotApplicable)
}

// checkJumpCap returns a *param.Error named theory.Model.B when some basin
// of p needs more than MaxJumpNumber jumps (see CheckApplicability, step 2).
func checkJumpCap(p *scenario.Plan) error {
	if math.IsInf(p.B, 1) {
		return nil
	}
	n := len(p.Basins.MinimumSets())
	for i := range n {
		r := p.Basins.Core(i)
		if st, ok := p.Basins.(landscapes.Structure); ok {
			r = st.Radius(i)
		}
		if math.IsInf(r, 0) || math.IsNaN(r) || !(r > 0) {
			continue
		}
		if j := r / p.B; j > MaxJumpNumber {
			return param.Errorf("theory.Model.B", "b = %g needs at least ⌈%.4g/%g⌉ = %.0f jumps to leave basin %d, above the cap %d: "+
				"nothing could check such a prediction (mean exit time ∝ η^{−(1+J(α−1))}); use b ≥ %.4g",
				p.B, r, p.B, math.Ceil(j), i, MaxJumpNumber, r/MaxJumpNumber)
		}
	}
	return nil
}

// startReason is why the first-exit prediction of a does not apply to
// basin i, or "" when it does.
func startReason(a *theory.Analysis, i int) string {
	j, q := a.JumpNumber[i], a.ExitRate[i]
	switch {
	case j == 0:
		return fmt.Sprintf("basin %d cannot be left (no exitable boundary within reach): there is no exit to predict", i)
	case j > MaxJumpNumber:
		return fmt.Sprintf("J_%d = %d is above the cap %d", i, j, MaxJumpNumber)
	case math.IsNaN(q) || math.IsInf(q, 0):
		return fmt.Sprintf("q_%d = %v is not finite: the exit rate is undefined", i, q)
	case !(q > 0):
		return fmt.Sprintf("q_%d = %v: no path with J_%d = %d jumps leaves basin %d, so the predicted mean exit time is infinite", i, q, i, j, i)
	}
	return ""
}
