package rare

import (
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// pointPConfig is the point P of issue 6: paper-1d, Pareto α = 1.5, c = 0.1,
// b = 0.25, from m_2 (0-based index 1, x = −0.69927), where J = ⌈0.6007/0.25⌉
// = 3 and the slack is 0.6007 − 0.5 = 0.1007 (docs/theory.md §5.1).
func pointPConfig(t testing.TB, eta float64, d Design) Config {
	t.Helper()
	l, err := landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
	if err != nil {
		t.Fatal(err)
	}
	st, err := landscapes.Discover(l)
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		System: mc.System{Landscape: l, Basins: st, Noise: noise.Scalar{Law: mustPareto(t, 1.5, 0.1, 0.5)}, Eta: eta, B: 0.25, Domain: landscapes.IntervalOf(l)},
		Start:  []float64{st.Minima[1]},
		Design: d,
	}
}

// BenchmarkWindowStep measures the cost of one SGD step of an
// importance-sampled window (ns/op = ns/step) at the point P with η = 10^−3
// and the design of issue 6 (shortDesign), windows drawn from P(· | B) and
// from P alternately as the mixture decides.
func BenchmarkWindowStep(b *testing.B) {
	cfg := pointPConfig(b, 1e-3, shortDesign(3, 0.1007, 2.18))
	s, _, err := newWindow(cfg)
	if err != nil {
		b.Fatal(err)
	}
	ws := s.newWorkspace()
	r := rng.New(1, 2)
	var steps int64
	b.ResetTimer()
	for steps < int64(b.N) {
		steps += s.run(ws, r, nil).steps
	}
}

// BenchmarkBulkPareto and BenchmarkSamplePareto compare the exact
// conditional bulk draw of the pareto law (inversion) with an unconditional
// draw, the cost of a step under P.
func BenchmarkBulkPareto(b *testing.B) {
	c, err := NewConditional(mustPareto(b, 1.5, 0.1, 0.5), 25)
	if err != nil {
		b.Fatal(err)
	}
	r := rng.New(1, 2)
	var sum float64
	for b.Loop() {
		sum += c.Bulk(r)
	}
	_ = sum
}

func BenchmarkSamplePareto(b *testing.B) {
	l := mustPareto(b, 1.5, 0.1, 0.5)
	r := rng.New(1, 2)
	var sum float64
	for b.Loop() {
		sum += l.Sample(r)
	}
	_ = sum
}
