package theory

import (
	"context"
	"fmt"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
)

// Analysis is everything the theory predicts for a Model (docs/theory.md
// §4-§9), in any dimension. Indices are 0-based, as in docs/theory.md:
// minimum set i is m_i, and basin i is the label i of Basins.Locate.
//
// Exact tells how the rates were obtained. On the one-dimensional fast path
// (see Model) they are exact up to quadrature: every standard error is 0 and
// every interval of the methods below is the point value at both ends.
// Otherwise they are Monte Carlo estimates with standard errors, and the
// intervals of the stationary law and the time fractions come from a
// bootstrap over the sample paths (Options.Resamples).
//
// The JSON encoding (MarshalJSON) is the command line's contract; it has one
// layout for exact analyses and one, with the standard errors and the Monte
// Carlo diagnostics, for the others.
type Analysis struct {
	// Model is the input and Options the options, with their defaults.
	Model   Model
	Options Options
	// Exact reports the exact recursion of the one-dimensional fast path.
	Exact bool
	// Dimension is d.
	Dimension int
	// Sets are the minimum sets, one per basin (points on the real line).
	Sets []landscapes.MinimumSet
	// MinimumKind[i] is "point" or "segment".
	MinimumKind []string
	// Saddles are the saddles s_i between the minima of a Structure (exact
	// analyses; nil otherwise).
	Saddles []float64
	// Radius is r_i, the distance from minimum set i to the nearest
	// exitable point of the boundary of Ω_i (+Inf when Ω_i cannot be left).
	Radius []float64
	// JumpNumber is J_i, the least number of truncated jumps that leave Ω_i
	// (0 when it cannot be left).
	JumpNumber []int
	// PairJumps is J_{i,j} between minimum sets, from the distances
	// dist(set_i, Ω_j); in a Monte Carlo analysis PairJumps[i][n] is that
	// of the points in no basin.
	PairJumps [][]int
	// Contracting[i] reports that the gradient flow contracts towards set i
	// in the tube {dist < r_i} (always on the real line), and Searched[i]
	// that J_i came from the random path search of a non-contracting flow.
	Contracting []bool
	Searched    []bool
	// Rates is q_{i,j} (Rates[i][i] = 0) and RatesErr its standard error.
	Rates    [][]float64
	RatesErr [][]float64
	// ExitRate is q_i (C* of 2307.03479), including the exits out of every
	// basin, and ExitRateErr its standard error.
	ExitRate    []float64
	ExitRateErr []float64
	// ExitBelow and ExitAbove are the rates of exits through an open lower
	// or upper end of a Structure (to the labels landscapes.Below and
	// Above()) in an exact analysis; nil when it has no open end, and in a
	// Monte Carlo analysis.
	ExitBelow []float64
	ExitAbove []float64
	// ExitOutside[i] is the rate of exits from Ω_i to no basin: to every
	// label of Basins.Locate outside [0, n) (landscapes.NoBasin; for a
	// Structure, Below and Above(), and ExitBelow + ExitAbove when exact).
	ExitOutside []float64
	// Landing[i][j] is q_{i,j}/q_i, the limit law of the basin the first
	// exit from Ω_i lands in; column n is no basin (ExitOutside[i]/q_i).
	// A row is 0 when Ω_i cannot be left.
	Landing [][]float64
	// Wide lists the wide minima of the absorbing classes (for an
	// irreducible graph: the states of the limiting chain), ascending.
	Wide []int
	// Classes are the communication classes of the typical transition
	// graph with their limiting chains, ordered by their smallest member.
	Classes []Class
	// Generator and Stationary are the limiting chain's generator Q and
	// stationary law π, in the order of Wide, when the graph is one
	// absorbing class; otherwise empty (see Classes).
	Generator  [][]float64
	Stationary []float64
	// Samples is the number of Monte Carlo paths per minimum set (0 when
	// exact), and ContributingPaths[i] the number of those from set i that
	// reach an exit.
	Samples           int
	ContributingPaths []int
	// Resamples is the number of bootstrap resamples of the rates behind
	// the intervals of the stationary law and the time fractions (0: none,
	// and always 0 when exact); they are drawn when an interval is first
	// asked for.
	Resamples int
	// Warnings lists near-integer ratios of distances to b,
	// non-contracting flows, Monte Carlo estimates resting on few paths and
	// structural remarks.
	Warnings []string

	// rates are the rates the chains were built from.
	rates *rateTable
	// boot holds the bootstrap resamples (Monte Carlo only).
	boot *bootstrap
}

