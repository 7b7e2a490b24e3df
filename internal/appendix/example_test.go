package appendix_test

import (
	"fmt"

	"github.com/htsgd/htsgd/internal/appendix"
)

// The run sizes live in one place: Quick and Full. Each cell has its own
// scenario seed, a function of the series and η only, so the quick run's
// replicas are the first replicas of the same cells of the full run.
func ExampleQuick() {
	q := appendix.Quick()
	for _, s := range q.Exits {
		fmt.Printf("%-6s", s.Label)
		for _, c := range s.Cells {
			fmt.Printf("  η=%g n=%d seed=%d", c.Eta, c.Samples, s.CellSeed(c.Eta))
		}
		fmt.Println()
	}
	fmt.Println("paths:", q.Dynamics.Replicas, "×", q.Dynamics.Steps, "steps at η =", q.Dynamics.Eta)
	// Output:
	// b=inf   η=0.1 n=80 seed=1011000  η=0.01 n=80 seed=1012000  η=0.001 n=80 seed=1013000  η=0.0001 n=80 seed=1014000
	// b=0.5   η=0.1 n=80 seed=1021000  η=0.03 n=80 seed=1021523  η=0.01 n=80 seed=1022000  η=0.003 n=80 seed=1022523
	// b=0.28  η=0.1 n=50 seed=1031000  η=0.05 n=50 seed=1031301  η=0.03 n=50 seed=1031523  η=0.02 n=50 seed=1031699
	// paths: 4 × 1000000 steps at η = 0.001
}

// The R² experiment (the paper's Appendix A.2) at both sizes: the quick run
// is the full run's first replicas over a prefix of their steps, with
// coarse numerics; the full run uses `verify`'s defaults (0 theory samples:
// the theory's default, 20000 paths per minimum set).
func ExampleHimmelblauSize() {
	for _, s := range []appendix.Sizes{appendix.Quick(), appendix.Full()} {
		d := s.Himmelblau
		fmt.Printf("%-5s %2d replicas × %8d steps per run, seed %d, theory samples %d\n", s.Name, d.Replicas, d.Steps, d.Seed, d.TheorySamples)
	}
	// Output:
	// quick  2 replicas ×  1000000 steps per run, seed 105, theory samples 1000
	// full  16 replicas × 30000000 steps per run, seed 105, theory samples 0
}

// The 2-D quadratic exit experiment at both sizes: every cell is a scenario
// file with its own seed (the rule of ExampleQuick), so the quick run's
// replicas are the first replicas of the full run's two largest step sizes.
func ExampleQuadraticSize() {
	for _, s := range []appendix.Sizes{appendix.Quick(), appendix.Full()} {
		fmt.Printf("%s (C* from %d paths per cell)\n", s.Name, s.Quadratic.TheorySamples)
		for _, e := range s.Quadratic.Series {
			fmt.Printf("  %s b=%g:", e.Label, e.B)
			for _, c := range e.Cells {
				fmt.Printf(" η=%g n=%d seed=%d;", c.Eta, c.Samples, e.CellSeed(c.Eta))
			}
			fmt.Println()
		}
	}
	// Output:
	// quick (C* from 20000 paths per cell)
	//   J=1 b=1.5: η=0.01 n=300 seed=1062000; η=0.003 n=300 seed=1062523;
	//   J=2 b=0.6: η=0.01 n=150 seed=1072000; η=0.003 n=150 seed=1072523;
	// full (C* from 400000 paths per cell)
	//   J=1 b=1.5: η=0.01 n=2500 seed=1062000; η=0.003 n=2500 seed=1062523; η=0.001 n=2500 seed=1063000; η=0.0003 n=2500 seed=1063523; η=0.0001 n=2500 seed=1064000;
	//   J=2 b=0.6: η=0.01 n=2000 seed=1072000; η=0.003 n=1500 seed=1072523; η=0.001 n=1000 seed=1073000; η=0.0003 n=300 seed=1073523;
}
