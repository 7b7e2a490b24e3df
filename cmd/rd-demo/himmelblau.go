package main

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/theory"
)

// Parameters of the paper's R² experiment (ICLR 2022, Appendix A.2).
const (
	paperEta    = 5e-4
	paperSteps  = 30_000_000
	paperScale  = 0.75
	paperAlpha  = 1.2
	paperB      = 2.15
	paperDomain = 4.2
	paperVisit  = 0.5
)

// Variant is one of the two runs (clipped, unclipped) with its prediction.
type Variant struct {
	B        *float64  `json:"b"` // null: no clipping
	Jump     []int     `json:"jump_number"`
	CStar    []float64 `json:"c_star"`
	CStarErr []float64 `json:"c_star_stderr"`
	Wide     []int     `json:"wide"`
	// Stationary is the limit chain's law on Wide.
	Stationary []float64 `json:"stationary"`
	// Predicted is the first-order time fraction per basin (THEORY.md
	// section 4): narrow λ^{J_G−J_k}/q_k·Σπ_i q_{i,j}N_{j,k}; wide π_i(1 − Σ narrow).
	Predicted []float64 `json:"predicted_fraction"`
	Lambda    float64   `json:"lambda"`
	TimeUnit  float64   `json:"time_unit_steps"`
	// Runs are the simulated replicas; replica 0 is "the" paper run.
	Runs []HimRun `json:"runs"`
	// Pooled fractions over all replicas.
	NearFraction  []float64 `json:"near_fraction"`
	OutFraction   float64   `json:"out_fraction"`
	BasinFraction []float64 `json:"basin_fraction"`
	// BasinFractionSE is the standard error of BasinFraction across
	// replicas (replicas are independent; 0 with one replica).
	BasinFractionSE []float64 `json:"basin_fraction_se"`
	Seconds         float64   `json:"seconds"`
}

// HimRun is one replica.
type HimRun struct {
	Replica      int     `json:"replica"`
	NearSteps    []int64 `json:"near_steps"`
	OutSteps     int64   `json:"out_steps"`
	BasinSteps   []int64 `json:"basin_steps"`
	NoBasinSteps int64   `json:"no_basin_steps"`
	Transitions  int     `json:"transitions"`
	MarkerVisits []int   `json:"marker_entries"`
}

// HimmelblauResult is the JSON of the paper experiment.
type HimmelblauResult struct {
	Minima    [][][]float64 `json:"minima"` // a point as [p], a segment as [a, b]
	PaperName []string      `json:"paper_name"`
	Radius    []float64     `json:"radius"`
	Eta       float64       `json:"eta"`
	Steps     int64         `json:"steps"`
	Replicas  int           `json:"replicas"`
	Start     []float64     `json:"start"`
	Clipped   Variant       `json:"clipped"`
	Unclipped Variant       `json:"unclipped"`
	NsPerStep float64       `json:"ns_per_step"`
}

// paperNames names the basins as the paper does: Ω_2 holds the segment,
// Ω_1 the other minimum with x < 0, Ω_3 and Ω_4 the upper and lower
// minima with x > 0.
func paperNames(sets []landscapes.MinimumSet) []string {
	out := make([]string, len(sets))
	for i, s := range sets {
		c := s.Centre()
		switch {
		case !s.IsPoint():
			out[i] = "Ω2"
		case c[0] < 0:
			out[i] = "Ω1"
		case c[1] > 0:
			out[i] = "Ω3"
		default:
			out[i] = "Ω4"
		}
	}
	return out
}

func himmelblauExperiment(ctx context.Context, scale float64, workers int) (*HimmelblauResult, error) {
	h, err := landscapes.NewHimmelblauModified(landscapes.PaperHimmelblau())
	if err != nil {
		return nil, err
	}
	dom := landscapes.Ball{Radius: paperDomain}
	t0 := time.Now()
	bm, err := landscapes.NewBasinMap(h, landscapes.BasinMapOptions{Domain: dom})
	if err != nil {
		return nil, err
	}
	sets := bm.Minima()
	res := &HimmelblauResult{PaperName: paperNames(sets), Eta: paperEta, Steps: paperSteps, Start: []float64{2.9, 1.0}}
	for i, s := range sets {
		if s.IsPoint() {
			res.Minima = append(res.Minima, [][]float64{s.A})
		} else {
			res.Minima = append(res.Minima, [][]float64{s.A, s.B})
		}
		res.Radius = append(res.Radius, bm.Radius(i))
	}
	fmt.Printf("modified Himmelblau: basin map in %.1fs\n", time.Since(t0).Seconds())
	for i, s := range sets {
		fmt.Printf("  %s (index %d): %v %v  r = %.4f\n", res.PaperName[i], i, s.A, s.B, bm.Radius(i))
	}
	law, err := noise.NewPareto(paperAlpha, paperScale, 0.5)
	if err != nil {
		return nil, err
	}
	z, err := noise.NewRadial(2, law, nil)
	if err != nil {
		return nil, err
	}
	// Cost of one step, measured on a short run.
	probe := mc.TrajectoryRd{
		SystemRd: mc.SystemRd{Landscape: h, Basins: bm, Noise: z, Eta: paperEta, B: paperB, Domain: dom},
		Start:    res.Start, Steps: 2_000_000, Radius: paperVisit, RecordBasins: true,
	}
	t1 := time.Now()
	if _, err := mc.RunTrajectoriesRd(ctx, probe, mc.StreamKey{Seed: 99}, 0, 1, 1, nil); err != nil {
		return nil, err
	}
	res.NsPerStep = float64(time.Since(t1).Nanoseconds()) / float64(probe.Steps)
	reps := max(1, int(math.Round(8*scale)))
	res.Replicas = reps
	fmt.Printf("  cost %.1f ns/step: %d replicas × %d steps per variant ≈ %.0f s on one core\n",
		res.NsPerStep, reps, paperSteps, res.NsPerStep*float64(paperSteps)*float64(reps)/1e9)
	for vi, b := range []float64{paperB, math.Inf(1)} {
		v, err := himVariant(ctx, h, bm, z, law, dom, b, res, reps, workers, uint64(vi))
		if err != nil {
			return nil, err
		}
		if vi == 0 {
			res.Clipped = *v
		} else {
			res.Unclipped = *v
		}
	}
	return res, nil
}

