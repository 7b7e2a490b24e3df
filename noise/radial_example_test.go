package noise_test

import (
	"fmt"
	"log"
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// The noise of the ICLR 2022 paper's R² experiment: Z = 0.75·W with an
// isotropic direction and a Pareto(1.2) radius. Its norm has the radial
// law's tail, so λ(η) is that of the 1-D law.
func ExampleNewRadial() {
	p, err := noise.NewPareto(1.2, 0.75, 0.5)
	if err != nil {
		log.Fatal(err)
	}
	z, err := noise.NewRadial(2, p, nil) // nil: isotropic
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(z.Name(), z.Dim(), z.Alpha())
	fmt.Printf("P(‖Z‖ > 3) = (3/0.75)^-1.2 = %.6f\n", z.Tail(3))
	fmt.Printf("λ(5e-4) = %.6f\n", noise.Lambda(z.Radius(), 5e-4))
	v := z.Sample(rng.New(1, 2), make([]float64, 2))
	fmt.Println("‖Z‖ ≥ 0.75:", math.Hypot(v[0], v[1]) >= 0.75)
	// Output:
	// isotropic 2 1.2
	// P(‖Z‖ > 3) = (3/0.75)^-1.2 = 0.189465
	// λ(5e-4) = 0.154834
	// ‖Z‖ ≥ 0.75: true
}
