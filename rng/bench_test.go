package rng

import (
	"math/rand/v2"
	"testing"
)

// Benchmarks of the generator and of math/rand/v2's PCG and ChaCha8 for
// comparison. Each loop accumulates into a sink so the draws are not dead
// code; the plain for-loop (not b.Loop) keeps the calls inlinable, which is
// how the simulation kernel uses them. math/rand/v2's *rand.Rand calls its
// Source through an interface, so its ExpFloat64/NormFloat64 are not inlined;
// PCG and ChaCha8 are also measured directly (concrete Uint64).

var (
	sinkU uint64
	sinkF float64
)

func BenchmarkUint64(b *testing.B) {
	r := New(1, 2)
	var s uint64
	for i := 0; i < b.N; i++ {
		s += r.Uint64()
	}
	sinkU = s
}

func BenchmarkFloat64(b *testing.B) {
	r := New(1, 2)
	var s float64
	for i := 0; i < b.N; i++ {
		s += r.Float64()
	}
	sinkF = s
}

func BenchmarkFloat64Open(b *testing.B) {
	r := New(1, 2)
	var s float64
	for i := 0; i < b.N; i++ {
		s += r.Float64Open()
	}
	sinkF = s
}

func BenchmarkUint64n(b *testing.B) {
	r := New(1, 2)
	var s uint64
	for i := 0; i < b.N; i++ {
		s += r.Uint64n(1000)
	}
	sinkU = s
}

func BenchmarkExpFloat64(b *testing.B) {
	r := New(1, 2)
	var s float64
	for i := 0; i < b.N; i++ {
		s += r.ExpFloat64()
	}
	sinkF = s
}

// BenchmarkExpInlined is the hot-loop idiom of ExpFloat64's doc comment, with
// Uint64 and ExpFast inlined and only ExpSlow called.
func BenchmarkExpInlined(b *testing.B) {
	r := New(1, 2)
	var s float64
	for i := 0; i < b.N; i++ {
		j := r.Uint64()
		x, ok := ExpFast(j)
		if !ok {
			x = r.ExpSlow(j)
		}
		s += x
	}
	sinkF = s
}

func BenchmarkNormFloat64(b *testing.B) {
	r := New(1, 2)
	var s float64
	for i := 0; i < b.N; i++ {
		s += r.NormFloat64()
	}
	sinkF = s
}

// BenchmarkNormInlined is the inlined idiom for the normal.
func BenchmarkNormInlined(b *testing.B) {
	r := New(1, 2)
	var s float64
	for i := 0; i < b.N; i++ {
		j := r.Uint64()
		x, ok := NormFast(j)
		if !ok {
			x = r.NormSlow(j)
		}
		s += x
	}
	sinkF = s
}

func BenchmarkPCGUint64(b *testing.B) {
	r := rand.NewPCG(1, 2)
	var s uint64
	for i := 0; i < b.N; i++ {
		s += r.Uint64()
	}
	sinkU = s
}

func BenchmarkChaCha8Uint64(b *testing.B) {
	r := rand.NewChaCha8([32]byte{1, 2})
	var s uint64
	for i := 0; i < b.N; i++ {
		s += r.Uint64()
	}
	sinkU = s
}

func BenchmarkStdPCG(b *testing.B) {
	benchStd(b, rand.New(rand.NewPCG(1, 2)))
}

func BenchmarkStdChaCha8(b *testing.B) {
	benchStd(b, rand.New(rand.NewChaCha8([32]byte{1, 2})))
}

// benchStd runs the four draws of a math/rand/v2 *rand.Rand.
func benchStd(b *testing.B, r *rand.Rand) {
	b.Run("Uint64", func(b *testing.B) {
		var s uint64
		for i := 0; i < b.N; i++ {
			s += r.Uint64()
		}
		sinkU = s
	})
	b.Run("Float64", func(b *testing.B) {
		var s float64
		for i := 0; i < b.N; i++ {
			s += r.Float64()
		}
		sinkF = s
	})
	b.Run("ExpFloat64", func(b *testing.B) {
		var s float64
		for i := 0; i < b.N; i++ {
			s += r.ExpFloat64()
		}
		sinkF = s
	})
	b.Run("NormFloat64", func(b *testing.B) {
		var s float64
		for i := 0; i < b.N; i++ {
			s += r.NormFloat64()
		}
		sinkF = s
	})
}