// Class is one communication class G of the typical transition graph with
// its limiting chain (docs/theory.md §8.1; see chain for the formulas).
type Class struct {
	// Members are the minima of G.
	Members []int `json:"members"`
	// Absorbing reports that no typical transition leaves G.
	Absorbing bool `json:"absorbing"`
	// Wide are the members with J_i = J_G = max_{i∈G} J_i; Narrow the others.
	Wide   []int `json:"wide"`
	Narrow []int `json:"narrow"`
	// Generator is the generator Q on Wide (rows sum to 0) for an absorbing
	// class, the sub-generator of the killed chain (rows sum to −κ_i) for a
	// transient one.
	Generator [][]float64 `json:"generator"`
	// Stationary is π on Wide (absorbing classes only).
	Stationary []float64 `json:"stationary,omitempty"`
	// KillRate is κ_i on Wide (transient classes only).
	KillRate []float64 `json:"kill_rate,omitempty"`
	// StartLaw[a] is the law on Wide of the wide minimum reached from a
	// start in the narrow basin Narrow[a] (the absorption probabilities B).
	StartLaw [][]float64 `json:"start_law,omitempty"`
	// StartKilled[a] is the probability that a start in Narrow[a] leaves a
	// transient class before reaching a wide minimum.
	StartKilled []float64 `json:"start_killed,omitempty"`
}

// Analyse validates m and computes its jump numbers, first-exit rates
// q_{i,j} (with their standard errors), landing law, typical transition
// graph, communication classes and limiting chains.
//
// On the one-dimensional fast path (see Model) the rates come from the
// exact recursion of docs/theory.md §7.3, and opt is ignored but for
// Level. A landscape with one minimum is not an error there: there are no
// transitions, and a warning says so (with the exit rate through open ends,
// if any).
//
// Otherwise they are the Monte Carlo integrals C* of §9.3 with the
// options opt (zero fields: defaults), and the typical transition graph has
// an edge i → j when q̂_{i,j} > 0 (exits to no basin leave every class).
//
// A light-tailed noise law is an error wrapping ErrNotApplicable; a bad
// parameter is a *param.Error naming it: a jump number above MaxJumpNumber
// names theory.Model.B, and rates that are not positive finite numbers
// (α so large, or distances so small, that ν_α's masses under- or overflow
// float64) name theory.Model.Noise.
//
// Analyse watches ctx in every long loop (the recursion's levels, the
// Monte Carlo paths, the ray scans and the J search) and returns ctx.Err()
// once it is cancelled.
func Analyse(ctx context.Context, m Model, opt Options) (*Analysis, error) {
	c, exact, err := m.method()
	if err != nil {
		return nil, err
	}
	if opt, err = opt.withDefaults(m.Landscape.Dim()); err != nil {
		return nil, err
	}
	if exact {
		return analyseExact(ctx, m, c, opt)
	}
	return analyseMonteCarlo(ctx, m, opt)
}

// newAnalysis returns the fields common to both methods.
func newAnalysis(m Model, opt Options, sets []landscapes.MinimumSet) *Analysis {
	a := &Analysis{
		Model: m, Options: opt, Dimension: m.Landscape.Dim(), Sets: sets,
		Wide: []int{}, Classes: []Class{}, Generator: [][]float64{}, Stationary: []float64{},
	}
	for _, s := range sets {
		a.MinimumKind = append(a.MinimumKind, map[bool]string{true: "point", false: "segment"}[s.IsPoint()])
	}
	return a
}