func himVariant(ctx context.Context, h landscapes.HimmelblauModified, bm *landscapes.BasinMap, z noise.Radial, law noise.Law,
	dom landscapes.Ball, b float64, res *HimmelblauResult, reps, workers int, label uint64) (*Variant, error) {
	t0 := time.Now()
	a, err := theory.AnalyseRd(theory.ModelRd{Landscape: h, Basins: bm, Noise: z, B: b, Domain: dom},
		theory.RdOptions{Samples: 40000, Seed: 11 + label})
	if err != nil {
		return nil, err
	}
	lam := noise.Lambda(law, paperEta)
	v := &Variant{Jump: a.JumpNumber, CStar: a.ExitRate, CStarErr: a.ExitRateErr, Wide: a.Wide,
		Stationary: a.Stationary, Lambda: lam}
	if !math.IsInf(b, 1) {
		bb := b
		v.B = &bb
	}
	if v.Predicted, err = a.TimeFractions(lam); err != nil {
		return nil, err
	}
	jg := 0
	for _, i := range a.Wide {
		jg = max(jg, a.JumpNumber[i])
	}
	v.TimeUnit, _ = theory.TimeUnit(law, paperEta, jg)
	name := "clipped b = 2.15"
	if math.IsInf(b, 1) {
		name = "no clipping"
	}
	fmt.Printf("%s: J = %v, C* = %.4g (± %.2g), wide %v, π = %.4f, prediction computed in %.0fs\n",
		name, a.JumpNumber, a.ExitRate, a.ExitRateErr, a.Wide, a.Stationary, time.Since(t0).Seconds())
	e := mc.TrajectoryRd{
		SystemRd: mc.SystemRd{Landscape: h, Basins: bm, Noise: z, Eta: paperEta, B: b, Domain: dom},
		Start:    res.Start, Steps: paperSteps, Radius: paperVisit, RecordBasins: true,
	}
	t1 := time.Now()
	recs, err := mc.RunTrajectoriesRd(ctx, e, mc.StreamKey{Seed: 2022, Labels: []uint64{label}}, 0, reps, workers, nil)
	if err != nil {
		return nil, err
	}
	v.Seconds = time.Since(t1).Seconds()
	n := len(bm.Minima())
	v.NearFraction = make([]float64, n)
	v.BasinFraction = make([]float64, n)
	v.BasinFractionSE = make([]float64, n)
	per := make([][]float64, n)
	var total, out float64
	for _, r := range recs {
		run := HimRun{Replica: r.Replica, NearSteps: r.NearSteps, OutSteps: r.OutSteps, BasinSteps: r.BasinSteps,
			NoBasinSteps: r.NoBasinSteps, Transitions: len(r.Transitions), MarkerVisits: make([]int, n)}
		for _, tr := range r.Transitions {
			run.MarkerVisits[tr.To]++
		}
		v.Runs = append(v.Runs, run)
		total += float64(r.Steps)
		out += float64(r.OutSteps)
		for j := range n {
			v.NearFraction[j] += float64(r.NearSteps[j])
			v.BasinFraction[j] += float64(r.BasinSteps[j])
			per[j] = append(per[j], float64(r.BasinSteps[j])/float64(r.Steps))
		}
	}
	v.OutFraction = out / total
	for j := range n {
		v.NearFraction[j] /= total
		v.BasinFraction[j] /= total
		v.BasinFractionSE[j] = seOfMean(per[j])
	}
	fmt.Printf("  simulated %d × %d steps in %.0fs\n", len(recs), paperSteps, v.Seconds)
	fmt.Printf("  %-4s %10s %10s %10s %12s %s\n", "", "near", "basin", "± se", "predicted", "replica 0: near steps, entries")
	for j := range n {
		fmt.Printf("  %-4s %10.4f %10.4f %10.4f %12.4f %d, %d\n", res.PaperName[j], v.NearFraction[j], v.BasinFraction[j],
			v.BasinFractionSE[j], v.Predicted[j], v.Runs[0].NearSteps[j], v.Runs[0].MarkerVisits[j])
	}
	fmt.Printf("  out  %10.4f\n", v.OutFraction)
	return v, nil
}

// seOfMean returns the standard error of the mean of x (0 for n < 2: not
// available).
func seOfMean(x []float64) float64 {
	n := float64(len(x))
	if n < 2 {
		return 0
	}
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= n
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / (n - 1) / n)
}
