package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/rare"
)

// tableRow is one point of the validation table.
type tableRow struct {
	Point string  `json:"point"`
	Eta   float64 `json:"eta"`
	// Samples is the number of importance-sampled windows.
	Samples int `json:"samples"`
	// BruteBudget is the step budget of a brute-force run made by the table
	// itself when results/rare/ has none (0: use the file or the prediction).
	BruteBudget float64 `json:"brute_budget"`
	// BurnScale multiplies the default burn-in T_0 and window T (0 means 1).
	BurnScale float64 `json:"burn_scale,omitempty"`
}

// tableRows are the rows of the issue: three points where brute force runs
// (J = 2; J = 3 at η = 0.05; J = 3 at P, η = 10^−2 from the long run), P at
// η = 10^−3 and 10^−4 where it does not, and the paper's hard point.
var tableRows = []tableRow{
	{Point: "J2", Eta: 1e-2, Samples: 1000000, BruteBudget: 2e8},
	{Point: "P", Eta: 5e-2, Samples: 2000000, BruteBudget: 3e9},
	{Point: "P", Eta: 1e-2, Samples: 3000000},
	{Point: "P", Eta: 1e-3, Samples: 600000},
	{Point: "P", Eta: 1e-4, Samples: 200000},
	{Point: "hard", Eta: 1e-3, Samples: 600000, BruteBudget: 3e9},
	// The hard point with T_0 = 2 (4.36/f″): long enough for its exits.
	{Point: "hard", Eta: 1e-3, Samples: 300000, BruteBudget: 3e9, BurnScale: 4.36},
}

// method is one estimate of the mean exit time.
type method struct {
	Method      string   `json:"method"` // "is", "brute" or "predicted"
	Mean        *float64 `json:"mean_steps"`
	Low         *float64 `json:"mean_low"`
	High        *float64 `json:"mean_high"`
	RelErr      *float64 `json:"rel_err_per_sample"`
	Steps       float64  `json:"steps"`
	StepsPerSmp *float64 `json:"steps_per_sample"`
	WorkNormVar *float64 `json:"work_norm_var"`
	NsPerStep   *float64 `json:"ns_per_step"`
	Exits       int      `json:"exits"`
}

// validation is one row of the table with its estimates and speed-up.
type validation struct {
	Setup  *setup       `json:"setup"`
	Design rare.Design  `json:"design"`
	IS     rare.Result  `json:"is"`
	Rows   []method     `json:"methods"`
	Brute  *bruteResult `json:"brute,omitempty"`
	// SpeedUp is WNV(brute)/WNV(IS), with WNV(brute) the measured brute-force
	// mean when there is one, else the predicted mean (SpeedUpBasis says).
	SpeedUp      *float64 `json:"speed_up"`
	SpeedUpBasis string   `json:"speed_up_basis"`
	// SpeedUpCPU corrects SpeedUp by the CPU cost per step of each method.
	SpeedUpCPU *float64 `json:"speed_up_cpu"`
	// Z is (mean_IS − mean_brute)/sqrt(SE_IS² + SE_brute²) on the log
	// scale, when brute force ran; Agree reports |Z| < 1.96.
	Z     *float64 `json:"z,omitempty"`
	Agree *bool    `json:"agree,omitempty"`
}

