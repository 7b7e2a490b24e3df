package mc

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/rng"
)

// doubleWell is f(x) = (x²−1)²/4 on [−2, 2]: minima ±1, saddle 0. It is a
// test double so that package mc's tests do not depend on other packages'
// landscapes.
type doubleWell struct{}

func (doubleWell) Dim() int                          { return 1 }
func (doubleWell) Value(x []float64) float64         { return doubleWell{}.F(x[0]) }
func (doubleWell) Gradient(d, x []float64) []float64 { d[0] = doubleWell{}.Deriv(x[0]); return d }
func (doubleWell) F(x float64) float64               { return (x*x - 1) * (x*x - 1) / 4 }
func (doubleWell) Deriv(x float64) float64           { return x * (x*x - 1) }
func (doubleWell) Domain() (float64, float64)        { return -2, 2 }
func (doubleWell) Name() string                      { return "double-well" }

var doubleWellStructure = landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 2}

// symmetricPareto is Z = U·W with P(W > w) = w^{−α}, w ≥ 1, U = ±1 fair: a
// minimal test double of a heavy-tailed law.
type symmetricPareto struct{ alpha float64 }

func (symmetricPareto) Name() string { return "test-pareto" }
func (p symmetricPareto) Sample(r *rng.Rand) float64 {
	w := math.Exp(r.ExpFloat64() / p.alpha)
	if r.Uint64()&1 == 0 {
		return -w
	}
	return w
}
func (p symmetricPareto) CDF(x float64) float64 {
	if x <= -1 {
		return 0.5 * math.Pow(-x, -p.alpha)
	}
	if x < 1 {
		return 0.5
	}
	return 1 - 0.5*math.Pow(x, -p.alpha)
}
func (p symmetricPareto) Tail(x float64) float64 {
	if x < 1 {
		return 1
	}
	return math.Pow(x, -p.alpha)
}
func (symmetricPareto) HeavyTailed() bool { return true }
func (p symmetricPareto) Alpha() float64  { return p.alpha }
func (symmetricPareto) PPlus() float64    { return 0.5 }
