package scenario_test

import (
	"fmt"

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

// Build a scenario into the objects a run needs.
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
	b, err := s.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("minima:", b.Structure.Minima, "saddles:", b.Structure.Saddles)
	fmt.Printf("starts: %+v, b = %g, law %s\n", b.Starts, b.B, b.Law.Name())
	for _, w := range b.Warnings {
		fmt.Println("warning:", w)
	}
	// Output:
	// minima: [-1 1] saddles: [0]
	// starts: [{Basin:1 X:0.3}], b = 0.5, law pareto
	// warning: sgd.eta[1]: η·f''(m_1) = 0.6·2 = 1.2 > 1 at the minimum m_1 = 1: the step oscillates about the minimum (stable only below 2; THEORY.md section 2)
}
