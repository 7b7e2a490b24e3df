package theory

import (
	"context"
	"testing"
)

// BenchmarkAnalysePaper1D028 analyses paper-1d at b = 0.28 (four minima,
// J = (1, 3, 1, 3)) by the exact recursion; the target is well under 2 s
// per analysis.
func BenchmarkAnalysePaper1D028(b *testing.B) {
	m := paperModel(b, 0.28)
	for b.Loop() {
		if _, err := Analyse(context.Background(), m, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalysePaper1D019 is the same with b = 0.19 (J up to 4).
func BenchmarkAnalysePaper1D019(b *testing.B) {
	m := paperModel(b, 0.19)
	for b.Loop() {
		if _, err := Analyse(context.Background(), m, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyseMonteCarloWells is the Monte Carlo path on two Gaussian
// wells in R² (cmd/verify/testdata/rd_wells.toml: J = (2, 1), a basin map
// on a 15² grid, 2000 paths per minimum set, 60 ray directions), without
// the bootstrap (drawn only when an interval is asked for).
func BenchmarkAnalyseMonteCarloWells(b *testing.B) {
	c := newReferenceCase(b, "rd_wells")
	for b.Loop() {
		if _, err := Analyse(context.Background(), c.model, c.opt); err != nil {
			b.Fatal(err)
		}
	}
}
