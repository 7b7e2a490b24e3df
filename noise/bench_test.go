package noise

import (
	"testing"

	"github.com/htsgd/htsgd/rng"
)

// benchLaws are the laws benchmarked and checked for allocation.
var benchLaws = []Law{
	must(NewPareto(1.2, 0.1, 0.7)),
	must(NewLomax(1.2, 0.1, 0.7)),
	must(NewStudentT(1.5, 1)),
	must(NewStable(1.5, 1)),
	must(NewGaussian(1)),
}

var sink float64

// benchSample measures Sample through the concrete type L, as a generic hot
// loop (mc's kernels) calls it.
func benchSample[L Law](b *testing.B, l L) {
	r := rng.New(1, 2)
	b.ReportAllocs()
	s := 0.0
	for b.Loop() {
		s += l.Sample(r)
	}
	sink = s
}

func BenchmarkSample(b *testing.B) {
	for _, l := range benchLaws {
		b.Run(l.Name(), func(b *testing.B) {
			switch v := l.(type) {
			case Pareto:
				benchSample(b, v)
			case Lomax:
				benchSample(b, v)
			case StudentT:
				benchSample(b, v)
			case Stable:
				benchSample(b, v)
			case Gaussian:
				benchSample(b, v)
			}
		})
	}
}

// BenchmarkStableCDF measures one numerical stable CDF value.
func BenchmarkStableCDF(b *testing.B) {
	l := must(NewStable(1.5, 1))
	x := 0.01
	for b.Loop() {
		sink += l.CDF(x)
		if x *= 1.3; x > 1e4 {
			x = 0.01
		}
	}
}

// TestSampleDoesNotAllocate checks the "no allocation" promise of every
// Sample method (counts, not timings).
func TestSampleDoesNotAllocate(t *testing.T) {
	r := rng.New(1, 2)
	for _, l := range benchLaws {
		if a := testing.AllocsPerRun(1000, func() { sink += l.Sample(r) }); a != 0 {
			t.Errorf("%s: %v allocations per Sample", l.Name(), a)
		}
	}
}
