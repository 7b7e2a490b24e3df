package theory

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Analysis is everything the theory predicts for a Model (THEORY.md
// sections 2-4), laid out so that its JSON encoding is the CLI's contract:
// 0-based indices, rates[i][i] = 0, generator and stationary in the order of
// wide, classes always present, empty lists as [] (never null), and an
// infinite radius as null.
type Analysis struct {
	// Model is the input (not encoded).
	Model Model `json:"-"`
	// Minima and Saddles are the critical points m_i and s_i.
	Minima  []float64 `json:"minima"`
	Saddles []float64 `json:"saddles"`
	// Radius is r_i (+Inf, encoded null, when Ω_i has no exitable end).
	Radius []float64 `json:"radius"`
	// JumpNumber is J_i (0 when Ω_i has no exitable end).
	JumpNumber []int `json:"jump_number"`
	// PairJumps is J_{i,j} between minima (not encoded).
	PairJumps [][]int `json:"-"`
	// Rates is q_{i,j} (Rates[i][i] = 0).
	Rates [][]float64 `json:"rates"`
	// ExitRate is q_i, including exits through open ends.
	ExitRate []float64 `json:"exit_rate"`
	// ExitBelow and ExitAbove are the rates of exits through an open lower
	// or upper end; present only when the structure has an open end.
	ExitBelow []float64 `json:"exit_below,omitempty"`
	ExitAbove []float64 `json:"exit_above,omitempty"`
	// Wide lists the wide minima of the absorbing classes (for an
	// irreducible graph: the states of the limiting chain).
	Wide []int `json:"wide"`
	// Classes are the communication classes of the typical transition
	// graph, ordered by their smallest member.
	Classes []Class `json:"classes"`
	// Generator and Stationary are the limiting chain's generator Q and
	// stationary law π, in the order of Wide, when the graph is one
	// absorbing class; otherwise empty (see Classes).
	Generator  [][]float64 `json:"generator"`
	Stationary []float64   `json:"stationary"`
	// Warnings lists near-integer ratios |s − m|/b and structural remarks.
	Warnings []string `json:"warnings"`
}

// Class is one communication class G of the typical transition graph with
// its limiting chain (THEORY.md section 4; see Chain for the formulas).
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

// Analyse validates m and computes its jump numbers, rates q_{i,j} (by the
// recursion of THEORY.md section 3), typical transition graph, classes and
// limiting chains. A landscape with one minimum is not an error: there are
// no transitions, and a warning says so (with the exit rate through open
// ends, if any). Light-tailed noise must be rejected before the Model is
// built (it has no α).
func Analyse(m Model) (*Analysis, error) {
	jm, err := ComputeJumps(m)
	if err != nil {
		return nil, err
	}
	r, err := ComputeRates(m, jm)
	if err != nil {
		return nil, err
	}
	g := NewGraph(jm)
	s := m.Structure
	n := len(s.Minima)
	a := &Analysis{
		Model:      m,
		Minima:     slices.Clone(s.Minima),
		Saddles:    append([]float64{}, s.Saddles...),
		Radius:     jm.Radius,
		JumpNumber: jm.J,
		PairJumps:  jm.Pair,
		Rates:      r.Q,
		ExitRate:   r.Exit,
		Wide:       []int{},
		Classes:    []Class{},
		Generator:  [][]float64{},
		Stationary: []float64{},
		Warnings:   append([]string{}, jm.Warnings...),
	}
	if s.OpenLo || s.OpenHi {
		a.ExitBelow, a.ExitAbove = r.Below, r.Above
	}
	for _, gc := range g.Classes {
		ch, err := NewChain(r, gc.Wide, gc.Narrow)
		if err != nil {
			return nil, err
		}
		c := Class{
			Members: gc.Members, Absorbing: gc.Absorbing,
			Wide: gc.Wide, Narrow: gc.Narrow,
			Generator: ch.Generator, StartLaw: ch.Absorb,
		}
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
	switch {
	case n == 1 && jm.J[0] == 0:
		a.Warnings = append(a.Warnings, "landscape: one minimum and no exitable end: the process never leaves Ω_0; there are no transitions")
	case n == 1:
		a.Warnings = append(a.Warnings, fmt.Sprintf("landscape: one minimum only: there are no transitions between minima; exits through the open ends at rate q_0 = %.6g (below %.6g, above %.6g)", r.Exit[0], r.Below[0], r.Above[0]))
	case len(a.Classes) > 1:
		a.Warnings = append(a.Warnings, fmt.Sprintf("graph: the typical transition graph is reducible (%d classes); the limit holds per absorbing class, see classes", len(a.Classes)))
	case !a.Classes[0].Absorbing:
		a.Warnings = append(a.Warnings, "graph: the only class is left through an open end; the limiting chain is killed, see classes")
	}
	return a, nil
}

// MarshalJSON encodes the Analysis with every non-finite radius as null
// (encoding/json rejects ±Inf).
func (a *Analysis) MarshalJSON() ([]byte, error) {
	type plain Analysis
	radius := make([]*float64, len(a.Radius))
	for i := range a.Radius {
		if !math.IsInf(a.Radius[i], 0) && !math.IsNaN(a.Radius[i]) {
			radius[i] = &a.Radius[i]
		}
	}
	return json.Marshal(struct {
		*plain
		Radius []*float64 `json:"radius"`
	}{(*plain)(a), radius})
}

// rates rebuilds the Rates view of the analysis.
func (a *Analysis) rates() *Rates {
	return &Rates{Q: a.Rates, Exit: a.ExitRate, Below: a.ExitBelow, Above: a.ExitAbove}
}

// Transition returns exp(tQ) for the limiting chain of an irreducible graph
// (t in the time unit 1/(η λ(η)^{J_G}) steps), rows and columns in the order
// of Wide. For a reducible graph use Class.Transition.
func (a *Analysis) Transition(t float64) ([][]float64, error) {
	if len(a.Generator) == 0 {
		return nil, errors.New("graph: no single limiting chain (reducible graph or killed chain); use the classes")
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
// the absorption probabilities B (THEORY.md section 4).
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
	return nil, nil, 0, fmt.Errorf("minimum: index %d out of range [0, %d)", j, len(a.Minima))
}