func runTable(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("table", flag.ContinueOnError)
	out := fset.String("out", filepath.Join("results", "rare", "validation.json"), "JSON file")
	scale := fset.Float64("scale", 1, "multiply every sample count by this (e.g. 0.1 for a quick look)")
	workers := fset.Int("workers", 0, "workers (0: GOMAXPROCS)")
	seed := fset.Uint64("seed", 1, "seed")
	only := fset.String("only", "", "run only rows of this point")
	if err := fset.Parse(args); err != nil {
		return err
	}
	var vals []validation
	fmt.Fprintf(stdout, "%-5s %7s %2s %6s  %-9s %10s %24s %9s %10s %10s %9s %10s\n",
		"point", "η", "J", "slack", "method", "E τ", "95% CI", "RE/smp", "steps", "WNV", "ns/step", "speed-up")
	for _, row := range tableRows {
		if *only != "" && row.Point != *only {
			continue
		}
		s, err := newSetup(row.Point, row.Eta)
		if err != nil {
			return err
		}
		curv := landscapes.SecondDeriv(s.sys.Line, s.StartX)
		d := rare.DefaultDesign(s.J, s.Slack, curv)
		if row.BurnScale > 0 {
			d.Burn *= row.BurnScale
			d.Window *= row.BurnScale
		}
		samples := int(float64(row.Samples) * *scale)
		res, ns, _, err := runIS(ctx, s, d, samples, *workers, *seed)
		if err != nil {
			return err
		}
		v := validation{Setup: s, Design: d, IS: res}
		v.Rows = append(v.Rows, method{Method: "is", Mean: num(res.MeanSteps), Low: num(res.MeanLow),
			High: num(res.MeanHigh), RelErr: num(res.Rate.RelErr), Steps: float64(res.TotalSteps),
			StepsPerSmp: num(res.StepsPerSample), WorkNormVar: num(res.WorkNormVar), NsPerStep: num(ns),
			Exits: res.Exits})
		br, err := loadBrute(row.Point, row.Eta)
		if err != nil {
			return err
		}
		if br == nil && row.BruteBudget > 0 {
			fmt.Fprintf(stderr, "running brute force at %s η = %g (%.3g steps)…\n", row.Point, row.Eta, row.BruteBudget)
			br, err = bruteForce(ctx, s, int64(row.BruteBudget), 1, *seed, nil)
			if err != nil {
				return err
			}
			if err := writeJSON(brutePath(row.Point, row.Eta), br); err != nil {
				return err
			}
		}
		var bruteNs float64
		if br != nil {
			v.Brute = br
			bruteNs = br.NsPerStep
			v.Rows = append(v.Rows, method{Method: "brute", Mean: num(br.Mean), Low: num(br.Low), High: br.High,
				RelErr: num(1), Steps: float64(br.Steps), StepsPerSmp: num(br.Mean), WorkNormVar: num(br.Mean),
				NsPerStep: num(br.NsPerStep), Exits: br.Exits})
			v.SpeedUp, v.SpeedUpBasis = num(res.SpeedUp(br.Mean)), "measured brute-force mean"
			// Compare on the log scale: SE(log mean) = 1/√exits for brute
			// force, SE(rate)/rate for the importance sampler.
			seIS := res.Rate.SE / res.Rate.Value
			z := (math.Log(res.MeanSteps) - math.Log(br.Mean)) / math.Hypot(seIS, 1/math.Sqrt(float64(br.Exits)))
			agree := math.Abs(z) < 1.96
			v.Z, v.Agree = num(z), &agree
		} else {
			v.SpeedUp, v.SpeedUpBasis = num(res.SpeedUp(s.PredMean)), "predicted mean (brute force not run)"
			bruteNs = nsBruteDefault
		}
		v.Rows = append(v.Rows, method{Method: "predicted", Mean: num(s.PredMean), WorkNormVar: num(s.PredMean)})
		if v.SpeedUp != nil {
			v.SpeedUpCPU = num(*v.SpeedUp * bruteNs / ns)
		}
		vals = append(vals, v)
		for _, m := range v.Rows {
			su := ""
			if m.Method == "is" && v.SpeedUp != nil {
				su = fmt.Sprintf("%.3g", *v.SpeedUp)
			}
			fmt.Fprintf(stdout, "%-5s %7g %2d %6.4f  %-9s %10s [%10s, %10s] %9s %10.3g %10s %9s %10s\n",
				row.Point, row.Eta, s.J, s.Slack, m.Method, fp(m.Mean), fp(m.Low), fp(m.High), fp(m.RelErr),
				m.Steps, fp(m.WorkNormVar), fp(m.NsPerStep), su)
		}
		if v.Z != nil {
			fmt.Fprintf(stdout, "      IS vs brute force: z = %.2f on log E τ (agree at 95%%: %v); speed-up basis: %s\n",
				*v.Z, *v.Agree, v.SpeedUpBasis)
		} else {
			fmt.Fprintf(stdout, "      speed-up basis: %s; IS mean / predicted = %.3f\n", v.SpeedUpBasis, res.MeanSteps/s.PredMean)
		}
		fmt.Fprintf(stdout, "      design γ = %.4g (%.2g·slack), T = %.3g, T0 = %.3g, w = %g; P(B) = %.3g, %d exits, RE(p) %.3g, naive/mean %.3f, hazard ratio %.3g ± %.2g, transient bias %.2g, max share %.2g\n",
			d.Gamma, d.Gamma/s.Slack, d.Window, d.Burn, d.Weight, res.PB, res.Exits, res.P.RelErr, res.NaiveMeanSteps/res.MeanSteps,
			res.HazardRatio.Value, res.HazardRatio.SE, res.TransientBias, res.MaxShare)
	}
	return writeJSON(*out, vals)
}

// nsBruteDefault is the CPU cost per step of brute force on paper-1d, used
// for the CPU-corrected speed-up of rows without a brute-force run: one
// restarting chain at P, η = 1e-2 (`rare-bench brute -point P -eta 0.01
// -steps 1e9 -seed 7`) took 45.6 ns per step, and the brute-force rows of
// the table 47-52 ns (BenchmarkExitKernelPaper1D: about 46).
const nsBruteDefault = 46

// loadBrute reads results/rare/brute_<point>_eta<η>.json if it exists.
func loadBrute(point string, eta float64) (*bruteResult, error) {
	b, err := os.ReadFile(brutePath(point, eta))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var br bruteResult
	if err := json.Unmarshal(b, &br); err != nil {
		return nil, fmt.Errorf("%s: %w", brutePath(point, eta), err)
	}
	return &br, nil
}

func fp(p *float64) string {
	if p == nil {
		return "–"
	}
	return fmt.Sprintf("%.3g", *p)
}
