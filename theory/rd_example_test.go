package theory_test

import (
	"fmt"
	"log"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/theory"
)

// First-exit predictions for the 2-D quadratic well with the ball basin
// ‖x‖ < 1 under isotropic Pareto noise (α = 1.5, c = 1). With b = 1.5 one
// jump leaves (J = 1) and C* = R^{−α} = 1 exactly; with b = 0.6 two jumps are
// needed and C* comes from the Monte Carlo integral over jump sizes,
// directions and the gap between the jumps.
func ExampleAnalyseRd() {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	if err != nil {
		log.Fatal(err)
	}
	p, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, p, nil)
	for _, b := range []float64{1.5, 0.6} {
		a, err := theory.AnalyseRd(theory.ModelRd{Landscape: q, Basins: q, Noise: z, B: b},
			theory.RdOptions{Samples: 20000, Seed: 1})
		if err != nil {
			log.Fatal(err)
		}
		steps, _ := a.MeanExitSteps(0, z, 1e-3)
		fmt.Printf("b = %v: J = %d, C* = %.2f ± %.2f, E τ(η = 1e-3) ≈ %.3g steps\n",
			b, a.JumpNumber[0], a.ExitRate[0], a.ExitRateErr[0], steps)
	}
	// Output:
	// b = 1.5: J = 1, C* = 1.00 ± 0.00, E τ(η = 1e-3) ≈ 3.16e+04 steps
	// b = 0.6: J = 2, C* = 0.69 ± 0.01, E τ(η = 1e-3) ≈ 1.45e+06 steps
}

// The stationary law of the limiting chain between two Gaussian wells
// (THEORY.md section 4) and the first-order time fractions at λ = 0.1, with
// the 95% intervals that carry the Monte Carlo error of the rates (a
// bootstrap over the sample paths of each well). With b = 2 one jump
// leaves either well and both are wide; with b = 1 the well at (−1, 0)
// needs two (r = 1.52) and is the only wide one: the time in the other
// basin is of order λ.
func ExampleAnalysisRd_StationaryCI() {
	w, err := landscapes.NewGaussianWells([][]float64{{-1, 0}, {1.5, 0}}, []float64{1, 2}, []float64{0.5, 0.3}, 0.2)
	if err != nil {
		log.Fatal(err)
	}
	dom := landscapes.Ball{Radius: 3}
	bm, err := landscapes.NewBasinMap(w, landscapes.BasinMapOptions{Domain: dom, Grid: 15, Directions: 90, CacheCells: 64})
	if err != nil {
		log.Fatal(err)
	}
	p, _ := noise.NewPareto(1.5, 0.5, 0.5)
	z, _ := noise.NewRadial(2, p, nil)
	m := theory.ModelRd{Landscape: w, Basins: bm, Noise: z, B: 2, Domain: dom}
	opt := theory.RdOptions{Samples: 1000, Directions: 90, Seed: 1}
	a, err := theory.AnalyseRd(m, opt)
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
	if a, err = theory.AnalyseRd(m, opt); err != nil {
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
