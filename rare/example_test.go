package rare_test

import (
	"context"
	"fmt"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rare"
)

// Example estimates the exit rate from the quadratic well f = x²/2 of
// THEORY.md section 8 (basin (−2.1, 1.5), b = 1, so J = 2 with slack
// 1.5 − 1 = 0.5 to the right) under Pareto noise α = 1.5, c = 0.1, at
// η = 0.02. J, the slack and f″(0) = 1 would come from the theory and
// landscapes packages; here they are written down. For comparison, THEORY.md
// section 8 gives q = 0.436486, so the limit predicts
// E τ ≈ 1/(q·η·λ(η)²) = 5.73·10^6 steps with λ(η) = 0.1^{1.5}·0.02^{0.5}.
func Example() {
	q, _ := landscapes.NewQuadratic(1, -2.1, 1.5)
	law, _ := noise.NewPareto(1.5, 0.1, 0.5)
	cfg := rare.Config{
		System: mc.System{Landscape: q, Basins: q.Structure(), Noise: noise.Scalar{Law: law}, Eta: 0.02, B: 1},
		Start:  0,
		Design: rare.DefaultDesign(2, 0.5, 1), // f″(0) = 1
	}
	res, err := rare.Estimate(context.Background(), cfg, mc.StreamKey{Seed: 1}, 20000, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("γ = %.4f, window %d steps, burn-in %d steps\n", res.Design.Gamma, res.WindowSteps, res.BurnSteps)
	fmt.Printf("P(B) = %.3g, windows from P(·|B): %d of %d\n", res.PB, res.FromB, res.Samples)
	fmt.Printf("p = P(τ ≤ n) = %.2e, relative error per window %.1f\n", res.P.Value, res.P.RelErr)
	fmt.Printf("mean exit time %.2e steps, CI [%.2e, %.2e]\n", res.MeanSteps, res.MeanLow, res.MeanHigh)
	// Output:
	// γ = 0.4500, window 75 steps, burn-in 50 steps
	// P(B) = 0.00024, windows from P(·|B): 18965 of 20000
	// p = P(τ ≤ n) = 1.06e-05, relative error per window 4.8
	// mean exit time 6.07e+06 steps, CI [5.48e+06, 6.80e+06]
}
