package appendix

import (
	"flag"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// update regenerates the golden files from the fixture, and updateFixture
// the fixture results set first (a simulation, tinySizes):
//
//	go test ./internal/appendix -run TestRenderGolden -update [-update-fixture]
var (
	update        = flag.Bool("update", false, "regenerate the golden files")
	updateFixture = flag.Bool("update-fixture", false, "regenerate testdata/results (with -update)")
)

// tinySizes is a run small enough for a unit test (about 10^6 steps): three
// step sizes per series, a few samples, short paths, a tiny R² experiment.
func tinySizes() Sizes {
	inf := math.Inf(1)
	cells := func(samples int, etas ...float64) []ExitCellSize {
		out := make([]ExitCellSize, len(etas))
		for i, eta := range etas {
			out[i] = ExitCellSize{Eta: eta, Samples: samples, MaxSteps: 200_000}
		}
		return out
	}
	return Sizes{
		Name: "tiny",
		Exits: []ExitSeries{
			{Label: "b=inf", B: inf, Seed: 101, Cells: cells(12, 1e-1, 3e-2, 1e-2, 3e-3)},
			{Label: "b=0.5", B: 0.5, Seed: 102, Cells: cells(12, 1e-1, 5e-2, 3e-2, 1e-2)},
			// The last cell's cap makes censored samples.
			{Label: "b=0.28", B: 0.28, Seed: 103, Cells: append(cells(8, 1e-1, 7e-2, 5e-2),
				ExitCellSize{Eta: 3e-2, Samples: 8, MaxSteps: 100_000})},
		},
		Dynamics: DynamicsSize{
			Eta: pathsEta, B: pathsB, Start: pathsStart, GaussianScale: gaussianScale,
			Replicas: 3, Steps: 40_000, Radius: 0.05, Times: []float64{0.002, 0.005},
			Bins: 32, Blocks: 40, Seed: 104,
		},
		Himmelblau:     tinyHimmelblau(),
		Quadratic:      tinyQuadratic(),
		ShapeBootstrap: 19,
		CurvePoints:    9,
		CheckSamples:   200,
	}
}

// tinyHimmelblau is an R² experiment small enough for a unit test: 3 paths of 10^5
// steps per run (about 1.2 time units of the clipped chain), a coarse basin
// map and a cheap theory (a fraction of a second without the race
// detector, a few seconds with it).
func tinyHimmelblau() HimmelblauSize {
	return HimmelblauSize{Replicas: 3, Steps: 100_000, PathPoints: 400, MapGrid: 41, TheorySamples: 500,
		Basins:           landscapes.BasinMapOptions{Grid: 15, Directions: 90, CacheCells: 64},
		TheoryDirections: 60, Seed: 105}
}

// tinyQuadratic is a 2-D quadratic exit experiment small enough for a unit
// test (about 10^5 steps): three step sizes for J = 1 (so that the trend
// has a residual-scale interval) and two for J = 2, at large η, a few
// replicas each, C* from 2000 paths per cell.
func tinyQuadratic() QuadraticSize {
	f := fullQuadratic()
	j1, j2 := f.Series[0], f.Series[1]
	j1.Cells = cells(12, 1_000_000, 3e-2, 1e-2, 3e-3)
	j2.Cells = cells(12, 1_000_000, 2e-2, 1e-2)
	return QuadraticSize{TheorySamples: 2000, Series: []QuadraticSeries{j1, j2}}
}

// texOf executes the snippet name on data with the LaTeX wording (the
// source the Markdown shares its words with).
func texOf(t *testing.T, name string, data any) string {
	t.Helper()
	w, err := newWording(latex{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := w.execute(text(name, data))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
