package mc

import (
	"context"
	"math"
	"testing"
)

// BenchmarkExitKernel measures the cost of one SGD step of the first-exit
// kernel (ns/op = ns/step) on the double well with symmetric Pareto noise,
// α = 1.5, η = 0.01, b = 0.5 (the kernel spec of issue 6). The basin is made
// unexitable so every step is counted.
func BenchmarkExitKernel(b *testing.B) {
	r := StreamKey{Seed: 1}.Rand(0)
	var law symmetricPareto
	law.alpha = 1.5
	b.ResetTimer()
	x, n, _ := exitKernel(context.Background(), doubleWell{}, law, r, 1, 0.01, 0.5, -2, 2,
		math.Inf(-1), math.Inf(1), int64(b.N))
	if n != int64(b.N) || math.IsNaN(x) {
		b.Fatal("kernel stopped early")
	}
}
