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
// docs/theory.md §10.2 (basin (−2.1, 1.5), b = 1, so J = 2 with slack
// 1.5 − 1 = 0.5 to the right) under Pareto noise α = 1.5, c = 0.1, at
// η = 0.02, with a design written down by hand: γ = 0.9·0.5, burn-in
// 1/f″(0) = 1 and window 1.5 (units of 1/η), no warm-up (Run reads a design
// off the landscape instead: see ExampleRun). For comparison, docs/theory.md
// §10.2 gives q = 0.436486, so the limit predicts
// E τ ≈ 1/(q·η·λ(η)²) = 5.73·10^6 steps with λ(η) = 0.1^{1.5}·0.02^{0.5}.
func Example() {
	q, _ := landscapes.NewQuadratic(1, -2.1, 1.5)
	law, _ := noise.NewPareto(1.5, 0.1, 0.5)
	cfg := rare.Config{
		System: mc.System{Landscape: q, Basins: q.Structure(), Noise: noise.Scalar{Law: law}, Eta: 0.02, B: 1, Domain: landscapes.IntervalOf(q)},
		Start:  []float64{0},
		Design: rare.Design{J: 2, Gamma: 0.45, Window: 1.5, Burn: 1, Weight: 0.05},
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

// ExampleRun estimates the mean exit time from the quadratic well of
// Example (b = 1, J = 2, slack 0.5) with the design rule and its pilot,
// under a larger noise (Pareto α = 1.5, c = 0.5, η = 0.05: exits within a
// few thousand steps, so that the example runs in a blink). The rule reads
// the flow span ln(1/0.5) = 0.69 and the return time ln 50 = 3.9 off the
// well (f″ = 1); the pilot's transient checks pass at once (stretch 1),
// and the main run's diagnostics do not warn.
func ExampleRun() {
	q, _ := landscapes.NewQuadratic(1, -2.1, 1.5)
	law, _ := noise.NewPareto(1.5, 0.5, 0.5)
	plan := rare.Plan{
		System: mc.System{Landscape: q, Basins: q.Structure(), Noise: noise.Scalar{Law: law}, Eta: 0.05, B: 1, Domain: landscapes.IntervalOf(q)},
		Start:  []float64{0},
		J:      2,
	}
	out, err := rare.Run(context.Background(), plan, mc.StreamKey{Seed: 1}, 40000, 0, rare.Budget{})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, res := out.Result.Design, out.Result
	fmt.Printf("flow span %.3f, return time %.3f, stretch %g\n", out.Basis.FlowSpan, out.Basis.ReturnTime, out.Stretch)
	fmt.Printf("design: γ = %.2f, warm-up %.2f, burn-in %.2f, window %.2f (units of 1/η)\n", d.Gamma, d.Warmup, d.Burn, d.Window)
	fmt.Printf("mean exit time %.3g steps, CI [%.3g, %.3g]\n", res.MeanSteps, res.MeanLow, res.MeanHigh)
	fmt.Printf("warning: %v, effective exits %.0f\n", res.Diagnostics.Warning, res.Diagnostics.ESS.Value)
	// Output:
	// flow span 0.693, return time 3.912, stretch 1
	// design: γ = 0.45, warm-up 3.91, burn-in 1.69, window 2.88 (units of 1/η)
	// mean exit time 3.94e+03 steps, CI [3.67e+03, 4.24e+03]
	// warning: false, effective exits 691
}
