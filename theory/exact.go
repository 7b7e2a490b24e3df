package theory

import (
	"context"
	"fmt"
)

// analyseExact is Analyse on the one-dimensional fast path: the jump
// numbers of the Structure (docs/theory.md §5.1), the rates of the backward
// recursion of §7.3, and the typical transition graph of §8.1
// (an edge i → j iff J_{i,j} = J_i).
func analyseExact(ctx context.Context, m Model, c curveModel, opt Options) (*Analysis, error) {
	jm, err := computeJumps(c)
	if err != nil {
		return nil, err
	}
	r, err := computeRates(ctx, c, jm)
	if err != nil {
		return nil, err
	}
	s := c.s
	n := len(s.Minima)
	a := newAnalysis(m, opt, s.MinimumSets())
	a.Exact = true
	a.Saddles = append([]float64{}, s.Saddles...)
	a.Radius, a.JumpNumber, a.PairJumps = jm.Radius, jm.J, jm.Pair
	a.Rates, a.ExitRate = r.Q, r.Exit
	a.Contracting, a.Searched = make([]bool, n), make([]bool, n)
	a.RatesErr, a.ExitRateErr, a.ExitOutside = make([][]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		a.Contracting[i] = true // f' points towards m_i inside Ω_i
		a.RatesErr[i] = make([]float64, n)
		a.ExitOutside[i] = r.Below[i] + r.Above[i]
	}
	if s.OpenLo || s.OpenHi {
		a.ExitBelow, a.ExitAbove = r.Below, r.Above
	}
	a.Warnings = append([]string{}, jm.Warnings...)
	a.rates = r
	a.landing(a.ExitOutside)
	if err := a.addClasses(newGraph(jm)); err != nil {
		return nil, err
	}
	switch {
	case n == 1 && jm.J[0] == 0:
		a.Warnings = append(a.Warnings, "landscape: one minimum and no exitable end: the process never leaves Ω_0; there are no transitions")
	case n == 1:
		a.Warnings = append(a.Warnings, fmt.Sprintf("landscape: one minimum only: there are no transitions between minima; exits through the open ends at rate q_0 = %.6g (below %.6g, above %.6g)", r.Exit[0], r.Below[0], r.Above[0]))
	case len(a.Classes) > 1:
		a.Warnings = append(a.Warnings, reducibleWarning(len(a.Classes)))
	case !a.Classes[0].Absorbing:
		a.Warnings = append(a.Warnings, "graph: the only class is left through an open end; the limiting chain is killed, see classes")
	}
	return a, nil
}

// minima returns the minima of an exact analysis (the points of Sets).
func (a *Analysis) minima() []float64 {
	out := make([]float64, len(a.Sets))
	for i, s := range a.Sets {
		out[i] = s.A[0]
	}
	return out
}
