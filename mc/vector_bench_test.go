package mc

import (
	"context"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// BenchmarkExitRdQuadratic measures the vector exit kernel on the 2-D
// quadratic well with isotropic Pareto noise (a basin that is never left
// within b.N steps): ns/op = ns/step; cpu-ns/step is the process's CPU
// time per step, which on a shared machine leaves out the time other
// processes held the core.
func BenchmarkExitRdQuadratic(b *testing.B) {
	q, _ := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1e9)
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, law, nil)
	e := FirstExit{System: System{Landscape: q, Basins: q, Noise: z, Eta: 1e-3, B: 0.6}, Start: []float64{0, 0}, MaxSteps: int64(b.N)}
	r := StreamKey{Seed: 1}.Rand(0)
	b.ResetTimer()
	cpu := processCPUTime()
	if _, err := e.Run(context.Background(), r); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64((processCPUTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/step")
}

// BenchmarkTrajectoryGaussianWells measures a trajectory on the vector
// kernel (a walk whose observer keeps the record) between the two wells of
// the tests' gaussian-wells landscape, with the basin process on: ns per
// step of 2^16-step replicas.
func BenchmarkTrajectoryGaussianWells(b *testing.B) {
	g, bm := gaussianWells(b)
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, law, nil)
	e := Trajectory{System: System{Landscape: g, Basins: bm, Noise: z, Eta: 0.05, B: 0.8, Domain: landscapes.Ball{Radius: 2.5}},
		Start: []float64{-1, 0}, Steps: 1 << 16, Radius: 0.3, RecordBasins: true}
	if _, err := e.Run(context.Background(), StreamKey{Seed: 99}.Rand(0)); err != nil { // fills the basin map's cache
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := processCPUTime()
	for i := 0; i < b.N; i++ {
		if _, err := e.Run(context.Background(), StreamKey{Seed: uint64(i % 4)}.Rand(0)); err != nil {
			b.Fatal(err)
		}
	}
	steps := float64(int64(b.N) * e.Steps)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/steps, "ns/step")
	b.ReportMetric(float64((processCPUTime()-cpu).Nanoseconds())/steps, "cpu-ns/step")
}
