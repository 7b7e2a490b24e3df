package landscapes_test

import (
	"fmt"
	"log"

	"github.com/htsgd/htsgd/landscapes"
)

// A basin map of two Gaussian wells, a wide one and a sharp one: the minima
// are found by gradient descent from a grid, and the wide well's basin
// reaches farther from its minimum.
func ExampleNewBasinMap() {
	g, err := landscapes.NewGaussianWells(
		[][]float64{{-1.2, 0}, {1.2, 0}}, // centres
		[]float64{1, 1},                  // depths
		[]float64{0.8, 0.25},             // widths: wide, sharp
		0.1)                              // confinement
	if err != nil {
		log.Fatal(err)
	}
	m, err := landscapes.NewBasinMap(g, landscapes.BasinMapOptions{
		Domain: landscapes.Ball{Radius: 3}, Grid: 21, Directions: 180, CacheCells: 128})
	if err != nil {
		log.Fatal(err)
	}
	for i, s := range m.MinimumSets() {
		fmt.Printf("minimum %d at (%.3f, %.3f), r = %.2f\n", i, s.A[0], s.A[1], m.Radius(i))
	}
	fmt.Println("basin of (0.9, 0.2):", m.Locate([]float64{0.9, 0.2}))
	// Output:
	// minimum 0 at (-1.128, 0.000), r = 1.66
	// minimum 1 at (1.190, 0.000), r = 0.65
	// basin of (0.9, 0.2): 1
}

// The R^d quadratic fixture: f = ½xᵀHx with an explicit ball basin.
func ExampleNewQuadraticRd() {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	if err != nil {
		log.Fatal(err)
	}
	g := q.Gradient(make([]float64, 2), []float64{1, -1})
	fmt.Println(q.Name(), q.Dim(), g, q.Locate([]float64{0.5, 0.5}), q.Locate([]float64{1, 1}))
	// Output:
	// quadratic 2 [1 -0.5] 0 -1
}
