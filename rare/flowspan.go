package rare

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/integrate/quad"

	"github.com/htsgd/htsgd/landscapes"
)

// flowSpanCells is the number of cells of the grid on which FlowSpan
// tabulates the flow clock; flowSpanNodes the Gauss–Legendre nodes per
// cell. The clock's integrand 1/|f'| is smooth on the grid (f' has no zero
// there), so the quadrature error is far below what a design needs; the
// maximisation is exact on the grid and its grid error is below the time
// the flow takes to cross one cell, (r − 2s)/2000 over the slowest speed.
const (
	flowSpanCells = 2000
	flowSpanNodes = 4
)

// FlowSpan returns the longest duration D_J, in units of 1/η (continuous
// flow time), of a J-jump exit from the minimum m across the boundary point
// s of its basin (a saddle on one side of m) with jumps truncated at b:
// the time from the first to the last of the J jumps, maximised over the
// jump sizes and the gaps between them.
//
// A J-jump exit of docs/theory.md §7.1 jumps from m, flows back towards m,
// jumps again, and so on; after k jumps it must still be able to cross s
// with the J − k jumps to come, each at most b, so its distance from m must
// stay at least a_k = r − (J − k)b, r = |s − m|, until the next jump. With
// the flow clock
//
//	φ(d) = ∫_s^d du / |f'(m ± u)|        (the time the gradient flow takes
//	                                       from distance d to distance s
//	                                       from m, s = r − (J−1)b the slack)
//
// the gap after jump k, which lands at distance d and waits down to
// distance y ≥ a_k, lasts φ(d) − φ(y), and the largest total is the dynamic
// programme
//
//	V_{J−1}(d) = φ(d) − φ(a_{J−1}),
//	V_k(d)     = φ(d) + max_{a_k ≤ y ≤ d} [ V_{k+1}(y + b) − φ(y) ],   k = J−2, …, 1,
//	D_J        = V_1(b)
//
// (every jump of a longest sequence is a full b: landing farther from m can
// only lengthen the gaps that follow). D_1 = 0, and D_2 = φ(b) − φ(s), the
// time the flow takes from m ± b down to m ± s. The positions stay in
// [s, r − s] away from m and s, where f' ≠ 0.
//
// D_J is the memory of a J-jump exit in the limit η → 0: an exit at time t
// depends on the noises of [t − D_J, t] only (through its jumps), so a
// window started at rest must run D_J before its hazard can be the
// quasi-stationary one (Rule). It is a property of the gradient flow and
// b alone, not of the noise law.
//
// Errors: J < 1, b not positive, or a slack r − (J−1)b that is not positive
// (J too small for r) or larger than b (J too large), or a flow speed that
// vanishes between m and s (s is not the next critical point).
func FlowSpan(c landscapes.Curve, m, s, b float64, j int) (float64, error) {
	r := math.Abs(s - m)
	switch {
	case j < 1:
		return 0, fmt.Errorf("j: must be ≥ 1, got %d", j)
	case !(r > 0) || math.IsInf(r, 0):
		return 0, fmt.Errorf("saddle: distance |s − m| = %v from the minimum must be positive and finite", r)
	case j == 1:
		return 0, nil
	case !(b > 0) || math.IsInf(b, 0):
		return 0, fmt.Errorf("b: must be positive and finite for %d jumps, got %v", j, b)
	}
	slack := r - float64(j-1)*b
	if !(slack > 0 && slack <= b) {
		return 0, fmt.Errorf("j: %d jumps of at most b = %v do not make the least number that crosses r = %v (slack %v)",
			j, b, r, slack)
	}
	dir := math.Copysign(1, s-m)
	lo, hi := slack, r-slack
	if hi <= lo { // J = 2 with r = 2·slack: the first jump lands at distance b = slack
		return 0, nil
	}
	clock, err := flowClock(c, m, dir, lo, hi)
	if err != nil {
		return 0, err
	}
	// V holds V_{k+1} on the grid d_i = lo + i·h, i = 0..N.
	n := len(clock) - 1
	h := (hi - lo) / float64(n)
	at := func(v []float64, d float64) float64 { return interpolate(v, lo, h, d) }
	v := make([]float64, n+1)
	aLast := r - b // a_{J−1}
	for i := range v {
		v[i] = clock[i] - at(clock, aLast)
	}
	for k := j - 2; k >= 1; k-- {
		ak := r - float64(j-k)*b
		next := make([]float64, n+1)
		// The maximum often sits at y = a_k itself (in a quadratic well
		// always): start from the exact end, not the first node above it.
		best := at(v, ak+b) - at(clock, ak)
		for i := range next {
			d := lo + float64(i)*h
			if d < ak {
				// Too close to m to cross with J − k more jumps: no path
				// lands here. The value of jumping on at once, y = d, extends
				// V_k continuously below a_k, so that interpolation in the
				// cell around a_k stays exact to first order.
				next[i] = at(v, d+b)
				continue
			}
			// Distances beyond k·b (unreachable after k jumps) get values
			// too, with y + b clamped to hi; only d = b is read at the end,
			// through the cell around it.
			// Running maximum of g(y) = V_{k+1}(y + b) − φ(y) over y ∈ [a_k, d].
			best = math.Max(best, at(v, d+b)-clock[i])
			next[i] = clock[i] + best
		}
		v = next
	}
	d := at(v, b)
	if math.IsInf(d, 0) || math.IsNaN(d) {
		return 0, fmt.Errorf("j: no %d-jump path with jumps of at most b = %v crosses r = %v", j, b, r)
	}
	return math.Max(d, 0), nil
}

