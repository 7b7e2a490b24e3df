package noise_test

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// The paper's noise (docs/theory.md §10.1: Pareto, c = 0.1, α = 1.2,
// p_+ = ½): its tail H and scale function λ(η) = c^α η^{α−1}.
func Example() {
	law, err := noise.New("pareto", 1.2, 0.1, 0, false) // p_plus omitted: ½
	if err != nil {
		panic(err)
	}
	fmt.Println(law.Name(), law.Alpha(), law.PPlus())
	fmt.Printf("H(1) = (1/0.1)^-1.2 = %.6f\n", law.Tail(1))
	eta := 0.01
	fmt.Printf("λ(%v) = %.6f, c^α η^(α−1) = %.6f\n", eta, noise.Lambda(law, eta),
		math.Pow(0.1, 1.2)*math.Pow(eta, 0.2))

	// Sampling: one Z per SGD step, no allocation.
	r := rng.New(1, 2)
	z := law.Sample(r)
	fmt.Println("|Z| ≥ c:", math.Abs(z) >= 0.1)

	// Symmetric laws take no p_plus.
	_, err = noise.New("student-t", 1.5, 1, 0.7, true)
	fmt.Println(err)
	// Output:
	// pareto 1.2 0.5
	// H(1) = (1/0.1)^-1.2 = 0.063096
	// λ(0.01) = 0.025119, c^α η^(α−1) = 0.025119
	// |Z| ≥ c: true
	// noise.StudentT.PPlus: not used by the symmetric law "student-t" (p_+ = ½); it applies to pareto and lomax only
}

// The stable law has no closed-form tail: Tail is numerical, and
// StableTailLeading is only the first term of its expansion.
func ExampleStableTailLeading() {
	law, err := noise.NewStable(1.5, 1)
	if err != nil {
		panic(err)
	}
	for _, x := range []float64{3, 30, 3000} {
		exact, lead := law.Tail(x), noise.StableTailLeading(1.5, 1, x)
		fmt.Printf("x = %-4v H = %.6e  leading = %.6e  ratio %.6f\n", x, exact, lead, exact/lead)
	}
	// Output:
	// x = 3    H = 1.031956e-01  leading = 7.677648e-02  ratio 1.344104
	// x = 30   H = 2.451661e-03  leading = 2.427885e-03  ratio 1.009793
	// x = 3000 H = 2.427909e-06  leading = 2.427885e-06  ratio 1.000010
}
