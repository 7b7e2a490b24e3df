package theory

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
)

// Gradient flow dy/dt = −f'(y) in the time domain, integrated by the
// Dormand–Prince 5(4) embedded Runge–Kutta pair (J. R. Dormand and
// P. J. Prince, J. Comput. Appl. Math. 6, 1980; the tableau
// landscapes.DPA21, …, DPE7, shared with landscapes.Flow) with local
// extrapolation and the usual step-size control
//
//	err = |y₅ − y₄| / (flowAbsTol + flowRelTol·|y|),  h ← h·clamp(0.9·err^{−1/5}, 0.2, 5),
//
// a step being accepted when err ≤ 1. It is used only by CrossCheck, as the
// time-domain counterpart of the change of variables dt = du/|f'(u)| that the
// recursion of docs/theory.md §7.3 relies on.

const (
	flowAbsTol = 1e-12
	flowRelTol = 1e-10
	// flowMaxSteps bounds the work of one flow (never reached in practice:
	// the flow contracts towards the minimum and is stopped early).
	flowMaxSteps = 1000000
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
		k2 := -deriv(y + h*landscapes.DPA21*k1)
		k3 := -deriv(y + h*(landscapes.DPA31*k1+landscapes.DPA32*k2))
		k4 := -deriv(y + h*(landscapes.DPA41*k1+landscapes.DPA42*k2+landscapes.DPA43*k3))
		k5 := -deriv(y + h*(landscapes.DPA51*k1+landscapes.DPA52*k2+landscapes.DPA53*k3+landscapes.DPA54*k4))
		k6 := -deriv(y + h*(landscapes.DPA61*k1+landscapes.DPA62*k2+landscapes.DPA63*k3+landscapes.DPA64*k4+landscapes.DPA65*k5))
		yNew := y + h*(landscapes.DPB1*k1+landscapes.DPB3*k3+landscapes.DPB4*k4+landscapes.DPB5*k5+landscapes.DPB6*k6)
		k7 := -deriv(yNew)
		errEst := math.Abs(h*(landscapes.DPE1*k1+landscapes.DPE3*k3+landscapes.DPE4*k4+landscapes.DPE5*k5+landscapes.DPE6*k6+landscapes.DPE7*k7)) /
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
