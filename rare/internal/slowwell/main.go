// Command slowwell reproduces the failure of issue 12 and its cure on a
// landscape outside the repository's scenarios: three minima,
// f' = (x+0.7)(x+0.56)x(x−0.8)(x−1.9) on [−2.5, 2.8], windows from the
// minimum 0 (f″(0) = 0.596), b = 0.25, so J = 3 to the left (r = 0.56,
// slack 0.06; no |s − m|/b near an integer: 2.24 and 3.2), symmetric
// Pareto noise α = 1.3, c = 0.1. The saddle −0.56 is shallow (f″ = −0.26,
// next to the minimum −0.7), so the flow lingers there: a 3-jump exit
// spans up to D_3 = 4.41 against 1/f″(0) = 1.68.
//
// Usage:
//
//	go run ./rare/internal/slowwell -eta 0.01 -bf 1000                 # brute force
//	go run ./rare/internal/slowwell -eta 0.01 -design default -samples 1000000
//	go run ./rare/internal/slowwell -eta 0.01 -design rule -samples 1000000
//	go run ./rare/internal/slowwell -eta 0.01 -profile 12 -samples 1000000  # hazard along a long window
//
// -design default is the design of issue 6 (burn-in 1/f″(m), no warm-up),
// which `verify exit -method is` used before the rule; -design rule is rare.DefaultRule's,
// without a pilot. The limit 1/(q η λ(η)^3) of the theory (q = 0.0158 from
// `verify theory`) is 1.072·10^5, 8.513·10^6 and 6.762·10^8 steps at
// η = 10^−2, 10^−3, 10^−4; this program does not compute it.
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rare"
)

func main() {
	eta := flag.Float64("eta", 0.01, "step size η")
	design := flag.String("design", "rule", "default or rule")
	samples := flag.Int("samples", 1000000, "importance-sampled windows")
	bf := flag.Int("bf", 0, "brute-force exits instead of importance sampling")
	profile := flag.Float64("profile", 0, "if > 0: the hazard along windows of this length (units of 1/η), no burn-in, 12 bins")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *eta, *design, *samples, *bf, *profile); err != nil {
		fmt.Fprintln(os.Stderr, "slowwell:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, eta float64, design string, samples, bf int, profile float64) error {
	l, err := landscapes.NewCriticalPoints(1, []float64{-0.7, -0.56, 0, 0.8, 1.9}, -2.5, 2.8)
	if err != nil {
		return err
	}
	law, err := noise.NewPareto(1.3, 0.1, 0.5)
	if err != nil {
		return err
	}
	sys := mc.System{Landscape: l, Basins: l.Structure(), Noise: noise.Scalar{Law: law}, Eta: eta, B: 0.25, Domain: landscapes.IntervalOf(l)}
	const m, j = 0.0, 3
	if bf > 0 {
		e := mc.FirstExit{System: sys, Start: []float64{m}, MaxSteps: 1 << 42}
		records, err := runExits(ctx, e, mc.StreamKey{Seed: 3, Labels: []uint64{1}}, bf, 0)
		if err != nil {
			return err
		}
		var s1, s2 float64
		for _, r := range records {
			s1 += float64(r.Steps)
			s2 += float64(r.Steps) * float64(r.Steps)
		}
		n := float64(len(records))
		mean := s1 / n
		sd := math.Sqrt((s2/n - mean*mean) * n / (n - 1))
		fmt.Printf("η = %g brute force: %d exits, mean %.4g steps, SE of the log mean %.3f\n", eta, len(records), mean, sd/mean/math.Sqrt(n))
		return nil
	}
	d, basis, err := rare.DefaultRule.Design(sys, []float64{m}, j)
	if err != nil {
		return err
	}
	switch {
	case profile > 0:
		d.Warmup, d.Burn, d.Window = 0, 0, profile
	case design == "default":
		// The design of issue 6: γ = 0.9·s, T_0 = 1/f″(m), T = (J+1)/J·T_0,
		// no warm-up.
		burn := 1 / basis.Curvature
		d = rare.Design{J: j, Gamma: rare.DefaultGammaFraction * basis.Slack, Window: float64(j+1) / float64(j) * burn,
			Burn: burn, Weight: rare.DefaultWeight}
	case design != "rule":
		return fmt.Errorf("design: want default or rule, got %q", design)
	}
	cfg := rare.Config{System: sys, Start: []float64{m}, Design: d}
	res, err := rare.Estimate(ctx, cfg, mc.StreamKey{Seed: 3, Labels: []uint64{2}}, samples, 0)
	if err != nil {
		return err
	}
	dg := res.Diagnostics
	fmt.Printf("η = %g, design %+v (flow span %.3f, 1/f″ %.3f)\n", eta, res.Design, basis.FlowSpan, basis.RelaxTime)
	fmt.Printf("  mean %.4g [%.4g, %.4g] steps (p → mean as if from t = 0: %.4g), RE/window %.1f, %.4g steps/window\n",
		res.MeanSteps, res.MeanLow, res.MeanHigh, res.NaiveMeanSteps, res.Rate.RelErr, res.StepsPerSample)
	fmt.Printf("  hazard ratio %.3f [%.3f, %.3f], transient bias %.4f [%.4f, %.4f], max share %.4f, ESS %.0f, outside B %.3f; warning %v %v\n",
		dg.HazardRatio.Value, dg.HazardRatio.Low, dg.HazardRatio.High, dg.TransientBias.Value, dg.TransientBias.Low,
		dg.TransientBias.High, dg.MaxShare.Value, dg.ESS.Value, dg.OutsideB.Value, dg.Warning, dg.Failed)
	if profile > 0 {
		const bins = 12
		n := float64(res.WindowSteps)
		s1, s2 := make([]float64, bins), make([]float64, bins)
		for _, e := range res.ExitLog {
			b := int(float64(e.Tau-1) * bins / n)
			s1[b] += e.LR
			s2[b] += e.LR * e.LR
		}
		N := float64(res.Samples)
		for b := range bins {
			mean := s1[b] / N
			se := math.Sqrt((s2[b]/N - mean*mean) / N)
			w := n / bins
			fmt.Printf("  t ∈ (%5.2f, %5.2f]: hazard %.4g ± %.2g per step (1/hazard %.4g)\n",
				float64(b)*w*eta, float64(b+1)*w*eta, mean/w, se/w, w/mean)
		}
	}
	return nil
}

// runExits runs the first-exit replicas [0, n) of e and returns their
// records in replica order.
func runExits(ctx context.Context, e mc.FirstExit, key mc.StreamKey, n, workers int) ([]mc.ExitRecord, error) {
	var mu sync.Mutex
	recs := make([]mc.ExitRecord, 0, n)
	err := mc.RunExits(ctx, e, key, mc.ReplicaRange(0, n), workers, func(r mc.ExitRecord) {
		mu.Lock()
		recs = append(recs, r)
		mu.Unlock()
	})
	slices.SortFunc(recs, func(a, b mc.ExitRecord) int { return a.Replica - b.Replica })
	return recs, err
}
