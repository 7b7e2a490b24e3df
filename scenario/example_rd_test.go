package scenario_test

import (
	"fmt"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/scenario"
)

// Build the 2-D quadratic well of testdata/quadratic2d.toml: one minimum
// set {0}, exited by leaving the ball ‖x‖ < 1.
func ExampleScenario_BuildRd() {
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
	fmt.Println("R^d:", s.IsRd(), "dimension:", s.Dimension())
	b, err := s.BuildRd()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("minima %v, r = %g, noise %s in R^%d, starts %+v\n", b.Minima, b.Basins.Core(0), b.Noise.Name(), b.Noise.Dim(), b.Starts)
	for _, w := range b.Warnings {
		fmt.Println("warning:", w)
	}
	// Output:
	// R^d: true dimension: 2
	// minima [{[0 0] []}], r = 1, noise isotropic in R^2, starts [{Basin:0 X:[0.3 -0.2]}]
	// warning: sgd.eta[1]: η·λ_max = 0.6·1.809 = 1.085 > 1 at the minimum set 0 = (0, 0): the step oscillates about the minimum (stable only below 2; THEORY.md section 2)
}

// Build the paper's R² scenario with a coarse basin map (BuildRd, with the
// default options, takes a few seconds): four minimum sets, one a segment.
func ExampleScenario_BuildRdWith() {
	s, err := scenario.Load("testdata/himmelblau.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := s.BuildRdWith(landscapes.BasinMapOptions{Grid: 15, Directions: 180, CacheCells: 128})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, m := range b.Minima {
		c := m.Centre()
		fmt.Printf("set %d: point %v, centre (%.3f, %.3f), length %.3f\n", i, m.IsPoint(), c[0], c[1], m.Length())
	}
	fmt.Printf("start %+v\n", b.Starts)
	// Output:
	// set 0: point false, centre (-1.769, -2.900), length 2.538
	// set 1: point true, centre (-0.802, 2.570), length 0.000
	// set 2: point true, centre (3.000, 1.000), length 0.000
	// set 3: point true, centre (3.215, -0.884), length 0.000
	// start [{Basin:2 X:[2.9 1]}]
}
