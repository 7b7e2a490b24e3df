// Command rd-demo runs the two R^d experiments of issue 7 and writes their
// numbers as JSON to results/rd/ (THEORY.md sections 4, 5 and 7):
//
//   - quadratic: first exit from the ball basin ‖x‖ < 1 of the 2-D
//     quadratic well f = ½xᵀHx, H = [[1.5, 0.5], [0.5, 1]], under isotropic
//     Pareto noise (α = 1.5, c = 1), for J = 1 (b = 1.5) and J = 2 (b = 0.6)
//     at several η: the measured mean exit time (exact chi-square CI)
//     against the prediction 1/(C* η λ(η)^J), C* from the Monte Carlo
//     integral of package theory (with its CI), and their ratio;
//   - himmelblau: the R² experiment of the ICLR 2022 paper (Appendix A.2):
//     η = 5·10⁻⁴, 3·10⁷ steps from (2.9, 1.0), Z = 0.75·W with isotropic
//     direction and Pareto(1.2) radius, ball of radius 4.2, b = 2.15 against
//     no clipping; the time within 0.5 of each minimizer ("visits"), the
//     time in each basin, and the first-order prediction of THEORY.md
//     section 4 for this landscape.
//
// Usage:
//
//	rd-demo [-out results/rd] [-only quadratic|himmelblau] [-scale 1] [-workers 0]
//
// -scale multiplies every replica count (0.1 for a quick look).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/theory"
)

func main() {
	out := flag.String("out", "results/rd", "output directory")
	only := flag.String("only", "", "run only this part: quadratic or himmelblau")
	scale := flag.Float64("scale", 1, "multiplier of the replica counts")
	workers := flag.Int("workers", 0, "worker goroutines (0: GOMAXPROCS)")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	ctx := context.Background()
	if *only == "" || *only == "quadratic" {
		res, err := quadraticExperiment(ctx, *scale, *workers)
		if err != nil {
			fail(err)
		}
		writeJSON(filepath.Join(*out, "quadratic_exit.json"), res)
	}
	if *only == "" || *only == "himmelblau" {
		res, err := himmelblauExperiment(ctx, *scale, *workers)
		if err != nil {
			fail(err)
		}
		writeJSON(filepath.Join(*out, "himmelblau.json"), res)
		fig := filepath.Join(*out, "himmelblau_time.png")
		if err := timeFigure(fig, res); err != nil {
			fail(err)
		}
		fmt.Println("wrote", fig)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "rd-demo:", err)
	os.Exit(1)
}

func writeJSON(path string, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		fail(err)
	}
	fmt.Println("wrote", path)
}

// ExitRow is one (J, η) cell of the quadratic experiment.
type ExitRow struct {
	J         int     `json:"J"`
	B         float64 `json:"b"`
	Eta       float64 `json:"eta"`
	Lambda    float64 `json:"lambda"`
	Replicas  int     `json:"replicas"`
	Censored  int     `json:"censored"`
	Mean      float64 `json:"mean_steps"`
	MeanLo    float64 `json:"mean_lo"`
	MeanHi    float64 `json:"mean_hi"`
	Predicted float64 `json:"predicted_steps"`
	// Ratio is R(η) = τ̄·C*ηλ^J; RatioLo/Hi combine the CI of τ̄ with that
	// of C* (both 95%, worst case).
	Ratio   float64 `json:"ratio"`
	RatioLo float64 `json:"ratio_lo"`
	RatioHi float64 `json:"ratio_hi"`
	Seconds float64 `json:"seconds"`
}

// QuadraticResult is the JSON of the quadratic experiment.
type QuadraticResult struct {
	Hessian     [][]float64 `json:"hessian"`
	BasinRadius float64     `json:"basin_radius"`
	Alpha       float64     `json:"alpha"`
	Scale       float64     `json:"scale"`
	CStar       []float64   `json:"c_star"`
	CStarErr    []float64   `json:"c_star_stderr"`
	CStarB      []float64   `json:"c_star_b"`
	Rows        []ExitRow   `json:"rows"`
}

