package mc

import (
	"context"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
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

// BenchmarkExitKernelPaper1D measures ns/step on the paper's landscape with
// the paper's noise (Pareto α = 1.2, c = 0.1), η = 10^-3, b = 0.5, from m_2.
func BenchmarkExitKernelPaper1D(b *testing.B) {
	l, err := landscapes.NewPaper1D(-1.6, 1.6)
	if err != nil {
		b.Fatal(err)
	}
	law, err := noise.NewPareto(1.2, 0.1, 0.5)
	if err != nil {
		b.Fatal(err)
	}
	r := StreamKey{Seed: 1}.Rand(0)
	b.ResetTimer()
	x, n, _ := exitKernel(context.Background(), l, law, r, -0.699, 1e-3, 0.5, -1.6, 1.6,
		math.Inf(-1), math.Inf(1), int64(b.N))
	if n != int64(b.N) || math.IsNaN(x) {
		b.Fatal("kernel stopped early")
	}
}
