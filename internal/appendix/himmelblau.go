package appendix

import (
	"fmt"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/scenario"
)

// The paper's R² experiment (Wang, Oh & Rhee, ICLR 2022, Appendix A.2 and
// Figure 3; docs/theory.md §8 and §9): the modified Himmelblau function
// (landscapes.PaperHimmelblau) projected onto the ball ‖x‖ ≤ 4.2, noise
// Z = 0.75·W·Θ with W Pareto(1.2) and Θ uniform on the circle, η = 5·10^−4,
// start (2.9, 1.0) next to the minimizer (3, 1) of Ω_3, clipping at
// b = 2.15 against none, and a point "visits" Ω_i when it is within 0.5 of
// its set of minimizers.
const (
	himmelblauEta         = 5e-4
	himmelblauB           = 2.15
	himmelblauScale       = 0.75
	himmelblauAlpha       = 1.2
	himmelblauDomain      = 4.2
	himmelblauVisitRadius = 0.5
	// himmelblauName is the scenario's name and file name under DirScenarios.
	himmelblauName = "rd-himmelblau"
)

// himmelblauStart is the paper's X_0.
var himmelblauStart = []float64{2.9, 1.0}

// himmelblauScenario is the experiment as a scenario file: the paper's setting with
// a [dynamics] table of d's sizes (replicas, steps, visiting radius) and
// seed d.Seed. Its [run] table (one sample, cap one step) is required by
// the format but unused: the scenario is for `verify dynamics`.
func himmelblauScenario(d HimmelblauSize) *scenario.Scenario {
	alpha, radius, b := himmelblauAlpha, himmelblauDomain, himmelblauB
	return &scenario.Scenario{
		Name:      himmelblauName,
		Landscape: scenario.Landscape{Kind: scenario.KindHimmelblau, DomainRadius: &radius},
		Noise:     scenario.Noise{Law: scenario.LawPareto, Alpha: &alpha, Scale: himmelblauScale, Angular: scenario.AngularIsotropic},
		SGD:       scenario.SGD{B: &b, Eta: []float64{himmelblauEta}, StartX: append(scenario.Point(nil), himmelblauStart...)},
		Run:       scenario.Run{Samples: 1, MaxSteps: 1, Seed: int64(d.Seed)},
		Dynamics:  &scenario.Dynamics{Replicas: d.Replicas, Steps: d.Steps, Radius: himmelblauVisitRadius},
	}
}

// HimmelblauSize sizes the paper's R² experiment (himmelblau.go): Replicas
// trajectories of Steps steps per variant (clipped at b = 2.15 and
// unclipped) through pipeline.RunDynamics, the thinned sample path of
// replica 0 and the basin map drawn in the figure, and the numerical
// options of the basin map and of the theory.
//
// The zero HimmelblauSize (Replicas = 0) means no R² experiment: Run skips it and
// Render omits its section (the tests use this to keep the race-detector
// run short).
type HimmelblauSize struct {
	// Replicas is the number of trajectories per run ([dynamics]
	// replicas) and Steps their length ([dynamics] steps).
	Replicas int
	Steps    int64
	// PathPoints is the number of points of the thinned sample path of
	// replica 0 of each variant (every ⌊Steps/PathPoints⌋-th iterate).
	PathPoints int
	// MapGrid is the number of grid points per axis of the basin labels
	// and loss values drawn under the paths.
	MapGrid int
	// TheorySamples is the number of Monte Carlo paths per minimum set for
	// the constants C* and the landing law (verify's -theory-samples; 0:
	// the theory's default, 20000).
	TheorySamples int
	// Basins are the options of the basin map (zero: the landscapes
	// defaults, which `verify` uses) and TheoryDirections the number of ray
	// directions of the R^d theory (0: its default). Coarser values make
	// the quick and test runs cheap; only with the defaults does `verify
	// dynamics` on the scenario file reproduce rd_dynamics.json byte for
	// byte (HimmelblauTheoryFile.Reproducible).
	Basins           landscapes.BasinMapOptions
	TheoryDirections int
	// Seed seeds the scenario (streams of the trajectories and of the
	// theory's Monte Carlo integrals).
	Seed uint64
}

// enabled reports whether the R² experiment is run.
func (d HimmelblauSize) enabled() bool { return d.Replicas > 0 }

// defaultNumerics reports whether the basin map and the theory use the
// options `verify` uses, so that `verify dynamics` reproduces the run.
func (d HimmelblauSize) defaultNumerics() bool {
	return d.Basins.Grid == 0 && d.Basins.Directions == 0 && d.Basins.CacheCells == 0 && d.Basins.MergeTol == 0 &&
		d.Basins.Lo == nil && d.Basins.Hi == nil && d.Basins.Minima == nil && d.TheoryDirections == 0
}

// validate reports whether an enabled size can be run.
func (d HimmelblauSize) validate() error {
	if !d.enabled() {
		return nil
	}
	switch {
	case d.Steps < 1:
		return fmt.Errorf("himmelblau: steps must be ≥ 1, got %d", d.Steps)
	case d.PathPoints < 2 || int64(d.PathPoints) > d.Steps:
		return fmt.Errorf("himmelblau: path_points must be in [2, steps], got %d", d.PathPoints)
	case d.MapGrid < 8:
		return fmt.Errorf("himmelblau: map_grid must be ≥ 8, got %d", d.MapGrid)
	case d.TheorySamples < 0 || d.TheoryDirections < 0:
		return fmt.Errorf("himmelblau: theory_samples and theory_directions must be ≥ 0")
	}
	return nil
}

// fullHimmelblau is the paper's experiment at the paper's length: 3·10^7 steps per
// replica, 16 replicas per variant for intervals across replicas (the paper
// ran one). At about 190 ns per step (basin labels included) that is about
// 190 CPU seconds of simulation, plus about a minute for the basin map and
// the theory (C* by Monte Carlo, 20000 paths per set).
func fullHimmelblau() HimmelblauSize {
	return HimmelblauSize{Replicas: 16, Steps: 30_000_000, PathPoints: 6000, MapGrid: 161, Seed: 105}
}

// quickHimmelblau is the quick preview: the first 2 replicas of the full run's
// streams over 10^6 steps, with a coarse basin map and a cheap theory, a few
// seconds in all. Its numbers are noisy and not reproducible by `verify`
// (coarse numerics), but its trajectories are prefixes of the full run's.
func quickHimmelblau() HimmelblauSize {
	return HimmelblauSize{Replicas: 2, Steps: 1_000_000, PathPoints: 2000, MapGrid: 81, TheorySamples: 1000,
		Basins:           landscapes.BasinMapOptions{Grid: 15, Directions: 90, CacheCells: 128},
		TheoryDirections: 60, Seed: 105}
}
