package scenario_test

import (
	"fmt"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/scenario"
)

// Parse a small scenario, read its effective values, and catch a bad one by
// its field.
func ExampleParse() {
	s, err := scenario.Parse([]byte(`
name = "two-wells"
[landscape]
kind = "critical-points"
points = [-1.0, 0.0, 1.0]
domain = [-2.0, 2.0]
[noise]
law = "pareto"
alpha = 1.5
scale = 0.1
[sgd]
eta = [0.01]
[run]
samples = 100
max_steps = 1000000
seed = 7
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Landscape.Kind, s.Landscape.ScaleOf(), s.Noise.PPlusOf(), s.SGD.BOf())

	_, err = scenario.Parse([]byte(`name = "bad"
[landscape]
kind = "paper-1d"
[noise]
law = "stable"
alpha = 2.5
scale = 0.1
[sgd]
eta = [0.001]
[run]
samples = 1
max_steps = 1
seed = 1
`))
	fmt.Println(err)
	// Output:
	// two-wells critical-points 1 0.5 +Inf
	// scenario: noise.alpha: must be < 2 for law "stable", got 2.5
}

// Build a scenario into the plan of its runs: the landscape, its basins
// (on the line, the critical-point structure), the noise, the step sizes and
// the starts as points.
func ExampleScenario_Build() {
	s, err := scenario.Parse([]byte(`
name = "two-wells"
[landscape]
kind = "critical-points"
points = [-1.0, 0.0, 1.0]
domain = [-2.0, 2.0]
[noise]
law = "pareto"
alpha = 1.5
scale = 0.1
[sgd]
b = 0.5
eta = [0.01, 0.6]
start_x = 0.3
[run]
samples = 100
max_steps = 1000000
seed = 7
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := s.Build(scenario.BuildOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	st := p.Basins.(landscapes.Structure) // 1-D: the critical points
	fmt.Println("minima:", st.Minima, "saddles:", st.Saddles, "domain:", p.Domain)
	fmt.Printf("starts: %+v, b = %g, noise %s in R^%d\n", p.Starts, p.B, p.Noise.Name(), p.Noise.Dim())
	for _, w := range p.Warnings {
		fmt.Println("warning:", w)
	}
	// Output:
	// minima: [-1 1] saddles: [0] domain: [-2, 2]
	// starts: [{Basin:1 X:[0.3]}], b = 0.5, noise pareto in R^1
	// warning: sgd.eta[1]: η·f''(m_1) = 0.6·2 = 1.2 > 1 at the minimum m_1 = 1: the step oscillates about the minimum (stable only below 2; docs/theory.md §2.3)
}

// Build the 2-D quadratic well of testdata/quadratic2d.toml: one minimum
// set {0}, exited by leaving the ball ‖x‖ < 1, no projection.
func ExampleScenario_Build_quadratic2D() {
	s, err := scenario.Parse([]byte(`
name = "quadratic-2d"
[landscape]
kind = "quadratic"
hessian = [[1.5, 0.5], [0.5, 1.0]]
basin_radius = 1.0
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
b = 1.5
eta = [0.01, 0.6]
start_x = [0.3, -0.2]
[run]
samples = 100
max_steps = 1000000
seed = 7
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("dimension:", s.Dimension())
	p, err := s.Build(scenario.BuildOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("minima %v, r = %g, noise %s in R^%d, domain %v, starts %+v\n",
		p.Basins.MinimumSets(), p.Basins.Core(0), p.Noise.Name(), p.Noise.Dim(), p.Domain, p.Starts)
	for _, w := range p.Warnings {
		fmt.Println("warning:", w)
	}
	// Output:
	// dimension: 2
	// minima [{[0 0] []}], r = 1, noise isotropic in R^2, domain <nil>, starts [{Basin:0 X:[0.3 -0.2]}]
	// warning: sgd.eta[1]: η·λ_max = 0.6·1.809 = 1.085 > 1 at the minimum set 0 = (0, 0): the step oscillates about the minimum (stable only below 2; docs/theory.md §2.3)
}

// Build the paper's R² scenario with a coarse basin map (the default
// options take a few seconds): four minimum sets, one a segment.
func ExampleScenario_Build_himmelblau() {
	s, err := scenario.Load("testdata/himmelblau.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := s.Build(scenario.BuildOptions{Basins: landscapes.BasinMapOptions{Grid: 15, Directions: 180, CacheCells: 128}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, m := range p.Basins.MinimumSets() {
		c := m.Centre()
		fmt.Printf("set %d: point %v, centre (%.3f, %.3f), length %.3f\n", i, m.IsPoint(), c[0], c[1], m.Length())
	}
	fmt.Printf("start %+v, domain %v\n", p.Starts, p.Domain)
	// Output:
	// set 0: point false, centre (-1.769, -2.900), length 2.538
	// set 1: point true, centre (-0.802, 2.570), length 0.000
	// set 2: point true, centre (3.000, 1.000), length 0.000
	// set 3: point true, centre (3.215, -0.884), length 0.000
	// start [{Basin:2 X:[2.9 1]}], domain {[] 4.2}
}

// A plan built by hand, without a scenario file, and its variants: the
// same experiment without truncation and with Gaussian noise.
func ExamplePlan() {
	well, err := landscapes.NewQuadratic(1, -2.1, 1.5) // f = x²/2, basin (−2.1, 1.5)
	if err != nil {
		panic(err)
	}
	law, err := noise.NewPareto(1.5, 0.1, 0.5)
	if err != nil {
		panic(err)
	}
	p := &scenario.Plan{
		Name:      "by-hand",
		Landscape: well,
		Basins:    well.Structure(),
		Noise:     noise.Scalar{Law: law},
		B:         1,
		Etas:      []float64{0.01},
		Starts:    []scenario.Start{{Basin: 0, X: []float64{0}}},
		Run:       scenario.RunPlan{Samples: 100, MaxSteps: 1e6, Seed: 1},
	}
	fmt.Println("valid:", p.Validate())

	free := p.WithoutTruncation()
	g, _ := noise.NewGaussian(0.1)
	light, err := p.WithLaw(g)
	if err != nil {
		panic(err)
	}
	fmt.Println("b:", p.B, free.B, "noise:", p.Noise.Name(), light.Noise.Name())

	p.Etas[0] = -1
	fmt.Println(p.Validate())
	fmt.Println(scenario.FieldOf(p.Validate()))
	// Output:
	// valid: <nil>
	// b: 1 +Inf noise: pareto gaussian
	// scenario.Plan.Etas[0]: must be > 0 and finite, got -1
	// scenario: sgd.eta[0]: must be > 0 and finite, got -1
}

// FieldOf names the scenario key of a library error: here noise.NewPareto's
// *param.Error on noise.Pareto.Alpha, and an element of a list.
func ExampleFieldOf() {
	_, err := noise.NewPareto(0.9, 0.1, 0.5)
	fmt.Println(err)
	fmt.Println(scenario.FieldOf(err))
	_, err = landscapes.NewGaussianWells([][]float64{{0, 0}, {1, 0}}, []float64{1, -2}, []float64{0.5, 0.5}, 1)
	fmt.Println(scenario.FieldOf(err))
	// Output:
	// noise.Pareto.Alpha: must be > 1, got 0.9
	// scenario: noise.alpha: must be > 1, got 0.9
	// scenario: landscape.depths[1]: must be > 0 and finite, got -2
}
