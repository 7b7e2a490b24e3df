package mc_test

import (
	"context"
	"fmt"
	"log"
	"math"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
)

// First exit from the ball basin of a 2-D quadratic well under isotropic
// Pareto noise: the replicas' exit times, reproducible from the stream key.
func ExampleRunExits() {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	if err != nil {
		log.Fatal(err)
	}
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, law, nil)
	e := mc.FirstExit{
		System:   mc.System{Landscape: q, Basins: q, Noise: z, Eta: 0.01, B: 1.5},
		Start:    []float64{0, 0},
		MaxSteps: 1_000_000,
	}
	total, exits, landedOutside := 0.0, 0, 0
	err = mc.RunExits(context.Background(), e, mc.StreamKey{Seed: 1}, mc.ReplicaRange(0, 200), 2, func(r mc.ExitRecord) {
		total += float64(r.Steps)
		exits++
		if r.Landing == landscapes.NoBasin {
			landedOutside++
		}
	})
	if err != nil {
		log.Fatal(err)
	}
	// The limit prediction is 1/(C* η λ(η)) = (R/c)^α η^{−α} = 1000 steps
	// (C* = R^{−α} = 1); at η = 0.01 the mean sits below it (docs/theory.md
	// §11.2).
	fmt.Printf("%d exits, all outside: %v, mean %.0f steps\n", exits, landedOutside == exits, total/float64(exits))
	// Output:
	// 200 exits, all outside: true, mean 742 steps
}

// First exit from the middle well of the paper's 1-D landscape without
// truncation: a System on the real line takes the fast path (a
// landscapes.Curve, its Structure and a noise.Scalar).
func ExampleFirstExit() {
	l, err := landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
	if err != nil {
		log.Fatal(err)
	}
	st, err := landscapes.Discover(l)
	if err != nil {
		log.Fatal(err)
	}
	law, _ := noise.NewPareto(1.2, 0.1, 0.5)
	e := mc.FirstExit{
		System: mc.System{Landscape: l, Basins: st, Noise: noise.Scalar{Law: law}, Eta: 2e-3, B: math.Inf(1),
			Domain: landscapes.IntervalOf(l)},
		Start:    []float64{st.Minima[1]},
		MaxSteps: 50_000,
	}
	if err := e.Validate(); err != nil {
		log.Fatal(err)
	}
	for k := range 3 {
		rec, err := e.Run(context.Background(), mc.ExitKey(1, 0, 0).Rand(k))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("replica %d: left basin %d after %d steps into basin %d\n", k, e.Basin(), rec.Steps, rec.Landing)
	}
	// Output:
	// replica 0: left basin 1 after 20428 steps into basin 0
	// replica 1: left basin 1 after 20728 steps into basin 0
	// replica 2: left basin 1 after 14266 steps into basin 3
}

// A walk seen by an observer: the fraction of time the double well's path
// spends right of the saddle, and its largest excursion, without storing
// the path.
func ExampleWalk() {
	cp, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1}, -2, 2)
	if err != nil {
		log.Fatal(err)
	}
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	w := mc.Walk{
		System: mc.System{Landscape: cp, Basins: cp.Structure(), Noise: noise.Scalar{Law: law}, Eta: 0.05, B: 1.5,
			Domain: landscapes.IntervalOf(cp)},
		Start: []float64{1},
		Steps: 100_000,
	}
	right, highest := 0, math.Inf(-1)
	err = w.Run(context.Background(), mc.StreamKey{Seed: 3}.Rand(0), mc.ObserverFunc(func(_ int64, xs []float64) error {
		for _, x := range xs {
			if x >= 0 {
				right++
			}
		}
		highest = max(highest, slices.Max(xs))
		return nil
	}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("right of the saddle %.0f%% of the time; highest point %.2f\n", 100*float64(right)/float64(w.Steps), highest)
	// Output:
	// right of the saddle 50% of the time; highest point 2.00
}

// The supplied-noise kernel runs the first-exit recursion over noise the
// caller draws: here ten zero noises and then z = −15. From the double
// well's minimum x = 1 (f'(1) = 0) the quiet steps stay at 1, and with
// b = ∞ the jump moves X by η·z = −1.5 to −0.5, across the saddle at 0:
// the exit from basin 1 is at step 11, into basin 0.
func ExampleSuppliedExit() {
	cp, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1}, -2, 2)
	if err != nil {
		log.Fatal(err)
	}
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	sys := mc.System{Landscape: cp, Basins: cp.Structure(), Noise: noise.Scalar{Law: law}, Eta: 0.1, B: math.Inf(1),
		Domain: landscapes.IntervalOf(cp)}
	s, err := mc.NewSuppliedExit(sys, []float64{1})
	if err != nil {
		log.Fatal(err)
	}
	z := make([]float64, 20)
	z[10] = -15 // η·z = −1.5: from x ≈ 1 the step lands near −0.5
	x := []float64{1}
	steps, left := s.Advance(x, z)
	fmt.Printf("left basin %d: %v, at step %d, x = %.2f in basin %d\n", s.Basin(), left, steps, x[0], s.Landing(x))
	// Output:
	// left basin 1: true, at step 11, x = -0.50 in basin 0
}
