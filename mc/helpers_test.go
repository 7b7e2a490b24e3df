package mc

import (
	"context"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// doubleWell is f(x) = (x²−1)²/4 on [−2, 2]: minima ±1, saddle 0. It is a
// test double so that package mc's tests do not depend on other packages'
// landscapes, and a user-defined type: it runs on the interface kernels.
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

// doubleWellSystem is the double well with the symmetric Pareto double
// (α = 1.5) on the projection interval [−2, 2].
func doubleWellSystem(eta, b float64) System {
	return System{Landscape: doubleWell{}, Basins: doubleWellStructure, Noise: noise.Scalar{Law: symmetricPareto{alpha: 1.5}},
		Eta: eta, B: b, Domain: landscapes.Interval{Lo: -2, Hi: 2}}
}

// lineSystem is the system of a concrete 1-D landscape with its structure
// and law, projected onto the landscape's domain.
func lineSystem(l landscapes.Line, st landscapes.Structure, law noise.Law, eta, b float64) System {
	return System{Landscape: l, Basins: st, Noise: noise.Scalar{Law: law}, Eta: eta, B: b, Domain: landscapes.IntervalOf(l)}
}

// quadSystem is the 2-D quadratic well with Hessian [[1.5, 0.5], [0.5, 1]]
// and ball basin of radius R under isotropic Pareto noise (α = 1.5, c = 1),
// without projection.
func quadSystem(t testing.TB, R, eta, b float64) System {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, R)
	if err != nil {
		t.Fatal(err)
	}
	law, err := noise.NewPareto(1.5, 1, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	z, err := noise.NewRadial(2, law, nil)
	if err != nil {
		t.Fatal(err)
	}
	return System{Landscape: q, Basins: q, Noise: z, Eta: eta, B: b}
}

// runExits runs RunExits and returns the records sorted by replica.
func runExits(ctx context.Context, e FirstExit, key StreamKey, set ReplicaSet, workers int) ([]ExitRecord, error) {
	var recs []ExitRecord
	err := RunExits(ctx, e, key, set, workers, func(r ExitRecord) { recs = append(recs, r) })
	slices.SortFunc(recs, func(a, b ExitRecord) int { return a.Replica - b.Replica })
	return recs, err
}

// runTrajectories runs RunTrajectories and returns the records sorted by
// replica.
func runTrajectories(ctx context.Context, e Trajectory, key StreamKey, set ReplicaSet, workers int) ([]TrajectoryRecord, error) {
	var recs []TrajectoryRecord
	err := RunTrajectories(ctx, e, key, set, workers, func(r TrajectoryRecord) { recs = append(recs, r) })
	slices.SortFunc(recs, func(a, b TrajectoryRecord) int { return a.Replica - b.Replica })
	return recs, err
}

// Basin maps are costly to build (a descent from every grid point and a
// radial bisection per direction) and safe for concurrent use, and Locate
// is a function of the point only: the tests share one map per landscape.
var (
	gaussianWellsOnce, himmelblauOnce sync.Once
	gaussianWellsMap, himmelblauMap   *landscapes.BasinMap
	gaussianWellsErr, himmelblauErr   error
)

// gaussianWells returns the two-well landscape of the tests,
// f = confinement − Σ depth·exp(−‖x − centre‖²/(2 width²)) with wells at
// (±1, 0), and its basin map on the ball of radius 2.5.
func gaussianWells(t testing.TB) (landscapes.GaussianWells, *landscapes.BasinMap) {
	g, err := landscapes.NewGaussianWells([][]float64{{-1, 0}, {1, 0}}, []float64{0.3, 0.3}, []float64{0.5, 0.5}, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	gaussianWellsOnce.Do(func() {
		gaussianWellsMap, gaussianWellsErr = landscapes.NewBasinMap(context.Background(), g,
			landscapes.BasinMapOptions{Domain: landscapes.Ball{Radius: 2.5}, Grid: 15, Directions: 90, CacheCells: 64})
	})
	if gaussianWellsErr != nil {
		t.Fatal(gaussianWellsErr)
	}
	return g, gaussianWellsMap
}

// himmelblau returns the paper's modified Himmelblau function and its basin
// map on the ball of radius 4.2 (coarser than the scenario's).
func himmelblau(t testing.TB) (landscapes.HimmelblauModified, *landscapes.BasinMap) {
	h, err := landscapes.NewHimmelblauModified(landscapes.PaperHimmelblau())
	if err != nil {
		t.Fatal(err)
	}
	himmelblauOnce.Do(func() {
		himmelblauMap, himmelblauErr = landscapes.NewBasinMap(context.Background(), h,
			landscapes.BasinMapOptions{Domain: landscapes.Ball{Radius: 4.2}, Grid: 21, Directions: 180, CacheCells: 128})
	})
	if himmelblauErr != nil {
		t.Fatal(himmelblauErr)
	}
	return h, himmelblauMap
}
