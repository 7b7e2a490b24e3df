package rng_test

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/rng"
	"gonum.org/v1/gonum/stat/distuv"
)

// A generator from two seed words; the draws are reproducible.
func Example() {
	r := rng.New(2024, 7)
	const n = 1000000
	var sumE, sumN, sumN2 float64
	for i := 0; i < n; i++ {
		sumE += r.ExpFloat64()
		z := r.NormFloat64()
		sumN += z
		sumN2 += z * z
	}
	// The standard errors are 1/√n = 0.001 (Exp(1) mean, N(0,1) mean) and
	// √2/√n = 0.0014 (mean of N²), so the rounding below is safe by > 3σ.
	fmt.Printf("mean of Exp(1): %.2f\n", sumE/n)
	fmt.Printf("mean of N(0,1)²: %.2f\n", sumN2/n)
	fmt.Println("|mean of N(0,1)| < 0.005:", math.Abs(sumN/n) < 0.005)
	fmt.Println("die roll in 1..6:", 1+r.Uint64n(6))
	// Output:
	// mean of Exp(1): 1.00
	// mean of N(0,1)²: 1.00
	// |mean of N(0,1)| < 0.005: true
	// die roll in 1..6: 2
}

// The hot-loop form of ExpFloat64: Uint64 and ExpFast are inlined into the
// loop and only the rare slow path (2.2% of draws) is a call.
func ExampleExpFast() {
	r := rng.New(1, 2)
	var sum float64
	for i := 0; i < 1000; i++ {
		j := r.Uint64()
		x, ok := rng.ExpFast(j)
		if !ok {
			x = r.ExpSlow(j)
		}
		sum += x
	}
	// Same stream as ExpFloat64:
	q := rng.New(1, 2)
	var sum2 float64
	for i := 0; i < 1000; i++ {
		sum2 += q.ExpFloat64()
	}
	fmt.Println(sum == sum2)
	// Output: true
}

// *Rand is a math/rand/v2 Source, so it can drive gonum's distributions.
func ExampleRand_Uint64() {
	d := distuv.Gamma{Alpha: 2, Beta: 1, Src: rng.New(3, 4)}
	fmt.Println(d.Rand() > 0)
	// Output: true
}

// SplitMix64 is a bijective hash of 64-bit words: one step of the SplitMix64
// generator. Its first outputs from state 0 are the published reference
// values.
func ExampleSplitMix64() {
	x := uint64(0)
	for range 2 {
		fmt.Printf("%#x\n", rng.SplitMix64(x))
		x += 0x9e3779b97f4a7c15 // the generator's increment γ
	}
	// Output:
	// 0xe220a8397b1dcdaf
	// 0x6e789e6aa1b965f4
}
