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
