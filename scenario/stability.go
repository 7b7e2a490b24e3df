package scenario

import (
	"fmt"

	"github.com/htsgd/htsgd/landscapes"
)

// Stability thresholds of docs/theory.md §2.3: the gradient step
// x ↦ x − η f'(x) is stable at a minimum m only if η·f″(m) < 2 (it
// oscillates about m once η·f″(m) > 1). On R^d f″ is λ_max, the largest
// eigenvalue of the Hessian: the curvature of the stiffest direction.
const (
	stabilityError   = 2.0
	stabilityWarning = 1.0
)

// checkStability applies the step-size rule η·f″(m) < 2 to every η and
// every minimum set a run starts from (every set when [dynamics] is
// present, since a trajectory visits them all): an error with the field
// "sgd.eta[k]" when η_k·f″(m) ≥ 2, a warning in p.Warnings when
// η_k·f″(m) > 1.
//
// On the line f″(m) is landscapes.SecondDeriv at the minimum. On R^d it is
// λ_max: exact for the quadratic well, otherwise that of a numerical
// Hessian at the representative point (see maxCurvature); where f is not
// twice differentiable (the cut of himmelblau-modified along its segment of
// minimizers) the rule does not apply, and a warning says so.
func (s *Scenario) checkStability(p *Plan, minima []landscapes.MinimumSet) error {
	var check []int
	if s.Dynamics != nil {
		for i := range minima {
			check = append(check, i)
		}
	} else {
		seen := map[int]bool{}
		for _, st := range p.Starts {
			if !seen[st.Basin] {
				seen[st.Basin] = true
				check = append(check, st.Basin)
			}
		}
	}
	if line, ok := p.Landscape.(landscapes.Line); ok {
		return checkStabilityLine(p, line, minima, check)
	}
	for _, i := range check {
		set := fmtSet(minima[i])
		c := maxCurvature(p.Landscape, minima[i])
		if !finite(c.Max) {
			return curvatureOverflow(fmt.Sprintf("λ_max at the minimum set %d = %s", i, set), c.Max)
		}
		if !c.Smooth {
			p.Warnings = append(p.Warnings, fmt.Sprintf(
				"landscape: f is not twice differentiable at the minimum set %d = %s: the largest curvature estimated from ∇f grows from %.4g to %.4g as the difference step shrinks from %.2g to %.2g, so the step-size rule η·λ_max < 2 (docs/theory.md §2.3) is not checked there",
				i, set, c.Coarse, c.Fine, c.Step, c.Step/curvatureRefine))
			continue
		}
		for k, eta := range p.Etas {
			prod := eta * c.Max
			switch {
			case prod >= stabilityError:
				return fieldErr(index("sgd.eta", k),
					"η·λ_max = %g·%.4g = %.4g ≥ 2 at the minimum set %d = %s (λ_max the largest eigenvalue of the Hessian): the gradient step is unstable there (docs/theory.md §2.3); use η < %.3g",
					eta, c.Max, prod, i, set, stabilityError/c.Max)
			case prod > stabilityWarning:
				p.Warnings = append(p.Warnings, fmt.Sprintf(
					"sgd.eta[%d]: η·λ_max = %g·%.4g = %.4g > 1 at the minimum set %d = %s: the step oscillates about the minimum (stable only below 2; docs/theory.md §2.3)",
					k, eta, c.Max, prod, i, set))
			}
		}
	}
	return nil
}

// checkStabilityLine is checkStability on the line, with f″(m_i) from
// landscapes.SecondDeriv at the minima listed in check.
func checkStabilityLine(p *Plan, line landscapes.Line, minima []landscapes.MinimumSet, check []int) error {
	for _, i := range check {
		m := minima[i].A[0]
		curv := landscapes.SecondDeriv(line, m)
		if !finite(curv) {
			return curvatureOverflow(fmt.Sprintf("f''(m_%d) at m_%d = %.6g", i, i, m), curv)
		}
		for k, eta := range p.Etas {
			prod := eta * curv
			switch {
			case prod >= stabilityError:
				return fieldErr(index("sgd.eta", k),
					"η·f''(m_%d) = %g·%.4g = %.4g ≥ 2 at the minimum m_%d = %.6g: the gradient step is unstable there (docs/theory.md §2.3); use η < %.3g",
					i, eta, curv, prod, i, m, stabilityError/curv)
			case prod > stabilityWarning:
				p.Warnings = append(p.Warnings, fmt.Sprintf(
					"sgd.eta[%d]: η·f''(m_%d) = %g·%.4g = %.4g > 1 at the minimum m_%d = %.6g: the step oscillates about the minimum (stable only below 2; docs/theory.md §2.3)",
					k, i, eta, curv, prod, i, m))
			}
		}
	}
	return nil
}

// curvatureOverflow is the error of a curvature at a minimum that is not a
// finite number (what names it: "f”(m_0) at m_0 = -1"): the landscape's
// values overflow float64 there, and no step size is stable. It names the
// landscape table, whose values together (scale, points, hessian, wells)
// make the curvature.
func curvatureOverflow(what string, v float64) error {
	return fieldErr("landscape", "%s = %g: the curvature overflows float64 (the landscape's scale or coordinates are too large), so no step size is stable there", what, v)
}