// flowClock tabulates φ(d) = ∫_lo^d du/|f'(m + dir·u)| at the
// flowSpanCells+1 equally spaced distances d from lo to hi, by
// Gauss–Legendre quadrature on each cell.
func flowClock(c landscapes.Curve, m, dir, lo, hi float64) ([]float64, error) {
	x := make([]float64, flowSpanNodes)
	w := make([]float64, flowSpanNodes)
	phi := make([]float64, flowSpanCells+1)
	h := (hi - lo) / flowSpanCells
	for i := 1; i <= flowSpanCells; i++ {
		a := lo + float64(i-1)*h
		quad.Legendre{}.FixedLocations(x, w, a, a+h)
		sum := 0.0
		for k, u := range x {
			g := math.Abs(c.Deriv(m + dir*u))
			if !(g > 0) || math.IsInf(g, 0) {
				return nil, fmt.Errorf("saddle: the flow speed |f'| is %v at %v, between the minimum %v and the boundary point", g, m+dir*u, m)
			}
			sum += w[k] / g
		}
		phi[i] = phi[i-1] + sum
	}
	return phi, nil
}

// interpolate returns the piecewise-linear interpolant at d of the values v
// on the grid lo + i·h, clamped to the grid's ends.
func interpolate(v []float64, lo, h, d float64) float64 {
	n := len(v) - 1
	t := (d - lo) / h
	switch {
	case !(t > 0):
		return v[0]
	case t >= float64(n):
		return v[n]
	}
	i := int(t)
	f := t - float64(i)
	if f == 0 {
		return v[i]
	}
	return v[i]*(1-f) + v[i+1]*f
}

// FlowTime returns the time, in units of 1/η, that the gradient flow takes
// from distance d1 to distance d0 < d1 from the minimum m, on the side of
// m given by dir (+1: right, −1: left):
//
//	t = ∫_{d0}^{d1} du / |f'(m + dir·u)| = ∫_{ln d0}^{ln d1} u/|f'(m + dir·u)| dv,   u = e^v,
//
// computed in v, where the integrand is smooth down to u → 0 (it tends to
// 1/f″(m)), by Gauss–Legendre quadrature on flowSpanCells cells. For a
// quadratic well f″(m)·x²/2 it is ln(d1/d0)/f″(m). The flow speed must not
// vanish on (d0, d1]: the interval must stay inside the basin.
func FlowTime(c landscapes.Curve, m, dir, d0, d1 float64) (float64, error) {
	if !(d0 > 0 && d1 > d0) || math.IsInf(d1, 0) {
		return 0, fmt.Errorf("distance: need 0 < d0 < d1 < ∞, got %v and %v", d0, d1)
	}
	x := make([]float64, flowSpanNodes)
	w := make([]float64, flowSpanNodes)
	a, b := math.Log(d0), math.Log(d1)
	h := (b - a) / flowSpanCells
	t := 0.0
	for i := range flowSpanCells {
		lo := a + float64(i)*h
		quad.Legendre{}.FixedLocations(x, w, lo, lo+h)
		for k, v := range x {
			u := math.Exp(v)
			g := math.Abs(c.Deriv(m + dir*u))
			if !(g > 0) || math.IsInf(g, 0) {
				return 0, fmt.Errorf("distance: the flow speed |f'| is %v at %v, between %v and %v from the minimum %v",
					g, m+dir*u, d0, d1, m)
			}
			t += w[k] * u / g
		}
	}
	return t, nil
}
