package mc_test

import (
	"context"
	"fmt"
	"log"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
)

// First exit from the ball basin of a 2-D quadratic well under isotropic
// Pareto noise: the replicas' exit times, reproducible from the stream key.
func ExampleRunExitsRd() {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	if err != nil {
		log.Fatal(err)
	}
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, law, nil)
	e := mc.FirstExitRd{
		SystemRd: mc.SystemRd{Landscape: q, Basins: q, Noise: z, Eta: 0.01, B: 1.5},
		Start:    []float64{0, 0},
		MaxSteps: 1_000_000,
	}
	res, err := mc.RunExitsRd(context.Background(), e, mc.StreamKey{Seed: 1}, 0, 200, 2, nil)
	if err != nil {
		log.Fatal(err)
	}
	total, landedOutside := 0.0, 0
	for _, r := range res.Records {
		total += float64(r.Steps)
		if r.Landing == landscapes.NoBasin {
			landedOutside++
		}
	}
	// The limit prediction is 1/(C* η λ(η)) = (R/c)^α η^{−α} = 1000 steps
	// (C* = R^{−α} = 1); at η = 0.01 the mean sits below it (THEORY.md
	// section 7).
	fmt.Printf("%d exits, all outside: %v, mean %.0f steps\n", len(res.Records), landedOutside == len(res.Records), total/float64(len(res.Records)))
	// Output:
	// 200 exits, all outside: true, mean 742 steps
}
