package theory

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// AnalysisRd is everything the theory predicts for a ModelRd (THEORY.md
// sections 4 and 5), laid out like Analysis so that its JSON encoding
// extends the CLI's contract to R^d: jump_number, rates, exit_rate,
// classes, generator and stationary keep their 1-D meaning; minima is a
// list of points, a segment of minimizers being reported by its two end
// points ([[x…], [x…]]) with minimum_kind "segment"; every Monte Carlo
// number has a standard error.
type AnalysisRd struct {
	// Model is the input (not encoded).
	Model ModelRd `json:"-"`
	// Dimension is d.
	Dimension int `json:"dimension"`
	// Sets are the minimum sets (encoded through Minima).
	Sets []landscapes.MinimumSet `json:"-"`
	// MinimumKind[i] is "point" or "segment".
	MinimumKind []string `json:"minimum_kind"`
	// Radius is r_i.
	Radius []float64 `json:"radius"`
	// JumpNumber is J_i.
	JumpNumber []int `json:"jump_number"`
	// Contracting and Searched are JumpsRd's flags.
	Contracting []bool `json:"contracting"`
	Searched    []bool `json:"jump_searched"`
	// PairJumps is J_{i,j} (distance-based; not encoded).
	PairJumps [][]int `json:"-"`
	// Rates is q_{i,j} and RatesErr its standard error.
	Rates    [][]float64 `json:"rates"`
	RatesErr [][]float64 `json:"rates_stderr"`
	// ExitRate is C* = q_i (exits to no basin included), ExitRateErr its
	// standard error, ExitOutside the part to no basin.
	ExitRate    []float64 `json:"exit_rate"`
	ExitRateErr []float64 `json:"exit_rate_stderr"`
	ExitOutside []float64 `json:"exit_outside"`
	// Landing[i][j] is q_{i,j}/q_i (column n: no basin).
	Landing [][]float64 `json:"landing"`
	// Wide, Classes, Generator and Stationary are as in Analysis.
	Wide       []int       `json:"wide"`
	Classes    []Class     `json:"classes"`
	Generator  [][]float64 `json:"generator"`
	Stationary []float64   `json:"stationary"`
	// Samples is the number of Monte Carlo paths per minimum, and
	// ContributingPaths[i] the number of those from minimum set i that
	// reach an exit (RatesRd.Contributing).
	Samples           int   `json:"samples"`
	ContributingPaths []int `json:"contributing_paths"`
	// Resamples is the number of bootstrap resamples of the rates behind
	// StationaryCI and the intervals of the time fractions (0: none); they
	// are drawn when an interval is first asked for.
	Resamples int `json:"bootstrap_resamples"`
	// Warnings lists near-integer ratios r_i/b, non-contracting flows and
	// structural remarks.
	Warnings []string `json:"warnings"`

	rates *Rates
	boot  *rdBootstrap
}

// fewContributing is the number of contributing paths below which AnalyseRd
// warns that a minimum set's C* rests on few paths: a rule of thumb (the
// skewness of a mean of k such values, and so the error of a normal or
// bootstrap interval, is of order 1/√k).
const fewContributing = 50

