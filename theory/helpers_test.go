package theory

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// inf is b = ∞ (no truncation).
var inf = math.Inf(1)

var paperOnce struct {
	sync.Once
	p   landscapes.Paper1D
	s   landscapes.Structure
	err error
}

// pareto returns the Pareto law with tail index alpha, scale c and p_+ as
// the noise of a system on the real line.
func pareto(t testing.TB, alpha, c, pPlus float64) noise.Scalar {
	t.Helper()
	l, err := noise.NewPareto(alpha, c, pPlus)
	if err != nil {
		t.Fatal(err)
	}
	return noise.Scalar{Law: l}
}

// paperModel is paper-1d on [−1.6, 1.6] with the noise of docs/theory.md
// §10.1: Pareto, c = 0.1, α = 1.2, p_+ = ½, truncation b.
func paperModel(t testing.TB, b float64) Model {
	t.Helper()
	paperOnce.Do(func() {
		paperOnce.p, paperOnce.err = landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
		if paperOnce.err == nil {
			paperOnce.s, paperOnce.err = landscapes.Discover(paperOnce.p)
		}
	})
	if paperOnce.err != nil {
		t.Fatal(paperOnce.err)
	}
	return Model{Landscape: paperOnce.p, Basins: paperOnce.s, Noise: pareto(t, 1.2, 0.1, 0.5), B: b,
		Domain: landscapes.IntervalOf(paperOnce.p)}
}

// quadraticModel is the fixture of docs/theory.md §10.2: f = x²/2 with the
// open basin (a, c), α = 1.5, p_± = ½, truncation b.
func quadraticModel(t testing.TB, a, c, b float64) Model {
	t.Helper()
	q, err := landscapes.NewQuadratic(1, a, c)
	if err != nil {
		t.Fatal(err)
	}
	return Model{Landscape: q, Basins: q.Structure(), Noise: pareto(t, 1.5, 1, 0.5), B: b, Domain: landscapes.IntervalOf(q)}
}

// curveFunc is a loss on the real line given by its derivative only: a
// landscapes.Landscape and landscapes.Curve for hand-made structures.
type curveFunc func(float64) float64

func (curveFunc) Dim() int                  { return 1 }
func (curveFunc) Value([]float64) float64   { return math.NaN() }
func (curveFunc) F(float64) float64         { return math.NaN() }
func (f curveFunc) Deriv(x float64) float64 { return f(x) }
func (f curveFunc) Gradient(dst, x []float64) []float64 {
	dst[0] = f(x[0])
	return dst
}

// structureModel is a model on the fast path with the structure s, the
// derivative deriv, Pareto noise (α, p_+) and truncation b; the projection
// is the interval of s.
func structureModel(t testing.TB, s landscapes.Structure, deriv func(float64) float64, alpha, pPlus, b float64) Model {
	return Model{Landscape: curveFunc(deriv), Basins: s, Noise: pareto(t, alpha, 1, pPlus), B: b,
		Domain: landscapes.Interval{Lo: s.Lo, Hi: s.Hi}}
}

// curveOf returns the fast path of m, failing the test when m is not on it.
func curveOf(t testing.TB, m Model) curveModel {
	t.Helper()
	c, exact, err := m.method()
	if err != nil {
		t.Fatal(err)
	}
	if !exact {
		t.Fatal("the model is not on the one-dimensional fast path")
	}
	return c
}

// agrees reports whether got rounds to the decimal number want, as printed
// in docs/theory.md §10: |got − want| ≤ half a unit in want's last digit (e.g.
// "0.276749" accepts [0.2767485, 0.2767495]). This is "to 6 significant
// digits" for the 6- and 7-digit numbers of §10.1 and §10.2.
func agrees(got float64, want string) bool {
	w, err := strconv.ParseFloat(want, 64)
	if err != nil {
		panic(err)
	}
	decimals := 0
	if k := strings.IndexByte(want, '.'); k >= 0 {
		decimals = len(want) - k - 1
	}
	return math.Abs(got-w) <= 0.5*math.Pow(10, -float64(decimals))*(1+1e-9)
}

// mustAnalyse runs Analyse with the default options and fails the test on
// error.
func mustAnalyse(t testing.TB, m Model) *Analysis {
	t.Helper()
	a, err := Analyse(context.Background(), m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
