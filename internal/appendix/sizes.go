package appendix

import (
	"fmt"
	"math"
)

// ExitCellSize is the size of one first-exit cell: Samples replicas at step
// size Eta, each capped at MaxSteps (a replica reaching the cap is a censored
// sample, never dropped).
type ExitCellSize struct {
	Eta      float64
	Samples  int
	MaxSteps int64
}

// ExitSeries is one curve of the paper's Figure 1 (right): first exits from
// Ω_1 (the paper's Ω_2, started at m_1) of paper-1d with truncation threshold
// B (+Inf: none), over a grid of step sizes.
type ExitSeries struct {
	// Label names the series in files and figures ("b=0.28", "b=inf").
	Label string
	// B is the truncation threshold; +Inf means no truncation.
	B float64
	// Seed is the base of the cells' scenario seeds (see CellSeed): every
	// cell has its own seed, so cells are independent.
	Seed uint64
	// Cells are the step sizes, decreasing.
	Cells []ExitCellSize
}

// DynamicsSize sizes the trajectory experiment of pipeline.RunDynamics (the
// dynamics table) and the location histograms and sample paths (the
// paper's Figure 1 left and middle): Replicas paths of Steps steps from
// Start at step size Eta with b = B, and their untruncated and Gaussian
// (σ = GaussianScale) variants.
type DynamicsSize struct {
	Eta, B, Start, GaussianScale float64
	Replicas                     int
	Steps                        int64
	// Radius and Times configure the marker process and the fdd check of
	// RunDynamics (scenario [dynamics] table).
	Radius float64
	Times  []float64
	// Bins is the number of histogram bins over the domain; Blocks the
	// number of blocks (min and max kept) of the drawn sample path.
	Bins, Blocks int
	// Seed seeds the dynamics scenario and the histogram paths.
	Seed uint64
}

// Sizes is everything that differs between the quick and the full run.
type Sizes struct {
	// Name is "quick" or "full".
	Name string
	// Exits are the first-exit series (figure 1 of the appendix).
	Exits []ExitSeries
	// Dynamics sizes the trajectory experiments.
	Dynamics DynamicsSize
	// Himmelblau sizes the paper's two-dimensional experiment (zero:
	// none).
	Himmelblau HimmelblauSize
	// Quadratic sizes the first exits from the 2-D quadratic well (zero:
	// none).
	Quadratic QuadraticSize
	// ShapeBootstrap is the number of bootstrap samples of the exponential
	// shape test (p-values resolve to 1/(1+ShapeBootstrap)).
	ShapeBootstrap int
	// CurvePoints is the number of η points of each predicted curve.
	CurvePoints int
	// CheckSamples is the number of Monte Carlo paths per side of each
	// minimum of the independent cross-check of the rate constants
	// (theory.CrossCheck).
	CheckSamples int
}

// Validate reports whether the sizes can be run.
func (s Sizes) Validate() error {
	if len(s.Exits) == 0 {
		return fmt.Errorf("exits: no series")
	}
	for _, e := range s.Exits {
		if !(e.B > 0) {
			return fmt.Errorf("exits %s: b must be > 0, got %v", e.Label, e.B)
		}
		if len(e.Cells) < 3 {
			return fmt.Errorf("exits %s: need at least 3 step sizes for the fits, got %d", e.Label, len(e.Cells))
		}
		for _, c := range e.Cells {
			if !(c.Eta > 0) || c.Samples < 2 || c.MaxSteps < 1 {
				return fmt.Errorf("exits %s: bad cell %+v", e.Label, c)
			}
		}
	}
	d := s.Dynamics
	if d.Replicas < 1 || d.Steps < 1 || d.Bins < 1 || d.Blocks < 1 || int64(d.Blocks) > d.Steps {
		return fmt.Errorf("dynamics: bad sizes %+v", d)
	}
	if s.ShapeBootstrap < 1 || s.CurvePoints < 2 || s.CheckSamples < 2 {
		return fmt.Errorf("shape_bootstrap, curve_points, check_samples: must be ≥ 1, ≥ 2 and ≥ 2")
	}
	if err := s.Himmelblau.validate(); err != nil {
		return err
	}
	return s.Quadratic.validate()
}

// ExpectedSteps returns an upper estimate of the steps a series will
// simulate, Σ samples·min(predicted mean, cap), given the predicted mean
// exit time at each cell (measured means sit below it, docs/theory.md §11.2).
func (e ExitSeries) ExpectedSteps(predicted func(eta float64) float64) float64 {
	var s float64
	for _, c := range e.Cells {
		s += float64(c.Samples) * math.Min(predicted(c.Eta), float64(c.MaxSteps))
	}
	return s
}

// The paper's setting (ICLR 2022 section 3.1; docs/theory.md §4.2):
// paper-1d on [−1.6, 1.6], Pareto noise c = 0.1, α = 1.2, p_+ = ½, first
// exits from Ω_1 started at m_1, trajectories from x = 0.3 at η = 10^−3 with
// b = 0.5, Gaussian contrast N(0, 1).
const (
	paperAlpha    = 1.2
	paperScale    = 0.1
	exitBasin     = 1 // Ω_1 (the paper's Ω_2)
	pathsEta      = 1e-3
	pathsB        = 0.5
	pathsStart    = 0.3
	gaussianScale = 1.0
	// paperCap is the paper's termination threshold 5·10^7 steps.
	paperCap = 50_000_000
)