// AnalyseRd validates m and computes its jump numbers, Monte Carlo rates,
// typical transition graph (an edge i → j when q̂_{i,j} > 0; exits to no
// basin leave every class), classes and limiting chains, reusing the 1-D
// graph and chain code (NewGraph, NewChain, Stationary).
func AnalyseRd(m ModelRd, opt RdOptions) (*AnalysisRd, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults(m.Landscape.Dim())
	jm, err := ComputeJumpsRd(m, opt)
	if err != nil {
		return nil, err
	}
	rr, err := ComputeRatesRd(m, jm, opt)
	if err != nil {
		return nil, err
	}
	sets := m.Basins.MinimumSets()
	n := len(sets)
	a := &AnalysisRd{
		Model: m, Dimension: m.Landscape.Dim(), Sets: sets,
		Radius: jm.Radius, JumpNumber: jm.J, Contracting: jm.Contracting, Searched: jm.Searched,
		PairJumps: jm.Pair, Rates: rr.Q, RatesErr: rr.QErr,
		ExitRate: rr.Exit, ExitRateErr: rr.ExitErr, ExitOutside: rr.Outside,
		Wide: []int{}, Classes: []Class{}, Generator: [][]float64{}, Stationary: []float64{},
		Samples: rr.Samples, ContributingPaths: rr.Contributing, Warnings: append([]string{}, jm.Warnings...),
	}
	for i, k := range rr.Contributing {
		if k > 0 && k < fewContributing {
			a.Warnings = append(a.Warnings, fmt.Sprintf("samples: only %d of the %d paths from minimum set %d reach an exit: its C*, and the intervals of π and of the time fractions built on it, rest on few paths (the bootstrap cannot see values no path drew); raise samples", k, rr.Samples, i))
		}
	}
	for _, s := range sets {
		a.MinimumKind = append(a.MinimumKind, map[bool]string{true: "point", false: "segment"}[s.IsPoint()])
	}
	a.Landing = make([][]float64, n)
	for i := range n {
		a.Landing[i] = make([]float64, n+1)
		if rr.Exit[i] > 0 {
			for j := range n {
				a.Landing[i][j] = rr.Q[i][j] / rr.Exit[i]
			}
			a.Landing[i][n] = rr.Outside[i] / rr.Exit[i]
		}
		for j := range n {
			if j != i && (rr.Q[i][j] > 0) != (jm.Pair[i][j] == jm.J[i]) && jm.Contracting[i] {
				a.Warnings = append(a.Warnings, fmt.Sprintf("rates: q_{%d,%d} = %.3g but J_{%d,%d} = %d and J_%d = %d: the sampled paths and the distances disagree", i, j, rr.Q[i][j], i, j, jm.Pair[i][j], i, jm.J[i]))
			}
		}
	}
	// The typical transition graph from the sampled rates, through the 1-D
	// Jumps encoding: Pair[i][j] = J_i exactly for the edges.
	g1 := &Jumps{J: jm.J, Pair: make([][]int, n), Below: make([]int, n), Above: make([]int, n)}
	a.rates = &Rates{Q: rr.Q, Below: make([]float64, n), Above: rr.Outside, Exit: rr.Exit}
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
	g := NewGraph(g1)
	for _, gc := range g.Classes {
		ch, err := NewChain(a.rates, gc.Wide, gc.Narrow)
		if err != nil {
			return nil, err
		}
		c := Class{Members: gc.Members, Absorbing: gc.Absorbing, Wide: gc.Wide, Narrow: gc.Narrow,
			Generator: ch.Generator, StartLaw: ch.Absorb}
		if gc.Absorbing {
			if c.Stationary, err = Stationary(ch.Generator); err != nil {
				return nil, err
			}
			a.Wide = append(a.Wide, gc.Wide...)
		} else {
			c.KillRate, c.StartKilled = ch.Kill, ch.AbsorbKilled
		}
		a.Classes = append(a.Classes, c)
	}
	slices.Sort(a.Wide)
	if len(a.Classes) == 1 && a.Classes[0].Absorbing {
		a.Generator, a.Stationary = a.Classes[0].Generator, a.Classes[0].Stationary
	}
	if len(a.Classes) > 1 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("graph: the typical transition graph is reducible (%d classes); the limit holds per absorbing class, see classes", len(a.Classes)))
	}
	if opt.Resamples > 0 {
		a.boot = &rdBootstrap{rr: rr, classes: a.Classes, B: opt.Resamples, seed: opt.Seed}
		a.Resamples = opt.Resamples
	}
	return a, nil
}

// ExitRateCI returns the confidence interval C* ± z·SE of minimum i at the
// level of opt (normal approximation of the Monte Carlo mean).
func (a *AnalysisRd) ExitRateCI(i int, level float64) (lo, hi float64) {
	z := zLevel(level)
	return a.ExitRate[i] - z*a.ExitRateErr[i], a.ExitRate[i] + z*a.ExitRateErr[i]
}

// MeanExitSteps returns the predicted mean first-exit time from Ω_i in
// steps (THEORY.md sections 3 and 5),
//
//	E τ_i ≈ 1/(C*_i η λ(η)^{J_i}),   λ(η) = η^{−1}H(η^{−1}),
//
// with H the tail of ‖Z‖ (the radial law's Tail). +Inf if Ω_i cannot be
// left.
func (a *AnalysisRd) MeanExitSteps(i int, z noise.Radial, eta float64) (float64, error) {
	if i < 0 || i >= len(a.JumpNumber) {
		return 0, fmt.Errorf("minimum: index %d out of range [0, %d)", i, len(a.JumpNumber))
	}
	if math.Abs(z.Alpha()-a.Model.Noise.Alpha()) > 1e-12*a.Model.Noise.Alpha() {
		return 0, fmt.Errorf("alpha: the law has α = %v but the analysis was made for α = %v", z.Alpha(), a.Model.Noise.Alpha())
	}
	if a.JumpNumber[i] == 0 || a.ExitRate[i] == 0 {
		return math.Inf(1), nil
	}
	unit, err := TimeUnit(z.Radius(), eta, a.JumpNumber[i])
	if err != nil {
		return 0, err
	}
	return unit / a.ExitRate[i], nil
}

