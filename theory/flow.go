package theory

import "math"

// Gradient flow dy/dt = −f'(y) in the time domain, integrated by the
// Dormand–Prince 5(4) embedded Runge–Kutta pair (J. R. Dormand and
// P. J. Prince, J. Comput. Appl. Math. 6, 1980) with local extrapolation and
// the usual step-size control
//
//	err = |y₅ − y₄| / (flowAbsTol + flowRelTol·|y|),  h ← h·clamp(0.9·err^{−1/5}, 0.2, 5),
//
// a step being accepted when err ≤ 1. It is used only by CrossCheck, as the
// time-domain counterpart of the change of variables dt = du/|f'(u)| that the
// recursion of THEORY.md section 3 relies on.

const (
	flowAbsTol = 1e-12
	flowRelTol = 1e-10
	// flowMaxSteps bounds the work of one flow (never reached in practice:
	// the flow contracts towards the minimum and is stopped early).
	flowMaxSteps = 1000000
)

// Dormand–Prince tableau (a_ij, the 5th-order weights b_i, and the error
// weights e_i = b_i − b*_i of the embedded 4th-order solution).
const (
	dpA21                              = 1.0 / 5
	dpA31, dpA32                       = 3.0 / 40, 9.0 / 40
	dpA41, dpA42, dpA43                = 44.0 / 45, -56.0 / 15, 32.0 / 9
	dpA51, dpA52, dpA53, dpA54         = 19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729
	dpA61, dpA62, dpA63, dpA64, dpA65  = 9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656
	dpB1, dpB3, dpB4, dpB5, dpB6       = 35.0 / 384, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84
	dpE1, dpE3, dpE4, dpE5, dpE6, dpE7 = 71.0 / 57600, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40
)

// trajectory records the accepted steps of a flow: y(T[k]) = Y[k].
type trajectory struct {
	T, Y []float64
}

// flow integrates dy/dt = −f'(y) from y over the time t ≥ 0 (t may be
// +Inf). After each accepted step it calls stop(y) (if not nil); if that
// returns true the integration ends early and flow returns the state, the
// elapsed time and true. If rec is not nil the accepted steps are appended to
// it, starting with (0, y).
func flow(deriv func(float64) float64, y, t float64, stop func(float64) bool, rec *trajectory) (float64, float64, bool) {
	if rec != nil {
		rec.T = append(rec.T[:0], 0)
		rec.Y = append(rec.Y[:0], y)
	}
	if !(t > 0) {
		return y, 0, false
	}
	k1 := -deriv(y)
	if k1 == 0 {
		return y, t, false // a critical point does not move
	}
	// Initial step: a twentieth of the time in which the flow would move
	// by 1 + |y| at its initial speed.
	h := (1 + math.Abs(y)) / (20 * math.Abs(k1))
	if !(h < t) {
		h = t / 16
	}
	elapsed := 0.0
	for step := 0; step < flowMaxSteps && elapsed < t; step++ {
		if elapsed+h > t {
			h = t - elapsed
		}
		k2 := -deriv(y + h*dpA21*k1)
		k3 := -deriv(y + h*(dpA31*k1+dpA32*k2))
		k4 := -deriv(y + h*(dpA41*k1+dpA42*k2+dpA43*k3))
		k5 := -deriv(y + h*(dpA51*k1+dpA52*k2+dpA53*k3+dpA54*k4))
		k6 := -deriv(y + h*(dpA61*k1+dpA62*k2+dpA63*k3+dpA64*k4+dpA65*k5))
		yNew := y + h*(dpB1*k1+dpB3*k3+dpB4*k4+dpB5*k5+dpB6*k6)
		k7 := -deriv(yNew)
		errEst := math.Abs(h*(dpE1*k1+dpE3*k3+dpE4*k4+dpE5*k5+dpE6*k6+dpE7*k7)) /
			(flowAbsTol + flowRelTol*math.Max(math.Abs(y), math.Abs(yNew)))
		factor := 5.0
		if errEst > 0 {
			factor = math.Min(5, math.Max(0.2, 0.9*math.Pow(errEst, -0.2)))
		}
		if errEst <= 1 {
			elapsed += h
			y, k1 = yNew, k7 // first same as last
			if rec != nil {
				rec.T = append(rec.T, elapsed)
				rec.Y = append(rec.Y, y)
			}
			if stop != nil && stop(y) {
				return y, elapsed, true
			}
		}
		h *= factor
	}
	return y, elapsed, false
}
