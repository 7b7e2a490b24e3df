package theory

import (
	"context"
	"fmt"
)

// fewContributing is the number of contributing paths below which Analyse
// warns that a minimum set's C* rests on few paths: a rule of thumb (the
// skewness of a mean of k such values, and so the error of a normal or
// bootstrap interval, is of order 1/√k).
const fewContributing = 50

// analyseMonteCarlo is Analyse off the one-dimensional fast path (docs/theory.md
// §9.2): jump numbers by ray scans (computeRayJumps), the Monte Carlo
// rates C* (computeMonteCarloRates), and the typical transition graph from
// the sampled rates (an edge i → j when q̂_{i,j} > 0; exits to no basin
// leave every class), with the graph and chain code of the exact path.
func analyseMonteCarlo(ctx context.Context, m Model, opt Options) (*Analysis, error) {
	mm := m.monteCarlo()
	jm, err := computeRayJumps(ctx, mm, opt)
	if err != nil {
		return nil, err
	}
	rr, err := computeMonteCarloRates(ctx, mm, jm, opt)
	if err != nil {
		return nil, err
	}
	sets := m.Basins.MinimumSets()
	n := len(sets)
	a := newAnalysis(m, opt, sets)
	a.Radius, a.JumpNumber, a.Contracting, a.Searched = jm.Radius, jm.J, jm.Contracting, jm.Searched
	a.PairJumps, a.Rates, a.RatesErr = jm.Pair, rr.Q, rr.QErr
	a.ExitRate, a.ExitRateErr, a.ExitOutside = rr.Exit, rr.ExitErr, rr.Outside
	a.Samples, a.ContributingPaths = rr.Samples, rr.Contributing
	a.Warnings = append([]string{}, jm.Warnings...)
	for i, k := range rr.Contributing {
		if k > 0 && k < fewContributing {
			a.Warnings = append(a.Warnings, fmt.Sprintf("samples: only %d of the %d paths from minimum set %d reach an exit: its C*, and the intervals of π and of the time fractions built on it, rest on few paths (the bootstrap cannot see values no path drew); raise samples", k, rr.Samples, i))
		}
	}
	a.rates = &rateTable{Q: rr.Q, Below: make([]float64, n), Above: rr.Outside, Exit: rr.Exit}
	a.landing(rr.Outside)
	for i := range n {
		for j := range n {
			if j != i && (rr.Q[i][j] > 0) != (jm.Pair[i][j] == jm.J[i]) && jm.Contracting[i] {
				a.Warnings = append(a.Warnings, fmt.Sprintf("rates: q_{%d,%d} = %.3g but J_{%d,%d} = %d and J_%d = %d: the sampled paths and the distances disagree", i, j, rr.Q[i][j], i, j, jm.Pair[i][j], i, jm.J[i]))
			}
		}
	}
	// The typical transition graph from the sampled rates, through the 1-D
	// jumps encoding: Pair[i][j] = J_i exactly for the edges.
	g1 := &jumps{J: jm.J, Pair: make([][]int, n), Below: make([]int, n), Above: make([]int, n)}
	for i := range n {
		g1.Pair[i] = make([]int, n)
		for j := range n {
			g1.Pair[i][j] = jm.J[i] + 1
			if rr.Q[i][j] > 0 {
				g1.Pair[i][j] = jm.J[i]
			}
		}
		if rr.Outside[i] > 0 {
			g1.Above[i] = jm.J[i]
		}
	}
	if err := a.addClasses(newGraph(g1)); err != nil {
		return nil, err
	}
	if len(a.Classes) > 1 {
		a.Warnings = append(a.Warnings, reducibleWarning(len(a.Classes)))
	}
	if opt.Resamples > 0 {
		a.boot = &bootstrap{rr: rr, classes: a.Classes, B: opt.Resamples, seed: opt.Seed}
		a.Resamples = opt.Resamples
	}
	return a, nil
}
