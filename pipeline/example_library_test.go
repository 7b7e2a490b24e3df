package pipeline_test

import (
	"context"
	"math"
	"os"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/rng"
	"github.com/htsgd/htsgd/scenario"
)

// tiltedWell is a loss of the user's own, not one of the scenario file's
// kinds: the tilted double well f(x) = (x² − 1)²/4 + x/5 on [−2, 2]. It is
// a landscapes.Line (value and derivative, its projection interval and a
// name); landscapes.Discover finds its minima and saddle.
type tiltedWell struct{}

func (tiltedWell) F(x float64) float64     { return (x*x-1)*(x*x-1)/4 + x/5 }
func (tiltedWell) Deriv(x float64) float64 { return x*(x*x-1) + 0.2 }
func (w tiltedWell) Value(x []float64) float64 {
	return w.F(x[0])
}
func (w tiltedWell) Gradient(dst, x []float64) []float64 {
	dst[0] = w.Deriv(x[0])
	return dst
}
func (tiltedWell) Dim() int                 { return 1 }
func (tiltedWell) Domain() (lo, hi float64) { return -2, 2 }
func (tiltedWell) Name() string             { return "tilted-well" }

// burrNoise is a noise law of the user's own: the symmetric law with
// P(|Z| > x) = (1 + (x/c)²)^{−α/2}, regularly varying with index −α (the
// tail of |Z| is (x/c)^{−α} to first order), p_+ = ½. It implements
// noise.Law: an exact sampler (|Z| = c·√(U^{−2/α} − 1) by inversion, a
// random sign), its distribution function and tail, α and p_+.
type burrNoise struct{ alpha, c float64 }

func (burrNoise) Name() string { return "burr" }
func (z burrNoise) Sample(r *rng.Rand) float64 {
	m := z.c * math.Sqrt(math.Pow(r.Float64Open(), -2/z.alpha)-1)
	if r.Uint64()&1 == 0 {
		return -m
	}
	return m
}
func (z burrNoise) Tail(x float64) float64 {
	if x < 0 {
		return 1
	}
	return math.Pow(1+(x/z.c)*(x/z.c), -z.alpha/2)
}
func (z burrNoise) CDF(x float64) float64 {
	if x < 0 {
		return z.Tail(-x) / 2
	}
	return 1 - z.Tail(x)/2
}
func (z burrNoise) Scale() float64  { return z.c }
func (burrNoise) HeavyTailed() bool { return true }
func (z burrNoise) Alpha() float64  { return z.alpha }
func (burrNoise) PPlus() float64    { return 0.5 }

// Example runs a loss and a noise law of the user's own through the same
// pipeline as a scenario file: a scenario.Plan filled by hand (its basins
// found by landscapes.Discover), the theory's predictions
// (pipeline.Analyse), the simulated first exits (pipeline.RunExits), the
// report that joins them (pipeline.ExitReport), and its text
// (report.WriteExitText). docs/library.md explains each step.
func Example() {
	well := tiltedWell{}
	basins, err := landscapes.Discover(well)
	if err != nil {
		panic(err)
	}
	p := &scenario.Plan{
		Name: "by-hand", Landscape: well, Basins: basins, Domain: landscapes.IntervalOf(well),
		Noise: noise.Scalar{Law: burrNoise{alpha: 1.5, c: 0.1}}, B: 0.9,
		Etas:   []float64{0.05},
		Starts: []scenario.Start{{Basin: 1, X: []float64{basins.Minima[1]}}},
		Run:    scenario.RunPlan{Samples: 200, MaxSteps: 1e8, Seed: 1},
	}
	if err := p.Validate(); err != nil {
		panic(err)
	}
	ctx := context.Background()
	a, notes, err := pipeline.Analyse(ctx, p, pipeline.TheoryOptions(p, 0))
	if err != nil {
		panic(err)
	}
	cells, err := pipeline.RunExits(ctx, p, pipeline.ExitOptions{Workers: 2})
	if err != nil {
		panic(err)
	}
	rep, err := pipeline.ExitReport(p, a, notes, cells)
	if err != nil {
		panic(err)
	}
	if err := report.WriteExitText(os.Stdout, pipeline.SettingOf(p), rep, report.ExitTextOptions{}); err != nil {
		panic(err)
	}
	// Output:
	// first exit — scenario by-hand, seed 1
	// setting: tilted-well on the line; burr noise (α = 1.5, c = 0.1, p_+ = 0.5); b = 0.9
	// ┌──────┬───────┬───┬───────┬───────┬─────────────────────┬───────────┬─────────────────────────┬───────┬─────────┐
	// │  η   │ basin │ J │ exits │ cens. │ mean steps (95% CI) │ predicted │    ratio R (95% CI)     │ Exp p │ verdict │
	// ├──────┼───────┼───┼───────┼───────┼─────────────────────┼───────────┼─────────────────────────┼───────┼─────────┤
	// │ 0.05 │     1 │ 1 │   200 │     0 │   2485 [2173, 2868] │      3101 │ 0.8013 [0.7009, 0.9251] │  0.98 │   R < 1 │
	// └──────┴───────┴───┴───────┴───────┴─────────────────────┴───────────┴─────────────────────────┴───────┴─────────┘
	// ┌──────┬───────┬───────┬─────────┬───────────────────┬─────┬───────────┬─────────────────────────────┐
	// │  η   │ basin │ exits │ landing │ predicted landing │ G p │ forbidden │ forbidden fraction (95% CI) │
	// ├──────┼───────┼───────┼─────────┼───────────────────┼─────┼───────────┼─────────────────────────────┤
	// │ 0.05 │     1 │   200 │ 0:1.000 │           0:1.000 │ 1.0 │         0 │                           – │
	// └──────┴───────┴───────┴─────────┴───────────────────┴─────┴───────────┴─────────────────────────────┘
}