// landing fills a.Landing from a.rates: q_{i,j}/q_i, and in column n the
// exits to no basin, outside[i]/q_i.
func (a *Analysis) landing(outside []float64) {
	r := a.rates
	n := len(r.Q)
	a.Landing = make([][]float64, n)
	for i := range n {
		a.Landing[i] = make([]float64, n+1)
		if r.Exit[i] > 0 {
			for j := range n {
				a.Landing[i][j] = r.Q[i][j] / r.Exit[i]
			}
			a.Landing[i][n] = outside[i] / r.Exit[i]
		}
	}
}

// addClasses builds the limiting chain of every class of g from a.rates
// (docs/theory.md §8.1) and fills Wide, Classes, and for a graph that is
// one absorbing class, Generator and Stationary.
func (a *Analysis) addClasses(g *graph) error {
	for _, gc := range g.Classes {
		ch, err := newChain(a.rates, gc.Wide, gc.Narrow)
		if err != nil {
			return err
		}
		c := Class{
			Members: gc.Members, Absorbing: gc.Absorbing,
			Wide: gc.Wide, Narrow: gc.Narrow,
			Generator: ch.Generator, StartLaw: ch.Absorb,
		}
		if gc.Absorbing {
			if c.Stationary, err = Stationary(ch.Generator); err != nil {
				return err
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
	return nil
}

// reducibleWarning is the warning of a graph with several classes.
func reducibleWarning(classes int) string {
	return fmt.Sprintf("graph: the typical transition graph is reducible (%d classes); the limit holds per absorbing class, see classes", classes)
}

// checkBasin returns a *param.Error naming the argument name of a method
// when i is not the index of a minimum set.
func (a *Analysis) checkBasin(name string, i int) error {
	if n := len(a.JumpNumber); i < 0 || i >= n {
		return param.Errorf(name, "minimum set %d out of range [0, %d)", i, n)
	}
	return nil
}

// checkClass returns a *param.Error naming the argument name of a method
// when c is not the index of an absorbing class.
func (a *Analysis) checkClass(name string, c int) error {
	if c < 0 || c >= len(a.Classes) {
		return param.Errorf(name, "class %d out of range [0, %d)", c, len(a.Classes))
	}
	if !a.Classes[c].Absorbing {
		return param.Errorf(name, "class %d is transient: its chain is killed and has no stationary law", c)
	}
	return nil
}

// Transition returns exp(tQ) for the limiting chain of a graph that is one
// absorbing class (t in the time unit 1/(η λ(η)^{J_G}) steps), rows and
// columns in the order of Wide; ErrNoLimitChain otherwise (use
// Class.Transition).
func (a *Analysis) Transition(t float64) ([][]float64, error) {
	if len(a.Generator) == 0 {
		return nil, ErrNoLimitChain
	}
	return Transition(a.Generator, t)
}

// Transition returns exp(tQ) for the chain of the class (sub-stochastic for
// a transient class), in the order of Wide.
func (c Class) Transition(t float64) ([][]float64, error) {
	return Transition(c.Generator, t)
}

// StartLaw returns the law on the wide minima of j's class (in the order of
// that class's Wide) of the state the limiting chain starts from when the
// process starts in Ω_j, and the probability of starting killed (leaving a
// transient class first). A wide j starts at itself; a narrow j maps with
// the absorption probabilities B (docs/theory.md §8.2).
func (a *Analysis) StartLaw(j int) (wide []int, law []float64, killed float64, err error) {
	for _, c := range a.Classes {
		if w := slices.Index(c.Wide, j); w >= 0 {
			law = make([]float64, len(c.Wide))
			law[w] = 1
			return c.Wide, law, 0, nil
		}
		if k := slices.Index(c.Narrow, j); k >= 0 {
			if c.StartKilled != nil {
				killed = c.StartKilled[k]
			}
			return c.Wide, slices.Clone(c.StartLaw[k]), killed, nil
		}
	}
	return nil, nil, 0, param.Errorf("theory.Analysis.StartLaw.j", "minimum set %d out of range [0, %d)", j, len(a.JumpNumber))
}
