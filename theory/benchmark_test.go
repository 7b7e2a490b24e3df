package theory

import "testing"

// BenchmarkAnalysePaper1D028 analyses paper-1d at b = 0.28 (four minima,
// J = (1, 3, 1, 3)); the target is well under 2 s per analysis.
func BenchmarkAnalysePaper1D028(b *testing.B) {
	m := paperModel(b, 0.28)
	for b.Loop() {
		if _, err := Analyse(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalysePaper1D019 is the same with b = 0.19 (J up to 4).
func BenchmarkAnalysePaper1D019(b *testing.B) {
	m := paperModel(b, 0.19)
	for b.Loop() {
		if _, err := Analyse(m); err != nil {
			b.Fatal(err)
		}
	}
}