// NarrowFractions returns the first-order finite-η estimate of the fraction
// of time spent in each narrow basin (THEORY.md section 4, a heuristic),
//
//	frac_k ≈ λ(η)^{J_G − J_k}/q_k · Σ_{i wide} π_i Σ_{j narrow} q_{i,j} N_{j,k},
//
// as Analysis.NarrowFractions: 0 for wide minima, NaN for transient
// classes.
func (a *AnalysisRd) NarrowFractions(lambda float64) ([]float64, error) {
	one := &Analysis{Minima: make([]float64, len(a.JumpNumber)), JumpNumber: a.JumpNumber,
		Rates: a.Rates, ExitRate: a.ExitRate, ExitAbove: a.ExitOutside, ExitBelow: make([]float64, len(a.JumpNumber)),
		Classes: a.Classes}
	return one.NarrowFractions(lambda)
}

// TimeFractions returns the first-order prediction of the fraction of time
// spent in every basin of an irreducible graph: frac_k of NarrowFractions
// for narrow k, and π_i·(1 − Σ_k frac_k) for wide i (the limit chain's
// stationary law on the time left over).
func (a *AnalysisRd) TimeFractions(lambda float64) ([]float64, error) {
	if len(a.Stationary) == 0 {
		return nil, fmt.Errorf("graph: no single limiting chain (reducible graph or killed chain)")
	}
	fr, err := a.NarrowFractions(lambda)
	if err != nil {
		return nil, err
	}
	narrow := 0.0
	for _, v := range fr {
		narrow += v
	}
	for w, i := range a.Wide {
		fr[i] = a.Stationary[w] * (1 - narrow)
	}
	return fr, nil
}

// ClassTimeFractions returns the first-order prediction of the fraction of
// time spent in every basin for a start in the absorbing class c
// (THEORY.md section 4, a heuristic):
//
//	frac_k = λ(η)^{J_G − J_k}/q_k · Σ_{i wide} π_i Σ_{j narrow} q_{i,j} N_{j,k}   (k narrow in c)
//	frac_i = π_i · (1 − Σ_{k narrow in c} frac_k)                               (i wide in c)
//
// and 0 outside c; λ = λ(η) = 0 gives the η → 0 limit, π on the wide
// minima of c and 0 elsewhere. For an irreducible graph and λ > 0 it is
// TimeFractions.
func (a *AnalysisRd) ClassTimeFractions(c int, lambda float64) ([]float64, error) {
	if err := a.checkClass(c, lambda); err != nil {
		return nil, err
	}
	return classTimeFractions(a.JumpNumber, a.rates, a.Classes[c], a.Classes[c].Stationary, lambda)
}

// checkClass validates the arguments of the class methods.
func (a *AnalysisRd) checkClass(c int, lambda float64) error {
	if c < 0 || c >= len(a.Classes) {
		return fmt.Errorf("class: index %d out of range [0, %d)", c, len(a.Classes))
	}
	if !a.Classes[c].Absorbing {
		return fmt.Errorf("class: class %d is transient: its chain is killed and has no stationary law", c)
	}
	if !(lambda >= 0) || math.IsInf(lambda, 1) {
		return fmt.Errorf("lambda: must be finite and ≥ 0, got %v", lambda)
	}
	return nil
}

// classTimeFractions computes ClassTimeFractions from the rates r (Q, Exit,
// Above) and the stationary law pi of class cl on its Wide.
func classTimeFractions(J []int, r *Rates, cl Class, pi []float64, lambda float64) ([]float64, error) {
	n := len(J)
	out := make([]float64, n)
	narrow := 0.0
	if lambda > 0 && len(cl.Narrow) > 0 {
		cl.Stationary = pi
		one := &Analysis{Minima: make([]float64, n), JumpNumber: J, Rates: r.Q, ExitRate: r.Exit,
			ExitAbove: r.Above, ExitBelow: make([]float64, n), Classes: []Class{cl}}
		fr, err := one.NarrowFractions(lambda)
		if err != nil {
			return nil, err
		}
		for _, k := range cl.Narrow {
			out[k] = fr[k]
			narrow += fr[k]
		}
	}
	for w, i := range cl.Wide {
		out[i] = pi[w] * (1 - narrow)
	}
	return out, nil
}

// MarshalJSON encodes the analysis with minima as points (a segment as its
// two end points) and an infinite radius as null.
func (a *AnalysisRd) MarshalJSON() ([]byte, error) {
	type plain AnalysisRd
	minima := make([]any, len(a.Sets))
	for i, s := range a.Sets {
		if s.IsPoint() {
			minima[i] = s.A
		} else {
			minima[i] = [][]float64{s.A, s.B}
		}
	}
	radius := make([]*float64, len(a.Radius))
	for i := range a.Radius {
		if !math.IsInf(a.Radius[i], 0) && !math.IsNaN(a.Radius[i]) {
			radius[i] = &a.Radius[i]
		}
	}
	return json.Marshal(struct {
		*plain
		Minima []any      `json:"minima"`
		Radius []*float64 `json:"radius"`
	}{(*plain)(a), minima, radius})
}
