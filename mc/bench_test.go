package mc

import (
	"context"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// BenchmarkExitKernel measures the cost of one SGD step (ns/op = ns/step)
// of the interface exit kernel, the path of user-defined curves and laws,
// on the test doubles: the double well with symmetric Pareto noise,
// α = 1.5, η = 0.01, b = 0.5. The basin is made unexitable so every step
// is counted.
func BenchmarkExitKernel(b *testing.B) {
	r := StreamKey{Seed: 1}.Rand(0)
	var law symmetricPareto
	law.alpha = 1.5
	b.ResetTimer()
	cpu := processCPUTime()
	x, n, _ := lineExitKernel(context.Background(), doubleWell{}, law, r, lineParams{eta: 0.01, b: 0.5,
		lo: -2, hi: 2, left: math.Inf(-1), right: math.Inf(1)}, 1, int64(b.N))
	cpu = processCPUTime() - cpu
	if n != int64(b.N) || math.IsNaN(x) {
		b.Fatal("kernel stopped early")
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/step")
}

// paper1D returns the paper's landscape and noise (Pareto α = 1.2,
// c = 0.1) and the kernel parameters η = 10^-3, b = 0.5 with an
// unexitable basin, so that every step is counted.
func paper1D(b *testing.B) (landscapes.Paper1D, noise.Pareto, lineParams) {
	l, err := landscapes.NewPaper1D(-1.6, 1.6)
	if err != nil {
		b.Fatal(err)
	}
	law, err := noise.NewPareto(1.2, 0.1, 0.5)
	if err != nil {
		b.Fatal(err)
	}
	return l, law, lineParams{eta: 1e-3, b: 0.5, lo: -1.6, hi: 1.6, left: math.Inf(-1), right: math.Inf(1)}
}

// BenchmarkExitKernelPaper1D measures ns/step of the kernel FirstExit.Run
// uses on the paper's landscape with the paper's noise, from m_2 = −0.699.
func BenchmarkExitKernelPaper1D(b *testing.B) {
	l, law, p := paper1D(b)
	r := StreamKey{Seed: 1}.Rand(0)
	kernel, _ := lineExitKernelFor(l, law)
	b.ResetTimer()
	cpu := processCPUTime()
	x, n, _ := kernel(context.Background(), r, p, -0.699, int64(b.N))
	cpu = processCPUTime() - cpu
	if n != int64(b.N) || math.IsNaN(x) {
		b.Fatal("kernel stopped early")
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/step")
}

// BenchmarkExitKernelPaper1DPairs is BenchmarkExitKernelPaper1D with the
// two-replica kernel that RunExits uses; ns/op is per step of one replica.
func BenchmarkExitKernelPaper1DPairs(b *testing.B) {
	l, law, p := paper1D(b)
	ra, rb := StreamKey{Seed: 1}.Rand(0), StreamKey{Seed: 1}.Rand(1)
	pair, _ := linePairKernelFor(l, law)
	steps := int64(b.N+1) / 2
	b.ResetTimer()
	cpu := processCPUTime()
	xa, xb, n, _, _ := pair(ra, rb, p, -0.699, -0.699, steps)
	cpu = processCPUTime() - cpu
	if n != steps || math.IsNaN(xa+xb) {
		b.Fatal("kernel stopped early")
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/step")
}
