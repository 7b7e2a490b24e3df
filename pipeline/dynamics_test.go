package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// quadraticRd is the 2-D quadratic of scenario/testdata/quadratic2d.toml at
// a quick η, with a [dynamics] table.
const quadraticRd = `
name = "quadratic-rd"
[landscape]
kind = "quadratic"
dimension = 2
hessian = [[1.5, 0.5], [0.5, 1.0]]
basin_radius = 1.0
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
b = 1.5
eta = [0.02]
[run]
samples = 40
max_steps = 100000
seed = 9
[dynamics]
replicas = 3
steps = 2000
radius = 0.2
`

// dynamicsLine is the fast double well of exit_test.go (minima −1 and 1.5,
// saddle 0; at b = 1.2 the minimum −1 is sharp) with a [dynamics] table
// (the starts: both minima).
const dynamicsLine = fastExit + `
[dynamics]
replicas = 4
steps = 20000
radius = 0.1
times = [0.5, 1.0]
`

// TestRunDynamicsLine runs the trajectory experiment on the real line:
// every variant and η gives a run whose basin fractions add up to 1; the
// heavy-tailed runs carry the limit, the generator, the embedded chain and
// the state law at the scaled times that fit in the run; the Gaussian run
// says why it has no theory.
func TestRunDynamicsLine(t *testing.T) {
	p := exitPlan(t, dynamicsLine)
	rep, err := RunDynamics(context.Background(), p, DynamicsOptions{Workers: 2, Theory: TheoryOptions(p, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Runs) != 6 || rep.Dimension != 1 || len(rep.Minima) != 2 {
		t.Fatalf("%d runs, dimension %d, %d minima; want 6, 1, 2", len(rep.Runs), rep.Dimension, len(rep.Minima))
	}
	for _, r := range rep.Runs {
		var sum float64
		for _, s := range r.Sets {
			sum += report.Value(s.Basin.Estimate)
		}
		if math.Abs(sum-1) > 1e-12 || r.Replicas != 4 || r.Steps != 20000 || len(r.SharpByReplica) != 4 {
			t.Errorf("%s η = %v: basin fractions add up to %v; %d replicas × %d steps", r.Variant, r.Eta, sum, r.Replicas, r.Steps)
		}
		if r.Variant == VariantGaussian {
			if r.TimeUnit != nil || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "not applicable") {
				t.Errorf("gaussian: time unit %v, notes %v", r.TimeUnit, r.Notes)
			}
			continue
		}
		if r.TimeUnit == nil || !r.Absorbing || r.SharpLimit == nil || len(r.Embedded) != len(r.Class) || r.Sets[0].Sharp != true {
			t.Errorf("%s η = %v: time unit %v, absorbing %v, limit %v, %d embedded tests, sharp %v", r.Variant, r.Eta,
				r.TimeUnit, r.Absorbing, r.SharpLimit, len(r.Embedded), r.Sets[0].Sharp)
			continue
		}
		for _, f := range r.FDD {
			if f.Step > r.Steps || f.Step != int64(math.Round(f.T**r.TimeUnit)) {
				t.Errorf("%s η = %v: state law at t = %v, step %d (time unit %v, %d steps)", r.Variant, r.Eta, f.T, f.Step, *r.TimeUnit, r.Steps)
			}
		}
	}
}

// TestRunDynamicsTransient runs the trajectory experiment on R^d on the
// quadratic: one minimum set whose class is transient (every exit leaves
// to no basin), so no limit is claimed and the time to leave the class is
// compared with the killed chain; the time near the set and in the basin
// are fractions; a plan without [dynamics] is a field error.
func TestRunDynamicsTransient(t *testing.T) {
	p := exitPlan(t, quadraticRd)
	rep, err := RunDynamics(context.Background(), p, DynamicsOptions{Workers: 2, Variants: []string{VariantTruncated, VariantGaussian}, Theory: TheoryOptions(p, 500)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Runs) != 2 || rep.Dimension != 2 || len(rep.Minima) != 1 {
		t.Fatalf("%d runs, dimension %d, %d minima", len(rep.Runs), rep.Dimension, len(rep.Minima))
	}
	tr, g := rep.Runs[0], rep.Runs[1]
	if tr.Absorbing || tr.Sets[0].Stationary != nil || len(tr.Notes) == 0 || tr.TimeUnit == nil || tr.Kill == nil || tr.Kill.Left+tr.Kill.Censored != 3 {
		t.Errorf("truncated run: absorbing %v, stationary %v, notes %v, kill %+v", tr.Absorbing, tr.Sets[0].Stationary, tr.Notes, tr.Kill)
	}
	if g.Law != "gaussian" || g.NoiseScale != 1 || g.TimeUnit != nil {
		t.Errorf("gaussian run: law %s, σ %v, time unit %v", g.Law, g.NoiseScale, g.TimeUnit)
	}
	for _, r := range rep.Runs {
		f := report.Value(r.Sets[0].Basin.Estimate) + report.Value(r.NoBasin.Estimate)
		near := report.Value(r.Sets[0].Near.Estimate) + report.Value(r.Out.Estimate)
		if math.Abs(f-1) > 1e-12 || math.Abs(near-1) > 1e-12 || r.Replicas != 3 || r.Steps != 2000 {
			t.Errorf("%s: basin + no basin = %v, near + out = %v, %d replicas × %d steps", r.Variant, f, near, r.Replicas, r.Steps)
		}
	}
	q := p.Clone()
	q.Dynamics = nil
	var fe *scenario.FieldError
	if _, err := RunDynamics(context.Background(), q, DynamicsOptions{}); !errors.As(err, &fe) || fe.Field != "dynamics" {
		t.Errorf("no [dynamics]: %v", err)
	}
}

// TestVariants: the variants change only b or the noise, keeping the
// landscape, its basins and a finite angular law.
func TestVariants(t *testing.T) {
	text := strings.Replace(quadraticRd, `scale = 1.0
[sgd]`, `scale = 1.0
angular = "finite"
directions = [[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]]
[sgd]`, 1)
	p := exitPlan(t, text)
	u, err := variant(p, VariantUntruncated, 0)
	if err != nil || !math.IsInf(u.B, 1) || p.B != 1.5 || len(u.Basins.MinimumSets()) != 1 {
		t.Fatalf("untruncated: %v, b %v (plan's %v)", err, u.B, p.B)
	}
	g, err := variant(p, VariantGaussian, 0.5)
	z, ok := g.Noise.(noise.Radial)
	if err != nil || !ok || z.HeavyTailed() || z.Isotropic() || noiseScale(g.Noise) != 0.5 || g.B != p.B || lawName(g.Noise) != "gaussian" {
		t.Fatalf("gaussian: %v, noise %v", err, g.Noise)
	}
	if g, err := variant(p, VariantGaussian, 0); err != nil || noiseScale(g.Noise) != 1 {
		t.Errorf("gaussian at the law's scale: %v, σ %v", err, noiseScale(g.Noise))
	}
	if _, err := variant(p, "bogus", 0); param.As(err) == nil {
		t.Errorf("unknown variant: %v", err)
	}
	// RunDynamics checks every variant before it runs any.
	rep, err := RunDynamics(context.Background(), p, DynamicsOptions{Variants: []string{VariantTruncated, "bogus"}, Theory: TheoryOptions(p, 500)})
	if pe := param.As(err); pe == nil || pe.Name != "pipeline.DynamicsOptions.Variants" || pe.Index != 1 || len(rep.Runs) != 0 {
		t.Errorf("unknown variant in RunDynamics: %v, %d runs", err, len(rep.Runs))
	}
}

// TestDynamicsVariantStreams: a variant's paths depend on its name, not on
// its position in the requested list, so running the Gaussian variant alone
// reproduces it as run after the truncated one (a key by position would
// give the alone-run the truncated variant's streams).
func TestDynamicsVariantStreams(t *testing.T) {
	p := exitPlan(t, quadraticRd)
	run := func(variants ...string) report.DynamicsRun {
		t.Helper()
		rep, err := RunDynamics(context.Background(), p, DynamicsOptions{Workers: 2, Variants: variants, Theory: TheoryOptions(p, 500)})
		if err != nil {
			t.Fatal(err)
		}
		return rep.Runs[len(rep.Runs)-1]
	}
	both, alone := run(VariantTruncated, VariantGaussian), run(VariantGaussian)
	if both.Variant != VariantGaussian || alone.Variant != VariantGaussian {
		t.Fatalf("variants %s, %s", both.Variant, alone.Variant)
	}
	if !reflect.DeepEqual(both.Sets, alone.Sets) || !reflect.DeepEqual(both.NoBasin, alone.NoBasin) {
		t.Errorf("gaussian variant differs when run alone:\n%+v\n%+v", both.Sets, alone.Sets)
	}
	if reflect.DeepEqual(both.Sets, run(VariantTruncated).Sets) {
		t.Errorf("the truncated and gaussian variants have the same paths")
	}
}

// TestRunDynamicsCancelled: a run cancelled before it starts returns
// context.Canceled at once (the theory's analysis watches the context), a
// report marked interrupted that names every run as not started.
func TestRunDynamicsCancelled(t *testing.T) {
	p := exitPlan(t, quadraticRd)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := RunDynamics(ctx, p, DynamicsOptions{Variants: []string{VariantTruncated, VariantGaussian}, Theory: TheoryOptions(p, 500)})
	want := []string{"truncated at η = 0.02", "gaussian at η = 0.02"}
	if !errors.Is(err, context.Canceled) || len(rep.Runs) != 0 || !rep.Interrupted || !reflect.DeepEqual(rep.NotStarted, want) {
		t.Errorf("cancelled: %v, interrupted %v, not started %q, runs %+v", err, rep.Interrupted, rep.NotStarted, rep.Runs)
	}
}

// ExampleRunDynamics runs the trajectory experiment of a double well on the
// real line without truncation (both minima wide) and compares the
// generator of the marker process, seen in the time unit 1/(η λ(η)), with
// the limiting chain's.
func ExampleRunDynamics() {
	sc, err := scenario.Parse([]byte(dynamicsLine))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := sc.Build(scenario.BuildOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p.Etas, p.Dynamics.Steps = p.Etas[:1], 200000
	rep, err := RunDynamics(context.Background(), p, DynamicsOptions{Variants: []string{VariantUntruncated}, Theory: TheoryOptions(p, 0)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rep.Runs {
		fmt.Printf("%s, η = %g: wide minima %v, time unit %.0f steps\n", r.Variant, r.Eta, r.Wide, *r.TimeUnit)
		for _, g := range r.Generator {
			fmt.Printf("  Q_%d%d: %d jumps in %.1f time units: %.3f [%.3f, %.3f], predicted %.3f\n",
				g.From, g.To, g.Transitions, g.Exposure, *g.Rate.Estimate, *g.Rate.Low, *g.Rate.High, *g.Predicted)
		}
	}
	// Output:
	// untruncated, η = 0.02: wide minima [0 1], time unit 1000 steps
	//   Q_01: 148 jumps in 260.1 time units: 0.569 [0.481, 0.669], predicted 0.500
	//   Q_10: 146 jumps in 539.9 time units: 0.270 [0.228, 0.318], predicted 0.272
}
