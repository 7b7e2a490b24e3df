package theory_test

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/theory"
)

// The reference analysis of THEORY.md section 6: paper-1d with Pareto noise
// (α = 1.2, p_+ = ½) truncated at b = 0.5.
func ExampleAnalyse() {
	l, err := landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
	if err != nil {
		panic(err)
	}
	s, err := landscapes.Discover(l)
	if err != nil {
		panic(err)
	}
	a, err := theory.Analyse(theory.Model{Structure: s, Deriv: l.Deriv, Alpha: 1.2, PPlus: 0.5, B: 0.5})
	if err != nil {
		panic(err)
	}
	fmt.Println("J:", a.JumpNumber)
	for i, row := range a.Rates {
		fmt.Printf("q_%d: %.6f  total %.6f\n", i, row, a.ExitRate[i])
	}
	fmt.Println("wide:", a.Wide)
	fmt.Printf("generator: %.6f\n", a.Generator)
	fmt.Printf("stationary: %.6f\n", a.Stationary)

	law, _ := noise.NewPareto(1.2, 0.1, 0.5)
	lam, _ := theory.Lambda(law, 1e-3)
	frac, _ := a.NarrowFractions(lam)
	fmt.Printf("narrow time fraction at η = 1e-3: %.4f\n", frac[0]+frac[2])
	// Output:
	// J: [1 2 1 2]
	// q_0: [0.000000 3.225803 0.000000 0.000000]  total 3.225803
	// q_1: [3.847145 0.000000 0.233749 0.000000]  total 4.080894
	// q_2: [0.000000 2.152730 0.000000 3.373175]  total 5.525905
	// q_3: [0.000000 0.000000 2.968726 0.000000]  total 2.968726
	// wide: [1 3]
	// generator: [[-0.142687 0.142687] [1.156528 -1.156528]]
	// stationary: [0.890174 0.109826]
	// narrow time fraction at η = 1e-3: 0.0184
}

// The quadratic fixture of THEORY.md section 8 has one minimum and open
// ends: no transitions between minima, an exit rate through the ends.
func ExampleAnalyse_singleMinimum() {
	q, _ := landscapes.NewQuadratic(1, -2.1, 1.5)
	a, err := theory.Analyse(theory.Model{Structure: q.Structure(), Deriv: q.Deriv, Alpha: 1.5, PPlus: 0.5, B: 1})
	if err != nil {
		panic(err)
	}
	fmt.Printf("J = %d, q = %.6f (above %.6f)\n", a.JumpNumber[0], a.ExitRate[0], a.ExitAbove[0])
	fmt.Println(a.Warnings[0])
	c := a.Classes[0]
	fmt.Printf("class %v absorbing=%v wide=%v kill rate %.6f\n", c.Members, c.Absorbing, c.Wide, c.KillRate)
	raw, _ := json.Marshal(a)
	fmt.Println(len(raw) > 0)
	// Output:
	// J = 2, q = 0.436486 (above 0.436486)
	// landscape: one minimum only: there are no transitions between minima; exits through the open ends at rate q_0 = 0.436486 (below 0, above 0.436486)
	// class [0] absorbing=false wide=[0] kill rate [0.436486]
	// true
}

func ExampleJumpNumber() {
	// r = (0.2115, 0.6007, 0.2038, 0.6221) for paper-1d (THEORY.md section 2).
	for _, b := range []float64{0.5, 0.28, math.Inf(1)} {
		fmt.Println(b, theory.JumpNumber(0.2115, b), theory.JumpNumber(0.6007, b))
	}
	// Output:
	// 0.5 1 2
	// 0.28 1 3
	// +Inf 1 1
}

// The law of the limiting chain at time t = 1 (in units of 1/(ηλ(η)²)
// steps) for the two-state generator of paper-1d at b = 0.5:
// P_{00}(t) = π_0 + π_1 e^{−(Q_{01}+Q_{10})t} = 0.890174 + 0.109826·e^{−1.299215}.
func ExampleTransition() {
	Q := [][]float64{{-0.142687, 0.142687}, {1.156528, -1.156528}}
	P, _ := theory.Transition(Q, 1)
	pi, _ := theory.Stationary(Q)
	fmt.Printf("%.4f\n%.6f\n", P, pi)
	// Output:
	// [[0.9201 0.0799] [0.6474 0.3526]]
	// [0.890174 0.109826]
}
