package estimators_test

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/estimators"
)

// paretoLambda is λ(η) = c^α η^{α−1}, Pareto noise with c = 0.1.
func paretoLambda(alpha float64) func(float64) float64 {
	return func(eta float64) float64 { return math.Pow(0.1, alpha) * math.Pow(eta, alpha-1) }
}

func ExampleNextEta() {
	// A ladder geometric in λ(η): each rung halves λ. At α = 1.2 that is a
	// factor 2^{-5} in η, at α = 1.5 a factor 1/4.
	for _, alpha := range []float64{1.2, 1.5} {
		eta := 0.1
		fmt.Printf("α = %.1f:", alpha)
		for range 3 {
			eta, _ = estimators.NextEta(paretoLambda(alpha), eta, 0.5)
			fmt.Printf(" %.5g", eta)
		}
		fmt.Println()
	}
	// Output:
	// α = 1.2: 0.003125 9.7656e-05 3.0518e-06
	// α = 1.5: 0.025 0.00625 0.0015625
}

func ExampleExitsForLogHalfWidth() {
	// Exits for R's 95% CI to be within ±2.5% (log scale) of the estimate.
	d, _ := estimators.ExitsForLogHalfWidth(0.025, 0.95)
	fmt.Println(d)
	// Output:
	// 6225
}

func ExampleRungCost() {
	// 2000 runs capped at 3 mean exit times of 4·10^5 steps.
	steps, exits, _ := estimators.RungCost(4e5, 2000, 1.2e6)
	fmt.Printf("%.0f exits, %.3g steps\n", exits, steps)
	// Output:
	// 1900 exits, 7.6e+08 steps
}

// ratioLadder builds rungs with R = 1 − bias·(λ/λ_1) at step sizes halving
// λ from η = 0.1 (α = 1.5), each an exponential mean of d exits whose total
// is exactly d·R (so the example shows the verdict's rules, not noise).
func ratioLadder(rungs int, bias float64, d int) []estimators.RatioRung {
	lambda := paretoLambda(1.5)
	eta := 0.1
	var out []estimators.RatioRung
	for k := range rungs {
		r := 1 - bias*math.Pow(0.5, float64(k))
		m, _ := estimators.ExpMeanFromTotals(r*float64(d), d, 0, 0.95)
		rg, _ := estimators.NewRatioRung(eta, lambda(eta), m, 1)
		out = append(out, rg)
		eta, _ = estimators.NextEta(lambda, eta, 0.5)
	}
	return out
}

func ExampleJudgeRatio() {
	// Seven rungs, R from 0.8 to 0.997, 6225 exits each.
	v, _ := estimators.JudgeRatio(ratioLadder(7, 0.2, 6225), estimators.LadderOptions{})
	fmt.Println(v.Kind)
	fmt.Println(v.Reason)
	fmt.Printf("limit of R: [%.3f, %.3f]; false-alarm bounds: inconsistent %.3f, converges %.3f\n",
		float64(v.LimitTest.Low), float64(v.LimitTest.High), v.ErrorRates.Inconsistent, v.ErrorRates.Converges)
	// Output:
	// converges
	// the last two rungs, [0.9695, 1.019] and [0.9726, 1.022], are inside [0.95, 1.05]
	// limit of R: [0.956, 1.076]; false-alarm bounds: inconsistent 0.050, converges 0.025
}

func ExampleJudgeRatio_notYetConverged() {
	// The first three rungs of the same ladder: R = 0.95 at the last one.
	// With λ(η) and the predicted mean exit time 1/(q η λ^J) (q = 2, J = 2)
	// the verdict says where the trend reaches a bias of 2.5% and what a
	// rung there costs.
	lambda := paretoLambda(1.5)
	opt := estimators.LadderOptions{
		Lambda:   lambda,
		MeanExit: func(eta float64) float64 { return 1 / (2 * eta * math.Pow(lambda(eta), 2)) },
	}
	v, _ := estimators.JudgeRatio(ratioLadder(3, 0.2, 6225), opt)
	e := v.Need
	fmt.Println(v.Kind)
	fmt.Printf("η* = %.2g, %d exits, %.2g steps\n", float64(e.Eta), e.Exits, float64(e.Steps))
	// Output:
	// consistent, not yet converged
	// η* = 0.0016, 6697 exits, 1.4e+12 steps
}

