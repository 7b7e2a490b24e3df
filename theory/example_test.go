package theory_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/theory"
)

// The reference analysis of docs/theory.md §10.1: paper-1d with Pareto noise
// (α = 1.2, c = 0.1, p_+ = ½) truncated at b = 0.5. The landscape is a
// Curve, its basins a Structure and the noise a Scalar law, so the rates
// come from the exact recursion.
func ExampleAnalyse() {
	l, err := landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
	if err != nil {
		log.Fatal(err)
	}
	s, err := landscapes.Discover(l)
	if err != nil {
		log.Fatal(err)
	}
	law, err := noise.NewPareto(1.2, 0.1, 0.5)
	if err != nil {
		log.Fatal(err)
	}
	m := theory.Model{Landscape: l, Basins: s, Noise: noise.Scalar{Law: law}, B: 0.5, Domain: landscapes.IntervalOf(l)}
	a, err := theory.Analyse(context.Background(), m, theory.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("exact:", a.Exact, "J:", a.JumpNumber)
	for i, row := range a.Rates {
		fmt.Printf("q_%d: %.6f  total %.6f\n", i, row, a.ExitRate[i])
	}
	fmt.Println("wide:", a.Wide)
	fmt.Printf("generator: %.6f\n", a.Generator)
	fmt.Printf("stationary: %.6f\n", a.Stationary)

	lam, _ := theory.Lambda(m.Noise, 1e-3)
	frac, _ := a.NarrowFractions(lam)
	fmt.Printf("narrow time fraction at η = 1e-3: %.4f\n", frac[0]+frac[2])
	// Output:
	// exact: true J: [1 2 1 2]
	// q_0: [0.000000 3.225803 0.000000 0.000000]  total 3.225803
	// q_1: [3.847145 0.000000 0.233749 0.000000]  total 4.080894
	// q_2: [0.000000 2.152730 0.000000 3.373175]  total 5.525905
	// q_3: [0.000000 0.000000 2.968726 0.000000]  total 2.968726
	// wide: [1 3]
	// generator: [[-0.142687 0.142687] [1.156528 -1.156528]]
	// stationary: [0.890174 0.109826]
	// narrow time fraction at η = 1e-3: 0.0184
}

// The quadratic fixture of docs/theory.md §10.2 has one minimum and open
// ends: no transitions between minima, an exit rate through the ends.
func ExampleAnalyse_singleMinimum() {
	q, _ := landscapes.NewQuadratic(1, -2.1, 1.5)
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	a, err := theory.Analyse(context.Background(), theory.Model{Landscape: q, Basins: q.Structure(), Noise: noise.Scalar{Law: law}, B: 1}, theory.Options{})
	if err != nil {
		log.Fatal(err)
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

// First-exit predictions for the 2-D quadratic well with the ball basin
// ‖x‖ < 1 under isotropic Pareto noise (α = 1.5, c = 1). The landscape
// lives in R², so the constants C* come from the Monte Carlo integral of
// docs/theory.md §9.3. With b = 1.5 one jump leaves (J = 1) and
// C* = R^{−α} = 1 exactly (standard error 0); with b = 0.6 two jumps are
// needed and C* is an estimate over jump sizes, directions and the gap
// between the jumps, with its interval carried to the predicted mean.
func ExampleAnalyse_monteCarlo() {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	if err != nil {
		log.Fatal(err)
	}
	p, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, p, nil)
	for _, b := range []float64{1.5, 0.6} {
		a, err := theory.Analyse(context.Background(), theory.Model{Landscape: q, Basins: q, Noise: z, B: b},
			theory.Options{Samples: 20000, Seed: 1})
		if err != nil {
			log.Fatal(err)
		}
		pr, _ := a.PredictExit(0, 1e-3)
		fmt.Printf("b = %v: J = %d, C* = %.2f ± %.2f, E τ(η = 1e-3) ≈ %.3g steps, 95%% CI [%.3g, %.3g]\n",
			b, pr.JumpNumber, pr.Rate, pr.RateErr, pr.MeanSteps, pr.MeanLow, pr.MeanHigh)
	}
	// Output:
	// b = 1.5: J = 1, C* = 1.00 ± 0.00, E τ(η = 1e-3) ≈ 3.16e+04 steps, 95% CI [3.16e+04, 3.16e+04]
	// b = 0.6: J = 2, C* = 0.69 ± 0.01, E τ(η = 1e-3) ≈ 1.45e+06 steps, 95% CI [1.4e+06, 1.49e+06]
}

// The stationary law of the limiting chain between two Gaussian wells
// (docs/theory.md §8.4) and the first-order time fractions at λ = 0.1, with
// the 95% intervals that carry the Monte Carlo error of the rates (a
// bootstrap over the sample paths of each well). With b = 2 one jump
// leaves either well and both are wide; with b = 1 the well at (−1, 0)
// needs two (r = 1.52) and is the only wide one: the time in the other
// basin is of order λ.
func ExampleAnalysis_StationaryCI() {
	w, err := landscapes.NewGaussianWells([][]float64{{-1, 0}, {1.5, 0}}, []float64{1, 2}, []float64{0.5, 0.3}, 0.2)
	if err != nil {
		log.Fatal(err)
	}
	dom := landscapes.Ball{Radius: 3}
	bm, err := landscapes.NewBasinMap(context.Background(), w, landscapes.BasinMapOptions{Domain: dom, Grid: 15, Directions: 90, CacheCells: 64})
	if err != nil {
		log.Fatal(err)
	}
	p, _ := noise.NewPareto(1.5, 0.5, 0.5)
	z, _ := noise.NewRadial(2, p, nil)
	m := theory.Model{Landscape: w, Basins: bm, Noise: z, B: 2, Domain: dom}
	opt := theory.Options{Samples: 1000, Directions: 90, Seed: 1}
	a, err := theory.Analyse(context.Background(), m, opt)
	if err != nil {
		log.Fatal(err)
	}
	lo, hi, err := a.StationaryCI(0.95)
	if err != nil {
		log.Fatal(err)
	}
	for k, i := range a.Wide {
		fmt.Printf("b = 2: π(m_%d) = %.3f, 95%% CI [%.3f, %.3f]\n", i, a.Stationary[k], lo[k], hi[k])
	}
	m.B = 1
	if a, err = theory.Analyse(context.Background(), m, opt); err != nil {
		log.Fatal(err)
	}
	fr, _ := a.TimeFractions(0.1)
	flo, fhi, err := a.TimeFractionsCI(0.1, 0.95)
	if err != nil {
		log.Fatal(err)
	}
	for i := range fr {
		fmt.Printf("b = 1: J = %d, time in Ω_%d ≈ %.3f, 95%% CI [%.3f, %.3f]\n", a.JumpNumber[i], i, fr[i], flo[i], fhi[i])
	}
	// Output:
	// b = 2: π(m_0) = 0.873, 95% CI [0.854, 0.891]
	// b = 2: π(m_1) = 0.127, 95% CI [0.109, 0.146]
	// b = 1: J = 2, time in Ω_0 ≈ 0.987, 95% CI [0.980, 0.994]
	// b = 1: J = 1, time in Ω_1 ≈ 0.013, 95% CI [0.006, 0.020]
}

// The heavy-tail theory says nothing about Gaussian noise: Analyse reports
// it with ErrNotApplicable, which a caller tells apart from a bad
// parameter.
func ExampleErrNotApplicable() {
	l, _ := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1.5}, -2, 2.5)
	g, _ := noise.NewGaussian(1)
	_, err := theory.Analyse(context.Background(), theory.Model{Landscape: l, Basins: l.Structure(), Noise: noise.Scalar{Law: g}, B: 0.6,
		Domain: landscapes.IntervalOf(l)}, theory.Options{})
	fmt.Println(errors.Is(err, theory.ErrNotApplicable))
	fmt.Println(err)
	// Output:
	// true
	// the heavy-tail theory does not apply: gaussian noise is light-tailed (no regularly varying tail with α > 1)
}

func ExampleJumpNumber() {
	// r = (0.2115, 0.6007, 0.2038, 0.6221) for paper-1d (docs/theory.md §4.2).
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
