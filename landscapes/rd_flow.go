package landscapes

import "math"

// Flow integrates the gradient flow dy/dt = −∇f(y) of a loss on R^d (the
// deterministic skeleton of docs/theory.md §7.1 and §9) with the
// Dormand–Prince 5(4) embedded Runge–Kutta pair (J. R. Dormand and
// P. J. Prince, J. Comput. Appl. Math. 6, 1980; the tableau DPA21, …, DPE7),
// written in-house (gonum has no ODE solver), with local extrapolation,
// FSAL, and the step-size control
//
//	err = max_k |y₅,k − y₄,k| / (AbsTol + RelTol·max(|y_k|, |y'_k|)),
//	h ← h·clamp(0.9·err^{−1/5}, 0.2, 5),   step accepted iff err ≤ 1.
//
// If Domain has a finite radius, every accepted state is projected onto it
// (the projected flow, the η → 0 limit of the projected recursion). A Flow
// holds work buffers: it is not safe for concurrent use.
type Flow struct {
	// L is the loss.
	L Landscape
	// Domain is the projection ball (Radius +Inf: none).
	Domain Ball
	// AbsTol and RelTol are the error tolerances (defaults 1e-10, 1e-8).
	AbsTol, RelTol float64
	// MaxSteps bounds the accepted and rejected steps of one Run
	// (default 200000).
	MaxSteps int

	k    [7][]float64
	tmp  []float64
	ynew []float64
}

// NewFlow returns a Flow for l with projection ball domain and the default
// tolerances.
func NewFlow(l Landscape, domain Ball) *Flow {
	return &Flow{L: l, Domain: domain, AbsTol: 1e-10, RelTol: 1e-8, MaxSteps: 200000}
}

// FlowPath records the accepted states of a Run: y(T[k]) = Y[k·d : (k+1)·d].
type FlowPath struct {
	T []float64
	Y []float64
}

// State returns y(T[k]) (a view, not a copy).
func (p *FlowPath) State(k, d int) []float64 { return p.Y[k*d : (k+1)*d] }

func (f *Flow) buffers(d int) {
	if len(f.tmp) == d {
		return
	}
	for i := range f.k {
		f.k[i] = make([]float64, d)
	}
	f.tmp = make([]float64, d)
	f.ynew = make([]float64, d)
}

// rhs stores −∇f(y) in dst.
func (f *Flow) rhs(dst, y []float64) {
	f.L.Gradient(dst, y)
	for k := range dst {
		dst[k] = -dst[k]
	}
}

// Run integrates from y (overwritten with the final state) over the time
// t ≥ 0 (t may be +Inf). After each accepted step it calls stop(y) (if not
// nil); when that returns true, Run ends early and reports stopped. It also
// ends, not stopped, at a critical point (∇f(y) = 0), when the elapsed time
// reaches t, or after MaxSteps steps. If rec is not nil it receives the
// accepted states, starting with (0, y).
func (f *Flow) Run(y []float64, t float64, stop func([]float64) bool, rec *FlowPath) (elapsed float64, stopped bool) {
	d := len(y)
	f.buffers(d)
	if rec != nil {
		rec.T = append(rec.T[:0], 0)
		rec.Y = append(rec.Y[:0], y...)
	}
	if !(t > 0) {
		return 0, false
	}
	k1, k2, k3, k4, k5, k6, k7 := f.k[0], f.k[1], f.k[2], f.k[3], f.k[4], f.k[5], f.k[6]
	f.rhs(k1, y)
	speed := norm(k1)
	if speed == 0 {
		return 0, false
	}
	h := (1 + norm(y)) / (20 * speed)
	if !(h < t) {
		h = t / 16
	}
	atol, rtol := f.AbsTol, f.RelTol
	tmp, ynew := f.tmp, f.ynew
	for step := 0; step < f.MaxSteps && elapsed < t; step++ {
		if elapsed+h > t {
			h = t - elapsed
		}
		for k := range y {
			tmp[k] = y[k] + h*DPA21*k1[k]
		}
		f.rhs(k2, tmp)
		for k := range y {
			tmp[k] = y[k] + h*(DPA31*k1[k]+DPA32*k2[k])
		}
		f.rhs(k3, tmp)
		for k := range y {
			tmp[k] = y[k] + h*(DPA41*k1[k]+DPA42*k2[k]+DPA43*k3[k])
		}
		f.rhs(k4, tmp)
		for k := range y {
			tmp[k] = y[k] + h*(DPA51*k1[k]+DPA52*k2[k]+DPA53*k3[k]+DPA54*k4[k])
		}
		f.rhs(k5, tmp)
		for k := range y {
			tmp[k] = y[k] + h*(DPA61*k1[k]+DPA62*k2[k]+DPA63*k3[k]+DPA64*k4[k]+DPA65*k5[k])
		}
		f.rhs(k6, tmp)
		for k := range y {
			ynew[k] = y[k] + h*(DPB1*k1[k]+DPB3*k3[k]+DPB4*k4[k]+DPB5*k5[k]+DPB6*k6[k])
		}
		f.rhs(k7, ynew)
		errEst := 0.0
		for k := range y {
			e := math.Abs(h*(DPE1*k1[k]+DPE3*k3[k]+DPE4*k4[k]+DPE5*k5[k]+DPE6*k6[k]+DPE7*k7[k])) /
				(atol + rtol*math.Max(math.Abs(y[k]), math.Abs(ynew[k])))
			errEst = math.Max(errEst, e)
		}
		factor := 5.0
		switch {
		case !(errEst < math.Inf(1)):
			// A trial stage overflowed (a steep wall): reject and shrink.
			factor, errEst = 0.2, math.Inf(1)
		case errEst > 0:
			factor = math.Min(5, math.Max(0.2, 0.9*math.Pow(errEst, -0.2)))
		}
		if errEst <= 1 || (h < 1e-14*(1+elapsed) && errEst < math.Inf(1)) {
			elapsed += h
			copy(y, ynew)
			if f.Domain.Project(y) {
				f.rhs(k7, y)
			}
			k1, k7 = k7, k1 // first same as last
			if rec != nil {
				rec.T = append(rec.T, elapsed)
				rec.Y = append(rec.Y, y...)
			}
			if stop != nil && stop(y) {
				f.k[0], f.k[6] = k1, k7
				return elapsed, true
			}
			if norm(k1) == 0 {
				break
			}
		}
		h *= factor
	}
	f.k[0], f.k[6] = k1, k7
	return elapsed, false
}