func ExampleRatioLimit() {
	// The repository's paper-1d ladder at b = 0.5 (J = 2, α = 1.2): R and
	// its weight 1/SE(R)². Its χ² rejects R = R0 + a·λ^κ at every rung, and
	// FitRatio's profile interval excludes 1; the model-robust interval,
	// which may drop the η = 0.1 rung, does not.
	eta := []float64{0.1, 0.03, 0.01, 0.003, 0.001, 3e-4, 1e-4}
	lam := []float64{0.0398, 0.0313, 0.0251, 0.0197, 0.0158, 0.0125, 0.0100}
	r := []float64{0.9195, 0.8103, 0.8240, 0.8348, 0.8645, 0.8062, 0.9867}
	w := []float64{4732, 6091, 5891, 5740, 2676, 769.3, 123.3}
	var rungs []estimators.RatioRung
	for k := range r {
		rg, _ := estimators.NewRatioRungFromEstimate(eta[k], lam[k], r[k], 1/(r[k]*math.Sqrt(w[k])))
		rungs = append(rungs, rg)
	}
	f, _ := estimators.FitRatio(lam, r, w, estimators.RatioFitOptions{Level: 0.95, KnownVariance: true})
	lt, _ := estimators.RatioLimit(rungs, 1, estimators.LadderOptions{})
	fmt.Printf("FitRatio: R0 %.3f [%.3f, %.3f], χ² p = %.4f\n", f.R0, f.R0Low, f.R0High, f.GoodnessP)
	fmt.Printf("RatioLimit: [%.2f, %.2f], 1 excluded: %v\n", float64(lt.Low), float64(lt.High), lt.Excluded)
	// Output:
	// FitRatio: R0 0.819 [0.802, 0.835], χ² p = 0.0003
	// RatioLimit: [0.81, 1.82], 1 excluded: false
}

func ExampleJudgeLanding() {
	// Exits from one basin into two allowed basins (limit law 0.9, 0.1) and
	// one the theory forbids, on five rungs halving λ: forbidden landings
	// fall from 2% to 0.1%, the allowed law approaches the limit.
	probs := []float64{0.9, 0.1, 0}
	counts := [][]int{{3400, 520, 80}, {3480, 480, 40}, {3545, 435, 20}, {3575, 416, 9}, {3592, 404, 4}}
	var rungs []estimators.LandingRung
	lambda := 0.01
	for _, c := range counts {
		rungs = append(rungs, estimators.LandingRung{Lambda: lambda, Counts: c})
		lambda /= 2
	}
	v, _ := estimators.JudgeLanding(rungs, probs, estimators.LadderOptions{Seed: 1})
	for _, r := range v.Rungs {
		fmt.Printf("λ %.5f: %2d forbidden of %d, limit law rejected at this η: %v\n", r.Lambda, r.Forbidden, r.Exits, r.LimitLawRejected)
	}
	fmt.Printf("forbidden fraction falls: p = %.4f\n", v.Forbidden.PFalls)
	fmt.Println(v.Kind)
	// Output:
	// λ 0.01000: 80 forbidden of 4000, limit law rejected at this η: true
	// λ 0.00500: 40 forbidden of 4000, limit law rejected at this η: true
	// λ 0.00250: 20 forbidden of 4000, limit law rejected at this η: true
	// λ 0.00125:  9 forbidden of 4000, limit law rejected at this η: true
	// λ 0.00063:  4 forbidden of 4000, limit law rejected at this η: true
	// forbidden fraction falls: p = 0.0001
	// converges
}
