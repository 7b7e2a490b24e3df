package mc

import (
	"context"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// BenchmarkExitRdQuadratic measures the vector exit kernel on the 2-D
// quadratic well with isotropic Pareto noise (a basin that is never left
// within b.N steps): ns/op = ns/step.
func BenchmarkExitRdQuadratic(b *testing.B) {
	q, _ := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1e9)
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, law, nil)
	e := FirstExit{System: System{Landscape: q, Basins: q, Noise: z, Eta: 1e-3, B: 0.6}, Start: []float64{0, 0}, MaxSteps: int64(b.N)}
	r := StreamKey{Seed: 1}.Rand(0)
	b.ResetTimer()
	if _, err := e.Run(context.Background(), r); err != nil {
		b.Fatal(err)
	}
}
