package landscapes_test

import (
	"context"
	"fmt"
	"log"

	"github.com/htsgd/htsgd/landscapes"
)

// Discover finds the minima and saddles of the paper's test function on its
// default domain, the numbers of docs/theory.md §4.1.
func ExampleDiscover() {
	p, err := landscapes.NewPaper1D(-1.6, 1.6)
	if err != nil {
		log.Fatal(err)
	}
	st, err := landscapes.Discover(p)
	if err != nil {
		log.Fatal(err)
	}
	for i, m := range st.Minima {
		fmt.Printf("m_%d = %.5f  r = %.4f  f''(m) = %.4g\n", i+1, m, st.Radius(i), landscapes.SecondDeriv(p, m))
	}
	fmt.Printf("saddles %.5f\n", st.Saddles)
	// Output:
	// m_1 = -1.51148  r = 0.2115  f''(m) = 163.4
	// m_2 = -0.69927  r = 0.6007  f''(m) = 2.178
	// m_3 = 0.49624  r = 0.2038  f''(m) = 446.3
	// m_4 = 1.32209  r = 0.6221  f''(m) = 7.733
	// saddles [-1.30000 0.20000 0.70000]
}

// A critical-points landscape is built from its critical points; its basins
// are known exactly.
func ExampleNewCriticalPoints() {
	cp, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1.5}, -2, 2)
	if err != nil {
		log.Fatal(err)
	}
	st, _ := landscapes.Discover(cp)
	fmt.Println(st.Minima, st.Saddles, st.Basin(-0.5), st.Basin(0.5))
	fmt.Printf("f'(0.5) = %.3f, f(0) = %v\n", cp.Deriv(0.5), cp.F(0))

	_, err = landscapes.NewCriticalPoints(1, []float64{-1, 1}, -2, 2)
	fmt.Println(err)
	// Output:
	// [-1 1.5] [0] 0 1
	// f'(0.5) = -0.750, f(0) = 0
	// landscapes.CriticalPoints.Points: must have an odd number of entries (minimum, maximum, …, minimum), got 2
}

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
	m, err := landscapes.NewBasinMap(context.Background(), g, landscapes.BasinMapOptions{
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