func cells(samples int, maxSteps int64, etas ...float64) []ExitCellSize {
	out := make([]ExitCellSize, len(etas))
	for i, eta := range etas {
		out[i] = ExitCellSize{Eta: eta, Samples: samples, MaxSteps: maxSteps}
	}
	return out
}

// Full returns the sizes of `make paper`. Predicted mean exit times from Ω_1
// (1/(q η λ^J), docs/theory.md §6; q = 1.4896, 4.0809, 3.3906 for b = ∞,
// 0.5, 0.28) are 10.6·η^{−1.2}, 61.6·η^{−1.4} and 1174·η^{−1.6} steps, so the
// series below cost at most about 7.8·10^9, 8.6·10^9 and 9.3·10^9 steps
// (measured means are lower), plus 7·10^8 for the trajectories: about 26
// minutes on 2 cores at 110 ns/step. b = 0.28 reaches η = 10^−3 only with the
// paper's cap 5·10^7, so its last cell is partly censored. The R² experiment
// (fullHimmelblau) adds about 3 minutes, the 2-D quadratic exits
// (fullQuadratic) about 10.
func Full() Sizes {
	inf := math.Inf(1)
	const noCap = 2_000_000_000
	return Sizes{
		Name: "full",
		Exits: []ExitSeries{
			{Label: "b=inf", B: inf, Seed: 101, Cells: append(append(
				cells(4000, noCap, 1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4),
				cells(2000, noCap, 1e-4)...),
				ExitCellSize{Eta: 3e-5, Samples: 800, MaxSteps: noCap},
				ExitCellSize{Eta: 1e-5, Samples: 300, MaxSteps: noCap})},
			{Label: "b=0.5", B: 0.5, Seed: 102, Cells: append(
				cells(4000, noCap, 1e-1, 3e-2, 1e-2, 3e-3),
				ExitCellSize{Eta: 1e-3, Samples: 2000, MaxSteps: noCap},
				ExitCellSize{Eta: 3e-4, Samples: 500, MaxSteps: noCap},
				ExitCellSize{Eta: 1e-4, Samples: 120, MaxSteps: noCap})},
			{Label: "b=0.28", B: 0.28, Seed: 103, Cells: append(
				cells(2000, noCap, 1e-1, 5e-2, 3e-2, 2e-2),
				ExitCellSize{Eta: 1e-2, Samples: 1000, MaxSteps: noCap},
				ExitCellSize{Eta: 5e-3, Samples: 300, MaxSteps: noCap},
				ExitCellSize{Eta: 2e-3, Samples: 60, MaxSteps: noCap},
				ExitCellSize{Eta: 1e-3, Samples: 40, MaxSteps: paperCap})},
		},
		Dynamics: DynamicsSize{
			Eta: pathsEta, B: pathsB, Start: pathsStart, GaussianScale: gaussianScale,
			Replicas: 10, Steps: 10_000_000, Radius: 0.05, Times: []float64{0.5, 1, 2},
			Bins: 160, Blocks: 2000, Seed: 104,
		},
		Himmelblau:     fullHimmelblau(),
		Quadratic:      fullQuadratic(),
		ShapeBootstrap: 999,
		CurvePoints:    61,
		CheckSamples:   200_000,
	}
}

// Quick returns the sizes of `make paper-quick`: the same pipeline with few
// samples and the cheap end of each η grid, about 10^8 steps (well under a
// minute on 2 cores). Its replicas are the first replicas of the full run
// (same seeds and streams), so quick numbers are a noisy preview of the
// full ones.
func Quick() Sizes {
	f := Full()
	q := Sizes{Name: "quick", ShapeBootstrap: 199, CurvePoints: 31, CheckSamples: 10_000}
	keep := map[string][]float64{
		"b=inf":  {1e-1, 1e-2, 1e-3, 1e-4},
		"b=0.5":  {1e-1, 3e-2, 1e-2, 3e-3},
		"b=0.28": {1e-1, 5e-2, 3e-2, 2e-2},
	}
	samples := map[string]int{"b=inf": 80, "b=0.5": 80, "b=0.28": 50}
	for _, s := range f.Exits {
		qs := s
		qs.Cells = nil
		for _, eta := range keep[s.Label] {
			qs.Cells = append(qs.Cells, ExitCellSize{Eta: eta, Samples: samples[s.Label], MaxSteps: 20_000_000})
		}
		q.Exits = append(q.Exits, qs)
	}
	q.Dynamics = f.Dynamics
	q.Dynamics.Replicas = 4
	q.Dynamics.Steps = 1_000_000
	q.Dynamics.Blocks = 500
	q.Himmelblau = quickHimmelblau()
	q.Quadratic = quickQuadratic()
	return q
}

// CellSeed returns the scenario seed of the cell at step size eta,
//
//	seed = 10^4·Seed + round(1000·log10(1/η)),
//
// a function of the series and η only (not of the grid), so that a cell of
// the quick run draws the same random streams as the same cell of the full
// run, and distinct cells of a series never share streams.
func (e ExitSeries) CellSeed(eta float64) int64 {
	return int64(e.Seed)*10_000 + int64(math.Round(1000*math.Log10(1/eta)))
}

// SizesByName returns Quick() or Full().
func SizesByName(name string) (Sizes, error) {
	switch name {
	case "quick":
		return Quick(), nil
	case "full":
		return Full(), nil
	}
	return Sizes{}, fmt.Errorf("sizes: want quick or full, got %q", name)
}
