package estimators_test

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/estimators"
)

func ExampleNewExpMean() {
	// Five runs with a step budget of 1000: three exited, two hit the cap.
	times := []float64{120, 480, 1000, 310, 1000}
	censored := []bool{false, false, true, false, true}
	e, err := estimators.NewExpMean(times, censored, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("T = %v, d = %d, mean = %.1f, 95%% CI [%.1f, %.1f]\n", e.Total, e.Exits, e.Mean, e.Low, e.High)
	// Output:
	// T = 2910, d = 3, mean = 970.0, 95% CI [331.9, 4703.6]
}

func ExampleExpMeanFromTotals() {
	// Four runs, none exited within 5000 steps each: only a lower bound.
	e, _ := estimators.ExpMeanFromTotals(20000, 0, 4, 0.95)
	fmt.Printf("mean %v, CI [%.0f, %v]\n", e.Mean, e.Low, e.High)
	// Output:
	// mean NaN, CI [5422, +Inf]
}

func ExampleExpShapeTest() {
	// The Exp(1) quantiles at (i − ½)/n look exponential; their squares do not.
	n := 100
	x := make([]float64, n)
	sq := make([]float64, n)
	for i := range x {
		x[i] = -math.Log(1 - (float64(i)+0.5)/float64(n))
		sq[i] = x[i] * x[i]
	}
	good, _ := estimators.ExpShapeTest(x, nil, 999, 1)
	bad, _ := estimators.ExpShapeTest(sq, nil, 999, 1)
	fmt.Printf("exponential: D = %.3f, p = %.3f\n", good.Statistic, good.PValue)
	fmt.Printf("squared:     D = %.3f, p = %.3f\n", bad.Statistic, bad.PValue)
	// Output:
	// exponential: D = 0.006, p = 1.000
	// squared:     D = 0.288, p = 0.001
}

func ExampleGTest() {
	// Landings from m_1 of paper-1d (b = 0.5) in basins 0, 2, 3, against the
	// rates q_{1,j} of docs/theory.md §10.1; q_{1,3} = 0, so basin 3 is left
	// out and its landings are reported.
	r, _ := estimators.GTest([]int{1890, 108, 2}, []float64{3.847145, 0.233749, 0})
	fmt.Printf("G = %.3f, df = %d, p = %.3f, excluded = %d\n", r.G, r.DF, r.PValue, r.ExcludedCount)
	// Output:
	// G = 0.392, df = 1, p = 0.531, excluded = 2
}

func ExampleWLSLineKnownVar() {
	// log mean exit time against log η, weights = exits (ExpMean.LogMean).
	eta := []float64{1e-1, 1e-2, 1e-3}
	var x, y, w []float64
	for i, d := range []int{400, 400, 400} {
		mean := math.Pow(eta[i], -1.2) * (1 + 0.01*float64(i)) // 0-2% off the power law
		e, _ := estimators.ExpMeanFromTotals(mean*float64(d), d, 0, 0.95)
		ly, lw := e.LogMean()
		x, y, w = append(x, math.Log(eta[i])), append(y, ly), append(w, lw)
	}
	l, _ := estimators.WLSLineKnownVar(x, y, w, 0.95)
	fmt.Printf("slope %.3f ± %.3f, 95%% CI [%.3f, %.3f]\n", l.Slope, l.SlopeSE, l.SlopeLow, l.SlopeHigh)
	// Output:
	// slope -1.204 ± 0.015, 95% CI [-1.234, -1.174]
}

func ExampleWLSLine() {
	x := []float64{0, 1, 2, 3}
	y := []float64{1.1, 2.9, 5.2, 6.8}
	l, _ := estimators.WLSLine(x, y, []float64{1, 1, 1, 1}, 0.95)
	fmt.Printf("y = %.2f + %.2f x, slope 95%% CI [%.2f, %.2f]\n", l.Intercept, l.Slope, l.SlopeLow, l.SlopeHigh)
	// Output:
	// y = 1.09 + 1.94 x, slope 95% CI [1.55, 2.33]
}

func ExamplePoissonCI() {
	lo, hi := estimators.PoissonCI(0, 0.95)
	fmt.Printf("N = 0: [%.3f, %.3f]\n", lo, hi)
	lo, hi = estimators.PoissonCI(10, 0.95)
	fmt.Printf("N = 10: [%.3f, %.3f]\n", lo, hi)
	// Output:
	// N = 0: [0.000, 3.689]
	// N = 10: [4.795, 18.390]
}

func ExampleRateCI() {
	// 37 transitions i → j during 12.5 units of scaled time in i.
	q, lo, hi := estimators.RateCI(37, 12.5, 0.95)
	fmt.Printf("q̂ = %.3f, 95%% CI [%.3f, %.3f]\n", q, lo, hi)
	// Output:
	// q̂ = 2.960, 95% CI [2.084, 4.080]
}

func ExampleReplicaMean() {
	// Fraction of time in a narrow basin, one value per trajectory.
	frac := []float64{0.021, 0.015, 0.019, 0.024, 0.012, 0.018}
	m, lo, hi := estimators.ReplicaMean(frac, 0.95)
	fmt.Printf("%.4f [%.4f, %.4f]\n", m, lo, hi)
	// Output:
	// 0.0182 [0.0137, 0.0226]
}

func ExampleProportionCI() {
	// 890 of 1000 exits from m_1 landed on the left.
	p, lo, hi := estimators.ProportionCI(890, 1000, 0.95)
	fmt.Printf("P(left) = %.3f [%.3f, %.3f]\n", p, lo, hi)
	// Output:
	// P(left) = 0.890 [0.869, 0.909]
}

func ExampleFitRatio() {
	// R(λ) = 1 − λ^{1/2} measured at 6 values of λ over two decades with
	// SD 0.01 each (noise-free here, so the estimates are exact).
	var lambda, r, w []float64
	for _, l := range []float64{0.001, 0.0025, 0.0063, 0.016, 0.04, 0.1} {
		lambda = append(lambda, l)
		r = append(r, 1-math.Sqrt(l))
		w = append(w, 1/0.01/0.01)
	}
	f, _ := estimators.FitRatio(lambda, r, w, estimators.RatioFitOptions{Level: 0.95, KnownVariance: true})
	fmt.Printf("R0 = %.3f, 95%% CI [%.3f, %.3f], κ = %.2f, extrapolation %.2f spans\n", f.R0, f.R0Low, f.R0High, f.Kappa, f.Extrapolation)
	// Output:
	// R0 = 1.000, 95% CI [0.969, 1.048], κ = 0.50, extrapolation 0.11 spans
}