func quadraticExperiment(ctx context.Context, scale float64, workers int) (*QuadraticResult, error) {
	H := [][]float64{{1.5, 0.5}, {0.5, 1}}
	const R, alpha, c = 1.0, 1.5, 1.0
	q, err := landscapes.NewQuadraticRd(H, R)
	if err != nil {
		return nil, err
	}
	law, err := noise.NewPareto(alpha, c, 0.5)
	if err != nil {
		return nil, err
	}
	z, err := noise.NewRadial(2, law, nil)
	if err != nil {
		return nil, err
	}
	res := &QuadraticResult{Hessian: H, BasinRadius: R, Alpha: alpha, Scale: c}
	cases := []struct {
		J    int
		b    float64
		etas []float64
		reps []int
	}{
		{1, 1.5, []float64{1e-2, 3e-3, 1e-3, 3e-4, 1e-4}, []int{2500, 2500, 2500, 2500, 2500}},
		{2, 0.6, []float64{1e-2, 3e-3, 1e-3, 3e-4}, []int{2000, 1500, 1000, 300}},
	}
	for ci, cs := range cases {
		t0 := time.Now()
		a, err := theory.AnalyseRd(theory.ModelRd{Landscape: q, Basins: q, Noise: z, B: cs.b},
			theory.RdOptions{Samples: 400000, Seed: 7})
		if err != nil {
			return nil, err
		}
		if a.JumpNumber[0] != cs.J {
			return nil, fmt.Errorf("b = %v: J = %d, want %d", cs.b, a.JumpNumber[0], cs.J)
		}
		cstar, cerr := a.ExitRate[0], a.ExitRateErr[0]
		res.CStar = append(res.CStar, cstar)
		res.CStarErr = append(res.CStarErr, cerr)
		res.CStarB = append(res.CStarB, cs.b)
		fmt.Printf("J = %d (b = %v): C* = %.5f ± %.5f (Monte Carlo, %d paths, %.1fs)\n", cs.J, cs.b, cstar, cerr, a.Samples, time.Since(t0).Seconds())
		fmt.Printf("  %-8s %8s %12s %25s %12s %8s %18s\n", "eta", "n", "mean", "95% CI", "predicted", "ratio", "ratio CI")
		for k, eta := range cs.etas {
			lam := noise.Lambda(law, eta)
			pred, err := a.MeanExitSteps(0, z, eta)
			if err != nil {
				return nil, err
			}
			n := max(20, int(float64(cs.reps[k])*scale))
			e := mc.FirstExitRd{
				SystemRd: mc.SystemRd{Landscape: q, Basins: q, Noise: z, Eta: eta, B: cs.b},
				Start:    []float64{0, 0},
				MaxSteps: int64(50 * pred),
			}
			t1 := time.Now()
			out, err := mc.RunExitsRd(ctx, e, mc.StreamKey{Seed: 2024, Labels: []uint64{uint64(ci), uint64(k)}}, 0, n, workers, nil)
			if err != nil {
				return nil, err
			}
			times := make([]float64, len(out.Records))
			cens := make([]bool, len(out.Records))
			nc := 0
			for i, r := range out.Records {
				times[i], cens[i] = float64(r.Steps), r.Censored
				if r.Censored {
					nc++
				}
			}
			em, err := estimators.NewExpMean(times, cens, 0.95)
			if err != nil {
				return nil, err
			}
			zq := 1.959963984540054
			unit := eta * math.Pow(lam, float64(cs.J))
			row := ExitRow{
				J: cs.J, B: cs.b, Eta: eta, Lambda: lam, Replicas: n, Censored: nc,
				Mean: em.Mean, MeanLo: em.Low, MeanHi: em.High, Predicted: pred,
				Ratio:   em.Mean * cstar * unit,
				RatioLo: em.Low * (cstar - zq*cerr) * unit,
				RatioHi: em.High * (cstar + zq*cerr) * unit,
				Seconds: time.Since(t1).Seconds(),
			}
			res.Rows = append(res.Rows, row)
			fmt.Printf("  %-8.0e %8d %12.4g [%11.4g, %11.4g] %12.4g %8.3f [%7.3f, %7.3f]  (%.0fs)\n",
				eta, n, em.Mean, em.Low, em.High, pred, row.Ratio, row.RatioLo, row.RatioHi, row.Seconds)
		}
	}
	return res, nil
}
