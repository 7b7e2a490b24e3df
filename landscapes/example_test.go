package landscapes_test

import (
	"fmt"
	"log"

	"github.com/htsgd/htsgd/landscapes"
)

// Discover finds the minima and saddles of the paper's test function on its
// default domain, the numbers of THEORY.md section 2.
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
